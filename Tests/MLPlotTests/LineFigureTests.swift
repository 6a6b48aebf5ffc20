import Foundation
import Testing

@testable import MLPlot

/// Curves from scikit-learn on one small problem.
///
/// ```
/// y  = [0,0,1,1,0,1,0,1,1,0,1,1,0,0,1,0]
/// s1 = [.1,.35,.8,.7,.2,.9,.55,.4,.85,.3,.65,.75,.5,.15,.6,.45]
/// s2 = [.3,.6,.55,.7,.2,.5,.65,.4,.8,.35,.45,.9,.25,.1,.75,.5]
/// roc_curve(y, s), roc_auc_score(y, s), precision_recall_curve(y, s), average_precision_score(y, s)
/// ```
private enum Curves {
    static let forestFPR: [Double] = [0, 0, 0, 0.375, 0.375, 1]
    static let forestTPR: [Double] = [0, 0.125, 0.875, 0.875, 1, 1]
    static let forestAUC = 0.953125
    static let linearFPR: [Double] = [0, 0, 0, 0.25, 0.25, 0.375, 0.375, 1]
    static let linearTPR: [Double] = [0, 0.125, 0.5, 0.5, 0.625, 0.75, 1, 1]
    static let linearAUC = 0.8359375
    static let forestRecall: [Double] = [
        1, 1, 1, 1, 1, 1, 0.875, 0.875, 0.875, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0,
    ]
    static let forestPrecision: [Double] = [
        0.5, 0.5333333333333333, 0.5714285714285714, 0.6153846153846154, 0.6666666666666666, 0.7272727272727273,
        0.7, 0.7777777777777778, 0.875, 1, 1, 1, 1, 1, 1, 1, 1,
    ]
    static let forestAP = 0.9659090909090909
    /// The share of positives, `y.mean()`.
    static let positiveRate = 0.5
}

/// Learning-curve numbers typed by hand (mean ± one standard deviation).
private enum Learning {
    static let sizes: [Double] = [50, 100, 200, 300, 400, 455]
    static let train: [Double] = [0.99, 0.985, 0.978, 0.975, 0.972, 0.970]
    static let validation: [Double] = [0.90, 0.925, 0.94, 0.948, 0.952, 0.955]
    static let series = [
        LineSeries(
            name: "Training score", x: sizes, y: train, lower: train.map { $0 - 0.01 },
            upper: train.map { min($0 + 0.01, 1) }
        ),
        LineSeries(
            name: "Validation score", x: sizes, y: validation, lower: validation.map { $0 - 0.03 },
            upper: validation.map { $0 + 0.025 }
        ),
    ]
}

extension Figure {
    /// The paths inside the first group with this name.
    fileprivate func paths(in group: String) -> [PathMark] {
        self.group(named: group).compactMap { mark in
            if case .path(let path) = mark { return path }
            return nil
        }
    }

    /// The texts of the legend.
    fileprivate var legendTexts: [String] {
        group(named: "legend").compactMap { mark in
            if case .text(let text) = mark { return text.text }
            return nil
        }
    }

    /// The plot area's width and height, read off the grid: vertical lines span its height, horizontal its width.
    fileprivate var plotSize: (width: Double, height: Double) {
        var width = 0.0
        var height = 0.0
        for mark in group(named: "grid") {
            guard case .line(let line) = mark else { continue }
            if line.from.y == line.to.y { width = max(width, abs(line.to.x - line.from.x)) }
            if line.from.x == line.to.x { height = max(height, abs(line.to.y - line.from.y)) }
        }
        return (width, height)
    }
}

@Suite struct LineFigureTests {
    private let learning = Charts.line(
        series: Learning.series, markers: true, xLabel: "Training examples", yLabel: "Accuracy",
        title: "Learning curve"
    )
    private let roc = Charts.roc(curves: [
        ("forest", Curves.forestFPR, Curves.forestTPR, Curves.forestAUC),
        ("linear", Curves.linearFPR, Curves.linearTPR, Curves.linearAUC),
    ])
    private let precisionRecall = Charts.precisionRecall(
        curves: [("forest", Curves.forestRecall, Curves.forestPrecision, Curves.forestAP)],
        baseline: Curves.positiveRate
    )
    private let dependence = Charts.partialDependence(
        feature: "radius_mean", grid: (0..<21).map { 6 + Double($0) }, average: (0..<21).map { Double($0 * $0) / 400 },
        rug: Fixtures.spread.map { $0 + 6 }, yLabel: "P(malignant)"
    )

    @Test func learningCurveMatchesGoldens() throws {
        try expectMatchesGolden(learning.svg(id: "line-learning"), named: "line-learning.svg")
        try expectMatchesGolden(learning.tikz(), named: "line-learning.tex")
    }

    @Test func rocMatchesGoldens() throws {
        try expectMatchesGolden(roc.svg(id: "roc"), named: "roc.svg")
        try expectMatchesGolden(roc.tikz(), named: "roc.tex")
    }

    @Test func precisionRecallMatchesGoldens() throws {
        try expectMatchesGolden(precisionRecall.svg(id: "pr"), named: "precision-recall.svg")
        try expectMatchesGolden(precisionRecall.tikz(), named: "precision-recall.tex")
    }

    @Test func partialDependenceMatchesGoldens() throws {
        try expectMatchesGolden(dependence.svg(id: "pdp"), named: "partial-dependence.svg")
        try expectMatchesGolden(dependence.tikz(), named: "partial-dependence.tex")
    }

