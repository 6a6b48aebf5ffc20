public import MLData

/// The kind of model `fit` trains, named as in the notebook (`fit forest, on: train`).
public enum ModelKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Least squares: ordinary, ridge (`l2:`), lasso (`l1:`) or elastic net.
    case linear
    /// Logistic regression (binary or multinomial), L2-regularised by default.
    case logistic
    /// A CART decision tree.
    case tree
    /// A random forest of CART trees.
    case forest
    /// Histogram-based gradient boosting.
    case boosting
    /// k nearest neighbours.
    case knn
    /// Gaussian naive Bayes.
    case bayes
    /// A multilayer perceptron trained with Adam.
    case mlp
    /// k-means clustering.
    case kmeans
    /// Principal component analysis.
    case pca

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
        case .linear: "linear regression"
        case .logistic: "logistic regression"
        case .tree: "decision tree"
        case .forest: "random forest"
        case .boosting: "gradient boosting"
        case .knn: "k nearest neighbours"
        case .bayes: "naive Bayes"
        case .mlp: "neural network (MLP)"
        case .kmeans: "k-means clustering"
        case .pca: "principal component analysis"
        }
    }

    /// The targets the kind learns.
    public var learning: Learning {
        switch self {
        case .linear: .regression
        case .logistic, .bayes: .classification
        case .tree, .forest, .boosting, .knn, .mlp: .classificationOrRegression
        case .kmeans: .clustering
        case .pca: .projection
        }
    }

    /// The targets a kind learns.
    public enum Learning: Sendable, Hashable {
        /// Classes only (category, text, integer or boolean target).
        case classification
        /// Numbers only.
        case regression
        /// Classes for a categorical target, numbers for a number target.
        case classificationOrRegression
        /// No target: groups of similar rows.
        case clustering
        /// No target: new coordinates.
        case projection

        /// Whether the kind uses a target at all.
        public var isSupervised: Bool {
            switch self {
            case .classification, .regression, .classificationOrRegression: true
            case .clustering, .projection: false
            }
        }
    }

    /// Whether the kind only learns classification targets (category, text, integer, boolean).
    public var predictsClasses: Bool { learning == .classification }

    /// The preprocessing used when `fit` gets no pipeline: median / most-frequent imputation and
    /// one-hot categoricals with standard scaling for linear, distance-based and neural models;
    /// ordinal codes and no scaling for tree models, which split on thresholds, and for naive Bayes,
    /// which models category columns by their level counts.
    public var defaultPipeline: PipelineSpec {
        switch self {
        case .linear, .logistic, .knn, .mlp, .kmeans, .pca:
            PipelineSpec(impute: .median, scale: .standard, encode: .oneHot)
        case .tree, .forest, .boosting, .bayes:
            PipelineSpec(impute: .median, scale: .none, encode: .ordinal)
        }
    }
}

/// What a model predicts.
public enum ModelTask: Sendable, Codable, Hashable {
    /// One of a fixed set of classes, in sorted order (the class index is the position here).
    case classification(classes: [String])
    /// A number.
    case regression
    /// A cluster index among `clusters`.
    case clustering(clusters: Int)
    /// New coordinates (`components` of them).
    case projection(components: Int)

    /// The classes for classification, empty otherwise.
    public var classes: [String] {
        switch self {
        case .classification(let classes): classes
        case .regression, .clustering, .projection: []
        }
    }
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
