import MLData

/// k nearest neighbours by brute force: scikit-learn's `KNeighborsClassifier` and `KNeighborsRegressor`
/// with `algorithm="brute"` and the Euclidean metric.
///
/// Prediction finds, for each query row, the `k` training rows at the smallest Euclidean distance; on
/// equal distances the lower training row wins, as scikit-learn's brute-force search keeps the first
/// row it meets. Classification gives each class the (weighted) share of the neighbours' votes;
/// regression the (weighted) mean of their targets. Distance weighting weighs a neighbour by
/// 1/distance; when some neighbours sit at distance zero, only those count, with equal weight.
///
/// The search computes ‖b‖² − 2·a·b for blocks of query rows against tiles of training rows with one
/// single-threaded BLAS `dgemm` per tile, keeps the k smallest per query row in a bounded heap (compared
/// eight query rows at a time), then recomputes the chosen neighbours' distances exactly. Blocks of query
/// rows run in parallel; each writes only its own rows, so the result does not depend on scheduling.
/// The model keeps the training matrix.
public struct NearestNeighbors: Sendable, Codable, Hashable {
    /// How neighbours' votes or values are weighed.
    public enum Weighting: String, Sendable, Codable, Hashable, CaseIterable {
        /// Every neighbour counts the same.
        case uniform
        /// A neighbour counts 1/distance.
        case distance
    }

    /// What the training rows are labelled with.
    public enum Targets: Sendable, Codable, Hashable {
        /// A class index per training row, in `0..<count`.
        case classes([Int], count: Int)
        /// A number per training row.
        case values([Double])
    }

    /// The number of neighbours consulted.
    public private(set) var k: Int
    /// How the neighbours are weighed.
    public private(set) var weighting: Weighting
    /// The training inputs, one row per sample.
    public private(set) var training: Matrix
    /// The training labels or values.
    public private(set) var targets: Targets

    /// The number of input columns.
    public var featureCount: Int { training.columns }

    /// The largest `dgemm` that OpenBLAS runs on the calling thread (rows × columns × inner size).
    ///
    /// That is its `GEMM_MULTITHREAD_THRESHOLD` of 4 × 65 536. Query blocks already run in parallel; a larger
    /// call would make OpenBLAS start its own threads inside each block, and they contend and spin (measured:
    /// more system time than work).
    static let singleThreadProduct = 262_144

    /// The query rows of one parallel work item, for `n` query rows: about an eighth of them (so that
    /// the cores share the work evenly), rounded up to a multiple of 64, from 64 to 512.
    ///
    /// Every training tile serves all rows of a work item while it is in cache, so the training rows
    /// stream from memory once per work item rather than once per product. The size depends on `n` alone,
    /// never on the machine or the scheduling.
    static func workRows(queries n: Int) -> Int {
        min(512, max(64, ((n + 7) / 8 + 63) / 64 * 64))
    }

    /// The query rows per product and the training rows per tile, so that one tile's product stays within
    /// ``singleThreadProduct`` for `p` input columns.
    static func tileShape(columns p: Int, trainingRows: Int) -> (queryRows: Int, trainingRows: Int) {
        let budget = max(singleThreadProduct / max(p, 1), 1)
        let queryRows = max(1, min(64, budget / 8))
        let tileRows = max(1, min(4096, budget / queryRows, trainingRows))
        return (queryRows, tileRows)
    }

