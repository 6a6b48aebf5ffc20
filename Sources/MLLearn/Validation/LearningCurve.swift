public import MLData

/// Training and validation scores by training-set size, as scikit-learn's `learning_curve`.
public struct LearningCurveResult: Sendable, Hashable, Codable {
    /// The model kind.
    public var kind: ModelKind
    /// The target column.
    public var target: String
    /// The metric scored.
    public var metric: ValidationMetric
    /// The numbers of training rows, ascending and distinct.
    public var trainSizes: [Int]
    /// The score on the training rows used, by size then fold.
    public var trainScores: [[Double]]
    /// The score on the fold's held-out rows, by size then fold.
    public var validationScores: [[Double]]
    /// The mean training score per size.
    public var trainMeans: [Double]
    /// The population standard deviation (`ddof=0`) of the training score per size.
    public var trainStandardDeviations: [Double]
    /// The mean validation score per size.
    public var validationMeans: [Double]
    /// The population standard deviation (`ddof=0`) of the validation score per size.
    public var validationStandardDeviations: [Double]
    /// Remarks for the reader: merged sizes, small classes, models that did not converge.
    public var warnings: [String]

    /// The table: `train rows`, `train mean`, `train std`, `validation mean`, `validation std`, one row per size.
    ///
    /// - Returns: One row per training size.
    /// - Throws: `DataError` never in practice (the column names are fixed).
    public func table() throws -> DataFrame {
        try DataFrame(columns: [
            Column(name: "train rows", storage: .integer(trainSizes.map { Int64($0) })),
            Column(name: "train mean", numbers: trainMeans),
            Column(name: "train std", numbers: trainStandardDeviations),
            Column(name: "validation mean", numbers: validationMeans),
            Column(name: "validation std", numbers: validationStandardDeviations),
        ])
    }
}

/// The default training sizes: `numpy.linspace(0.1, 1.0, 5)` of the training part of a fold.
public let defaultLearningCurveSizes = [0.1, 0.325, 0.55, 0.775, 1.0]

/// Computes a learning curve with seeded k-fold splits, as scikit-learn's
/// `learning_curve(estimator, X, y, train_sizes=…, cv=StratifiedKFold(folds, shuffle=True), shuffle=True)`.
///
/// The folds are those of ``crossValidate(_:on:target:hyperparameters:pipeline:folds:metrics:seed:)``. Each fold's
/// training rows are shuffled with `SeededGenerator(seed: seed).derived(fold)` (so small sizes are not the
/// first rows of a sorted file), and a size of *n* trains on the first *n* of them; every model is scored on
/// those *n* rows and on the fold's held-out rows. All fold–size fits run concurrently.
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - hyperparameters: Notebook hyperparameters by name.
///   - pipeline: The preprocessing (default: the kind's).
///   - trainSizes: Fractions in (0, 1] of the first fold's training rows (default
///     ``defaultLearningCurveSizes``); each becomes ⌊fraction · rows⌋ (at least 1) and repeats are merged.
///   - folds: The number of folds (default 5).
///   - metric: The metric; `nil` for `accuracy` or `r2`.
///   - seed: The seed of the folds and shuffles, also the model's seed when `seed:` is not a hyperparameter.
/// - Returns: Training and validation scores by size.
/// - Throws: ``LearnError`` `.invalidHyperparameter` for a fraction outside (0, 1], a bad fold count or an unknown
///   metric; the errors of fitting (prefixed with the fold and size), such as a subset with a single class.
public func learningCurve(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
    pipeline: PipelineSpec? = nil, trainSizes: [Double] = defaultLearningCurveSizes, folds: Int = 5,
    metric: String? = nil, seed: UInt64 = 42
) throws -> LearningCurveResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let parsed = try ValidationMetric.parse(metric.map { [$0] } ?? [], classification: setup.isClassification)[0]
    _ = try HyperparameterReader(kind: kind, given: hyperparameters, known: kind.hyperparameterNames)
    let (splits, warnings) = try setup.kFoldSplits(folds: folds, seed: seed)
    let base = SeededGenerator(seed: seed)
    let shuffled = splits.enumerated().map { fold, split in
        var generator = base.derived(fold)
        var train = split.train
        train.seededShuffle(using: &generator)
        return FoldSplit(train: train, test: split.test)
    }
    return try learningCurve(
        setup, hyperparameters: hyperparameters, splits: shuffled, trainSizes: trainSizes, metric: parsed,
        notes: setup.missingTargetWarning + warnings)
}

/// Computes a learning curve with the kind, hyperparameters, preprocessing and target of a trained model.
///
/// - Parameters:
///   - model: The template; only its settings are used.
///   - frame: The rows.
///   - trainSizes: Fractions in (0, 1] of a fold's training rows.
///   - folds: The number of folds (default 5).
///   - metric: The metric; `nil` for `accuracy` or `r2`.
///   - seed: The seed of the folds and shuffles.
/// - Returns: Training and validation scores by size.
/// - Throws: The errors of ``learningCurve(_:on:target:hyperparameters:pipeline:trainSizes:folds:metric:seed:)``.
public func learningCurve(
    _ model: TrainedModel, on frame: DataFrame, trainSizes: [Double] = defaultLearningCurveSizes, folds: Int = 5,
    metric: String? = nil, seed: UInt64 = 42
) throws -> LearningCurveResult {
    try learningCurve(
        model.kind, on: frame, target: model.target, hyperparameters: model.hyperparameterSettings,
        pipeline: model.pipeline.spec,
        trainSizes: trainSizes, folds: folds, metric: metric, seed: seed)
}

