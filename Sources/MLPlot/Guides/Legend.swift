/// Builds a horizontal legend: an optional title, then swatch–label entries that wrap onto further rows.
struct Legend: Sendable, Hashable {
    /// One legend entry.
    struct Entry: Sendable, Hashable {
        /// The label.
        var label: String
        /// How the swatch square is painted.
        var swatch: Style
    }

    /// The title written before the first entry, or `nil`.
    var title: String?
    /// The entries in order.
    var entries: [Entry]
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// The gap between a swatch and its label.
    private var swatchGap: Double { 6 }
    /// The gap between two entries.
    private var entryGap: Double { 18 }
    /// The height of one row.
    private var rowHeight: Double { max(theme.swatchSize, theme.lineHeight(theme.legendSize)) }
    /// The gap between rows.
    private var rowGap: Double { 4 }
    /// The longest label drawn in full.
    private var maxLabelWidth: Double { 220 }

    /// The legend's size when wrapped to `maxWidth`.
    ///
    /// - Parameter maxWidth: The available width.
    /// - Returns: The width and height used.
    func size(maxWidth: Double) -> (width: Double, height: Double) {
        let items = arrange(maxWidth: maxWidth)
        let width = items.map { $0.x + $0.width }.max() ?? 0
        let rows = (items.map(\.row).max() ?? 0) + 1
        return (width, Double(rows) * rowHeight + Double(rows - 1) * rowGap)
    }

    /// The legend's marks with its top-left corner at `origin`.
    ///
    /// - Parameters:
    ///   - origin: The top-left corner.
    ///   - maxWidth: The available width.
    /// - Returns: One group named `legend`.
    func marks(origin: Point, maxWidth: Double) -> [Mark] {
        var marks: [Mark] = []
        let size = theme.legendSize
        for item in arrange(maxWidth: maxWidth) {
            let top = origin.y + Double(item.row) * (rowHeight + rowGap)
            let baseline = top + rowHeight / 2 + size * TextMetrics.capHeight / 2
            var x = origin.x + item.x
            if let swatch = item.swatch {
                let swatchTop = top + (rowHeight - theme.swatchSize) / 2
                let square = Rect(x: x, y: swatchTop, width: theme.swatchSize, height: theme.swatchSize)
                marks.append(.rect(RectMark(square, cornerRadius: 2, style: swatch)))
                x += theme.swatchSize + swatchGap
            }
            let fill = Paint.theme(item.swatch == nil ? .foreground : .secondary)
            marks.append(.label(item.text, at: Point(x: x, y: baseline), size: size, fill: fill))
        }
        return [.group(GroupMark(name: "legend", marks: marks))]
    }

    private struct Item {
        var text: String
        var swatch: Style?
        var x: Double
        var width: Double
        var row: Int
    }

    /// Places the title and entries left to right, starting a new row when the next one would not fit.
    private func arrange(maxWidth: Double) -> [Item] {
        let size = theme.legendSize
        var items: [Item] = []
        var x = 0.0
        var row = 0
        func place(_ text: String, swatch: Style?, gapAfter: Double) {
            let labelWidth = min(maxLabelWidth, maxWidth - (swatch == nil ? 0 : theme.swatchSize + swatchGap))
            let label = TextMetrics.truncated(text, toWidth: labelWidth, fontSize: size)
            let width =
                (swatch == nil ? 0 : theme.swatchSize + swatchGap) + TextMetrics.width(of: label, fontSize: size)
            if x > 0, x + width > maxWidth {
                row += 1
                x = 0
            }
            items.append(Item(text: label, swatch: swatch, x: x, width: width, row: row))
            x += width + gapAfter
        }
        if let title, !title.isEmpty { place(title, swatch: nil, gapAfter: 10) }
        for entry in entries { place(entry.label, swatch: entry.swatch, gapAfter: entryGap) }
        return items
    }
}
