#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One series of a line chart: points joined in order, and optionally a band around them.
public struct LineSeries: Sendable, Hashable, Codable {
    /// The name shown in the legend.
    public var name: String
    /// The horizontal values, in drawing order.
    public var x: [Double]
    /// The vertical values, one per `x`.
    public var y: [Double]
    /// The lower edge of a shaded band (such as mean − one standard deviation), one per `x`, or `nil`.
    public var lower: [Double]?
    /// The upper edge of the band, one per `x`, or `nil`.
    public var upper: [Double]?

    /// Creates a series.
    ///
    /// - Parameters:
    ///   - name: The name shown in the legend.
    ///   - x: The horizontal values, in drawing order.
    ///   - y: The vertical values, one per `x`.
    ///   - lower: The band's lower edge, or `nil` for no band.
    ///   - upper: The band's upper edge, or `nil` for no band.
    public init(name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }
}

extension Charts {
    /// Draws one or more series as lines, with optional point markers and shaded bands (such as learning and
    /// validation curves with ± one standard deviation).
    ///
    /// Points are joined in the order given. A point whose `x` or `y` is NaN or infinite (or not positive on a
    /// log axis) is left out and breaks the line there, and the description counts it. A band is drawn where a
    /// series has both `lower` and `upper`, as a translucent area in the series' colour under all lines. Series take
    /// the palette's colours in order; a legend appears when there are at least two series.
    ///
    /// - Parameters:
    ///   - series: The series.
    ///   - markers: Whether to mark each point with a dot.
    ///   - xLabel: The x-axis title.
    ///   - yLabel: The y-axis title.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - legendTitle: What the series are, written before the legend entries, or `nil`.
    ///   - logX: Whether the x axis is logarithmic.
    ///   - logY: Whether the y axis is logarithmic.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The series colours.
    /// - Returns: The figure.
    public static func line(
        series: [LineSeries],
        markers: Bool = false,
        xLabel: String,
        yLabel: String,
        title: String? = nil,
        legendTitle: String? = nil,
        logX: Bool = false,
        logY: Bool = false,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto
    ) -> Figure {
        let layers = series.enumerated().map { index, series in
            LineLayer(series: series, label: series.name, color: palette.color(at: index), markers: markers)
        }
        let xName = xLabel.isEmpty ? "x" : xLabel
        let yName = yLabel.isEmpty ? "y" : yLabel
        var chart = LineChart(
            layers: layers, xLabel: xLabel, yLabel: yLabel, title: title,
            label: "Line chart of \(yName) against \(xName)", width: width, height: height
        )
        chart.logX = logX
        chart.logY = logY
        chart.legendTitle = legendTitle
        chart.showsLegend = series.count >= 2
        return chart.figure()
    }

    /// Draws one or more series as lines; see ``line(series:markers:xLabel:yLabel:title:legendTitle:logX:logY:width:height:palette:)``.
    ///
    /// - Parameters:
    ///   - series: The series, each a name, its `x` values and its `y` values.
    ///   - markers: Whether to mark each point with a dot.
    ///   - xLabel: The x-axis title.
    ///   - yLabel: The y-axis title.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - legendTitle: What the series are, or `nil`.
    ///   - logX: Whether the x axis is logarithmic.
    ///   - logY: Whether the y axis is logarithmic.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The series colours.
    /// - Returns: The figure.
    public static func line(
        series: [(name: String, x: [Double], y: [Double])],
        markers: Bool = false,
        xLabel: String,
        yLabel: String,
        title: String? = nil,
        legendTitle: String? = nil,
        logX: Bool = false,
        logY: Bool = false,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto
    ) -> Figure {
        line(
            series: series.map { LineSeries(name: $0.name, x: $0.x, y: $0.y) }, markers: markers, xLabel: xLabel,
            yLabel: yLabel, title: title, legendTitle: legendTitle, logX: logX, logY: logY, width: width,
            height: height, palette: palette
        )
    }
}

/// One drawn series of a line chart and how it looks.
struct LineLayer: Sendable, Hashable {
    /// The data.
    var series: LineSeries
    /// The legend label (the name, perhaps with a score).
    var label: String
    /// The line's colour.
    var color: Color
    /// Whether to mark the points with dots.
    var markers = false
    /// Whether to draw steps (each `y` held until the next `x`, matplotlib's `steps-post`) instead of straight
    /// segments.
    var steps = false
}

