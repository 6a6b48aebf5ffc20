extension NearestNeighbors: Estimating {
    /// The notebook hyperparameters, in display order: `k`, `weights`.
    static let hyperparameterNames = ["k", "weights"]

    /// Stores the training data with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs.
    ///   - target: The class index or number of each row.
    ///   - hyperparameters: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused: every input is a coordinate).
    /// - Returns: The model and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for bad values (`k` above the number of training rows, say).
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<NearestNeighbors> {
        let targets: Targets
        switch target {
        case .classes(let y, let count): targets = .classes(y, count: count)
        case .values(let y): targets = .values(y)
        case .none: throw LearnError(.unsupportedTarget, "k nearest neighbours needs a target")
        }
        let k = try hyperparameters.integer("k", default: 5, rule: "a whole number ≥ 1") { $0 >= 1 }
        let weightsName = try hyperparameters.choice(
            "weights", default: "uniform", choices: Weighting.allCases.map(\.rawValue))
        let weighting = Weighting(rawValue: weightsName) ?? .uniform
        let model = try fit(x, targets: targets, k: k, weighting: weighting)
        let used = [
            Hyperparameter(name: "k", value: .integer(k)),
            Hyperparameter(name: "weights", value: .string(weighting.rawValue)),
        ]
        return EstimatorFit(model: model, hyperparameters: used)
    }

    func output(for x: Matrix) -> EstimatorOutput {
        switch targets {
        case .classes: .probabilities(predictProbabilities(x))
        case .values: .values(predictValues(x))
        }
    }

    /// The training rows are not scored: each would count itself among its neighbours.
    static var scoresTrainingRows: Bool { false }

    var summaryLines: [(String, String)] {
        [("search", "brute force (Euclidean), \(training.rows) training rows")]
    }
}
