/// Builds a vertical key for circle sizes: a title, then three reference circles with their values.
struct SizeKey: Sendable, Hashable {
    /// The range of the sized values.
    var extent: ClosedRange<Double>
    /// The title written above the circles, or empty for none.
    var title: String
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// The smallest and largest circle radius.
    static let radii = (smallest: 2.0, largest: 10.0)

    /// The radius at a position 0…1 along the sized range: the circle's area grows linearly with the value.
    ///
    /// - Parameter t: The position; values outside 0…1 are clamped, NaN gets the smallest circle.
    /// - Returns: The radius in points.
    static func radius(at t: Double) -> Double {
        let (low, high) = radii
        guard t.isFinite else { return low }
        let t = min(max(t, 0), 1)
        return (low * low + t * (high * high - low * low)).squareRoot()
    }

    /// The reference values: two to four nice values inside the extent, or its ends when fewer fit.
    var values: [(value: Double, label: String)] {
        let low = extent.lowerBound
        let high = extent.upperBound
        guard high > low else { return [(low, NumberFormatting.general(low))] }
        if let set = TickSet.within(low, high, maxCount: 4), set.count >= 2 {
            let format = TickLabelFormat(ticks: set.values, step: set.step)
            return set.values.map { ($0, format.label($0)) }
        }
        return [(low, NumberFormatting.general(low)), (high, NumberFormatting.general(high))]
    }

    private func radius(of value: Double) -> Double {
        Self.radius(at: (value - extent.lowerBound) / (extent.upperBound - extent.lowerBound))
    }

    private var titleExtent: Double { title.isEmpty ? 0 : theme.lineHeight(theme.legendSize) + 4 }
    private var rowGap: Double { 6 }
    private var labelGap: Double { 8 }

    /// The key's width.
    var width: Double {
        let labels = values.map { TextMetrics.width(of: $0.label, fontSize: theme.tickLabelSize) }.max() ?? 0
        let titleWidth = title.isEmpty ? 0 : TextMetrics.width(of: title, fontSize: theme.legendSize)
        return min(max(2 * Self.radii.largest + labelGap + labels, titleWidth), 120)
    }

    /// The key's height.
    var height: Double {
        titleExtent + values.reduce(0) { $0 + max(2 * radius(of: $1.value), theme.lineHeight(theme.tickLabelSize)) }
            + rowGap * Double(max(values.count - 1, 0))
    }

    /// The key's marks with its top-left corner at (`x`, `top`).
    ///
    /// - Parameters:
    ///   - x: The left edge.
    ///   - top: The top edge.
    /// - Returns: One group named `size-key`.
    func marks(x: Double, top: Double) -> [Mark] {
        var marks: [Mark] = []
        if !title.isEmpty {
            let size = theme.legendSize
            let text = TextMetrics.truncated(title, toWidth: width, fontSize: size)
            marks.append(.label(text, at: Point(x: x, y: top + size * TextMetrics.capHeight), size: size))
        }
        var y = top + titleExtent
        let style = Style(
            fill: .theme(.secondary), fillOpacity: 0.25, stroke: .theme(.secondary), strokeWidth: 0.75
        )
        let size = theme.tickLabelSize
        for (value, label) in values {
            let radius = radius(of: value)
            let rowHeight = max(2 * radius, theme.lineHeight(size))
            let middle = y + rowHeight / 2
            let center = Point(x: x + Self.radii.largest, y: middle)
            marks.append(.circle(CircleMark(center: center, radius: radius, style: style)))
            let baseline = middle + size * TextMetrics.capHeight / 2
            let position = Point(x: x + 2 * Self.radii.largest + labelGap, y: baseline)
            marks.append(.label(label, at: position, size: size, fill: .theme(.secondary)))
            y += rowHeight + rowGap
        }
        return [.group(GroupMark(name: "size-key", marks: marks))]
    }
}
