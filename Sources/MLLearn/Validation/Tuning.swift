public import MLData

/// How a hyperparameter search picks its candidates.
public enum SearchStrategy: Sendable, Hashable, Codable {
    /// Every combination of the listed values (scikit-learn's `GridSearchCV`).
    case grid
    /// `trials` random candidates (scikit-learn's `RandomizedSearchCV` with `n_iter=trials`).
    case random(trials: Int)
}

/// One candidate of a search with its cross-validated score.
public struct TuningCandidate: Sendable, Hashable, Codable {
    /// The searched hyperparameters' values, in the search's parameter order.
    public var parameters: [Hyperparameter]
    /// The metric on each fold, in fold order.
    public var scores: [Double]
    /// The mean over the folds (NaN when a fold's value is undefined).
    public var mean: Double
    /// The population standard deviation over the folds (`ddof=0`).
    public var standardDeviation: Double
    /// 1 for the best mean; tied means share the smaller rank, and undefined means rank last (scikit-learn's
    /// `rank_test_score`).
    public var rank: Int
}

/// The result of a hyperparameter search: every candidate's cross-validated score and the winner refitted on
/// all rows.
public struct TuningResult: Sendable, Hashable, Codable {
    /// The model kind.
    public var kind: ModelKind
    /// The target column.
    public var target: String
    /// The metric candidates are ranked by.
    public var metric: ValidationMetric
    /// How the candidates were chosen.
    public var strategy: SearchStrategy
    /// The number of cross-validation folds.
    public var folds: Int
    /// Every candidate, in the order tried.
    public var candidates: [TuningCandidate]
    /// The index of the winner in ``candidates``: the first candidate of rank 1.
    public var bestIndex: Int
    /// The winner refitted on every row with a target, with the fixed hyperparameters too.
    public var best: TrainedModel
    /// Remarks for the reader: a capped number of trials, small classes, models that did not converge.
    public var warnings: [String]

    /// The winning candidate.
    public var bestCandidate: TuningCandidate { candidates[bestIndex] }

    /// The table of every candidate: `candidate` (1-based), one column per searched hyperparameter (numbers when
    /// every value is a number, text otherwise), `mean <metric>`, `std <metric>` and `rank`.
    ///
    /// - Returns: One row per candidate, in the order tried.
    /// - Throws: `DataError` `.duplicateColumn` if a hyperparameter is called like a score column.
    public func table() throws -> DataFrame {
        var columns = [Column(name: "candidate", storage: .integer(candidates.indices.map { Int64($0 + 1) }))]
        for (index, parameter) in (candidates.first?.parameters ?? []).enumerated() {
            let values = candidates.map { $0.parameters[index].value }
            let numbers = values.map(\.doubleValue)
            if numbers.allSatisfy({ $0 != nil }) {
                columns.append(Column(name: parameter.name, numbers: numbers))
            } else {
                columns.append(Column(name: parameter.name, categories: values.map(\.description)))
            }
        }
        columns.append(Column(name: "mean \(metric.name)", numbers: candidates.map(\.mean)))
        columns.append(Column(name: "std \(metric.name)", numbers: candidates.map(\.standardDeviation)))
        columns.append(Column(name: "rank", storage: .integer(candidates.map { Int64($0.rank) })))
        return try DataFrame(columns: columns)
    }
}

/// The largest number of candidates a grid may have.
let gridCandidateLimit = 10_000

