import Foundation
import Testing

@testable import MLLearn

/// One case of Reference/metrics_cases.json (`null` decodes as `nil`, meaning NaN).
struct MetricsCase: Decodable, Sendable, CustomTestStringConvertible {
    /// scikit-learn's `precision_recall_curve`.
    struct Curve: Decodable, Sendable {
        var precision: [Double]
        var recall: [Double]
        var thresholds: [Double]
    }

    var name: String
    var truth: [Int]
    var predicted: [Int]
    var probabilities: [[Double]]
    var balancedAccuracy: Double
    var precision: [Double]
    var recall: [Double]
    var f1: [Double]
    var support: [Int]
    var macro: [Double]
    var weighted: [Double]
    var rocAUC: Double?
    var averagePrecision: Double?
    var curve: Curve?
    var testDescription: String { name }

    var classCount: Int { probabilities.first?.count ?? 0 }
    var matrix: Matrix { Matrix(rowArrays: probabilities) }

    private enum CodingKeys: String, CodingKey {
        case name, truth, predicted, probabilities, precision, recall, f1, support, macro, weighted
        case balancedAccuracy = "balanced_accuracy"
        case rocAUC = "roc_auc"
        case averagePrecision = "average_precision"
        case curve = "pr_curve"
    }
}

private struct MetricsReference: Decodable {
    var cases: [MetricsCase]
}

@Suite struct MetricsTests {
    // Reference/metrics_cases.json, written by `python3 Tests/MLLearnTests/Reference/metrics_reference.py`
    // (scikit-learn 1.9.1): tied scores, a class absent from the truth, a class absent everywhere, no positives.
    static let cases: [MetricsCase] = (try? loadReference(MetricsReference.self, "metrics_cases.json").cases) ?? []
    static let binaryCases = cases.filter { $0.classCount == 2 }

    @Test func referenceFileIsPresent() {
        #expect(Self.cases.count == 7)
        #expect(Self.binaryCases.count == 3)
    }

    @Test(arguments: cases) func classScoresMatchScikitLearnWithAllLabels(reference: MetricsCase) {
        // precision_recall_fscore_support(y, p, labels=range(K), zero_division=0)
        let scores = ClassScores(
            truth: reference.truth, predicted: reference.predicted, classCount: reference.classCount)
        #expect(isClose(scores.precision, reference.precision))
        #expect(isClose(scores.recall, reference.recall))
        #expect(isClose(scores.f1, reference.f1))
        #expect(scores.support == reference.support)
        #expect(isClose([scores.macroPrecision, scores.macroRecall, scores.macroF1], reference.macro))
        #expect(isClose([scores.weightedPrecision, scores.weightedRecall, scores.weightedF1], reference.weighted))
    }

    @Test(arguments: cases) func balancedAccuracyMatchesScikitLearn(reference: MetricsCase) {
        let value = balancedAccuracyScore(
            truth: reference.truth, predicted: reference.predicted, classCount: reference.classCount)
        #expect(isClose(value, reference.balancedAccuracy))
    }

    @Test(arguments: cases) func rocAUCMatchesScikitLearnOneVersusRest(reference: MetricsCase) {
        // roc_auc_score(..., multi_class="ovr", average="macro", labels=range(K)); NaN (null) with an absent class.
        let value = rocAUC(truth: reference.truth, probabilities: reference.matrix)
        #expect(isClose(value, reference.rocAUC ?? .nan))
    }

    @Test(arguments: cases) func averagePrecisionMatchesScikitLearn(reference: MetricsCase) {
        // average_precision_score: step-wise, ties as one threshold; NaN (null) where scikit-learn refuses.
        let value = averagePrecision(truth: reference.truth, probabilities: reference.matrix)
        #expect(isClose(value, reference.averagePrecision ?? .nan))
    }

