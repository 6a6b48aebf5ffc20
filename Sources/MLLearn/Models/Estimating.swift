/// What an estimator learns from, after preprocessing.
public enum TrainingTarget: Sendable, Hashable {
    /// Class indices in `0..<count`; every class occurs at least once.
    case classes([Int], count: Int)
    /// A number per row (regression).
    case values([Double])
    /// No target (clustering, projection).
    case none

    /// The number of rows the target describes, or `nil` without a target.
    public var count: Int? {
        switch self {
        case .classes(let indices, _): indices.count
        case .values(let values): values.count
        case .none: nil
        }
    }
}

/// What a fitted estimator computes for the rows of a design matrix.
public enum EstimatorOutput: Sendable, Hashable {
    /// Class probabilities: one row per input row, one column per class; each row sums to 1.
    case probabilities(Matrix)
    /// A predicted number per row.
    case values([Double])
    /// A cluster index per row.
    case clusters([Int])
    /// New coordinates per row (a projection such as PCA).
    case projection(Matrix)
}

/// What an estimator knows of its input columns besides their values.
public struct InputSchema: Sendable, Hashable, Codable {
    /// The name of each input column, such as `bill_length_mm` or `island=Biscoe`.
    public var names: [String]
    /// The number of levels of each input column holding ordinal category codes, by column index.
    ///
    /// Codes are 0, 1, …, and −1 for a level unseen in training. Tree models and naive Bayes can treat them as categories.
    public var categoricalLevels: [Int: Int]

    /// Creates a schema.
    public init(names: [String], categoricalLevels: [Int: Int] = [:]) {
        self.names = names
        self.categoricalLevels = categoricalLevels
    }

    /// A schema of `count` numeric columns named `x0`, `x1`, … (for tests and benchmarks).
    public static func numeric(_ count: Int) -> InputSchema {
        InputSchema(names: (0..<count).map { "x\($0)" })
    }
}

/// A fitted estimator with the hyperparameters it used (defaults included) and remarks for the reader.
public struct EstimatorFit<Model: Sendable>: Sendable {
    /// The fitted estimator.
    public var model: Model
    /// Every hyperparameter with the value used, in the kind's display order.
    public var hyperparameters: [Hyperparameter]
    /// Remarks such as a convergence warning.
    public var warnings: [String]
    /// The model's output on its training rows, when fitting computed it on the way (boosting keeps the raw
    /// predictions of its training rows); `nil` when it has to be computed from the model.
    ///
    /// It must equal `output(for: x)` on the training inputs: it only saves the work.
    public var trainingOutput: EstimatorOutput?

    /// Creates a fit result.
    public init(
        model: Model, hyperparameters: [Hyperparameter], warnings: [String] = [], trainingOutput: EstimatorOutput? = nil
    ) {
        self.model = model
        self.hyperparameters = hyperparameters
        self.warnings = warnings
        self.trainingOutput = trainingOutput
    }
}

/// The number of training rows of each class, for classifiers that need every class present.
///
/// - Parameters:
///   - y: Class indices, each in `0..<classCount` (a programmer error otherwise).
///   - classCount: The number of classes.
/// - Returns: `classCount` counts, none zero.
/// - Throws: ``LearnError`` `.unsupportedTarget` naming the first class with no rows.
func classCounts(_ y: [Int], classCount: Int) throws -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in y {
        precondition(label >= 0 && label < classCount, "class index \(label) outside 0..<\(classCount)")
        counts[label] += 1
    }
    if let empty = counts.firstIndex(of: 0) {
        throw LearnError(.unsupportedTarget, "class \(empty) has no training rows")
    }
    return counts
}

/// One learning algorithm working on preprocessed inputs (a ``Matrix`` with a row per sample).
///
/// A kind implements this and is registered in `ModelKind+Registry.swift`; ``TrainedModel`` does the rest
/// (target checks, the preprocessing pipeline, training metrics, prediction on raw frames).
protocol Estimating: Sendable, Codable, Hashable {
    /// The notebook hyperparameter names in display order (`seed` included for randomized kinds).
    static var hyperparameterNames: [String] { get }

    /// Fits the estimator.
    ///
    /// - Parameters:
    ///   - x: The preprocessed inputs, one row per sample; no missing values.
    ///   - target: Class indices, numbers, or nothing; only targets the kind supports are passed.
    ///   - hyperparameters: The user's values, read with defaults and range checks.
    ///   - inputs: The input column names and which columns hold category codes.
    /// - Returns: The model, the hyperparameters used and any warnings.
    /// - Throws: ``LearnError`` for bad hyperparameters or data the algorithm cannot learn from.
    static func fit(_ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema)
        throws -> EstimatorFit<Self>

    /// Computes the output for `x`, which has the training input width.
    func output(for x: Matrix) -> EstimatorOutput

    /// Summary lines shown after the hyperparameters: solver, iterations, tree count and the like.
    var summaryLines: [(String, String)] { get }

    /// Whether `fit` scores the training rows for the model summary (default true).
    static var scoresTrainingRows: Bool { get }

    /// The number of clusters a clustering estimator has (some may end up empty); `nil` otherwise.
    var clusterCount: Int? { get }

    /// Metrics computed while fitting that the training data alone cannot give back.
    var trainingMetrics: [Metric] { get }
}

extension Estimating {
    /// Whether `fit` scores the training rows for the model summary.
    ///
    /// k-nearest neighbours does not: each training row would find itself among its neighbours (a flattering score), at a cost quadratic in the rows.
    static var scoresTrainingRows: Bool { true }
    /// The number of clusters a clustering estimator has (some may end up empty); `nil` otherwise.
    var clusterCount: Int? { nil }
    /// Metrics computed while fitting that the training data alone cannot give back, such as PCA's
    /// explained variance; empty by default.
    var trainingMetrics: [Metric] { [] }
}

extension Estimator {
    /// Whether the training rows are scored when fitting (see ``Estimating/scoresTrainingRows``).
    var scoresTrainingRows: Bool { type(of: base).scoresTrainingRows }

    /// The number of clusters of a clustering estimator.
    var clusterCount: Int? { base.clusterCount }
}
