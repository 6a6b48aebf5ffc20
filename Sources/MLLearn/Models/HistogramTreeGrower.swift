import MLData

/// The limits on one tree of a gradient-boosting model.
struct TreeGrowthLimits: Sendable, Hashable {
    /// The most leaves (`nil`: no limit); scikit-learn's `max_leaf_nodes`.
    var maxLeaves: Int?
    /// The deepest a leaf may be, the root at depth 0 (`nil`: no limit); scikit-learn's `max_depth`.
    var maxDepth: Int?
    /// The fewest training rows in a leaf; scikit-learn's `min_samples_leaf`.
    var minSamplesLeaf: Int
    /// The L2 penalty λ on leaf values; scikit-learn's `l2_regularization`.
    var l2: Double
    /// The factor applied to every leaf value (the learning rate).
    var shrinkage: Double

    /// A child needs at least this much hessian (scikit-learn's `min_hessian_to_split`).
    static let minHessianToSplit = 1e-3
}

/// A candidate split of a node: rows with bin ≤ ``bin`` of column ``feature`` go left.
struct SplitCandidate: Sendable, Hashable {
    /// The loss reduction, scikit-learn's way: the node's loss at its own value minus the children's; −1 when
    /// no split meets the limits.
    var gain: Double = -1
    /// The column.
    var feature: Int = 0
    /// The last bin that goes left.
    var bin: Int = 0
    /// Σ gradients of the left rows.
    var sumGradientsLeft: Double = 0
    /// Σ hessians of the left rows (their count when the hessians are constant).
    var sumHessiansLeft: Double = 0
    /// The number of left rows.
    var countLeft: Int = 0
}

/// A tree grown by ``HistogramTreeGrower`` with the gain of its splits by column.
struct GrownTree: Sendable {
    /// The tree.
    var tree: BoostedTree
    /// The loss reduction G²ₗ/(Hₗ+λ) + G²ᵣ/(Hᵣ+λ) − G²/(H+λ) of each split, summed by column.
    var gains: [Double]
}

/// Grows the regression trees of histogram gradient boosting, leaf by leaf, as scikit-learn's `TreeGrower`.
///
/// A node's histogram holds, for every bin of every column, the sums of the gradients and hessians of its rows
/// and their count (three doubles a bin). The root's histogram is built from all rows, column by column; after
/// a split only the smaller child's histogram is built from its rows and the larger one's is the parent's minus
/// it. The node whose best split gains most is split next, until no split gains anything or the leaf, depth or
/// leaf-size limits stop it.
///
/// The grower owns the scratch memory of a whole fit, reused by every tree. Besides the column-major codes it
/// keeps the rows in row-major records (the row's codes, then its gradient and hessian) in two buffers: a split
/// copies the parent's records into the other buffer, left rows first, each side in its original order. Every
/// node's records are thus one contiguous block, and a child's histogram is built by streaming through it
/// rather than by gathering scattered codes. Histograms are built and splits searched in parallel over ranges
/// of columns when the node is large; every column is summed by one thread in row order, so the trees do not
/// depend on the scheduling.
final class HistogramTreeGrower {
    /// Below this many (rows × columns) a node's histograms are built on one thread.
    static let parallelWork = 1 << 15
    /// Below this many rows a node's records are partitioned on one thread.
    ///
    /// Copying a record costs more than adding it to a histogram column, so partitioning pays for threads at
    /// fewer rows.
    static let parallelPartitionRows = 1 << 12

    /// The number of training rows.
    let rows: Int
    /// The number of columns.
    let columns: Int
    /// The bins of each column.
    let binCounts: [Int]
    /// Where each column's bins start in a histogram (in bins).
    let binOffsets: [Int]
    /// The bins of all columns.
    let totalBins: Int
    /// The raw thresholds of each column's bins.
    let cuts: [[Double]]
    /// The limits of every tree.
    let limits: TreeGrowthLimits
    /// Whether the hessians are all 1 (squared error): the counts stand in for the hessian sums.
    let constantHessian: Bool
    /// The threads a tree's histograms and partitions are spread over (1: the calling thread only).
    ///
    /// Each column's histogram is built by one thread and partitions keep the row order, so trees do not
    /// depend on the count.
    let threads: Int

