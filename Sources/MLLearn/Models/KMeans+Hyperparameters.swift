extension KMeans: Estimating {
    /// The notebook hyperparameters, in display order: `k` (clusters, default 8), `restarts` (k-means++
    /// starts, 1), `max_iter` (Lloyd iterations per start, 300), `tol` (relative centroid shift, 10⁻⁴), `seed`.
    static let hyperparameterNames = ["k", "restarts", "max_iter", "tol", "seed"]

    /// Fits with notebook hyperparameters and returns the values used, defaults included.
    ///
    /// - Parameters:
    ///   - x: The preprocessed (scaled) inputs.
    ///   - target: Ignored: clustering uses no target.
    ///   - reader: Hyperparameters by notebook name.
    ///   - inputs: The input columns (unused).
    /// - Returns: The clustering, its resolved hyperparameters and a warning when fewer than k clusters
    ///   received rows.
    /// - Throws: ``LearnError`` for bad values.
    static func fit(
        _ x: Matrix, target: TrainingTarget, hyperparameters reader: HyperparameterReader, inputs: InputSchema
    ) throws -> EstimatorFit<KMeans> {
        let k = try reader.integer("k", default: 8, rule: "a whole number ≥ 1") { $0 >= 1 }
        let restarts = try reader.integer("restarts", default: 1, rule: "a whole number ≥ 1") { $0 >= 1 }
        let maxIterations = try reader.integer("max_iter", default: 300, rule: "a whole number ≥ 1") { $0 >= 1 }
        let tolerance = try reader.number("tol", default: 1e-4, rule: "a number ≥ 0") { $0 >= 0 && $0.isFinite }
        let seed = try reader.seed()
        let model = try fit(
            x, k: k, restarts: restarts, maxIterations: maxIterations, tolerance: tolerance, seed: seed)
        let used = [
            Hyperparameter(name: "k", value: .integer(k)),
            Hyperparameter(name: "restarts", value: .integer(restarts)),
            Hyperparameter(name: "max_iter", value: .integer(maxIterations)),
            Hyperparameter(name: "tol", value: .number(tolerance)),
            Hyperparameter(name: "seed", value: .integer(Int(clamping: seed))),
        ]
        var warnings: [String] = []
        if model.occupiedClusters < k {
            warnings.append(
                "only \(model.occupiedClusters) of the k: \(k) clusters received rows (duplicate rows?); "
                    + "lower k")
        }
        return EstimatorFit(model: model, hyperparameters: used, warnings: warnings)
    }

    func output(for x: Matrix) -> EstimatorOutput { .clusters(predict(x)) }

    var clusterCount: Int? { k }

    var trainingMetrics: [Metric] { [Metric(name: "inertia", value: inertia)] }

    var summaryLines: [(String, String)] {
        let state = converged ? "converged" : "iteration limit reached"
        let starts = restarts == 1 ? "1 start" : "best of \(restarts) starts"
        return [
            ("initialisation", "k-means++ (\(starts))"),
            ("iterations", "\(iterations) Lloyd iterations, \(state)"),
            ("inertia", formatNumber(inertia)),
        ]
    }
}
