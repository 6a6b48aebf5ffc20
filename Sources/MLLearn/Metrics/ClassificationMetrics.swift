#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fraction of rows whose predicted class equals the true class.
///
/// - Parameters:
///   - truth: The true class indices.
///   - predicted: The predicted class indices, as many as `truth`.
/// - Returns: A value in [0, 1]; NaN for no rows.
public func accuracyScore(truth: [Int], predicted: [Int]) -> Double {
    precondition(truth.count == predicted.count, "metric inputs differ in length")
    guard !truth.isEmpty else { return .nan }
    let correct = zip(truth, predicted).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(truth.count)
}

/// Macro-averaged precision, recall and F1, as scikit-learn's `average="macro", zero_division=0`.
///
/// The average runs over the classes that occur in `truth` or in `predicted` (scikit-learn's
/// `unique_labels`), so a class absent from both does not count. A per-class ratio with a zero
/// denominator is 0. F1 is 2·TP / (2·TP + FP + FN) per class. Two-class problems get the macro
/// average too.
///
/// - Parameters:
///   - truth: The true class indices.
///   - predicted: The predicted class indices, as many as `truth`.
///   - classCount: The number of classes; indices must be in `0..<classCount`.
/// - Returns: The three averages; NaN for no rows.
public func macroPrecisionRecallF1(
    truth: [Int], predicted: [Int], classCount: Int
) -> (precision: Double, recall: Double, f1: Double) {
    let confusion = ConfusionMatrix(truth: truth, predicted: predicted, classCount: classCount)
    guard !truth.isEmpty else { return (.nan, .nan, .nan) }
    var precision = 0.0
    var recall = 0.0
    var f1 = 0.0
    var labels = 0
    for k in 0..<classCount {
        let tp = confusion.counts[k][k]
        let actual = confusion.counts[k].reduce(0, +)
        let predictedCount = confusion.counts.reduce(0) { $0 + $1[k] }
        guard actual + predictedCount > 0 else { continue }
        labels += 1
        precision += predictedCount > 0 ? Double(tp) / Double(predictedCount) : 0
        recall += actual > 0 ? Double(tp) / Double(actual) : 0
        f1 += Double(2 * tp) / Double(actual + predictedCount)
    }
    let count = Double(labels)
    return (precision / count, recall / count, f1 / count)
}

/// The area under the ROC curve of a score for a binary target, with ties handled exactly.
///
/// This is the trapezoidal area under the ROC curve (scikit-learn's `roc_auc_score`), which equals the
/// Mann–Whitney statistic with average ranks for tied scores; it is summed in integers, so it is exact
/// until the final division.
///
/// - Parameters:
///   - positives: Whether each row belongs to the positive class.
///   - scores: A score per row; higher means more likely positive.
/// - Returns: A value in [0, 1]; NaN when either class is absent.
/// - Complexity: O(*n* log *n*).
public func binaryROCAUC(positives: [Bool], scores: [Double]) -> Double {
    ThresholdCounts(positives: positives, scores: scores).rocArea
}

/// ROC-AUC from class probabilities, as scikit-learn's `roc_auc_score`.
///
/// Two classes: the AUC of the second class's probability (the positive class is the second in
/// sorted order). More classes: the unweighted mean of the one-vs-rest AUCs (`multi_class="ovr"`,
/// `average="macro"`). Every class counts, so when one does not occur in `truth` its one-vs-rest AUC
/// is undefined and so is the average: the result is NaN, as scikit-learn's
/// `roc_auc_score(truth, probabilities, multi_class="ovr", labels=range(classCount))` (without
/// `labels=` scikit-learn refuses such input).
///
/// - Parameters:
///   - truth: The true class indices.
///   - probabilities: One row per sample, one column per class.
/// - Returns: A value in [0, 1]; NaN when a class is absent from `truth` (for two classes: when
///   either is).
public func rocAUC(truth: [Int], probabilities: Matrix) -> Double {
    precondition(truth.count == probabilities.rows, "metric inputs differ in length")
    let classCount = probabilities.columns
    if classCount == 2 {
        return binaryROCAUC(positives: truth.map { $0 == 1 }, scores: probabilities.column(1))
    }
    var total = 0.0
    for k in 0..<classCount {
        let auc = binaryROCAUC(positives: truth.map { $0 == k }, scores: probabilities.column(k))
        guard !auc.isNaN else { return .nan }
        total += auc
    }
    return total / Double(classCount)
}

/// The mean negative log-likelihood of the true classes, as scikit-learn 1.9's `log_loss`.
///
/// Probabilities are clipped to [ε, 1 − ε] with ε the double-precision machine epsilon
/// (2.22 · 10⁻¹⁶; scikit-learn 1.9 uses the dtype's epsilon, older versions 10⁻¹⁵) and are not
/// renormalised.
///
/// - Parameters:
///   - truth: The true class indices.
///   - probabilities: One row per sample, one column per class.
/// - Returns: The mean loss in nats; NaN for no rows.
public func logLoss(truth: [Int], probabilities: Matrix) -> Double {
    precondition(truth.count == probabilities.rows, "metric inputs differ in length")
    guard !truth.isEmpty else { return .nan }
    let epsilon = Double.ulpOfOne
    var total = 0.0
    for (i, k) in truth.enumerated() {
        total -= log(min(max(probabilities[i, k], epsilon), 1 - epsilon))
    }
    return total / Double(truth.count)
}

/// The points of a ROC curve, one per distinct score threshold (scikit-learn's `roc_curve` with
/// `drop_intermediate=False`).
public struct ROCCurve: Sendable, Hashable, Codable {
    /// False-positive rates, from 0 to 1.
    public var falsePositiveRates: [Double]
    /// True-positive rates, from 0 to 1.
    public var truePositiveRates: [Double]
    /// The thresholds (score ≥ threshold is predicted positive); the first is +∞.
    public var thresholds: [Double]

    /// Builds the curve of `scores` against a binary truth.
    ///
    /// - Parameters:
    ///   - positives: Whether each row belongs to the positive class.
    ///   - scores: A score per row; higher means more likely positive.
    public init(positives: [Bool], scores: [Double]) {
        let counts = ThresholdCounts(positives: positives, scores: scores)
        let positiveCount = Double(counts.positiveCount)
        let negativeCount = Double(counts.negativeCount)
        var fpr: [Double] = [0]
        var tpr: [Double] = [0]
        for k in counts.thresholds.indices {
            fpr.append(negativeCount > 0 ? Double(counts.falsePositives[k]) / negativeCount : .nan)
            tpr.append(positiveCount > 0 ? Double(counts.truePositives[k]) / positiveCount : .nan)
        }
        let thresholds = [.infinity] + counts.thresholds
        falsePositiveRates = fpr
        truePositiveRates = tpr
        self.thresholds = thresholds
    }

    /// The trapezoidal area under the curve (equal to ``binaryROCAUC(positives:scores:)``).
    public var area: Double {
        var total = 0.0
        for i in 1..<falsePositiveRates.count {
            total +=
                (falsePositiveRates[i] - falsePositiveRates[i - 1])
                * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2
        }
        return total
    }
}
