import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// k-means clustering as scikit-learn's `KMeans(algorithm="lloyd", init="k-means++")`.
///
/// Each restart seeds its centroids with greedy k-means++ (2 + ⌊ln k⌋ candidates per new centroid, the one
/// lowering the potential most kept) and runs Lloyd iterations: assign every row to its nearest centroid
/// (squared distances through BLAS, ‖c‖² − 2·x·c), move each centroid to its rows' mean. A restart stops
/// when no row changes cluster, when the squared centroid shift summed over clusters is at most
/// `tolerance` × the mean feature variance, or after `maxIterations`. A cluster left empty takes the
/// row farthest from its centroid, as scikit-learn relocates them. The restart with the lowest inertia
/// (sum of squared distances to the nearest centroid) is kept.
public struct KMeans: Sendable, Codable, Hashable {
    /// The centroids, one row per cluster.
    public private(set) var centroids: Matrix
    /// The sum of squared distances from each training row to its centroid.
    public private(set) var inertia: Double
    /// The Lloyd iterations of the kept restart.
    public private(set) var iterations: Int
    /// Whether the kept restart met a stopping rule before the iteration limit.
    public private(set) var converged: Bool
    /// The number of restarts run.
    public private(set) var restarts: Int
    /// The index of the kept restart.
    public private(set) var bestRestart: Int
    /// The number of clusters that received training rows.
    public private(set) var occupiedClusters: Int

    /// The number of clusters, k.
    public var k: Int { centroids.rows }

    /// Rows per block of the distance products.
    static let blockRows = 256

