#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The result of laying out a chart with one categorical and one continuous axis.
struct CategoricalLayout: Sendable, Hashable {
    /// The plot area, where the data marks go.
    var plot: Rect
    /// Maps categories to bands: along x for vertical charts, along y (first at the top) for horizontal ones.
    var bands: BandScale
    /// Maps data values to scene y (vertical charts) or scene x (horizontal charts).
    var values: LinearScale
    /// Marks to paint before the data: background and grid lines.
    var underlay: [Mark]
    /// Marks to paint after the data: axes, title and legend.
    var overlay: [Mark]
}

/// Lays out a bar or box chart: title and legend on top, then a plot area with categories along one side and a
/// continuous value axis along the other.
///
/// A vertical chart has its categories under the plot (names placed by ``BottomCategoryLabels``) and values on a
/// left axis; a horizontal one has names to the left (``LeftCategoryLabels``), first at the top, and values on a
/// bottom axis. Grid lines run across the plot at the value ticks only.
struct CategoricalFrame: Sendable, Hashable {
    /// Which way the value axis runs.
    enum Orientation: Sendable, Hashable {
        /// Categories along the bottom, values upwards.
        case vertical
        /// Categories down the left side, values to the right.
        case horizontal
    }

    /// The figure's width.
    var width: Double
    /// The figure's height.
    var height: Double
    /// The title, or `nil`.
    var title: String?
    /// The legend, or `nil`.
    var legend: Legend?
    /// The categories in display order.
    var categories: [String]
    /// The title of the category axis, empty for none.
    var categoryTitle: String
    /// The value axis.
    var value: ContinuousAxisSpec
    /// Which way the value axis runs.
    var orientation: Orientation = .vertical
    /// The gap between bands, as a fraction of the step.
    var paddingInner = 0.2
    /// The space outside the first and last band, as a fraction of the step.
    var paddingOuter = 0.1
    /// Whether to draw a line along the category axis (vertical charts).
    var showsCategoryLine = false
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// Computes the plot area, scales and chrome marks.
    ///
    /// - Returns: The layout.
    func layout() -> CategoricalLayout {
        let (headerBottom, header) = headerMarks(width: width, title: title, legend: legend, theme: theme)
        let top = (headerBottom + theme.tickLabelSize * TextMetrics.capHeight / 2).rounded()
        switch orientation {
        case .vertical: return verticalLayout(top: top, header: header)
        case .horizontal: return horizontalLayout(top: top, header: header)
        }
    }

    private func verticalLayout(top: Double, header: [Mark]) -> CategoricalLayout {
        let pad = theme.padding
        let titleExtent =
            categoryTitle.isEmpty
            ? 0 : theme.axisTitleGap + theme.axisTitleSize * (TextMetrics.capHeight + TextMetrics.descent)
        let maxLabelExtent = max(height * 0.3, 40)
        var left = pad + 40
        var labels = BottomCategoryLabels(categories, step: 1, maxExtent: maxLabelExtent, theme: theme)
        var yAxis = Axis(edge: .left, ticks: [], title: value.title, showsGrid: true, showsLine: false, theme: theme)
        var domain = value.extent
        var plot = Rect(x: left, y: top, width: 10, height: 10)
        var bands = BandScale(categories: categories, rangeStart: left, rangeEnd: left + 10)
        // Margins depend on labels that depend on the margins; a few passes settle them.
        for _ in 0..<5 {
            let right = width - pad
            let plotWidth = max(right - left, 10)
            bands = BandScale(
                categories: categories, rangeStart: left, rangeEnd: left + plotWidth,
                paddingInner: paddingInner, paddingOuter: paddingOuter
            )
            labels = BottomCategoryLabels(
                categories, step: abs(bands.step), maxExtent: maxLabelExtent, theme: theme
            )
            let bottom = (height - pad - labels.extent - titleExtent).rounded()
            let plotHeight = max(bottom - top, 10)
            let count = min(max(Int(plotHeight / 55) + 1, 3), 10)
            let (resolved, ticks) = value.resolved(maxCount: count)
            domain = resolved
            let scale = LinearScale(domain: domain, rangeStart: top + plotHeight, rangeEnd: top)
            let format = TickLabelFormat(ticks: ticks.values, step: ticks.step)
            yAxis = Axis(
                edge: .left,
                ticks: ticks.values.map { Axis.Tick(position: scale($0), label: format.label($0)) },
                title: value.title, showsGrid: value.showsGrid, showsLine: false, theme: theme
            )
            plot = Rect(x: left, y: top, width: plotWidth, height: plotHeight)
            // The first name may reach left of the plot (rotated names); keep it inside the figure.
            let firstReach = categories.isEmpty ? 0 : labels.leftOverhang(at: 0) - (bands.center(at: 0) - left)
            let settled = max((pad + yAxis.extent).rounded(), (pad / 3 + firstReach).rounded(.up))
            if settled == left { break }
            left = settled
        }
        let values = LinearScale(domain: domain, rangeStart: plot.maxY, rangeEnd: plot.y)

        var axisMarks: [Mark] = []
        if showsCategoryLine {
            let y = crisp(plot.maxY)
            axisMarks.append(.segment(Point(x: plot.x, y: y), Point(x: plot.maxX, y: y), .stroked(.theme(.axis))))
        }
        let centers = categories.indices.map { bands.center(at: $0) }
        axisMarks += labels.marks(centers: centers, top: plot.maxY)
        if !categoryTitle.isEmpty {
            let size = theme.axisTitleSize
            let baseline = plot.maxY + labels.extent + theme.axisTitleGap + size * TextMetrics.capHeight
            let text = TextMetrics.truncated(categoryTitle, toWidth: plot.width, fontSize: size)
            axisMarks.append(.label(text, at: Point(x: plot.midX, y: baseline), size: size, anchor: .middle))
        }
        return finish(
            plot: plot, bands: bands, values: values, grid: yAxis.gridMarks(plot: plot),
            overlay: yAxis.marks(plot: plot) + [.group(GroupMark(name: "x-axis", marks: axisMarks))] + header
        )
    }

