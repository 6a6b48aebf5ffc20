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
    /// For supervised kinds the features are every column but the target, and rows whose target is
    /// missing are dropped (with a warning). The task follows the target: a category, text or boolean
    /// target gives classification, a number target regression, and an integer target classification
    /// when it has at most ``integerClassLimit`` distinct values (regression otherwise; `cast` decides
    /// when that rule guesses wrong). Classes are the distinct target values of the training rows, sorted
    /// (numerically for integer targets, `false` before `true` for booleans). Clustering and projection
    /// kinds use every column except the frame's target, if it has one.
    ///
    /// - Parameters:
    ///   - kind: The model kind.
    ///   - frame: The training rows.
    ///   - target: The target column (default: the frame's target).
    ///   - hyperparameters: Notebook hyperparameters by name, such as `["C": .number(0.5)]`.
    ///   - pipeline: The preprocessing (default: ``ModelKind/defaultPipeline``).
    ///   - seed: The seed of randomized kinds when `seed:` is not among the hyperparameters.
    /// - Returns: The trained model.
    /// - Throws: ``LearnError`` (`.unsupportedTarget` for no target or a target the kind cannot learn,
    ///   `.unknownHyperparameter` with the nearest name, `.invalidHyperparameter`, `.emptyTrainingData`,
    ///   `.notYetAvailable`); `DataError` `.unknownColumn` for an unknown target.
    public static func fit(
        _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
        pipeline: PipelineSpec? = nil, seed: UInt64 = 42
    ) throws -> TrainedModel {
        // Unknown hyperparameter names fail before any work is done.
        let reader = try HyperparameterReader(
            kind: kind, given: hyperparameters, known: kind.hyperparameterNames, defaultSeed: seed)
        var warnings: [String] = []
        let training: DataFrame
        let targetName: String
        var labels: (classes: [String], indices: [Int])?
        if kind.learning.isSupervised {
            guard let name = target ?? frame.target else {
                throw LearnError(
                    .unsupportedTarget,
                    "\(kind.rawValue) needs a target: load the data with target: or pass target: to fit"
                )
            }
            targetName = name
            let targetColumn = try frame.column(name)
            let kept = (0..<frame.rowCount).filter { !targetColumn.isMissing($0) }
            if kept.count < frame.rowCount {
                warnings.append("\(rowsText(frame.rowCount - kept.count)) with a missing '\(name)' dropped")
            }
            guard !kept.isEmpty else {
                throw LearnError(.emptyTrainingData, "no training rows have a value for '\(name)'")
            }
            training = kept.count == frame.rowCount ? frame : frame.selecting(rows: kept)
            let column = try training.column(name)
            labels = try taskLabels(of: column, named: name, for: kind)
        } else {
            targetName = target ?? frame.target ?? ""
            training = frame
            guard frame.rowCount > 0 else {
                throw LearnError(.emptyTrainingData, "\(kind.displayName) needs rows to learn from")
            }
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
        let trainingTarget: TrainingTarget
        if let labels {
            trainingTarget = .classes(labels.indices, count: labels.classes.count)
        } else if kind.learning.isSupervised {
            guard let values = try training.column(targetName).doubles else {
                preconditionFailure("a non-numeric target is classified above")
            }
            trainingTarget = .values(values)
        } else {
            trainingTarget = .none
        }
        let fit = try kind.fitEstimator(x, target: trainingTarget, hyperparameters: reader, inputs: fitted.inputSchema)
        warnings += fit.warnings
        let task: ModelTask
        var metrics: Evaluation
        if !fit.model.scoresTrainingRows {
            // Only supervised kinds opt out (k-nearest neighbours), so the task follows the target.
            task = labels.map { .classification(classes: $0.classes) } ?? .regression
            metrics = Evaluation(metrics: [], rowCount: x.rows)
        } else {
            switch fit.trainingOutput ?? fit.model.output(for: x) {
            case .probabilities(let probabilities):
                guard let labels else { preconditionFailure("class probabilities come from a classification target") }
                task = .classification(classes: labels.classes)
                let predicted = probabilities.rowArgmaxes()
                metrics = Evaluation.classification(
                    truth: labels.indices, predicted: predicted, probabilities: probabilities)
            case .values(let predicted):
                guard case .values(let truth) = trainingTarget else { preconditionFailure("regression needs values") }
                task = .regression
                metrics = Evaluation.regression(truth: truth, predicted: predicted)
            case .clusters(let assignments):
                let count = (assignments.max() ?? -1) + 1
                task = .clustering(clusters: fit.model.clusterCount ?? count)
                metrics = Evaluation.clustering(x, assignments: assignments)
            case .projection(let coordinates):
                task = .projection(components: coordinates.columns)
                metrics = Evaluation(metrics: fit.model.base.trainingMetrics, rowCount: x.rows)
            }
        }
        if kind.learning.isSupervised {
            // Scores only the estimator knows, such as a forest's out-of-bag accuracy.
            metrics.metrics += fit.model.base.trainingMetrics
        }
        return TrainedModel(
            kind: kind, task: task, target: targetName, features: schema, pipeline: fitted,
            estimator: fit.model, hyperparameters: fit.hyperparameters, trainingRows: training.rowCount,
            trainingMetrics: metrics, warnings: warnings
        )
    }

    /// An integer target with at most this many distinct values is a classification target for kinds
    /// that learn both classes and numbers.
    public static let integerClassLimit = 20

    /// The classes of a supervised target, or `nil` for regression; throws when `kind` cannot learn it.
    ///
    /// This is the one rule for the task of a target, used by `fit` and by cross-validation and tuning.
    static func taskLabels(of column: Column, named name: String, for kind: ModelKind) throws
        -> (classes: [String], indices: [Int])?
    {
        let labels = classLabels(of: column)
        switch kind.learning {
        case .classification:
            guard let labels else {
                throw LearnError(
                    .unsupportedTarget,
                    "\(kind.displayName) predicts classes, but '\(name)' is a \(column.type.rawValue) "
                        + "column; use a regression model, or cast it to category"
                )
            }
            try checkClassCount(labels.classes, name: name)
            return labels
        case .regression:
            guard column.doubles != nil, column.type != .boolean else {
                throw LearnError(
                    .unsupportedTarget,
                    "\(kind.displayName) predicts numbers, but '\(name)' is a \(column.type.rawValue) column; "
                        + "use logistic (or another classifier) for classes"
                )
            }
            return nil
        case .classificationOrRegression:
            switch column.type {
            case .number, .date: return nil
            case .integer where (labels?.classes.count ?? 0) > integerClassLimit: return nil
            default:
                guard let labels else { return nil }
                try checkClassCount(labels.classes, name: name)
                return labels
            }
        case .clustering, .projection:
            return nil
        }
    }

    private static func checkClassCount(_ classes: [String], name: String) throws {
        guard classes.count >= 2 else {
            throw LearnError(
                .unsupportedTarget,
                "'\(name)' has a single class (\(classes.first.map { "'\($0)'" } ?? "none")) in the training rows; "
                    + "a classifier needs at least two"
            )
        }
    }

    /// Predicts the rows of `frame`, which must hold the model's feature columns (the target may be absent).
    ///
    /// - Parameter frame: Raw rows, before any preprocessing.
    /// - Returns: One prediction per row: class indices and probabilities for classification, values for
    ///   regression, cluster indices for clustering, coordinates for a projection.
    /// - Throws: `DataError` `.unknownColumn` for a missing feature column (nearest name suggested),
    ///   `.typeMismatch` when a numeric feature is no longer numeric.
    public func predict(_ frame: DataFrame) throws -> Prediction {
        let x = try pipeline.transform(frame)
        switch estimator.output(for: x) {
        case .probabilities(let probabilities):
            let indices = probabilities.rowArgmaxes()
            return Prediction(classes: task.classes, classIndices: indices, probabilities: probabilities)
        case .values(let values):
            return Prediction(values: values)
        case .clusters(let clusters):
            return Prediction(clusters: clusters)
        case .projection(let coordinates):
            return Prediction(projection: coordinates)
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
        case .clustering(let clusters):
            lines.append(("task", "clustering into \(clusters) groups"))
        case .projection(let components):
            lines.append(("task", "projection onto \(components) components"))
        }
        if !target.isEmpty { lines.append(("target", target)) }
        lines.append(("training rows", String(trainingRows)))
        lines.append(("features", "\(features.count) columns → \(pipeline.outputCount) inputs"))
        lines.append(("pipeline", pipeline.spec.summary))
        for parameter in hyperparameters { lines.append((parameter.name, parameter.value.description)) }
        lines += estimator.base.summaryLines
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
        // Integers map to their class without being formatted row by row.
        let sorted = Set(values).sorted()
        let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        let indices = values.indices.map { row in column.isMissing(row) ? 0 : position[values[row]] ?? 0 }
        return (sorted.map { String($0) }, indices)
    case .boolean(let values):
        classes = [false, true].filter(Set(values).contains).map { $0 ? "true" : "false" }
    case .category, .text:
        classes = Set((0..<column.count).compactMap { column.string(at: $0) }).sorted()
    }
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let indices = (0..<column.count).map { row in column.string(at: row).flatMap { index[$0] } ?? 0 }
    return (classes, indices)
}
