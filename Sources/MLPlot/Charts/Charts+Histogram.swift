extension Charts {
    /// The fill opacity of overlaid histogram series.
    private static let overlayOpacity = 0.4

    /// Draws a histogram of one or more series on shared bins.
    ///
    /// All series share one set of bins chosen from their pooled values. One series is drawn as solid bars;
    /// several are overlaid as translucent, outlined step areas in palette order, with a legend, or with
    /// `stacked` drawn as solid bars piled on one another in series order. In SVG each bar
    /// carries a tooltip with its count and interval. NaN and infinite values are ignored (and counted in the
    /// description). When no finite value remains the figure says "No data".
    ///
    /// - Parameters:
    ///   - series: The series to draw, each a name (shown in the legend) and its values.
    ///   - bins: How to choose the bins.
    ///   - xLabel: The x-axis title: what the values measure.
    ///   - yLabel: The y-axis title.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - legendTitle: What the series are, such as the grouping column ("diagnosis"), or `nil`.
    ///   - stacked: Whether several series pile up (each bin's height is the total) instead of overlapping.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The series colours.
    /// - Returns: The figure.
    public static func histogram(
        series: [(name: String, values: [Double])],
        bins: BinRule = .auto,
        xLabel: String,
        yLabel: String = "Count",
        title: String? = nil,
        legendTitle: String? = nil,
        stacked: Bool = false,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto
    ) -> Figure {
        let ignored = series.reduce(0) { $0 + $1.values.count(where: { !$0.isFinite }) }
        // HistogramBins skips non-finite values itself; one series needs no pooled copy.
        let pooled = series.count == 1 ? series[0].values : series.flatMap(\.values)
        let label = histogramLabel(xLabel: xLabel, series: series, legendTitle: legendTitle)
        guard let bins = HistogramBins(values: pooled, rule: bins) else {
            var description = "\(label): no data to plot"
            if ignored > 0 { description += " (\(plural(ignored, "missing or infinite value")) ignored)" }
            return noDataFigure(
                width: width, height: height, title: title, label: label, description: description + ".",
                xLabel: xLabel, yLabel: yLabel
            )
        }
        let counts = series.map { bins.counts(of: $0.values) }
        let stacking = stacked && series.count > 1
        let totals = (0..<bins.count).map { bin in counts.reduce(0) { $0 + $1[bin] } }
        let tallest = (stacking ? totals.max() : counts.joined().max()) ?? 0

        let overlaid = series.count > 1 && !stacking
        let entries = series.indices.map { index in
            let color = Paint.color(palette.color(at: index))
            let swatch =
                stacking
                ? Style(fill: color, fillOpacity: 0.9, stroke: color, strokeWidth: 1)
                : Style(fill: color, fillOpacity: overlayOpacity, stroke: color, strokeWidth: 1.5)
            return Legend.Entry(label: series[index].name, swatch: swatch)
        }
        let legend = series.count > 1 ? Legend(title: legendTitle, entries: entries) : nil
        // A lone bin (all values equal) would fill the whole plot; show it as a bar among empty space instead.
        let binWidth = bins.upperBound - bins.lowerBound
        let xExtent =
            bins.count == 1
            ? (bins.lowerBound - binWidth)...(bins.upperBound + binWidth) : bins.lowerBound...bins.upperBound
        let frame = CartesianFrame(
            width: width,
            height: height,
            title: title,
            legend: legend,
            x: ContinuousAxisSpec(
                title: xLabel, extent: xExtent, fit: .padded(lower: 0.03, upper: 0.03), showsGrid: false
            ),
            // Bars stand on the axis; above them a tick when cheap, else 5 % headroom (ggplot's expansion).
            y: ContinuousAxisSpec(
                title: yLabel, extent: 0...Double(max(tallest, 1)), fit: .niceOrPadded(lower: 0, upper: 0.05),
                integerTicks: true
            )
        )
        let layout = frame.layout()

        var marks = layout.underlay
        var below = [Int](repeating: 0, count: bins.count)
        for (index, seriesCounts) in counts.enumerated() {
            let color = Paint.color(palette.color(at: index))
            let name = series.count > 1 ? series[index].name + ": " : ""
            // Overlaid series are one translucent polygon each (adjacent translucent bars would show seams),
            // outlined, with invisible bars on top that carry the SVG tooltips.
            let barStyle =
                overlaid
                ? Style.filled(color, opacity: 0)
                : Style(fill: color, fillOpacity: 0.9, stroke: .theme(.background), strokeWidth: 0.75)
            var group: [Mark] = []
            if overlaid {
                let runs = outlines(seriesCounts, bins: bins, layout: layout)
                for points in runs {
                    let area = PathMark(points: points, closed: true, style: .filled(color, opacity: overlayOpacity))
                    group.append(.path(area))
                }
                for points in runs {
                    group.append(.path(PathMark(points: points, style: .stroked(color, width: 1.5))))
                }
            }
            for (bin, count) in seriesCounts.enumerated() where count > 0 {
                let left = layout.x(bins.edges[bin])
                let right = layout.x(bins.edges[bin + 1])
                let base = stacking ? layout.y(Double(below[bin])) : layout.plot.maxY
                let top = layout.y(Double(count + (stacking ? below[bin] : 0)))
                if stacking { below[bin] += count }
                let bar = Rect(x: left, y: top, width: right - left, height: base - top)
                let tooltip = "\(name)\(plural(count, "value")) in \(binInterval(bins, bin))"
                group.append(.rect(RectMark(bar, style: barStyle, tooltip: tooltip)))
            }
            marks.append(.group(GroupMark(name: "series-\(index + 1)", marks: group)))
        }
        marks += layout.overlay

        var description = histogramDescription(
            label: label, series: series, counts: counts, bins: bins, ignored: ignored
        )
        if stacking { description += " The series are stacked: each bin's height is their total." }
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// The step outlines of one series' bars, one per run of non-empty bins: up from the baseline, across each
    /// bin, and back down (so no line is drawn along the baseline under empty bins).
    private static func outlines(_ counts: [Int], bins: HistogramBins, layout: CartesianLayout) -> [[Point]] {
        let baseline = layout.plot.maxY
        var runs: [[Point]] = []
        var points: [Point] = []
        func add(_ point: Point) {
            // Extend a horizontal run instead of adding a point in the middle of it.
            if points.count >= 2, points[points.count - 1].y == point.y, points[points.count - 2].y == point.y {
                points[points.count - 1] = point
            } else if points.last != point {
                points.append(point)
            }
        }
        for (bin, count) in counts.enumerated() {
            let left = layout.x(bins.edges[bin])
            let right = layout.x(bins.edges[bin + 1])
            guard count > 0 else {
                if !points.isEmpty {
                    add(Point(x: left, y: baseline))
                    runs.append(points)
                    points = []
                }
                continue
            }
            if points.isEmpty { points.append(Point(x: left, y: baseline)) }
            let top = layout.y(Double(count))
            add(Point(x: left, y: top))
            add(Point(x: right, y: top))
        }
        if !points.isEmpty {
            add(Point(x: layout.x(bins.upperBound), y: baseline))
            runs.append(points)
        }
        return runs
    }

    /// The interval of one bin in words, such as `[6.981, 7.685)`.
    private static func binInterval(_ bins: HistogramBins, _ bin: Int) -> String {
        let closing = bin == bins.count - 1 ? "]" : ")"
        return "[" + NumberFormatting.general(bins.edges[bin]) + ", "
            + NumberFormatting.general(bins.edges[bin + 1]) + closing
    }

    /// "Histogram of X", "Histogram of X by G" or "Histogram of X for A and B".
    private static func histogramLabel(
        xLabel: String, series: [(name: String, values: [Double])], legendTitle: String?
    ) -> String {
        let subject = xLabel.isEmpty ? "values" : xLabel
        guard series.count > 1 else { return "Histogram of \(subject)" }
        if let legendTitle, !legendTitle.isEmpty { return "Histogram of \(subject) by \(legendTitle)" }
        return "Histogram of \(subject) for \(series.count) groups"
    }

    private static func histogramDescription(
        label: String,
        series: [(name: String, values: [Double])],
        counts: [[Int]],
        bins: HistogramBins,
        ignored: Int
    ) -> String {
        let binText =
            "\(plural(bins.count, "bin")) of width " + NumberFormatting.general(bins.edges[1] - bins.edges[0])
            + " from " + NumberFormatting.general(bins.lowerBound) + " to " + NumberFormatting.general(bins.upperBound)
        var text: String
        if series.count == 1, let only = counts.first {
            let total = only.reduce(0, +)
            text = "\(label): \(plural(total, "value")) in \(binText)"
            if let peak = only.indices.max(by: { only[$0] < only[$1] }) {
                text += "; the tallest bar, \(binInterval(bins, peak)), holds \(plural(only[peak], "value"))"
            }
        } else {
            let parts = zip(series, counts).map { "\($0.name) (\(plural($1.reduce(0, +), "value")))" }
            text = "\(label): " + parts.joined(separator: ", ") + ", overlaid in \(binText)"
        }
        text += "."
        if ignored > 0 { text += " \(plural(ignored, "missing or infinite value")) ignored." }
        return text
    }

    /// "1 value", "2 values" (with thousands separators).
    static func plural(_ count: Int, _ noun: String) -> String {
        let number = NumberFormatting.fixed(Double(count), decimals: 0, grouping: count >= 10_000)
        return "\(number) \(noun)" + (count == 1 ? "" : "s")
    }

    /// A figure with axis titles and a framed, empty plot area that says "No data".
    static func noDataFigure(
        width: Double, height: Double, title: String?, label: String, description: String,
        xLabel: String, yLabel: String
    ) -> Figure {
        let frame = CartesianFrame(
            width: width, height: height, title: title, legend: nil,
            x: ContinuousAxisSpec(title: xLabel, extent: 0...1, fit: .nice, showsGrid: false),
            y: ContinuousAxisSpec(title: yLabel, extent: 0...1, fit: .nice, showsGrid: false)
        )
        let layout = frame.layout()
        let plot = layout.plot
        let theme = Theme.standard
        var marks = layout.underlay
        let frameRect = Rect(
            x: crisp(plot.x), y: crisp(plot.y), width: plot.width.rounded(), height: plot.height.rounded()
        )
        marks.append(.rect(RectMark(frameRect, style: .stroked(.theme(.grid)))))
        let center = Point(x: plot.midX, y: plot.midY + theme.axisTitleSize * TextMetrics.capHeight / 2)
        marks.append(
            .label("No data", at: center, size: theme.axisTitleSize, anchor: .middle, fill: .theme(.secondary))
        )
        // Keep the titles, drop the meaningless 0–1 ticks.
        for mark in layout.overlay {
            guard case .group(let group) = mark, group.name == "x-axis" || group.name == "y-axis" else {
                marks.append(mark)
                continue
            }
            let titles = group.marks.filter {
                if case .text(let text) = $0 { return text.fill == .theme(.foreground) }
                return false
            }
            marks.append(.group(GroupMark(name: group.name, marks: titles)))
        }
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }
}
