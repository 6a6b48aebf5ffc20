import MLData

/// A random forest as scikit-learn's `RandomForestClassifier` and `RandomForestRegressor`: CART trees grown
/// on bootstrap samples, each split searched over a random subset of the columns, predictions averaged
/// (class probabilities are the mean of the trees' leaf distributions).
///
/// Splits are found on histograms: every column is cut once into at most 255 quantile bins (one per
/// value for columns with few distinct values), so a node costs one pass over its rows per searched
/// column instead of a sort. Trees are grown in parallel on all cores; tree *t* draws its bootstrap
/// sample and columns from `SeededGenerator(seed).derived(t)`, so the forest does not depend on thread
/// scheduling. With bootstrap sampling, the out-of-bag score (accuracy or R² of each training row
/// predicted by the trees that did not see it) is computed too.
public struct RandomForest: Sendable, Codable, Hashable {
    /// The fitted trees, in order.
    private(set) var trees: [TreeNodes]
    /// The number of classes, or 0 for a regression forest.
    public private(set) var classCount: Int
    /// The impurity the splits reduced.
    public private(set) var criterion: SplitCriterion
    /// The mean over the trees of their normalised impurity-decrease importances, normalised to sum to 1,
    /// as scikit-learn's `feature_importances_`.
    public private(set) var featureImportances: [Double]
    /// The number of input columns.
    public private(set) var featureCount: Int
    /// The number of columns searched per split.
    public private(set) var featuresPerSplit: Int
    /// The out-of-bag accuracy (classes) or R² (numbers); `nil` without bootstrap sampling or when no row
    /// was left out of any tree.
    public private(set) var outOfBagScore: Double?

    /// The number of trees.
    public var treeCount: Int { trees.count }

    /// Grows a forest.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample; no missing values.
    ///   - target: Class indices (with the class count) or numbers, one per row.
    ///   - settings: The criterion, stopping rules and columns per split of every tree.
    ///   - treeCount: The number of trees (≥ 1).
    ///   - bootstrap: Whether each tree learns from a bootstrap sample (else from every row).
    ///   - seed: The seed of the forest's random streams.
    ///   - categoryLevels: Level counts of the ordinal-coded category columns, by column.
    /// - Returns: The fitted forest.
    /// - Throws: ``LearnError`` `.invalidHyperparameter`, `.shapeMismatch` or `.emptyTrainingData`.
    static func fit(
        _ x: Matrix, target: TreeTarget, settings: TreeSettings, treeCount: Int, bootstrap: Bool = true,
        seed: UInt64, categoryLevels: [Int: Int] = [:]
    ) throws -> RandomForest {
        try grow(
            x, target: target, settings: settings, treeCount: treeCount, bootstrap: bootstrap, seed: seed,
            categoryLevels: categoryLevels
        ).forest
    }

