import MLData

/// Histogram split search over binned columns, for the trees of a random forest.
///
/// A node's rows are a segment of the search's row order: their bin codes (row-major), labels or targets
/// and bootstrap weights are kept in that order and moved when a node is partitioned, so the hot loops read
/// memory sequentially. For each column drawn for the node, one pass
/// over the rows builds a histogram of (row count, weighted class counts) or (row count, weight,
/// Σ w·y) per bin, and the best split is found by scanning the bins. A column whose rows fall in one bin
/// is constant in the node and does not count towards ``TreeSettings/maxFeatures``.
///
/// Histograms of a large node are kept (in its memo) until its children and sibling are searched: a child
/// gets a column's histogram as parent − sibling when that is cheaper than a pass over its rows, building
/// the sibling's first if needed (and keeping it for the sibling). It pays off near the root when children
/// search their parent's columns, as with `features: all`; nodes with fewer rows than twice a histogram's
/// size free theirs at once.
///
/// Each histogram carries a 256-bit set of its non-empty bins, so scanning and clearing it cost the number
/// of distinct codes in the node, not the number of bins: most nodes of a deep tree have few rows.
struct BinnedSplitSearch: SplitSearch {
    /// The binned training columns.
    private let bins: FeatureBins
    /// The impurity to reduce.
    private let criterion: SplitCriterion
    /// The fewest rows per leaf.
    private let minLeaf: Int
    /// How many non-constant columns are searched per node.
    private let maxFeatures: Int
    /// Classes, or 0 for regression.
    private let classCount: Int
    /// Doubles per bin: (rows, class counts…) or (rows, weight, Σ w·y).
    private let stride: Int
    /// Doubles per histogram chunk: `maxBinCount × stride`.
    private let chunkSize: Int
    /// Nodes with fewer rows free their histograms after their search: 2 × ``chunkSize``.
    private let keepThreshold: Int
    /// The category columns that get level-set splits.
    private let categoryColumns: [Bool]
    /// The number of bins of each column.
    private let binCounts: [Int]

    /// The bin codes of the in-bag rows, node after node (`position × columns + column`): a node's codes are
    /// contiguous, so building its histograms streams through memory, and partitioning moves them along.
    private var codes: [UInt8]
    /// The class of each in-bag row, in ``codes`` order (classification).
    private var labels: [Int32]
    /// The target of each in-bag row, in ``codes`` order (regression).
    private var targets: [Double]
    /// The bootstrap count of each in-bag row, in ``codes`` order.
    private var weights: [Double]
    /// The training row of each position, in ``codes`` order: after growth, a leaf's segment lists its rows.
    private(set) var rowOrder: [Int32]
    /// Room for the right rows' codes while a node is partitioned.
    private var spareCodes: [UInt8]
    /// Room for the right rows' classes.
    private var spareLabels: [Int32]
    /// Room for the right rows' targets.
    private var spareTargets: [Double]
    /// Room for the right rows' weights.
    private var spareWeights: [Double]
    /// Room for the right rows' training rows.
    private var spareRows: [Int32]
    /// The columns, permuted by the draws of each node.
    private var visit: [Int]
    /// Class weights left of the bin being scanned.
    private var leftCounts: [Double]
    /// Per bin code: whether it goes left in the split being applied.
    private var goesLeft: [Bool]
    /// The columns drawn in the current batch of a node's search.
    private var batch: [Int] = []
    /// Their histograms, in ``batch`` order.
    private var batchHistograms: [Histogram]
    /// The non-empty bins of the last built histograms, four words each.
    private var touched: [UInt64]
    /// The chunks small nodes build their histograms in, reused node after node.
    private var scratchChunks: [Int] = []

