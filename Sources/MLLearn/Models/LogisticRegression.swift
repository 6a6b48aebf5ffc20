#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Logistic regression with the objective of scikit-learn's `LogisticRegression(solver="lbfgs")`.
///
/// It minimises C · Σᵢ log-loss(xᵢ, yᵢ) + ½‖W‖², where the intercepts are not penalised. Two classes
/// use one weight vector and the sigmoid; more classes use the multinomial (softmax) model with one
/// weight vector per class. The solver is L-BFGS with a strong-Wolfe line search, run on the
/// objective divided by C·n (as scikit-learn does) until the largest gradient component is at most
/// `tolerance`.
///
/// With the L1 penalty it minimises C · Σᵢ log-loss(xᵢ, yᵢ) + ‖W‖₁ (intercepts unpenalised), scikit-learn's
/// `LogisticRegression(l1_ratio=1, solver="saga")` (formerly `penalty="l1"`), by OWL-QN (see ``OWLQN``)
/// on the objective divided by C·n, until the largest pseudo-gradient component is at most `tolerance`.
/// Weights reach exactly zero.
public struct LogisticRegression: Sendable, Codable, Hashable {
    /// The regularisation penalty.
    public enum Penalty: String, Sendable, Codable, Hashable, CaseIterable {
        /// ½‖W‖² (ridge).
        case l2
        /// ‖W‖₁ (lasso), solved by OWL-QN.
        case l1
        /// No penalty: plain maximum likelihood.
        case none
    }

    /// The weights, one row per class (a single row when there are two classes).
    ///
    /// With two classes the row holds the weights of the second class against the first.
    /// Columns follow the input columns.
    public private(set) var coefficients: Matrix
    /// The intercepts, one per row of ``coefficients``.
    public private(set) var intercepts: [Double]
    /// The number of classes (≥ 2).
    public private(set) var classCount: Int
    /// The inverse regularisation strength (scikit-learn's `C`).
    public private(set) var c: Double
    /// The penalty used.
    public private(set) var penalty: Penalty
    /// The L-BFGS (or, for L1, OWL-QN) iterations used.
    public private(set) var iterations: Int
    /// Whether the solver met its stopping rule before ``maxIterations``.
    public private(set) var converged: Bool
    /// The largest gradient (for L1, pseudo-gradient) component of the scaled objective at the solution.
    public private(set) var finalGradient: Double
    /// Why the solver stopped, in words.
    public private(set) var stopReason: String

    /// The number of input columns.
    public var featureCount: Int { coefficients.columns }

    /// The solver's name for summaries: `L-BFGS`, or `OWL-QN` for the L1 penalty.
    public var solverName: String { penalty == .l1 ? "OWL-QN" : "L-BFGS" }

    /// Fits the model to a design matrix and class indices.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (already imputed, scaled and encoded).
    ///   - y: The class index of each row, in `0..<classCount`.
    ///   - classCount: The number of classes (≥ 2); every class must occur in `y`.
    ///   - c: The inverse regularisation strength, > 0 (default 1, as scikit-learn).
    ///   - penalty: `.l2` (default), `.l1` or `.none`.
    ///   - maxIterations: The most L-BFGS (OWL-QN) iterations (default 1000).
    ///   - tolerance: The gradient tolerance on the objective divided by C·n (default 10⁻⁴, scikit-learn's
    ///     default for the same rule; a smaller value gets closer to the exact optimum in more iterations).
    /// - Returns: The fitted model; check ``converged``.
    /// - Throws: ``LearnError`` `.invalidHyperparameter`, `.shapeMismatch`,
    ///   `.emptyTrainingData` or `.unsupportedTarget` (fewer than two classes, an empty class).
    public static func fit(
        _ x: Matrix, classes y: [Int], classCount: Int, c: Double = 1, penalty: Penalty = .l2,
        maxIterations: Int = 1000, tolerance: Double = 1e-4
    ) throws -> LogisticRegression {
        guard c > 0, c.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "C must be a positive number, got \(formatNumber(c))", hyperparameter: "C")
        }
        guard maxIterations >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "max_iter must be at least 1, got \(maxIterations)", hyperparameter: "max_iter")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "tol must be a non-negative number, got \(formatNumber(tolerance))")
        }
        guard x.rows == y.count else {
            throw LearnError(.shapeMismatch, "\(x.rows) input rows but \(y.count) labels")
        }
        guard x.rows > 0 else { throw LearnError(.emptyTrainingData, "logistic regression needs training rows") }
        guard classCount >= 2 else {
            throw LearnError(.unsupportedTarget, "logistic regression needs at least two classes, got \(classCount)")
        }
        _ = try classCounts(y, classCount: classCount)

        let rowCount = Double(x.rows)
        let strength = penalty == .l2 ? 1 / (c * rowCount) : 0
        let weightRows = classCount == 2 ? 1 : classCount
        let p = x.columns
        let objective: LBFGS.Objective =
            classCount == 2
            ? { binaryObjective($0, x: x, y: y, strength: strength) }
            : { multinomialObjective($0, x: x, y: y, classCount: classCount, strength: strength) }
        let start = [Double](repeating: 0, count: weightRows * (p + 1))
        let result =
            penalty == .l1
            ? OWLQN(maxIterations: maxIterations, gradientTolerance: tolerance).minimize(
                from: start, l1: 1 / (c * rowCount), penalisedCount: weightRows * p, objective)
            : LBFGS(maxIterations: maxIterations, gradientTolerance: tolerance).minimize(from: start, objective)
        var intercepts = Array(result.x[(weightRows * p)...])
        if penalty == .l1, weightRows > 1 {
            // Softmax probabilities do not change when every intercept moves by the same amount; OWL-QN's
            // projected steps can drift along that line, so return the representative summing to zero (as the
            // L-BFGS path and scikit-learn do).
            let mean = intercepts.reduce(0, +) / Double(weightRows)
            intercepts = intercepts.map { $0 - mean }
        }
        return LogisticRegression(
            coefficients: Matrix(rows: weightRows, columns: p, values: Array(result.x[0..<(weightRows * p)])),
            intercepts: intercepts,
            classCount: classCount, c: c, penalty: penalty, iterations: result.iterations,
            converged: result.converged, finalGradient: result.gradientNorm, stopReason: result.reason
        )
    }

    /// The linear scores X·Wᵀ + b: one column for two classes (the log-odds of the second class),
    /// one column per class otherwise.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×1 or *n*×``classCount`` matrix.
    public func decisionFunction(_ x: Matrix) -> Matrix {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        var scores = x.multiply(coefficients, transposingOther: true)
        let width = intercepts.count
        scores.withUnsafeMutableValues { z in
            for i in 0..<x.rows {
                for k in 0..<width { z[i * width + k] += intercepts[k] }
            }
        }
        return scores
    }

    /// The class probabilities of each row.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×``classCount`` matrix whose rows sum to 1, columns in class order.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        let scores = decisionFunction(x)
        var probabilities = Matrix(rows: x.rows, columns: classCount)
        if classCount == 2 {
            for i in 0..<x.rows {
                let p = sigmoid(scores[i, 0])
                probabilities[i, 0] = 1 - p
                probabilities[i, 1] = p
            }
        } else {
            for i in 0..<x.rows {
                let row = softmax(scores.row(i))
                for k in 0..<classCount { probabilities[i, k] = row[k] }
            }
        }
        return probabilities
    }

    /// The most probable class of each row (the first one on a tie).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: Class indices in `0..<classCount`.
    public func predict(_ x: Matrix) -> [Int] {
        let scores = decisionFunction(x)
        if classCount == 2 { return (0..<x.rows).map { scores[$0, 0] > 0 ? 1 : 0 } }
        return scores.rowArgmaxes()
    }
}