    /// Stores the training data.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (already imputed, scaled and encoded).
    ///   - targets: The class index or value of each row.
    ///   - k: The number of neighbours, 1 ≤ k ≤ the number of training rows (default 5).
    ///   - weighting: `.uniform` (default) or `.distance`.
    /// - Returns: The model.
    /// - Throws: ``LearnError`` `.invalidHyperparameter`, `.shapeMismatch`, `.emptyTrainingData` or
    ///   `.numericalFailure` (a non-finite input).
    public static func fit(_ x: Matrix, targets: Targets, k: Int = 5, weighting: Weighting = .uniform) throws
        -> NearestNeighbors
    {
        let count: Int
        switch targets {
        case .classes(let labels, let classCount):
            precondition(labels.allSatisfy { $0 >= 0 && $0 < classCount }, "class index outside 0..<\(classCount)")
            count = labels.count
        case .values(let values):
            count = values.count
        }
        guard x.rows == count else {
            throw LearnError(.shapeMismatch, "\(x.rows) input rows but \(count) targets")
        }
        guard x.rows > 0 else { throw LearnError(.emptyTrainingData, "k nearest neighbours needs training rows") }
        guard x.columns > 0 else {
            throw LearnError(.emptyTrainingData, "k nearest neighbours needs at least one input column")
        }
        guard k >= 1, k <= x.rows else {
            throw LearnError(
                .invalidHyperparameter, "k must be a whole number from 1 to the \(x.rows) training rows, got \(k)")
        }
        guard x.values.allSatisfy(\.isFinite) else {
            throw LearnError(.numericalFailure, "k nearest neighbours needs finite inputs")
        }
        return NearestNeighbors(k: k, weighting: weighting, training: x, targets: targets)
    }

