/// The rows one fold of a resampling scheme trains on and scores on, as row indices of the frame.
public struct FoldSplit: Sendable, Hashable, Codable {
    /// The training rows, in the order a learning curve takes prefixes of them.
    public var train: [Int]
    /// The held-out rows the fold is scored on.
    public var test: [Int]

    /// Creates a split.
    ///
    /// - Parameters:
    ///   - train: The training rows.
    ///   - test: The held-out rows.
    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }

    /// The k-fold splits whose held-out parts are `heldOut`: each fold trains on every row of `0..<rowCount`
    /// outside its held-out part, in ascending order (scikit-learn's `KFold.split` convention).
    ///
    /// - Parameters:
    ///   - heldOut: The held-out rows of each fold.
    ///   - rowCount: The number of rows in the frame.
    /// - Returns: One split per held-out part.
    public static func complementing(_ heldOut: [[Int]], rowCount: Int) -> [FoldSplit] {
        heldOut.map { test in
            var isTest = [Bool](repeating: false, count: rowCount)
            for row in test where row >= 0 && row < rowCount { isTest[row] = true }
            return FoldSplit(train: (0..<rowCount).filter { !isTest[$0] }, test: test)
        }
    }
}

/// The mean and population standard deviation (numpy's `std()`, `ddof=0`) of some values.
///
/// - Parameter values: The values; a NaN makes both NaN.
/// - Returns: NaN for both when `values` is empty.
func foldMeanAndDeviation(_ values: [Double]) -> (mean: Double, standardDeviation: Double) {
    guard !values.isEmpty else { return (.nan, .nan) }
    let count = Double(values.count)
    let mean = values.reduce(0, +) / count
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
    return (mean, variance.squareRoot())
}
