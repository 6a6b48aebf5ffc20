import MLData

extension DecisionTree: Estimating {
    /// The notebook hyperparameters, in display order: `criterion`, `depth`, `min_leaf`, `min_split`, `seed`.
    static let hyperparameterNames = ["criterion", "depth", "min_leaf", "min_split", "seed"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs (ordinal codes for category columns, no scaling needed).
    ///   - target: Class indices or numbers.
    ///   - hyperparameters: `criterion` (gini | entropy for classes, default gini; mse for numbers),
    ///     `depth` (≥ 1 or none, default none), `min_leaf` (≥ 1, default 1), `min_split` (≥ 2, default 2),
    ///     `seed` (the order columns are tried in, default the fit's seed).
    ///   - inputs: Which columns hold category codes.
    /// - Returns: The tree and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for bad values or a target without classes or numbers.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<DecisionTree> {
        let treeTarget = try TreeTarget(target, model: "a decision tree")
        let criterion = try hyperparameters.criterion(for: treeTarget)
        let depth = try hyperparameters.depth()
        let minLeaf = try hyperparameters.integer("min_leaf", default: 1, rule: "a whole number ≥ 1") { $0 >= 1 }
        let minSplit = try hyperparameters.integer("min_split", default: 2, rule: "a whole number ≥ 2") { $0 >= 2 }
        let seed = try hyperparameters.seed()
        let settings = TreeSettings(
            criterion: criterion, maxDepth: depth, minLeaf: minLeaf, minSplit: minSplit, maxFeatures: x.columns)
        let model = try fit(
            x, target: treeTarget, settings: settings, seed: seed, categoryLevels: inputs.categoricalLevels)
        let used = [
            Hyperparameter(name: "criterion", value: .string(criterion.rawValue)),
            Hyperparameter(name: "depth", value: depth.map { .integer($0) } ?? .null),
            Hyperparameter(name: "min_leaf", value: .integer(minLeaf)),
            Hyperparameter(name: "min_split", value: .integer(minSplit)),
            Hyperparameter(name: "seed", value: .integer(Int(clamping: seed))),
        ]
        return EstimatorFit(model: model, hyperparameters: used)
    }

    func output(for x: Matrix) -> EstimatorOutput {
        classCount > 0 ? .probabilities(predictProbabilities(x)) : .values(predictValues(x))
    }

    var summaryLines: [(String, String)] {
        [("tree", "depth \(depth), \(leafCount) leaves")]
    }
}

extension TreeTarget {
    /// The target of a tree model: class indices or numbers.
    ///
    /// - Throws: ``LearnError`` `.unsupportedTarget` without a target.
    init(_ target: TrainingTarget, model: String) throws {
        switch target {
        case .classes(let indices, let count): self = .classes(indices.map { Int32($0) }, count: count)
        case .values(let values): self = .values(values)
        case .none: throw LearnError(.unsupportedTarget, "\(model) needs a target to learn")
        }
    }
}

extension HyperparameterReader {
    /// `criterion:`: gini or entropy for classes (default gini), mse (or squared_error) for numbers.
    ///
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for an unknown name (with the nearest one) or a
    ///   criterion of the other task.
    func criterion(for target: TreeTarget) throws -> SplitCriterion {
        switch target {
        case .classes:
            let name = try choice("criterion", default: "gini", choices: ["gini", "entropy"])
            return name == "entropy" ? .entropy : .gini
        case .values:
            _ = try choice("criterion", default: "mse", choices: ["mse", "squared_error"])
            return .squaredError
        }
    }

    /// `depth:`: the deepest level a node may be split at, a whole number ≥ 1 or `none` (the default).
    func depth() throws -> Int? {
        try optionalInteger("depth", default: nil, rule: "a whole number ≥ 1 or none") { $0 >= 1 }
    }
}
