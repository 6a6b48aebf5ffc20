import MLData

/// What cross-validation, tuning and learning curves share: the rows, the target's task and classes, and
/// how to fit a model on some rows and score it on others.
struct ValidationSetup: Sendable {
    /// The target as the whole frame defines it.
    enum Labels: Sendable {
        /// Classes: the sorted class names and each row's class index (−1 where the target is missing).
        case classes(names: [String], indices: [Int])
        /// Numbers: each row's value (NaN where the target is missing).
        case values([Double])
    }

    /// The model kind.
    let kind: ModelKind
    /// Every row, including those with a missing target (they are never trained on or scored).
    let frame: DataFrame
    /// The target column's name.
    let target: String
    /// The preprocessing, `nil` for the kind's default.
    let pipeline: PipelineSpec?
    /// The seed randomized kinds use when `seed:` is not among the hyperparameters.
    let seed: UInt64
    /// The task and each row's label.
    let labels: Labels
    /// The rows whose target is present, ascending.
    let keptRows: [Int]

    /// Reads the target of `frame` and decides the task as ``TrainedModel/fit(_:on:target:hyperparameters:pipeline:seed:)``
    /// does on the whole frame.
    ///
    /// - Parameters:
    ///   - kind: The model kind; it must learn from a target.
    ///   - frame: The rows.
    ///   - target: The target column (default: the frame's target).
    ///   - pipeline: The preprocessing, `nil` for the kind's default.
    ///   - seed: The default seed of randomized kinds.
    /// - Throws: ``LearnError`` `.unsupportedTarget` for a kind without a target, no target, a target the kind
    ///   cannot learn or a single class; `.emptyTrainingData` when no row has a target; `DataError`
    ///   `.unknownColumn` for an unknown target.
    init(kind: ModelKind, frame: DataFrame, target: String?, pipeline: PipelineSpec?, seed: UInt64) throws {
        guard kind.learning.isSupervised else {
            throw LearnError(
                .unsupportedTarget,
                "\(kind.displayName) has no target to predict, so there is nothing to cross-validate")
        }
        guard let name = target ?? frame.target else {
            throw LearnError(
                .unsupportedTarget, "validating \(kind.rawValue) needs a target: load the data with target: or pass one"
            )
        }
        let column = try frame.column(name)
        let kept = (0..<frame.rowCount).filter { !column.isMissing($0) }
        guard !kept.isEmpty else {
            throw LearnError(.emptyTrainingData, "no rows have a value for '\(name)'")
        }
        let keptColumn = column.selecting(kept)
        self.kind = kind
        self.frame = frame
        self.target = name
        self.pipeline = pipeline
        self.seed = seed
        self.keptRows = kept
        if let classes = try TrainedModel.taskLabels(of: keptColumn, named: name, for: kind) {
            var indices = [Int](repeating: -1, count: frame.rowCount)
            for (position, row) in kept.enumerated() { indices[row] = classes.indices[position] }
            labels = .classes(names: classes.classes, indices: indices)
        } else {
            guard let values = column.doubles else { preconditionFailure("a non-numeric target is a class") }
            labels = .values(values)
        }
    }

    /// Whether the target is a class.
    var isClassification: Bool {
        if case .classes = labels { return true }
        return false
    }

    /// The class names, empty for a regression.
    var classNames: [String] {
        if case .classes(let names, _) = labels { return names }
        return []
    }

    /// The seeded k-fold splits of the rows with a target: stratified by class for classification
    /// (``stratifiedKFoldIndices(classes:folds:seed:)``), plain otherwise (``kFoldIndices(n:folds:seed:)``).
    ///
    /// - Parameters:
    ///   - folds: The number of folds, in `2...rows`.
    ///   - seed: The seed of the fold assignment.
    /// - Returns: The splits (training rows ascending) and a warning when a class has fewer rows than folds.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for a fold count out of range, or more folds than the
    ///   rows of every class (scikit-learn's `StratifiedKFold` refuses that too).
    func kFoldSplits(folds: Int, seed: UInt64) throws -> (splits: [FoldSplit], warnings: [String]) {
        let n = keptRows.count
        guard folds >= 2, folds <= n else {
            throw LearnError(
                .invalidHyperparameter,
                "folds must be a whole number from 2 to \(n) (the rows with a '\(target)'), got \(folds)")
        }
        var warnings: [String] = []
        let positions: [[Int]]
        switch labels {
        case .classes(let names, let indices):
            let classes = keptRows.map { indices[$0] }
            var counts = [Int](repeating: 0, count: names.count)
            for k in classes { counts[k] += 1 }
            let largest = counts.indices.max { counts[$0] < counts[$1] } ?? 0
            let smallest = counts.indices.min { counts[$0] < counts[$1] } ?? 0
            guard counts[largest] >= folds else {
                throw LearnError(
                    .invalidHyperparameter,
                    "folds: \(folds) is more than the rows of every class (the largest, '\(names[largest])', has "
                        + "\(counts[largest])); use at most \(counts[largest]) folds")
            }
            if counts[smallest] < folds {
                warnings.append(
                    "class '\(names[smallest])' has only \(rowsText(counts[smallest])), fewer than the \(folds) "
                        + "folds, so some folds hold none of it")
            }
            positions = stratifiedKFoldIndices(classes: classes, folds: folds, seed: seed)
        case .values:
            positions = kFoldIndices(n: n, folds: folds, seed: seed)
        }
        let heldOut = positions.map { fold in fold.map { keptRows[$0] } }
        return (FoldSplit.complementing(heldOut, rowCount: frame.rowCount).map(withoutMissingTargets), warnings)
    }