    /// The `k` nearest training rows of each query row, nearest first (lower row first on a tie).
    ///
    /// - Parameter queries: Inputs with ``featureCount`` columns.
    /// - Returns: Row-major *n*×`k` arrays: the training row indices and their Euclidean distances.
    /// - Complexity: O(*n* · *N* · *p*) for *N* training rows of *p* columns, mostly in `dgemm`.
    public func neighbors(of queries: Matrix) -> (indices: [Int], distances: [Double]) {
        precondition(queries.columns == featureCount, "expected \(featureCount) input columns, got \(queries.columns)")
        let n = queries.rows
        var indices = [Int](repeating: 0, count: n * k)
        var distances = [Double](repeating: 0, count: n * k)
        guard n > 0 else { return (indices, distances) }
        let norms = training.rowSquaredNorms()
        let shape = Self.tileShape(columns: featureCount, trainingRows: training.rows)
        let workRows = Self.workRows(queries: n)
        let blocks = (n + workRows - 1) / workRows
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                // Each work item writes only its own rows of both outputs.
                nonisolated(unsafe) let indexOut = indexBuffer
                nonisolated(unsafe) let distanceOut = distanceBuffer
                let search = { @Sendable (block: Int) in
                    let start = block * workRows
                    let rows = start..<min(start + workRows, n)
                    let found = searchBlock(queries, rows: rows, norms: norms, shape: shape)
                    for (offset, neighbor) in found.enumerated() {
                        indexOut[start * k + offset] = neighbor.index
                        distanceOut[start * k + offset] = neighbor.distance
                    }
                }
                Parallel.forEach(blocks, search)
            }
        }
        return (indices, distances)
    }

    /// The neighbours of query rows `rows`, `k` per row in row order, each row's nearest first.
    private func searchBlock(
        _ queries: Matrix, rows: Range<Int>, norms: [Double], shape: (queryRows: Int, trainingRows: Int)
    ) -> [(index: Int, distance: Double)] {
        let p = featureCount
        let trainingCount = training.rows
        let blockRows = rows.count
        let heaps = Heaps(rows: blockRows, capacity: k)
        defer { heaps.deallocate() }
        let tile = UnsafeMutablePointer<Double>.allocate(capacity: shape.queryRows * shape.trainingRows)
        defer { tile.deallocate() }
        var found: [(index: Int, distance: Double)] = []
        found.reserveCapacity(blockRows * k)
        queries.values.withUnsafeBufferPointer { query in
            training.values.withUnsafeBufferPointer { train in
                norms.withUnsafeBufferPointer { normBuffer in
                    guard let queryBase = query.baseAddress, let trainBase = train.baseAddress,
                        let normBase = normBuffer.baseAddress
                    else { return }
                    var tileStart = 0
                    while tileStart < trainingCount {
                        let width = min(shape.trainingRows, trainingCount - tileStart)
                        var first = 0
                        while first < blockRows {
                            let count = min(shape.queryRows, blockRows - first)
                            // Row c of the tile holds −2·b·a for training row tileStart + c against query
                            // rows first..<first + count of the block.
                            multiplyBlockByTranspose(
                                trainBase + tileStart * p, rowsA: width, strideA: p,
                                queryBase + (rows.lowerBound + first) * p, rowsB: count, strideB: p, inner: p,
                                scale: -2, into: tile)
                            for c in 0..<width {
                                heaps.offer(
                                    tile + c * count, count: count, firstRow: first, norm: normBase[tileStart + c],
                                    index: tileStart + c)
                            }
                            first += count
                        }
                        tileStart += width
                    }
                    // Exact distances of the kept neighbours, sorted nearest first (lower row on a tie).
                    var order: [(index: Int, distance: Double)] = []
                    order.reserveCapacity(k)
                    for r in 0..<blockRows {
                        let queryRow = queryBase + (rows.lowerBound + r) * p
                        order.removeAll(keepingCapacity: true)
                        for slot in 0..<heaps.sizes[r] {
                            let index = heaps.indices[r * k + slot]
                            let trainRow = trainBase + index * p
                            var sum = 0.0
                            for j in 0..<p {
                                let difference = queryRow[j] - trainRow[j]
                                sum += difference * difference
                            }
                            order.append((index, sum.squareRoot()))
                        }
                        order.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index) }
                        found.append(contentsOf: order)
                    }
                }
            }
        }
        return found
    }

    /// The class probabilities of each row: the (weighted) vote shares of its neighbours.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×classes matrix whose rows sum to 1.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        guard case .classes(let labels, let classCount) = targets else {
            preconditionFailure("class probabilities need a classification model")
        }
        let (indices, distances) = neighbors(of: x)
        var probabilities = Matrix(rows: x.rows, columns: classCount)
        var weights = [Double](repeating: 0, count: k)
        probabilities.withUnsafeMutableValues { out in
            for i in 0..<x.rows {
                neighborWeights(distances, row: i, into: &weights)
                var total = 0.0
                for slot in 0..<k {
                    out[i * classCount + labels[indices[i * k + slot]]] += weights[slot]
                    total += weights[slot]
                }
                for c in 0..<classCount { out[i * classCount + c] /= total }
            }
        }
        return probabilities
    }

    /// The (weighted) mean target of each row's neighbours.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predictValues(_ x: Matrix) -> [Double] {
        guard case .values(let values) = targets else {
            preconditionFailure("values need a regression model")
        }
        let (indices, distances) = neighbors(of: x)
        var weights = [Double](repeating: 0, count: k)
        return (0..<x.rows).map { i in
            neighborWeights(distances, row: i, into: &weights)
            var total = 0.0
            var sum = 0.0
            for slot in 0..<k {
                sum += weights[slot] * values[indices[i * k + slot]]
                total += weights[slot]
            }
            return sum / total
        }
    }

    /// The weights of row `row`'s neighbours: 1 each (uniform), or 1/distance, or, when a neighbour
    /// is at distance zero, 1 for those at zero and 0 for the others (as scikit-learn).
    private func neighborWeights(_ distances: [Double], row: Int, into weights: inout [Double]) {
        let base = row * k
        switch weighting {
        case .uniform:
            for slot in 0..<k { weights[slot] = 1 }
        case .distance:
            let hasZero = (0..<k).contains { distances[base + $0] == 0 }
            for slot in 0..<k {
                let distance = distances[base + slot]
                weights[slot] = hasZero ? (distance == 0 ? 1 : 0) : 1 / distance
            }
        }
    }
}

/// The bounded max-heaps of one block of query rows.
///
/// Each heap is ordered by (key, index), so its root is the worst neighbour kept. The storage is allocated
/// by ``init(rows:capacity:)`` and freed by ``deallocate()``.
private struct Heaps {
    /// The number of neighbours kept per query row.
    let capacity: Int
    /// The heaps' keys, `capacity` per query row.
    let keys: UnsafeMutablePointer<Double>
    /// The heaps' training row indices, laid out as ``keys``.
    let indices: UnsafeMutablePointer<Int>
    /// The number of entries in each query row's heap.
    let sizes: UnsafeMutablePointer<Int>
    /// Per query row, the key a training row must beat: +∞ until the heap is full, then the root's key.
    let thresholds: UnsafeMutablePointer<Double>

