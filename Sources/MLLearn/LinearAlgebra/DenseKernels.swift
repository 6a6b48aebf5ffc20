// Pointer-level BLAS and LAPACK calls for the hot loops of the iterative models (MLP mini-batches,
// k-means distances) and PCA's SVD. Every buffer is row-major and packed (leading dimension = row
// length), and no pointer outlives the call that receives it.
internal import CLAPACK

/// Dense kernels on raw row-major buffers, for loops that reuse their buffers instead of allocating a
/// ``Matrix`` per step.
enum DenseKernels {
    /// The multiply-adds of one block of a product split over the engine's pool (about a millisecond).
    static let parallelBlockWork = 1 << 20

    /// C ← α · op(A) · op(B) + β · C through BLAS `dgemm`, all three packed row-major, on the calling thread.
    ///
    /// op(A) is *m*×*k* and op(B) is *k*×*n*; A is stored *m*×*k* (or *k*×*m* when `transposingA`),
    /// B is stored *k*×*n* (or *n*×*k* when `transposingB`), C is *m*×*n*.
    ///
    /// OpenBLAS is confined to the calling thread (``BLASThreads``): the products these kernels serve
    /// (mini-batches, blocks of rows) are too small for its threads to pay for their hand-off, and a
    /// threaded product's rounding would depend on the number of threads; computed this way every element
    /// comes out the same whatever the core count. Callers parallelise at a coarser grain instead.
    ///
    /// - Parameters:
    ///   - m: The rows of op(A) and C.
    ///   - n: The columns of op(B) and C.
    ///   - k: The inner dimension.
    ///   - a: The left factor.
    ///   - transposingA: Use Aᵀ.
    ///   - leadingA: The distance between consecutive stored rows of A (default: packed, *k* or *m*).
    ///   - b: The right factor.
    ///   - transposingB: Use Bᵀ.
    ///   - c: The result, read first when `beta` ≠ 0.
    ///   - alpha: The product's scale (default 1).
    ///   - beta: The scale of C's previous content (default 0: overwrite).
    /// - Complexity: O(*m* · *n* · *k*).
    static func gemm(
        m: Int, n: Int, k: Int, _ a: UnsafePointer<Double>, transposingA: Bool = false, leadingA: Int? = nil,
        _ b: UnsafePointer<Double>, transposingB: Bool = false, into c: UnsafeMutablePointer<Double>,
        alpha: Double = 1, beta: Double = 0
    ) {
        guard m > 0, n > 0 else { return }
        BLASThreads.confine()
        let lda = leadingA ?? (transposingA ? m : k)
        guard k > 0 else {
            // BLAS leaves C untouched when k = 0 only if beta = 1; make the empty product explicit.
            if beta == 0 { c.update(repeating: 0, count: m * n) } else { for i in 0..<(m * n) { c[i] *= beta } }
            return
        }
        // A product with a dimension of 1 is a matrix–vector product or an outer product. OpenBLAS's `dgemm`
        // still packs and pads both factors for its blocked kernel, which costs 3–5 times what the level-2
        // routine does at the sizes of an MLP's output layer (a binary network's 100×1 and 1×100 factors).
        // β = 0 means C's content is ignored, NaN included, as `dgemm` ignores it; the level-2 routines of
        // some OpenBLAS versions multiply it by 0 instead, so C is cleared here.
        if (m == 1 || n == 1 || k == 1) && beta == 0 { c.update(repeating: 0, count: m * n) }
        if n == 1 {
            // C = α · op(A) · b + β · C, b being B's only column (stored contiguously either way).
            cblas_dgemv(
                CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans, .init(transposingA ? k : m),
                .init(transposingA ? m : k), alpha, a, .init(lda), b, 1, beta, c, 1)
        } else if m == 1 {
            // Cᵀ = α · op(B)ᵀ · aᵀ + β · Cᵀ, a being op(A)'s only row (a column of A when transposed).
            cblas_dgemv(
                CblasRowMajor, transposingB ? CblasNoTrans : CblasTrans, .init(transposingB ? n : k),
                .init(transposingB ? k : n), alpha, b, .init(transposingB ? k : n), a,
                .init(transposingA ? lda : 1), beta, c, 1)
        } else if k == 1 {
            // C = α · a · bᵀ + β · C: C scaled by β (cleared above for 0), then `dger` adds the outer product.
            if beta != 0 && beta != 1 { for i in 0..<(m * n) { c[i] *= beta } }
            cblas_dger(
                CblasRowMajor, .init(m), .init(n), alpha, a, .init(transposingA ? 1 : lda), b, 1, c, .init(n))
        } else {
            cblas_dgemm(
                CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans, transposingB ? CblasTrans : CblasNoTrans,
                .init(m), .init(n), .init(k), alpha, a, .init(lda), b, .init(transposingB ? k : n), beta, c,
                .init(n))
        }
    }

