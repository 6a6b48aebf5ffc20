extension GradientBoosting: Estimating {
    /// The notebook hyperparameters, in display order.
    ///
    /// `rounds` (100), `rate` (0.1), `leaves` (31, or none), `depth` (none), `min_leaf` (20), `l2` (0),
    /// `bins` (255), `early_stop` (auto, true or false), `validation` (0.1, or none), `seed`.
    static let hyperparameterNames = [
        "rounds", "rate", "leaves", "depth", "min_leaf", "l2", "bins", "early_stop", "validation", "seed",
    ]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs (imputed; category columns as ordinal codes).
    ///   - target: Class indices or numbers.
    ///   - hyperparameters: Hyperparameters by notebook name.
    ///   - inputs: The input columns (category codes are split on as ordered numbers).
    /// - Returns: The model and its resolved hyperparameters.
    /// - Throws: ``LearnError`` for bad values or a target it cannot learn.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<GradientBoosting> {
        let reader = hyperparameters
        var settings = Settings()
        settings.rounds = try reader.integer("rounds", default: 100, rule: "a whole number ≥ 1") { $0 >= 1 }
        settings.learningRate = try reader.number("rate", default: 0.1, rule: "a positive number") {
            $0 > 0 && $0.isFinite
        }
        settings.maxLeaves = try reader.optionalInteger("leaves", default: 31, rule: "a whole number ≥ 2 or none") {
            $0 >= 2
        }
        settings.maxDepth = try reader.optionalInteger("depth", default: nil, rule: "a whole number ≥ 1 or none") {
            $0 >= 1
        }
        settings.minSamplesLeaf = try reader.integer("min_leaf", default: 20, rule: "a whole number ≥ 1") { $0 >= 1 }
        settings.l2 = try reader.number("l2", default: 0, rule: "a non-negative number") { $0 >= 0 && $0.isFinite }
        settings.maxBins = try reader.integer("bins", default: 255, rule: "a whole number from 2 to 255") {
            (2...FeatureBinning.binLimit).contains($0)
        }
        settings.earlyStopping = try reader.earlyStopping("early_stop")
        settings.validationFraction = try reader.optionalNumber(
            "validation", default: 0.1, rule: "a fraction between 0 and 1 (exclusive) or none"
        ) { $0 > 0 && $0 < 1 }
        settings.seed = try reader.seed()
        let (model, trainingScores) = try fitKeepingTrainingScores(x, target: target, settings: settings)
        let earlyStop: HyperValue =
            switch settings.earlyStopping {
            case .auto: .string("auto")
            case .on: .bool(true)
            case .off: .bool(false)
            }
        let used = [
            Hyperparameter(name: "rounds", value: .integer(settings.rounds)),
            Hyperparameter(name: "rate", value: .number(settings.learningRate)),
            Hyperparameter(name: "leaves", value: settings.maxLeaves.map(HyperValue.integer) ?? .null),
            Hyperparameter(name: "depth", value: settings.maxDepth.map(HyperValue.integer) ?? .null),
            Hyperparameter(name: "min_leaf", value: .integer(settings.minSamplesLeaf)),
            Hyperparameter(name: "l2", value: .number(settings.l2)),
            Hyperparameter(name: "bins", value: .integer(settings.maxBins)),
            Hyperparameter(name: "early_stop", value: earlyStop),
            Hyperparameter(name: "validation", value: settings.validationFraction.map(HyperValue.number) ?? .null),
            Hyperparameter(name: "seed", value: .integer(Int(clamping: settings.seed))),
        ]
        return EstimatorFit(
            model: model, hyperparameters: used, trainingOutput: model.output(fromRaw: trainingScores))
    }

    func output(for x: Matrix) -> EstimatorOutput { output(fromRaw: rawPredictions(x)) }

    /// The output for raw predictions: class probabilities, or the predicted numbers.
    private func output(fromRaw scores: Matrix) -> EstimatorOutput {
        classCount >= 2 ? .probabilities(probabilities(fromRaw: scores)) : .values(scores.values)
    }

    var summaryLines: [(String, String)] {
        let lossName =
            switch loss {
            case .squaredError: "squared error"
            case .binaryLogLoss: "log-loss"
            case .multinomialLogLoss: "softmax cross-entropy"
            }
        var lines: [(String, String)] = []
        let perRound = outputs > 1 ? " (\(outputs) trees per round, one per class)" : ""
        lines.append(("rounds used", "\(rounds) of \(settings.rounds)\(perRound), \(lossName)"))
        let counts = leafCounts
        if let fewest = counts.min(), let most = counts.max() {
            let mean = Double(counts.reduce(0, +)) / Double(counts.count)
            let spread = fewest == most ? "\(most) each" : "\(fewest) to \(most), mean \(formatNumber(mean))"
            lines.append(("leaves per tree", spread))
        }
        if usedEarlyStopping {
            let heldOut =
                validationRows > 0
                ? "\(validationRows) validation rows held out" : "scored on the training rows"
            let outcome =
                stoppedEarly
                ? "fired at round \(rounds): no loss improvement for \(settings.patience) rounds"
                : "did not fire"
            lines.append(("early stopping", "on (\(heldOut)), \(outcome)"))
        } else {
            lines.append(("early stopping", "off"))
        }
        return lines
    }
}

extension HyperparameterReader {
    /// The `early_stop:` value: `auto`, `true`/`false` (also `on`/`off`), ``GradientBoosting/EarlyStopping/auto``
    /// when absent.
    ///
    /// - Parameter name: The hyperparameter name.
    /// - Returns: The early-stopping mode.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for any other value.
    fileprivate func earlyStopping(_ name: String) throws -> GradientBoosting.EarlyStopping {
        guard let value = given[name] else { return .auto }
        switch value {
        case .bool(let flag): return flag ? .on : .off
        case .string(let word):
            switch word.lowercased() {
            case "auto": return .auto
            case "true", "on", "yes": return .on
            case "false", "off", "no": return .off
            default: break
            }
        default: break
        }
        throw LearnError(
            .invalidHyperparameter, "\(name) must be auto, true or false, got \(value)", hyperparameter: name)
    }

    /// A real number or `none` (returned as `nil`), `fallback` when absent.
    ///
    /// - Parameters:
    ///   - name: The hyperparameter name.
    ///   - fallback: The value when absent.
    ///   - rule: The allowed range in words.
    ///   - isValid: Whether a number is allowed.
    /// - Returns: The number, or `nil` for `none`.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for a value out of range or not a number.
    fileprivate func optionalNumber(
        _ name: String, default fallback: Double?, rule: String, _ isValid: (Double) -> Bool
    ) throws -> Double? {
        if case .null = given[name] { return nil }
        guard given[name] != nil else { return fallback }
        return try number(name, default: 0, rule: rule, isValid)
    }
}
