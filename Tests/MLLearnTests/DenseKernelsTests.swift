import Foundation
import MLData
import Testing

@testable import MLLearn

@Suite struct DenseKernelsTests {
    /// A product equals a naive triple loop for every combination of transpositions, for a full-sized shape
    /// and for the shapes with a dimension of 1 that go to `dgemv` and `dger` instead of `dgemm`; with β = 1
    /// and β = 0.5 scaling C, β = 0 ignoring a C full of NaN, and A stored with a leading dimension wider than
    /// its rows.
    @Test(
        arguments: [[37, 90, 120], [1, 90, 120], [37, 1, 120], [37, 90, 1], [1, 1, 5], [1, 7, 1], [5, 1, 1]],
        [(false, false), (true, false), (false, true), (true, true)])
    func productMatchesTheDefinition(shape: [Int], transposing: (a: Bool, b: Bool)) {
        let (m, n, k) = (shape[0], shape[1], shape[2])
        var generator = SeededGenerator(seed: 5)
        // A is stored with 3 spare elements at the end of each stored row.
        let storedRows = transposing.a ? k : m
        let leading = (transposing.a ? m : k) + 3
        let a = (0..<(storedRows * leading)).map { _ in generator.nextUnit() - 0.5 }
        let b = (0..<(k * n)).map { _ in generator.nextUnit() - 0.5 }
        let start = (0..<(m * n)).map { _ in generator.nextUnit() }
        for beta in [1, 0.5, 0] {
            var c = beta == 0 ? [Double](repeating: .nan, count: m * n) : start
            var expected = start
            for i in 0..<m {
                for j in 0..<n {
                    var total = 0.0
                    for t in 0..<k {
                        let left = transposing.a ? a[t * leading + i] : a[i * leading + t]
                        let right = transposing.b ? b[j * k + t] : b[t * n + j]
                        total += left * right
                    }
                    expected[i * n + j] = 2 * total + beta * start[i * n + j]
                }
            }
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        guard let ab = ap.baseAddress, let bb = bp.baseAddress, let cb = cp.baseAddress else { return }
                        DenseKernels.gemm(
                            m: m, n: n, k: k, ab, transposingA: transposing.a, leadingA: leading, bb,
                            transposingB: transposing.b, into: cb, alpha: 2, beta: beta)
                    }
                }
            }
            #expect(isClose(c, expected, tolerance: 1e-12), "\(m)×\(n)×\(k), transposing \(transposing), β \(beta)")
        }
    }

    /// The SVD helper on a hand-worked matrix: diag(3, 2) padded with a zero row has singular values 3 and 2
    /// and right vectors ±e₁, ±e₂.
    @Test func singularValuesOfADiagonalMatrix() throws {
        // Column-major 3×2: columns (3, 0, 0) and (0, 2, 0).
        var values: [Double] = [3, 0, 0, 0, 2, 0]
        let (singular, vectors) = try DenseKernels.rightSingularVectors(columnMajor: &values, rows: 3, columns: 2)
        #expect(isClose(singular, [3, 2], tolerance: 1e-14))
        #expect(isClose(vectors.values.map(abs), [1, 0, 0, 1], tolerance: 1e-14))
    }
}
