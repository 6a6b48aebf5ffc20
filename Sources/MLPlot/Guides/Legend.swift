/// Builds a horizontal legend: an optional title, then swatch–label entries that wrap onto further rows.
struct Legend: Sendable, Hashable {
    /// One legend entry.
    struct Entry: Sendable, Hashable {
        /// The label.
        var label: String
        /// How the swatch is painted.
        var swatch: Style
        /// The swatch's shape.
        var symbol: Symbol = .square
    }

    /// The shape of a legend swatch.
    enum Symbol: Sendable, Hashable {
        /// A square with rounded corners, for bars and areas.
        case square
        /// A circle of this radius, for scatter points.
        case circle(radius: Double)
        /// A short line drawn with the swatch's stroke, for line series: over a band in the swatch's fill when it
        /// has one, and with a dot in the middle when `marker` is set.
        case line(marker: Bool)
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
                marks += symbolMarks(item.symbol, swatch, x: x, middle: top + rowHeight / 2)
                x += symbolWidth(item.symbol) + swatchGap
            }
            let fill = Paint.theme(item.swatch == nil ? .foreground : .secondary)
            marks.append(.label(item.text, at: Point(x: x, y: baseline), size: size, fill: fill))
        }
        return [.group(GroupMark(name: "legend", marks: marks))]
    }

    /// The width a swatch takes.
    private func symbolWidth(_ symbol: Symbol) -> Double {
        switch symbol {
        case .square: theme.swatchSize
        case .circle(let radius): max(2 * radius, theme.swatchSize)
        case .line: 22
        }
    }

    /// The marks of one swatch, with its left edge at `x` and centred on `middle`.
    private func symbolMarks(_ symbol: Symbol, _ style: Style, x: Double, middle: Double) -> [Mark] {
        switch symbol {
        case .square:
            let side = theme.swatchSize
            return [
                .rect(
                    RectMark(Rect(x: x, y: middle - side / 2, width: side, height: side), cornerRadius: 2, style: style)
                )
            ]
        case .circle(let radius):
            let center = Point(x: x + symbolWidth(symbol) / 2, y: middle)
            return [.circle(CircleMark(center: center, radius: radius, style: style))]
        case .line(let marker):
            var marks: [Mark] = []
            let width = symbolWidth(symbol)
            if let fill = style.fill {
                let band = Rect(x: x, y: middle - 5, width: width, height: 10)
                marks.append(.rect(RectMark(band, style: .filled(fill, opacity: style.fillOpacity))))
            }
            if let stroke = style.stroke {
                var line = Style.stroked(stroke, width: style.strokeWidth, dash: style.dash)
                line.strokeOpacity = style.strokeOpacity
                marks.append(.segment(Point(x: x, y: middle), Point(x: x + width, y: middle), line))
                if marker {
                    let dot = Style(fill: stroke, stroke: .theme(.background), strokeWidth: 1)
                    marks.append(.circle(CircleMark(center: Point(x: x + width / 2, y: middle), radius: 3, style: dot)))
                }
            }
            return marks
        }
    }

    private struct Item {
        var text: String
        var swatch: Style?
        var symbol: Symbol = .square
        var x: Double
        var width: Double
        var row: Int
    }

    /// `text` cut to `width` with an ellipsis, keeping a trailing parenthesis whole: in `model: class vs rest
    /// (AUC = 0.912)` the name is shortened, never the score.
    static func truncated(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard TextMetrics.width(of: text, fontSize: fontSize) > width, text.hasSuffix(")"),
            let open = text.lastIndex(of: "("), open > text.startIndex,
            text[text.index(before: open)] == " "
        else { return TextMetrics.truncated(text, toWidth: width, fontSize: fontSize) }
        let space = text.index(before: open)
        let suffix = String(text[space...])
        let room = width - TextMetrics.width(of: suffix, fontSize: fontSize)
        let head = String(text[..<space])
        guard room > TextMetrics.width(of: "M…", fontSize: fontSize) else {
            return TextMetrics.truncated(text, toWidth: width, fontSize: fontSize)
        }
        return TextMetrics.truncated(head, toWidth: room, fontSize: fontSize) + suffix
    }

    /// Places the title and entries left to right, starting a new row when the next one would not fit.
    private func arrange(maxWidth: Double) -> [Item] {
        let size = theme.legendSize
        var items: [Item] = []
        var x = 0.0
        var row = 0
        func place(_ text: String, swatch: Style?, symbol: Symbol = .square, gapAfter: Double) {
            let swatchWidth = swatch == nil ? 0 : symbolWidth(symbol) + swatchGap
            let labelWidth = min(maxLabelWidth, maxWidth - swatchWidth)
            let label = Self.truncated(text, toWidth: labelWidth, fontSize: size)
            let width = swatchWidth + TextMetrics.width(of: label, fontSize: size)
            if x > 0, x + width > maxWidth {
                row += 1
                x = 0
            }
            items.append(Item(text: label, swatch: swatch, symbol: symbol, x: x, width: width, row: row))
            x += width + gapAfter
        }
        if let title, !title.isEmpty { place(title, swatch: nil, gapAfter: 10) }
        for entry in entries { place(entry.label, swatch: entry.swatch, symbol: entry.symbol, gapAfter: entryGap) }
        return items
    }
}
