extension Charts {
    /// Draws one value per category as vertical bars, such as the counts of a categorical column.
    ///
    /// Bars stand on a zero line, in the order given; negative values hang below it. Category names go under the
    /// bars, horizontally when they fit, otherwise wrapped onto two lines or rotated 45° or 90° and shortened with
    /// "…" (decided from measured text widths). Values that are all whole numbers get whole-number ticks. A NaN or
    /// infinite value draws no bar. In SVG each bar has a tooltip with its value.
    ///
    /// - Parameters:
    ///   - categories: The category names, in display order.
    ///   - values: One value per category (extra values are ignored, missing ones count as NaN).
    ///   - valueLabel: The value-axis title, such as "Count".
    ///   - categoryLabel: The category-axis title, such as the column name, or empty.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - color: The bar colour.
    /// - Returns: The figure.
    public static func bar(
        categories: [String],
        values: [Double],
        valueLabel: String = "Count",
        categoryLabel: String = "",
        title: String? = nil,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        color: Color = Palette.okabeIto.color(at: 0)
    ) -> Figure {
        bar(
            categories: categories, series: [("", values)], valueLabel: valueLabel, categoryLabel: categoryLabel,
            title: title, width: width, height: height, palette: Palette(colors: [color])
        )
    }

    /// Draws several values per category as groups of side-by-side bars, one colour per series, with a legend.
    ///
    /// Within each category the series' bars stand side by side in series order, coloured from `palette`; a
    /// legend on top names the series (none for a single series). Otherwise as
    /// ``bar(categories:values:valueLabel:categoryLabel:title:width:height:color:)``.
    ///
    /// - Parameters:
    ///   - categories: The category names, in display order.
    ///   - series: The series, each a name (for the legend) and one value per category.
    ///   - valueLabel: The value-axis title, such as "Count".
    ///   - categoryLabel: The category-axis title, or empty.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - legendTitle: What the series are, such as the grouping column, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The series colours.
    /// - Returns: The figure.
    public static func bar(
        categories: [String],
        series: [(name: String, values: [Double])],
        valueLabel: String = "Count",
        categoryLabel: String = "",
        title: String? = nil,
        legendTitle: String? = nil,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto
    ) -> Figure {
        let grouped = series.count > 1
        let table = series.map { entry in
            categories.indices.map { $0 < entry.values.count ? entry.values[$0] : .nan }
        }
        let finite = table.joined().filter(\.isFinite)
        let low = min(finite.min() ?? 0, 0)
        let high = max(finite.max() ?? 1, 0)
        let whole = finite.allSatisfy { $0 == $0.rounded() }
        var label = "Bar chart of " + (valueLabel.isEmpty ? "values" : valueLabel)
        let by = [categoryLabel, grouped ? legendTitle ?? "" : ""].filter { !$0.isEmpty }
        if !by.isEmpty { label += " by " + by.joined(separator: " and ") }

        let legend =
            grouped
            ? Legend(
                title: legendTitle,
                entries: series.indices.map {
                    Legend.Entry(label: series[$0].name, swatch: .filled(.color(palette.color(at: $0)), opacity: 0.9))
                }) : nil
        let frame = CategoricalFrame(
            width: width, height: height, title: title, legend: legend, categories: categories,
            categoryTitle: categoryLabel,
            value: ContinuousAxisSpec(
                title: valueLabel, extent: low...(high > low ? high : low + 1),
                fit: .niceOrPadded(lower: low < 0 ? 0.05 : 0, upper: high > 0 ? 0.05 : 0), integerTicks: whole
            ),
            paddingInner: grouped ? 0.25 : 0.2, paddingOuter: 0.1
        )
        let layout = frame.layout()
        let zero = layout.values(0)
        let format = { (value: Double) in NumberFormatting.general(value) }
        let slots = BandScale(
            categories: series.map(\.name), rangeStart: 0, rangeEnd: layout.bands.bandwidth,
            paddingInner: grouped ? 0.08 : 0, paddingOuter: 0
        )

        var marks = layout.underlay
        for (index, entry) in series.enumerated() {
            let color = Paint.color(palette.color(at: index))
            var bars: [Mark] = []
            for (category, value) in table[index].enumerated() where value.isFinite {
                let x = layout.bands.start(at: category) + slots.start(at: index)
                let end = layout.values(value)
                let rect = Rect(x: x, y: min(zero, end), width: slots.bandwidth, height: abs(end - zero))
                let name = grouped ? "\(categories[category]), \(entry.name)" : categories[category]
                bars.append(
                    .rect(RectMark(rect, style: .filled(color, opacity: 0.9), tooltip: "\(name): \(format(value))")))
            }
            marks.append(.group(GroupMark(name: grouped ? "series-\(index + 1)" : "bars", marks: bars)))
        }
        let baseline = crisp(zero)
        let plot = layout.plot
        marks.append(.segment(Point(x: plot.x, y: baseline), Point(x: plot.maxX, y: baseline), .stroked(.theme(.axis))))
        marks += layout.overlay

        let description = barDescription(
            label: label, categories: categories, series: series.map(\.name), table: table, format: format
        )
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// Draws one value per label as horizontal bars, first label at the top, such as feature importances or
    /// contributions, optionally with error bars.
    ///
    /// Bars grow from a zero line, to the right for positive values and to the left for negative ones, in the
    /// order given (sort before calling). When the values have both signs, positive bars take the palette's
    /// fourth colour (vermillion in ``Palette/okabeIto``) and negative ones its first (blue), as in
    /// ``ColorScale/blueRed``; otherwise every bar takes the first colour. Labels are right-aligned to the left of
    /// the bars and shortened with "…" beyond 40 % of the figure width. An error bar spans `value ± error`, with
    /// caps. A NaN value draws no bar; a NaN or negative error draws no error bar.
    ///
    /// - Parameters:
    ///   - labels: The bar labels, top to bottom.
    ///   - values: One value per label (extra values are ignored, missing ones count as NaN).
    ///   - errors: The half-length of each error bar (such as a standard deviation), or `nil`.
    ///   - valueLabel: The value-axis title, such as "Mean decrease in accuracy".
    ///   - categoryLabel: What the labels are, such as "Feature", or empty.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points, or `nil` to give each bar 22 points (the figure grows with the
    ///     number of labels, from 160 up to 900 points).
    ///   - palette: The bar colours.
    /// - Returns: The figure.
    public static func horizontalBar(
        labels: [String],
        values: [Double],
        errors: [Double]? = nil,
        valueLabel: String = "",
        categoryLabel: String = "",
        title: String? = nil,
        width: Double = defaultWidth,
        height: Double? = nil,
        palette: Palette = .okabeIto
    ) -> Figure {
        let values = labels.indices.map { $0 < values.count ? values[$0] : .nan }
        let errors = labels.indices.map { index -> Double? in
            guard let errors, index < errors.count, errors[index].isFinite, errors[index] >= 0,
                values[index].isFinite
            else { return nil }
            return errors[index]
        }
        let finite = values.filter(\.isFinite)
        let reaches = labels.indices.flatMap { index -> [Double] in
            guard values[index].isFinite else { return [] }
            let error = errors[index] ?? 0
            return [values[index] - error, values[index] + error]
        }
        let low = min(reaches.min() ?? 0, 0)
        let high = max(reaches.max() ?? 1, 0)
        let mixed = finite.contains { $0 < 0 } && finite.contains { $0 > 0 }
        var label = "Horizontal bar chart of " + (valueLabel.isEmpty ? "values" : valueLabel)
        if !categoryLabel.isEmpty { label += " by " + categoryLabel }

        let theme = Theme.standard
        let figureHeight = height ?? automaticHeight(rows: labels.count, width: width, title: title, theme: theme)
        let frame = CategoricalFrame(
            width: width, height: figureHeight, title: title, legend: nil, categories: labels,
            categoryTitle: categoryLabel,
            value: ContinuousAxisSpec(
                title: valueLabel, extent: low...(high > low ? high : low + 1),
                fit: .niceOrPadded(lower: low < 0 ? 0.05 : 0, upper: high > 0 ? 0.05 : 0)
            ),
            orientation: .horizontal, paddingInner: 0.25, paddingOuter: 0.15
        )
        let layout = frame.layout()
        let zero = layout.values(0)
        let format = { (value: Double) in NumberFormatting.general(value) }
        let positive = Paint.color(palette.color(at: mixed ? 3 : 0))
        let negative = Paint.color(palette.color(at: 0))

        var marks = layout.underlay
        var bars: [Mark] = []
        var whiskers: [Mark] = []
        let whiskerStyle = Style.stroked(.theme(.foreground), width: 1.25)
        for (index, value) in values.enumerated() where value.isFinite {
            let y = layout.bands.start(at: index)
            let end = layout.values(value)
            let rect = Rect(x: min(zero, end), y: y, width: abs(end - zero), height: layout.bands.bandwidth)
            var tooltip = "\(labels[index]): \(format(value))"
            if let error = errors[index] {
                tooltip += " ± \(format(error))"
                let center = layout.bands.center(at: index)
                let cap = layout.bands.bandwidth * 0.2
                let from = layout.values(value - error)
                let to = layout.values(value + error)
                whiskers.append(.segment(Point(x: from, y: center), Point(x: to, y: center), whiskerStyle))
                whiskers.append(
                    .segment(Point(x: from, y: center - cap), Point(x: from, y: center + cap), whiskerStyle))
                whiskers.append(.segment(Point(x: to, y: center - cap), Point(x: to, y: center + cap), whiskerStyle))
            }
            let paint = value < 0 ? negative : positive
            bars.append(.rect(RectMark(rect, style: .filled(paint, opacity: 0.9), tooltip: tooltip)))
        }
        marks.append(.group(GroupMark(name: "bars", marks: bars)))
        if !whiskers.isEmpty { marks.append(.group(GroupMark(name: "error-bars", marks: whiskers))) }
        let x = crisp(zero)
        let plot = layout.plot
        marks.append(.segment(Point(x: x, y: plot.y), Point(x: x, y: plot.maxY), .stroked(.theme(.axis))))
        marks += layout.overlay

        let items = labels.indices.map { index -> String in
            guard values[index].isFinite else { return "\(labels[index]) (no value)" }
            let error = errors[index].map { " ± " + format($0) } ?? ""
            return "\(labels[index]) \(format(values[index]))\(error)"
        }
        let noun = categoryLabel.isEmpty ? "bar" : categoryLabel.lowercased()
        let description =
            "\(label): \(plural(labels.count, noun)), top to bottom: " + listed(items, limit: 12) + "."
        return Figure(
            width: width, height: figureHeight, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// The height that gives each of `rows` horizontal bars 22 points, between 160 and 900 points.
    private static func automaticHeight(rows: Int, width: Double, title: String?, theme: Theme) -> Double {
        let (header, _) = headerMarks(width: width, title: title, legend: nil, theme: theme)
        let axis = Axis(edge: .bottom, ticks: [], title: "x", showsGrid: false, showsLine: false, theme: theme)
        let chrome = header + theme.tickLabelSize * TextMetrics.capHeight / 2 + axis.extent + theme.padding
        return min(max((chrome + 22 * Double(max(rows, 1))).rounded(.up), 160), 900)
    }

    private static func barDescription(
        label: String, categories: [String], series: [String], table: [[Double]], format: (Double) -> String
    ) -> String {
        func text(_ value: Double) -> String { value.isFinite ? format(value) : "no value" }
        let items = categories.indices.map { category -> String in
            if series.count == 1 { return "\(categories[category]) \(text(table[0][category]))" }
            let parts = series.indices.map { "\(series[$0]) \(text(table[$0][category]))" }
            return "\(categories[category]) (" + parts.joined(separator: ", ") + ")"
        }
        guard !items.isEmpty else { return "\(label): no categories." }
        return "\(label): " + listed(items, limit: 12) + "."
    }

    /// The first `limit` items joined by `separator`, then "and N more" when some are left out.
    static func listed(_ items: [String], limit: Int, separator: String = ", ") -> String {
        guard items.count > limit else { return items.joined(separator: separator) }
        return items.prefix(limit).joined(separator: separator) + separator + "and \(items.count - limit) more"
    }
}
