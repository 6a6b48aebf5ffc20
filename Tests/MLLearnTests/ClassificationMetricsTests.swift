import Foundation
import Testing

@testable import MLLearn

@Suite struct ClassificationMetricsTests {
    @Test func accuracyCountsMatches() {
        // Hand-worked: 6 of 8 equal.
        #expect(accuracyScore(truth: [0, 1, 2, 2, 1, 0, 2, 1], predicted: [0, 2, 2, 2, 1, 0, 1, 1]) == 0.75)
        #expect(accuracyScore(truth: [], predicted: []).isNaN)
    }

    @Test func confusionMatrixPutsTruthInRows() {
        // sklearn.metrics.confusion_matrix([0,1,2,2,1,0,2,1], [0,2,2,2,1,0,1,1]) → [[2,0,0],[0,2,1],[0,1,2]]
        let confusion = ConfusionMatrix(
            truth: [0, 1, 2, 2, 1, 0, 2, 1], predicted: [0, 2, 2, 2, 1, 0, 1, 1], classCount: 3)
        #expect(confusion.counts == [[2, 0, 0], [0, 2, 1], [0, 1, 2]])
        #expect(confusion.total == 8)
    }

    @Test func macroAveragesMatchScikitLearn() {
        // precision_score/recall_score/f1_score([0,1,2,2,1,0,2,1], [0,2,2,2,1,0,1,1], average="macro")
        // → 0.7777777777777777 each.
        let scores = macroPrecisionRecallF1(
            truth: [0, 1, 2, 2, 1, 0, 2, 1], predicted: [0, 2, 2, 2, 1, 0, 1, 1], classCount: 3)
        #expect(isClose(scores.precision, 0.7777777777777777))
        #expect(isClose(scores.recall, 0.7777777777777777))
        #expect(isClose(scores.f1, 0.7777777777777777))
    }

    @Test func aClassNeverPredictedScoresZeroPrecision() {
        // sklearn, zero_division=0: y_true=[0,1,2,2,1,0], y_pred=[0,1,1,1,1,0]
        // → precision 0.5, recall 0.6666666666666666, f1 0.5555555555555555.
        let scores = macroPrecisionRecallF1(truth: [0, 1, 2, 2, 1, 0], predicted: [0, 1, 1, 1, 1, 0], classCount: 3)
        #expect(isClose(scores.precision, 0.5))
        #expect(isClose(scores.recall, 0.6666666666666666))
        #expect(isClose(scores.f1, 0.5555555555555555))
    }

    @Test func aClassOnlyPredictedScoresZeroRecall() {
        // sklearn, zero_division=0: y_true=[0,1,1,1,1,0], y_pred=[0,1,2,2,1,0]
        // → precision 0.6666666666666666, recall 0.5, f1 0.5555555555555555.
        let scores = macroPrecisionRecallF1(truth: [0, 1, 1, 1, 1, 0], predicted: [0, 1, 2, 2, 1, 0], classCount: 3)
        #expect(isClose(scores.precision, 0.6666666666666666))
        #expect(isClose(scores.recall, 0.5))
        #expect(isClose(scores.f1, 0.5555555555555555))
    }

    @Test func aClassAbsentEverywhereIsLeftOutOfTheAverage() {
        // Same as above with a fourth class nobody has: scikit-learn's unique_labels ignores it.
        let three = macroPrecisionRecallF1(truth: [0, 1, 2, 2, 1, 0], predicted: [0, 1, 1, 1, 1, 0], classCount: 3)
        let four = macroPrecisionRecallF1(truth: [0, 1, 2, 2, 1, 0], predicted: [0, 1, 1, 1, 1, 0], classCount: 4)
        #expect(three == four)
    }

    @Test func binaryProblemsReportTheMacroAverage() {
        // precision/recall/f1 with average="macro" on [0,1,0,1,1] vs [0,1,1,1,0] → 0.5833333333333333 each.
        let scores = macroPrecisionRecallF1(truth: [0, 1, 0, 1, 1], predicted: [0, 1, 1, 1, 0], classCount: 2)
        #expect(isClose(scores.f1, 0.5833333333333333))
        #expect(isClose(scores.precision, 0.5833333333333333))
    }

    @Test func rocAUCCountsTiedPairsAsHalf() {
        // Hand-worked: positives score {0.5, 0.8}, negatives {0.5, 0.2}; pairs won 1 + 1 + 1 + ½ (tie) of 4
        // → 0.875 (roc_auc_score([0,1,0,1], [0.5,0.5,0.2,0.8]) agrees).
        #expect(isClose(binaryROCAUC(positives: [false, true, false, true], scores: [0.5, 0.5, 0.2, 0.8]), 0.875))
    }