    /// Histogram storage: chunks of ``chunkSize`` doubles, all zero while free.
    private var arena: [Double] = []
    /// The arena chunks not in use.
    private var freeChunks: [Int] = []
    /// Per memo and column (`memo × columns + column`): the histogram's chunk, or −1.
    private var heldChunk: [Int32] = []
    /// Per memo and column: the non-empty bins of the held histogram.
    private var heldBins: [BinSet] = []
    /// Per memo: the columns it holds histograms for.
    private var heldColumns: [[Int]] = []
    /// Per memo: its reference count (0 when free).
    private var references: [Int] = []
    /// The memos not in use.
    private var freeMemos: [Int] = []

    /// The number of in-bag rows.
    let rootCount: Int

    /// Prepares a search over the rows with a non-zero weight.
    ///
    /// - Parameters:
    ///   - bins: The binned training columns.
    ///   - target: The class index or value of every training row.
    ///   - weights: Each row's weight (its bootstrap count); rows of weight 0 are left out.
    ///   - settings: The criterion, `minLeaf` and `maxFeatures`.
    ///   - categoryLevels: Level counts of category columns; set splits are used for those with 2 … 64 levels
    ///     when the target has two classes or is numeric.
    init(
        bins: FeatureBins, target: TreeTarget, weights: [Int32], settings: TreeSettings,
        categoryLevels: [Int: Int]
    ) {
        self.bins = bins
        criterion = settings.criterion
        minLeaf = settings.minLeaf
        maxFeatures = max(1, min(settings.maxFeatures, bins.columnCount))
        var kept: [Int32] = []
        kept.reserveCapacity(weights.count)
        for (row, weight) in weights.enumerated() where weight > 0 { kept.append(Int32(row)) }
        let p = bins.columnCount
        var local = [UInt8](repeating: 0, count: kept.count * p)
        bins.codes.withUnsafeBytes { all in
            local.withUnsafeMutableBytes { local in
                guard let from = all.baseAddress, let to = local.baseAddress else { return }
                for (position, row) in kept.enumerated() {
                    (to + position * p).copyMemory(from: from + Int(row) * p, byteCount: p)
                }
            }
        }
        codes = local
        self.weights = kept.map { Double(weights[Int($0)]) }
        rowOrder = kept
        spareRows = kept
        switch target {
        case .classes(let all, let count):
            classCount = count
            stride = count + 1
            labels = kept.map { all[Int($0)] }
            targets = []
        case .values(let all):
            classCount = 0
            stride = 3
            labels = []
            targets = kept.map { all[Int($0)] }
        }
        chunkSize = bins.maxBinCount * stride
        keepThreshold = 2 * chunkSize
        let setSplits = classCount == 2 || classCount == 0
        categoryColumns = (0..<bins.columnCount).map { column in
            guard setSplits, let levels = categoryLevels[column], levels >= 2, levels <= 64 else { return false }
            return bins.binValues[column] != nil
        }
        binCounts = bins.edges.map { $0.count + 1 }
        rootCount = kept.count
        spareCodes = codes
        spareLabels = labels
        spareTargets = targets
        spareWeights = self.weights
        visit = Array(0..<bins.columnCount)
        leftCounts = [Double](repeating: 0, count: max(classCount, 1))
        goesLeft = [Bool](repeating: false, count: 256)
        batch.reserveCapacity(bins.columnCount)
        batchHistograms = Array(repeating: Histogram(chunk: 0, bins: BinSet()), count: bins.columnCount)
        touched = [UInt64](repeating: 0, count: 4 * bins.columnCount)
    }

    func rootTotals(into totals: UnsafeMutableBufferPointer<Double>) {
        for k in totals.indices { totals[k] = 0 }
        if classCount > 0 {
            for (label, weight) in zip(labels, weights) { totals[Int(label)] += weight }
        } else {
            for (value, weight) in zip(targets, weights) {
                totals[0] += weight
                totals[1] += weight * value
                totals[2] += weight * value * value
            }
        }
    }

    // MARK: Memos

    mutating func openMemo() -> Int {
        if let memo = freeMemos.popLast() {
            references[memo] = 1
            return memo
        }
        let p = bins.columnCount
        heldChunk.append(contentsOf: repeatElement(-1, count: p))
        heldBins.append(contentsOf: repeatElement(BinSet(), count: p))
        heldColumns.append([])
        references.append(1)
        return references.count - 1
    }

