extension LogisticRegression: Estimating {
    /// The notebook hyperparameters, in display order: `C`, `penalty`, `max_iter`, `tol`.
    static let hyperparameterNames = ["C", "penalty", "max_iter", "tol"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs.
    ///   - target: The class index of each row.
    ///   - hyperparameters: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused: every input is a number to the linear model).
    /// - Returns: The model, its resolved hyperparameters and a warning when it did not converge.
    /// - Throws: ``LearnError`` for bad values or a target it cannot learn.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<LogisticRegression> {
        guard case .classes(let y, let classCount) = target else {
            throw LearnError(.unsupportedTarget, "logistic regression predicts classes")
        }
        let c = try hyperparameters.number("C", default: 1, rule: "a positive number") { $0 > 0 && $0.isFinite }
        let penaltyName = try hyperparameters.choice(
            "penalty", default: "l2", choices: Penalty.allCases.map(\.rawValue))
        let penalty = Penalty(rawValue: penaltyName) ?? .l2
        let maxIterations = try hyperparameters.integer("max_iter", default: 1000, rule: "a whole number ≥ 1") {
            $0 >= 1
        }
        let tolerance = try hyperparameters.number("tol", default: 1e-4, rule: "a non-negative number") {
            $0 >= 0 && $0.isFinite
        }
        let model = try fit(
            x, classes: y, classCount: classCount, c: c, penalty: penalty, maxIterations: maxIterations,
            tolerance: tolerance
        )
        let used = [
            Hyperparameter(name: "C", value: .number(c)),
            Hyperparameter(name: "penalty", value: .string(penalty.rawValue)),
            Hyperparameter(name: "max_iter", value: .integer(maxIterations)),
            Hyperparameter(name: "tol", value: .number(tolerance)),
        ]
        var warnings: [String] = []
        if !model.converged {
            warnings.append(
                "logistic regression did not converge after \(model.iterations) iterations "
                    + "(\(model.stopReason)); raise max_iter or check the scaling"
            )
        }
        return EstimatorFit(model: model, hyperparameters: used, warnings: warnings)
    }

    func output(for x: Matrix) -> EstimatorOutput { .probabilities(predictProbabilities(x)) }

    var summaryLines: [(String, String)] {
        let state = converged ? "converged" : "did not converge"
        return [("solver", "\(solverName), \(iterations) iterations, \(state)")]
    }
}
