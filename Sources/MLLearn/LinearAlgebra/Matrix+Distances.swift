// The BLAS product behind brute-force nearest neighbours, through CLAPACK.
// The pointers are the caller's and live only for the duration of the call.
internal import CLAPACK

/// Writes `scale` · A · Bᵀ into `c` for row-major blocks A (`rowsA`×`inner`, leading dimension
/// `strideA`) and B (`rowsB`×`inner`, leading dimension `strideB`), by BLAS `dgemm`.
///
/// Nearest neighbours use it with `scale` = −2 on a block of query rows and a tile of training rows:
/// adding ‖b‖² to each column then gives ‖a − b‖² − ‖a‖², which orders the training rows by distance.
///
/// - Parameters:
///   - a: The first element of A.
///   - rowsA: The rows of A (and of the result).
///   - strideA: The distance between rows of A, in elements.
///   - b: The first element of B.
///   - rowsB: The rows of B (the columns of the result).
///   - strideB: The distance between rows of B, in elements.
///   - inner: The columns of A and B.
///   - scale: The factor applied to the product.
///   - c: The result, `rowsA`×`rowsB`, row-major with leading dimension `rowsB`.
/// - Complexity: O(`rowsA` · `rowsB` · `inner`).
func multiplyBlockByTranspose(
    _ a: UnsafePointer<Double>, rowsA: Int, strideA: Int, _ b: UnsafePointer<Double>, rowsB: Int, strideB: Int,
    inner: Int, scale: Double, into c: UnsafeMutablePointer<Double>
) {
    BLASThreads.confine()
    guard rowsA > 0, rowsB > 0 else { return }
    guard inner > 0 else {
        c.update(repeating: 0, count: rowsA * rowsB)
        return
    }
    cblas_dgemm(
        CblasRowMajor, CblasNoTrans, CblasTrans, .init(rowsA), .init(rowsB), .init(inner), scale, a,
        .init(strideA), b, .init(strideB), 0, c, .init(rowsB)
    )
}

extension Matrix {
    /// ‖xᵢ‖² for every row, each summed in column order (the norms behind distances from products).
    func rowSquaredNorms() -> [Double] {
        values.withUnsafeBufferPointer { v in
            (0..<rows).map { i in
                var total = 0.0
                for j in 0..<columns { total += v[i * columns + j] * v[i * columns + j] }
                return total
            }
        }
    }
}
