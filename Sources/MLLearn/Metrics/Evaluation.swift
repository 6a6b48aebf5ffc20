public import MLData

/// One named metric value.
public struct Metric: Sendable, Hashable, Codable {
    /// The metric's notebook name, such as `accuracy`, `auc` or `rmse`.
    public var name: String
    /// The value, NaN when undefined (ROC-AUC with one class); encoded as `null` when NaN.
    public var value: Double

    /// Creates a named value.
    ///
    /// - Parameters:
    ///   - name: The metric's name.
    ///   - value: The value (NaN when undefined).
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case name, value }

    /// Decodes a metric; a `null` value becomes NaN.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` for a malformed entry.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decodeIfPresent(Double.self, forKey: .value) ?? .nan
    }

    /// Encodes a metric; NaN becomes `null` so plain JSON can hold it.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if value.isNaN { try container.encodeNil(forKey: .value) } else { try container.encode(value, forKey: .value) }
    }
}

/// The metrics of a model on one data set, in a fixed order.
///
/// Classification: `accuracy`, `precision`, `recall`, `f1` (macro averages), `auc`, `log_loss`, and for two
/// classes `balanced_accuracy` and `average_precision`.
/// Regression: `mae`, `rmse`, `r2`.
public struct Evaluation: Sendable, Hashable, Codable {
    /// The metrics, in display order.
    public var metrics: [Metric]
    /// The number of rows scored.
    public var rowCount: Int
    /// The confusion matrix (classification only).
    public var confusion: ConfusionMatrix?
    /// Remarks such as rows left out for a missing target, or an undefined AUC.
    public var warnings: [String]

    /// Creates an evaluation.
    ///
    /// - Parameters:
    ///   - metrics: The metrics, in display order.
    ///   - rowCount: The number of rows scored.
    ///   - confusion: The confusion matrix, for classification.
    ///   - warnings: Remarks for the reader.
    public init(metrics: [Metric], rowCount: Int, confusion: ConfusionMatrix? = nil, warnings: [String] = []) {
        self.metrics = metrics
        self.rowCount = rowCount
        self.confusion = confusion
        self.warnings = warnings
    }

    /// The value of the metric called `name`, or `nil` when there is none.
    public subscript(name: String) -> Double? { metrics.first { $0.name == name }?.value }

    /// Scores class predictions.
    ///
    /// Two-class problems also get `balanced_accuracy` and `average_precision` (of the second class), after
    /// the six common metrics.
    ///
    /// - Parameters:
    ///   - truth: The true class indices.
    ///   - predicted: The predicted class indices.
    ///   - probabilities: The class probabilities (one column per class).
    /// - Returns: accuracy, precision, recall, f1, auc, log_loss (then balanced_accuracy and
    ///   average_precision for two classes) and the confusion matrix.
    public static func classification(truth: [Int], predicted: [Int], probabilities: Matrix) -> Evaluation {
        let classCount = probabilities.columns
        let (precision, recall, f1) = macroPrecisionRecallF1(
            truth: truth, predicted: predicted, classCount: classCount
        )
        // Two classes: one sort of the scores gives both the ROC area and the average precision.
        let binaryCounts =
            classCount == 2
            ? ThresholdCounts(positives: truth.map { $0 == 1 }, scores: probabilities.column(1)) : nil
        let auc = binaryCounts?.rocArea ?? rocAUC(truth: truth, probabilities: probabilities)
        var warnings: [String] = []
        if auc.isNaN, !truth.isEmpty {
            let present = Set(truth).count
            if present < 2 {
                warnings.append("ROC-AUC is undefined: only one class occurs in the data")
            } else {
                let absent = classCount - present
                warnings.append(
                    "ROC-AUC is undefined: \(absent) of the \(classCount) classes \(absent == 1 ? "does" : "do") "
                        + "not occur in the data")
            }
        }
        var metrics = [
            Metric(name: "accuracy", value: accuracyScore(truth: truth, predicted: predicted)),
            Metric(name: "precision", value: precision),
            Metric(name: "recall", value: recall),
            Metric(name: "f1", value: f1),
            Metric(name: "auc", value: auc),
            Metric(name: "log_loss", value: logLoss(truth: truth, probabilities: probabilities)),
        ]
        if classCount == 2 {
            metrics.append(
                Metric(
                    name: "balanced_accuracy",
                    value: balancedAccuracyScore(truth: truth, predicted: predicted, classCount: classCount)))
            metrics.append(
                Metric(
                    name: "average_precision",
                    value: binaryCounts.map { PrecisionRecallCurve(counts: $0).averagePrecision }
                        ?? averagePrecision(truth: truth, probabilities: probabilities)))
        }
        return Evaluation(
            metrics: metrics,
            rowCount: truth.count,
            confusion: ConfusionMatrix(truth: truth, predicted: predicted, classCount: classCount),
            warnings: warnings
        )
    }