    private func horizontalLayout(top: Double, header: [Mark]) -> CategoricalLayout {
        let pad = theme.padding
        let probe = Axis(edge: .bottom, ticks: [], title: value.title, showsGrid: false, showsLine: false, theme: theme)
        let bottom = (height - pad - probe.extent).rounded()
        let plotHeight = max(bottom - top, 10)
        let bands = BandScale(
            categories: categories, rangeStart: top, rangeEnd: top + plotHeight,
            paddingInner: paddingInner, paddingOuter: paddingOuter
        )
        let labels = LeftCategoryLabels(
            categories, step: abs(bands.step), maxWidth: max(width * 0.4, 60), theme: theme
        )
        let titleSize = theme.axisTitleSize
        let titleExtent =
            categoryTitle.isEmpty ? 0 : theme.axisTitleGap + titleSize * (TextMetrics.capHeight + TextMetrics.descent)
        let left = (pad + titleExtent + labels.width + theme.tickLabelGap + 2).rounded()

        var right = width - pad
        var xAxis = probe
        var scale = LinearScale(domain: value.extent, rangeStart: left, rangeEnd: right)
        for _ in 0..<2 {
            (scale, xAxis) = horizontalValueAxis(from: left, width: max(right - left, 10))
            // Let the last tick label overhang into the padding, but not past the figure's edge.
            let ends = xAxis.ticks.map {
                $0.position + TextMetrics.width(of: $0.label, fontSize: theme.tickLabelSize) / 2
            }
            let limit = width - pad / 3
            guard let overhang = ends.max(), overhang > limit else { break }
            right = (right - (overhang - limit)).rounded(.down)
        }
        let plot = Rect(x: left, y: top, width: max(right - left, 10), height: plotHeight)

        var axisMarks = labels.marks(
            centers: categories.indices.map { bands.center(at: $0) }, right: left - theme.tickLabelGap - 2
        )
        if !categoryTitle.isEmpty {
            let baseline = pad + titleSize * TextMetrics.capHeight
            let text = TextMetrics.truncated(categoryTitle, toWidth: plot.height, fontSize: titleSize)
            axisMarks.append(
                .label(text, at: Point(x: baseline, y: plot.midY), size: titleSize, anchor: .middle, rotation: -90)
            )
        }
        return finish(
            plot: plot, bands: bands,
            values: LinearScale(domain: scale.domain, rangeStart: plot.x, rangeEnd: plot.maxX),
            grid: xAxis.gridMarks(plot: plot),
            overlay: [.group(GroupMark(name: "y-axis", marks: axisMarks))] + xAxis.marks(plot: plot) + header
        )
    }

    /// Chooses the bottom value ticks for a plot width: as many as fit without labels colliding.
    private func horizontalValueAxis(from left: Double, width plotWidth: Double) -> (LinearScale, Axis) {
        var count = min(max(Int(plotWidth / 70) + 1, 3), 12)
        while true {
            let (domain, ticks) = value.resolved(maxCount: count)
            let scale = LinearScale(domain: domain, rangeStart: left, rangeEnd: left + plotWidth)
            let format = TickLabelFormat(ticks: ticks.values, step: ticks.step)
            let axisTicks = ticks.values.map { Axis.Tick(position: scale($0), label: format.label($0)) }
            let axis = Axis(
                edge: .bottom, ticks: axisTicks, title: value.title, showsGrid: value.showsGrid, showsLine: false,
                theme: theme
            )
            if count <= 2 || !tickLabelsCollide(axisTicks) { return (scale, axis) }
            count -= 1
        }
    }