    mutating func retain(memo: Int) {
        if memo >= 0 { references[memo] += 1 }
    }

    mutating func release(memo: Int) {
        guard memo >= 0 else { return }
        references[memo] -= 1
        guard references[memo] == 0 else { return }
        dropHistograms(memo)
        freeMemos.append(memo)
    }

    /// The histogram a memo holds for a column, or `nil`.
    private func held(_ memo: Int, _ column: Int) -> Histogram? {
        guard memo >= 0 else { return nil }
        let slot = memo * bins.columnCount + column
        let chunk = Int(heldChunk[slot])
        return chunk < 0 ? nil : Histogram(chunk: chunk, bins: heldBins[slot])
    }

    /// Records that a memo holds a column's histogram.
    private mutating func keep(_ memo: Int, _ column: Int, _ histogram: Histogram) {
        let slot = memo * bins.columnCount + column
        heldChunk[slot] = Int32(histogram.chunk)
        heldBins[slot] = histogram.bins
        heldColumns[memo].append(column)
    }

    // MARK: Search

    /// Draws columns without replacement until `maxFeatures` non-constant ones have been searched, keeping
    /// the first best split.
    ///
    /// Columns are drawn in batches of the number still needed and their histograms
    /// built in one pass over the node's rows; the draws and the order of evaluation are those of drawing
    /// one column at a time. As in scikit-learn, columns found constant in a node are moved to the front of
    /// the draw order and passed on, so its descendants never draw them again (a column constant in a node
    /// is constant in all its descendants).
    mutating func bestSplit(
        of node: SearchNode, totals: UnsafeBufferPointer<Double>, generator: inout SeededGenerator
    ) -> (candidate: ScoredSplit?, passedOn: Int) {
        let p = bins.columnCount
        let count = node.segment.count
        // visit[0..<constants] are the columns known to be constant in the node; descendants only reorder
        // the columns after their own known constants, so this prefix is intact for every node below.
        var constants = node.inherited
        var best: ScoredSplit?
        var searched = 0
        var j = constants
        // A small node with no histogram to start from builds its histograms in scratch chunks and clears
        // them after the scan: it keeps nothing for its children.
        let inScratch = count < keepThreshold && !holdsHistograms(node.memo) && !holdsHistograms(node.parentMemo)
        while j < p && searched < maxFeatures {
            let start = j
            while j < p && j - start < maxFeatures - searched {
                let r = j + Int(generator.next() % UInt64(p - j))
                visit.swapAt(j, r)
                j += 1
            }
            batch.removeAll(keepingCapacity: true)
            batch.append(contentsOf: visit[start..<j])
            if inScratch {
                while scratchChunks.count < batch.count { scratchChunks.append(acquireChunk()) }
                build(batch, chunks: scratchChunks, segment: node.segment)
                for f in batch.indices { batchHistograms[f] = Histogram(chunk: scratchChunks[f], bins: builtBins(f)) }
            } else {
                histograms(batch, node: node)
            }
            for f in batch.indices {
                let feature = batch[f]
                let histogram = batchHistograms[f]
                // A column whose rows all fall in one bin is constant in the node.
                if histogram.bins.count < 2 {
                    visit.swapAt(start + f, constants)
                    constants += 1
                    continue
                }
                searched += 1
                let bar = best?.proxy ?? -.infinity
                let found =
                    categoryColumns[feature]
                    ? scanLevels(feature, histogram: histogram, count: count, totals: totals, beating: bar)
                    : scanBins(feature, histogram: histogram, count: count, totals: totals, beating: bar)
                if let found { best = found }
            }
            if inScratch {
                for f in batch.indices { clear(batchHistograms[f]) }
            }
        }
        // A child can only gain from subtraction when it has more rows than the bins it would subtract, so
        // small nodes free their histograms at once instead of keeping them until their children are done.
        if count < keepThreshold { dropHistograms(node.memo) }
        return (best, constants)
    }

