import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension RandomForest: Estimating {
    /// The notebook hyperparameters, in display order.
    static let hyperparameterNames = [
        "trees", "criterion", "depth", "min_leaf", "min_split", "features", "bootstrap", "seed",
    ]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs (ordinal codes for category columns, no scaling needed).
    ///   - target: Class indices or numbers.
    ///   - hyperparameters: `trees` (≥ 1, default 100), `criterion` (gini | entropy, default gini; mse for
    ///     numbers), `depth` (≥ 1 or none, default none), `min_leaf` (≥ 1, default 1), `min_split` (≥ 2,
    ///     default 2), `features` (columns per split: sqrt | log2 | all, a fraction in (0, 1] or a whole
    ///     number of columns; default sqrt for classes, all for numbers), `bootstrap` (default true),
    ///     `seed` (default the fit's seed).
    ///   - inputs: Which columns hold category codes.
    /// - Returns: The forest and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for bad values or a target without classes or numbers.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<RandomForest> {
        let treeTarget = try TreeTarget(target, model: "a random forest")
        let treeCount = try hyperparameters.integer("trees", default: 100, rule: "a whole number ≥ 1") { $0 >= 1 }
        let criterion = try hyperparameters.criterion(for: treeTarget)
        let depth = try hyperparameters.depth()
        let minLeaf = try hyperparameters.integer("min_leaf", default: 1, rule: "a whole number ≥ 1") { $0 >= 1 }
        let minSplit = try hyperparameters.integer("min_split", default: 2, rule: "a whole number ≥ 2") { $0 >= 2 }
        let (features, featuresValue) = try hyperparameters.featuresPerSplit(
            columns: x.columns, classification: criterion.isClassification)
        let bootstrap = try hyperparameters.flag("bootstrap", default: true)
        let seed = try hyperparameters.seed()
        let settings = TreeSettings(
            criterion: criterion, maxDepth: depth, minLeaf: minLeaf, minSplit: minSplit, maxFeatures: features)
        let (model, trainingMeans) = try grow(
            x, target: treeTarget, settings: settings, treeCount: treeCount, bootstrap: bootstrap, seed: seed,
            categoryLevels: inputs.categoricalLevels)
        let used = [
            Hyperparameter(name: "trees", value: .integer(treeCount)),
            Hyperparameter(name: "criterion", value: .string(criterion.rawValue)),
            Hyperparameter(name: "depth", value: depth.map { .integer($0) } ?? .null),
            Hyperparameter(name: "min_leaf", value: .integer(minLeaf)),
            Hyperparameter(name: "min_split", value: .integer(minSplit)),
            Hyperparameter(name: "features", value: featuresValue),
            Hyperparameter(name: "bootstrap", value: .bool(bootstrap)),
            Hyperparameter(name: "seed", value: .integer(Int(clamping: seed))),
        ]
        let trainingOutput: EstimatorOutput =
            model.classCount > 0
            ? .probabilities(Matrix(rows: x.rows, columns: model.classCount, values: trainingMeans))
            : .values(trainingMeans)
        return EstimatorFit(model: model, hyperparameters: used, trainingOutput: trainingOutput)
    }

    func output(for x: Matrix) -> EstimatorOutput {
        classCount > 0 ? .probabilities(predictProbabilities(x)) : .values(predictValues(x))
    }

    var summaryLines: [(String, String)] {
        let depths = trees.map(\.depth)
        let meanDepth = Double(depths.reduce(0, +)) / Double(max(depths.count, 1))
        let leaves = trees.map(\.leafCount).reduce(0, +)
        var lines = [
            (
                "forest",
                "\(treeCount) trees, \(featuresPerSplit) of \(featureCount) columns per split, "
                    + "mean depth \(formatNumber(meanDepth)), \(leaves) leaves"
            )
        ]
        if let outOfBagScore {
            lines.append((classCount > 0 ? "out-of-bag accuracy" : "out-of-bag R²", formatNumber(outOfBagScore)))
        }
        return lines
    }

    /// The out-of-bag score as `oob_accuracy` or `oob_r2`, when there is one.
    var trainingMetrics: [Metric] {
        guard let outOfBagScore else { return [] }
        return [Metric(name: classCount > 0 ? "oob_accuracy" : "oob_r2", value: outOfBagScore)]
    }
}

extension HyperparameterReader {
    /// Reads `features:`, the number of columns searched per split, as scikit-learn's `max_features`.
    ///
    /// `sqrt` (⌊√p⌋), `log2` (⌊log₂ p⌋), `all`, a fraction f in (0, 1] (⌊f·p⌋, as `1.0` is all), or a whole
    /// number of columns (1 … p, so `1` is one column, as in scikit-learn); at least 1. Default: `sqrt` for
    /// classification, `all` for regression.
    ///
    /// - Parameters:
    ///   - columns: The number of input columns p.
    ///   - classification: Whether the target is classes (decides the default).
    /// - Returns: The column count and the value to report.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for anything else.
    func featuresPerSplit(columns: Int, classification: Bool) throws -> (count: Int, value: HyperValue) {
        let rule = "sqrt, log2, all, a fraction in (0, 1] or a whole number of columns from 1 to \(columns)"
        let value = given["features"] ?? .string(classification ? "sqrt" : "all")
        let count: Int
        switch value {
        case .string(let word) where word.lowercased() == "sqrt":
            count = Int(Double(columns).squareRoot())
        case .string(let word) where word.lowercased() == "log2":
            count = Int(log2(Double(columns)))
        case .string(let word) where word.lowercased() == "all":
            count = columns
        case .null:
            count = columns
        case .number(let fraction) where fraction > 0 && fraction <= 1:
            count = Int(fraction * Double(columns))
        case .integer(let whole) where whole >= 1 && whole <= columns:
            count = whole
        case .string(let word):
            var message = "features must be \(rule), got \(word)"
            if let near = nearestName(to: word, in: ["sqrt", "log2", "all"]) { message += "; did you mean '\(near)'?" }
            throw LearnError(.invalidHyperparameter, message, hyperparameter: "features")
        default:
            throw LearnError(
                .invalidHyperparameter, "features must be \(rule), got \(value)", hyperparameter: "features")
        }
        return (max(1, count), value)
    }

    /// A `true`/`false` hyperparameter (`yes`/`no` accepted too), `fallback` when absent.
    ///
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for anything else.
    fileprivate func flag(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = given[name] else { return fallback }
        switch value {
        case .bool(let flag): return flag
        case .string(let word) where ["true", "yes"].contains(word.lowercased()): return true
        case .string(let word) where ["false", "no"].contains(word.lowercased()): return false
        default:
            throw LearnError(
                .invalidHyperparameter, "\(name) must be true or false, got \(value)", hyperparameter: name)
        }
    }
}