// MARK: - Objectives (divided by C·n, as scikit-learn's LinearModelLoss)

/// Mean binary log-loss + (strength/2)‖w‖² and its gradient; `parameters` is [w…, b].
///
/// One pass over `x` (``Matrix/linearModelPass(weights:link:)``) gives the loss and the gradient.
private func binaryObjective(
    _ parameters: [Double], x: Matrix, y: [Int], strength: Double
) -> (value: Double, gradient: [Double]) {
    let p = x.columns
    let n = Double(x.rows)
    let weights = Matrix(rows: 1, columns: p, values: Array(parameters[0..<p]))
    let intercept = parameters[p]
    let pass = x.linearModelPass(weights: weights) { rows, scores in
        var loss = 0.0
        for (j, i) in rows.enumerated() {
            let zi = scores[j] + intercept
            // log(1 + e^z) − y·z and the sigmoid from one exponential, e^−|z|, without overflow.
            let e = exp(-abs(zi))
            loss += max(zi, 0) + log1p(e) - (y[i] == 1 ? zi : 0)
            let probability = zi >= 0 ? 1 / (1 + e) : e / (1 + e)
            scores[j] = probability - (y[i] == 1 ? 1 : 0)
        }
        return loss
    }
    var gradient = pass.gradient.values
    var penalty = 0.0
    for j in 0..<p {
        gradient[j] = gradient[j] / n + strength * weights.values[j]
        penalty += weights.values[j] * weights.values[j]
    }
    gradient.append(pass.residualSums[0] / n)
    return (pass.loss / n + 0.5 * strength * penalty, gradient)
}

/// Mean multinomial log-loss + (strength/2)‖W‖² and its gradient; `parameters` is [W row-major…, b…].
///
/// One pass over `x` (``Matrix/linearModelPass(weights:link:)``) gives the loss and the gradient.
private func multinomialObjective(
    _ parameters: [Double], x: Matrix, y: [Int], classCount: Int, strength: Double
) -> (value: Double, gradient: [Double]) {
    let p = x.columns
    let k = classCount
    let n = Double(x.rows)
    let weights = Matrix(rows: k, columns: p, values: Array(parameters[0..<(k * p)]))
    let intercepts = Array(parameters[(k * p)...])
    let pass = x.linearModelPass(weights: weights) { rows, r in
        var loss = 0.0
        for (j, i) in rows.enumerated() {
            let base = j * k
            var largest = -Double.infinity
            for c in 0..<k {
                r[base + c] += intercepts[c]
                largest = max(largest, r[base + c])
            }
            var total = 0.0
            for c in 0..<k { total += exp(r[base + c] - largest) }
            let logSum = largest + log(total)
            loss += logSum - r[base + y[i]]
            for c in 0..<k { r[base + c] = exp(r[base + c] - logSum) - (c == y[i] ? 1 : 0) }
        }
        return loss
    }
    var gradient = pass.gradient.values
    var penalty = 0.0
    for j in gradient.indices {
        gradient[j] = gradient[j] / n + strength * weights.values[j]
        penalty += weights.values[j] * weights.values[j]
    }
    gradient.append(contentsOf: pass.residualSums.map { $0 / n })
    return (pass.loss / n + 0.5 * strength * penalty, gradient)
}

/// 1 / (1 + e^−z), accurate for large |z|.
func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
}

/// e^zₖ / Σ e^zⱼ, shifted by the maximum for stability.
func softmax(_ z: [Double]) -> [Double] {
    let largest = z.max() ?? 0
    let exps = z.map { exp($0 - largest) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
}

/// The index of the largest value (the first on a tie).
func argmax(_ values: [Double]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}
