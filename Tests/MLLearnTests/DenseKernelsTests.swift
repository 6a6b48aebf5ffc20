import Foundation
import MLData
import Testing

@testable import MLLearn

@Suite struct DenseKernelsTests {
    /// A product equals a naive triple loop, for every combination of transpositions, with β = 1 adding to C.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func productMatchesTheDefinition(transposingA: Bool, transposingB: Bool) {
        let (m, n, k) = (37, 90, 120)
        var generator = SeededGenerator(seed: 5)
        let a = (0..<(m * k)).map { _ in generator.nextUnit() - 0.5 }
        let b = (0..<(k * n)).map { _ in generator.nextUnit() - 0.5 }
        var c = (0..<(m * n)).map { _ in generator.nextUnit() }
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for t in 0..<k {
                    let left = transposingA ? a[t * m + i] : a[i * k + t]
                    let right = transposingB ? b[j * k + t] : b[t * n + j]
                    total += left * right
                }
                expected[i * n + j] = 2 * total + expected[i * n + j]
            }
        }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    guard let ab = ap.baseAddress, let bb = bp.baseAddress, let cb = cp.baseAddress else { return }
                    DenseKernels.gemm(
                        m: m, n: n, k: k, ab, transposingA: transposingA, bb, transposingB: transposingB, into: cb,
                        alpha: 2, beta: 1)
                }
            }
        }
        #expect(isClose(c, expected, tolerance: 1e-12))
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