/// Searches hyperparameters by cross-validation and refits the winner on all rows, as scikit-learn's
/// `GridSearchCV` / `RandomizedSearchCV` with `refit=True`.
///
/// *Grid.* Every parameter must list its values (``HyperDistribution/choice(_:)``); the candidates are their
/// cartesian product in the order given, the last parameter varying fastest:
/// `{trees: [100, 200], depth: [4, none]}` gives (100, 4), (100, none), (200, 4), (200, none).
///
/// *Random.* Candidate `t` draws each parameter in order from `SeededGenerator(seed: seed).derived(t)`, so the
/// candidates depend only on the seed. When every parameter is a list, the candidates are instead `trials`
/// distinct grid points in a seeded random order (sampling without replacement, as scikit-learn), all of them
/// with a warning when the grid is smaller than `trials`.
///
/// Every candidate is cross-validated on the same seeded k-fold splits as
/// ``crossValidate(_:on:target:hyperparameters:pipeline:folds:metrics:seed:)``; all candidate–fold fits run
/// concurrently and the results do not depend on scheduling. Candidates are ranked by their mean (descending,
/// ascending for losses and errors); the winner is the first candidate of rank 1.
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - parameters: The searched hyperparameters, in order.
///   - strategy: Grid or random search.
///   - hyperparameters: Fixed hyperparameters used by every candidate (none may also be searched).
///   - pipeline: The preprocessing (default: the kind's).
///   - folds: The number of cross-validation folds (default 5).
///   - metric: The metric to rank by; `nil` for `accuracy` or `r2`.
///   - seed: The seed of the folds and of the random draws, also the model's seed when `seed:` is not a
///     hyperparameter.
/// - Returns: Every candidate's score and the refitted winner.
/// - Throws: ``LearnError`` `.invalidHyperparameter` for no parameters, a repeated or both fixed and searched
///   parameter, a distribution in a grid, an empty list, a grid over ``gridCandidateLimit`` candidates, fewer
///   than one trial, a bad fold count or an unknown metric; `.unknownHyperparameter` for a name the kind does
///   not have; and the errors of fitting (prefixed with the candidate and fold).
public func tune(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, parameters: [SearchParameter],
    strategy: SearchStrategy = .grid, hyperparameters: [String: HyperValue] = [:], pipeline: PipelineSpec? = nil,
    folds: Int = 5, metric: String? = nil, seed: UInt64 = 42
) throws -> TuningResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let rankedBy = try ValidationMetric.parse(metric.map { [$0] } ?? [], classification: setup.isClassification)[0]
    try checkSearch(kind, parameters: parameters, fixed: hyperparameters)
    let (candidates, searchWarnings) = try searchCandidates(parameters, strategy: strategy, seed: seed)
    let (splits, foldWarnings) = try setup.kFoldSplits(folds: folds, seed: seed)
    return try search(
        setup, candidates: candidates, strategy: strategy, fixed: hyperparameters, splits: splits, metric: rankedBy,
        notes: setup.missingTargetWarning + foldWarnings + searchWarnings)
}

/// Searches hyperparameters on caller-given splits (row indices of `frame`), such as folds exported from
/// scikit-learn; otherwise as ``tune(_:on:target:parameters:strategy:hyperparameters:pipeline:folds:metric:seed:)``.
///
/// - Parameters:
///   - kind: The model kind (supervised).
///   - frame: The rows.
///   - target: The target column (default: the frame's target).
///   - parameters: The searched hyperparameters, in order.
///   - strategy: Grid or random search.
///   - hyperparameters: Fixed hyperparameters used by every candidate.
///   - pipeline: The preprocessing (default: the kind's).
///   - splits: The training and held-out rows of each fold.
///   - metric: The metric to rank by; `nil` for `accuracy` or `r2`.
///   - seed: The seed of the random draws, also the model's seed when `seed:` is not a hyperparameter.
/// - Returns: Every candidate's score and the refitted winner.
/// - Throws: The errors of the other `tune`, and `.invalidHyperparameter` for bad splits.
public func tune(
    _ kind: ModelKind, on frame: DataFrame, target: String? = nil, parameters: [SearchParameter],
    strategy: SearchStrategy = .grid, hyperparameters: [String: HyperValue] = [:], pipeline: PipelineSpec? = nil,
    splits: [FoldSplit], metric: String? = nil, seed: UInt64 = 42
) throws -> TuningResult {
    let setup = try ValidationSetup(kind: kind, frame: frame, target: target, pipeline: pipeline, seed: seed)
    let rankedBy = try ValidationMetric.parse(metric.map { [$0] } ?? [], classification: setup.isClassification)[0]
    try checkSearch(kind, parameters: parameters, fixed: hyperparameters)
    let (candidates, searchWarnings) = try searchCandidates(parameters, strategy: strategy, seed: seed)
    return try search(
        setup, candidates: candidates, strategy: strategy, fixed: hyperparameters, splits: try setup.checked(splits),
        metric: rankedBy, notes: setup.missingTargetWarning + searchWarnings)
}