    /// Whether a memo holds any histogram.
    private func holdsHistograms(_ memo: Int) -> Bool {
        memo >= 0 && !heldColumns[memo].isEmpty
    }

    /// Frees the histograms a memo holds (the memo itself stays open).
    private mutating func dropHistograms(_ memo: Int) {
        guard memo >= 0 else { return }
        let p = bins.columnCount
        for column in heldColumns[memo] {
            let slot = memo * p + column
            freeChunk(Histogram(chunk: Int(heldChunk[slot]), bins: heldBins[slot]))
            heldChunk[slot] = -1
        }
        heldColumns[memo].removeAll(keepingCapacity: true)
    }

    // MARK: Histograms

    /// A zeroed arena chunk, reused or new.
    private mutating func acquireChunk() -> Int {
        if let chunk = freeChunks.popLast() { return chunk }
        arena.append(contentsOf: [Double](repeating: 0, count: chunkSize))
        return arena.count / chunkSize - 1
    }

    /// Zeroes a histogram's non-empty bins and returns its chunk to the pool.
    private mutating func freeChunk(_ histogram: Histogram) {
        clear(histogram)
        freeChunks.append(histogram.chunk)
    }

    /// Zeroes a histogram's non-empty bins.
    private mutating func clear(_ histogram: Histogram) {
        let base = histogram.chunk * chunkSize
        let stride = stride
        arena.withUnsafeMutableBufferPointer { arena in
            let hist = arena.baseAddress.unsafelyUnwrapped + base
            histogram.bins.forEach(each: { bin in (hist + bin * stride).update(repeating: 0, count: stride) })
        }
    }

    /// The histograms of `features` over the node's rows, kept in the node's memo: already there (built
    /// for its sibling's subtraction), parent − sibling when that is cheaper than a pass over the rows, or
    /// built (all the built ones in one pass); written to ``batchHistograms`` in the order of `features`.
    private mutating func histograms(_ features: [Int], node: SearchNode) {
        var direct: [Int] = []
        var subtracted: [Int] = []
        var forSibling: [Int] = []
        for feature in features where held(node.memo, feature) == nil {
            if let parent = held(node.parentMemo, feature) {
                let sibling = held(node.siblingMemo, feature)
                let cost = (sibling == nil ? node.siblingSegment.count : 0) + parent.bins.count * stride
                if cost < node.segment.count {
                    subtracted.append(feature)
                    if sibling == nil { forSibling.append(feature) }
                    continue
                }
            }
            direct.append(feature)
        }
        if !forSibling.isEmpty { buildAndKeep(forSibling, segment: node.siblingSegment, in: node.siblingMemo) }
        for feature in subtracted {
            if let parent = held(node.parentMemo, feature), let sibling = held(node.siblingMemo, feature) {
                keep(node.memo, feature, subtract(parent, sibling))
            }
        }
        if !direct.isEmpty { buildAndKeep(direct, segment: node.segment, in: node.memo) }
        for (f, feature) in features.enumerated() {
            batchHistograms[f] = held(node.memo, feature) ?? Histogram(chunk: 0, bins: BinSet())
        }
    }

    /// Builds the histograms of several columns over a segment's rows in new chunks, kept in `memo`.
    private mutating func buildAndKeep(_ features: [Int], segment: Range<Int>, in memo: Int) {
        let chunks = features.map { _ in acquireChunk() }
        build(features, chunks: chunks, segment: segment)
        for (f, feature) in features.enumerated() {
            keep(memo, feature, Histogram(chunk: chunks[f], bins: builtBins(f)))
        }
    }

