/// Principal component analysis as scikit-learn's `PCA` (no whitening).
///
/// The inputs are centred (not scaled: the default pipeline standardises them already) and factored by a
/// thin SVD, X − x̄ = U·S·Vᵀ (LAPACK `dgesdd`, after a QR factorisation for tall inputs). The components
/// are the rows of Vᵀ, each with its sign flipped so that its largest-magnitude entry is positive
/// (scikit-learn's `svd_flip` with `u_based_decision=False`, which `PCA` uses since 1.5), so coordinates
/// match scikit-learn's. The explained variance of a component is s² / (n − 1) and its ratio is its share
/// of the total.
public struct PrincipalComponents: Sendable, Codable, Hashable {
    /// How many components to keep.
    public enum Count: Sendable, Hashable {
        /// All min(rows, columns) components (scikit-learn's `n_components=None`).
        case all
        /// Exactly this many (1…min(rows, columns)).
        case count(Int)
        /// The fewest components whose explained variance ratios add up to more than this share, in (0, 1)
        /// (scikit-learn's float `n_components`).
        case varianceShare(Double)
    }

    /// The column means subtracted before projecting.
    public private(set) var mean: [Double]
    /// The kept components, one unit row per component, in decreasing order of variance.
    public private(set) var components: Matrix
    /// The variance along each kept component, s² / (n − 1).
    public private(set) var explainedVariance: [Double]
    /// Each kept component's share of the total variance.
    public private(set) var explainedVarianceRatio: [Double]
    /// The singular values of the kept components.
    public private(set) var singularValues: [Double]

    /// The number of components kept.
    public var componentCount: Int { components.rows }

    /// The share of the total variance the kept components explain.
    public var explainedVarianceTotal: Double { explainedVarianceRatio.reduce(0, +) }

    /// Fits the components of `x`.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (at least two rows).
    ///   - components: How many components to keep (default all).
    /// - Returns: The fitted projection.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for a count outside 1…min(rows, columns) or a share
    ///   outside (0, 1), `.emptyTrainingData` for fewer than two rows or no columns, `.numericalFailure`
    ///   when the SVD fails (non-finite inputs).
    /// - Complexity: O(*n* · *p* · min(*n*, *p*)).
    public static func fit(_ x: Matrix, components: Count = .all) throws -> PrincipalComponents {
        let n = x.rows
        let p = x.columns
        guard n >= 2, p >= 1 else {
            throw LearnError(.emptyTrainingData, "principal components need at least two rows and one column")
        }
        let largest = min(n, p)
        switch components {
        case .all:
            break
        case .count(let count):
            guard count >= 1, count <= largest else { throw countError(count: "\(count)", largest: largest) }
        case .varianceShare(let share):
            guard share > 0, share < 1 else { throw countError(count: formatNumber(share), largest: largest) }
        }

        var mean = [Double](repeating: 0, count: p)
        x.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                for j in 0..<p { mean[j] += v[i * p + j] }
            }
        }
        for j in 0..<p { mean[j] /= Double(n) }
        // The centred inputs, column by column, as LAPACK takes them.
        var centred = [Double](repeating: 0, count: n * p)
        x.values.withUnsafeBufferPointer { v in
            centred.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    for j in 0..<p { c[j * n + i] = v[i * p + j] - mean[j] }
                }
            }
        }
        let (singular, vectors) = try DenseKernels.rightSingularVectors(columnMajor: &centred, rows: n, columns: p)

        // svd_flip(u_based_decision=False): the largest |entry| of each component (first on a tie) is positive.
        var flipped = vectors
        for r in 0..<largest {
            var at = 0
            for j in 0..<p where abs(vectors[r, j]) > abs(vectors[r, at]) { at = j }
            if vectors[r, at] < 0 {
                for j in 0..<p { flipped[r, j] = -vectors[r, j] }
            }
        }

        let variance = singular.map { $0 * $0 / Double(n - 1) }
        let total = variance.reduce(0, +)
        let ratio = variance.map { total > 0 ? $0 / total : 0 }
        let kept: Int
        switch components {
        case .all:
            kept = largest
        case .count(let count):
            kept = count
        case .varianceShare(let share):
            // NumPy's searchsorted(cumsum, share, side="right") + 1: the first prefix whose sum exceeds it.
            var running = 0.0
            var index = 0
            while index < largest {
                running += ratio[index]
                if running > share { break }
                index += 1
            }
            kept = min(index + 1, largest)
        }
        return PrincipalComponents(
            mean: mean,
            components: Matrix(rows: kept, columns: p, values: Array(flipped.values[0..<(kept * p)])),
            explainedVariance: Array(variance[0..<kept]), explainedVarianceRatio: Array(ratio[0..<kept]),
            singularValues: Array(singular[0..<kept]))
    }

    /// The error for a component count out of range.
    private static func countError(count: String, largest: Int) -> LearnError {
        LearnError(
            .invalidHyperparameter,
            "components must be a whole number from 1 to \(largest) (the smaller of the row and input column "
                + "counts) or a fraction between 0 and 1 (a share of variance to explain), got \(count)"
        )
    }

    /// The coordinates of each row along the kept components, (x − mean) · componentsᵀ.
    ///
    /// - Parameter x: Inputs with the training width.
    /// - Returns: An *n*×``componentCount`` matrix.
    public func transform(_ x: Matrix) -> Matrix {
        precondition(x.columns == mean.count, "expected \(mean.count) input columns, got \(x.columns)")
        var centred = x
        let p = mean.count
        centred.withUnsafeMutableValues { c in
            for i in 0..<x.rows {
                for j in 0..<p { c[i * p + j] -= mean[j] }
            }
        }
        return centred.multiply(components, transposingOther: true)
    }
}