/// Cross-validates every candidate concurrently, ranks them and refits the winner.
private func search(
    _ setup: ValidationSetup, candidates: [[Hyperparameter]], strategy: SearchStrategy,
    fixed: [String: HyperValue], splits: [FoldSplit], metric rankedBy: ValidationMetric, notes: [String]
) throws -> TuningResult {
    var warnings = notes
    let settings = candidates.map { candidate in
        fixed.merging(candidate.map { ($0.name, $0.value) }) { _, searched in searched }
    }
    let outcomes = try ValidationSetup.run(candidates.count * splits.count) { job in
        let (candidate, fold) = job.quotientAndRemainder(dividingBy: splits.count)
        let context = "candidate \(candidate + 1) (\(describe(candidates[candidate]))), fold \(fold + 1)"
        return try withFoldContext(context) {
            try setup.fitAndScore(
                hyperparameters: settings[candidate], trainRows: splits[fold].train,
                scoreRows: [splits[fold].test], metrics: [rankedBy])
        }
    }
    var scored: [TuningCandidate] = []
    for (index, parameters) in candidates.enumerated() {
        let jobs = outcomes[(index * splits.count)..<((index + 1) * splits.count)]
        let scores = jobs.map { $0.scores[0][0] }
        for warning in jobs.flatMap(\.warnings) {
            appendWarningOnce("candidate \(index + 1) (\(describe(parameters))): \(warning)", to: &warnings)
        }
        let (mean, deviation) = foldMeanAndDeviation(scores)
        scored.append(
            TuningCandidate(parameters: parameters, scores: scores, mean: mean, standardDeviation: deviation, rank: 0))
    }
    let ranks = rankCandidates(scored.map(\.mean), higherIsBetter: rankedBy.higherIsBetter)
    for index in scored.indices { scored[index].rank = ranks[index] }
    let bestIndex = ranks.firstIndex(of: 1) ?? 0
    if scored[bestIndex].mean.isNaN {
        warnings.append("\(rankedBy.name) is undefined for every candidate; the first one is kept")
    }
    let best = try TrainedModel.fit(
        setup.kind, on: setup.frame, target: setup.target, hyperparameters: settings[bestIndex],
        pipeline: setup.pipeline, seed: setup.seed)
    return TuningResult(
        kind: setup.kind, target: setup.target, metric: rankedBy, strategy: strategy, folds: splits.count,
        candidates: scored, bestIndex: bestIndex, best: best, warnings: warnings)
}

/// Tunes a trained model's kind with its target, preprocessing and other hyperparameters held fixed.
///
/// - Parameters:
///   - model: The template; its hyperparameters that are not searched stay as they are.
///   - frame: The rows.
///   - parameters: The searched hyperparameters, in order.
///   - strategy: Grid or random search.
///   - folds: The number of cross-validation folds (default 5).
///   - metric: The metric to rank by; `nil` for `accuracy` or `r2`.
///   - seed: The seed of the folds and the draws.
/// - Returns: Every candidate's score and the refitted winner.
/// - Throws: The errors of ``tune(_:on:target:parameters:strategy:hyperparameters:pipeline:folds:metric:seed:)``.
public func tune(
    _ model: TrainedModel, on frame: DataFrame, parameters: [SearchParameter], strategy: SearchStrategy = .grid,
    folds: Int = 5, metric: String? = nil, seed: UInt64 = 42
) throws -> TuningResult {
    let searched = Set(parameters.map(\.name))
    return try tune(
        model.kind, on: frame, target: model.target, parameters: parameters, strategy: strategy,
        hyperparameters: model.hyperparameterSettings.filter { !searched.contains($0.key) },
        pipeline: model.pipeline.spec,
        folds: folds, metric: metric, seed: seed)
}

/// Checks the searched names: present, unique, known to the kind, not also fixed.
private func checkSearch(_ kind: ModelKind, parameters: [SearchParameter], fixed: [String: HyperValue]) throws {
    guard !parameters.isEmpty else {
        throw LearnError(.invalidHyperparameter, "a search needs at least one hyperparameter to vary")
    }
    var seen = Set<String>()
    for parameter in parameters {
        guard seen.insert(parameter.name).inserted else {
            throw LearnError(.invalidHyperparameter, "\(parameter.name) is searched twice")
        }
        guard fixed[parameter.name] == nil else {
            throw LearnError(
                .invalidHyperparameter, "\(parameter.name) is both fixed and searched; give it in one place only")
        }
    }
    let given = fixed.merging(parameters.map { ($0.name, HyperValue.null) }) { first, _ in first }
    _ = try HyperparameterReader(kind: kind, given: given, known: kind.hyperparameterNames)
}