    /// The metrics a classification's confusion matrix adds to ``metrics``, for inline values and
    /// `evaluate … metrics:`.
    ///
    /// They are `balanced_accuracy` (when ``metrics`` lacks it), the support-weighted `precision_weighted`,
    /// `recall_weighted` and `f1_weighted`, and per class `precision.CLASS`, `recall.CLASS`, `f1.CLASS` and
    /// `support.CLASS`, as scikit-learn's `classification_report`. Without a confusion matrix there are none.
    ///
    /// - Parameter classes: The class names, in index order.
    /// - Returns: The metrics, in that order.
    public func detailedMetrics(classes: [String]) -> [Metric] {
        guard let confusion, confusion.classCount == classes.count else { return [] }
        let scores = ClassScores(confusion)
        var detailed: [Metric] = []
        if self["balanced_accuracy"] == nil {
            detailed.append(Metric(name: "balanced_accuracy", value: scores.balancedAccuracy))
        }
        detailed += [
            Metric(name: "precision_weighted", value: scores.weightedPrecision),
            Metric(name: "recall_weighted", value: scores.weightedRecall),
            Metric(name: "f1_weighted", value: scores.weightedF1),
        ]
        for (k, name) in classes.enumerated() {
            detailed += [
                Metric(name: "precision.\(name)", value: scores.precision[k]),
                Metric(name: "recall.\(name)", value: scores.recall[k]),
                Metric(name: "f1.\(name)", value: scores.f1[k]),
                Metric(name: "support.\(name)", value: Double(scores.support[k])),
            ]
        }
        return detailed
    }

    /// Scores numeric predictions.
    ///
    /// - Parameters:
    ///   - truth: The true values.
    ///   - predicted: The predicted values.
    /// - Returns: mae, rmse and r2.
    public static func regression(truth: [Double], predicted: [Double]) -> Evaluation {
        Evaluation(
            metrics: [
                Metric(name: "mae", value: meanAbsoluteError(truth: truth, predicted: predicted)),
                Metric(name: "rmse", value: rootMeanSquaredError(truth: truth, predicted: predicted)),
                Metric(name: "r2", value: r2Score(truth: truth, predicted: predicted)),
            ],
            rowCount: truth.count
        )
    }
}

/// Scores `model` on the rows of `frame`, which must hold the model's target column.
///
/// Rows whose target is missing are left out, and so are rows whose class the model never saw in
/// training; both are reported in ``Evaluation/warnings``.
///
/// - Parameters:
///   - model: A trained model.
///   - frame: Rows with the model's features and target.
/// - Returns: The metrics in display order.
/// - Throws: `DataError` `.unknownColumn` when the target or a feature is missing, `.typeMismatch`
///   when a column's type changed; ``LearnError`` `.emptyTrainingData` when no row can be scored.
public func evaluate(_ model: TrainedModel, on frame: DataFrame) throws -> Evaluation {
    switch model.task {
    case .clustering:
        let x = try model.pipeline.transform(frame)
        let assignments = try model.predict(frame).clusters
        var truth: [Int]?
        if !model.target.isEmpty, let column = try? frame.column(model.target), column.missingCount == 0,
            let labels = classLabels(of: column)
        {
            truth = labels.indices
        }
        return Evaluation.clustering(x, assignments: assignments, truth: truth)
    case .projection:
        throw LearnError(
            .unsupportedTarget, "\(model.kind.displayName) has no predictions to score; use project to apply it")
    default:
        break
    }
    let scored = try ScoredRows(model, on: frame)
    let prediction = try model.predict(scored.frame)
    var evaluation: Evaluation
    switch scored.truth {
    case .classes(let truth):
        guard let probabilities = prediction.probabilities else {
            throw LearnError(.unsupportedTarget, "the model gives no class probabilities")
        }
        evaluation = Evaluation.classification(
            truth: truth, predicted: prediction.classIndices, probabilities: probabilities)
    case .values(let truth):
        evaluation = Evaluation.regression(truth: truth, predicted: prediction.values)
    }
    evaluation.warnings = scored.warnings + evaluation.warnings
    return evaluation
}