    /// The split without rows whose target is missing, after checking its indices.
    ///
    /// - Parameter split: A split given by the caller.
    /// - Returns: The split with only rows that have a target.
    func withoutMissingTargets(_ split: FoldSplit) -> FoldSplit {
        if keptRows.count == frame.rowCount { return split }
        return FoldSplit(train: split.train.filter(hasTarget), test: split.test.filter(hasTarget))
    }

    /// Whether `row` has a target value.
    private func hasTarget(_ row: Int) -> Bool {
        switch labels {
        case .classes(_, let indices): indices[row] >= 0
        case .values(let values): !values[row].isNaN
        }
    }

    /// Checks caller-given splits: indices in range, no repeats within a part, no empty part.
    ///
    /// - Parameter splits: The splits.
    /// - Returns: The splits without rows whose target is missing.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` naming the fold and the problem.
    func checked(_ splits: [FoldSplit]) throws -> [FoldSplit] {
        guard !splits.isEmpty else { throw LearnError(.invalidHyperparameter, "no folds were given") }
        return try splits.enumerated().map { index, split in
            for (part, rows) in [("training", split.train), ("held-out", split.test)] {
                if let bad = rows.first(where: { $0 < 0 || $0 >= frame.rowCount }) {
                    throw LearnError(
                        .invalidHyperparameter,
                        "fold \(index + 1): \(part) row \(bad) is outside the frame's \(frame.rowCount) rows")
                }
                guard Set(rows).count == rows.count else {
                    throw LearnError(.invalidHyperparameter, "fold \(index + 1): a \(part) row appears twice")
                }
            }
            let cleaned = withoutMissingTargets(split)
            guard !cleaned.train.isEmpty, !cleaned.test.isEmpty else {
                throw LearnError(
                    .invalidHyperparameter, "fold \(index + 1) has no training or no held-out rows with a target")
            }
            return cleaned
        }
    }

    /// Fits a model on `trainRows` and scores it on each set of `scoreRows`.
    ///
    /// Classification scores are computed over the classes of the whole frame: a class the fold's training
    /// rows lack gets probability 0 and is never predicted.
    ///
    /// - Parameters:
    ///   - hyperparameters: The model's hyperparameters.
    ///   - trainRows: The rows to train on (all with a target).
    ///   - scoreRows: The row sets to score, each with a target.
    ///   - metrics: The metrics to compute.
    /// - Returns: For each row set, one value per metric; and the model's warnings.
    /// - Throws: The errors of ``TrainedModel/fit(_:on:target:hyperparameters:pipeline:seed:)`` and
    ///   ``TrainedModel/predict(_:)``; ``LearnError`` `.unsupportedTarget` when the fold's rows would change
    ///   the task (an integer target near the class limit).
    func fitAndScore(
        hyperparameters: [String: HyperValue], trainRows: [Int], scoreRows: [[Int]], metrics: [ValidationMetric]
    ) throws -> (scores: [[Double]], warnings: [String]) {
        let model = try TrainedModel.fit(
            kind, on: frame.selecting(rows: trainRows), target: target, hyperparameters: hyperparameters,
            pipeline: pipeline, seed: seed)
        let scores = try scoreRows.map { rows in try score(model, on: rows, metrics: metrics) }
        return (scores, model.warnings)
    }

    /// Scores a fitted model on some rows.
    private func score(_ model: TrainedModel, on rows: [Int], metrics: [ValidationMetric]) throws -> [Double] {
        let prediction = try model.predict(frame.selecting(rows: rows))
        switch (labels, model.task) {
        case (.classes(let names, let indices), .classification(let modelClasses)):
            guard let modelProbabilities = prediction.probabilities else {
                throw LearnError(.unsupportedTarget, "the model gives no class probabilities")
            }
            let global = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            let mapping = modelClasses.map { global[$0] ?? 0 }
            var probabilities = Matrix(rows: rows.count, columns: names.count)
            for i in 0..<rows.count {
                for (j, k) in mapping.enumerated() { probabilities[i, k] = modelProbabilities[i, j] }
            }
            let truth = rows.map { indices[$0] }
            let predicted = prediction.classIndices.map { mapping[$0] }
            let needsClassScores = metrics.contains { [.precision, .recall, .f1].contains($0) || $0.isWeighted }
            let classScores =
                needsClassScores ? ClassScores(truth: truth, predicted: predicted, classCount: names.count) : nil
            return metrics.map {
                $0.score(truth: truth, predicted: predicted, probabilities: probabilities, scores: classScores)
            }
        case (.values(let values), .regression):
            let truth = rows.map { values[$0] }
            return metrics.map { $0.score(truth: truth, predicted: prediction.values) }
        default:
            throw LearnError(
                .unsupportedTarget,
                "'\(target)' is \(isClassification ? "a class" : "a number") in the whole frame but not in a fold's "
                    + "training rows; cast it to category or number first")
        }
    }

    /// Runs `count` independent jobs concurrently and returns their results in job order, or throws the error of
    /// the first job (in job order) that failed.
    ///
    /// The jobs run through MLData's `Parallel`, so `SWIFTML_THREADS` limits the threads.
    ///
    /// - Parameters:
    ///   - count: The number of jobs.
    ///   - job: The work of one job; it must only read shared state.
    /// - Returns: The results, in job order.
    /// - Throws: The first failing job's error.
    static func run<T: Sendable>(_ count: Int, _ job: @Sendable (Int) throws -> T) throws -> [T] {
        let results = Parallel.map(count) { index in Result { try job(index) } }
        return try results.map { try $0.get() }
    }
}

extension ValidationMetric {
    /// Whether the metric is a support-weighted average.
    var isWeighted: Bool { [.precisionWeighted, .recallWeighted, .f1Weighted].contains(self) }
}
