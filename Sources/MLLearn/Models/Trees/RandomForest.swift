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
        let grown = Parallel.map(treeCount) { index -> (tree: TreeGrowth, inBag: [UInt64]) in
            var generator = root.derived(index)
            var counts = [Int32](repeating: bootstrap ? 0 : 1, count: n)
            if bootstrap {
                for _ in 0..<n { counts[Int(generator.next().multipliedFullWidth(by: UInt64(n)).high)] += 1 }
            }
            var search = BinnedSplitSearch(
                bins: bins, target: target, weights: counts, settings: settings, categoryLevels: categoryLevels)
            let tree = growTree(&search, settings: settings, target: target, featureCount: p, generator: &generator)
            var inBag = [UInt64](repeating: 0, count: (n + 63) / 64)
            for row in 0..<n where counts[row] > 0 { inBag[row / 64] |= 1 << UInt64(row % 64) }
            return (tree, inBag)
        }
        // scikit-learn: the mean of the normalised importances of the trees with at least one split.
        var importances = [Double](repeating: 0, count: p)
        let splitTrees = grown.filter { $0.tree.tree.nodeCount > 1 }
        for tree in splitTrees {
            for (j, value) in normalizedImportances(tree.tree.importances).enumerated() { importances[j] += value }
        }
        let classCount: Int =
            switch target {
            case .classes(_, let count): count
            case .values: 0
            }
        var forest = RandomForest(
            trees: grown.map(\.tree.tree), classCount: classCount, criterion: settings.criterion,
            featureImportances: normalizedImportances(importances), featureCount: p,
            featuresPerSplit: settings.maxFeatures, outOfBagScore: nil)
        let pass = forest.leafSums(x, inBag: bootstrap ? grown.map(\.inBag) : nil)
        if bootstrap {
            forest.outOfBagScore = forest.outOfBagScore(target: target, sums: pass.outOfBagSums, votes: pass.votes)
        }
        return (forest, pass.means)
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
    private func meanLeafValues(_ x: Matrix) -> [Double] { leafSums(x, inBag: nil).means }

    /// The mean leaf values of the trees, `width` per row, with the out-of-bag sums for training rows.
    ///
    /// Given each tree's in-bag rows as bit sets, it also adds up, per row, the leaf values of the trees that
    /// did not learn from the row, and counts them. Rows go in parallel chunks, trees in order.
    private func leafSums(_ x: Matrix, inBag: [[UInt64]]?) -> (means: [Double], outOfBagSums: [Double], votes: [Int]) {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        let width = max(classCount, 1)
        let scale = 1 / Double(trees.count)
        let trees = trees
        let chunks = chunkRanges(x.rows, chunks: max(1, x.rows / 256))
        let parts = Parallel.map(chunks.count) { c -> (means: [Double], sums: [Double], votes: [Int]) in
            let range = chunks[c]
            var means = [Double](repeating: 0, count: range.count * width)
            var sums = [Double](repeating: 0, count: inBag == nil ? 0 : range.count * width)
            var votes = [Int](repeating: 0, count: inBag == nil ? 0 : range.count)
            x.values.withUnsafeBufferPointer { rows in
                means.withUnsafeMutableBufferPointer { means in
                    sums.withUnsafeMutableBufferPointer { sums in
                        votes.withUnsafeMutableBufferPointer { votes in
                            guard let out = means.baseAddress else { return }
                            for (t, tree) in trees.enumerated() {
                                guard let inBag, let sums = sums.baseAddress, let votes = votes.baseAddress else {
                                    tree.accumulate(rows: rows, columns: x.columns, range: range, into: out)
                                    continue
                                }
                                inBag[t].withUnsafeBufferPointer { set in
                                    guard let set = set.baseAddress else { return }
                                    tree.accumulate(
                                        rows: rows, columns: x.columns, range: range, into: out,
                                        outOfBag: OutOfBagAccumulators(inBag: set, sums: sums, votes: votes))
                                }
                            }
                        }
                    }
                }
            }
            for i in means.indices { means[i] *= scale }
            return (means, sums, votes)
        }
        return (parts.flatMap(\.means), parts.flatMap(\.sums), parts.flatMap(\.votes))
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