/// The rows of a frame a supervised model can be scored on, with their true classes or values.
///
/// Rows whose target is missing are left out, and so are rows whose class the model never saw in
/// training; both are reported in ``warnings``.
public struct ScoredRows: Sendable {
    /// The true target of the kept rows.
    public enum Truth: Sendable, Hashable {
        /// Class indices in the model's class order.
        case classes([Int])
        /// Numbers.
        case values([Double])
    }

    /// The kept rows.
    public var frame: DataFrame
    /// Their true classes or values.
    public var truth: Truth
    /// Why rows were left out.
    public var warnings: [String]

    /// Selects the rows of `frame` that `model` can be scored on.
    ///
    /// - Parameters:
    ///   - model: A classification or regression model.
    ///   - frame: Rows with the model's features and target.
    /// - Throws: `DataError` `.unknownColumn` when the target is missing, `.typeMismatch` when a regression
    ///   target is not numeric; ``LearnError`` `.emptyTrainingData` when no row can be scored,
    ///   `.unsupportedTarget` for a model without a target.
    public init(_ model: TrainedModel, on frame: DataFrame) throws {
        let target = try frame.column(model.target)
        var warnings: [String] = []
        switch model.task {
        case .clustering, .projection:
            throw LearnError(.unsupportedTarget, "\(model.kind.displayName) has no target to score against")
        case .classification(let classes):
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            var rows: [Int] = []
            var truth: [Int] = []
            var missing = 0
            var unseen: [String: Int] = [:]
            for row in 0..<frame.rowCount {
                guard let label = target.string(at: row) else {
                    missing += 1
                    continue
                }
                guard let k = index[label] else {
                    unseen[label, default: 0] += 1
                    continue
                }
                rows.append(row)
                truth.append(k)
            }
            if missing > 0 { warnings.append("\(rowsText(missing)) with a missing '\(model.target)' left out") }
            if !unseen.isEmpty {
                let labels = unseen.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                let count = unseen.values.reduce(0, +)
                warnings.append("\(rowsText(count)) with a class not seen in training (\(labels)) left out")
            }
            guard !rows.isEmpty else {
                throw LearnError(.emptyTrainingData, "no rows with a known '\(model.target)' to evaluate on")
            }
            self.frame = rows.count == frame.rowCount ? frame : frame.selecting(rows: rows)
            self.truth = .classes(truth)
        case .regression:
            guard let values = target.doubles else {
                throw DataError(
                    .typeMismatch, "the target '\(model.target)' must be numeric to evaluate a regression")
            }
            let rows = values.indices.filter { !values[$0].isNaN }
            let missing = values.count - rows.count
            if missing > 0 { warnings.append("\(rowsText(missing)) with a missing '\(model.target)' left out") }
            guard !rows.isEmpty else {
                throw LearnError(.emptyTrainingData, "no rows with a known '\(model.target)' to evaluate on")
            }
            self.frame = rows.count == frame.rowCount ? frame : frame.selecting(rows: rows)
            self.truth = .values(rows.map { values[$0] })
        }
        self.warnings = warnings
    }
}

/// `1 row` / `3 rows`.
func rowsText(_ count: Int) -> String { count == 1 ? "1 row" : "\(count) rows" }
