#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a continuous axis turns a data extent into a domain and ticks.
struct ContinuousAxisSpec: Sendable, Hashable {
    /// How the domain is derived from the data extent.
    enum Fit: Sendable, Hashable {
        /// Widen the domain to the nice ticks that cover it (counts, percentages).
        case nice
        /// Widen the domain by these fractions of its span below and above, and put ticks inside it (ggplot's
        /// expansion); a lower padding of 0 keeps a bar chart's baseline on the axis.
        case padded(lower: Double, upper: Double)
        /// ``nice`` when the covering ticks widen the span by at most a quarter, otherwise ``padded(lower:upper:)``:
        /// a gridline above the tallest bar when that is cheap, little wasted space when it is not.
        case niceOrPadded(lower: Double, upper: Double)
    }

    /// The axis title.
    var title: String
    /// The data extent; a single value is widened around itself.
    var extent: ClosedRange<Double>
    /// How the domain is derived from the extent.
    var fit: Fit
    /// Whether ticks must be whole numbers (a step of at least 1).
    var integerTicks = false
    /// Whether to draw grid lines at the ticks.
    var showsGrid = true
    /// Whether the axis is logarithmic.
    ///
    /// The extent must then be positive. ``Fit`` applies in decades:
    /// ``Fit/nice`` widens the domain to powers of ten, the paddings are fractions of the span in decades.
    var log = false
    /// The most ticks wanted, or `nil` to choose from the axis' length; a bottom axis still drops ticks whose
    /// labels would collide.
    var maxTicks: Int? = nil
}

/// The result of laying out a chart with a bottom x axis and a left y axis.
struct CartesianLayout: Sendable, Hashable {
    /// The plot area, where the data marks go.
    var plot: Rect
    /// Maps x data values to scene x.
    var x: AxisScale
    /// Maps y data values to scene y.
    var y: AxisScale
    /// Marks to paint before the data: background and grid lines.
    var underlay: [Mark]
    /// Marks to paint after the data: axes, title and legend.
    var overlay: [Mark]
}

/// Lays out a chart: title and legend on top, y axis on the left, x axis at the bottom, plot area in between.
struct CartesianFrame: Sendable, Hashable {
    /// The figure's width.
    var width: Double
    /// The figure's height.
    var height: Double
    /// The title, or `nil`.
    var title: String?
    /// The legend, or `nil`.
    var legend: Legend?
    /// The horizontal axis.
    var x: ContinuousAxisSpec
    /// The vertical axis.
    var y: ContinuousAxisSpec
    /// A short note in the secondary colour under the title and legend (such as how large data was reduced), or
    /// `nil`.
    var note: String? = nil
    /// Space kept free right of the plot area, for a colour bar or other key.
    var trailing = 0.0
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// Computes the plot area, scales and chrome marks.
    ///
    /// - Returns: The layout.
    func layout() -> CartesianLayout {
        let pad = theme.padding
        var (top, overlay) = headerMarks(width: width, title: title, legend: legend, theme: theme)
        if let note, !note.isEmpty {
            let size = theme.tickLabelSize - 1
            let text = TextMetrics.truncated(note, toWidth: width - 2 * pad, fontSize: size)
            let baseline = top + size * TextMetrics.capHeight
            overlay.append(
                .group(
                    GroupMark(
                        name: "note",
                        marks: [.label(text, at: Point(x: pad, y: baseline), size: size, fill: .theme(.secondary))]
                    )))
            top += size * (TextMetrics.capHeight + TextMetrics.descent) + theme.blockGap
        }
        top = (top + theme.tickLabelSize * TextMetrics.capHeight / 2).rounded()

        // The bottom axis' extent does not depend on its ticks, so the plot height is known first.
        let probe = Axis(edge: .bottom, ticks: [], title: x.title, showsGrid: false, showsLine: true, theme: theme)
        let bottom = (height - pad - probe.extent).rounded()
        let plotHeight = max(bottom - top, 10)

        let yCount = y.maxTicks ?? min(max(Int(plotHeight / 55) + 1, 3), 10)
        let yResolved = resolve(y, maxCount: yCount)
        let yScale = yResolved.scale(rangeStart: top + plotHeight, rangeEnd: top)
        let yAxis = Axis(
            edge: .left, ticks: yResolved.axisTicks(yScale), title: y.title, showsGrid: y.showsGrid, showsLine: false,
            theme: theme
        )
        let left = (pad + yAxis.extent).rounded()

        var right = width - pad - trailing
        var xAxis = probe
        var xScale = AxisScale.linear(LinearScale(domain: 0...1, rangeStart: left, rangeEnd: right))
        for _ in 0..<2 {
            let plotWidth = max(right - left, 10)
            (xScale, xAxis) = horizontalAxis(from: left, width: plotWidth)
            // Let the last tick label overhang into the padding, but not past the figure's edge.
            let labelEnds = xAxis.ticks.filter { !$0.minor }.map {
                $0.position + TextMetrics.width(of: $0.label, fontSize: theme.tickLabelSize) / 2
            }
            let overhang = labelEnds.max() ?? 0
            let limit = width - pad / 3 - trailing
            guard overhang > limit else { break }
            right = (right - (overhang - limit)).rounded(.down)
        }
        let plot = Rect(x: left, y: top, width: max(right - left, 10), height: plotHeight)

        let canvas = Rect(x: 0, y: 0, width: width, height: height)
        let background = Mark.rect(RectMark(canvas, style: .filled(.theme(.background))))
        let grid = yAxis.gridMarks(plot: plot) + xAxis.gridMarks(plot: plot)
        var underlay = [background]
        if !grid.isEmpty { underlay.append(.group(GroupMark(name: "grid", marks: grid))) }
        overlay = yAxis.marks(plot: plot) + xAxis.marks(plot: plot) + overlay
        return CartesianLayout(
            plot: plot,
            x: xScale,
            y: yResolved.scale(rangeStart: plot.maxY, rangeEnd: plot.y),
            underlay: underlay,
            overlay: overlay
        )
    }

