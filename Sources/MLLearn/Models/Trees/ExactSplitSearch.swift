import Dispatch
import MLData

/// Every column of the training rows sorted once: for each column, the row order by value and each
/// position's dense value rank, plus the distinct values.
///
/// Built once per fit and shared read-only; each tree copies the order it partitions.
struct PresortedColumns: Sendable {
    /// The number of rows.
    let rowCount: Int
    /// The number of columns.
    let columnCount: Int
    /// `order[j * rowCount + i]`: the row at sorted position `i` of column `j` (ties by row index).
    let order: [Int32]
    /// `ranks[j * rowCount + i]`: the dense rank of that row's value among column `j`'s distinct values.
    let ranks: [Int32]
    /// The distinct values of every column, ascending, column after column.
    let distinct: [Double]
    /// Where each column's distinct values start in ``distinct``; one extra entry at the end.
    let distinctStart: [Int]

    /// Sorts every column of `x` (in parallel over columns).
    ///
    /// - Parameter x: The training rows; no missing values.
    init(_ x: Matrix) {
        let n = x.rows
        let p = x.columns
        let columns = x.transposed()
        let sorted = Parallel.map(p) { j -> (order: [Int32], ranks: [Int32], distinct: [Double]) in
            columns.values.withUnsafeBufferPointer { all in
                let values = UnsafeBufferPointer(rebasing: all[(j * n)..<((j + 1) * n)])
                var order = (0..<n).map { Int32($0) }
                order.sort { a, b in
                    let va = values[Int(a)]
                    let vb = values[Int(b)]
                    return va < vb || (va == vb && a < b)
                }
                var ranks = [Int32](repeating: 0, count: n)
                var distinct: [Double] = []
                for (position, row) in order.enumerated() {
                    let value = values[Int(row)]
                    if distinct.last != value { distinct.append(value) }
                    ranks[position] = Int32(distinct.count - 1)
                }
                return (order, ranks, distinct)
            }
        }
        rowCount = n
        columnCount = p
        order = sorted.flatMap(\.order)
        ranks = sorted.flatMap(\.ranks)
        distinct = sorted.flatMap(\.distinct)
        var starts = [0]
        for column in sorted { starts.append(starts[starts.count - 1] + column.distinct.count) }
        distinctStart = starts
    }
}

/// scikit-learn's `BestSplitter` on presorted columns: every split between consecutive distinct values of
/// every column is scored, and the threshold is the midpoint of the two values.
///
/// Instead of sorting each node's rows (scikit-learn), each column's sorted order is partitioned stably
/// as the tree grows, so a node's rows stay sorted in every column: a node costs O(rows × columns).
/// Columns are drawn in scikit-learn's order for the same `random_state` (see ``ScikitTreeRandom``) and the
/// first best split wins, so ties between equally good splits break as in scikit-learn and the same seed
/// grows the same tree.
///
/// For two-class and regression targets, a category column (ordinal codes, at most 64 levels) is split
/// into two sets of levels: the levels are ordered by their class-1 share or mean target in the node and
/// the best prefix is taken, which is the optimal two-set partition (Breiman et al. 1984, §9.4).
struct ExactSplitSearch: SplitSearch {
    /// The presorted training columns.
    private let columns: PresortedColumns
    /// The class index or value of every training row.
    private let target: TreeTarget
    /// The impurity to reduce.
    private let criterion: SplitCriterion
    /// The fewest rows per leaf.
    private let minLeaf: Int
    /// Level counts of the category columns that get set splits, by column.
    private let categoryLevels: [Int: Int]
    /// Each column's rows in sorted order, partitioned node by node (`column × rows + position`).
    private var order: [Int32]
    /// The dense value rank of each entry of ``order``.
    private var ranks: [Int32]
    /// Per training row: whether it goes left in the split being applied.
    private var goesLeft: [Bool]
    /// Room for the right rows while a column is partitioned.
    private var scratchOrder: [Int32]
    /// Room for the right rows' ranks while a column is partitioned.
    private var scratchRanks: [Int32]
    /// How many non-constant columns are searched per node.
    private let maxFeatures: Int
    /// The column order scikit-learn's splitter permutes in place, shared by all nodes.
    private var features: [Int]
    /// The columns found constant so far, in the order they were found.
    private var constantFeatures: [Int]
    /// scikit-learn's splitter stream, which draws the columns.
    private var random: ScikitTreeRandom
    /// Class counts left of the position being scanned.
    private var leftCounts: [Double]
    /// Class counts right of the position being scanned.
    private var rightCounts: [Double]

