extension LinearRegression: Estimating {
    /// The notebook hyperparameters, in display order: `l2`, `l1`, `max_iter`, `tol`.
    static let hyperparameterNames = ["l2", "l1", "max_iter", "tol"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs.
    ///   - target: The number of each row.
    ///   - hyperparameters: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused: every input is a number to the linear model).
    /// - Returns: The model, its resolved hyperparameters and a warning when coordinate descent stopped early.
    /// - Throws: ``LearnError`` for bad values or a target that is not numbers.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<LinearRegression> {
        guard case .values(let y) = target else {
            throw LearnError(.unsupportedTarget, "linear regression predicts numbers")
        }
        let l2 = try hyperparameters.number("l2", default: 0, rule: "a number ≥ 0") { $0 >= 0 && $0.isFinite }
        let l1 = try hyperparameters.number("l1", default: 0, rule: "a number ≥ 0") { $0 >= 0 && $0.isFinite }
        let maxIterations = try hyperparameters.integer("max_iter", default: 1000, rule: "a whole number ≥ 1") {
            $0 >= 1
        }
        let tolerance = try hyperparameters.number("tol", default: 1e-4, rule: "a number ≥ 0") {
            $0 >= 0 && $0.isFinite
        }
        let model = try fit(x, values: y, l1: l1, l2: l2, maxIterations: maxIterations, tolerance: tolerance)
        let used = [
            Hyperparameter(name: "l2", value: .number(l2)),
            Hyperparameter(name: "l1", value: .number(l1)),
            Hyperparameter(name: "max_iter", value: .integer(maxIterations)),
            Hyperparameter(name: "tol", value: .number(tolerance)),
        ]
        var warnings: [String] = []
        if !model.converged {
            warnings.append(
                "linear regression (coordinate descent) did not converge after \(model.iterations) iterations "
                    + "(duality gap \(formatNumber(model.dualityGap)) > \(formatNumber(model.gapTolerance))); "
                    + "raise max_iter or tol, or check the scaling"
            )
        }
        return EstimatorFit(model: model, hyperparameters: used, warnings: warnings)
    }

    func output(for x: Matrix) -> EstimatorOutput { .values(predict(x)) }

    var summaryLines: [(String, String)] {
        switch solver {
        case .leastSquares:
            let rankNote = rank < featureCount ? ", rank \(rank) of \(featureCount)" : ""
            return [("solver", "least squares (SVD)\(rankNote)")]
        case .cholesky:
            return [("solver", "ridge (Cholesky)")]
        case .coordinateDescent:
            let state = converged ? "converged" : "did not converge"
            return [("solver", "coordinate descent, \(iterations) iterations, \(state)")]
        }
    }
}
