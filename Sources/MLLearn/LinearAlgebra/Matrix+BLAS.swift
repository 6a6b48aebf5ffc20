// OpenBLAS (CBLAS) and LAPACKE calls on Matrix values; DenseKernels.swift holds the pointer-level ones.
// Every call works on row-major buffers that live only for the duration of the call.
internal import CLAPACK
internal import MLData

extension Matrix {
    /// The matrix product op(self) · op(other), computed by BLAS `dgemm`.
    ///
    /// A large product is cut into blocks of rows of the result, computed in parallel on the engine's pool
    /// (each by ``DenseKernels/gemm(m:n:k:_:transposingA:_:transposingB:into:alpha:beta:)`` on one thread);
    /// the blocks depend only on the shapes, so the result is the same for any number of threads.
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
        // Blocks of about a million multiply-adds, at most 64 of them.
        let blocks = chunkRanges(m, chunks: min(64, m, max(1, m * n * k / DenseKernels.parallelBlockWork)))
        let a = values
        let b = other.values
        result.withUnsafeMutableValues { c in
            nonisolated(unsafe) let c = c
            // Each block writes its own rows of the result and nothing else.
            Parallel.forEach(blocks.count) { index in
                let rows = blocks[index]
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                        // Row `lowerBound` of op(A): a row of A, or a column of A when transposed.
                        DenseKernels.gemm(
                            m: rows.count, n: n, k: k,
                            transposingSelf ? a + rows.lowerBound : a + rows.lowerBound * k,
                            transposingA: transposingSelf, leadingA: transposingSelf ? m : k,
                            b, transposingB: transposingOther, into: c + rows.lowerBound * n)
                    }
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
        BLASThreads.confine()
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
        BLASThreads.confine()
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

extension Matrix {
    /// The loss and gradient of a linear model's objective, from one pass over the rows of self.
    ///
    /// For each block of rows it computes the scores Z = X · Wᵀ (one column per row of `weights`), lets
    /// `link` turn them in place into residuals R and return the block's loss, and accumulates the
    /// gradient Rᵀ · X and the column sums of R. A block is small enough to stay in cache between the two
    /// products, so the matrix is read from memory once per evaluation instead of twice, which is what an
    /// iterative solver on a large design matrix waits for.
    ///
    /// Blocks are grouped into chunks whose number depends only on the row count; chunks run in parallel
    /// and their sums are added in chunk order, so the result is the same for any number of threads.
    ///
    /// - Parameters:
    ///   - weights: A *k*×`columns` matrix.
    ///   - link: Given the rows of a block and their *b*×*k* scores (row-major), overwrites the scores
    ///     with the residuals and returns the block's loss.
    /// - Returns: The summed loss, the *k*×`columns` gradient Rᵀ · X and the *k* column sums of R.
    /// - Complexity: O(`rows` · `columns` · *k*).
    func linearModelPass(
        weights: Matrix,
        link: @Sendable (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<Double>) -> Double
    ) -> (loss: Double, gradient: Matrix, residualSums: [Double]) {
        BLASThreads.confine()
        precondition(weights.columns == columns, "weights for \(weights.columns) columns, matrix has \(columns)")
        let k = weights.rows
        let p = columns
        // About 64 KiB of rows per block; chunks of at least 4,096 rows, at most 64 of them.
        let blockRows = max(8, 8_192 / max(1, p))
        let chunks = chunkRanges(rows, chunks: min(64, max(1, rows / 4_096)))
        let partial = Parallel.map(chunks.count) { chunk -> (Double, [Double], [Double]) in
            var gradient = [Double](repeating: 0, count: k * p)
            var sums = [Double](repeating: 0, count: k)
            var scores = [Double](repeating: 0, count: blockRows * k)
            var loss = 0.0
            values.withUnsafeBufferPointer { x in
                weights.values.withUnsafeBufferPointer { w in
                    gradient.withUnsafeMutableBufferPointer { g in
                        scores.withUnsafeMutableBufferPointer { z in
                            for start in stride(
                                from: chunks[chunk].lowerBound, to: chunks[chunk].upperBound, by: blockRows)
                            {
                                let end = min(start + blockRows, chunks[chunk].upperBound)
                                let b = end - start
                                let block = x.baseAddress.map { $0 + start * p }
                                if k == 1 {
                                    cblas_dgemv(
                                        CblasRowMajor, CblasNoTrans, .init(b), .init(p), 1, block, .init(p),
                                        w.baseAddress, 1, 0, z.baseAddress, 1)
                                } else {
                                    cblas_dgemm(
                                        CblasRowMajor, CblasNoTrans, CblasTrans, .init(b), .init(k), .init(p),
                                        1, block, .init(p), w.baseAddress, .init(p), 0, z.baseAddress, .init(k))
                                }
                                let residuals = UnsafeMutableBufferPointer(rebasing: z[0..<(b * k)])
                                loss += link(start..<end, residuals)
                                for i in 0..<b {
                                    for c in 0..<k { sums[c] += residuals[i * k + c] }
                                }
                                if k == 1 {
                                    cblas_dgemv(
                                        CblasRowMajor, CblasTrans, .init(b), .init(p), 1, block, .init(p),
                                        z.baseAddress, 1, 1, g.baseAddress, 1)
                                } else {
                                    cblas_dgemm(
                                        CblasRowMajor, CblasTrans, CblasNoTrans, .init(k), .init(p), .init(b),
                                        1, z.baseAddress, .init(k), block, .init(p), 1, g.baseAddress, .init(p))
                                }
                            }
                        }
                    }
                }
            }
            return (loss, gradient, sums)
        }
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: k * p)
        var sums = [Double](repeating: 0, count: k)
        for (chunkLoss, chunkGradient, chunkSums) in partial {
            loss += chunkLoss
            for j in gradient.indices { gradient[j] += chunkGradient[j] }
            for c in 0..<k { sums[c] += chunkSums[c] }
        }
        return (loss, Matrix(rows: k, columns: p, values: gradient), sums)
    }
}