    @Test func svgIsWellFormedForEveryChart() {
        for (index, figure) in [learning, roc, precisionRecall, dependence].enumerated() {
            let parsed = ParsedSVG(figure.svg(id: "f\(index)"))
            #expect(parsed.isWellFormed, "\(figure.label) is not well-formed")
            #expect(parsed.texts["desc"]?.first == figure.description)
        }
    }

    @Test func learningCurveHasBandsMarkersAndALegend() {
        // Two translucent bands (one per series), drawn before the lines.
        let bands = learning.paths(in: "bands")
        #expect(bands.count == 2)
        #expect(bands.allSatisfy { $0.closed && $0.style.fillOpacity < 1 })
        // A band polygon runs along the upper edge and back along the lower: 2 × 6 points.
        #expect(bands.first?.points.count == 12)
        #expect(learning.group(named: "markers").count == 12)
        #expect(learning.legendTexts == ["Training score", "Validation score"])
        #expect(
            learning.description.contains(
                "Validation score: 6 points from Training examples 50 (Accuracy 0.9) to 455 (Accuracy 0.955)"))
    }

    @Test func oneSeriesHasNoLegendAndGapsBreakTheLine() {
        let figure = Charts.line(
            series: [("loss", [1, 2, 3, 4, 5, 6], [3, 2, .nan, 1.5, 1.2, 1])], xLabel: "epoch", yLabel: "loss"
        )
        #expect(figure.group(named: "legend").isEmpty)
        // The NaN splits the line into two paths: points 1–2 and 4–6.
        #expect(figure.paths(in: "series-1").map(\.points.count) == [2, 3])
        #expect(figure.description.hasSuffix("Left out: 1 point missing or infinite."))
    }

    @Test func rocIsSquareWithAUCInTheLegend() {
        let size = roc.plotSize
        #expect(size.width > 200)
        #expect(abs(size.width - size.height) <= 1, "plot area \(size.width) × \(size.height)")
        #expect(
            roc.legendTexts == ["forest (AUC = 0.953)", "linear (AUC = 0.836)", "Chance level (AUC = 0.5)"])
        // Both axes run 0…1 in steps of 0.2.
        let xLabels = roc.group(named: "x-axis").compactMap { mark -> String? in
            if case .text(let text) = mark { return text.text }
            return nil
        }
        #expect(xLabels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "False positive rate"])
        // One curve still gets its legend: it carries the AUC.
        let one = Charts.roc(curves: [("", Curves.forestFPR, Curves.forestTPR, Curves.forestAUC)])
        #expect(one.legendTexts.first == "AUC = 0.953")
        #expect(one.description.hasPrefix("ROC curve (true positive rate against false positive rate): AUC = 0.953."))
    }

    @Test func precisionRecallStepsAndMarksTheBaseline() {
        // 17 points drawn as steps, each precision held to the next recall: the 17 points (less the 7 repeated
        // where precision stays 1) plus a corner at each of the 8 changes of recall = 18 vertices (hand-worked).
        let path = precisionRecall.paths(in: "series-1")
        #expect(path.count == 1)
        #expect(path.first?.points.count == 18)
        #expect(precisionRecall.legendTexts == ["forest (AP = 0.966)", "Chance level (AP = 0.5)"])
        #expect(precisionRecall.description.contains("A dashed line marks chance, the positive rate 0.5."))
    }

    @Test func partialDependenceDrawsARugOfTheObservedValues() {
        // Fixtures.spread + 6 spans 6…24.47; the grid spans 6…26, so all 300 values are inside and drawn.
        #expect(dependence.group(named: "rug").count == 300)
        #expect(dependence.description.contains("A rug along the radius_mean axis marks 300 observed values."))
        // A larger sample is drawn as 300 quantiles but counted in full.
        let many = Charts.partialDependence(
            feature: "x", grid: [0, 1], average: [0, 1], rug: (0..<1000).map { Double($0) / 1000 }
        )
        #expect(many.group(named: "rug").count == 300)
        #expect(many.description.contains("marks 1000 observed values"))
    }

    @Test func logAxesUseOneTwoFiveTicks() throws {
        let figure = Charts.line(
            series: [("loss", [10, 100, 1000], [2, 0.5, 0.05])], xLabel: "iteration", yLabel: "loss", logX: true,
            logY: true
        )
        try expectMatchesGolden(figure.svg(id: "line-log"), named: "line-log.svg")
        try expectMatchesGolden(figure.tikz(), named: "line-log.tex")
        let yLabels = figure.group(named: "y-axis").compactMap { mark -> String? in
            if case .text(let text) = mark { return text.text }
            return nil
        }
        // 0.05…2 padded by 5 % of 1.6 decades: 1-2-5 ticks 0.05, 0.1, 0.2, 0.5, 1, 2 (hand-worked).
        #expect(yLabels == ["0.05", "0.1", "0.2", "0.5", "1", "2", "loss"])
        #expect(figure.description.hasSuffix("Log scale on iteration and loss."))
    }

    @Test func textsStayApartAndInsideTheFigure() {
        for figure in [learning, roc, precisionRecall, dependence] { expectTextsApartAndInside(figure) }
    }

    @Test(.enabled(if: executableOnPath("pdflatex") != nil, "pdflatex is not on PATH; skipping the compile test"))
    func tikzCompilesWithPdflatex() throws {
        let result = try compileWithPdflatex([
            learning.tikz(), roc.tikz(), precisionRecall.tikz(), dependence.tikz(),
        ])
        #expect(result.status == 0, "pdflatex failed:\n\(result.errors)")
    }
}
