extension PrincipalComponents: Estimating {
    /// The notebook hyperparameters: `components` (a count, a share of variance in (0, 1), or `none` for
    /// all; default all).
    static let hyperparameterNames = ["components"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs.
    ///   - target: Ignored: a projection uses no target.
    ///   - reader: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused).
    /// - Returns: The projection and its resolved hyperparameters (`components` as the count kept, or the
    ///   share asked for).
    /// - Throws: ``LearnError`` for a bad `components` value.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters reader: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<PrincipalComponents> {
        let largest = min(x.rows, x.columns)
        let count: Count
        switch reader.given["components"] {
        case nil, .null?:
            count = .all
        case .integer(let value)?:
            count = .count(value)
        case .number(let value)? where value > 0 && value < 1:
            count = .varianceShare(value)
        case .number(let value)? where value == value.rounded() && abs(value) < 1e15:
            count = .count(Int(value))
        case let other?:
            throw LearnError(
                .invalidHyperparameter,
                "components must be a whole number from 1 to \(largest) (the smaller of the row and input column "
                    + "counts) or a fraction between 0 and 1 (a share of variance to explain), got \(other)"
            )
        }
        let model = try fit(x, components: count)
        let shown: HyperValue =
            switch count {
            case .varianceShare(let share): .number(share)
            case .all, .count: .integer(model.componentCount)
            }
        return EstimatorFit(model: model, hyperparameters: [Hyperparameter(name: "components", value: shown)])
    }

    func output(for x: Matrix) -> EstimatorOutput { .projection(transform(x)) }

    var trainingMetrics: [Metric] {
        [Metric(name: "explained_variance", value: explainedVarianceTotal)]
            + explainedVarianceRatio.enumerated().map { Metric(name: "pc\($0 + 1)_variance", value: $1) }
    }

    var summaryLines: [(String, String)] {
        [
            ("components kept", "\(componentCount) of \(mean.count) inputs"),
            ("variance explained", formatNumber(100 * explainedVarianceTotal) + "%"),
        ]
    }
}