/// A straight reference line in data coordinates, such as a chance diagonal.
struct ReferenceLine: Sendable, Hashable {
    /// The start, in data coordinates.
    var from: Point
    /// The end, in data coordinates.
    var to: Point
    /// The legend label, or empty for none.
    var label: String

    /// Dashed, in the axis colour, so it reads as a guide rather than data.
    static let style = Style.stroked(.theme(.axis), width: 1.25, dash: [5, 4])
}

/// The shared drawing of line charts, ROC and precision–recall curves and partial-dependence plots.
struct LineChart {
    var layers: [LineLayer]
    var xLabel: String
    var yLabel: String
    var title: String?
    /// The accessible name.
    var label: String
    var width: Double
    var height: Double
    var logX = false
    var logY = false
    var legendTitle: String?
    var showsLegend = true
    /// Reference lines, drawn under the data.
    var references: [ReferenceLine] = []
    /// Data ranges the axes must include besides the data (such as 0…1 for rates).
    var xInclude: ClosedRange<Double>?
    var yInclude: ClosedRange<Double>?
    /// Whether the plot area is made square (by narrowing or shortening the figure).
    var squarePlot = false
    /// Values drawn as a rug of short ticks along the bottom of the plot area.
    var rug: [Double] = []
    /// The sentence that opens the description; the series are described after it.
    var summary: String?
    /// The line width.
    var lineWidth = 2.0

    /// The most rug ticks drawn; larger samples are drawn as this many evenly spaced quantiles.
    static let maxRugTicks = 300

    /// Whether a point has a position on the axes.
    private func accepts(_ x: Double, _ y: Double) -> Bool {
        x.isFinite && y.isFinite && (!logX || x > 0) && (!logY || y > 0)
    }

