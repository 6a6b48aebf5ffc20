/// Least-squares linear regression: ordinary, ridge (`l2`), lasso (`l1`) or elastic net (both).
///
/// It minimises one objective for every case, with the intercept *b* unpenalised:
///
///     (1/2n)·‖y − Xw − b‖² + l1·‖w‖₁ + (l2/2n)·‖w‖²
///
/// so that, in scikit-learn's terms,
/// - `l1 = 0, l2 = 0` is `LinearRegression()` (ordinary least squares);
/// - `l1 = 0` is `Ridge(alpha=l2)`, which minimises ‖y − Xw − b‖² + l2·‖w‖² (the same objective times 2n);
/// - `l2 = 0` is `Lasso(alpha=l1)`;
/// - both are `ElasticNet(alpha=l1 + l2/n, l1_ratio=l1/(l1 + l2/n))`.
///
/// The intercept comes from centring: the weights are fitted to X and y minus their column means, and
/// b = ȳ − x̄·w. Ordinary least squares is solved by an SVD (LAPACK `dgelsd`, as scikit-learn's `lstsq`),
/// so collinear inputs such as a full set of one-hot columns give the minimum-norm solution. Ridge solves
/// (XᵀX + l2·I)·w = Xᵀy by Cholesky. With `l1 > 0` the solver is cyclic coordinate descent on the Gram
/// matrix XᵀX, stopped as scikit-learn's `enet_coordinate_descent_gram`: after a sweep whose largest
/// weight change is at most `tolerance` times the largest weight, when the duality gap is at most
/// `tolerance`·‖y − ȳ‖².
public struct LinearRegression: Sendable, Codable, Hashable {
    /// The algorithm that produced the weights.
    public enum Solver: String, Sendable, Codable, Hashable {
        /// Minimum-norm least squares by SVD (`l1 = 0`, `l2 = 0`).
        case leastSquares
        /// Cholesky factorisation of XᵀX + l2·I (ridge).
        case cholesky
        /// Cyclic coordinate descent (lasso and elastic net).
        case coordinateDescent
    }

    /// The weights, one per input column.
    public private(set) var coefficients: [Double]
    /// The intercept.
    public private(set) var intercept: Double
    /// The L1 strength (`l1`).
    public private(set) var l1: Double
    /// The L2 strength (`l2`).
    public private(set) var l2: Double
    /// The solver used.
    public private(set) var solver: Solver
    /// The effective rank of the centred inputs (least squares only; the column count otherwise).
    public private(set) var rank: Int
    /// The coordinate-descent sweeps used (0 for the direct solvers).
    public private(set) var iterations: Int
    /// Whether coordinate descent met its stopping rule (always true for the direct solvers).
    public private(set) var converged: Bool
    /// The final duality gap of coordinate descent (0 for the direct solvers).
    public private(set) var dualityGap: Double
    /// The gap coordinate descent had to reach: `tolerance`·‖y − ȳ‖².
    public private(set) var gapTolerance: Double

