import Foundation

/// Formats a number for summaries: whole numbers as integers, others with 4 significant digits.
///
/// The output does not depend on the locale, so reports stay byte-stable.
func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.4g", locale: nil, value)
}