    /// The number of training rows.
    let rootCount: Int

    /// Prepares a search over all rows of `columns`.
    ///
    /// - Parameters:
    ///   - columns: The presorted training columns.
    ///   - target: The class index or value of each row.
    ///   - criterion: The impurity to reduce.
    ///   - minLeaf: The fewest rows per leaf.
    ///   - maxFeatures: How many non-constant columns to search per node.
    ///   - randomState: scikit-learn's `random_state`: the column order is drawn as scikit-learn draws it.
    ///   - categoryLevels: Level counts of category columns (codes 0 …); set splits are used for those with
    ///     2 … 64 levels when the target has two classes or is numeric.
    init(
        columns: PresortedColumns, target: TreeTarget, criterion: SplitCriterion, minLeaf: Int, maxFeatures: Int,
        randomState: UInt64, categoryLevels: [Int: Int]
    ) {
        self.columns = columns
        self.target = target
        self.criterion = criterion
        self.minLeaf = minLeaf
        self.maxFeatures = max(1, min(maxFeatures, columns.columnCount))
        features = Array(0..<columns.columnCount)
        constantFeatures = Array(repeating: 0, count: columns.columnCount)
        random = ScikitTreeRandom(randomState: randomState)
        let setSplits: Bool =
            switch target {
            case .classes(_, let count): count == 2
            case .values: true
            }
        self.categoryLevels = setSplits ? categoryLevels.filter { $0.value >= 2 && $0.value <= 64 } : [:]
        order = columns.order
        ranks = columns.ranks
        rootCount = columns.rowCount
        goesLeft = [Bool](repeating: false, count: columns.rowCount)
        scratchOrder = [Int32](repeating: 0, count: columns.rowCount)
        scratchRanks = [Int32](repeating: 0, count: columns.rowCount)
        leftCounts = [Double](repeating: 0, count: target.width)
        rightCounts = [Double](repeating: 0, count: target.width)
    }

    func rootTotals(into totals: UnsafeMutableBufferPointer<Double>) {
        for k in totals.indices { totals[k] = 0 }
        switch target {
        case .classes(let labels, _):
            for label in labels { totals[Int(label)] += 1 }
        case .values(let values):
            for value in values {
                totals[0] += 1
                totals[1] += value
                totals[2] += value * value
            }
        }
    }

    /// The exact search keeps nothing per node.
    func openMemo() -> Int { -1 }

    /// Nothing to retain.
    func retain(memo: Int) {}

    /// Nothing to release.
    func release(memo: Int) {}

