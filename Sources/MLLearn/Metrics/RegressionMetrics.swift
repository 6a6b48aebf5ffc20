/// The mean absolute error.
///
/// - Parameters:
///   - truth: The true values.
///   - predicted: The predicted values, as many as `truth`.
/// - Returns: mean |yᵢ − ŷᵢ|; NaN for no rows.
public func meanAbsoluteError(truth: [Double], predicted: [Double]) -> Double {
    precondition(truth.count == predicted.count, "metric inputs differ in length")
    guard !truth.isEmpty else { return .nan }
    return zip(truth, predicted).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(truth.count)
}

/// The root mean squared error.
///
/// - Parameters:
///   - truth: The true values.
///   - predicted: The predicted values, as many as `truth`.
/// - Returns: √(mean (yᵢ − ŷᵢ)²); NaN for no rows.
public func rootMeanSquaredError(truth: [Double], predicted: [Double]) -> Double {
    precondition(truth.count == predicted.count, "metric inputs differ in length")
    guard !truth.isEmpty else { return .nan }
    let squared = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return (squared / Double(truth.count)).squareRoot()
}

/// The coefficient of determination, as scikit-learn's `r2_score` (with `force_finite=True`).
///
/// - Parameters:
///   - truth: The true values.
///   - predicted: The predicted values, as many as `truth`.
/// - Returns: 1 − SS_res / SS_tot. A constant truth gives 1 for a perfect prediction and 0
///   otherwise; NaN for fewer than two rows (as scikit-learn).
public func r2Score(truth: [Double], predicted: [Double]) -> Double {
    precondition(truth.count == predicted.count, "metric inputs differ in length")
    guard truth.count >= 2 else { return .nan }
    let mean = truth.reduce(0, +) / Double(truth.count)
    let residual = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let total = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    guard total > 0 else { return residual == 0 ? 1 : 0 }
    return 1 - residual / total
}
