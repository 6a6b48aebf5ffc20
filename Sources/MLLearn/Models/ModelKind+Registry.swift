// The one place that maps a model kind to its estimator type. Adding a kind means: a case in
// `ModelKind`, a case in `Estimator`, and one line in each switch below.

/// The fitted estimator inside a ``TrainedModel``, one case per implemented ``ModelKind``.
public enum Estimator: Sendable, Codable, Hashable {
    /// A fitted linear regression (least squares, ridge, lasso or elastic net).
    case linear(LinearRegression)
    /// A fitted logistic regression.
    case logistic(LogisticRegression)
    /// A fitted naive Bayes classifier.
    case bayes(GaussianNaiveBayes)
    /// A fitted k-nearest-neighbours model (it keeps the training rows).
    case knn(NearestNeighbors)

    /// The estimator behind the case.
    var base: any Estimating {
        switch self {
        case .linear(let model): model
        case .logistic(let model): model
        case .bayes(let model): model
        case .knn(let model): model
        }
    }

    /// Computes the estimator's output for preprocessed inputs.
    func output(for x: Matrix) -> EstimatorOutput { base.output(for: x) }
}

extension ModelKind {
    /// The estimator type of the kind, or `nil` while the kind is not built.
    var estimatorType: (any Estimating.Type)? {
        switch self {
        case .linear: LinearRegression.self
        case .logistic: LogisticRegression.self
        case .bayes: GaussianNaiveBayes.self
        case .knn: NearestNeighbors.self
        default: nil
        }
    }

    /// The hyperparameter names the kind accepts, in display order.
    public var hyperparameterNames: [String] { estimatorType?.hyperparameterNames ?? [] }

    /// Fits the kind's estimator and wraps it.
    func fitEstimator(
        _ x: Matrix, target: TrainingTarget, hyperparameters: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<Estimator> {
        func wrap<M>(_ fit: EstimatorFit<M>, _ make: (M) -> Estimator) -> EstimatorFit<Estimator> {
            EstimatorFit(model: make(fit.model), hyperparameters: fit.hyperparameters, warnings: fit.warnings)
        }
        switch self {
        case .linear:
            return wrap(
                try LinearRegression.fit(x, target: target, hyperparameters: hyperparameters, inputs: inputs),
                Estimator.linear)
        case .logistic:
            return wrap(
                try LogisticRegression.fit(x, target: target, hyperparameters: hyperparameters, inputs: inputs),
                Estimator.logistic)
        case .bayes:
            return wrap(
                try GaussianNaiveBayes.fit(x, target: target, hyperparameters: hyperparameters, inputs: inputs),
                Estimator.bayes)
        case .knn:
            return wrap(
                try NearestNeighbors.fit(x, target: target, hyperparameters: hyperparameters, inputs: inputs),
                Estimator.knn)
        default:
            throw LearnError(.notYetAvailable, "\(displayName) is not available yet")
        }
    }
}
