public import MLData

/// The kind of model `fit` trains, named as in the notebook (`fit logistic, on: train`).
///
/// New kinds (linear, tree, forest, boosting, knn, bayes, mlp, kmeans, pca) are added as cases
/// together with their estimator.
public enum ModelKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Logistic regression (binary or multinomial), L2-regularised by default.
    case logistic

    /// Reads a notebook model name.
    ///
    /// - Parameter name: The word after `fit`, such as `logistic`.
    /// - Throws: ``LearnError`` `.unknownModelKind` naming the known kinds and the nearest one.
    public init(name: String) throws {
        if let kind = ModelKind(rawValue: name.lowercased()) {
            self = kind
            return
        }
        let known = ModelKind.allCases.map(\.rawValue)
        var message = "unknown model kind '\(name)'"
        if let near = nearestName(to: name, in: known) { message += "; did you mean '\(near)'?" }
        message += " (available: \(known.joined(separator: ", ")))"
        throw LearnError(.unknownModelKind, message)
    }

    /// A readable name such as `logistic regression`.
    public var displayName: String {
        switch self {
        case .logistic: "logistic regression"
        }
    }

    /// Whether the kind only learns classification targets (category, text, integer, boolean).
    public var predictsClasses: Bool {
        switch self {
        case .logistic: true
        }
    }

    /// The hyperparameter names the kind accepts, in display order.
    public var hyperparameterNames: [String] {
        switch self {
        case .logistic: LogisticRegression.hyperparameterNames
        }
    }

    /// The preprocessing used when `fit` gets no pipeline: median / most-frequent imputation,
    /// one-hot categoricals, and standard scaling for linear models.
    public var defaultPipeline: PipelineSpec {
        switch self {
        case .logistic: PipelineSpec(impute: .median, scale: .standard, encode: .oneHot)
        }
    }
}

/// What a model predicts.
public enum ModelTask: Sendable, Codable, Hashable {
    /// One of a fixed set of classes, in sorted order (the class index is the position here).
    case classification(classes: [String])
    /// A number.
    case regression

    /// The classes for classification, empty for regression.
    public var classes: [String] {
        switch self {
        case .classification(let classes): classes
        case .regression: []
        }
    }
}

/// The fitted estimator inside a ``TrainedModel``, one case per ``ModelKind``.
public enum Estimator: Sendable, Codable, Hashable {
    /// A fitted logistic regression.
    case logistic(LogisticRegression)
}

/// The name, type and (for category and text columns) training levels of one model input.
public struct FeatureSchema: Sendable, Codable, Hashable {
    /// The column name.
    public var name: String
    /// The column type in the training data.
    public var type: ColumnType
    /// The sorted levels seen in training, for category and text columns; `nil` for numeric ones.
    public var levels: [String]?

    /// Creates a schema entry.
    ///
    /// - Parameters:
    ///   - name: The column name.
    ///   - type: The column type.
    ///   - levels: The training levels of a categorical column.
    public init(name: String, type: ColumnType, levels: [String]? = nil) {
        self.name = name
        self.type = type
        self.levels = levels
    }
}
