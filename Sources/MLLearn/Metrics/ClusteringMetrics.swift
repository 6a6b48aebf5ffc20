import MLData

/// The mean silhouette coefficient of a clustering, as scikit-learn's `silhouette_score` (Euclidean).
///
/// For row *i* in cluster *A*, a(i) is the mean distance to the other rows of *A* and b(i) the smallest
/// mean distance to the rows of another cluster; s(i) = (b − a) / max(a, b), and 0 for a row alone in
/// its cluster. Above `sampleLimit` rows, the score is computed on a seeded sample of that many rows
/// (scikit-learn's `sample_size`), since the exact score needs every pairwise distance.
///
/// - Parameters:
///   - x: The rows, as clustered.
///   - assignments: The cluster index of each row.
///   - sampleLimit: The most rows used (default 4000).
///   - seed: The sample's seed.
/// - Returns: The score in [−1, 1]; NaN with fewer than 2 or more than n − 1 distinct clusters.
public func silhouetteScore(_ x: Matrix, assignments: [Int], sampleLimit: Int = 4000, seed: UInt64 = 0) -> Double {
    precondition(x.rows == assignments.count, "one cluster per row")
    var rows = Array(0..<x.rows)
    if rows.count > sampleLimit {
        var generator = SeededGenerator(seed: seed)
        rows.seededShuffle(using: &generator)
        rows = Array(rows.prefix(sampleLimit)).sorted()
    }
    let labels = rows.map { assignments[$0] }
    let distinct = Array(Set(labels)).sorted()
    guard distinct.count >= 2, distinct.count < rows.count else { return .nan }
    let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
    let cluster = labels.map { position[$0] ?? 0 }
    var sizes = [Int](repeating: 0, count: distinct.count)
    for c in cluster { sizes[c] += 1 }
    let sample = x.selecting(rows: rows)
    let n = rows.count
    // Squared distances through one matrix product: ‖a‖² + ‖b‖² − 2a·b.
    let gram = sample.multiply(sample, transposingOther: true)
    var total = 0.0
    var sums = [Double](repeating: 0, count: distinct.count)
    for i in 0..<n {
        for k in sums.indices { sums[k] = 0 }
        let gi = gram[i, i]
        for j in 0..<n where j != i {
            let squared = max(0, gi + gram[j, j] - 2 * gram[i, j])
            sums[cluster[j]] += squared.squareRoot()
        }
        let own = cluster[i]
        guard sizes[own] > 1 else { continue }
        let a = sums[own] / Double(sizes[own] - 1)
        var b = Double.infinity
        for k in sums.indices where k != own && sizes[k] > 0 { b = min(b, sums[k] / Double(sizes[k])) }
        let denominator = max(a, b)
        total += denominator > 0 ? (b - a) / denominator : 0
    }
    return total / Double(n)
}

/// The adjusted Rand index of two labelings, as scikit-learn's `adjusted_rand_score`.
///
/// - Parameters:
///   - truth: The reference labels.
///   - predicted: The labels to compare, such as cluster indices.
/// - Returns: 1 for identical partitions, about 0 for random ones; 1 when both put every row in one group.
public func adjustedRandIndex(truth: [Int], predicted: [Int]) -> Double {
    precondition(truth.count == predicted.count, "label lists of different lengths")
    let n = truth.count
    guard n > 1 else { return 1 }
    var table: [Pair: Int] = [:]
    var rowSums: [Int: Int] = [:]
    var columnSums: [Int: Int] = [:]
    for (a, b) in zip(truth, predicted) {
        table[Pair(a: a, b: b), default: 0] += 1
        rowSums[a, default: 0] += 1
        columnSums[b, default: 0] += 1
    }
    func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
    let index = table.values.reduce(0) { $0 + pairs($1) }
    let rowPairs = rowSums.values.reduce(0) { $0 + pairs($1) }
    let columnPairs = columnSums.values.reduce(0) { $0 + pairs($1) }
    let expected = rowPairs * columnPairs / pairs(n)
    let maximum = (rowPairs + columnPairs) / 2
    // Both labelings trivial (one group each, or every row alone): scikit-learn returns 1.
    guard maximum != expected else { return 1 }
    return (index - expected) / (maximum - expected)
}

private struct Pair: Hashable {
    let a: Int
    let b: Int
}

/// The within-cluster sum of squared distances to each cluster's mean (k-means' inertia).
///
/// - Parameters:
///   - x: The rows.
///   - assignments: The cluster index of each row.
/// - Returns: The sum over rows of the squared distance to the mean of the row's cluster.
public func clusterInertia(_ x: Matrix, assignments: [Int]) -> Double {
    var sums: [Int: [Double]] = [:]
    var counts: [Int: Int] = [:]
    for i in 0..<x.rows {
        let row = x.row(i)
        sums[assignments[i], default: [Double](repeating: 0, count: x.columns)].withUnsafeMutableBufferPointer {
            for j in 0..<row.count { $0[j] += row[j] }
        }
        counts[assignments[i], default: 0] += 1
    }
    var total = 0.0
    for i in 0..<x.rows {
        let c = assignments[i]
        guard let mean = sums[c], let count = counts[c].map(Double.init) else { continue }
        for j in 0..<x.columns {
            let d = x[i, j] - mean[j] / count
            total += d * d
        }
    }
    return total
}

extension Evaluation {
    /// Scores a clustering: `inertia` and `silhouette`, plus `ari` against `truth` when given.
    ///
    /// - Parameters:
    ///   - x: The preprocessed rows.
    ///   - assignments: The cluster index of each row.
    ///   - truth: Known labels of the rows, if any.
    /// - Returns: The metrics in display order.
    public static func clustering(_ x: Matrix, assignments: [Int], truth: [Int]? = nil) -> Evaluation {
        var metrics = [
            Metric(name: "inertia", value: clusterInertia(x, assignments: assignments)),
            Metric(name: "silhouette", value: silhouetteScore(x, assignments: assignments)),
        ]
        if let truth {
            metrics.append(Metric(name: "ari", value: adjustedRandIndex(truth: truth, predicted: assignments)))
        }
        return Evaluation(metrics: metrics, rowCount: x.rows)
    }
}