    /// Whether two neighbouring horizontal tick labels come closer than the theme's label spacing.
    private func tickLabelsCollide(_ ticks: [Axis.Tick]) -> Bool {
        let size = theme.tickLabelSize
        for (first, second) in zip(ticks, ticks.dropFirst()) {
            let halfWidths =
                (TextMetrics.width(of: first.label, fontSize: size)
                    + TextMetrics.width(of: second.label, fontSize: size)) / 2
            if abs(second.position - first.position) < halfWidths + theme.labelSpacing { return true }
        }
        return false
    }

    private func finish(plot: Rect, bands: BandScale, values: LinearScale, grid: [Mark], overlay: [Mark])
        -> CategoricalLayout
    {
        let canvas = Rect(x: 0, y: 0, width: width, height: height)
        var underlay: [Mark] = [.rect(RectMark(canvas, style: .filled(.theme(.background))))]
        if !grid.isEmpty { underlay.append(.group(GroupMark(name: "grid", marks: grid))) }
        return CategoricalLayout(plot: plot, bands: bands, values: values, underlay: underlay, overlay: overlay)
    }
}

/// The title (bold, up to two lines) and legend at the top of a figure.
///
/// - Parameters:
///   - width: The figure's width.
///   - title: The title, or `nil`.
///   - legend: The legend, or `nil`.
///   - theme: Sizes and spacing.
/// - Returns: The y below the header (where the plot may start) and the header's marks.
func headerMarks(width: Double, title: String?, legend: Legend?, theme: Theme) -> (Double, [Mark]) {
    let pad = theme.padding
    var marks: [Mark] = []
    var top = pad
    if let title, !title.isEmpty {
        let size = theme.titleSize
        let lines = TextMetrics.wrapped(title, toWidth: width - 2 * pad, fontSize: size, weight: .bold, maxLines: 2)
        var titleMarks: [Mark] = []
        for (index, line) in lines.enumerated() {
            let baseline = top + size * TextMetrics.capHeight + Double(index) * theme.lineHeight(size)
            titleMarks.append(.label(line, at: Point(x: pad, y: baseline), size: size, weight: .bold))
        }
        marks.append(.group(GroupMark(name: "title", marks: titleMarks)))
        top += size * (TextMetrics.capHeight + TextMetrics.descent) + Double(lines.count - 1) * theme.lineHeight(size)
        top += theme.blockGap
    }
    if let legend, !legend.entries.isEmpty {
        let size = legend.size(maxWidth: width - 2 * pad)
        marks += legend.marks(origin: Point(x: pad, y: top), maxWidth: width - 2 * pad)
        top += size.height + theme.blockGap
    }
    return (top, marks)
}

extension ContinuousAxisSpec {
    /// Turns a linear axis spec into a domain and nice ticks (``CartesianFrame`` and ``CategoricalFrame`` share it).
    ///
    /// - Parameter maxCount: The most ticks wanted.
    /// - Returns: The domain and its ticks.
    func resolved(maxCount: Int) -> (ClosedRange<Double>, TickSet) {
        var low = extent.lowerBound
        var high = extent.upperBound
        if !(high > low) {  // one value (or a bad extent): widen around it
            let half = low == 0 || !low.isFinite ? 1 : abs(low) * 0.1
            low = (low.isFinite ? low : 0) - half
            high = low + 2 * half
        }
        let minimumStep = integerTicks ? 1.0 : 0
        func covering() -> (ClosedRange<Double>, TickSet)? {
            guard let ticks = TickSet.covering(low, high, maxCount: maxCount, minimumStep: minimumStep),
                let first = ticks.values.first, let last = ticks.values.last
            else { return nil }
            return (first...last, ticks)
        }
        func padded(_ lower: Double, _ upper: Double) -> (ClosedRange<Double>, TickSet)? {
            let domain = (low - (high - low) * lower)...(high + (high - low) * upper)
            guard
                let ticks = TickSet.within(
                    domain.lowerBound, domain.upperBound, maxCount: maxCount, minimumStep: minimumStep
                )
            else { return nil }
            return (domain, ticks)
        }
        switch fit {
        case .nice:
            if let nice = covering() { return nice }
        case .padded(let lower, let upper):
            if let result = padded(lower, upper) { return result }
        case .niceOrPadded(let lower, let upper):
            if let nice = covering(), nice.0.upperBound - nice.0.lowerBound <= (high - low) * 1.25 { return nice }
            if let result = padded(lower, upper) { return result }
        }
        return (low...high, TickSet(step: TickStep(mantissa: 1, exponent: 0), first: 1, last: 0))
    }
}