/// The candidates of a search, each the searched parameters' values in order.
///
/// - Parameters:
///   - parameters: The searched hyperparameters.
///   - strategy: Grid or random search.
///   - seed: The seed of the random draws.
/// - Returns: The candidates and a warning when a random search over lists asked for more trials than the
///   lists have combinations.
/// - Throws: ``LearnError`` `.invalidHyperparameter` as described in
///   ``tune(_:on:target:parameters:strategy:hyperparameters:pipeline:folds:metric:seed:)``.
func searchCandidates(_ parameters: [SearchParameter], strategy: SearchStrategy, seed: UInt64) throws
    -> (candidates: [[Hyperparameter]], warnings: [String])
{
    let lists = parameters.map { $0.distribution.values }
    for (parameter, values) in zip(parameters, lists) where values?.isEmpty == true {
        throw LearnError(.invalidHyperparameter, "\(parameter.name) lists no values to try")
    }
    switch strategy {
    case .grid:
        let grid = try parameters.map { parameter -> [HyperValue] in
            guard let values = parameter.distribution.values else {
                throw LearnError(
                    .invalidHyperparameter,
                    "grid: needs a list of values for \(parameter.name), got \(parameter.distribution); "
                        + "use search: random for distributions")
            }
            return values
        }
        let count = try gridSize(grid)
        return ((0..<count).map { gridPoint($0, of: grid, names: parameters.map(\.name)) }, [])
    case .random(let trials):
        guard trials >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "trials must be a whole number ≥ 1, got \(trials)", hyperparameter: "trials")
        }
        var generator = SeededGenerator(seed: seed)
        if lists.allSatisfy({ $0 != nil }) {
            let grid = lists.map { $0 ?? [] }
            let count = try gridSize(grid)
            var warnings: [String] = []
            if count < trials {
                warnings.append(
                    "the lists have only \(count) combinations, fewer than trials: \(trials); each is tried once")
            }
            var order = Array(0..<count)
            order.seededShuffle(using: &generator)
            let chosen = order.prefix(min(trials, count))
            return (chosen.map { gridPoint($0, of: grid, names: parameters.map(\.name)) }, warnings)
        }
        let candidates = (0..<trials).map { trial in
            var stream = generator.derived(trial)
            return parameters.map { Hyperparameter(name: $0.name, value: $0.distribution.draw(using: &stream)) }
        }
        return (candidates, [])
    }
}

/// The number of combinations of `grid`, checked against ``gridCandidateLimit``.
private func gridSize(_ grid: [[HyperValue]]) throws -> Int {
    var count = 1
    for values in grid {
        count *= values.count
        guard count <= gridCandidateLimit else {
            throw LearnError(
                .invalidHyperparameter,
                "the grid has more than \(gridCandidateLimit) combinations; search fewer values or use search: random")
        }
    }
    return count
}

/// The combination at `index` in the cartesian product of `grid`, the last list varying fastest.
private func gridPoint(_ index: Int, of grid: [[HyperValue]], names: [String]) -> [Hyperparameter] {
    var rest = index
    var point = [Hyperparameter](repeating: Hyperparameter(name: "", value: .null), count: grid.count)
    for position in grid.indices.reversed() {
        let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: grid[position].count)
        point[position] = Hyperparameter(name: names[position], value: grid[position][remainder])
        rest = quotient
    }
    return point
}

/// Ranks means as scikit-learn's `rank_test_score`: 1 for the best, ties share the smaller rank (`method="min"`),
/// undefined means tie with one another below every defined one.
///
/// - Parameters:
///   - means: The candidates' means.
///   - higherIsBetter: Whether larger means are better.
/// - Returns: One rank per candidate.
func rankCandidates(_ means: [Double], higherIsBetter: Bool) -> [Int] {
    func better(_ a: Double, than b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return higherIsBetter ? a > b : a < b
    }
    return means.map { mean in 1 + means.reduce(0) { $0 + (better($1, than: mean) ? 1 : 0) } }
}

/// `C: 0.5, depth: none`.
private func describe(_ parameters: [Hyperparameter]) -> String {
    parameters.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
}