/// Computes a learning curve on caller-given splits: a size of *n* trains on the first *n* rows of a split's
/// `train`, in the order given (scikit-learn's `learning_curve` with `shuffle=False` and `cv` = these splits).
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - hyperparameters: Notebook hyperparameters by name.
///   - pipeline: The preprocessing (default: the kind's).
///   - splits: The training rows (in prefix order) and held-out rows of each fold.
///   - trainSizes: Fractions in (0, 1] of the first split's training rows.
///   - metric: The metric; `nil` for `accuracy` or `r2`.
///   - seed: The model's seed when `seed:` is not a hyperparameter.
/// - Returns: Training and validation scores by size.
/// - Throws: The errors of the other `learningCurve`, and `.invalidHyperparameter` for bad splits.
public func learningCurve(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, hyperparameters: [String: HyperValue] = [:],
    pipeline: PipelineSpec? = nil, splits: [FoldSplit], trainSizes: [Double] = defaultLearningCurveSizes,
    metric: String? = nil, seed: UInt64 = 42
) throws -> LearningCurveResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let parsed = try ValidationMetric.parse(metric.map { [$0] } ?? [], classification: setup.isClassification)[0]
    _ = try HyperparameterReader(kind: kind, given: hyperparameters, known: kind.hyperparameterNames)
    return try learningCurve(
        setup, hyperparameters: hyperparameters, splits: try setup.checked(splits), trainSizes: trainSizes,
        metric: parsed, notes: setup.missingTargetWarning)
}

/// The absolute training sizes of scikit-learn's `_translate_train_sizes`: ⌊fraction · rows⌋ clipped to
/// `1...rows`, sorted, repeats merged.
///
/// - Parameters:
///   - fractions: Fractions in (0, 1].
///   - rows: The training rows of the first fold.
/// - Returns: The sizes and a warning when repeats were merged.
/// - Throws: ``LearnError`` `.invalidHyperparameter` for no fractions or one outside (0, 1].
func learningCurveSizes(_ fractions: [Double], rows: Int) throws -> (sizes: [Int], warnings: [String]) {
    guard !fractions.isEmpty else {
        throw LearnError(
            .invalidHyperparameter, "sizes must list at least one fraction of the training rows",
            hyperparameter: "sizes")
    }
    if let bad = fractions.first(where: { !($0 > 0 && $0 <= 1) }) {
        throw LearnError(
            .invalidHyperparameter,
            "sizes must be fractions of the training rows in (0, 1], got \(formatNumber(bad))")
    }
    let sizes = Set(fractions.map { min(max(Int(($0 * Double(rows)).rounded(.towardZero)), 1), rows) }).sorted()
    var warnings: [String] = []
    if sizes.count < fractions.count {
        warnings.append(
            "some training sizes round to the same number of rows; \(sizes.count) sizes remain of \(fractions.count)")
    }
    return (sizes, warnings)
}

/// Fits every fold at every size concurrently and gathers the curve.
private func learningCurve(
    _ setup: ValidationSetup, hyperparameters: [String: HyperValue], splits: [FoldSplit], trainSizes: [Double],
    metric: ValidationMetric, notes: [String]
) throws -> LearningCurveResult {
    let (sizes, sizeWarnings) = try learningCurveSizes(trainSizes, rows: splits[0].train.count)
    let outcomes = try ValidationSetup.run(sizes.count * splits.count) { job in
        let (size, fold) = job.quotientAndRemainder(dividingBy: splits.count)
        let rows = Array(splits[fold].train.prefix(sizes[size]))
        return try withFoldContext("fold \(fold + 1), \(rowsText(rows.count)) of training") {
            try setup.fitAndScore(
                hyperparameters: hyperparameters, trainRows: rows, scoreRows: [rows, splits[fold].test],
                metrics: [metric])
        }
    }
    var warnings = notes + sizeWarnings
    for (job, outcome) in outcomes.enumerated() {
        let (size, fold) = job.quotientAndRemainder(dividingBy: splits.count)
        for warning in outcome.warnings {
            appendWarningOnce("fold \(fold + 1), \(rowsText(sizes[size])): \(warning)", to: &warnings)
        }
    }
    let train = sizes.indices.map { size in
        (0..<splits.count).map { outcomes[size * splits.count + $0].scores[0][0] }
    }
    let validation = sizes.indices.map { size in
        (0..<splits.count).map { outcomes[size * splits.count + $0].scores[1][0] }
    }
    let trainSummary = train.map(foldMeanAndDeviation)
    let validationSummary = validation.map(foldMeanAndDeviation)
    return LearningCurveResult(
        kind: setup.kind, target: setup.target, metric: metric, trainSizes: sizes, trainScores: train,
        validationScores: validation, trainMeans: trainSummary.map(\.mean),
        trainStandardDeviations: trainSummary.map(\.standardDeviation),
        validationMeans: validationSummary.map(\.mean),
        validationStandardDeviations: validationSummary.map(\.standardDeviation), warnings: warnings)
}
