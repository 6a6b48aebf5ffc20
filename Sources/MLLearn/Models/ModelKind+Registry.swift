// The one place that maps a model kind to its estimator type. Adding a kind means: a case in
// `ModelKind`, a case in `Estimator`, and one line in each switch below.

/// The fitted estimator inside a ``TrainedModel``, one case per ``ModelKind``.
public enum Estimator: Sendable, Codable, Hashable {
    /// A fitted linear regression (least squares, ridge, lasso or elastic net).
    case linear(LinearRegression)
    /// A fitted logistic regression.
    case logistic(LogisticRegression)
    /// A fitted decision tree.
    case tree(DecisionTree)
    /// A fitted random forest.
    case forest(RandomForest)
    /// A fitted histogram gradient-boosting model.
    case boosting(GradientBoosting)
    /// A fitted naive Bayes classifier.
    case bayes(GaussianNaiveBayes)
    /// A fitted k-nearest-neighbours model (it keeps the training rows).
    case knn(NearestNeighbors)
    /// A fitted multilayer perceptron.
    case mlp(MultilayerPerceptron)
    /// A fitted k-means clustering.
    case kmeans(KMeans)
    /// A fitted principal component analysis.
    case pca(PrincipalComponents)

    /// The estimator behind the case.
    var base: any Estimating {
        switch self {
        case .linear(let model): model
        case .logistic(let model): model
        case .tree(let model): model
        case .forest(let model): model
        case .boosting(let model): model
        case .bayes(let model): model
        case .knn(let model): model
        case .mlp(let model): model
        case .kmeans(let model): model
        case .pca(let model): model
        }
    }

    /// Computes the estimator's output for preprocessed inputs.
    func output(for x: Matrix) -> EstimatorOutput { base.output(for: x) }
}

extension ModelKind {
    /// The estimator type of the kind.
    var estimatorType: any Estimating.Type {
        switch self {
        case .linear: LinearRegression.self
        case .logistic: LogisticRegression.self
        case .tree: DecisionTree.self
        case .forest: RandomForest.self
        case .boosting: GradientBoosting.self
        case .bayes: GaussianNaiveBayes.self
        case .knn: NearestNeighbors.self
        case .mlp: MultilayerPerceptron.self
        case .kmeans: KMeans.self
        case .pca: PrincipalComponents.self
        }
    }

    /// The hyperparameter names the kind accepts, in display order.
    public var hyperparameterNames: [String] { estimatorType.hyperparameterNames }

    /// Fits the kind's estimator and wraps it.
    func fitEstimator(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<Estimator> {
        func fitted<M: Estimating>(_ type: M.Type, _ make: (M) -> Estimator) throws -> EstimatorFit<Estimator> {
            let fit = try M.fit(x, target: target, hyperparameters: hyperparameters, inputs: inputs)
            return EstimatorFit(
                model: make(fit.model), hyperparameters: fit.hyperparameters, warnings: fit.warnings,
                trainingOutput: fit.trainingOutput)
        }
        switch self {
        case .linear: return try fitted(LinearRegression.self, Estimator.linear)
        case .logistic: return try fitted(LogisticRegression.self, Estimator.logistic)
        case .tree: return try fitted(DecisionTree.self, Estimator.tree)
        case .forest: return try fitted(RandomForest.self, Estimator.forest)
        case .boosting: return try fitted(GradientBoosting.self, Estimator.boosting)
        case .bayes: return try fitted(GaussianNaiveBayes.self, Estimator.bayes)
        case .knn: return try fitted(NearestNeighbors.self, Estimator.knn)
        case .mlp: return try fitted(MultilayerPerceptron.self, Estimator.mlp)
        case .kmeans: return try fitted(KMeans.self, Estimator.kmeans)
        case .pca: return try fitted(PrincipalComponents.self, Estimator.pca)
        }
    }
}
