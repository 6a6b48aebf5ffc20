public import MLData

/// The scores of one cross-validation fold.
public struct FoldScores: Sendable, Hashable, Codable {
    /// The number of rows the fold's model was trained on.
    public var trainingRows: Int
    /// The number of held-out rows it was scored on.
    public var heldOutRows: Int
    /// One value per metric, in the order of ``CrossValidationResult/metrics``; NaN where undefined.
    public var values: [Double]
}

/// The result of k-fold cross-validation: every fold's scores and their mean ± standard deviation.
public struct CrossValidationResult: Sendable, Hashable, Codable {
    /// The model kind.
    public var kind: ModelKind
    /// The target column.
    public var target: String
    /// The hyperparameters given (without the kind's defaults), sorted by name.
    public var hyperparameters: [Hyperparameter]
    /// The metrics, in display order.
    public var metrics: [ValidationMetric]
    /// Whether the folds are seeded stratified folds, keeping each class's share of rows (classification targets
    /// without caller-given splits).
    public var stratified: Bool
    /// The scores of each fold, in fold order.
    public var folds: [FoldScores]
    /// The mean over the folds of each metric; NaN when a fold's value is undefined.
    public var means: [Double]
    /// The population standard deviation (numpy's `scores.std()`, `ddof=0`) over the folds of each metric.
    public var standardDeviations: [Double]
    /// Remarks for the reader: rows without a target, small classes, fold models that did not converge.
    public var warnings: [String]

    /// The fold values of `metric`, in fold order, or `nil` when it was not computed.
    ///
    /// - Parameter metric: A metric.
    /// - Returns: One value per fold.
    public func scores(_ metric: ValidationMetric) -> [Double]? {
        guard let column = metrics.firstIndex(of: metric) else { return nil }
        return folds.map { $0.values[column] }
    }

    /// The mean and standard deviation of `metric`, or `nil` when it was not computed.
    ///
    /// - Parameter metric: A metric.
    /// - Returns: The mean over the folds and the population standard deviation.
    public func summary(_ metric: ValidationMetric) -> (mean: Double, standardDeviation: Double)? {
        guard let column = metrics.firstIndex(of: metric) else { return nil }
        return (means[column], standardDeviations[column])
    }

    /// The per-fold table: `fold` (1-based), `train rows`, `test rows`, then one column per metric.
    ///
    /// - Returns: One row per fold.
    /// - Throws: `DataError` only if a metric name clashes with the fixed columns (none does).
    public func foldTable() throws -> DataFrame {
        var columns = [
            Column(name: "fold", storage: .integer(folds.indices.map { Int64($0 + 1) })),
            Column(name: "train rows", storage: .integer(folds.map { Int64($0.trainingRows) })),
            Column(name: "test rows", storage: .integer(folds.map { Int64($0.heldOutRows) })),
        ]
        for (column, metric) in metrics.enumerated() {
            columns.append(Column(name: metric.name, numbers: folds.map { $0.values[column] }))
        }
        return try DataFrame(columns: columns)
    }

    /// The summary table: `metric`, `mean`, `std` (population), one row per metric.
    ///
    /// - Returns: One row per metric.
    /// - Throws: `DataError` never in practice (the column names are fixed).
    public func summaryTable() throws -> DataFrame {
        try DataFrame(columns: [
            Column(name: "metric", categories: metrics.map(\.name)),
            Column(name: "mean", numbers: means),
            Column(name: "std", numbers: standardDeviations),
        ])
    }
}

/// Cross-validates a model kind with seeded k-fold splits, as scikit-learn's `cross_validate` with a shuffled
/// `StratifiedKFold` (classification) or `KFold` (regression).
///
/// Rows whose target is missing are left out first (with a warning). The folds come from
/// ``stratifiedKFoldIndices(classes:folds:seed:)`` for a class target and ``kFoldIndices(n:folds:seed:)`` for a
/// number, on the remaining rows; each fold's model is trained on all other rows with the preprocessing
/// fitted on those rows only, then scored on the held-out fold. Folds are fitted concurrently; results are
/// in fold order and do not depend on scheduling. The standard deviation is the population one
/// (`ddof=0`), which is what scikit-learn users get from `scores.std()`.
///
/// A class with fewer rows than folds gives a warning (some folds hold none of it), as scikit-learn's
/// `StratifiedKFold` does; more folds than the rows of every class is an error, as there.
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - hyperparameters: Notebook hyperparameters by name.
///   - pipeline: The preprocessing (default: the kind's).
///   - folds: The number of folds, from 2 to the number of rows (default 5).
///   - metrics: Metric names (see ``ValidationMetric``); empty for `accuracy` or `r2`.
///   - seed: The seed of the fold assignment, also the model's seed when `seed:` is not a hyperparameter.
/// - Returns: The per-fold scores with their mean and standard deviation.
/// - Throws: ``LearnError`` `.invalidHyperparameter` for a bad fold count or an unknown metric (with the
///   nearest valid name), `.unknownHyperparameter`, and the errors of
///   ``TrainedModel/fit(_:on:target:hyperparameters:pipeline:seed:)`` (prefixed with the fold).
public func crossValidate(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
    pipeline: PipelineSpec? = nil, folds: Int = 5, metrics: [String] = [], seed: UInt64 = 42
) throws -> CrossValidationResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let parsed = try ValidationMetric.parse(metrics, classification: setup.isClassification)
    _ = try HyperparameterReader(kind: kind, given: hyperparameters, known: kind.hyperparameterNames)
    let (splits, warnings) = try setup.kFoldSplits(folds: folds, seed: seed)
    return try crossValidate(
        setup, hyperparameters: hyperparameters, splits: splits, metrics: parsed,
        stratified: setup.isClassification, notes: setup.missingTargetWarning + warnings)
}

