#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a chart writes data values on its marks, such as the numbers in heat-map cells.
public enum ValueFormat: Sendable, Hashable, Codable {
    /// Whole numbers when every value is whole (counts, with thousands separators from 10,000); otherwise two
    /// decimals for values below 10 in magnitude, one below 100 and none above.
    case automatic
    /// A fixed number of decimals, 0–15.
    case decimals(Int)
    /// Fractions as percentages with a fixed number of decimals: 0.256 with 1 decimal is `25.6%`.
    case percent(decimals: Int)

    /// The formatter for a set of values, so that every value of a chart uses the same number of decimals.
    ///
    /// - Parameter values: The values that will be written; NaN and infinities are ignored.
    /// - Returns: A function from a value to its text (`−` for negative numbers, `NaN` and `∞` as such).
    func formatter(for values: [Double]) -> @Sendable (Double) -> String {
        switch self {
        case .decimals(let decimals):
            return { NumberFormatting.fixed($0, decimals: decimals) }
        case .percent(let decimals):
            return { NumberFormatting.fixed($0 * 100, decimals: decimals) + "%" }
        case .automatic:
            let finite = values.filter(\.isFinite)
            let largest = finite.map { abs($0) }.max() ?? 0
            if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e15 {
                let grouping = largest >= 10_000
                return { NumberFormatting.fixed($0, decimals: 0, grouping: grouping) }
            }
            let decimals = largest < 10 ? 2 : (largest < 100 ? 1 : 0)
            let grouping = largest >= 10_000
            return { NumberFormatting.fixed($0, decimals: decimals, grouping: grouping) }
        }
    }
}
