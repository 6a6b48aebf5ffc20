/// Precision, recall and F1 of every class, with their macro and support-weighted averages, as
/// scikit-learn's `precision_recall_fscore_support(truth, predicted, labels=range(classCount), zero_division=0)`.
///
/// Every class of the model counts, whether or not it occurs in the rows scored: a class absent from both the
/// truth and the predictions scores 0 on all three and still enters the macro average (scikit-learn with an
/// explicit `labels=`; ``macroPrecisionRecallF1(truth:predicted:classCount:)`` instead leaves it out, as
/// scikit-learn does without `labels=`). A ratio with a zero denominator is 0. F1 is 2·TP / (2·TP + FP + FN).
public struct ClassScores: Sendable, Hashable, Codable {
    /// TP / (TP + FP) per class.
    public var precision: [Double]
    /// TP / (TP + FN) per class.
    public var recall: [Double]
    /// 2·TP / (2·TP + FP + FN) per class.
    public var f1: [Double]
    /// The number of rows of each class in the truth.
    public var support: [Int]

    /// Scores class predictions.
    ///
    /// - Parameters:
    ///   - truth: The true class indices.
    ///   - predicted: The predicted class indices, as many as `truth`.
    ///   - classCount: The number of classes; indices must be in `0..<classCount`.
    /// - Complexity: O(*n* + *k*).
    public init(truth: [Int], predicted: [Int], classCount: Int) {
        precondition(truth.count == predicted.count, "metric inputs differ in length")
        var truePositives = [Int](repeating: 0, count: classCount)
        var actual = [Int](repeating: 0, count: classCount)
        var predictedCounts = [Int](repeating: 0, count: classCount)
        for (t, p) in zip(truth, predicted) {
            precondition(t >= 0 && t < classCount && p >= 0 && p < classCount, "class index out of range")
            actual[t] += 1
            predictedCounts[p] += 1
            if t == p { truePositives[t] += 1 }
        }
        self.init(truePositives: truePositives, actual: actual, predicted: predictedCounts)
    }

    /// Scores the predictions a confusion matrix counts.
    ///
    /// - Parameter matrix: The counts of (true class, predicted class) pairs.
    /// - Complexity: O(*k*²).
    public init(_ matrix: ConfusionMatrix) {
        let classes = 0..<matrix.classCount
        self.init(
            truePositives: classes.map { matrix.counts[$0][$0] },
            actual: matrix.counts.map { $0.reduce(0, +) },
            predicted: classes.map { p in matrix.counts.reduce(0) { $0 + $1[p] } })
    }

    /// The scores from the per-class counts of true positives, truth and predictions.
    private init(truePositives: [Int], actual: [Int], predicted: [Int]) {
        func ratio(_ numerator: Int, _ denominator: Int) -> Double {
            denominator > 0 ? Double(numerator) / Double(denominator) : 0
        }
        let classes = truePositives.indices
        precision = classes.map { ratio(truePositives[$0], predicted[$0]) }
        recall = classes.map { ratio(truePositives[$0], actual[$0]) }
        f1 = classes.map { ratio(2 * truePositives[$0], actual[$0] + predicted[$0]) }
        support = actual
    }

    /// The unweighted mean of the per-class precisions.
    public var macroPrecision: Double { mean(precision) }
    /// The unweighted mean of the per-class recalls.
    public var macroRecall: Double { mean(recall) }
    /// The unweighted mean of the per-class F1 scores.
    public var macroF1: Double { mean(f1) }
    /// The mean of the per-class precisions weighted by support; 0 with no rows (scikit-learn's zero_division).
    public var weightedPrecision: Double { weightedMean(precision) }
    /// The mean of the per-class recalls weighted by support (equal to accuracy).
    public var weightedRecall: Double { weightedMean(recall) }
    /// The mean of the per-class F1 scores weighted by support.
    public var weightedF1: Double { weightedMean(f1) }

    /// The mean recall over the classes with rows in the truth, NaN when there are none (scikit-learn's
    /// `balanced_accuracy_score`).
    public var balancedAccuracy: Double {
        let present = support.indices.filter { support[$0] > 0 }
        guard !present.isEmpty else { return .nan }
        return present.reduce(0.0) { $0 + recall[$1] } / Double(present.count)
    }

    /// The plain mean, NaN for no classes.
    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The support-weighted mean, 0 when the supports sum to 0.
    private func weightedMean(_ values: [Double]) -> Double {
        let total = support.reduce(0, +)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for (value, weight) in zip(values, support) { sum += value * Double(weight) }
        return sum / Double(total)
    }
}

/// The mean recall over the classes that occur in `truth`, as scikit-learn's `balanced_accuracy_score`.
///
/// A class that is only predicted (absent from `truth`) has no recall and is left out, as scikit-learn does
/// (with a warning there).
///
/// - Parameters:
///   - truth: The true class indices.
///   - predicted: The predicted class indices, as many as `truth`.
///   - classCount: The number of classes; indices must be in `0..<classCount`.
/// - Returns: A value in [0, 1]; NaN for no rows.
public func balancedAccuracyScore(truth: [Int], predicted: [Int], classCount: Int) -> Double {
    ClassScores(truth: truth, predicted: predicted, classCount: classCount).balancedAccuracy
}
