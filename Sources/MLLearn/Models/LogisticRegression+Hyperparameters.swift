extension LogisticRegression {
    /// The notebook hyperparameters, in display order: `C`, `penalty`, `max_iter`, `tol`.
    public static let hyperparameterNames = ["C", "penalty", "max_iter", "tol"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs.
    ///   - y: The class index of each row.
    ///   - classCount: The number of classes.
    ///   - given: Hyperparameters by notebook name.
    /// - Returns: The model and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for unknown names, bad values, or a target it cannot learn.
    static func fit(
        _ x: Matrix, classes y: [Int], classCount: Int, _ given: [String: HyperValue]
    ) throws -> (LogisticRegression, [Hyperparameter]) {
        let reader = try HyperparameterReader(kind: .logistic, given: given, known: hyperparameterNames)
        let c = try reader.number("C", default: 1, rule: "a positive number") { $0 > 0 && $0.isFinite }
        let penaltyName = try reader.choice("penalty", default: "l2", choices: Penalty.allCases.map(\.rawValue))
        let penalty = Penalty(rawValue: penaltyName) ?? .l2
        let maxIterations = try reader.integer("max_iter", default: 1000, rule: "a whole number ≥ 1") { $0 >= 1 }
        let tolerance = try reader.number("tol", default: 1e-8, rule: "a non-negative number") {
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
        return (model, used)
    }
}