/// Cross-validates with the kind, hyperparameters, preprocessing and target of a trained model.
///
/// - Parameters:
///   - model: The template; only its settings are used, not its fitted state.
///   - frame: The rows (the model's training rows, typically).
///   - folds: The number of folds (default 5).
///   - metrics: Metric names; empty for `accuracy` or `r2`.
///   - seed: The seed of the fold assignment.
/// - Returns: The per-fold scores with their mean and standard deviation.
/// - Throws: The errors of ``crossValidate(_:on:target:hyperparameters:pipeline:folds:metrics:seed:)``.
public func crossValidate(
    _ model: TrainedModel, on frame: DataFrame, folds: Int = 5, metrics: [String] = [], seed: UInt64 = 42
) throws -> CrossValidationResult {
    try crossValidate(
        model.kind, on: frame, target: model.target, hyperparameters: model.hyperparameterSettings,
        pipeline: model.pipeline.spec, folds: folds, metrics: metrics, seed: seed)
}

/// Cross-validates on caller-given splits (row indices of `frame`), such as folds exported from scikit-learn.
///
/// Rows whose target is missing are dropped from every split.
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - hyperparameters: Notebook hyperparameters by name.
///   - pipeline: The preprocessing (default: the kind's).
///   - splits: The training and held-out rows of each fold.
///   - metrics: Metric names; empty for `accuracy` or `r2`.
///   - seed: The model's seed when `seed:` is not a hyperparameter.
/// - Returns: The per-fold scores with their mean and standard deviation.
/// - Throws: ``LearnError`` `.invalidHyperparameter` for an index out of range, a repeated row or an empty
///   part, and the errors of the other `crossValidate`.
public func crossValidate(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
    pipeline: PipelineSpec? = nil, splits: [FoldSplit], metrics: [String] = [], seed: UInt64 = 42
) throws -> CrossValidationResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let parsed = try ValidationMetric.parse(metrics, classification: setup.isClassification)
    _ = try HyperparameterReader(kind: kind, given: hyperparameters, known: kind.hyperparameterNames)
    return try crossValidate(
        setup, hyperparameters: hyperparameters, splits: try setup.checked(splits), metrics: parsed,
        stratified: false, notes: setup.missingTargetWarning)
}

/// Fits and scores every split concurrently and gathers the result.
private func crossValidate(
    _ setup: ValidationSetup, hyperparameters: [String: HyperValue], splits: [FoldSplit],
    metrics: [ValidationMetric], stratified: Bool, notes: [String]
) throws -> CrossValidationResult {
    let outcomes = try ValidationSetup.run(splits.count) { fold in
        try withFoldContext("fold \(fold + 1)") {
            try setup.fitAndScore(
                hyperparameters: hyperparameters, trainRows: splits[fold].train, scoreRows: [splits[fold].test],
                metrics: metrics)
        }
    }
    var warnings = notes
    for (fold, outcome) in outcomes.enumerated() {
        for warning in outcome.warnings { appendWarningOnce("fold \(fold + 1): \(warning)", to: &warnings) }
    }
    let scores = outcomes.map { $0.scores[0] }
    for (column, metric) in metrics.enumerated() {
        let undefined = scores.indices.filter { scores[$0][column].isNaN }
        if !undefined.isEmpty {
            let list = undefined.map { String($0 + 1) }.joined(separator: ", ")
            let reason =
                [.auc, .averagePrecision].contains(metric) ? " (a class is missing from the held-out rows)" : ""
            warnings.append(
                "\(metric.name) is undefined in fold\(undefined.count == 1 ? "" : "s") \(list)\(reason), "
                    + "so its mean is too")
        }
    }
    let summaries = metrics.indices.map { column in foldMeanAndDeviation(scores.map { $0[column] }) }
    return CrossValidationResult(
        kind: setup.kind, target: setup.target,
        hyperparameters: hyperparameters.keys.sorted().compactMap { name in
            hyperparameters[name].map { Hyperparameter(name: name, value: $0) }
        },
        metrics: metrics, stratified: stratified,
        folds: zip(splits, scores).map {
            FoldScores(trainingRows: $0.0.train.count, heldOutRows: $0.0.test.count, values: $0.1)
        },
        means: summaries.map(\.mean), standardDeviations: summaries.map(\.standardDeviation), warnings: warnings)
}

extension ValidationSetup {
    /// A warning about rows left out for a missing target, if any.
    var missingTargetWarning: [String] {
        let missing = frame.rowCount - keptRows.count
        return missing > 0 ? ["\(rowsText(missing)) with a missing '\(target)' left out"] : []
    }
}

extension TrainedModel {
    /// The model's hyperparameters (defaults included) as notebook settings, to fit the same model again.
    var hyperparameterSettings: [String: HyperValue] {
        Dictionary(hyperparameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Runs `body`, prefixing the message of a ``LearnError`` it throws with `context`.
///
/// - Parameters:
///   - context: Where the work happened, such as `fold 3`.
///   - body: The work.
/// - Returns: What `body` returns.
/// - Throws: `body`'s error; a ``LearnError`` keeps its code and gets the context in its message.
func withFoldContext<T>(_ context: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch var error as LearnError {
        error.message = "\(context): \(error.message)"
        throw error
    }
}

/// Appends `warning` unless it is already there.
func appendWarningOnce(_ warning: String, to warnings: inout [String]) {
    if !warnings.contains(warning) { warnings.append(warning) }
}
