public import MLData

/// A fitted model with everything needed to use it on raw rows and to describe it: the kind and task,
/// the feature schema, the fitted preprocessing pipeline, the estimator, the hyperparameters used,
/// and the training metrics.
///
/// `predict` takes a frame with the original columns, so test rows and served requests go through
/// exactly the preprocessing learned on the training rows.
public struct TrainedModel: Sendable, Codable, Hashable {
    /// The kind of model.
    public private(set) var kind: ModelKind
    /// Classification (with its classes) or regression.
    public private(set) var task: ModelTask
    /// The target column's name.
    public private(set) var target: String
    /// The input columns, in order, with their training types and levels.
    public private(set) var features: [FeatureSchema]
    /// The preprocessing learned from the training rows.
    public private(set) var pipeline: FittedPipeline
    /// The fitted estimator.
    public private(set) var estimator: Estimator
    /// Every hyperparameter with the value used (defaults included), in the kind's order.
    public private(set) var hyperparameters: [Hyperparameter]
    /// The number of training rows used (after dropping rows with a missing target).
    public private(set) var trainingRows: Int
    /// The metrics on the training rows.
    public private(set) var trainingMetrics: Evaluation
    /// Remarks for the reader: dropped rows, convergence, suspicious columns.
    public private(set) var warnings: [String]

    /// Trains a model of `kind` on `frame`.
    ///
    /// The features are every column but the target. Rows whose target is missing are dropped
    /// (with a warning). Classes are the distinct target values of the training rows, sorted
    /// (numerically for integer targets, `false` before `true` for booleans).
    ///
    /// - Parameters:
    ///   - kind: The model kind.
    ///   - frame: The training rows.
    ///   - target: The target column (default: the frame's target).
    ///   - hyperparameters: Notebook hyperparameters by name, such as `["C": .number(0.5)]`.
    ///   - pipeline: The preprocessing (default: ``ModelKind/defaultPipeline``).
    /// - Returns: The trained model.
    /// - Throws: ``LearnError`` (`.unsupportedTarget` for no target or a target the kind cannot learn,
    ///   `.unknownHyperparameter` with the nearest name, `.invalidHyperparameter`, `.emptyTrainingData`,
    ///   `.notYetAvailable`); `DataError` `.unknownColumn` for an unknown target.
    public static func fit(
        _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
        pipeline: PipelineSpec? = nil
    ) throws -> TrainedModel {
        guard let targetName = target ?? frame.target else {
            throw LearnError(
                .unsupportedTarget,
                "\(kind.rawValue) needs a target: load the data with target: or pass target: to fit"
            )
        }
        // Unknown hyperparameter names fail before any work is done.
        _ = try HyperparameterReader(kind: kind, given: hyperparameters, known: kind.hyperparameterNames)
        let targetColumn = try frame.column(targetName)
        let kept = (0..<frame.rowCount).filter { !targetColumn.isMissing($0) }
        var warnings: [String] = []
        if kept.count < frame.rowCount {
            warnings.append("\(rowsText(frame.rowCount - kept.count)) with a missing '\(targetName)' dropped")
        }
        guard !kept.isEmpty else {
            throw LearnError(.emptyTrainingData, "no training rows have a value for '\(targetName)'")
        }
        let training = kept.count == frame.rowCount ? frame : frame.selecting(rows: kept)
        // Check the target before any expensive work.
        let labels = classLabels(of: try training.column(targetName))
        if kind.predictsClasses, labels == nil {
            throw LearnError(
                .unsupportedTarget,
                "\(kind.displayName) predicts classes, but '\(targetName)' is a \(targetColumn.type.rawValue) "
                    + "column; use a regression model, or cast it to category"
            )
        }
        let features = training.columnNames.filter { $0 != targetName }
        guard !features.isEmpty else {
            throw LearnError(.emptyTrainingData, "the frame has no feature columns besides '\(targetName)'")
        }
        let spec = pipeline ?? kind.defaultPipeline
        let fitted = try FittedPipeline.fit(spec, on: training, features: features)
        warnings += fitted.warnings
        let x = try fitted.transform(training)
        let schema = fitted.steps.map { step -> FeatureSchema in
            switch step.transform {
            case .numeric: FeatureSchema(name: step.name, type: step.inputType)
            case .oneHot(let levels, _), .ordinal(let levels, _):
                FeatureSchema(name: step.name, type: step.inputType, levels: levels)
            }
        }

        switch kind {
        case .logistic:
            guard let (classes, y) = labels else { preconditionFailure("classification target checked above") }
            let (model, used) = try LogisticRegression.fit(x, classes: y, classCount: classes.count, hyperparameters)
            if !model.converged {
                warnings.append(
                    "logistic regression did not converge after \(model.iterations) iterations "
                        + "(\(model.stopReason)); raise max_iter or check the scaling"
                )
            }
            let probabilities = model.predictProbabilities(x)
            let metrics = Evaluation.classification(truth: y, predicted: model.predict(x), probabilities: probabilities)
            return TrainedModel(
                kind: kind, task: .classification(classes: classes), target: targetName, features: schema,
                pipeline: fitted, estimator: .logistic(model), hyperparameters: used, trainingRows: kept.count,
                trainingMetrics: metrics, warnings: warnings
            )
        }
    }

