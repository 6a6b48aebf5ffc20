/// Limited-memory BFGS for smooth unconstrained minimisation, with a strong-Wolfe line search
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., algorithms 7.4, 3.5 and 3.6).
///
/// It stops, like SciPy's L-BFGS-B that scikit-learn uses, when the largest gradient component is
/// at most `gradientTolerance`, or when an iteration lowers the objective by at most
/// `relativeFunctionTolerance` · max(|f|, 1).
struct LBFGS: Sendable {
    /// The objective's value and gradient at a point.
    typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

    /// The outcome of a minimisation.
    struct Result: Sendable {
        var x: [Double]
        var value: Double
        /// The largest absolute gradient component at `x`.
        var gradientNorm: Double
        var iterations: Int
        var converged: Bool
        /// Why the iterations stopped, for warnings.
        var reason: String
    }

    /// The number of correction pairs kept (SciPy's default `maxcor`).
    var memory = 10
    var maxIterations: Int
    var gradientTolerance: Double
    /// SciPy's `ftol` as scikit-learn sets it.
    var relativeFunctionTolerance = 64 * Double.ulpOfOne
    /// Largest gradient at which a stalled line search still counts as convergence: scikit-learn's
    /// default `tol`, so the answer is never worse than scikit-learn's default stopping rule.
    var stalledGradientTolerance = 1e-4
    /// Objective evaluations allowed per line search (scikit-learn passes `maxls=50`).
    var maxLineSearchSteps = 50

    func minimize(from start: [Double], _ objective: Objective) -> Result {
        var x = start
        var (f, g) = objective(x)
        var gNorm = maxNorm(g)
        guard f.isFinite, g.allSatisfy(\.isFinite) else {
            return Result(
                x: x, value: f, gradientNorm: gNorm, iterations: 0, converged: false,
                reason: "the objective is not finite at the starting point")
        }
        if gNorm <= gradientTolerance {
            return Result(
                x: x, value: f, gradientNorm: gNorm, iterations: 0, converged: true,
                reason: "the gradient is below the tolerance")
        }
        var s: [[Double]] = []
        var y: [[Double]] = []
        var rho: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var direction = lbfgsDirection(g, s: s, y: y, rho: rho)
            var slope = dot(direction, g)
            if !(slope < 0) {
                // Not a descent direction (rounding in the curvature pairs): restart from steepest descent.
                s.removeAll()
                y.removeAll()
                rho.removeAll()
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            let firstStep = s.isEmpty ? min(1, 1 / norm2(direction)) : 1
            guard let step = lineSearch(x: x, f: f, slope: slope, direction: direction, initial: firstStep, objective)
            else {
                if !s.isEmpty {
                    // Retry once from steepest descent before giving up.
                    s.removeAll()
                    y.removeAll()
                    rho.removeAll()
                    iteration -= 1
                    continue
                }
                let converged = gNorm <= stalledGradientTolerance
                return Result(
                    x: x, value: f, gradientNorm: gNorm, iterations: iteration - 1, converged: converged,
                    reason: "the line search could not lower the objective (gradient \(gNorm))")
            }
            var sk = direction
            for i in sk.indices { sk[i] *= step.alpha }
            var yk = step.gradient
            for i in yk.indices { yk[i] -= g[i] }
            let sy = dot(sk, yk)
            if sy > Double.ulpOfOne * dot(yk, yk) {
                if s.count == memory {
                    s.removeFirst()
                    y.removeFirst()
                    rho.removeFirst()
                }
                s.append(sk)
                y.append(yk)
                rho.append(1 / sy)
            }
            for i in x.indices { x[i] += sk[i] }
            let previous = f
            f = step.value
            g = step.gradient
            gNorm = maxNorm(g)
            if gNorm <= gradientTolerance {
                return Result(
                    x: x, value: f, gradientNorm: gNorm, iterations: iteration, converged: true,
                    reason: "the gradient is below the tolerance")
            }
            if previous - f <= relativeFunctionTolerance * max(abs(previous), abs(f), 1) {
                return Result(
                    x: x, value: f, gradientNorm: gNorm, iterations: iteration, converged: true,
                    reason: "the objective stopped decreasing")
            }
        }
        return Result(
            x: x, value: f, gradientNorm: gNorm, iterations: iteration, converged: false,
            reason: "reached the iteration limit (\(maxIterations)) with gradient \(gNorm)")
    }

    private struct Point {
        var alpha: Double
        var value: Double
        var slope: Double
        var gradient: [Double]
    }