    /// Draws columns as scikit-learn's `node_split_best` does and keeps the first best split.
    ///
    /// Columns are drawn without replacement with `rand_int` from ``ScikitTreeRandom``; columns found
    /// constant in a node are moved to the front of ``features`` and counted in `passedOn`, so the node's
    /// descendants skip them without evaluating them (they still cost a draw, as in scikit-learn).
    mutating func bestSplit(
        of node: SearchNode, totals: UnsafeBufferPointer<Double>, generator: inout SeededGenerator
    ) -> (candidate: ScoredSplit?, passedOn: Int) {
        let segment = node.segment
        let knownConstants = node.inherited
        var remaining = columns.columnCount
        var visited = 0
        var foundConstants = 0
        var drawnConstants = 0
        var totalConstants = knownConstants
        var best: ScoredSplit?
        while remaining > totalConstants
            && (visited < maxFeatures || visited <= foundConstants + drawnConstants)
        {
            visited += 1
            var drawn = random.integer(from: drawnConstants, to: remaining - foundConstants)
            if drawn < knownConstants {
                features.swapAt(drawnConstants, drawn)
                drawnConstants += 1
                continue
            }
            drawn += foundConstants
            let feature = features[drawn]
            let base = feature * columns.rowCount
            // A column constant in the node cannot split it (its sorted ranks are equal end to end).
            if ranks[base + segment.lowerBound] == ranks[base + segment.upperBound - 1] {
                features.swapAt(drawn, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            remaining -= 1
            features.swapAt(remaining, drawn)
            let bar = best?.proxy ?? -.infinity
            let found =
                categoryLevels[feature] != nil
                ? bestLevelSplit(feature, segment: segment, totals: totals, beating: bar)
                : bestThreshold(feature, segment: segment, totals: totals, beating: bar)
            if let found { best = found }
        }
        // scikit-learn's invariant: the known constants keep their order for the siblings and children.
        for i in 0..<knownConstants { features[i] = constantFeatures[i] }
        for i in knownConstants..<totalConstants { constantFeatures[i] = features[i] }
        return (best, totalConstants)
    }

    /// The best threshold split of one column that scores above `bar`.
    private mutating func bestThreshold(
        _ feature: Int, segment: Range<Int>, totals: UnsafeBufferPointer<Double>, beating bar: Double
    ) -> ScoredSplit? {
        let n = columns.rowCount
        let base = feature * n
        let count = segment.count
        let minLeaf = minLeaf
        var bestProxy = bar
        var bestPosition = -1
        order.withUnsafeBufferPointer { order in
            ranks.withUnsafeBufferPointer { ranks in
                let rows = order.baseAddress.unsafelyUnwrapped + base
                let rank = ranks.baseAddress.unsafelyUnwrapped + base
                switch target {
                case .classes(let labels, let classCount):
                    labels.withUnsafeBufferPointer { labels in
                        leftCounts.withUnsafeMutableBufferPointer { left in
                            rightCounts.withUnsafeMutableBufferPointer { right in
                                var leftSquares = 0.0
                                var rightSquares = 0.0
                                for k in 0..<classCount {
                                    left[k] = 0
                                    right[k] = totals[k]
                                    rightSquares += totals[k] * totals[k]
                                }
                                let entropy = criterion == .entropy
                                let end = segment.upperBound - 1
                                var i = segment.lowerBound
                                while i < end {
                                    let k = Int(labels[Int(rows[i])])
                                    leftSquares += 2 * left[k] + 1
                                    left[k] += 1
                                    rightSquares -= 2 * right[k] - 1
                                    right[k] -= 1
                                    i += 1
                                    if rank[i] == rank[i - 1] { continue }
                                    let leftCount = i - segment.lowerBound
                                    let rightCount = count - leftCount
                                    if leftCount < minLeaf { continue }
                                    if rightCount < minLeaf { break }
                                    let nl = Double(leftCount)
                                    let nr = Double(rightCount)
                                    let proxy: Double
                                    if entropy {
                                        let el = NodeImpurity.entropy(
                                            left.baseAddress.unsafelyUnwrapped, width: classCount, weight: nl)
                                        let er = NodeImpurity.entropy(
                                            right.baseAddress.unsafelyUnwrapped, width: classCount, weight: nr)
                                        proxy = -nr * er - nl * el
                                    } else {
                                        proxy = NodeImpurity.giniProxy(
                                            leftSquares: leftSquares, leftWeight: nl, rightSquares: rightSquares,
                                            rightWeight: nr)
                                    }
                                    if proxy > bestProxy {
                                        bestProxy = proxy
                                        bestPosition = i
                                    }
                                }
                            }
                        }
                    }
                case .values(let values):
                    values.withUnsafeBufferPointer { values in
                        let total = totals[1]
                        var leftSum = 0.0
                        let end = segment.upperBound - 1
                        var i = segment.lowerBound
                        while i < end {
                            leftSum += values[Int(rows[i])]
                            i += 1
                            if rank[i] == rank[i - 1] { continue }
                            let leftCount = i - segment.lowerBound
                            let rightCount = count - leftCount
                            if leftCount < minLeaf { continue }
                            if rightCount < minLeaf { break }
                            let rightSum = total - leftSum
                            let proxy = leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(rightCount)
                            if proxy > bestProxy {
                                bestProxy = proxy
                                bestPosition = i
                            }
                        }
                    }
                }
            }
        }
        guard bestPosition >= 0 else { return nil }
        let start = columns.distinctStart[feature]
        let below = columns.distinct[start + Int(ranks[base + bestPosition - 1])]
        let above = columns.distinct[start + Int(ranks[base + bestPosition])]
        return ScoredSplit(
            split: TreeSplit(feature: feature, rule: .threshold(midpoint(below, above))), proxy: bestProxy,
            cut: bestPosition - segment.lowerBound)
    }

    /// The best split of a category column into two level sets that scores above `bar`.
    private mutating func bestLevelSplit(
        _ feature: Int, segment: Range<Int>, totals: UnsafeBufferPointer<Double>, beating bar: Double
    ) -> ScoredSplit? {
        let n = columns.rowCount
        let base = feature * n
        let start = columns.distinctStart[feature]
        // Per level: rows, and class-1 count or target sum (sorted columns give runs of equal codes).
        var levels: [(code: Int, rows: Double, score: Double)] = []
        var i = segment.lowerBound
        while i < segment.upperBound {
            let rank = ranks[base + i]
            var rows = 0.0
            var score = 0.0
            while i < segment.upperBound, ranks[base + i] == rank {
                let row = Int(order[base + i])
                switch target {
                case .classes(let labels, _): score += Double(labels[row])
                case .values(let values): score += values[row]
                }
                rows += 1
                i += 1
            }
            let code = columns.distinct[start + Int(rank)]
            guard code >= 0, code < 64, code == code.rounded() else { return nil }
            levels.append((Int(code), rows, score))
        }
        levels.sort { a, b in
            let ra = a.score / a.rows
            let rb = b.score / b.rows
            return ra < rb || (ra == rb && a.code < b.code)
        }
        let count = Double(segment.count)
        var bestProxy = bar
        var bestPrefix = -1
        var leftRows = 0.0
        var leftScore = 0.0
        for prefix in 0..<(levels.count - 1) {
            leftRows += levels[prefix].rows
            leftScore += levels[prefix].score
            let rightRows = count - leftRows
            if leftRows < Double(minLeaf) { continue }
            if rightRows < Double(minLeaf) { break }
            let proxy: Double
            switch criterion {
            case .squaredError:
                let rightScore = totals[1] - leftScore
                proxy = leftScore * leftScore / leftRows + rightScore * rightScore / rightRows
            case .gini:
                let rightScore = totals[1] - leftScore
                let leftSquares = leftScore * leftScore + (leftRows - leftScore) * (leftRows - leftScore)
                let rightSquares = rightScore * rightScore + (rightRows - rightScore) * (rightRows - rightScore)
                proxy = NodeImpurity.giniProxy(
                    leftSquares: leftSquares, leftWeight: leftRows, rightSquares: rightSquares, rightWeight: rightRows)
            case .entropy:
                let rightScore = totals[1] - leftScore
                let l = [leftRows - leftScore, leftScore]
                let r = [rightRows - rightScore, rightScore]
                let el = l.withUnsafeBufferPointer {
                    NodeImpurity.entropy($0.baseAddress.unsafelyUnwrapped, width: 2, weight: leftRows)
                }
                let er = r.withUnsafeBufferPointer {
                    NodeImpurity.entropy($0.baseAddress.unsafelyUnwrapped, width: 2, weight: rightRows)
                }
                proxy = -rightRows * er - leftRows * el
            }
            if proxy > bestProxy {
                bestProxy = proxy
                bestPrefix = prefix
            }
        }
        guard bestPrefix >= 0 else { return nil }
        var mask: UInt64 = 0
        for level in levels[0...bestPrefix] { mask |= 1 << UInt64(level.code) }
        return ScoredSplit(split: TreeSplit(feature: feature, rule: .levels(mask)), proxy: bestProxy, cut: -1)
    }

    mutating func partition(
        _ segment: Range<Int>, by candidate: ScoredSplit, left: UnsafeMutableBufferPointer<Double>,
        right: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        let n = columns.rowCount
        let chosen = candidate.split.feature
        let chosenBase = chosen * n
        var leftCount = 0
        // Mark the rows going left, from the chosen column's sorted order.
        switch candidate.split.rule {
        case .threshold:
            leftCount = candidate.cut
            for i in segment { goesLeft[Int(order[chosenBase + i])] = i - segment.lowerBound < leftCount }
        case .levels(let mask):
            let start = columns.distinctStart[chosen]
            for i in segment {
                let code = columns.distinct[start + Int(ranks[chosenBase + i])]
                let isLeft = categoryGoesLeft(code, mask: mask)
                goesLeft[Int(order[chosenBase + i])] = isLeft
                if isLeft { leftCount += 1 }
            }
        }
        for k in left.indices {
            left[k] = 0
            right[k] = 0
        }
        for i in segment {
            let row = Int(order[chosenBase + i])
            let side = goesLeft[row] ? left : right
            switch target {
            case .classes(let labels, _):
                side[Int(labels[row])] += 1
            case .values(let values):
                side[0] += 1
                side[1] += values[row]
                side[2] += values[row] * values[row]
            }
        }
        // Partition every non-constant column stably, so each child's rows stay sorted.
        let skipChosen: Bool =
            switch candidate.split.rule {
            case .threshold: true
            case .levels: false
            }
        order.withUnsafeMutableBufferPointer { order in
            ranks.withUnsafeMutableBufferPointer { ranks in
                goesLeft.withUnsafeBufferPointer { goesLeft in
                    scratchOrder.withUnsafeMutableBufferPointer { spareOrder in
                        scratchRanks.withUnsafeMutableBufferPointer { spareRanks in
                            for feature in 0..<columns.columnCount {
                                if feature == chosen && skipChosen { continue }
                                let base = feature * n
                                if ranks[base + segment.lowerBound] == ranks[base + segment.upperBound - 1] {
                                    continue
                                }
                                var write = base + segment.lowerBound
                                var spare = 0
                                for i in (base + segment.lowerBound)..<(base + segment.upperBound) {
                                    let row = order[i]
                                    if goesLeft[Int(row)] {
                                        order[write] = row
                                        ranks[write] = ranks[i]
                                        write += 1
                                    } else {
                                        spareOrder[spare] = row
                                        spareRanks[spare] = ranks[i]
                                        spare += 1
                                    }
                                }
                                for s in 0..<spare {
                                    order[write + s] = spareOrder[s]
                                    ranks[write + s] = spareRanks[s]
                                }
                            }
                        }
                    }
                }
            }
        }
        return leftCount
    }
}

/// The threshold between two consecutive values, as scikit-learn: the midpoint, or the lower value when
/// the midpoint rounds up to the upper one.
func midpoint(_ below: Double, _ above: Double) -> Double {
    let middle = below / 2 + above / 2
    if middle == above || middle.isInfinite { return below }
    return middle
}

/// The random stream of scikit-learn's tree splitters, reproduced so that `seed: s` draws columns in the
/// order `DecisionTreeClassifier(random_state=s)` does.
///
/// scikit-learn seeds the splitter with `numpy.random.RandomState(s).randint(0, 2**31 - 1)` (one MT19937
/// draw, masked to 31 bits and redrawn above the bound) and then draws with `our_rand_r`, a 32-bit
/// xorshift, and `rand_int(low, high) = low + our_rand_r() % (high − low)` (`sklearn/tree/_utils.pyx`,
/// `sklearn/utils/_random.pxd`). This is only the tie-breaking order of the single tree; every other
/// random step of the engine uses ``SeededGenerator``.
struct ScikitTreeRandom: Sendable {
    /// `our_rand_r`'s state.
    private var state: UInt32

    /// Seeds the stream as scikit-learn does for `random_state` (seeds above 2³² − 1 are taken mod 2³²).
    init(randomState: UInt64) {
        state = Self.splitterSeed(UInt32(truncatingIfNeeded: randomState))
    }

    /// `numpy.random.RandomState(seed).randint(0, 2**31 - 1)`: MT19937 seeded by `init_genrand`, its first
    /// outputs masked with 0x7FFFFFFF until one is at most 0x7FFFFFFE.
    static func splitterSeed(_ seed: UInt32) -> UInt32 {
        var mt = [UInt32](repeating: 0, count: 624)
        mt[0] = seed
        for i in 1..<624 { mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
        var index = 624
        while true {
            if index >= 624 {
                for i in 0..<624 {
                    let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7FFF_FFFF)
                    var value = mt[(i + 397) % 624] ^ (y >> 1)
                    if y & 1 != 0 { value ^= 0x9908_B0DF }
                    mt[i] = value
                }
                index = 0
            }
            var y = mt[index]
            index += 1
            y ^= y >> 11
            y ^= (y << 7) & 0x9D2C_5680
            y ^= (y << 15) & 0xEFC6_0000
            y ^= y >> 18
            let draw = y & 0x7FFF_FFFF
            if draw <= 0x7FFF_FFFE { return draw }
        }
    }

    /// `our_rand_r`: the next 31-bit value.
    mutating func next() -> UInt32 {
        if state == 0 { state = 1 }
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state % 0x8000_0000
    }

    /// `rand_int(low, high)`: a value in `low..<high` (`high > low`).
    mutating func integer(from low: Int, to high: Int) -> Int {
        low + Int(next()) % (high - low)
    }
}
