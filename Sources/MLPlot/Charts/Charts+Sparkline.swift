extension Charts {
    /// Draws counts as a tiny bar chart with no axes and no text, for a table cell (a profile's distribution).
    ///
    /// The bars share the width equally, in order, with a small gap between them when there is room (at least 3
    /// points a bar); the tallest count reaches the top, and every nonzero count is at least 1 point tall so a
    /// single value still shows. A 1-point baseline in the theme's grid colour runs along the bottom, so empty
    /// bins read as zero. The bars use the first colour of ``Palette/okabeIto``. With no counts, or only zeros,
    /// only the baseline is drawn.
    ///
    /// The figure renders with ``Figure/svg(id:)`` (at `width` × `height` CSS pixels) and with
    /// ``Figure/tikz(width:)``; `tikz(width: nil)` gives a picture of `width` × `height` TeX points standing on
    /// the text baseline, which can sit in a `tabular` cell.
    ///
    /// - Parameters:
    ///   - counts: The bar heights, in order; negative counts are drawn as 0.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - description: What the bars show, for alt text and the SVG `<desc>` (such as "Distribution of age:
    ///     20 bins from 0 to 80, most values between 20 and 28").
    /// - Returns: The figure, labelled "Distribution".
    public static func sparkline(
        counts: [Int], width: Double = 120, height: Double = 28, description: String
    ) -> Figure {
        let baseline = 1.0
        let plotHeight = max(height - baseline, 0)
        let tallest = counts.max() ?? 0
        var bars: [Mark] = []
        if !counts.isEmpty && tallest > 0 {
            let slot = width / Double(counts.count)
            let gap = slot >= 3 ? min(2, (slot * 0.2 * 4).rounded() / 4) : 0
            let fill = Style.filled(.color(Palette.okabeIto.color(at: 0)))
            for (index, count) in counts.enumerated() where count > 0 {
                let barHeight = max(1, plotHeight * Double(count) / Double(tallest))
                let rect = Rect(
                    x: Double(index) * slot + gap / 2, y: plotHeight - barHeight, width: slot - gap, height: barHeight)
                bars.append(.rect(RectMark(rect, style: fill)))
            }
        }
        let line = Rect(x: 0, y: plotHeight, width: width, height: min(baseline, height))
        let marks: [Mark] = [
            .group(GroupMark(name: "bars", marks: bars)),
            .rect(RectMark(line, style: .filled(.theme(.grid)))),
        ]
        return Figure(
            width: width, height: height, title: nil, label: "Distribution", description: description,
            scene: Scene(marks: marks))
    }
}