    /// Grows a forest (as ``fit(_:target:settings:treeCount:bootstrap:seed:categoryLevels:)``) and predicts
    /// its training rows: the out-of-bag score and the training predictions come from one walk of the rows
    /// down the trees.
    ///
    /// - Returns: The fitted forest and its mean leaf values for the rows of `x` (as ``predictValues(_:)``
    ///   and ``predictProbabilities(_:)`` compute them, to the bit).
    static func grow(
        _ x: Matrix, target: TreeTarget, settings: TreeSettings, treeCount: Int, bootstrap: Bool,
        seed: UInt64, categoryLevels: [Int: Int]
    ) throws -> (forest: RandomForest, trainingMeans: [Double]) {
        guard treeCount >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "trees must be a whole number ≥ 1, got \(treeCount)", hyperparameter: "trees")
        }
        try checkTreeInputs(x, target: target, criterion: settings.criterion, model: "a random forest")
        let n = x.rows
        let p = x.columns
        let bins = FeatureBins(x)
        let root = SeededGenerator(seed: seed)
        let classCount: Int =
            switch target {
            case .classes(_, let count): count
            case .values: 0
            }
        var forest = RandomForest(
            trees: [], classCount: classCount, criterion: settings.criterion, featureImportances: [],
            featureCount: p, featuresPerSplit: settings.maxFeatures, outOfBagScore: nil)
        var sums = LeafSums(rows: n, width: max(classCount, 1), outOfBag: bootstrap)
        var importances = [Double](repeating: 0, count: p)
        // Trees grow a batch at a time, then the training rows take their leaf values from the batch: each
        // tree's map of rows to leaves lives only until then (4 bytes a row), not for the whole forest.
        let batchSize = max(16, 4 * Parallel.threadCount)
        for batchStart in stride(from: 0, to: treeCount, by: batchSize) {
            let grown = Parallel.map(min(batchSize, treeCount - batchStart)) { k -> (TreeGrowth, [Int32]) in
                var generator = root.derived(batchStart + k)
                var counts = [Int32](repeating: bootstrap ? 0 : 1, count: n)
                if bootstrap {
                    for _ in 0..<n { counts[Int(generator.next().multipliedFullWidth(by: UInt64(n)).high)] += 1 }
                }
                var search = BinnedSplitSearch(
                    bins: bins, target: target, weights: counts, settings: settings, categoryLevels: categoryLevels)
                let tree = growTree(&search, settings: settings, target: target, featureCount: p, generator: &generator)
                // The leaf of every row the tree learnt from, read off the growth's final row order.
                var leaves = [Int32](repeating: -1, count: n)
                for (leaf, segment) in tree.leafSegments.enumerated() {
                    for position in segment { leaves[Int(search.rowOrder[position])] = Int32(leaf) }
                }
                return (tree, leaves)
            }
            let batch = grown.map(\.0.tree)
            forest.addLeafValues(of: batch, for: x, trainingLeaves: grown.map(\.1), into: &sums)
            forest.trees += batch
            // scikit-learn: the mean of the normalised importances of the trees with at least one split.
            for (growth, _) in grown where growth.tree.nodeCount > 1 {
                for (j, value) in normalizedImportances(growth.importances).enumerated() { importances[j] += value }
            }
        }
        forest.featureImportances = normalizedImportances(importances)
        if bootstrap {
            forest.outOfBagScore = forest.outOfBagScore(target: target, sums: sums.outOfBag, votes: sums.votes)
        }
        return (forest, sums.means(treeCount: treeCount))
    }

    /// The mean class probabilities of the trees for each row.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×``classCount`` matrix whose rows sum to 1.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        precondition(classCount > 0, "a regression forest has no class probabilities")
        return Matrix(rows: x.rows, columns: classCount, values: meanLeafValues(x))
    }

    /// The mean prediction of the trees for each row.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predictValues(_ x: Matrix) -> [Double] {
        precondition(classCount == 0, "a classification forest predicts classes")
        return meanLeafValues(x)
    }

    /// The mean leaf values of the trees, `width` per row.
    private func meanLeafValues(_ x: Matrix) -> [Double] {
        var sums = LeafSums(rows: x.rows, width: max(classCount, 1), outOfBag: false)
        addLeafValues(of: trees, for: x, trainingLeaves: nil, into: &sums)
        return sums.means(treeCount: trees.count)
    }

    /// Adds the leaf values of `trees` for every row of `x` to `sums`, the trees in order.
    ///
    /// For the training rows, `trainingLeaves` gives each tree's leaf of every row it learnt from (−1 for
    /// the others): those rows take it without walking the tree. With out-of-bag sums, it also adds up, per
    /// row, the leaf values of the trees that did not learn from the row, and counts them. Rows go in
    /// parallel chunks, each chunk's trees in order, so the sums do not depend on the scheduling.
    private func addLeafValues(
        of trees: [TreeNodes], for x: Matrix, trainingLeaves: [[Int32]]?, into sums: inout LeafSums
    ) {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        let width = sums.width
        let columns = x.columns
        let chunks = chunkRanges(x.rows, chunks: max(1, x.rows / 256))
        let withOutOfBag = sums.hasOutOfBag
        x.values.withUnsafeBufferPointer { rows in
            sums.withPointers { means, outOfBag, votes in
                nonisolated(unsafe) let (rows, means, outOfBag, votes) = (rows, means, outOfBag, votes)
                Parallel.forEach(chunks.count) { c in
                    let range = chunks[c]
                    let out = means + range.lowerBound * width
                    for (t, tree) in trees.enumerated() {
                        guard let trainingLeaves else {
                            tree.accumulate(rows: rows, columns: columns, range: range, into: out)
                            continue
                        }
                        trainingLeaves[t].withUnsafeBufferPointer { leaves in
                            guard let leaves = leaves.baseAddress else { return }
                            tree.accumulate(
                                rows: rows, columns: columns, range: range, into: out,
                                training: TrainingLeaves(
                                    leaves: leaves,
                                    outOfBagSums: withOutOfBag ? outOfBag + range.lowerBound * width : nil,
                                    votes: withOutOfBag ? votes + range.lowerBound : nil))
                        }
                    }
                }
            }
        }
    }

    /// The out-of-bag accuracy or R²: every row predicted by the mean of the trees that did not train on
    /// it (`sums` of their leaf values, `votes` of them); rows in no tree's out-of-bag set are left out.
    private func outOfBagScore(target: TreeTarget, sums: [Double], votes: [Int]) -> Double? {
        let width = max(classCount, 1)
        let scored = votes.indices.filter { votes[$0] > 0 }
        guard !scored.isEmpty else { return nil }
        switch target {
        case .classes(let labels, _):
            let correct = scored.filter { row in
                argmax(Array(sums[(row * width)..<((row + 1) * width)])) == Int(labels[row])
            }
            return Double(correct.count) / Double(scored.count)
        case .values(let values):
            let truth = scored.map { values[$0] }
            let predicted = scored.map { sums[$0] / Double(votes[$0]) }
            return r2Score(truth: truth, predicted: predicted)
        }
    }
}