    /// The number of input columns.
    public var featureCount: Int { coefficients.count }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (already imputed, scaled and encoded).
    ///   - y: The target value of each row.
    ///   - l1: The L1 strength, ≥ 0 (default 0).
    ///   - l2: The L2 strength, ≥ 0 (default 0).
    ///   - maxIterations: The most coordinate-descent sweeps (default 1000, as scikit-learn).
    ///   - tolerance: The coordinate-descent tolerance (default 10⁻⁴, as scikit-learn).
    /// - Returns: The fitted model; check ``converged`` when `l1 > 0`.
    /// - Throws: ``LearnError`` `.invalidHyperparameter`, `.shapeMismatch`, `.emptyTrainingData`, or
    ///   `.numericalFailure` (a non-finite input or target, an SVD that does not converge).
    public static func fit(
        _ x: Matrix, values y: [Double], l1: Double = 0, l2: Double = 0, maxIterations: Int = 1000,
        tolerance: Double = 1e-4
    ) throws -> LinearRegression {
        guard l1 >= 0, l1.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "l1 must be a number ≥ 0, got \(formatNumber(l1))", hyperparameter: "l1")
        }
        guard l2 >= 0, l2.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "l2 must be a number ≥ 0, got \(formatNumber(l2))", hyperparameter: "l2")
        }
        guard maxIterations >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "max_iter must be at least 1, got \(maxIterations)", hyperparameter: "max_iter")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "tol must be a number ≥ 0, got \(formatNumber(tolerance))",
                hyperparameter: "tol")
        }
        guard x.rows == y.count else {
            throw LearnError(.shapeMismatch, "\(x.rows) input rows but \(y.count) target values")
        }
        guard x.rows > 0 else { throw LearnError(.emptyTrainingData, "linear regression needs training rows") }
        guard x.values.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw LearnError(.numericalFailure, "linear regression needs finite inputs and targets")
        }

        let (centred, xMeans) = centreColumns(x)
        let yMean = y.reduce(0, +) / Double(y.count)
        let yCentred = y.map { $0 - yMean }
        let p = x.columns
        var model = LinearRegression(
            coefficients: [Double](repeating: 0, count: p), intercept: yMean, l1: l1, l2: l2,
            solver: .leastSquares, rank: p, iterations: 0, converged: true, dualityGap: 0, gapTolerance: 0
        )
        if l1 > 0 {
            let gram = centred.gram()
            let xty = centred.multiply(yCentred, transposing: true)
            let yNorm2 = yCentred.reduce(0) { $0 + $1 * $1 }
            let descent = coordinateDescent(
                gram: gram, xty: xty, yNorm2: yNorm2, alpha: l1 * Double(x.rows), beta: l2,
                maxIterations: maxIterations, tolerance: tolerance
            )
            model.solver = .coordinateDescent
            model.coefficients = descent.weights
            model.iterations = descent.iterations
            model.converged = descent.converged
            model.dualityGap = descent.gap
            model.gapTolerance = descent.gapTolerance
        } else if l2 > 0 {
            model.solver = .cholesky
            model.coefficients = try ridgeWeights(centred, yCentred, l2: l2)
        } else {
            let solution = try centred.leastSquares(yCentred)
            model.coefficients = solution.solution
            model.rank = solution.rank
        }
        for j in 0..<p { model.intercept -= xMeans[j] * model.coefficients[j] }
        return model
    }

    /// The predicted value of each row: X·w + b.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predict(_ x: Matrix) -> [Double] {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        return x.multiply(coefficients).map { $0 + intercept }
    }

    /// The ridge weights for centred data: the Cholesky solution of (XᵀX + l2·I)·w = Xᵀy, or, when
    /// rounding makes that matrix indefinite, the least-squares solution of the equivalent stacked
    /// system [X; √l2·I]·w ≈ [y; 0].
    private static func ridgeWeights(_ x: Matrix, _ y: [Double], l2: Double) throws -> [Double] {
        let p = x.columns
        var system = x.gram()
        for j in 0..<p { system[j, j] += l2 }
        let rightHandSide = Matrix(rows: p, columns: 1, values: x.multiply(y, transposing: true))
        if let solution = try? system.choleskySolve(rightHandSide) { return solution.values }
        var stacked = x.values
        stacked.reserveCapacity((x.rows + p) * p)
        let root = l2.squareRoot()
        for j in 0..<p {
            var row = [Double](repeating: 0, count: p)
            row[j] = root
            stacked.append(contentsOf: row)
        }
        let augmented = Matrix(rows: x.rows + p, columns: p, values: stacked)
        return try augmented.leastSquares(y + [Double](repeating: 0, count: p)).solution
    }

    /// The outcome of coordinate descent.
    private struct Descent {
        var weights: [Double]
        var iterations: Int
        var converged: Bool
        var gap: Double
        var gapTolerance: Double
    }

    /// Cyclic coordinate descent for ½‖y − Xw‖² + alpha·‖w‖₁ + (beta/2)·‖w‖² on centred data, through the
    /// Gram matrix Q = XᵀX and q = Xᵀy (scikit-learn's `enet_coordinate_descent_gram`, without its
    /// screening rules, which skip work but do not change the answer).
    ///
    /// Each sweep updates w_j ← S(q_j − (Qw)_j + Q_jj·w_j, alpha) / (Q_jj + beta), S the soft threshold,
    /// and keeps Qw up to date in O(p) per changed weight. After a sweep whose largest change is at most
    /// `tolerance`·max|w| (or the last sweep), it computes the duality gap of formulation A and stops when
    /// the gap is at most `tolerance`·‖y‖².
    private static func coordinateDescent(
        gram: Matrix, xty q: [Double], yNorm2: Double, alpha: Double, beta: Double, maxIterations: Int,
        tolerance: Double
    ) -> Descent {
        let p = q.count
        var w = [Double](repeating: 0, count: p)
        var qw = [Double](repeating: 0, count: p)
        let gapTolerance = tolerance * yNorm2
        var gap = dualityGap(w: w, qw: qw, q: q, yNorm2: yNorm2, alpha: alpha, beta: beta)
        if gap >= 0, gap <= gapTolerance {
            return Descent(weights: w, iterations: 0, converged: true, gap: gap, gapTolerance: gapTolerance)
        }
        var iterations = 0
        var converged = false
        gram.values.withUnsafeBufferPointer { matrix in
            for sweep in 0..<maxIterations {
                iterations = sweep + 1
                var largestWeight = 0.0
                var largestChange = 0.0
                for j in 0..<p {
                    let diagonal = matrix[j * p + j]
                    guard diagonal != 0 else { continue }
                    let old = w[j]
                    let rho = q[j] - qw[j] + diagonal * old
                    let shrunk = max(abs(rho) - alpha, 0)
                    let new = shrunk == 0 ? 0 : (rho < 0 ? -shrunk : shrunk) / (diagonal + beta)
                    if new != old {
                        let delta = new - old
                        let row = j * p
                        for i in 0..<p { qw[i] += delta * matrix[row + i] }
                        w[j] = new
                    }
                    largestChange = max(largestChange, abs(new - old))
                    largestWeight = max(largestWeight, abs(new))
                }
                if largestWeight == 0 || largestChange / largestWeight <= tolerance || sweep == maxIterations - 1 {
                    gap = dualityGap(w: w, qw: qw, q: q, yNorm2: yNorm2, alpha: alpha, beta: beta)
                    if gap <= gapTolerance {
                        converged = true
                        break
                    }
                }
            }
        }
        return Descent(weights: w, iterations: iterations, converged: converged, gap: gap, gapTolerance: gapTolerance)
    }

    /// The elastic-net duality gap (formulation A of scikit-learn's `gap_enet_gram`): the primal
    /// ½(‖R‖² + beta‖w‖²) + alpha‖w‖₁ minus the dual at the residual R = y − Xw scaled to be feasible.
    private static func dualityGap(
        w: [Double], qw: [Double], q: [Double], yNorm2: Double, alpha: Double, beta: Double
    ) -> Double {
        var qDotW = 0.0
        var wQw = 0.0
        var l1Norm = 0.0
        var l2Norm2 = 0.0
        var dualNorm = 0.0
        for j in w.indices {
            qDotW += q[j] * w[j]
            wQw += w[j] * qw[j]
            l1Norm += abs(w[j])
            l2Norm2 += w[j] * w[j]
            dualNorm = max(dualNorm, abs(q[j] - qw[j] - beta * w[j]))
        }
        let residualNorm2 = yNorm2 + wQw - 2 * qDotW
        let residualDotY = yNorm2 - qDotW
        let primal = 0.5 * (residualNorm2 + beta * l2Norm2) + alpha * l1Norm
        let scale = dualNorm > alpha ? alpha / dualNorm : 1
        let dual = -0.5 * scale * scale * (residualNorm2 + beta * l2Norm2) + scale * residualDotY
        return primal - dual
    }
}

/// The matrix with each column's mean subtracted, and those means.
private func centreColumns(_ x: Matrix) -> (centred: Matrix, means: [Double]) {
    let n = x.rows
    let p = x.columns
    var means = [Double](repeating: 0, count: p)
    var centred = x
    centred.withUnsafeMutableValues { v in
        for i in 0..<n {
            for j in 0..<p { means[j] += v[i * p + j] }
        }
        for j in 0..<p { means[j] /= Double(max(n, 1)) }
        for i in 0..<n {
            for j in 0..<p { v[i * p + j] -= means[j] }
        }
    }
    return (centred, means)
}