    /// The singular values and right singular vectors of an *n*×*p* matrix given column by column
    /// (LAPACK's column-major layout).
    ///
    /// A tall matrix (*n* ≥ *p*) is first reduced by a QR factorisation (`dgeqrf`), X = Q·R, and R's
    /// SVD (`dgesdd`, divide and conquer) gives X's singular values and right vectors without ever forming
    /// Q or U; a wide one goes to `dgesdd` directly.
    ///
    /// - Parameters:
    ///   - values: The *n*·*p* elements, column after column; overwritten.
    ///   - rows: *n*.
    ///   - columns: *p*.
    /// - Returns: The *r* = min(*n*, *p*) singular values in decreasing order and Vᵀ, an *r*×*p* matrix
    ///   whose rows are the matching unit right singular vectors.
    /// - Throws: ``LearnError`` `.numericalFailure` when LAPACK reports a failure (no convergence, or a
    ///   non-finite value in the input).
    /// - Complexity: O(*n* · *p* · min(*n*, *p*)).
    static func rightSingularVectors(columnMajor values: inout [Double], rows: Int, columns: Int) throws
        -> (singularValues: [Double], vectors: Matrix)
    {
        BLASThreads.confine()
        precondition(values.count == rows * columns, "an \(rows)×\(columns) matrix needs \(rows * columns) values")
        let r = min(rows, columns)
        guard r > 0 else { return ([], Matrix(rows: 0, columns: columns)) }
        var singular = [Double](repeating: 0, count: r)
        var square: [Double]
        var vt: [Double]
        var info: Int32
        let vtRows: Int
        if rows >= columns {
            // X = Q·R; R is the upper triangle of the first p rows, column by column.
            var tau = [Double](repeating: 0, count: columns)
            info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, .init(rows), .init(columns), &values, .init(rows), &tau)
            guard info == 0 else { throw failure(info) }
            square = [Double](repeating: 0, count: columns * columns)
            for j in 0..<columns {
                for i in 0...j { square[j * columns + i] = values[j * rows + i] }
            }
            vt = [Double](repeating: 0, count: columns * columns)
            var u = [Double](repeating: 0, count: columns * columns)
            info = LAPACKE_dgesdd(
                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), .init(columns), .init(columns), &square,
                .init(columns), &singular, &u, .init(columns), &vt, .init(columns))
            vtRows = columns
        } else {
            vt = [Double](repeating: 0, count: rows * columns)
            var u = [Double](repeating: 0, count: rows * rows)
            info = LAPACKE_dgesdd(
                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), .init(rows), .init(columns), &values, .init(rows),
                &singular, &u, .init(rows), &vt, .init(rows))
            vtRows = rows
        }
        guard info == 0 else { throw failure(info) }
        // Vᵀ comes column-major (leading dimension vtRows); turn it into row-major r×p.
        var vectors = [Double](repeating: 0, count: r * columns)
        for k in 0..<r {
            for j in 0..<columns { vectors[k * columns + j] = vt[j * vtRows + k] }
        }
        return (singular, Matrix(rows: r, columns: columns, values: vectors))
    }

    /// The error for a LAPACK `info` code.
    private static func failure(_ info: Int32) -> LearnError {
        let reason = info > 0 ? "the SVD did not converge" : "bad argument \(-info) (a non-finite input?)"
        return LearnError(.numericalFailure, "singular value decomposition failed: \(reason)")
    }
}
