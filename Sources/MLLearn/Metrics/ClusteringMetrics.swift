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
    // The rows grouped by cluster (in row order within one), so each cluster's distances are one contiguous run
    // of a row of products, summed four at a time.
    let cluster = labels.map { position[$0] ?? 0 }
    let grouped = rows.indices.sorted { (cluster[$0], $0) < (cluster[$1], $1) }
    var starts = [Int](repeating: 0, count: distinct.count + 1)
    for c in cluster { starts[c + 1] += 1 }
    for k in distinct.indices { starts[k + 1] += starts[k] }
    let sample = x.selecting(rows: grouped.map { rows[$0] })
    let n = rows.count
    let p = x.columns
    // Squared distances from products, ‖a‖² + ‖b‖² − 2a·b, a block of rows at a time (one 256 × n buffer
    // reused, not an n × n matrix); a row's distance to itself is left out, as scikit-learn zeroes it.
    let norms = sample.rowSquaredNorms()
    let blockRows = 256
    var products = [Double](repeating: 0, count: min(blockRows, n) * n)
    var total = 0.0
    sample.values.withUnsafeBufferPointer { values in
        norms.withUnsafeBufferPointer { norms in
            products.withUnsafeMutableBufferPointer { products in
                guard let values = values.baseAddress, let norms = norms.baseAddress,
                    let products = products.baseAddress
                else { return }
                var sums = [Double](repeating: 0, count: distinct.count)
                for blockStart in stride(from: 0, to: n, by: blockRows) {
                    let rowCount = min(blockRows, n - blockStart)
                    DenseKernels.gemm(
                        m: rowCount, n: n, k: p, values + blockStart * p, values, transposingB: true, into: products)
                    for i in blockStart..<(blockStart + rowCount) {
                        let row = UnsafePointer(products + (i - blockStart) * n)
                        let gi = norms[i]
                        let own = cluster[grouped[i]]
                        for k in distinct.indices {
                            let range = starts[k]..<starts[k + 1]
                            sums[k] =
                                k == own
                                ? distanceSum(row, norms, gi, from: range.lowerBound, to: i)
                                    + distanceSum(row, norms, gi, from: i + 1, to: range.upperBound)
                                : distanceSum(row, norms, gi, from: range.lowerBound, to: range.upperBound)
                        }
                        let size = starts[own + 1] - starts[own]
                        guard size > 1 else { continue }
                        let a = sums[own] / Double(size - 1)
                        var b = Double.infinity
                        for k in distinct.indices where k != own {
                            b = min(b, sums[k] / Double(starts[k + 1] - starts[k]))
                        }
                        let denominator = max(a, b)
                        total += denominator > 0 ? (b - a) / denominator : 0
                    }
                }
            }
        }
    }
    return total / Double(n)
}

/// Σ over j in `start..<end` of √max(0, `gi` + `norms[j]` − 2·`row[j]`): one row's Euclidean distances to a
/// run of rows, from their Gram products and squared norms, four lanes at a time.
@inline(__always)
private func distanceSum(
    _ row: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ gi: Double, from start: Int, to end: Int
) -> Double {
    var lanes = SIMD4<Double>(repeating: 0)
    var j = start
    let zero = SIMD4<Double>(repeating: 0)
    while j + 4 <= end {
        let products = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Double>.self)
        let others = UnsafeRawPointer(norms + j).loadUnaligned(as: SIMD4<Double>.self)
        let squared = pointwiseMax(zero, (others + gi) - 2 * products)
        lanes += squared.squareRoot()
        j += 4
    }
    var sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
    while j < end {
        sum += max(0, (norms[j] + gi) - 2 * row[j]).squareRoot()
        j += 1
    }
    return sum
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
