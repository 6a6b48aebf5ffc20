// LAPACK least squares and the BLAS Gram product for the linear models, through CLAPACK.
// Every call works on row-major buffers that live only for the duration of the call.
internal import CLAPACK

extension Matrix {
    /// The minimum-norm least-squares solution of self · w ≈ `rightHandSide`, by LAPACK `dgelsd`
    /// (an SVD with divide and conquer), as NumPy's and SciPy's `lstsq`.
    ///
    /// Singular values at most `relativeCondition` times the largest count as zero, so a
    /// rank-deficient matrix (such as one-hot columns next to an intercept) gets the solution of
    /// smallest norm instead of a failure.
    ///
    /// - Parameters:
    ///   - rightHandSide: A vector with one element per row.
    ///   - relativeCondition: The relative cut-off for small singular values (default
    ///     max(*m*, *n*) · ε, NumPy's `rcond` default).
    /// - Returns: The solution (one element per column) and the effective rank.
    /// - Throws: ``LearnError`` `.numericalFailure` when the SVD does not converge,
    ///   `.shapeMismatch` when `rightHandSide` has the wrong length.
    /// - Complexity: O(*m* · *n* · min(*m*, *n*)).
    func leastSquares(_ rightHandSide: [Double], relativeCondition: Double? = nil) throws
        -> (solution: [Double], rank: Int)
    {
        BLASThreads.confine()
        guard rightHandSide.count == rows else {
            throw LearnError(
                .shapeMismatch, "least squares needs \(rows) right-hand side values, got \(rightHandSide.count)")
        }
        guard rows > 0, columns > 0 else { return ([Double](repeating: 0, count: columns), 0) }
        let rcond = relativeCondition ?? Double(Swift.max(rows, columns)) * Double.ulpOfOne
        var a = values
        // dgelsd overwrites b with the solution in its first `columns` rows, so b needs max(m, n) rows.
        var b = [Double](repeating: 0, count: Swift.max(rows, columns))
        b.replaceSubrange(0..<rows, with: rightHandSide)
        var singularValues = [Double](repeating: 0, count: Swift.min(rows, columns))
        var rank: Int32 = 0
        let info = a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                singularValues.withUnsafeMutableBufferPointer { sBuffer in
                    LAPACKE_dgelsd(
                        LAPACK_ROW_MAJOR, .init(rows), .init(columns), 1, aBuffer.baseAddress, .init(columns),
                        bBuffer.baseAddress, 1, sBuffer.baseAddress, rcond, &rank
                    )
                }
            }
        }
        guard info == 0 else {
            let reason = info > 0 ? "the SVD did not converge" : "bad argument \(-info)"
            throw LearnError(.numericalFailure, "least squares (dgelsd) failed: \(reason)")
        }
        return (Array(b[0..<columns]), Int(rank))
    }

    /// The Gram matrix selfᵀ · self, by BLAS `dsyrk` (half the work of a general product), both
    /// triangles filled.
    ///
    /// - Returns: A `columns`×`columns` symmetric matrix.
    /// - Complexity: O(`rows` · `columns`²).
    func gram() -> Matrix {
        BLASThreads.confine()
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return result }
        let p = columns
        result.withUnsafeMutableValues { c in
            values.withUnsafeBufferPointer { a in
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasTrans, .init(p), .init(rows), 1, a.baseAddress, .init(p), 0,
                    c.baseAddress, .init(p)
                )
            }
            for i in 0..<p {
                for j in 0..<i { c[i * p + j] = c[j * p + i] }
            }
        }
        return result
    }
}
