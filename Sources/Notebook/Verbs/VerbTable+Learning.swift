import MLLearn

extension VerbTable {
    /// The hyperparameters of each model kind as `fit` and `tune` accept them: the names come from the engine
    /// (``ModelKind/hyperparameterNames``), the types and help from ``hyperparameterHelp``.
    static let hyperparametersByKind: [String: [ParameterSpec]] = Dictionary(
        uniqueKeysWithValues: ModelKind.allCases.map { kind in
            (kind.rawValue, kind.hyperparameterNames.map { hyperparameterSpec($0, kind: kind) })
        })

    /// The spec of one hyperparameter: its type and help from the table, or any value when the table has no entry.
    private static func hyperparameterSpec(_ name: String, kind: ModelKind) -> ParameterSpec {
        let entry = hyperparameterHelp["\(kind.rawValue).\(name)"] ?? hyperparameterHelp[name]
        return ParameterSpec(
            name, entry?.type ?? .hyperparameter, entry?.help ?? "a hyperparameter of \(kind.rawValue)")
    }

    /// Types and help of hyperparameters, by `kind.name` or by name alone when several kinds share the meaning.
    private static let hyperparameterHelp: [String: (type: ArgumentType, help: String)] = [
        "seed": (.integer, "random seed (default 42)"),
        "max_iter": (.integer, "iteration limit of the solver"),
        "tol": (.number, "stopping tolerance of the solver"),
        "depth": (.orNone(.integer), "the deepest a tree grows, or none (default none; boosting: none)"),
        "min_leaf": (.integer, "the fewest training rows in a leaf"),
        "min_split": (.integer, "the fewest rows a node needs to be split (default 2)"),
        "rate": (.number, "learning rate"),
        "early_stop": (.hyperparameter, "stop when a held-out score stops improving: true, false (boosting: auto)"),
        "validation": (.fraction, "share of training rows held out for early stopping (default 0.1)"),
        "l2": (.number, "L2 penalty strength"),
        "linear.l1": (.number, "L1 (lasso) penalty strength (default 0)"),
        "linear.l2": (.number, "L2 (ridge) penalty strength, as scikit-learn's Ridge alpha (default 0)"),
        "logistic.C": (.number, "inverse regularisation strength (default 1.0)"),
        "logistic.penalty": (.choice(["l2", "l1", "none"]), "regularisation (default l2)"),
        "tree.criterion": (.choice(["gini", "entropy", "mse"]), "split quality: gini or entropy (classes), mse"),
        "forest.trees": (.integer, "the number of trees (default 100)"),
        "forest.features": (
            .hyperparameter, "features tried at each split: sqrt, log2, all or a fraction (default sqrt)"
        ),
        "forest.bootstrap": (.bool, "draw each tree's rows with replacement (default true)"),
        "boosting.rounds": (.integer, "the most boosting rounds (default 100)"),
        "boosting.leaves": (
            .orNone(.integer), "the most leaves per tree, or none to grow level by level down to depth (default 31)"
        ),
        "boosting.validation": (
            .orNone(.fraction), "share of training rows held out for early stopping, or none (default 0.1)"
        ),
        "knn.k": (.integer, "the number of neighbours (default 5)"),
        "knn.weights": (.choice(["uniform", "distance"]), "neighbour votes: equal or by inverse distance"),
        "bayes.smoothing": (.number, "share of the largest variance added to every variance (default 1e-9)"),
        "bayes.alpha": (.number, "additive (Laplace) smoothing of category counts (default 1)"),
        "mlp.layers": (.hyperparameter, "hidden layer sizes, such as [64, 32] (default [100])"),
        "mlp.epochs": (.integer, "the most passes over the training rows (default 200)"),
        "mlp.batch": (.integer, "mini-batch size (default min(200, rows))"),
        "kmeans.k": (.integer, "the number of clusters (default 8)"),
        "kmeans.restarts": (.integer, "runs from different seeds; the best is kept"),
        "pca.components": (
            .hyperparameter, "components kept: a count, or a fraction of variance to explain (default all)"
        ),
    ]

    /// The labels of the curve verbs `roc` and `pr`.
    private static let curveLabels = [
        ParameterSpec("on", .frame, required: true, "the frame to score on"),
        ParameterSpec("positive", .string, "the positive class of a binary target (default: the second class)"),
        ParameterSpec("title", .string, "chart title"),
    ]

    /// A model given by name.
    private static let modelArgument = ParameterSpec("model", .model, required: true, "a fitted model")

