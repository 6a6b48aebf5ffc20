// The only file in MLLearn that calls C: OpenBLAS (CBLAS) and LAPACKE through CLAPACK.
// Every call works on row-major buffers that live only for the duration of the call.
internal import CLAPACK

extension Matrix {
    /// The matrix product op(self) · op(other), computed by BLAS `dgemm`.
    ///
    /// - Parameters:
    ///   - other: The right-hand factor.
    ///   - transposingSelf: Use selfᵀ instead of self.
    ///   - transposingOther: Use otherᵀ instead of other.
    /// - Returns: An *m*×*n* matrix, where *m* is the row count of op(self) and *n* the column count
    ///   of op(other). The inner dimensions must agree (a programmer error otherwise).
    /// - Complexity: O(*m* · *n* · *k*).
    public func multiply(_ other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false) -> Matrix {
        let m = transposingSelf ? columns : rows
        let k = transposingSelf ? rows : columns
        let otherK = transposingOther ? other.columns : other.rows
        let n = transposingOther ? other.rows : other.columns
        precondition(k == otherK, "matrix product of \(m)×\(k) and \(otherK)×\(n) factors")
        var result = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return result }
        result.withUnsafeMutableValues { c in
            values.withUnsafeBufferPointer { a in
                other.values.withUnsafeBufferPointer { b in
                    cblas_dgemm(
                        CblasRowMajor,
                        transposingSelf ? CblasTrans : CblasNoTrans,
                        transposingOther ? CblasTrans : CblasNoTrans,
                        .init(m), .init(n), .init(k),
                        1, a.baseAddress, .init(max(1, columns)),
                        b.baseAddress, .init(max(1, other.columns)),
                        0, c.baseAddress, .init(max(1, n))
                    )
                }
            }
        }
        return result
    }

    /// The matrix–vector product op(self) · `vector`, computed by BLAS `dgemv`.
    ///
    /// - Parameters:
    ///   - vector: A vector with as many elements as op(self) has columns.
    ///   - transposing: Use selfᵀ instead of self.
    /// - Returns: A vector with as many elements as op(self) has rows.
    /// - Complexity: O(`rows` · `columns`).
    public func multiply(_ vector: [Double], transposing: Bool = false) -> [Double] {
        let inner = transposing ? rows : columns
        let outer = transposing ? columns : rows
        precondition(vector.count == inner, "matrix–vector product needs \(inner) elements, got \(vector.count)")
        var result = [Double](repeating: 0, count: outer)
        guard rows > 0, columns > 0 else { return result }
        result.withUnsafeMutableBufferPointer { y in
            values.withUnsafeBufferPointer { a in
                vector.withUnsafeBufferPointer { x in
                    cblas_dgemv(
                        CblasRowMajor, transposing ? CblasTrans : CblasNoTrans,
                        .init(rows), .init(columns), 1, a.baseAddress, .init(columns),
                        x.baseAddress, 1, 0, y.baseAddress, 1
                    )
                }
            }
        }
        return result
    }

    /// Solves self · X = `rightHandSide` for a symmetric positive-definite self (LAPACK `dposv`,
    /// a Cholesky factorisation).
    ///
    /// Only the upper triangle of self is read.
    ///
    /// - Parameter rightHandSide: A matrix with as many rows as self.
    /// - Returns: X, with the shape of `rightHandSide`.
    /// - Throws: ``LearnError`` `.numericalFailure` when self is not positive definite,
    ///   `.shapeMismatch` when self is not square or the row counts differ.
    /// - Complexity: O(*n*³ + *n*² · *k*) for *k* right-hand sides.
    public func choleskySolve(_ rightHandSide: Matrix) throws -> Matrix {
        guard rows == columns, rightHandSide.rows == rows else {
            throw LearnError(
                .shapeMismatch,
                "cannot solve a \(rows)×\(columns) system for a \(rightHandSide.rows)×\(rightHandSide.columns) "
                    + "right-hand side"
            )
        }
        var factor = self
        var solution = rightHandSide
        guard rows > 0, rightHandSide.columns > 0 else { return solution }
        let info = factor.withUnsafeMutableValues { a in
            solution.withUnsafeMutableValues { b in
                LAPACKE_dposv(
                    LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), .init(rows), .init(rightHandSide.columns),
                    a.baseAddress, .init(rows), b.baseAddress, .init(rightHandSide.columns)
                )
            }
        }
        guard info == 0 else {
            let reason =
                info > 0 ? "the matrix is not positive definite (leading minor \(info))" : "bad argument \(-info)"
            throw LearnError(.numericalFailure, "Cholesky solve failed: \(reason)")
        }
        return solution
    }
}
