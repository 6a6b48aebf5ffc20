/// Builds a vertical colour-bar legend: a title, a gradient bar drawn as thin stacked rectangles (so it renders
/// the same in SVG and TikZ, which share no gradient syntax), and nice ticks with labels on its right.
struct ColorBar: Sendable, Hashable {
    /// The colour scale, with a domain (see ``ColorScale/fitted(to:)``).
    var scale: ColorScale
    /// The title written above the bar, or empty for none.
    var title: String
    /// Whether ticks must be whole numbers (counts).
    var integerTicks = false
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// The bar's width.
    var barWidth: Double { 12 }
    /// The number of rectangles the gradient is drawn with: one per 3 points of bar, 32 to 96, so the steps
    /// stay below what the eye separates without bloating the file.
    private func segments(_ barHeight: Double) -> Int { min(max(Int(barHeight / 3), 32), 96) }
    /// The widest the block may be; longer titles are shortened.
    var maxWidth: Double { 120 }

    /// The domain shown, from ``scale``.
    private var domain: ClosedRange<Double> { scale.domain ?? 0...1 }

    /// The block's width: the bar, its ticks and labels, or the title when wider (up to ``maxWidth``).
    ///
    /// - Parameter height: The block's height, which decides the ticks.
    /// - Returns: The width in points.
    func width(height: Double) -> Double {
        let labels = ticks(barHeight: barHeight(height)).map {
            TextMetrics.width(of: $0.label, fontSize: theme.tickLabelSize)
        }
        let barBlock = barWidth + theme.tickLength + theme.tickLabelGap + (labels.max() ?? 0)
        return min(max(barBlock, titleWidth), max(maxWidth, barBlock))
    }

    private var titleWidth: Double {
        title.isEmpty ? 0 : TextMetrics.width(of: title, fontSize: theme.legendSize)
    }

    /// The height of the title line and the gap under it.
    private var titleExtent: Double {
        title.isEmpty ? 0 : theme.lineHeight(theme.legendSize) + 4
    }

    private func barHeight(_ height: Double) -> Double { max(height - titleExtent, 20) }

    /// The tick values and labels for a bar of the given height.
    private func ticks(barHeight: Double) -> [(value: Double, label: String)] {
        let count = min(max(Int(barHeight / 40) + 1, 2), 8)
        guard
            let set = TickSet.within(
                domain.lowerBound, domain.upperBound, maxCount: count, minimumStep: integerTicks ? 1 : 0
            )
        else { return [] }
        let format = TickLabelFormat(ticks: set.values, step: set.step)
        return set.values.map { ($0, format.label($0)) }
    }

    /// The colour bar's marks.
    ///
    /// - Parameters:
    ///   - x: The left edge.
    ///   - top: The top edge (the title's top, or the bar's when there is no title).
    ///   - height: The block's height, from the title's top to the bar's bottom.
    /// - Returns: One group named `color-bar`.
    func marks(x: Double, top: Double, height: Double) -> [Mark] {
        var marks: [Mark] = []
        if !title.isEmpty {
            let size = theme.legendSize
            let text = TextMetrics.truncated(title, toWidth: width(height: height), fontSize: size)
            marks.append(.label(text, at: Point(x: x, y: top + size * TextMetrics.capHeight), size: size))
        }
        let barTop = top + titleExtent
        let barHeight = barHeight(height)
        let segments = segments(barHeight)
        let step = barHeight / Double(segments)
        for index in 0..<segments {
            // Bottom to top; each slice overlaps the next by half a point so no seam shows between them.
            let t = (Double(index) + 0.5) / Double(segments)
            let y = barTop + barHeight - Double(index + 1) * step
            let overlap = index == segments - 1 ? 0 : 0.5
            let slice = Rect(x: x, y: y - overlap, width: barWidth, height: step + overlap)
            marks.append(.rect(RectMark(slice, style: .filled(.color(scale.color(at: t))))))
        }
        let axis = Style.stroked(.theme(.axis))
        let size = theme.tickLabelSize
        for tick in ticks(barHeight: barHeight) {
            let y = barTop + barHeight * (1 - scale.position(of: tick.value))
            let right = x + barWidth
            marks.append(.segment(Point(x: right, y: y), Point(x: right + theme.tickLength, y: y), axis))
            let position = Point(
                x: right + theme.tickLength + theme.tickLabelGap, y: y + size * TextMetrics.capHeight / 2
            )
            marks.append(.label(tick.label, at: position, size: size, fill: .theme(.secondary)))
        }
        return [.group(GroupMark(name: "color-bar", marks: marks))]
    }
}
