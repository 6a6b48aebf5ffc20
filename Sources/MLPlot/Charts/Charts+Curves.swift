extension Charts {
    /// The default side of the square figures of ROC and precision–recall curves, in points.
    public static let curveSide = 460.0

    /// Draws receiver operating characteristic (ROC) curves: true positive rate against false positive rate, one
    /// line per model, over a dashed diagonal that marks a classifier no better than chance.
    ///
    /// The plot area is square with both axes from 0 to 1 (the figure is narrowed or shortened to make it so).
    /// Each legend label carries the model's area under the curve as given, such as "forest (AUC = 0.934)"; the
    /// legend is shown even for one curve, since it carries the AUC. Points are joined in the order given, as
    /// scikit-learn's `roc_curve` returns them (increasing false positive rate).
    ///
    /// - Parameters:
    ///   - curves: The curves: a name (empty for none), the false and true positive rates, and the AUC.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The largest figure width in points.
    ///   - height: The largest figure height in points.
    ///   - palette: The curve colours.
    /// - Returns: The figure.
    public static func roc(
        curves: [(name: String, fpr: [Double], tpr: [Double], auc: Double)],
        title: String? = nil,
        width: Double = curveSide,
        height: Double = curveSide,
        palette: Palette = .okabeIto
    ) -> Figure {
        let layers = curves.enumerated().map { index, curve in
            LineLayer(
                series: LineSeries(name: curve.name, x: curve.fpr, y: curve.tpr),
                label: scoreLabel(curve.name, "AUC", curve.auc), color: palette.color(at: index)
            )
        }
        var chart = LineChart(
            layers: layers, xLabel: "False positive rate", yLabel: "True positive rate", title: title,
            label: curves.count == 1 ? "ROC curve" : "ROC curves", width: width, height: height
        )
        chart.references = [
            ReferenceLine(from: Point(x: 0, y: 0), to: Point(x: 1, y: 1), label: "Chance level (AUC = 0.5)")
        ]
        chart.xInclude = 0...1
        chart.yInclude = 0...1
        chart.squarePlot = true
        let scores = curves.map { scoreLabel($0.name, "AUC", $0.auc) }
        chart.summary =
            "\(chart.label) (true positive rate against false positive rate): " + listed(scores, limit: 8)
            + ". A dashed diagonal marks chance (AUC 0.5)."
        return chart.figure()
    }

    /// Draws precision–recall curves: precision against recall, one stepped line per model, over an optional
    /// dashed baseline at the positive rate (the precision of a classifier no better than chance).
    ///
    /// The plot area is square with both axes from 0 to 1. Each legend label carries the model's average
    /// precision as given, such as "forest (AP = 0.912)". Each precision holds until the next recall (steps), as
    /// scikit-learn's `PrecisionRecallDisplay` draws them, with points in the order `precision_recall_curve`
    /// returns (recall decreasing).
    ///
    /// - Parameters:
    ///   - curves: The curves: a name (empty for none), recall, precision and average precision.
    ///   - baseline: The share of positives in the evaluated data, drawn as a dashed line, or `nil`.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The largest figure width in points.
    ///   - height: The largest figure height in points.
    ///   - palette: The curve colours.
    /// - Returns: The figure.
    public static func precisionRecall(
        curves: [(name: String, recall: [Double], precision: [Double], averagePrecision: Double)],
        baseline: Double? = nil,
        title: String? = nil,
        width: Double = curveSide,
        height: Double = curveSide,
        palette: Palette = .okabeIto
    ) -> Figure {
        let layers = curves.enumerated().map { index, curve in
            LineLayer(
                series: LineSeries(name: curve.name, x: curve.recall, y: curve.precision),
                label: scoreLabel(curve.name, "AP", curve.averagePrecision), color: palette.color(at: index),
                steps: true
            )
        }
        var chart = LineChart(
            layers: layers, xLabel: "Recall", yLabel: "Precision", title: title,
            label: curves.count == 1 ? "Precision–recall curve" : "Precision–recall curves", width: width,
            height: height
        )
        let scores = curves.map { scoreLabel($0.name, "AP", $0.averagePrecision) }
        var summary = "\(chart.label) (precision against recall): " + listed(scores, limit: 8) + "."
        if let baseline, baseline.isFinite {
            let rate = NumberFormatting.general(baseline, significantDigits: 3)
            chart.references = [
                ReferenceLine(
                    from: Point(x: 0, y: baseline), to: Point(x: 1, y: baseline), label: "Chance level (AP = \(rate))"
                )
            ]
            summary += " A dashed line marks chance, the positive rate \(NumberFormatting.general(baseline))."
        }
        chart.xInclude = 0...1
        chart.yInclude = 0...1
        chart.squarePlot = true
        chart.summary = summary
        return chart.figure()
    }

    /// Draws a partial-dependence plot: the model's average prediction as one feature varies over a grid, with an
    /// optional band (such as the spread of individual curves) and a rug of the feature's observed values.
    ///
    /// The rug marks each observed value inside the grid's range with a short tick along the bottom of the plot
    /// (up to 300 ticks; larger samples are drawn as 300 evenly spaced quantiles, which keeps their density), so a
    /// reader sees where the curve rests on data and where it extrapolates.
    ///
    /// - Parameters:
    ///   - feature: The feature's name (the x-axis title).
    ///   - grid: The feature values where the dependence was evaluated, ascending.
    ///   - average: The average prediction at each grid value.
    ///   - lower: The band's lower edge at each grid value, or `nil`.
    ///   - upper: The band's upper edge at each grid value, or `nil`.
    ///   - rug: The feature's observed values, or empty for no rug.
    ///   - yLabel: The y-axis title.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - color: The line's colour.
    /// - Returns: The figure.
    public static func partialDependence(
        feature: String,
        grid: [Double],
        average: [Double],
        lower: [Double]? = nil,
        upper: [Double]? = nil,
        rug: [Double] = [],
        yLabel: String = "Partial dependence",
        title: String? = nil,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        color: Color = Palette.okabeIto.color(at: 0)
    ) -> Figure {
        let series = LineSeries(name: feature, x: grid, y: average, lower: lower, upper: upper)
        let featureName = feature.isEmpty ? "the feature" : feature
        var chart = LineChart(
            layers: [LineLayer(series: series, label: feature, color: color)], xLabel: feature, yLabel: yLabel,
            title: title, label: "Partial dependence on \(featureName)", width: width, height: height
        )
        chart.showsLegend = false
        chart.rug = rug
        chart.summary = "Partial dependence on \(featureName): the average prediction as \(featureName) varies."
        return chart.figure()
    }

    /// "name (AUC = 0.934)", or "AUC = 0.934" without a name.
    static func scoreLabel(_ name: String, _ score: String, _ value: Double) -> String {
        let number = value.isFinite ? NumberFormatting.fixed(value, decimals: 3) : "n/a"
        return name.isEmpty ? "\(score) = \(number)" : "\(name) (\(score) = \(number))"
    }
}
