import Foundation
import Testing

@testable import MLLearn

@Suite struct MatrixTests {
    /// The textbook triple loop, the naive reference for BLAS.
    private func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var sum = 0.0
                for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    private let a = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
    private let b = Matrix(rowArrays: [[7, 8], [9, 10], [11, 12]])

    @Test func storesRowsOneAfterAnother() {
        #expect(a.values == [1, 2, 3, 4, 5, 6])
        #expect(a[1, 0] == 4)
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.column(2) == [3, 6])
        #expect(a.transposed().rowArrays == [[1, 4], [2, 5], [3, 6]])
        #expect(a.selecting(rows: [1, 1, 0]).rowArrays == [[4, 5, 6], [4, 5, 6], [1, 2, 3]])
    }

    @Test func multipliesLikeTheTextbook() {
        // Hand-worked: [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154].
        #expect(a.multiply(b).rowArrays == [[58, 64], [139, 154]])
        #expect(a.multiply(b) == naiveProduct(a, b))
    }

    @Test func multipliesTransposedFactorsWithoutCopying() {
        #expect(a.multiply(a, transposingOther: true) == naiveProduct(a, a.transposed()))
        #expect(a.multiply(a, transposingSelf: true) == naiveProduct(a.transposed(), a))
        #expect(
            b.multiply(a, transposingSelf: true, transposingOther: true) == naiveProduct(b.transposed(), a.transposed())
        )
    }

    @Test func multipliesLargerRandomMatricesLikeTheNaiveLoop() {
        // Seeded pseudo-random entries; BLAS may sum in another order, hence the tolerance.
        var state: UInt64 = 42
        let x = randomMatrix(rows: 37, columns: 23, state: &state)
        let y = randomMatrix(rows: 23, columns: 11, state: &state)
        #expect(isClose(x.multiply(y).values, naiveProduct(x, y).values, tolerance: 1e-12))
    }

    @Test func multipliesLargeProductsInBlocksOfRowsLikeTheNaiveLoop() {
        // 300·180·40 = 2.16 M multiply-adds: two blocks of rows (DenseKernels.parallelBlockWork), in all four
        // transpositions.
        #expect(300 * 180 * 40 / DenseKernels.parallelBlockWork == 2)
        var state: UInt64 = 7
        let a = randomMatrix(rows: 300, columns: 40, state: &state)
        let b = randomMatrix(rows: 40, columns: 180, state: &state)
        let expected = naiveProduct(a, b).values
        #expect(isClose(a.multiply(b).values, expected, tolerance: 1e-12))
        let at = a.transposed()
        let bt = b.transposed()
        #expect(isClose(at.multiply(b, transposingSelf: true).values, expected, tolerance: 1e-12))
        #expect(isClose(a.multiply(bt, transposingOther: true).values, expected, tolerance: 1e-12))
        let both = at.multiply(bt, transposingSelf: true, transposingOther: true)
        #expect(isClose(both.values, expected, tolerance: 1e-12))
    }

    @Test func blasRunsOnTheCallingThreadOnly() {
        BLASThreads.confine()
        #expect(BLASThreads.openBLASThreadCount == 1)
    }

    @Test func multipliesVectors() {
        // Hand-worked: [1 2 3; 4 5 6] · [1, 0, -1] = [-2, -2]; transposed · [1, 1] = [5, 7, 9].
        #expect(a.multiply([1, 0, -1]) == [-2, -2])
        #expect(a.multiply([1, 1], transposing: true) == [5, 7, 9])
    }

    @Test func handlesEmptyShapes() {
        let empty = Matrix(rows: 0, columns: 3)
        #expect(empty.multiply(b).rows == 0)
        #expect(Matrix(rows: 2, columns: 0).multiply(Matrix(rows: 0, columns: 4)) == Matrix(rows: 2, columns: 4))
        #expect(empty.multiply([1, 2, 3]) == [])
    }

    @Test func solvesSymmetricPositiveDefiniteSystems() throws {
        // Hand-worked: [4 2; 2 3] · [1; 2] = [8; 8], so the solution of A x = [8; 8] is [1; 2].
        let matrix = Matrix(rowArrays: [[4, 2], [2, 3]])
        let solution = try matrix.choleskySolve(Matrix(rowArrays: [[8], [8]]))
        #expect(isClose(solution.values, [1, 2], tolerance: 1e-14))
    }

    @Test func rejectsIndefiniteSystems() {
        let indefinite = Matrix(rowArrays: [[1, 2], [2, 1]])
        #expect(throws: LearnError.self) { try indefinite.choleskySolve(Matrix(rowArrays: [[1], [1]])) }
    }

    @Test func roundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(Matrix.self, from: data) == a)
    }

    @Test func rejectsJSONWhoseShapeDisagreesWithItsValues() {
        let bad = Data(#"{"rows": 2, "columns": 2, "values": [1, 2, 3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: bad) }
    }
}

/// A matrix of pseudo-random entries in [−0.5, 0.5) from a 64-bit linear congruential stream.
private func randomMatrix(rows: Int, columns: Int, state: inout UInt64) -> Matrix {
    var values: [Double] = []
    for _ in 0..<(rows * columns) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        values.append(Double(state >> 11) / Double(1 << 53) - 0.5)
    }
    return Matrix(rows: rows, columns: columns, values: values)
}