    /// Chooses the x ticks for a plot width: as many as fit without labels colliding.
    private func horizontalAxis(from left: Double, width plotWidth: Double) -> (AxisScale, Axis) {
        var count = x.maxTicks ?? min(max(Int(plotWidth / 70) + 1, 3), 12)
        while true {
            let resolved = resolve(x, maxCount: count)
            let scale = resolved.scale(rangeStart: left, rangeEnd: left + plotWidth)
            let axisTicks = resolved.axisTicks(scale)
            let axis = Axis(
                edge: .bottom, ticks: axisTicks, title: x.title, showsGrid: x.showsGrid, showsLine: true, theme: theme
            )
            if count <= 2 || !labelsCollide(axisTicks) { return (scale, axis) }
            count -= 1
        }
    }

    /// Whether two neighbouring horizontal tick labels come closer than the theme's label spacing.
    private func labelsCollide(_ ticks: [Axis.Tick]) -> Bool {
        let size = theme.tickLabelSize
        let ticks = ticks.filter { !$0.minor }
        for (first, second) in zip(ticks, ticks.dropFirst()) {
            let halfWidths =
                (TextMetrics.width(of: first.label, fontSize: size)
                    + TextMetrics.width(of: second.label, fontSize: size)) / 2
            if abs(second.position - first.position) < halfWidths + theme.labelSpacing { return true }
        }
        return false
    }

    /// Turns an axis spec into a domain and labelled ticks.
    private func resolve(_ spec: ContinuousAxisSpec, maxCount: Int) -> ResolvedAxis {
        if spec.log { return resolveLog(spec, maxCount: maxCount) }
        let (domain, ticks) = spec.resolved(maxCount: maxCount)
        let format = TickLabelFormat(ticks: ticks.values, step: ticks.step)
        return ResolvedAxis(
            domain: domain, log: false,
            ticks: ticks.values.map { ResolvedAxis.Tick(value: $0, label: format.label($0)) }
        )
    }

    /// Turns a log axis spec into a domain and ticks: the fit is applied to the extent in decades.
    private func resolveLog(_ spec: ContinuousAxisSpec, maxCount: Int) -> ResolvedAxis {
        var low = spec.extent.lowerBound > 0 ? log10(spec.extent.lowerBound) : 0
        var high = spec.extent.upperBound > 0 ? log10(spec.extent.upperBound) : 1
        if !(high > low) || !low.isFinite || !high.isFinite {  // one value: half a decade either side
            let center = low.isFinite ? low : 0
            low = center - 0.5
            high = center + 0.5
        }
        let span = high - low
        func niced() -> (Double, Double) { (low.rounded(.down), high.rounded(.up)) }
        switch spec.fit {
        case .nice:
            (low, high) = niced()
        case .padded(let lower, let upper):
            (low, high) = (low - span * lower, high + span * upper)
        case .niceOrPadded(let lower, let upper):
            let nice = niced()
            (low, high) = nice.1 - nice.0 <= span * 1.25 ? nice : (low - span * lower, high + span * upper)
        }
        func exp10(_ x: Double) -> Double { x == x.rounded() ? powerOfTenDouble(Int(x)) : pow(10, x) }
        let domain = exp10(low)...exp10(high)
        let ticks = LogTicks(domain: domain, maxCount: maxCount)
        var resolved: [ResolvedAxis.Tick]
        if let linear = ticks.linear {
            let format = TickLabelFormat(ticks: linear.values, step: linear.step)
            resolved = linear.values.map { ResolvedAxis.Tick(value: $0, label: format.label($0)) }
        } else {
            resolved = zip(ticks.major, LogTickLabels.labels(ticks.major)).map {
                ResolvedAxis.Tick(value: $0, label: $1)
            }
        }
        resolved += ticks.minor.map { ResolvedAxis.Tick(value: $0, label: "", minor: true) }
        return ResolvedAxis(domain: domain, log: true, ticks: resolved.sorted { $0.value < $1.value })
    }
}
