/// Orthant-wise limited-memory quasi-Newton (OWL-QN) for f(x) + λ·Σ|xⱼ| over the first `penalisedCount`
/// coordinates, f smooth (Andrew & Gao, "Scalable training of L1-regularized log-linear models", ICML 2007).
///
/// Each iteration builds the L-BFGS direction from the pseudo-gradient (the gradient of the objective
/// restricted to the current orthant, zero where the L1 term's subgradient can cancel f's gradient),
/// zeroes the components of penalised coordinates at zero that disagree in sign with the steepest descent
/// (the paper zeroes them everywhere, which zigzags near the optimum), and backtracks along the
/// direction with every penalised coordinate that would cross zero held at zero. Coordinates therefore
/// reach exactly zero, as in a lasso. It stops when the largest pseudo-gradient component is at most
/// `gradientTolerance` (the optimality condition), or when an iteration lowers the objective by at most
/// `relativeFunctionTolerance` · max(|F|, 1), as ``LBFGS`` does.
struct OWLQN: Sendable {
    /// The number of correction pairs kept.
    var memory = 10
    /// The most iterations.
    var maxIterations: Int
    /// The largest pseudo-gradient component accepted as optimal.
    var gradientTolerance: Double
    /// The relative decrease below which the objective counts as settled.
    var relativeFunctionTolerance = 64 * Double.ulpOfOne
    /// Largest pseudo-gradient at which a stalled line search still counts as convergence (as ``LBFGS``).
    var stalledGradientTolerance = 1e-4
    /// Objective evaluations allowed per line search.
    var maxLineSearchSteps = 50

    /// Minimises f(x) + `l1`·Σ_{j < penalisedCount} |xⱼ| from `start`.
    ///
    /// - Parameters:
    ///   - start: The starting point.
    ///   - l1: The L1 strength λ ≥ 0.
    ///   - penalisedCount: How many leading coordinates carry the L1 term (the rest, such as
    ///     intercepts, are free).
    ///   - objective: f's value and gradient.
    /// - Returns: The solution; `value` includes the L1 term and `gradientNorm` is the largest
    ///   pseudo-gradient component.
    func minimize(from start: [Double], l1: Double, penalisedCount: Int, _ objective: LBFGS.Objective)
        -> LBFGS.Result
    {
        var x = start
        var (f, g) = objective(x)
        var total = f + l1 * l1Norm(x, penalisedCount)
        var pg = pseudoGradient(x, g, l1: l1, penalisedCount: penalisedCount)
        var pgNorm = pg.reduce(0) { max($0, abs($1)) }
        guard total.isFinite, g.allSatisfy(\.isFinite) else {
            return LBFGS.Result(
                x: x, value: total, gradientNorm: pgNorm, iterations: 0, converged: false,
                reason: "the objective is not finite at the starting point")
        }
        if pgNorm <= gradientTolerance {
            return LBFGS.Result(
                x: x, value: total, gradientNorm: pgNorm, iterations: 0, converged: true,
                reason: "the pseudo-gradient is below the tolerance")
        }
        var s: [[Double]] = []
        var y: [[Double]] = []
        var rho: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var direction = lbfgsDirection(pg, s: s, y: y, rho: rho)
            // A penalised coordinate at zero may only move the way −pg points (Andrew & Gao's projection of the
            // direction). Elsewhere the objective is smooth within the orthant, so the quasi-Newton direction is
            // kept whole: projecting every coordinate, as the paper does, zigzags near the optimum.
            for j in 0..<penalisedCount where x[j] == 0 && direction[j] * pg[j] >= 0 { direction[j] = 0 }
            if !(dot(direction, pg) < 0) {
                s.removeAll()
                y.removeAll()
                rho.removeAll()
                direction = pg.map { -$0 }
            }
            // The orthant of the step: the sign of x, or of −pg where x is zero.
            let orthant = (0..<x.count).map { j -> Double in
                x[j] != 0 ? (x[j] > 0 ? 1 : -1) : (pg[j] < 0 ? 1 : (pg[j] > 0 ? -1 : 0))
            }
            var alpha = s.isEmpty ? min(1, 1 / dot(direction, direction).squareRoot()) : 1
            var accepted: (x: [Double], f: Double, g: [Double], total: Double)?
            for _ in 0..<maxLineSearchSteps {
                var candidate = x
                for j in candidate.indices {
                    candidate[j] += alpha * direction[j]
                    if j < penalisedCount, candidate[j] * orthant[j] <= 0 { candidate[j] = 0 }
                }
                let (fc, gc) = objective(candidate)
                let totalCandidate = fc + l1 * l1Norm(candidate, penalisedCount)
                var decrease = 0.0
                for j in candidate.indices { decrease += pg[j] * (candidate[j] - x[j]) }
                if totalCandidate.isFinite, totalCandidate <= total + 1e-4 * decrease {
                    accepted = (candidate, fc, gc, totalCandidate)
                    break
                }
                alpha *= 0.5
            }
            guard let step = accepted else {
                if !s.isEmpty {
                    // Retry once from the steepest descent before giving up.
                    s.removeAll()
                    y.removeAll()
                    rho.removeAll()
                    iteration -= 1
                    continue
                }
                return LBFGS.Result(
                    x: x, value: total, gradientNorm: pgNorm, iterations: iteration - 1,
                    converged: pgNorm <= stalledGradientTolerance,
                    reason: "the line search could not lower the objective (pseudo-gradient \(pgNorm))")
            }
            var sk = step.x
            var yk = step.g
            for j in sk.indices {
                sk[j] -= x[j]
                yk[j] -= g[j]
            }
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
            let previous = total
            (x, f, g, total) = step
            pg = pseudoGradient(x, g, l1: l1, penalisedCount: penalisedCount)
            pgNorm = pg.reduce(0) { max($0, abs($1)) }
            if pgNorm <= gradientTolerance {
                return LBFGS.Result(
                    x: x, value: total, gradientNorm: pgNorm, iterations: iteration, converged: true,
                    reason: "the pseudo-gradient is below the tolerance")
            }
            if previous - total <= relativeFunctionTolerance * max(abs(previous), abs(total), 1) {
                return LBFGS.Result(
                    x: x, value: total, gradientNorm: pgNorm, iterations: iteration, converged: true,
                    reason: "the objective stopped decreasing")
            }
        }
        return LBFGS.Result(
            x: x, value: total, gradientNorm: pgNorm, iterations: iteration, converged: false,
            reason: "reached the iteration limit (\(maxIterations)) with pseudo-gradient \(pgNorm)")
    }

    /// The pseudo-gradient: ∇f plus λ·sign(xⱼ) where xⱼ ≠ 0; where xⱼ = 0, the one-sided derivative
    /// that descends (∇ⱼf ± λ), or 0 when |∇ⱼf| ≤ λ; unpenalised coordinates keep ∇ⱼf.
    private func pseudoGradient(_ x: [Double], _ g: [Double], l1: Double, penalisedCount: Int) -> [Double] {
        var pg = g
        for j in 0..<penalisedCount {
            if x[j] > 0 {
                pg[j] = g[j] + l1
            } else if x[j] < 0 {
                pg[j] = g[j] - l1
            } else if g[j] + l1 < 0 {
                pg[j] = g[j] + l1
            } else if g[j] - l1 > 0 {
                pg[j] = g[j] - l1
            } else {
                pg[j] = 0
            }
        }
        return pg
    }

    /// Σ|xⱼ| over the first `count` coordinates.
    private func l1Norm(_ x: [Double], _ count: Int) -> Double {
        var sum = 0.0
        for j in 0..<count { sum += abs(x[j]) }
        return sum
    }
}