    /// The bin codes, `codes[feature * rows + row]`.
    private let codes: UnsafeMutablePointer<UInt8>
    /// The bytes of one row record: the codes, padding, then the gradient and the hessian (a multiple of 16).
    private let recordSize: Int
    /// Where a record's gradient starts (its hessian follows).
    private let derivativeOffset: Int
    /// The records in row order (gradients unset): the root's rows.
    private let rowRecords: UnsafeMutableRawPointer
    /// Two buffers of records in node order; a node at depth d ≥ 1 keeps its rows in buffer (d − 1) mod 2.
    private let records: (UnsafeMutableRawPointer, UnsafeMutableRawPointer)
    /// The training row of each record of the two buffers.
    private let recordRows: (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<UInt32>)
    /// The number of rows in each bin (the root's counts, the same for every tree).
    private let binRows: UnsafeMutablePointer<Double>
    /// The best split per column of up to two nodes.
    private let candidates: UnsafeMutablePointer<SplitCandidate>
    /// Histograms not in use.
    private var freeHistograms: [UnsafeMutablePointer<Double>] = []
    /// Every histogram allocated, freed at the end.
    private var allHistograms: [UnsafeMutablePointer<Double>] = []

    /// Prepares a grower for binned training rows.
    ///
    /// - Parameters:
    ///   - data: The bin codes of the training rows (at most 2³² − 1 rows).
    ///   - cuts: The raw threshold of every bin of every column.
    ///   - limits: The limits of every tree.
    ///   - constantHessian: Whether every hessian is 1.
    ///   - threads: The threads to grow each tree on (default: all of ``Parallel/threadCount``).
    init(
        data: BinnedColumns, cuts: [[Double]], limits: TreeGrowthLimits, constantHessian: Bool,
        threads: Int = Parallel.threadCount
    ) {
        precondition(data.rows < Int(UInt32.max), "too many rows for 32-bit row indices")
        rows = data.rows
        columns = data.columns
        binCounts = data.binCounts
        var offsets: [Int] = []
        var total = 0
        for count in data.binCounts {
            offsets.append(total)
            total += count
        }
        binOffsets = offsets
        totalBins = total
        self.cuts = cuts
        self.limits = limits
        self.constantHessian = constantHessian
        self.threads = max(1, threads)
        let codes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(data.codes.count, 1))
        data.codes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { codes.initialize(from: base, count: source.count) }
        }
        self.codes = codes
        let binRows = UnsafeMutablePointer<Double>.allocate(capacity: max(total, 1))
        binRows.initialize(repeating: 0, count: max(total, 1))
        for feature in 0..<data.columns {
            for row in 0..<data.rows { binRows[offsets[feature] + Int(codes[feature * data.rows + row])] += 1 }
        }
        self.binRows = binRows
        // The codes, padding, then the two derivatives: a multiple of 16 bytes, copied 16 bytes at a time.
        recordSize = (data.columns + 8 + 15) / 16 * 16
        derivativeOffset = recordSize - 8
        let bytes = max(data.rows, 1) * recordSize
        let rowRecords = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        rowRecords.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        for row in 0..<data.rows {
            let record = (rowRecords + row * recordSize).assumingMemoryBound(to: UInt8.self)
            for feature in 0..<data.columns { record[feature] = codes[feature * data.rows + row] }
        }
        self.rowRecords = rowRecords
        records = (
            .allocate(byteCount: bytes, alignment: 16), .allocate(byteCount: bytes, alignment: 16)
        )
        recordRows = (.allocate(capacity: max(rows, 1)), .allocate(capacity: max(rows, 1)))
        candidates = .allocate(capacity: max(2 * columns, 1))
        candidates.initialize(repeating: SplitCandidate(), count: max(2 * columns, 1))
    }

    deinit {
        codes.deallocate()
        binRows.deallocate()
        rowRecords.deallocate()
        records.0.deallocate()
        records.1.deallocate()
        recordRows.0.deallocate()
        recordRows.1.deallocate()
        candidates.deallocate()
        for histogram in allHistograms { histogram.deallocate() }
    }

    /// A node while the tree grows.
    private struct Node {
        /// The first of the node's records in its buffer.
        var start: Int
        /// The number of rows.
        var count: Int
        /// The depth (root: 0).
        var depth: Int
        /// Σ gradients of the rows.
        var sumGradients: Double
        /// Σ hessians of the rows.
        var sumHessians: Double
        /// The node's value before shrinkage (scikit-learn gives the root 0).
        var value: Double
        /// The histogram while the node may still be split or is needed for a child.
        var histogram: UnsafeMutablePointer<Double>?
        /// The best split found.
        var split = SplitCandidate()
        /// The left child once split.
        var left = -1
        /// The right child once split.
        var right = -1
    }

    /// The records of the rows of nodes at `depth` ≥ 1.
    private func recordBuffer(depth: Int) -> UnsafeMutableRawPointer {
        depth % 2 == 1 ? records.0 : records.1
    }

    /// The training rows of the records of nodes at `depth` ≥ 1.
    private func rowBuffer(depth: Int) -> UnsafeMutablePointer<UInt32> {
        depth % 2 == 1 ? recordRows.0 : recordRows.1
    }

    /// Grows one tree on the current gradients and adds its values to the raw predictions of the training rows.
    ///
    /// - Parameters:
    ///   - gradients: One gradient per training row.
    ///   - hessians: One hessian per training row; ignored when the hessians are constant.
    ///   - raw: The raw predictions of the training rows for this tree's output, updated in place.
    /// - Returns: The tree and the gains of its splits by column.
    func grow(gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>, raw: UnsafeMutablePointer<Double>)
        -> GrownTree
    {
        var nodes: [Node] = []
        var leaves: [Int] = []
        var splittable: [Int] = []
        var gains = [Double](repeating: 0, count: columns)

        // The root: its histogram from every row, its sums from column 0's histogram (as scikit-learn).
        let rootHistogram = takeHistogram()
        buildRootHistogram(rootHistogram, gradients: gradients, hessians: hessians)
        var sumGradients = 0.0
        var sumHessians = 0.0
        for b in 0..<(binCounts.first ?? 0) {
            sumGradients += rootHistogram[3 * b]
            sumHessians += rootHistogram[3 * b + 1]
        }
        if constantHessian { sumHessians = Double(rows) }
        nodes.append(
            Node(
                start: 0, count: rows, depth: 0, sumGradients: sumGradients, sumHessians: sumHessians, value: 0,
                histogram: rootHistogram))
        if rows < 2 * limits.minSamplesLeaf || sumHessians < TreeGrowthLimits.minHessianToSplit || columns == 0 {
            finalize(0, nodes: &nodes, leaves: &leaves)
        } else {
            nodes[0].split = findSplit(nodes[0])
            if nodes[0].split.gain > 0 {
                splittable.append(0)
            } else {
                finalize(0, nodes: &nodes, leaves: &leaves)
            }
        }

        while !splittable.isEmpty {
            // The largest gain first; ties go to the older node.
            var best = 0
            for k in 1..<splittable.count
            where nodes[splittable[k]].split.gain > nodes[splittable[best]].split.gain {
                best = k
            }
            let parentIndex = splittable.remove(at: best)
            let parent = nodes[parentIndex]
            let split = parent.split
            gains[split.feature] += importanceGain(parent)
            partition(parent, gradients: gradients, hessians: hessians)
            let leftCount = split.countLeft
            let sumHessiansRight = parent.sumHessians - split.sumHessiansLeft
            let sumGradientsRight = parent.sumGradients - split.sumGradientsLeft
            let left = Node(
                start: parent.start, count: leftCount, depth: parent.depth + 1,
                sumGradients: split.sumGradientsLeft, sumHessians: split.sumHessiansLeft,
                value: leafValue(split.sumGradientsLeft, split.sumHessiansLeft))
            let right = Node(
                start: parent.start + leftCount, count: parent.count - leftCount, depth: parent.depth + 1,
                sumGradients: sumGradientsRight, sumHessians: sumHessiansRight,
                value: leafValue(sumGradientsRight, sumHessiansRight))
            let leftIndex = nodes.count
            let rightIndex = leftIndex + 1
            nodes.append(left)
            nodes.append(right)
            nodes[parentIndex].left = leftIndex
            nodes[parentIndex].right = rightIndex
            let leafCount = leaves.count + splittable.count + 2

            if let maxLeaves = limits.maxLeaves, leafCount == maxLeaves {
                release(parentIndex, nodes: &nodes)
                finalize(leftIndex, nodes: &nodes, leaves: &leaves)
                finalize(rightIndex, nodes: &nodes, leaves: &leaves)
                // scikit-learn pops the heap's list from its end.
                for index in splittable.reversed() { finalize(index, nodes: &nodes, leaves: &leaves) }
                splittable.removeAll()
                break
            }
            var splitLeft = true
            var splitRight = true
            if let maxDepth = limits.maxDepth, parent.depth + 1 == maxDepth {
                splitLeft = false
                splitRight = false
            }
            if left.count < 2 * limits.minSamplesLeaf { splitLeft = false }
            if right.count < 2 * limits.minSamplesLeaf { splitRight = false }
            if splitLeft || splitRight {
                computeChildren(
                    parent: parentIndex, left: leftIndex, right: rightIndex, splitLeft: splitLeft,
                    splitRight: splitRight, nodes: &nodes)
            } else {
                release(parentIndex, nodes: &nodes)
            }
            for (index, open) in [(leftIndex, splitLeft), (rightIndex, splitRight)] {
                if open && nodes[index].split.gain > 0 {
                    splittable.append(index)
                } else {
                    finalize(index, nodes: &nodes, leaves: &leaves)
                }
            }
        }

        for leaf in leaves {
            let node = nodes[leaf]
            let value = node.value * limits.shrinkage
            nodes[leaf].value = value
            if node.depth == 0 {
                for i in 0..<rows { raw[i] += value }
            } else {
                let rowsOfLeaf = rowBuffer(depth: node.depth) + node.start
                for k in 0..<node.count { raw[Int(rowsOfLeaf[k])] += value }
            }
        }
        return GrownTree(tree: makeTree(nodes), gains: gains)
    }

    /// −G/(H + λ), scikit-learn's `compute_node_value` (without bounds).
    @inline(__always)
    private func leafValue(_ sumGradients: Double, _ sumHessians: Double) -> Double {
        -sumGradients / (sumHessians + limits.l2 + 1e-15)
    }

    /// The textbook loss reduction of the node's split, for the importances.
    private func importanceGain(_ node: Node) -> Double {
        let split = node.split
        let gradientsRight = node.sumGradients - split.sumGradientsLeft
        let hessiansRight = node.sumHessians - split.sumHessiansLeft
        let penalty = limits.l2 + 1e-15
        let gain =
            split.sumGradientsLeft * split.sumGradientsLeft / (split.sumHessiansLeft + penalty)
            + gradientsRight * gradientsRight / (hessiansRight + penalty)
            - node.sumGradients * node.sumGradients / (node.sumHessians + penalty)
        return max(gain, 0)
    }

    /// Makes `index` a leaf and gives its histogram back.
    private func finalize(_ index: Int, nodes: inout [Node], leaves: inout [Int]) {
        release(index, nodes: &nodes)
        leaves.append(index)
    }

    /// Returns the node's histogram to the pool.
    private func release(_ index: Int, nodes: inout [Node]) {
        if let histogram = nodes[index].histogram {
            freeHistograms.append(histogram)
            nodes[index].histogram = nil
        }
    }

    /// A histogram buffer from the pool (contents undefined).
    private func takeHistogram() -> UnsafeMutablePointer<Double> {
        if let histogram = freeHistograms.popLast() { return histogram }
        let histogram = UnsafeMutablePointer<Double>.allocate(capacity: max(3 * totalBins, 1))
        allHistograms.append(histogram)
        return histogram
    }

    /// The flat tree of the grown nodes.
    private func makeTree(_ nodes: [Node]) -> BoostedTree {
        var tree = BoostedTree(features: [], thresholds: [], binThresholds: [], left: [], right: [], values: [])
        for node in nodes {
            if node.left < 0 {
                tree.features.append(-1)
                tree.thresholds.append(0)
                tree.binThresholds.append(0)
                tree.left.append(-1)
                tree.right.append(-1)
                tree.values.append(node.value)
            } else {
                tree.features.append(Int32(node.split.feature))
                tree.thresholds.append(cuts[node.split.feature][node.split.bin])
                tree.binThresholds.append(UInt8(node.split.bin))
                tree.left.append(Int32(node.left))
                tree.right.append(Int32(node.right))
                tree.values.append(0)
            }
        }
        return tree
    }

    // MARK: - Rows

    /// Copies the parent's records into the next buffer, split by the parent's split.
    ///
    /// Rows with bin ≤ the split's bin come first, the others after them, each side in its original order. The
    /// root's records get their gradients and hessians here. A large node is cut into one piece per thread: the
    /// pieces count their left rows first, so each knows where its rows go, then copy them concurrently.
    private func partition(_ parent: Node, gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>) {
        let split = parent.split
        let limit = UInt8(split.bin)
        let feature = split.feature
        let size = recordSize
        let isRoot = parent.depth == 0
        nonisolated(unsafe) let source = isRoot ? rowRecords : recordBuffer(depth: parent.depth) + parent.start * size
        nonisolated(unsafe) let sourceRows = isRoot ? nil : Optional(rowBuffer(depth: parent.depth) + parent.start)
        nonisolated(unsafe) let target = recordBuffer(depth: parent.depth + 1) + parent.start * size
        nonisolated(unsafe) let targetRows = rowBuffer(depth: parent.depth + 1) + parent.start
        nonisolated(unsafe) let g = gradients
        nonisolated(unsafe) let h = hessians
        let derivatives = derivativeOffset
        let count = parent.count
        let pieces = count >= Self.parallelPartitionRows && threads > 1 ? threads : 1
        let bounds = (0...pieces).map { $0 * count / pieces }
        var starts = (left: [0], right: [split.countLeft])
        if pieces > 1 {
            let lefts = Parallel.map(pieces) { piece in
                var left = 0
                for k in bounds[piece]..<bounds[piece + 1] {
                    left &+= (source + k &* size).load(fromByteOffset: feature, as: UInt8.self) <= limit ? 1 : 0
                }
                return left
            }
            for piece in 0..<(pieces - 1) {
                starts.left.append(starts.left[piece] + lefts[piece])
                starts.right.append(starts.right[piece] + (bounds[piece + 1] - bounds[piece]) - lefts[piece])
            }
        }
        let firstSlots = starts
        let ends = Parallel.map(pieces) { piece in
            var left = firstSlots.left[piece]
            var right = firstSlots.right[piece]
            for k in bounds[piece]..<bounds[piece + 1] {
                let from = source + k &* size
                // Branch-free: the record goes to the next left or right slot, chosen by a conditional move.
                let goesLeft = from.load(fromByteOffset: feature, as: UInt8.self) <= limit
                let slot = goesLeft ? left : right
                Self.copyRecord(from: from, to: target + slot &* size, size: size)
                if let sourceRows {
                    targetRows[slot] = sourceRows[k]
                } else {
                    let to = target + slot &* size
                    targetRows[slot] = UInt32(truncatingIfNeeded: k)
                    to.storeBytes(of: g[k], toByteOffset: derivatives, as: Float.self)
                    to.storeBytes(of: h[k], toByteOffset: derivatives &+ 4, as: Float.self)
                }
                left &+= goesLeft ? 1 : 0
                right &+= goesLeft ? 0 : 1
            }
            return left
        }
        precondition(ends[pieces - 1] == split.countLeft, "the partition disagrees with the histogram")
    }

    /// Copies one record (16-byte aligned, a multiple of 16 bytes long), sixteen bytes at a time.
    @inline(__always)
    private static func copyRecord(
        from source: UnsafeMutableRawPointer, to target: UnsafeMutableRawPointer, size: Int
    ) {
        var offset = 0
        while offset < size {
            target.storeBytes(
                of: source.load(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset,
                as: SIMD16<UInt8>.self)
            offset &+= 16
        }
    }

    // MARK: - Histograms and splits

    /// Runs `body(features)` over contiguous ranges of columns covering them all: one range per thread when
    /// `work` is large (in parallel), otherwise one range on the calling thread.
    private func forEachChunk(work: Int, _ body: (Range<Int>) -> Void) {
        if work >= Self.parallelWork && columns > 1 && threads > 1 {
            let chunks = min(columns, threads)
            let columns = self.columns
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let task = body
                Parallel.forEach(chunks) { chunk in
                    task((chunk * columns / chunks)..<((chunk + 1) * columns / chunks))
                }
            }
        } else {
            body(0..<columns)
        }
    }

    /// The first and one-past-last histogram slot of a range of columns.
    private func slots(_ features: Range<Int>) -> Range<Int> {
        let start = 3 * binOffsets[features.lowerBound]
        let end = features.upperBound < columns ? 3 * binOffsets[features.upperBound] : 3 * totalBins
        return start..<end
    }

    /// Fills the root's histogram from every row, column by column; the counts are the same in every tree.
    private func buildRootHistogram(
        _ histogram: UnsafeMutablePointer<Double>, gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>
    ) {
        nonisolated(unsafe) let target = histogram
        nonisolated(unsafe) let g = gradients
        nonisolated(unsafe) let h = hessians
        nonisolated(unsafe) let counts = UnsafePointer(binRows)
        let constant = constantHessian
        forEachChunk(work: rows * columns) { features in
            let range = slots(features)
            (target + range.lowerBound).initialize(repeating: 0, count: range.count)
            for feature in features {
                let bins = target + 3 * binOffsets[feature]
                let column = UnsafePointer(codes + feature * rows)
                Self.accumulate(
                    column, count: rows, gradients: g, hessians: constant ? nil : h, binCount: binCounts[feature],
                    into: bins)
            }
            for bin in (range.lowerBound / 3)..<(range.upperBound / 3) { target[3 * bin + 2] = counts[bin] }
        }
    }

    /// Builds the smaller child's histogram, derives the larger one's from the parent's, and finds the
    /// children's best splits.
    private func computeChildren(
        parent: Int, left: Int, right: Int, splitLeft: Bool, splitRight: Bool, nodes: inout [Node]
    ) {
        let leftIsSmaller = nodes[left].count < nodes[right].count
        let small = leftIsSmaller ? left : right
        let large = leftIsSmaller ? right : left
        let splitSmall = leftIsSmaller ? splitLeft : splitRight
        let splitLarge = leftIsSmaller ? splitRight : splitLeft
        guard let parentHistogram = nodes[parent].histogram else {
            preconditionFailure("a split node keeps its histogram until its children have theirs")
        }
        let smallHistogram = takeHistogram()
        nodes[parent].histogram = nil
        nodes[large].histogram = parentHistogram
        nodes[small].histogram = smallHistogram

        let smallNode = nodes[small]
        let largeNode = nodes[large]
        let count = smallNode.count
        nonisolated(unsafe) let smallTarget = smallHistogram
        nonisolated(unsafe) let largeTarget = parentHistogram
        nonisolated(unsafe) let smallRecords = UnsafeRawPointer(
            recordBuffer(depth: smallNode.depth) + smallNode.start * recordSize)
        nonisolated(unsafe) let found = candidates
        forEachChunk(work: count * columns) { features in
            let range = slots(features)
            (smallTarget + range.lowerBound).initialize(repeating: 0, count: range.count)
            accumulateRecords(smallRecords, count: count, features: features, into: smallTarget)
            for b in range { largeTarget[b] -= smallTarget[b] }
            for feature in features {
                let offset = 3 * binOffsets[feature]
                if splitSmall { found[feature] = bestSplit(smallNode, feature: feature, bins: smallTarget + offset) }
                if splitLarge {
                    found[columns + feature] = bestSplit(largeNode, feature: feature, bins: largeTarget + offset)
                }
            }
        }
        if splitSmall { nodes[small].split = bestOfColumns(found) }
        if splitLarge { nodes[large].split = bestOfColumns(found + columns) }
    }

    /// Adds the gradient and hessian of each of `count` consecutive records to its bins of `features`.
    private func accumulateRecords(
        _ records: UnsafeRawPointer, count: Int, features: Range<Int>, into histogram: UnsafeMutablePointer<Double>
    ) {
        let first = features.lowerBound
        let width = features.count
        // Each column's bins start at slot 3 × offset; `bases` holds those slots for the range.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(width, 1)) { buffer in
            guard let bases = buffer.baseAddress else { return }
            for j in 0..<width { bases[j] = 3 * binOffsets[first + j] }
            let size = recordSize
            let derivatives = derivativeOffset
            if constantHessian {
                for k in 0..<count {
                    let record = records + k &* size
                    let gradient = Double(record.load(fromByteOffset: derivatives, as: Float.self))
                    let codes = (record + first).assumingMemoryBound(to: UInt8.self)
                    for j in 0..<width {
                        let b = bases[j] &+ 3 &* Int(codes[j])
                        histogram[b] += gradient
                        histogram[b &+ 2] += 1
                    }
                }
            } else {
                for k in 0..<count {
                    let record = records + k &* size
                    let gradient = Double(record.load(fromByteOffset: derivatives, as: Float.self))
                    let hessian = Double(record.load(fromByteOffset: derivatives &+ 4, as: Float.self))
                    let codes = (record + first).assumingMemoryBound(to: UInt8.self)
                    for j in 0..<width {
                        let b = bases[j] &+ 3 &* Int(codes[j])
                        histogram[b] += gradient
                        histogram[b &+ 1] += hessian
                        histogram[b &+ 2] += 1
                    }
                }
            }
        }
    }

    /// The best split of a node whose histogram is complete.
    private func findSplit(_ node: Node) -> SplitCandidate {
        guard let histogram = node.histogram else { preconditionFailure("the node has no histogram") }
        nonisolated(unsafe) let source = histogram
        nonisolated(unsafe) let found = candidates
        forEachChunk(work: node.count * columns / 8) { features in
            for feature in features {
                found[feature] = bestSplit(node, feature: feature, bins: source + 3 * binOffsets[feature])
            }
        }
        return bestOfColumns(found)
    }

    /// The candidate with the largest gain among one per column (the first on a tie).
    private func bestOfColumns(_ found: UnsafeMutablePointer<SplitCandidate>) -> SplitCandidate {
        var best = found[0]
        for feature in 1..<max(columns, 1) where found[feature].gain > best.gain { best = found[feature] }
        return best
    }

    /// The best split of `node` on one column: scikit-learn's `_find_best_bin_to_split_left_to_right` without
    /// missing values, which takes the first bin of largest gain among the bins whose two sides have at least
    /// `minSamplesLeaf` rows and ``TreeGrowthLimits/minHessianToSplit`` hessian.
    ///
    /// Those bins form one interval (the left side only grows), so the scan runs in three passes: running sums,
    /// the gains of the interval (free of branches, so the divisions overlap), and the first maximum.
    private func bestSplit(_ node: Node, feature: Int, bins: UnsafeMutablePointer<Double>) -> SplitCandidate {
        var best = SplitCandidate()
        best.feature = feature
        let candidates = binCounts[feature] - 1
        guard candidates > 0 else { return best }
        let minLeaf = Double(limits.minSamplesLeaf)
        let minHessian = TreeGrowthLimits.minHessianToSplit
        let penalty = limits.l2 + 1e-15
        let total = Double(node.count)
        let sumGradients = node.sumGradients
        let sumHessians = node.sumHessians
        let lossOfNode = sumGradients * node.value
        // The hessian sums are the counts when the hessians are all 1.
        let hessianSlot = constantHessian ? 2 : 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * candidates) { buffer in
            guard let gradientsLeft = buffer.baseAddress else { return best }
            let hessiansLeft = gradientsLeft + candidates
            let countsLeft = hessiansLeft + candidates
            let gains = countsLeft + candidates
            var g = 0.0
            var h = 0.0
            var c = 0.0
            for b in 0..<candidates {
                g += bins[3 &* b]
                h += bins[3 &* b &+ hessianSlot]
                c += bins[3 &* b &+ 2]
                gradientsLeft[b] = g
                hessiansLeft[b] = h
                countsLeft[b] = c
            }
            var low = 0
            while low < candidates && (countsLeft[low] < minLeaf || hessiansLeft[low] < minHessian) { low += 1 }
            var high = low
            while high < candidates && total - countsLeft[high] >= minLeaf
                && sumHessians - hessiansLeft[high] >= minHessian
            {
                high += 1
            }
            guard low < high else { return best }
            for b in low..<high {
                let gl = gradientsLeft[b]
                let gr = sumGradients - gl
                gains[b] =
                    lossOfNode + gl * gl / (hessiansLeft[b] + penalty)
                    + gr * gr / ((sumHessians - hessiansLeft[b]) + penalty)
            }
            var bestBin = -1
            var bestGain = 0.0
            for b in low..<high where gains[b] > bestGain {
                bestGain = gains[b]
                bestBin = b
            }
            if bestBin >= 0 {
                best.gain = bestGain
                best.bin = bestBin
                best.sumGradientsLeft = gradientsLeft[bestBin]
                best.sumHessiansLeft = hessiansLeft[bestBin]
                best.countLeft = Int(countsLeft[bestBin])
            }
            return best
        }
    }

    /// Adds every row's gradient and, unless `hessians` is `nil`, its hessian to its bin (the root's
    /// histogram of one column; counts are added apart).
    ///
    /// Rows go to four partial histograms in turn, added up at the end: most columns have a bin that holds
    /// long runs of rows (a pixel that is mostly 0), and one histogram would make each addition wait for the
    /// previous one to the same bin.
    @inline(__always)
    private static func accumulate(
        _ column: UnsafePointer<UInt8>, count: Int, gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>?,
        binCount: Int, into bins: UnsafeMutablePointer<Double>
    ) {
        let lanes = 4
        let width = 2 * binCount  // (Σ g, Σ h) per bin
        withUnsafeTemporaryAllocation(of: Double.self, capacity: lanes * width) { buffer in
            guard let partial = buffer.baseAddress else { return }
            partial.initialize(repeating: 0, count: lanes * width)
            var i = 0
            if let hessians {
                while i &+ lanes <= count {
                    for lane in 0..<lanes {
                        let b = lane &* width &+ 2 &* Int(column[i &+ lane])
                        partial[b] += Double(gradients[i &+ lane])
                        partial[b &+ 1] += Double(hessians[i &+ lane])
                    }
                    i &+= lanes
                }
                while i < count {
                    let b = 2 &* Int(column[i])
                    partial[b] += Double(gradients[i])
                    partial[b &+ 1] += Double(hessians[i])
                    i &+= 1
                }
            } else {
                while i &+ lanes <= count {
                    for lane in 0..<lanes {
                        partial[lane &* width &+ 2 &* Int(column[i &+ lane])] += Double(gradients[i &+ lane])
                    }
                    i &+= lanes
                }
                while i < count {
                    partial[2 &* Int(column[i])] += Double(gradients[i])
                    i &+= 1
                }
            }
            for bin in 0..<binCount {
                for k in 0..<2 {
                    let slot = partial + 2 * bin + k
                    bins[3 * bin + k] = ((slot[0] + slot[width]) + slot[2 * width]) + slot[3 * width]
                }
            }
        }
    }
}