    /// The figure.
    func figure() -> Figure {
        var xs: [Double] = []
        var ys: [Double] = []
        var dropped = 0
        for layer in layers {
            let series = layer.series
            for index in 0..<min(series.x.count, series.y.count) {
                let (x, y) = (series.x[index], series.y[index])
                guard accepts(x, y) else {
                    dropped += 1
                    continue
                }
                xs.append(x)
                ys.append(y)
                for edge in [series.lower, series.upper] {
                    if let edge, index < edge.count, accepts(x, edge[index]) { ys.append(edge[index]) }
                }
            }
        }
        if let xInclude { xs += [xInclude.lowerBound, xInclude.upperBound] }
        if let yInclude { ys += [yInclude.lowerBound, yInclude.upperBound] }
        for line in references where accepts(line.from.x, line.from.y) && accepts(line.to.x, line.to.y) {
            xs += [line.from.x, line.to.x]
            ys += [line.from.y, line.to.y]
        }
        guard let xLow = xs.min(), let xHigh = xs.max(), let yLow = ys.min(), let yHigh = ys.max() else {
            return Charts.noDataFigure(
                width: width, height: height, title: title, label: label,
                description: "\(label): no data to plot" + droppedText(dropped) + ".", xLabel: xLabel, yLabel: yLabel
            )
        }
        // Rates (ROC, precision–recall) get a small margin and the same 0.2 steps on both axes.
        let rates = xInclude != nil && yInclude != nil
        let xSpec = ContinuousAxisSpec(
            title: xLabel, extent: xLow...xHigh,
            fit: .padded(lower: rates ? 0.02 : 0.03, upper: rates ? 0.02 : 0.03), showsGrid: true, log: logX,
            maxTicks: rates ? 6 : nil
        )
        var ySpec = ContinuousAxisSpec(
            title: yLabel, extent: yLow...yHigh, fit: .padded(lower: rates ? 0.02 : 0.05, upper: rates ? 0.02 : 0.05),
            showsGrid: true, log: logY, maxTicks: rates ? 6 : nil
        )
        var frame = CartesianFrame(
            width: width, height: height, title: title, legend: legend(), x: xSpec, y: ySpec
        )
        var layout = frame.layout()
        if !rug.isEmpty {
            // Keep the lowest data clear of the rug: 12 points of margin under it.
            let share = min(12 / max(layout.plot.height, 1), 0.3)
            ySpec.fit = .padded(lower: (0.05 + share) / (1 - share), upper: 0.05)
            frame.y = ySpec
            layout = frame.layout()
        }
        if squarePlot {
            for _ in 0..<3 {
                let excess = (layout.plot.width - layout.plot.height).rounded()
                if abs(excess) < 1 { break }
                if excess > 0 { frame.width -= excess } else { frame.height += excess }
                layout = frame.layout()
            }
        }

        var marks = layout.underlay
        var bands: [Mark] = []
        var lines: [Mark] = []
        var dots: [Mark] = []
        for line in references {
            let from = Point(x: layout.x(line.from.x), y: layout.y(line.from.y))
            let to = Point(x: layout.x(line.to.x), y: layout.y(line.to.y))
            guard from.x.isFinite, from.y.isFinite, to.x.isFinite, to.y.isFinite else { continue }
            lines.append(.path(PathMark(points: [from, to], style: ReferenceLine.style)))
        }
        for (index, layer) in layers.enumerated() {
            let paint = Paint.color(layer.color)
            for area in bandPolygons(layer.series, layout: layout) {
                bands.append(.path(PathMark(points: area, closed: true, style: .filled(paint, opacity: 0.18))))
            }
            var group: [Mark] = []
            for run in runs(layer, layout: layout) where run.count >= 2 {
                group.append(.path(PathMark(points: run, style: .stroked(paint, width: lineWidth))))
            }
            if layer.markers {
                let style = Style(fill: paint, stroke: .theme(.background), strokeWidth: 1)
                for run in runs(layer, layout: layout, stepped: false) {
                    for point in run { dots.append(.circle(CircleMark(center: point, radius: 3.5, style: style))) }
                }
            } else {
                // A point with no neighbour to join would be invisible; give it a dot.
                for run in runs(layer, layout: layout, stepped: false) where run.count == 1 {
                    dots.append(.circle(CircleMark(center: run[0], radius: lineWidth + 1, style: .filled(paint))))
                }
            }
            lines.append(.group(GroupMark(name: "series-\(index + 1)", marks: group)))
        }
        if !bands.isEmpty { marks.append(.group(GroupMark(name: "bands", marks: bands))) }
        marks += lines
        if !dots.isEmpty { marks.append(.group(GroupMark(name: "markers", marks: dots))) }
        let (rugMarks, rugShown) = rugTicks(layout: layout)
        if !rugMarks.isEmpty { marks.append(.group(GroupMark(name: "rug", marks: rugMarks))) }
        marks += layout.overlay
        return Figure(
            width: frame.width, height: frame.height, title: title, label: label,
            description: description(dropped: dropped, rugShown: rugShown), scene: Scene(marks: marks)
        )
    }

    /// The legend: one entry per series, then the reference lines; `nil` when hidden or empty.
    private func legend() -> Legend? {
        guard showsLegend else { return nil }
        var entries = layers.map { layer in
            let paint = Paint.color(layer.color)
            let banded = layer.series.lower != nil && layer.series.upper != nil
            let swatch = Style(
                fill: banded ? paint : nil, fillOpacity: banded ? 0.18 : 1, stroke: paint, strokeWidth: lineWidth
            )
            return Legend.Entry(label: layer.label, swatch: swatch, symbol: .line(marker: layer.markers))
        }
        for line in references where !line.label.isEmpty {
            entries.append(Legend.Entry(label: line.label, swatch: ReferenceLine.style, symbol: .line(marker: false)))
        }
        return entries.isEmpty ? nil : Legend(title: legendTitle, entries: entries)
    }