    @Test(arguments: binaryCases) func precisionRecallCurveMatchesScikitLearn(reference: MetricsCase) throws {
        let expected = try #require(reference.curve)
        let curve = PrecisionRecallCurve(
            positives: reference.truth.map { $0 == 1 }, scores: reference.probabilities.map { $0[1] })
        #expect(isClose(curve.precisions, expected.precision))
        #expect(isClose(curve.recalls, expected.recall))
        #expect(curve.thresholds == expected.thresholds)
    }

    @Test func averagePrecisionIsAStepSumNotATrapezoid() {
        // Hand-worked: scores 0.8 (+), 0.5 (+, −), 0.2 (−). Thresholds 0.8: P 1, R ½; 0.5: P ⅔, R 1; 0.2: P ½, R 1.
        // AP = ½·1 + ½·⅔ + 0·½ = 0.8333…; the trapezoid would give ½·(1 + 1)/2 + ½·(1 + ⅔)/2 = 0.9167.
        let value = binaryAveragePrecision(positives: [false, true, false, true], scores: [0.5, 0.5, 0.2, 0.8])
        #expect(isClose(value, 5.0 / 6.0))
    }

    @Test func aClassAbsentEverywhereCountsInTheMacroAverageWithAllLabels() {
        // Hand-worked: classes 0 and 1 perfectly predicted, class 2 never seen: macro F1 = (1 + 1 + 0) / 3.
        let scores = ClassScores(truth: [0, 1, 1, 0], predicted: [0, 1, 1, 0], classCount: 3)
        #expect(isClose(scores.macroF1, 2.0 / 3.0))
        #expect(scores.weightedF1 == 1)
        // The unique-labels average of `evaluate` leaves the class out.
        #expect(macroPrecisionRecallF1(truth: [0, 1, 1, 0], predicted: [0, 1, 1, 0], classCount: 3).f1 == 1)
    }

    @Test func twoClassEvaluationAddsBalancedAccuracyAndAveragePrecisionLast() throws {
        let reference = try #require(Self.binaryCases.first)
        let evaluation = Evaluation.classification(
            truth: reference.truth, predicted: reference.predicted, probabilities: reference.matrix)
        #expect(
            evaluation.metrics.map(\.name) == [
                "accuracy", "precision", "recall", "f1", "auc", "log_loss", "balanced_accuracy", "average_precision",
            ])
        #expect(evaluation["balanced_accuracy"].map { isClose($0, reference.balancedAccuracy) } == true)
        #expect(evaluation["average_precision"].map { isClose($0, reference.averagePrecision ?? .nan) } == true)
    }

    @Test func multiclassEvaluationWarnsWhenAUCIsUndefined() throws {
        let reference = try #require(Self.cases.first { $0.name == "a class absent from the truth" })
        let evaluation = Evaluation.classification(
            truth: reference.truth, predicted: reference.predicted, probabilities: reference.matrix)
        #expect(evaluation.metrics.count == 6)
        #expect(evaluation["auc"]?.isNaN == true)
        #expect(evaluation.warnings == ["ROC-AUC is undefined: 1 of the 3 classes does not occur in the data"])
    }

    @Test func metricNamesSuggestTheNearestValidOne() throws {
        #expect(try ValidationMetric(name: "ROC_AUC", classification: true) == .auc)
        #expect(try ValidationMetric(name: "f1_macro", classification: true) == .f1)
        let typo = try #require(throws: LearnError.self) { try ValidationMetric(name: "acuracy", classification: true) }
        #expect(typo.message.contains("did you mean 'accuracy'?"))
        let wrongTask = try #require(throws: LearnError.self) {
            try ValidationMetric(name: "rmse", classification: true)
        }
        #expect(wrongTask.message.contains("rmse is a regression metric"))
        let regression = try #require(throws: LearnError.self) {
            try ValidationMetric(name: "r3", classification: false)
        }
        #expect(regression.message.contains("did you mean 'r2'?"))
        #expect(regression.message.contains("regression metrics: mae, rmse, r2"))
    }
}