    /// A step satisfying the strong Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9), or at least sufficient
    /// decrease; `nil` when no lower point was found.
    private func lineSearch(
        x: [Double], f: Double, slope: Double, direction: [Double], initial: Double, _ objective: Objective
    ) -> Point? {
        let c1 = 1e-4
        let c2 = 0.9
        var evaluations = 0
        func evaluate(_ alpha: Double) -> Point {
            evaluations += 1
            var trial = x
            for i in trial.indices { trial[i] += alpha * direction[i] }
            let (value, gradient) = objective(trial)
            let finite = value.isFinite && gradient.allSatisfy(\.isFinite)
            return Point(
                alpha: alpha, value: finite ? value : .infinity, slope: finite ? dot(gradient, direction) : 0,
                gradient: gradient)
        }
        func sufficient(_ p: Point) -> Bool { p.value <= f + c1 * p.alpha * slope }
        func curvature(_ p: Point) -> Bool { abs(p.slope) <= -c2 * slope }

        func zoom(_ lowStart: Point, _ highStart: Point) -> Point? {
            var low = lowStart
            var high = highStart
            while evaluations < maxLineSearchSteps {
                let alpha = interpolate(low, high)
                let width = abs(high.alpha - low.alpha)
                if width <= Double.ulpOfOne * max(abs(low.alpha), abs(high.alpha)) { break }
                let trial = evaluate(alpha)
                if !sufficient(trial) || trial.value >= low.value {
                    high = trial
                } else {
                    if curvature(trial) { return trial }
                    if trial.slope * (high.alpha - low.alpha) >= 0 { high = low }
                    low = trial
                }
            }
            // No strong-Wolfe point, but a step with sufficient decrease still makes progress.
            return low.alpha > 0 && low.value < f ? low : nil
        }

        let origin = Point(alpha: 0, value: f, slope: slope, gradient: [])
        var previous = origin
        var alpha = initial
        while evaluations < maxLineSearchSteps {
            let trial = evaluate(alpha)
            if !sufficient(trial) || (previous.alpha > 0 && trial.value >= previous.value) {
                return zoom(previous, trial)
            }
            if curvature(trial) { return trial }
            if trial.slope >= 0 { return zoom(trial, previous) }
            previous = trial
            alpha *= 2
        }
        return previous.alpha > 0 ? previous : nil
    }

    /// The minimiser of the cubic through two points, kept inside the middle 80 % of the bracket;
    /// bisection when the cubic has no usable minimum.
    private func interpolate(_ a: Point, _ b: Point) -> Double {
        let lower = min(a.alpha, b.alpha)
        let upper = max(a.alpha, b.alpha)
        let midpoint = (lower + upper) / 2
        guard a.value.isFinite, b.value.isFinite, a.alpha != b.alpha else { return midpoint }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
        let discriminant = d1 * d1 - a.slope * b.slope
        guard discriminant >= 0 else { return midpoint }
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * discriminant.squareRoot()
        let candidate = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        let margin = 0.1 * (upper - lower)
        guard candidate.isFinite, candidate >= lower + margin, candidate <= upper - margin else { return midpoint }
        return candidate
    }
}

/// −H·g by the L-BFGS two-loop recursion (Nocedal & Wright, algorithm 7.4), with H₀ = (sᵀy / yᵀy) I from the
/// newest pair; shared by ``LBFGS`` and ``OWLQN``.
///
/// - Parameters:
///   - g: The vector to multiply (the gradient, or OWL-QN's pseudo-gradient).
///   - s: The stored steps, oldest first.
///   - y: The stored gradient changes, oldest first.
///   - rho: 1 / (yᵢᵀsᵢ) for each pair.
/// - Returns: The search direction −H·g.
func lbfgsDirection(_ g: [Double], s: [[Double]], y: [[Double]], rho: [Double]) -> [Double] {
    var q = g
    var alpha = [Double](repeating: 0, count: s.count)
    for i in stride(from: s.count - 1, through: 0, by: -1) {
        alpha[i] = rho[i] * dot(s[i], q)
        for j in q.indices { q[j] -= alpha[i] * y[i][j] }
    }
    if let sLast = s.last, let yLast = y.last {
        let gamma = dot(sLast, yLast) / dot(yLast, yLast)
        for j in q.indices { q[j] *= gamma }
    }
    for i in s.indices {
        let beta = rho[i] * dot(y[i], q)
        for j in q.indices { q[j] += (alpha[i] - beta) * s[i][j] }
    }
    return q.map { -$0 }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

private func norm2(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

private func maxNorm(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
