import MLData

/// A metric that cross-validation, tuning and learning curves score models with, by its notebook name.
///
/// Classification metrics are computed over every class of the data (scikit-learn with `labels=` set to all
/// classes), so a class missing from a fold counts: its precision, recall and F1 are 0 in the macro average,
/// and `auc` and multi-class `average_precision` are NaN for that fold.
public enum ValidationMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// The fraction of rows classified correctly.
    case accuracy
    /// The mean recall of the classes present in the truth.
    case balancedAccuracy = "balanced_accuracy"
    /// Macro-averaged precision.
    case precision
    /// Macro-averaged recall.
    case recall
    /// Macro-averaged F1.
    case f1
    /// Support-weighted precision.
    case precisionWeighted = "precision_weighted"
    /// Support-weighted recall.
    case recallWeighted = "recall_weighted"
    /// Support-weighted F1.
    case f1Weighted = "f1_weighted"
    /// ROC-AUC: of the second class for two classes, the one-vs-rest macro average for more.
    case auc
    /// Average precision: of the second class for two classes, the one-vs-rest macro average for more.
    case averagePrecision = "average_precision"
    /// The mean negative log-likelihood of the true classes (lower is better).
    case logLoss = "log_loss"
    /// The mean absolute error (lower is better).
    case mae
    /// The root mean squared error (lower is better).
    case rmse
    /// The coefficient of determination.
    case r2

    /// The notebook name, such as `balanced_accuracy`.
    public var name: String { rawValue }

    /// Whether the metric scores class predictions (otherwise it scores numbers).
    public var isClassification: Bool {
        switch self {
        case .mae, .rmse, .r2: false
        default: true
        }
    }

    /// Whether a larger value is a better model (false for losses and errors).
    public var higherIsBetter: Bool {
        switch self {
        case .logLoss, .mae, .rmse: false
        default: true
        }
    }

    /// The metrics for a classification or a regression target, in display order.
    ///
    /// - Parameter classification: Whether the target is a class.
    /// - Returns: The metrics of that task.
    public static func available(classification: Bool) -> [ValidationMetric] {
        allCases.filter { $0.isClassification == classification }
    }

    /// The metric used when none is named: `accuracy` for classes, `r2` for numbers (scikit-learn's
    /// `estimator.score`).
    ///
    /// - Parameter classification: Whether the target is a class.
    /// - Returns: The default metric.
    public static func defaultMetric(classification: Bool) -> ValidationMetric {
        classification ? .accuracy : .r2
    }

    /// Other spellings accepted for a metric, as scikit-learn's scorer names.
    private static let aliases: [String: ValidationMetric] = [
        "roc_auc": .auc, "f1_macro": .f1, "precision_macro": .precision, "recall_macro": .recall,
        "ap": .averagePrecision,
    ]

    /// Reads a metric name for a task.
    ///
    /// Names are case-insensitive; scikit-learn's `roc_auc`, `f1_macro`, `precision_macro` and `recall_macro`
    /// are accepted too.
    ///
    /// - Parameters:
    ///   - name: The notebook name, such as `f1`.
    ///   - classification: Whether the target is a class.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for an unknown name (with the nearest valid one) or a
    ///   metric of the other task, listing the valid names.
    public init(name: String, classification: Bool) throws {
        let valid = Self.available(classification: classification)
        let validNames = valid.map(\.name)
        let word = name.lowercased()
        guard let metric = ValidationMetric(rawValue: word) ?? Self.aliases[word] else {
            var message = "unknown metric '\(name)'"
            if let near = nearestName(to: name, in: validNames) { message += "; did you mean '\(near)'?" }
            message += " (\(classification ? "classification" : "regression") metrics: "
            message += validNames.joined(separator: ", ") + ")"
            throw LearnError(.invalidHyperparameter, message)
        }
        guard metric.isClassification == classification else {
            throw LearnError(
                .invalidHyperparameter,
                "\(metric.name) is a \(metric.isClassification ? "classification" : "regression") metric, but the "
                    + "target is \(classification ? "a class" : "a number"); use one of "
                    + validNames.joined(separator: ", ")
            )
        }
        self = metric
    }

    /// Reads a list of metric names, or gives the task's default metric for an empty list.
    ///
    /// - Parameters:
    ///   - names: The notebook names.
    ///   - classification: Whether the target is a class.
    /// - Returns: The metrics in the order given, without repeats.
    /// - Throws: The errors of ``init(name:classification:)``.
    static func parse(_ names: [String], classification: Bool) throws -> [ValidationMetric] {
        guard !names.isEmpty else { return [defaultMetric(classification: classification)] }
        var metrics: [ValidationMetric] = []
        for name in names {
            let metric = try ValidationMetric(name: name, classification: classification)
            if !metrics.contains(metric) { metrics.append(metric) }
        }
        return metrics
    }

    /// Scores class predictions.
    ///
    /// - Parameters:
    ///   - truth: The true class indices.
    ///   - predicted: The predicted class indices.
    ///   - probabilities: One row per sample, one column per class of the data.
    ///   - scores: The per-class scores of the same rows, when already computed.
    /// - Returns: The metric's value, NaN when undefined.
    func score(truth: [Int], predicted: [Int], probabilities: Matrix, scores: ClassScores? = nil) -> Double {
        let classCount = probabilities.columns
        let classScores = {
            scores ?? ClassScores(truth: truth, predicted: predicted, classCount: classCount)
        }
        switch self {
        case .accuracy: return accuracyScore(truth: truth, predicted: predicted)
        case .balancedAccuracy: return balancedAccuracyScore(truth: truth, predicted: predicted, classCount: classCount)
        case .precision: return classScores().macroPrecision
        case .recall: return classScores().macroRecall
        case .f1: return classScores().macroF1
        case .precisionWeighted: return classScores().weightedPrecision
        case .recallWeighted: return classScores().weightedRecall
        case .f1Weighted: return classScores().weightedF1
        case .auc: return rocAUC(truth: truth, probabilities: probabilities)
        case .averagePrecision: return MLLearn.averagePrecision(truth: truth, probabilities: probabilities)
        case .logLoss: return MLLearn.logLoss(truth: truth, probabilities: probabilities)
        case .mae, .rmse, .r2: preconditionFailure("\(name) scores numbers")
        }
    }

    /// Scores numeric predictions.
    ///
    /// - Parameters:
    ///   - truth: The true values.
    ///   - predicted: The predicted values.
    /// - Returns: The metric's value.
    func score(truth: [Double], predicted: [Double]) -> Double {
        switch self {
        case .mae: meanAbsoluteError(truth: truth, predicted: predicted)
        case .rmse: rootMeanSquaredError(truth: truth, predicted: predicted)
        case .r2: r2Score(truth: truth, predicted: predicted)
        default: preconditionFailure("\(name) scores classes")
        }
    }
}