    /// Preprocessing, models, validation and evaluation.
    static let learningVerbs: [VerbSpec] = [
        VerbSpec(
            name: "pipeline", summary: "preprocessing learned from training rows: impute, scale, encode",
            labels: [
                ParameterSpec(
                    "impute", .choice(["mean", "median", "mode", "constant"]), "mean, median, mode or constant(0)"),
                ParameterSpec("scale", .choice(["standard", "minmax", "robust", "none"]), "scaling of numbers"),
                ParameterSpec("encode", .choice(["onehot", "ordinal"]), "encoding of categories"),
            ],
            results: { _ in [.pipeline] }),
        VerbSpec(
            name: "fit", summary: "fit a model: fit KIND, on: frame",
            positional: [ParameterSpec("kind", .choice(modelKinds), required: true, "the model kind")],
            labels: [
                ParameterSpec("on", .frame, required: true, "the training frame"),
                ParameterSpec("target", .column, "the column to predict (default: the frame's target)"),
                ParameterSpec("prep", .pipeline, "preprocessing (default: the model kind's own)"),
            ],
            labelsByKind: hyperparametersByKind,
            results: { _ in [.model] }),
        VerbSpec(
            name: "evaluate", summary: "score models on one or more frames",
            positional: [modelArgument], variadic: true,
            labels: [
                ParameterSpec("on", .frames, required: true, "the frame(s) to score on"),
                ParameterSpec(
                    "metrics", .metricNames,
                    "the columns, such as [accuracy, f1_weighted, recall.malignant] (default: the kind's usual ones)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "confusion", summary: "confusion matrix of a classifier on a frame",
            positional: [modelArgument],
            labels: [
                ParameterSpec("on", .frame, required: true, "the frame to score on"),
                ParameterSpec(
                    "normalize", .choice(["none", "true", "pred", "all"]),
                    "show shares of each true class (true), predicted class (pred) or of all rows (default: counts)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "roc", summary: "ROC curves of classifiers, AUC in the legend",
            positional: [modelArgument], variadic: true,
            labels: curveLabels,
            results: { _ in [] }),
        VerbSpec(
            name: "pr", summary: "precision–recall curves of classifiers, average precision in the legend",
            positional: [modelArgument], variadic: true,
            labels: curveLabels,
            results: { _ in [] }),
        VerbSpec(
            name: "residuals", summary: "residuals of a regression model against its predictions",
            positional: [modelArgument],
            labels: [
                ParameterSpec("on", .frame, required: true, "the frame to score on"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "cv", summary: "k-fold cross-validation of a model's settings: a table per fold, mean and std",
            positional: [modelArgument],
            labels: [
                ParameterSpec("on", .frame, required: true, "the rows to cross-validate on"),
                ParameterSpec("folds", .integer, "the number of folds (default 5; stratified for classes)"),
                ParameterSpec("metrics", .metricNames, "metric names, such as [accuracy, f1, auc]"),
                ParameterSpec("seed", .integer, "random seed of the folds (default 42)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "tune", summary: "cross-validated grid or random search; binds the winner refitted on all rows",
            positional: [ParameterSpec("kind", .choice(modelKinds), required: true, "the model kind")],
            labels: [
                ParameterSpec("on", .frame, required: true, "the training frame"),
                ParameterSpec("target", .column, "the column to predict (default: the frame's target)"),
                ParameterSpec("prep", .pipeline, "preprocessing (default: the model kind's own)"),
                ParameterSpec("grid", .search, "the values to try: {depth: [4, 8, none], trees: [100, 200]}"),
                ParameterSpec("search", .choice(["grid", "random"]), "grid (default) or random search"),
                ParameterSpec("space", .search, "distributions to draw from: {rate: loguniform(0.0001, 0.1)}"),
                ParameterSpec("trials", .integer, "candidates of a random search (default 10)"),
                ParameterSpec("cv", .integer, "cross-validation folds (default 5)"),
                ParameterSpec("metric", .hyperparameter, "the metric to rank by (default accuracy or r2)"),
                ParameterSpec("seed", .integer, "random seed of the folds and draws (default 42)"),
            ],
            labelsByKind: hyperparametersByKind,
            results: { _ in [.model] }),
        VerbSpec(
            name: "learning", summary: "learning curve: training and cross-validated score by training rows",
            positional: [modelArgument],
            labels: [
                ParameterSpec("on", .frame, required: true, "the rows"),
                ParameterSpec("folds", .integer, "cross-validation folds (default 5)"),
                ParameterSpec("metric", .hyperparameter, "the metric (default accuracy or r2)"),
                ParameterSpec("seed", .integer, "random seed (default 42)"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "predict", summary: "a frame with the model's predictions (and class probabilities)",
            positional: [modelArgument],
            labels: [ParameterSpec("on", .frame, required: true, "the rows to predict")],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "project", summary: "the coordinates of a frame's rows on a projection's components (pca)",
            positional: [frameArgument],
            labels: [ParameterSpec("with", .model, required: true, "a projection fitted with 'fit pca'")],
            results: { _ in [.frame] }),
    ]
}