    /// Predicts the rows of `frame`, which must hold the model's feature columns (the target may be absent).
    ///
    /// - Parameter frame: Raw rows, before any preprocessing.
    /// - Returns: One prediction per row: class indices and probabilities for classification.
    /// - Throws: `DataError` `.unknownColumn` for a missing feature column (nearest name suggested),
    ///   `.typeMismatch` when a numeric feature is no longer numeric.
    public func predict(_ frame: DataFrame) throws -> Prediction {
        let x = try pipeline.transform(frame)
        switch estimator {
        case .logistic(let model):
            return Prediction(
                classes: task.classes, classIndices: model.predict(x), probabilities: model.predictProbabilities(x))
        }
    }

    /// The value of the hyperparameter called `name`, or `nil`; this backs `lr.params.C`.
    public func hyperparameter(_ name: String) -> HyperValue? {
        hyperparameters.first { $0.name == name }?.value
    }

    /// A readable description for display: model, task, target, data, pipeline, hyperparameters,
    /// solver and training metrics, in that order.
    public var summary: [(String, String)] {
        var lines: [(String, String)] = [("model", kind.displayName)]
        switch task {
        case .classification(let classes):
            let names = classes.count <= 6 ? ": " + classes.joined(separator: ", ") : ""
            lines.append(("task", "classification, \(classes.count) classes\(names)"))
        case .regression:
            lines.append(("task", "regression"))
        }
        lines.append(("target", target))
        lines.append(("training rows", String(trainingRows)))
        lines.append(("features", "\(features.count) columns → \(pipeline.outputCount) inputs"))
        lines.append(("pipeline", pipeline.spec.summary))
        for parameter in hyperparameters { lines.append((parameter.name, parameter.value.description)) }
        switch estimator {
        case .logistic(let model):
            let state = model.converged ? "converged" : "did not converge"
            lines.append(("solver", "L-BFGS, \(model.iterations) iterations, \(state)"))
        }
        for metric in trainingMetrics.metrics { lines.append(("training \(metric.name)", formatNumber(metric.value))) }
        return lines
    }
}

/// The sorted classes of a target column and each row's class index.
///
/// Returns `nil` for a number or date column. Every row must be present.
func classLabels(of column: Column) -> (classes: [String], indices: [Int])? {
    let classes: [String]
    switch column.storage {
    case .number, .date:
        return nil
    case .integer(let values):
        classes = Set(values).sorted().map { String($0) }
    case .boolean(let values):
        classes = [false, true].filter(Set(values).contains).map { $0 ? "true" : "false" }
    case .category, .text:
        classes = Set((0..<column.count).compactMap { column.string(at: $0) }).sorted()
    }
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let indices = (0..<column.count).map { row in column.string(at: row).flatMap { index[$0] } ?? 0 }
    return (classes, indices)
}