    /// The scene points of a series, split where a point has no position; with `stepped`, as steps for a
    /// step layer.
    private func runs(_ layer: LineLayer, layout: CartesianLayout, stepped: Bool = true) -> [[Point]] {
        let series = layer.series
        var runs: [[Point]] = []
        var current: [Point] = []
        for index in 0..<min(series.x.count, series.y.count) {
            let (x, y) = (series.x[index], series.y[index])
            guard accepts(x, y) else {
                if !current.isEmpty { runs.append(current) }
                current = []
                continue
            }
            let point = Point(x: layout.x(x), y: layout.y(y))
            if stepped && layer.steps, let last = current.last, last.x != point.x {
                current.append(Point(x: point.x, y: last.y))
            }
            // A repeated point adds nothing to the line (steps repeat one wherever x or y stays the same).
            if stepped && current.last == point { continue }
            current.append(point)
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The band areas of a series: one polygon per run of points with both band edges.
    private func bandPolygons(_ series: LineSeries, layout: CartesianLayout) -> [[Point]] {
        guard let lower = series.lower, let upper = series.upper else { return [] }
        var polygons: [[Point]] = []
        var top: [Point] = []
        var bottom: [Point] = []
        func flush() {
            if top.count >= 2 { polygons.append(top + bottom.reversed()) }
            top = []
            bottom = []
        }
        for index in 0..<min(series.x.count, lower.count, upper.count) {
            let x = series.x[index]
            guard accepts(x, lower[index]), accepts(x, upper[index]) else {
                flush()
                continue
            }
            top.append(Point(x: layout.x(x), y: layout.y(upper[index])))
            bottom.append(Point(x: layout.x(x), y: layout.y(lower[index])))
        }
        flush()
        return polygons
    }

    /// Short ticks along the bottom of the plot area at the rug values inside the x domain, and how many values
    /// that covers.
    private func rugTicks(layout: CartesianLayout) -> ([Mark], Int) {
        let domain = layout.x.domain
        let inside = rug.filter { $0.isFinite && domain.contains($0) && (!logX || $0 > 0) }.sorted()
        guard !inside.isEmpty else { return ([], 0) }
        var shown = inside
        if inside.count > Self.maxRugTicks {
            // Evenly spaced order statistics keep the rug's density with a bounded number of marks.
            let last = Double(inside.count - 1)
            shown = (0..<Self.maxRugTicks).map {
                inside[Int((Double($0) * last / Double(Self.maxRugTicks - 1)).rounded())]
            }
        }
        var style = Style.stroked(.theme(.foreground), width: 1)
        style.strokeOpacity = 0.4
        let bottom = layout.plot.maxY
        let marks = shown.map { value -> Mark in
            let x = (layout.x(value) * 100).rounded() / 100
            return .segment(Point(x: x, y: bottom), Point(x: x, y: bottom - 8), style)
        }
        return (marks, inside.count)
    }

    private func droppedText(_ dropped: Int) -> String {
        guard dropped > 0 else { return "" }
        let reason = logX || logY ? "missing, infinite or not positive on a log axis" : "missing or infinite"
        return " (\(Charts.plural(dropped, "point")) \(reason) left out)"
    }

    /// The description: the summary, then each series' extent.
    private func description(dropped: Int, rugShown: Int) -> String {
        var text = summary ?? "\(label): \(layers.count) series."
        let xName = xLabel.isEmpty ? "x" : xLabel
        let yName = yLabel.isEmpty ? "y" : yLabel
        var parts: [String] = []
        for layer in layers {
            let series = layer.series
            let points = (0..<min(series.x.count, series.y.count)).filter { accepts(series.x[$0], series.y[$0]) }
            guard let first = points.first, let last = points.last else {
                parts.append("\(layer.label): no points")
                continue
            }
            let values = points.map { series.y[$0] }
            var part = "\(layer.label): \(Charts.plural(points.count, "point")) from \(xName) "
            part += NumberFormatting.general(series.x[first]) + " (\(yName) "
            part += NumberFormatting.general(series.y[first]) + ") to " + NumberFormatting.general(series.x[last])
            part += " (\(yName) " + NumberFormatting.general(series.y[last]) + ")"
            if let low = values.min(), let high = values.max(), points.count > 2 {
                part += ", \(yName) between " + NumberFormatting.general(low) + " and " + NumberFormatting.general(high)
            }
            if series.lower != nil && series.upper != nil { part += ", with a shaded band" }
            parts.append(part)
        }
        if !parts.isEmpty { text += " " + Charts.listed(parts, limit: 8, separator: "; ") + "." }
        if logX || logY {
            let axes = [logX ? xName : nil, logY ? yName : nil].compactMap { $0 }.joined(separator: " and ")
            text += " Log scale on \(axes)."
        }
        if rugShown > 0 { text += " A rug along the \(xName) axis marks \(Charts.plural(rugShown, "observed value"))." }
        if dropped > 0 {
            let reason = logX || logY ? "missing, infinite or not positive on a log axis" : "missing or infinite"
            text += " Left out: \(Charts.plural(dropped, "point")) \(reason)."
        }
        return text
    }
}