    /// Builds the histograms of several columns into zeroed chunks with one pass over the segment's rows;
    /// ``builtBins(_:)`` then gives each one's non-empty bins.
    private mutating func build(_ features: [Int], chunks: [Int], segment: Range<Int>) {
        let p = bins.columnCount
        let stride = stride
        let chunkSize = chunkSize
        let isClassification = classCount > 0
        let k = features.count
        arena.withUnsafeMutableBufferPointer { arena in
            codes.withUnsafeBufferPointer { codes in
                weights.withUnsafeBufferPointer { weights in
                    touched.withUnsafeMutableBufferPointer { touched in
                        touched.baseAddress.unsafelyUnwrapped.update(repeating: 0, count: 4 * k)
                        features.withUnsafeBufferPointer { features in
                            chunks.withUnsafeBufferPointer { chunks in
                                let hist = arena.baseAddress.unsafelyUnwrapped
                                let allCodes = codes.baseAddress.unsafelyUnwrapped
                                if isClassification {
                                    labels.withUnsafeBufferPointer { labels in
                                        for i in segment {
                                            let row = allCodes + i * p
                                            let label = 1 + Int(labels[i])
                                            let weight = weights[i]
                                            for f in 0..<k {
                                                let code = Int(row[features[f]])
                                                touched[4 * f + (code >> 6)] |= 1 << UInt64(code & 63)
                                                let bin = hist + chunks[f] * chunkSize + code * stride
                                                bin[0] += 1
                                                bin[label] += weight
                                            }
                                        }
                                    }
                                } else {
                                    targets.withUnsafeBufferPointer { targets in
                                        for i in segment {
                                            let row = allCodes + i * p
                                            let weight = weights[i]
                                            let weighted = weight * targets[i]
                                            for f in 0..<k {
                                                let code = Int(row[features[f]])
                                                touched[4 * f + (code >> 6)] |= 1 << UInt64(code & 63)
                                                let bin = hist + chunks[f] * chunkSize + code * stride
                                                bin[0] += 1
                                                bin[1] += weight
                                                bin[2] += weighted
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The non-empty bins of the `f`-th histogram of the last ``build(_:chunks:segment:)``.
    private func builtBins(_ f: Int) -> BinSet {
        BinSet(words: (touched[4 * f], touched[4 * f + 1], touched[4 * f + 2], touched[4 * f + 3]))
    }

    /// `parent − small` into a new chunk; only bins that keep rows are written.
    private mutating func subtract(_ parent: Histogram, _ small: Histogram) -> Histogram {
        let chunk = acquireChunk()
        let size = chunkSize
        let stride = stride
        var kept = BinSet()
        arena.withUnsafeMutableBufferPointer { arena in
            let result = arena.baseAddress.unsafelyUnwrapped + chunk * size
            let whole = arena.baseAddress.unsafelyUnwrapped + parent.chunk * size
            let part = arena.baseAddress.unsafelyUnwrapped + small.chunk * size
            parent.bins.forEach(each: { b in
                let offset = b * stride
                let inSmall = small.bins.contains(b)
                let rows = whole[offset] - (inSmall ? part[offset] : 0)
                if rows == 0 { return }
                kept.insert(UInt8(b))
                result[offset] = rows
                for k in 1..<stride { result[offset + k] = whole[offset + k] - (inSmall ? part[offset + k] : 0) }
            })
        }
        return Histogram(chunk: chunk, bins: kept)
    }

    // MARK: Scans

    /// The best threshold split of a column's histogram that scores above `bar`.
    private mutating func scanBins(
        _ feature: Int, histogram: Histogram, count: Int, totals: UnsafeBufferPointer<Double>, beating bar: Double
    ) -> ScoredSplit? {
        let stride = stride
        let classCount = classCount
        let minimum = Double(minLeaf)
        let rowCount = Double(count)
        let scorer = SplitScorer(criterion: criterion, classCount: classCount, totals: totals)
        let chunkSize = chunkSize
        var bestProxy = bar
        var bestCut = -1
        var bestNext = -1
        arena.withUnsafeBufferPointer { arena in
            leftCounts.withUnsafeMutableBufferPointer { left in
                let hist = arena.baseAddress.unsafelyUnwrapped + histogram.chunk * chunkSize
                left.update(repeating: 0)
                var leftRows = 0.0
                var leftWeight = 0.0
                var leftSum = 0.0
                var previous = -1
                histogram.bins.forEach(while: { b in
                    let bin = hist + b * stride
                    if previous >= 0 && leftRows >= minimum {
                        if rowCount - leftRows < minimum { return false }
                        let score = scorer.proxy(left: left, leftWeight: leftWeight, leftSum: leftSum)
                        if score > bestProxy {
                            bestProxy = score
                            bestCut = previous
                            bestNext = b
                        }
                    }
                    leftRows += bin[0]
                    if classCount > 0 {
                        for k in 0..<classCount {
                            left[k] += bin[1 + k]
                            leftWeight += bin[1 + k]
                        }
                    } else {
                        leftWeight += bin[1]
                        leftSum += bin[2]
                    }
                    previous = b
                    return true
                })
            }
        }
        guard bestCut >= 0 else { return nil }
        return ScoredSplit(
            split: TreeSplit(
                feature: feature, rule: .threshold(bins.threshold(feature, between: bestCut, and: bestNext))),
            proxy: bestProxy, cut: bestCut)
    }

    /// The best split of a category column into two level sets that scores above `bar`: levels ordered
    /// by class-1 share or mean target, best prefix.
    private func scanLevels(
        _ feature: Int, histogram: Histogram, count: Int, totals: UnsafeBufferPointer<Double>, beating bar: Double
    ) -> ScoredSplit? {
        guard let values = bins.binValues[feature] else { return nil }
        var levels: [(bin: Int, rows: Double, weight: Double, score: Double)] = []
        arena.withUnsafeBufferPointer { arena in
            let hist = arena.baseAddress.unsafelyUnwrapped + histogram.chunk * chunkSize
            histogram.bins.forEach(each: { b in
                let bin = hist + b * stride
                // Two classes: weight = both counts, score = class-1 weight; numbers: weight and Σ w·y.
                levels.append(classCount > 0 ? (b, bin[0], bin[1] + bin[2], bin[2]) : (b, bin[0], bin[1], bin[2]))
            })
        }
        for level in levels {
            let code = values[level.bin]
            guard code >= 0, code < 64, code == code.rounded() else { return nil }
        }
        levels.sort { a, b in
            let ra = a.score / a.weight
            let rb = b.score / b.weight
            return ra < rb || (ra == rb && a.bin < b.bin)
        }
        let totalWeight = classCount > 0 ? totals[0] + totals[1] : totals[0]
        let minimum = Double(minLeaf)
        var bestProxy = bar
        var bestPrefix = -1
        var leftRows = 0.0
        var leftWeight = 0.0
        var leftScore = 0.0
        for prefix in 0..<(levels.count - 1) {
            leftRows += levels[prefix].rows
            leftWeight += levels[prefix].weight
            leftScore += levels[prefix].score
            if leftRows < minimum { continue }
            if Double(count) - leftRows < minimum { break }
            let score = levelProxy(
                leftWeight: leftWeight, leftScore: leftScore, rightWeight: totalWeight - leftWeight,
                rightScore: totals[1] - leftScore)
            if score > bestProxy {
                bestProxy = score
                bestPrefix = prefix
            }
        }
        guard bestPrefix >= 0 else { return nil }
        var mask: UInt64 = 0
        for level in levels[0...bestPrefix] { mask |= 1 << UInt64(values[level.bin]) }
        return ScoredSplit(split: TreeSplit(feature: feature, rule: .levels(mask)), proxy: bestProxy, cut: -1)
    }

    /// The proxy of a two-class (score = class-1 weight) or numeric (score = Σ w·y) split.
    private func levelProxy(leftWeight: Double, leftScore: Double, rightWeight: Double, rightScore: Double) -> Double {
        switch criterion {
        case .squaredError:
            return leftScore * leftScore / leftWeight + rightScore * rightScore / rightWeight
        case .gini:
            let ls = leftScore * leftScore + (leftWeight - leftScore) * (leftWeight - leftScore)
            let rs = rightScore * rightScore + (rightWeight - rightScore) * (rightWeight - rightScore)
            return NodeImpurity.giniProxy(
                leftSquares: ls, leftWeight: leftWeight, rightSquares: rs, rightWeight: rightWeight)
        case .entropy:
            func entropy(_ one: Double, _ all: Double) -> Double {
                var h = 0.0
                for part in [all - one, one] where part > 0 { h -= part / all * log2Scikit(part / all) }
                return h
            }
            return -rightWeight * entropy(rightScore, rightWeight) - leftWeight * entropy(leftScore, leftWeight)
        }
    }

    // MARK: Partition

    mutating func partition(
        _ segment: Range<Int>, by candidate: ScoredSplit, left: UnsafeMutableBufferPointer<Double>,
        right: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        let feature = candidate.split.feature
        // Which bins go left, from the rule.
        switch candidate.split.rule {
        case .threshold:
            for b in 0..<256 { goesLeft[b] = b <= candidate.cut }
        case .levels(let mask):
            let values = bins.binValues[feature] ?? []
            for b in 0..<256 { goesLeft[b] = b < values.count && categoryGoesLeft(values[b], mask: mask) }
        }
        left.update(repeating: 0)
        right.update(repeating: 0)
        let p = bins.columnCount
        let isClassification = classCount > 0
        var write = segment.lowerBound
        var spare = 0
        codes.withUnsafeMutableBufferPointer { codes in
            goesLeft.withUnsafeBufferPointer { goesLeft in
                weights.withUnsafeMutableBufferPointer { weights in
                    spareCodes.withUnsafeMutableBufferPointer { spareCodes in
                        spareWeights.withUnsafeMutableBufferPointer { spareWeights in
                            let base = UnsafeMutableRawPointer(codes.baseAddress.unsafelyUnwrapped)
                            let spareBase = UnsafeMutableRawPointer(spareCodes.baseAddress.unsafelyUnwrapped)
                            for i in segment {
                                let weight = weights[i]
                                let isLeft = goesLeft[Int(codes[i * p + feature])]
                                let side = isLeft ? left : right
                                if isClassification {
                                    let label = labels[i]
                                    side[Int(label)] += weight
                                    if isLeft { labels[write] = label } else { spareLabels[spare] = label }
                                } else {
                                    let y = targets[i]
                                    side[0] += weight
                                    side[1] += weight * y
                                    side[2] += weight * y * y
                                    if isLeft { targets[write] = y } else { spareTargets[spare] = y }
                                }
                                let row = rowOrder[i]
                                if isLeft {
                                    // write < i: the row moves down into a slot already read.
                                    if write < i { (base + write * p).copyMemory(from: base + i * p, byteCount: p) }
                                    weights[write] = weight
                                    rowOrder[write] = row
                                    write += 1
                                } else {
                                    (spareBase + spare * p).copyMemory(from: base + i * p, byteCount: p)
                                    spareWeights[spare] = weight
                                    spareRows[spare] = row
                                    spare += 1
                                }
                            }
                            (base + write * p).copyMemory(from: spareBase, byteCount: spare * p)
                            for s in 0..<spare { weights[write + s] = spareWeights[s] }
                        }
                    }
                }
            }
        }
        for s in 0..<spare {
            if isClassification { labels[write + s] = spareLabels[s] } else { targets[write + s] = spareTargets[s] }
            rowOrder[write + s] = spareRows[s]
        }
        return write - segment.lowerBound
    }
}

/// Scores candidate splits of one node with scikit-learn's proxies (larger is better) from the left
/// side's class weights (or weight and Σ w·y) and the node's totals.
private struct SplitScorer {
    /// The impurity to reduce.
    let criterion: SplitCriterion
    /// Classes, or 0 for regression.
    let classCount: Int
    /// The node's totals.
    let totals: UnsafeBufferPointer<Double>
    /// The node's weight.
    let totalWeight: Double

    /// A scorer for the node with these totals.
    init(criterion: SplitCriterion, classCount: Int, totals: UnsafeBufferPointer<Double>) {
        self.criterion = criterion
        self.classCount = classCount
        self.totals = totals
        totalWeight = classCount > 0 ? (0..<classCount).reduce(0.0) { $0 + totals[$1] } : totals[0]
    }

    /// The proxy of the split whose left side has these class weights (classification) or this weight
    /// and Σ w·y (regression).
    @inline(__always)
    func proxy(left: UnsafeMutableBufferPointer<Double>, leftWeight: Double, leftSum: Double) -> Double {
        let rightWeight = totalWeight - leftWeight
        switch criterion {
        case .gini:
            var leftSquares = 0.0
            var rightSquares = 0.0
            for k in 0..<classCount {
                let r = totals[k] - left[k]
                leftSquares += left[k] * left[k]
                rightSquares += r * r
            }
            return NodeImpurity.giniProxy(
                leftSquares: leftSquares, leftWeight: leftWeight, rightSquares: rightSquares, rightWeight: rightWeight)
        case .entropy:
            var el = 0.0
            var er = 0.0
            for k in 0..<classCount {
                let l = left[k]
                let r = totals[k] - l
                if l > 0 { el -= l / leftWeight * log2Scikit(l / leftWeight) }
                if r > 0 { er -= r / rightWeight * log2Scikit(r / rightWeight) }
            }
            return -rightWeight * er - leftWeight * el
        case .squaredError:
            let rightSum = totals[1] - leftSum
            return leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight
        }
    }
}

/// A histogram held in the arena: its chunk and its non-empty bins.
private struct Histogram {
    /// The arena chunk.
    var chunk: Int
    /// The bins with at least one row.
    var bins: BinSet
}

/// A set of bin codes 0 … 255 as a 256-bit mask, iterated in increasing order.
struct BinSet: Hashable, Sendable {
    /// Codes 0 … 63, 64 … 127, 128 … 191 and 192 … 255.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// A set from its four 64-bit words (codes 0 … 63 in the first).
    init(words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)) {
        self.words = words
    }

    /// Adds a code.
    @inline(__always)
    mutating func insert(_ code: UInt8) {
        let bit: UInt64 = 1 << UInt64(code & 63)
        switch code >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    /// Whether the set holds a code.
    @inline(__always)
    func contains(_ code: Int) -> Bool {
        let word: UInt64 =
            switch code >> 6 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return word & (1 << UInt64(code & 63)) != 0
    }

    /// The number of codes.
    var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }

    /// Calls `body` with every code, in increasing order.
    @inline(__always)
    func forEach(each body: (Int) -> Void) {
        _ =
            Self.visit(
                words.0, 0,
                {
                    body($0); return true
                })
            && Self.visit(
                words.1, 64,
                {
                    body($0); return true
                })
            && Self.visit(
                words.2, 128,
                {
                    body($0); return true
                })
            && Self.visit(
                words.3, 192,
                {
                    body($0); return true
                })
    }

    /// Calls `body` with the codes in increasing order while it returns `true`.
    @inline(__always)
    func forEach(while body: (Int) -> Bool) {
        _ =
            Self.visit(words.0, 0, body) && Self.visit(words.1, 64, body) && Self.visit(words.2, 128, body)
            && Self.visit(words.3, 192, body)
    }

    /// Visits the set bits of one word (plus `offset`); `false` when `body` asked to stop.
    @inline(__always)
    private static func visit(_ word: UInt64, _ offset: Int, _ body: (Int) -> Bool) -> Bool {
        var bits = word
        while bits != 0 {
            if !body(offset + bits.trailingZeroBitCount) { return false }
            bits &= bits - 1
        }
        return true
    }

    /// `==`: the same codes.
    static func == (lhs: BinSet, rhs: BinSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    /// Hashes the four words.
    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
