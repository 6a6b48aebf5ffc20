extension Charts {
    /// The widest a box is drawn, so a chart with few boxes does not show slabs.
    private static let maxBoxWidth = 96.0

    /// Draws box plots of one or more numeric series, optionally split by a grouping column.
    ///
    /// Each box spans the quartiles with a line at the median; whiskers reach the most extreme values within
    /// 1.5 interquartile ranges of the box, and values beyond are drawn as points (see ``BoxStatistics``, which
    /// matches NumPy's percentiles). NaN and infinite values are ignored and counted in the description.
    ///
    /// - One series without groups: a single box. Several series: one box per series along the x axis, in one
    ///   colour, on a shared value axis.
    /// - With `groups`: the rows are split by group (rows whose group is `nil` are left out). For one series the
    ///   groups are the x categories, each box in its palette colour; for several series each series gets a
    ///   cluster of side-by-side boxes, one per group, coloured by group, with a legend.
    ///
    /// In SVG each box has a tooltip with its statistics and each outlier with its value.
    ///
    /// - Parameters:
    ///   - series: The series, each a name (such as a column name) and its values, row-aligned with `groups`.
    ///   - groups: The group of each row, or `nil` for no grouping.
    ///   - groupOrder: The order of the groups; `nil` for ascending order. Groups not listed follow, ascending.
    ///   - valueLabel: The value-axis title; empty to use the series' name when there is one series.
    ///   - groupLabel: What the groups are, such as "species": the x-axis or legend title, or `nil`.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The colours: one per group, or the first for every box without groups.
    /// - Returns: The figure.
    public static func box(
        series: [(name: String, values: [Double])],
        groups: [String?]? = nil,
        groupOrder: [String]? = nil,
        valueLabel: String = "",
        groupLabel: String? = nil,
        title: String? = nil,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto
    ) -> Figure {
        let groupNames = groups.map { orderedGroups($0, order: groupOrder) }
        let ignored = series.reduce(0) { $0 + $1.values.count(where: { !$0.isFinite }) }
        let label = boxLabel(series: series.map(\.name), grouped: groupNames != nil, groupLabel: groupLabel)

        // One cell per (series, group): the statistics of that subset, or nil when it has no finite value.
        var cells: [[BoxStatistics?]] = []
        let index = Dictionary(uniqueKeysWithValues: (groupNames ?? []).enumerated().map { ($1, $0) })
        for entry in series {
            guard let groups, let groupNames else {
                cells.append([BoxStatistics(values: entry.values)])
                continue
            }
            var buckets = [[Double]](repeating: [], count: groupNames.count)
            for (row, value) in entry.values.enumerated() where row < groups.count {
                guard let group = groups[row], let slot = index[group] else { continue }
                buckets[slot].append(value)
            }
            cells.append(buckets.map { BoxStatistics(values: $0) })
        }
        let all = cells.joined().compactMap { $0 }
        let yTitle = valueLabel.isEmpty && series.count == 1 ? (series.first?.name ?? "") : valueLabel
        guard let low = all.map(\.minimum).min(), let high = all.map(\.maximum).max() else {
            var description = "\(label): no data to plot"
            if ignored > 0 { description += " (\(plural(ignored, "missing or infinite value")) ignored)" }
            return noDataFigure(
                width: width, height: height, title: title, label: label, description: description + ".",
                xLabel: groupLabel ?? "", yLabel: yTitle
            )
        }

        // Categories along x, and the boxes in each: (series, group) pairs.
        let clustered = groupNames != nil && series.count > 1
        let categories: [String]
        let xTitle: String
        if let groupNames, series.count == 1 {
            categories = groupNames
            xTitle = groupLabel ?? ""
        } else {
            categories = series.map(\.name)
            xTitle = ""
        }
        let legend =
            clustered
            ? Legend(
                title: groupLabel,
                entries: (groupNames ?? []).indices.map { group in
                    let color = Paint.color(palette.color(at: group))
                    return Legend.Entry(
                        label: groupNames?[group] ?? "",
                        swatch: Style(fill: color, fillOpacity: 0.3, stroke: color, strokeWidth: 1.5)
                    )
                }) : nil
        let frame = CategoricalFrame(
            width: width, height: height, title: title, legend: legend, categories: categories,
            categoryTitle: xTitle,
            // Padding, not nice ticks, at the ends: an extreme point never sits on the frame.
            value: ContinuousAxisSpec(title: yTitle, extent: low...high, fit: .padded(lower: 0.05, upper: 0.05)),
            paddingInner: clustered ? 0.25 : 0.3, paddingOuter: 0.15, showsCategoryLine: true
        )
        let layout = frame.layout()
        // A box's name in tooltips and the description: the series, the group, or both.
        func boxName(_ seriesIndex: Int, _ groupIndex: Int) -> String {
            guard let groupNames else { return series[seriesIndex].name }
            return series.count == 1
                ? groupNames[groupIndex] : "\(series[seriesIndex].name), \(groupNames[groupIndex])"
        }
        let groupCount = clustered ? (groupNames?.count ?? 1) : 1
        let slots = BandScale(
            categories: (0..<groupCount).map(String.init), rangeStart: 0, rangeEnd: layout.bands.bandwidth,
            paddingInner: clustered ? 0.15 : 0, paddingOuter: 0
        )
        var marks = layout.underlay
        for (seriesIndex, row) in cells.enumerated() {
            for (groupIndex, cell) in row.enumerated() {
                guard let statistics = cell else { continue }
                let category = clustered || groupNames == nil ? seriesIndex : groupIndex
                let slot = clustered ? groupIndex : 0
                let center = layout.bands.start(at: category) + slots.start(at: slot) + slots.bandwidth / 2
                let boxWidth = min(slots.bandwidth, maxBoxWidth)
                let color = palette.color(at: groupNames == nil ? 0 : groupIndex)
                let name = boxName(seriesIndex, groupIndex)
                let group = boxMarks(
                    statistics, center: center, width: boxWidth, scale: layout.values, color: color,
                    tooltip: "\(name): " + boxSummary(statistics)
                )
                marks.append(.group(GroupMark(name: "box", marks: group)))
            }
        }
        marks += layout.overlay

        var parts: [String] = []
        for (seriesIndex, row) in cells.enumerated() {
            for (groupIndex, cell) in row.enumerated() {
                let summary = cell.map(boxSummary) ?? "no values"
                parts.append("\(boxName(seriesIndex, groupIndex)): " + summary)
            }
        }
        var description = "\(label). " + listed(parts, limit: 12, separator: "; ") + "."
        if ignored > 0 { description += " \(plural(ignored, "missing or infinite value")) ignored." }
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// The marks of one box: whiskers and caps, the box, the median line and the outlier points.
    private static func boxMarks(
        _ statistics: BoxStatistics, center: Double, width: Double, scale: LinearScale, color: Color,
        tooltip: String
    ) -> [Mark] {
        let paint = Paint.color(color)
        let line = Style.stroked(paint, width: 1.25)
        let left = center - width / 2
        let cap = width * 0.2
        let q1 = scale(statistics.firstQuartile)
        let q3 = scale(statistics.thirdQuartile)
        let low = scale(statistics.lowerWhisker)
        let high = scale(statistics.upperWhisker)
        var marks: [Mark] = [
            .segment(Point(x: center, y: q1), Point(x: center, y: low), line),
            .segment(Point(x: center, y: q3), Point(x: center, y: high), line),
            .segment(Point(x: center - cap, y: low), Point(x: center + cap, y: low), line),
            .segment(Point(x: center - cap, y: high), Point(x: center + cap, y: high), line),
        ]
        let box = Rect(x: left, y: min(q1, q3), width: width, height: abs(q1 - q3))
        // An opaque background under the translucent fill hides the grid lines behind the box in either scheme.
        marks.append(.rect(RectMark(box, style: .filled(.theme(.background)))))
        let boxStyle = Style(fill: paint, fillOpacity: 0.3, stroke: paint, strokeWidth: 1.5)
        marks.append(.rect(RectMark(box, style: boxStyle, tooltip: tooltip)))
        let median = scale(statistics.median)
        marks.append(
            .segment(Point(x: left, y: median), Point(x: left + width, y: median), .stroked(paint, width: 2.5)))
        let pointStyle = Style(fill: paint, fillOpacity: 0.35, stroke: paint, strokeWidth: 1)
        for value in statistics.outliers {
            let point = Point(x: center, y: scale(value))
            let tooltip = "outlier: " + NumberFormatting.general(value)
            marks.append(.circle(CircleMark(center: point, radius: 2.5, style: pointStyle, tooltip: tooltip)))
        }
        return marks
    }

    /// "151 values, median 3,700, quartiles 3,350 and 4,000, whiskers 2,850 to 4,775, no outliers".
    private static func boxSummary(_ statistics: BoxStatistics) -> String {
        var text = plural(statistics.count, "value") + ", median " + NumberFormatting.general(statistics.median)
        text += ", quartiles " + NumberFormatting.general(statistics.firstQuartile) + " and "
        text += NumberFormatting.general(statistics.thirdQuartile)
        text += ", whiskers " + NumberFormatting.general(statistics.lowerWhisker) + " to "
        text += NumberFormatting.general(statistics.upperWhisker)
        text += ", " + (statistics.outliers.isEmpty ? "no outliers" : plural(statistics.outliers.count, "outlier"))
        return text
    }

    /// The distinct non-nil groups in `order` first, then the rest ascending.
    private static func orderedGroups(_ groups: [String?], order: [String]?) -> [String] {
        let present = Set(groups.compactMap { $0 })
        var result: [String] = []
        var seen: Set<String> = []
        for name in order ?? [] where present.contains(name) && !seen.contains(name) {
            result.append(name)
            seen.insert(name)
        }
        return result + present.subtracting(seen).sorted()
    }

    /// "Box plot of x", "Box plots of a, b and c", "Box plots of x by species".
    private static func boxLabel(series: [String], grouped: Bool, groupLabel: String?) -> String {
        let names: String
        switch series.count {
        case 0: names = "values"
        case 1: names = series[0].isEmpty ? "values" : series[0]
        case 2...4: names = series.dropLast().joined(separator: ", ") + " and " + (series.last ?? "")
        default: names = "\(series.count) variables"
        }
        let plots = grouped || series.count > 1 ? "Box plots of " : "Box plot of "
        guard grouped else { return plots + names }
        let by = groupLabel.flatMap { $0.isEmpty ? nil : $0 } ?? "group"
        return plots + names + " by " + by
    }
}
