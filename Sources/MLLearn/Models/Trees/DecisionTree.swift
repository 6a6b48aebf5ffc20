import MLData

/// A CART decision tree with the splits of scikit-learn's `DecisionTreeClassifier` and
/// `DecisionTreeRegressor`.
///
/// Each node takes the best split over every column and every threshold between consecutive distinct
/// values (the midpoint), scored by the decrease in Gini impurity or entropy (classes) or squared error
/// (numbers). Columns are tried in an order drawn from `seed`, and the first of equally good splits wins.
/// Leaves hold class probabilities (the class shares of their training rows) or the mean target.
/// For two-class and numeric targets, category columns (ordinal codes) are split into two sets of levels
/// instead of by code order.
public struct DecisionTree: Sendable, Codable, Hashable {
    /// The fitted nodes.
    private(set) var tree: TreeNodes
    /// The number of classes, or 0 for a regression tree.
    public private(set) var classCount: Int
    /// The impurity the splits reduced.
    public private(set) var criterion: SplitCriterion
    /// The share of the total impurity decrease due to each input column (sums to 1 unless the tree is a
    /// single leaf), as scikit-learn's `feature_importances_`.
    public private(set) var featureImportances: [Double]
    /// The number of input columns.
    public private(set) var featureCount: Int

    /// The length of the longest root-to-leaf path (0 for a single leaf).
    public var depth: Int { tree.depth }
    /// The number of leaves.
    public var leafCount: Int { tree.leafCount }
    /// The number of nodes, leaves included.
    public var nodeCount: Int { tree.nodeCount }

    /// Grows a tree.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample; no missing values.
    ///   - target: Class indices (with the class count) or numbers, one per row.
    ///   - settings: The criterion, stopping rules and columns searched per split (all for scikit-learn's
    ///     default).
    ///   - seed: scikit-learn's `random_state`: decides the column order, hence which of equally good splits
    ///     is taken.
    ///   - categoryLevels: Level counts of the ordinal-coded category columns, by column.
    /// - Returns: The fitted tree.
    /// - Throws: ``LearnError`` `.shapeMismatch`, `.emptyTrainingData`, or `.invalidHyperparameter` for a
    ///   criterion that does not fit the target.
    static func fit(
        _ x: Matrix, target: TreeTarget, settings: TreeSettings, seed: UInt64, categoryLevels: [Int: Int] = [:]
    ) throws -> DecisionTree {
        try checkTreeInputs(x, target: target, criterion: settings.criterion, model: "a decision tree")
        let columns = PresortedColumns(x)
        var search = ExactSplitSearch(
            columns: columns, target: target, criterion: settings.criterion, minLeaf: settings.minLeaf,
            maxFeatures: settings.maxFeatures, randomState: seed, categoryLevels: categoryLevels)
        var generator = SeededGenerator(seed: seed)
        let grown = growTree(
            &search, settings: settings, target: target, featureCount: x.columns, generator: &generator)
        let classCount: Int =
            switch target {
            case .classes(_, let count): count
            case .values: 0
            }
        return DecisionTree(
            tree: grown.tree, classCount: classCount, criterion: settings.criterion,
            featureImportances: normalizedImportances(grown.importances), featureCount: x.columns)
    }

    /// The class probabilities of each row: the class shares of the training rows in its leaf.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×``classCount`` matrix whose rows sum to 1.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        precondition(classCount > 0, "a regression tree has no class probabilities")
        return Matrix(rows: x.rows, columns: classCount, values: leafValues(x))
    }

    /// The prediction of a regression tree for each row: the mean target of the training rows in its leaf.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predictValues(_ x: Matrix) -> [Double] {
        precondition(classCount == 0, "a classification tree predicts classes")
        return leafValues(x)
    }

    /// The leaf values of every row, `tree.width` per row.
    private func leafValues(_ x: Matrix) -> [Double] {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        var output = [Double](repeating: 0, count: x.rows * tree.width)
        x.values.withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { output in
                guard let out = output.baseAddress else { return }
                tree.accumulate(rows: rows, columns: x.columns, range: 0..<x.rows, into: out)
            }
        }
        return output
    }
}

/// Checks what every tree model needs: matching sizes, rows, finite inputs and a criterion for the target.
///
/// - Throws: ``LearnError`` `.shapeMismatch`, `.emptyTrainingData` or `.invalidHyperparameter`.
func checkTreeInputs(_ x: Matrix, target: TreeTarget, criterion: SplitCriterion, model: String) throws {
    let count: Int
    switch target {
    case .classes(let labels, let classCount):
        count = labels.count
        guard criterion.isClassification else {
            throw LearnError(
                .invalidHyperparameter,
                "criterion must be gini or entropy for a class target, got \(criterion.rawValue)")
        }
        precondition(classCount >= 1 && labels.allSatisfy { $0 >= 0 && Int($0) < classCount }, "bad class index")
    case .values(let values):
        count = values.count
        guard !criterion.isClassification else {
            throw LearnError(
                .invalidHyperparameter, "criterion must be mse for a numeric target, got \(criterion.rawValue)")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw LearnError(.unsupportedTarget, "\(model) needs finite target values")
        }
    }
    guard x.rows == count else { throw LearnError(.shapeMismatch, "\(x.rows) input rows but \(count) targets") }
    guard x.rows > 0 else { throw LearnError(.emptyTrainingData, "\(model) needs training rows") }
    guard !x.values.contains(where: \.isNaN) else {
        throw LearnError(.emptyTrainingData, "\(model) needs inputs without missing values; impute them first")
    }
}
