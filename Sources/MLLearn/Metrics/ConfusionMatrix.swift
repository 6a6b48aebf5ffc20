/// Counts of (true class, predicted class) pairs.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    /// `counts[t][p]` is the number of rows of true class `t` predicted as class `p`
    /// (rows are truth, columns are predictions, as scikit-learn's `confusion_matrix`).
    public private(set) var counts: [[Int]]

    /// Counts the pairs.
    ///
    /// - Parameters:
    ///   - truth: The true class indices.
    ///   - predicted: The predicted class indices, as many as `truth`.
    ///   - classCount: The number of classes; indices must be in `0..<classCount`.
    public init(truth: [Int], predicted: [Int], classCount: Int) {
        precondition(truth.count == predicted.count, "metric inputs differ in length")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(truth, predicted) {
            precondition(t >= 0 && t < classCount && p >= 0 && p < classCount, "class index out of range")
            counts[t][p] += 1
        }
        self.counts = counts
    }

    /// The number of classes.
    public var classCount: Int { counts.count }

    /// The number of rows counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
}
