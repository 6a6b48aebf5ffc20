import Testing

@testable import MLLearn

@Suite struct LBFGSTests {
    @Test func minimisesTheRosenbrockFunction() {
        // f(a, b) = (1 − a)² + 100 (b − a²)², minimum 0 at (1, 1) (hand-worked).
        let solver = LBFGS(maxIterations: 500, gradientTolerance: 1e-10)
        let result = solver.minimize(from: [-1.2, 1]) { p in
            let (a, b) = (p[0], p[1])
            let value = (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
            let gradient = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]
            return (value, gradient)
        }
        #expect(result.converged)
        #expect(isClose(result.x, [1, 1], tolerance: 1e-6))
    }

    @Test func minimisesAnIllConditionedQuadratic() {
        // f(x) = ½ Σ dᵢ xᵢ² − xᵢ with d = 1 … 10⁴; the minimum is xᵢ = 1 / dᵢ (hand-worked). The solver
        // stops once f stops decreasing (SciPy's ftol = 64 ε), which leaves x within about 10⁻⁹.
        let d = [1.0, 10, 100, 1000, 10000]
        let solver = LBFGS(maxIterations: 1000, gradientTolerance: 1e-12)
        let result = solver.minimize(from: [0, 0, 0, 0, 0]) { x in
            let value = zip(d, x).reduce(0) { $0 + 0.5 * $1.0 * $1.1 * $1.1 - $1.1 }
            return (value, zip(d, x).map { $0 * $1 - 1 })
        }
        #expect(result.converged)
        #expect(isClose(result.x, d.map { 1 / $0 }, tolerance: 1e-8))
    }

    @Test func reportsTheIterationLimit() {
        let solver = LBFGS(maxIterations: 2, gradientTolerance: 1e-14)
        let result = solver.minimize(from: [-1.2, 1]) { p in
            let (a, b) = (p[0], p[1])
            return (
                (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a),
                [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]
            )
        }
        #expect(!result.converged)
        #expect(result.iterations == 2)
    }
}