    /// Clusters the rows of `x`.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (scaled: distances weigh every column alike).
    ///   - k: The number of clusters, 1 ≤ k ≤ rows (default 8, as scikit-learn).
    ///   - restarts: Independent k-means++ starts (default 1, scikit-learn's `n_init="auto"` for k-means++);
    ///     they run in parallel, restart *i* drawing from `SeededGenerator(seed:).derived(i)`.
    ///   - maxIterations: The most Lloyd iterations per restart (default 300).
    ///   - tolerance: The centroid-shift tolerance relative to the mean feature variance (default 10⁻⁴).
    ///   - seed: The seed.
    /// - Returns: The best restart's clustering.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` (k, restarts, max_iter, tol out of range, or k above
    ///   the row count), `.emptyTrainingData`, `.numericalFailure` for non-finite inputs.
    public static func fit(
        _ x: Matrix, k: Int = 8, restarts: Int = 1, maxIterations: Int = 300, tolerance: Double = 1e-4,
        seed: UInt64 = 42
    ) throws -> KMeans {
        guard k >= 1 else {
            throw LearnError(.invalidHyperparameter, "k must be a whole number ≥ 1, got \(k)", hyperparameter: "k")
        }
        guard restarts >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "restarts must be a whole number ≥ 1, got \(restarts)",
                hyperparameter: "restarts")
        }
        guard maxIterations >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "max_iter must be a whole number ≥ 1, got \(maxIterations)",
                hyperparameter: "max_iter")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "tol must be a number ≥ 0, got \(formatNumber(tolerance))",
                hyperparameter: "tol")
        }
        guard x.rows > 0, x.columns > 0 else {
            throw LearnError(.emptyTrainingData, "k-means needs rows and input columns")
        }
        guard k <= x.rows else {
            throw LearnError(
                .invalidHyperparameter, "k must be at most the number of training rows (\(x.rows)), got \(k)",
                hyperparameter: "k")
        }
        guard x.values.allSatisfy(\.isFinite) else {
            throw LearnError(.numericalFailure, "k-means inputs must be finite numbers")
        }
        let absoluteTolerance = tolerance * meanVariance(x)
        let squaredNorms = x.rowSquaredNorms()
        let root = SeededGenerator(seed: seed)
        // Restarts run in parallel; a single restart parallelises its distance blocks instead. The blocks
        // are fixed, so either way the result does not depend on the scheduling.
        let runs = Parallel.map(restarts) { index in
            var generator = root.derived(index)
            let start = plusPlusCentroids(x, k: k, squaredNorms: squaredNorms, using: &generator)
            return lloyd(
                x, centroids: start, squaredNorms: squaredNorms, maxIterations: maxIterations,
                tolerance: absoluteTolerance, parallelBlocks: restarts == 1)
        }
        var best = 0
        for i in runs.indices where runs[i].inertia < runs[best].inertia { best = i }
        let run = runs[best]
        return KMeans(
            centroids: run.centroids, inertia: run.inertia, iterations: run.iterations, converged: run.converged,
            restarts: restarts, bestRestart: best, occupiedClusters: Set(run.labels).count)
    }

    /// The nearest centroid of each row (the lowest index on a tie).
    ///
    /// - Parameter x: Inputs with the training width.
    /// - Returns: Cluster indices in `0..<k`.
    public func predict(_ x: Matrix) -> [Int] {
        precondition(x.columns == centroids.columns, "expected \(centroids.columns) input columns, got \(x.columns)")
        return Self.assign(x, centroids: centroids, parallelBlocks: true)
    }

    /// One restart's result.
    struct Run: Sendable {
        var centroids: Matrix
        var labels: [Int]
        var inertia: Double
        var iterations: Int
        var converged: Bool
    }

    /// The mean of the column variances (population variances, as NumPy's `var`).
    private static func meanVariance(_ x: Matrix) -> Double {
        var total = 0.0
        for j in 0..<x.columns { total += meanAndVariance(x.column(j)).variance }
        return total / Double(x.columns)
    }

    /// Greedy k-means++ seeding (scikit-learn's `_kmeans_plusplus`): a uniform first centroid, then for each
    /// further one 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance to the
    /// nearest centroid so far, keeping the candidate that lowers the total squared distance most.
    static func plusPlusCentroids(
        _ x: Matrix, k: Int, squaredNorms: [Double], using generator: inout SeededGenerator
    ) -> Matrix {
        let n = x.rows
        let trials = 2 + Int(log(Double(k)))
        var chosen = [min(Int(generator.nextUnit() * Double(n)), n - 1)]
        var closest = squaredDistances(x, from: x.selecting(rows: chosen), squaredNorms: squaredNorms)[0]
        var potential = closest.reduce(0, +)
        var cumulative = [Double](repeating: 0, count: n)
        while chosen.count < k {
            var running = 0.0
            for i in 0..<n {
                running += closest[i]
                cumulative[i] = running
            }
            // The first row whose cumulative sum reaches each draw (NumPy's searchsorted, side "left").
            let candidates = (0..<trials).map { _ -> Int in
                let target = generator.nextUnit() * potential
                var low = 0
                var high = n
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                }
                return min(low, n - 1)
            }
            let distances = squaredDistances(x, from: x.selecting(rows: candidates), squaredNorms: squaredNorms)
            var bestPotential = Double.infinity
            var bestTrial = 0
            var bestDistances = closest
            for t in 0..<trials {
                var candidateDistances = distances[t]
                var total = 0.0
                for i in 0..<n {
                    candidateDistances[i] = min(candidateDistances[i], closest[i])
                    total += candidateDistances[i]
                }
                if total < bestPotential {
                    bestPotential = total
                    bestTrial = t
                    bestDistances = candidateDistances
                }
            }
            chosen.append(candidates[bestTrial])
            closest = bestDistances
            potential = bestPotential
        }
        return x.selecting(rows: chosen)
    }

    /// Squared Euclidean distances from each row of `points` to every row of `x`, through one BLAS product
    /// (‖p‖² + ‖x‖² − 2·p·x, clamped at 0).
    private static func squaredDistances(_ x: Matrix, from points: Matrix, squaredNorms: [Double]) -> [[Double]] {
        let products = points.multiply(x, transposingOther: true)
        return (0..<points.rows).map { t in
            let point = points.row(t)
            let norm = point.reduce(0) { $0 + $1 * $1 }
            return (0..<x.rows).map { i in max(0, norm + squaredNorms[i] - 2 * products[t, i]) }
        }
    }

    /// Lloyd iterations from `centroids` (scikit-learn's `_kmeans_single_lloyd`).
    static func lloyd(
        _ x: Matrix, centroids start: Matrix, squaredNorms: [Double], maxIterations: Int, tolerance: Double,
        parallelBlocks: Bool
    ) -> Run {
        let n = x.rows
        let p = x.columns
        let k = start.rows
        var centroids = start
        var previous = [Int](repeating: -1, count: n)
        var labels = previous
        var iterations = 0
        var strict = false
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let step = assignAndSum(x, centroids: centroids, parallelBlocks: parallelBlocks)
            labels = step.labels
            let updated = means(x, step: step, centroids: centroids)
            var shift = 0.0
            for i in 0..<(k * p) {
                let d = updated.values[i] - centroids.values[i]
                shift += d * d
            }
            centroids = updated
            if labels == previous {
                strict = true
                converged = true
                break
            }
            if shift <= tolerance {
                converged = true
                break
            }
            previous = labels
        }
        // Unless no row moved, the labels belong to the centroids before the last update: reassign.
        if !strict { labels = assign(x, centroids: centroids, parallelBlocks: parallelBlocks) }
        var inertia = 0.0
        x.values.withUnsafeBufferPointer { v in
            centroids.values.withUnsafeBufferPointer { c in
                for i in 0..<n {
                    let centre = labels[i] * p
                    for j in 0..<p {
                        let d = v[i * p + j] - c[centre + j]
                        inertia += d * d
                    }
                }
            }
        }
        return Run(centroids: centroids, labels: labels, inertia: inertia, iterations: iterations, converged: converged)
    }

    /// The assignment step's result: each row's nearest centroid, and each cluster's row sum and count.
    private struct Step: Sendable {
        var labels: [Int]
        var sums: [Double]
        var counts: [Int]
    }

    /// The mean of each cluster's rows; an empty cluster takes the row farthest from its current centroid
    /// (the farthest rows going to the empty clusters in cluster order, each leaving its old cluster).
    private static func means(_ x: Matrix, step: Step, centroids: Matrix) -> Matrix {
        let n = x.rows
        let p = x.columns
        let k = centroids.rows
        var sums = step.sums
        var counts = step.counts
        let labels = step.labels
        let empty = (0..<k).filter { counts[$0] == 0 }
        if !empty.isEmpty {
            // Distances of each row to its own (old) centroid, farthest first, lower index first on a tie.
            let distance = (0..<n).map { i -> Double in
                var total = 0.0
                for j in 0..<p {
                    let d = x.values[i * p + j] - centroids.values[labels[i] * p + j]
                    total += d * d
                }
                return total
            }
            let farthest = (0..<n).sorted { (distance[$0], $1) > (distance[$1], $0) }
            for (slot, cluster) in empty.enumerated() {
                let row = farthest[slot]
                let old = labels[row]
                for j in 0..<p {
                    sums[old * p + j] -= x.values[row * p + j]
                    sums[cluster * p + j] = x.values[row * p + j]
                }
                counts[old] -= 1
                counts[cluster] = 1
            }
        }
        for c in 0..<k where counts[c] > 0 {
            for j in 0..<p { sums[c * p + j] /= Double(counts[c]) }
        }
        return Matrix(rows: k, columns: p, values: sums)
    }

    /// The nearest centroid of every row (the first on a tie).
    static func assign(_ x: Matrix, centroids: Matrix, parallelBlocks: Bool) -> [Int] {
        let blocks = (x.rows + blockRows - 1) / blockRows
        let centroidNorms = centroids.rowSquaredNorms()
        let parts = map(blocks, parallel: parallelBlocks) {
            nearest(x, block: $0, centroids: centroids, centroidNorms: centroidNorms)
        }
        return Array(parts.joined())
    }

    /// The assignment step with the cluster sums, block by block; the blocks' sums are added in block order,
    /// so the result does not depend on how the blocks were scheduled.
    private static func assignAndSum(_ x: Matrix, centroids: Matrix, parallelBlocks: Bool) -> Step {
        let p = x.columns
        let k = centroids.rows
        let blocks = (x.rows + blockRows - 1) / blockRows
        let centroidNorms = centroids.rowSquaredNorms()
        let parts = map(blocks, parallel: parallelBlocks) { b -> Step in
            let labels = nearest(x, block: b, centroids: centroids, centroidNorms: centroidNorms)
            var sums = [Double](repeating: 0, count: k * p)
            var counts = [Int](repeating: 0, count: k)
            x.values.withUnsafeBufferPointer { v in
                sums.withUnsafeMutableBufferPointer { s in
                    guard let source = v.baseAddress, let target = s.baseAddress else { return }
                    // Pointers set up outside the inner loop, so it vectorises.
                    for (r, c) in labels.enumerated() {
                        counts[c] += 1
                        let row = source + (b * blockRows + r) * p
                        let sum = target + c * p
                        for j in 0..<p { sum[j] += row[j] }
                    }
                }
            }
            return Step(labels: labels, sums: sums, counts: counts)
        }
        var total = Step(labels: [], sums: [Double](repeating: 0, count: k * p), counts: [Int](repeating: 0, count: k))
        total.labels.reserveCapacity(x.rows)
        for part in parts {
            total.labels += part.labels
            for i in 0..<(k * p) { total.sums[i] += part.sums[i] }
            for c in 0..<k { total.counts[c] += part.counts[c] }
        }
        return total
    }

    /// `transform` over `0..<count`, concurrently when `parallel` (and there is more than one piece).
    private static func map<T: Sendable>(_ count: Int, parallel: Bool, _ transform: @Sendable (Int) -> T) -> [T] {
        parallel && count > 1 ? Parallel.map(count, transform) : (0..<count).map(transform)
    }

    /// The nearest centroid of the rows of block `block` (``blockRows`` rows): one BLAS product X·Cᵀ, then
    /// the argmin of ‖c‖² − 2·x·c (the first on a tie).
    private static func nearest(_ x: Matrix, block: Int, centroids: Matrix, centroidNorms: [Double]) -> [Int] {
        let p = x.columns
        let k = centroids.rows
        let start = block * blockRows
        let rows = min(blockRows, x.rows - start)
        var products = [Double](repeating: 0, count: rows * k)
        x.values.withUnsafeBufferPointer { v in
            centroids.values.withUnsafeBufferPointer { c in
                products.withUnsafeMutableBufferPointer { out in
                    guard let vb = v.baseAddress, let cb = c.baseAddress, let ob = out.baseAddress else { return }
                    DenseKernels.gemm(m: rows, n: k, k: p, vb + start * p, cb, transposingB: true, into: ob)
                }
            }
        }
        var labels = [Int](repeating: 0, count: rows)
        for r in 0..<rows {
            var best = 0
            var bestValue = Double.infinity
            for c in 0..<k {
                let value = centroidNorms[c] - 2 * products[r * k + c]
                if value < bestValue {
                    bestValue = value
                    best = c
                }
            }
            labels[r] = best
        }
        return labels
    }
}
