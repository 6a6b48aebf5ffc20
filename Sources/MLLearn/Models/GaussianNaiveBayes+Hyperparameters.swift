extension GaussianNaiveBayes: Estimating {
    /// The notebook hyperparameters, in display order: `smoothing`, `alpha`.
    static let hyperparameterNames = ["smoothing", "alpha"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs (numbers and, for category columns, ordinal codes).
    ///   - target: The class index of each row.
    ///   - hyperparameters: Hyperparameters by notebook name.
    ///   - inputs: The input columns; those in `categoricalLevels` get categorical likelihoods.
    /// - Returns: The model and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for bad values or a target it cannot learn.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<GaussianNaiveBayes> {
        guard case .classes(let y, let classCount) = target else {
            throw LearnError(.unsupportedTarget, "naive Bayes predicts classes")
        }
        let smoothing = try hyperparameters.number("smoothing", default: 1e-9, rule: "a positive number") {
            $0 > 0 && $0.isFinite
        }
        let alpha = try hyperparameters.number("alpha", default: 1, rule: "a positive number") { $0 > 0 && $0.isFinite }
        let model = try fit(
            x, classes: y, classCount: classCount, categoricalLevels: inputs.categoricalLevels, smoothing: smoothing,
            alpha: alpha
        )
        let used = [
            Hyperparameter(name: "smoothing", value: .number(smoothing)),
            Hyperparameter(name: "alpha", value: .number(alpha)),
        ]
        return EstimatorFit(model: model, hyperparameters: used)
    }

    func output(for x: Matrix) -> EstimatorOutput { .probabilities(predictProbabilities(x)) }

    var summaryLines: [(String, String)] {
        var parts: [String] = []
        if !numericColumns.isEmpty { parts.append("\(numericColumns.count) Gaussian") }
        if !categoricalColumns.isEmpty { parts.append("\(categoricalColumns.count) categorical") }
        return [("likelihoods", parts.isEmpty ? "none (priors only)" : parts.joined(separator: ", "))]
    }
}
