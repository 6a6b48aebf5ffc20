/// The points of a precision–recall curve, one per distinct score threshold, as scikit-learn's
/// `precision_recall_curve` (with `drop_intermediate=False`).
///
/// The arrays are in scikit-learn's order: thresholds ascending, so recall falls from its highest value to the
/// final point (recall 0, precision 1), which has no threshold. A row is predicted positive when its score is
/// at least the threshold. Every distinct score is kept, including those past full recall.
public struct PrecisionRecallCurve: Sendable, Hashable, Codable {
    /// Precision at each threshold, then 1 for the final point; one more than ``thresholds``.
    public var precisions: [Double]
    /// Recall at each threshold, then 0 for the final point; one more than ``thresholds``.
    ///
    /// With no positive row, recall is 1 at every threshold (scikit-learn's convention, which it warns about).
    public var recalls: [Double]
    /// The distinct scores, ascending.
    public var thresholds: [Double]

    /// Builds the curve of `scores` against a binary truth.
    ///
    /// - Parameters:
    ///   - positives: Whether each row belongs to the positive class.
    ///   - scores: A score per row; higher means more likely positive.
    /// - Complexity: O(*n* log *n*).
    public init(positives: [Bool], scores: [Double]) {
        self.init(counts: ThresholdCounts(positives: positives, scores: scores))
    }

    /// Builds the curve from counts already made (shared with the ROC area of the same scores).
    init(counts: ThresholdCounts) {
        let positiveTotal = Double(counts.positiveCount)
        var precisions: [Double] = []
        var recalls: [Double] = []
        precisions.reserveCapacity(counts.thresholds.count + 1)
        recalls.reserveCapacity(counts.thresholds.count + 1)
        for k in counts.thresholds.indices.reversed() {
            let tp = Double(counts.truePositives[k])
            let fp = Double(counts.falsePositives[k])
            precisions.append(tp / (tp + fp))
            recalls.append(positiveTotal > 0 ? tp / positiveTotal : 1)
        }
        precisions.append(1)
        recalls.append(0)
        self.precisions = precisions
        self.recalls = recalls
        self.thresholds = counts.thresholds.reversed()
    }

    /// The average precision: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds, a step function rather than the
    /// trapezoidal area (scikit-learn's `average_precision_score`).
    ///
    /// It is 0 when no row is positive, as in scikit-learn, and NaN for no rows.
    public var averagePrecision: Double {
        guard !thresholds.isEmpty else { return .nan }
        var total = 0.0
        for i in 0..<(recalls.count - 1) {
            total += (recalls[i] - recalls[i + 1]) * precisions[i]
        }
        return total
    }
}

/// The counts behind ROC and precision–recall curves: for each distinct score, from the highest down, the
/// numbers of positive and negative rows scoring at least that much (scikit-learn's `_binary_clf_curve`).
///
/// The positive and the negative scores are sorted apart and merged, which is faster than sorting row
/// indices by score (plain `Double` sorts, no indirection).
struct ThresholdCounts {
    /// The distinct scores, descending.
    var thresholds: [Double] = []
    /// The number of positive rows scoring at least each threshold.
    var truePositives: [Int] = []
    /// The number of negative rows scoring at least each threshold.
    var falsePositives: [Int] = []

    /// The number of positive rows.
    var positiveCount: Int { truePositives.last ?? 0 }
    /// The number of negative rows.
    var negativeCount: Int { falsePositives.last ?? 0 }

    /// Counts `scores` against a binary truth.
    ///
    /// - Parameters:
    ///   - positives: Whether each row belongs to the positive class.
    ///   - scores: A score per row; higher means more likely positive.
    /// - Complexity: O(*n* log *n*).
    init(positives: [Bool], scores: [Double]) {
        precondition(positives.count == scores.count, "metric inputs differ in length")
        var positiveScores: [Double] = []
        var negativeScores: [Double] = []
        for (positive, score) in zip(positives, scores) {
            if positive { positiveScores.append(score) } else { negativeScores.append(score) }
        }
        // Descending: the ascending sort of Double (specialised, no comparison closure), reversed.
        positiveScores.sort()
        positiveScores.reverse()
        negativeScores.sort()
        negativeScores.reverse()
        var tp = 0
        var fp = 0
        while tp < positiveScores.count || fp < negativeScores.count {
            let threshold =
                tp == positiveScores.count
                ? negativeScores[fp]
                : fp == negativeScores.count ? positiveScores[tp] : max(positiveScores[tp], negativeScores[fp])
            while tp < positiveScores.count, positiveScores[tp] == threshold { tp += 1 }
            while fp < negativeScores.count, negativeScores[fp] == threshold { fp += 1 }
            thresholds.append(threshold)
            truePositives.append(tp)
            falsePositives.append(fp)
        }
    }

    /// The area under the ROC curve by the trapezoidal rule, in exact integer arithmetic until the last
    /// division; NaN when either class is absent.
    var rocArea: Double {
        guard positiveCount > 0, negativeCount > 0 else { return .nan }
        // Σ (FPᵢ − FPᵢ₋₁)(TPᵢ + TPᵢ₋₁) counts twice the area in units of one positive × one negative.
        var twiceArea = 0
        var previous = (tp: 0, fp: 0)
        for k in thresholds.indices {
            twiceArea += (falsePositives[k] - previous.fp) * (truePositives[k] + previous.tp)
            previous = (truePositives[k], falsePositives[k])
        }
        return Double(twiceArea) / (2 * Double(positiveCount) * Double(negativeCount))
    }
}

/// The average precision of a score for a binary target, as scikit-learn's `average_precision_score`.
///
/// This is the step-wise sum Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds (no interpolation, not the
/// trapezoidal area); tied scores form one threshold.
///
/// - Parameters:
///   - positives: Whether each row belongs to the positive class.
///   - scores: A score per row; higher means more likely positive.
/// - Returns: A value in [0, 1]; 0 when no row is positive (as scikit-learn), NaN for no rows.
/// - Complexity: O(*n* log *n*).
public func binaryAveragePrecision(positives: [Bool], scores: [Double]) -> Double {
    PrecisionRecallCurve(positives: positives, scores: scores).averagePrecision
}

/// Average precision from class probabilities, as scikit-learn's `average_precision_score`.
///
/// Two classes: the average precision of the second class's probability (the positive class is the second
/// in sorted order). More classes: the unweighted mean of the one-vs-rest average precisions (scikit-learn's
/// default `average="macro"` on the binarized truth); NaN when a class does not occur in `truth`, where
/// scikit-learn refuses the input.
///
/// - Parameters:
///   - truth: The true class indices.
///   - probabilities: One row per sample, one column per class.
/// - Returns: A value in [0, 1], or NaN as described.
public func averagePrecision(truth: [Int], probabilities: Matrix) -> Double {
    precondition(truth.count == probabilities.rows, "metric inputs differ in length")
    let classCount = probabilities.columns
    if classCount == 2 {
        return binaryAveragePrecision(positives: truth.map { $0 == 1 }, scores: probabilities.column(1))
    }
    var present = [Bool](repeating: false, count: classCount)
    for k in truth { present[k] = true }
    guard !truth.isEmpty, present.allSatisfy({ $0 }) else { return .nan }
    var total = 0.0
    for k in 0..<classCount {
        total += binaryAveragePrecision(positives: truth.map { $0 == k }, scores: probabilities.column(k))
    }
    return total / Double(classCount)
}