    /// Allocates empty heaps for `rows` query rows of `capacity` entries each.
    init(rows: Int, capacity: Int) {
        self.capacity = capacity
        keys = .allocate(capacity: rows * capacity)
        indices = .allocate(capacity: rows * capacity)
        sizes = .allocate(capacity: rows)
        sizes.initialize(repeating: 0, count: rows)
        thresholds = .allocate(capacity: rows)
        thresholds.initialize(repeating: .infinity, count: rows)
    }

    /// Frees the storage.
    func deallocate() {
        keys.deallocate()
        indices.deallocate()
        sizes.deallocate()
        thresholds.deallocate()
    }

    /// Offers training row `index` to query rows `firstRow..<firstRow + count`.
    ///
    /// Its key for query row `firstRow + r` is `products[r] + norm` (‖b‖² − 2·a·b). Eight query rows are
    /// compared at a time; almost every comparison fails once the heaps are full, so the heap work is rare.
    /// Rows come in increasing order, so a key equal to the worst kept one never displaces it: ties keep
    /// the lower row.
    @inline(__always)
    func offer(_ products: UnsafePointer<Double>, count: Int, firstRow: Int, norm: Double, index: Int) {
        let bounds = thresholds + firstRow
        let splat = SIMD8<Double>(repeating: norm)
        var r = 0
        while r + 8 <= count {
            let key = UnsafeRawPointer(products + r).loadUnaligned(as: SIMD8<Double>.self) + splat
            let bound = UnsafeRawPointer(bounds + r).loadUnaligned(as: SIMD8<Double>.self)
            let below = key .< bound
            if any(below) {
                for lane in 0..<8 where below[lane] { insert(key[lane], index, row: firstRow + r + lane) }
            }
            r += 8
        }
        while r < count {
            let key = products[r] + norm
            if key < bounds[r] { insert(key, index, row: firstRow + r) }
            r += 1
        }
    }

    /// Puts (key, index) into query row `row`'s heap, which it enters (the caller checked the threshold).
    private func insert(_ key: Double, _ index: Int, row: Int) {
        let base = row * capacity
        let size = sizes[row]
        if size < capacity {
            heapPush(key, index, keys: keys + base, indices: indices + base, size: size)
            sizes[row] = size + 1
            if size + 1 == capacity { thresholds[row] = keys[base] }
        } else {
            heapReplaceRoot(key, index, keys: keys + base, indices: indices + base, size: size)
            thresholds[row] = keys[base]
        }
    }
}

/// Adds (key, index) to the max-heap of `size` entries in `keys` and `indices`.
private func heapPush(
    _ key: Double, _ index: Int, keys: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int>, size: Int
) {
    var child = size
    while child > 0 {
        let parent = (child - 1) / 2
        guard heapAbove(key, index, keys[parent], indices[parent]) else { break }
        keys[child] = keys[parent]
        indices[child] = indices[parent]
        child = parent
    }
    keys[child] = key
    indices[child] = index
}

/// Replaces the root (the largest entry) of the max-heap of `size` entries by (key, index) and restores order.
private func heapReplaceRoot(
    _ key: Double, _ index: Int, keys: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int>, size: Int
) {
    var parent = 0
    while true {
        var child = 2 * parent + 1
        guard child < size else { break }
        if child + 1 < size, heapAbove(keys[child + 1], indices[child + 1], keys[child], indices[child]) {
            child += 1
        }
        guard heapAbove(keys[child], indices[child], key, index) else { break }
        keys[parent] = keys[child]
        indices[parent] = indices[child]
        parent = child
    }
    keys[parent] = key
    indices[parent] = index
}

/// Whether (key, index) sorts after (otherKey, otherIndex): a larger key, or an equal key and a larger index.
@inline(__always)
private func heapAbove(_ key: Double, _ index: Int, _ otherKey: Double, _ otherIndex: Int) -> Bool {
    key > otherKey || (key == otherKey && index > otherIndex)
}
