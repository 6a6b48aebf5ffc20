extension MultilayerPerceptron: Estimating {
    /// The notebook hyperparameters, in display order.
    ///
    /// `layers` (hidden sizes, default [100]), `epochs` (most epochs, 200), `rate` (Adam step, 0.001),
    /// `batch` (mini-batch rows, min(200, rows)), `l2` (penalty, 0.0001), `early_stop` (false),
    /// `validation` (held-out share with early stopping, 0.1), `seed`.
    static let hyperparameterNames = [
        "layers", "epochs", "rate", "batch", "l2", "early_stop", "validation", "seed",
    ]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed (scaled) inputs.
    ///   - target: Class indices or numbers.
    ///   - reader: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused: every input is a number to the network).
    /// - Returns: The network, its resolved hyperparameters and warnings (epoch limit reached, batch clipped).
    /// - Throws: ``LearnError`` for bad values or a target the network cannot learn.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters reader: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<MultilayerPerceptron> {
        var settings = Settings()
        settings.hiddenLayers = try reader.integerList(
            "layers", default: [100], rule: "a list of layer sizes ≥ 1, such as [100] or [64, 32]"
        ) { $0 >= 1 }
        settings.maxEpochs = try reader.integer("epochs", default: 200, rule: "a whole number ≥ 1") { $0 >= 1 }
        settings.learningRate = try reader.number("rate", default: 0.001, rule: "a positive number") {
            $0 > 0 && $0.isFinite
        }
        if reader.has("batch") {
            settings.batchSize = try reader.integer("batch", default: 200, rule: "a whole number ≥ 1") { $0 >= 1 }
        }
        settings.l2 = try reader.number("l2", default: 0.0001, rule: "a number ≥ 0") { $0 >= 0 && $0.isFinite }
        settings.earlyStopping = try reader.flag("early_stop", default: false)
        settings.validationFraction = try reader.number(
            "validation", default: 0.1, rule: "a fraction between 0 and 1 (exclusive)"
        ) { $0 > 0 && $0 < 1 }
        settings.seed = try reader.seed()
        let model = try fit(x, target: target, settings: settings)

        let used = [
            Hyperparameter(name: "layers", value: .list(settings.hiddenLayers.map { .integer($0) })),
            Hyperparameter(name: "epochs", value: .integer(settings.maxEpochs)),
            Hyperparameter(name: "rate", value: .number(settings.learningRate)),
            Hyperparameter(name: "batch", value: .integer(model.batchSize)),
            Hyperparameter(name: "l2", value: .number(settings.l2)),
            Hyperparameter(name: "early_stop", value: .bool(settings.earlyStopping)),
            Hyperparameter(name: "validation", value: .number(settings.validationFraction)),
            Hyperparameter(name: "seed", value: .integer(Int(clamping: settings.seed))),
        ]
        var warnings: [String] = []
        if let asked = settings.batchSize, asked > model.batchSize {
            warnings.append(
                "batch: \(asked) is more than the \(model.trainingRowCount) training rows; "
                    + "used batches of \(model.batchSize)")
        }
        if !model.converged {
            let watched = settings.earlyStopping ? "validation score" : "training loss"
            warnings.append(
                "the network reached epochs: \(settings.maxEpochs) without converging (its \(watched) was still "
                    + "changing by more than \(formatNumber(settings.tolerance))); raise epochs or rate")
        }
        return EstimatorFit(model: model, hyperparameters: used, warnings: warnings)
    }

    func output(for x: Matrix) -> EstimatorOutput {
        classCount >= 2 ? .probabilities(predictProbabilities(x)) : .values(predictValues(x))
    }

    var summaryLines: [(String, String)] {
        let hidden = hiddenLayers.isEmpty ? "no hidden layer" : hiddenLayers.map(String.init).joined(separator: ", ")
        let output =
            switch outputActivation {
            case .logistic: "logistic output"
            case .softmax: "softmax output"
            case .identity: "identity output"
            }
        var state = converged ? "stopped early (no improvement)" : "epoch limit reached"
        if let bestValidationScore { state += ", best validation score \(formatNumber(bestValidationScore))" }
        return [
            ("network", "\(featureCount) inputs → \(hidden) (ReLU) → \(layerUnits[layerUnits.count - 1]) \(output)"),
            ("training", "Adam, \(epochs) epochs, batches of \(batchSize), \(state)"),
            ("final loss", formatNumber(finalLoss)),
        ]
    }
}

extension HyperparameterReader {
    /// A `true`/`false` value such as `early_stop: true`, `fallback` when absent.
    fileprivate func flag(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = given[name] else { return fallback }
        guard case .bool(let flag) = value else {
            throw LearnError(
                .invalidHyperparameter, "\(name) must be true or false, got \(value)", hyperparameter: name)
        }
        return flag
    }
}