    private let tiedTruth = [false, false, true, true, false, true, true, false, true, false]
    private let tiedScores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.35, 0.7]

    @Test func rocAUCWithManyTiesMatchesScikitLearn() {
        // roc_auc_score([0,0,1,1,0,1,1,0,1,0], [0.1,0.4,0.35,0.8,0.4,0.4,0.9,0.2,0.35,0.7]) → 0.68
        #expect(isClose(binaryROCAUC(positives: tiedTruth, scores: tiedScores), 0.68))
    }

    @Test func rocCurveMatchesScikitLearnAndItsAreaEqualsTheRankStatistic() {
        // roc_curve(..., drop_intermediate=False) on the vectors above.
        let curve = ROCCurve(positives: tiedTruth, scores: tiedScores)
        #expect(isClose(curve.falsePositiveRates, [0.0, 0.0, 0.0, 0.2, 0.6, 0.6, 0.8, 1.0]))
        #expect(isClose(curve.truePositiveRates, [0.0, 0.2, 0.4, 0.4, 0.6, 1.0, 1.0, 1.0]))
        #expect(Array(curve.thresholds.dropFirst()) == [0.9, 0.8, 0.7, 0.4, 0.35, 0.2, 0.1])
        #expect(isClose(curve.area, 0.68))
    }

    @Test func rocAUCIsUndefinedWithOneClass() {
        #expect(binaryROCAUC(positives: [true, true], scores: [0.2, 0.4]).isNaN)
    }

    private let threeClassTruth = [0, 1, 2, 2, 0, 1, 0]
    private let threeClassProbabilities = Matrix(rowArrays: [
        [0.5, 0.2, 0.3], [0.1, 0.6, 0.3], [0.4, 0.2, 0.4], [0.3, 0.3, 0.4], [0.2, 0.4, 0.4], [0.3, 0.5, 0.2],
        [0.4, 0.4, 0.2],
    ])

    @Test func multiclassROCAUCIsTheOneVersusRestMacroAverage() {
        // roc_auc_score(y, P, multi_class="ovr") → 0.8694444444444445 (per class 0.7083, 1.0, 0.9).
        #expect(isClose(rocAUC(truth: threeClassTruth, probabilities: threeClassProbabilities), 0.8694444444444445))
    }

    @Test func binaryROCAUCUsesTheSecondClassProbability() {
        // The positive class is index 1; its scores are column 1 (hand-worked: the 0.875 case above).
        let probabilities = Matrix(rowArrays: [[0.5, 0.5], [0.5, 0.5], [0.8, 0.2], [0.2, 0.8]])
        #expect(isClose(rocAUC(truth: [0, 1, 0, 1], probabilities: probabilities), 0.875))
    }

    @Test func logLossMatchesScikitLearn() {
        // log_loss(y, P) on the three-class vectors above → 0.8936328704203496
        #expect(isClose(logLoss(truth: threeClassTruth, probabilities: threeClassProbabilities), 0.8936328704203496))
    }

    @Test func logLossClipsAtMachineEpsilonLikeScikitLearn19() {
        // log_loss([1,1,0], [[1,0],[0,1],[0.6,0.4]]) → 12.184826337627713 in scikit-learn 1.9
        // (−log ε with ε = 2.22e-16; the old 1e-15 clip would give 11.68).
        let probabilities = Matrix(rowArrays: [[1, 0], [0, 1], [0.6, 0.4]])
        #expect(isClose(logLoss(truth: [1, 1, 0], probabilities: probabilities), 12.184826337627713, tolerance: 1e-9))
    }

    @Test func evaluationListsMetricsInOrder() {
        let evaluation = Evaluation.classification(
            truth: threeClassTruth, predicted: [0, 1, 0, 2, 1, 1, 0], probabilities: threeClassProbabilities
        )
        #expect(evaluation.metrics.map(\.name) == ["accuracy", "precision", "recall", "f1", "auc", "log_loss"])
        #expect(evaluation["auc"].map { isClose($0, 0.8694444444444445) } == true)
        #expect(evaluation.confusion?.total == 7)
    }

    @Test func undefinedMetricsSurviveJSONAsNull() throws {
        let evaluation = Evaluation(
            metrics: [Metric(name: "auc", value: .nan), Metric(name: "accuracy", value: 1)], rowCount: 2)
        let data = try JSONEncoder().encode(evaluation)
        #expect(String(decoding: data, as: UTF8.self).contains("null"))
        let decoded = try JSONDecoder().decode(Evaluation.self, from: data)
        #expect(decoded["auc"]?.isNaN == true)
        #expect(decoded["accuracy"] == 1)
    }
}