/// The sums of a forest's leaf values over its trees, `width` per row: all trees' for the mean, and the
/// out-of-bag trees' with their count for the training rows' out-of-bag score.
private struct LeafSums {
    /// The number of rows.
    let rows: Int
    /// The values per row: the class count, or 1.
    let width: Int
    /// Whether the out-of-bag sums are kept.
    let hasOutOfBag: Bool
    /// Σ over the trees of each row's leaf values.
    private(set) var all: [Double]
    /// Σ over the trees that did not learn from each row (training rows, with ``hasOutOfBag``).
    private(set) var outOfBag: [Double]
    /// The number of trees in ``outOfBag`` per row.
    private(set) var votes: [Int]

    init(rows: Int, width: Int, outOfBag: Bool) {
        self.rows = rows
        self.width = width
        hasOutOfBag = outOfBag
        // Never empty, so their storage always has an address (unused out-of-bag arrays hold one element).
        all = [Double](repeating: 0, count: max(rows * width, 1))
        self.outOfBag = [Double](repeating: 0, count: outOfBag ? max(rows * width, 1) : 1)
        votes = [Int](repeating: 0, count: outOfBag ? max(rows, 1) : 1)
    }

    /// The mean leaf values over `treeCount` trees.
    func means(treeCount: Int) -> [Double] {
        let scale = 1 / Double(treeCount)
        return all.prefix(rows * width).map { $0 * scale }
    }

    /// Calls `body` with the three arrays' storage.
    mutating func withPointers(
        _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int>) -> Void
    ) {
        all.withUnsafeMutableBufferPointer { all in
            outOfBag.withUnsafeMutableBufferPointer { outOfBag in
                votes.withUnsafeMutableBufferPointer { votes in
                    guard let all = all.baseAddress, let outOfBag = outOfBag.baseAddress,
                        let votes = votes.baseAddress
                    else { return }
                    body(all, outOfBag, votes)
                }
            }
        }
    }
}
