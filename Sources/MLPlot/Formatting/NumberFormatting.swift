#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Locale-free number formatting, so that the same numbers always give the same bytes.
enum NumberFormatting {
    /// The typographic minus sign used in labels.
    static let minus = "\u{2212}"

    /// Formats a scene coordinate with at most two decimals, trailing zeros trimmed, ASCII `-`, never `-0`.
    ///
    /// - Parameter value: The coordinate; non-finite values are written as `0`.
    /// - Returns: For example `12`, `12.5` or `-0.25`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        guard hundredths != 0 else { return "0" }
        guard abs(hundredths) < 9e15 else { return String(Int64(value.rounded())) }
        let magnitude = UInt64(abs(hundredths))
        var text = hundredths < 0 ? "-" : ""
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }

    /// Formats a number with a fixed number of decimals.
    ///
    /// - Parameters:
    ///   - value: The number; non-finite values are written as `∞`, `−∞` or `NaN`.
    ///   - decimals: The number of decimals, 0–15.
    ///   - grouping: Whether to separate thousands with commas.
    /// - Returns: For example `1,250.50` or `−3`. A value that rounds to zero is written without a sign.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
        let decimals = min(max(decimals, 0), 15)
        let scale = powerOfTen(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return scientific(value, significantDigits: 6) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        var integer = String(units / divisor)
        if grouping { integer = grouped(integer) }
        var text = units == 0 || value >= 0 ? "" : minus
        text += integer
        if decimals > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// Formats a number with about `significantDigits` significant digits, trailing zeros trimmed; very large
    /// or very small magnitudes use `×10ⁿ`.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - significantDigits: The significant digits kept after the decimal point, 1–15.
    /// - Returns: For example `6.981`, `28.11`, `12,345` or `1.5×10⁻⁶`.
    static func general(_ value: Double, significantDigits: Int = 4) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, decimals: 0) }
        let exponent = Int(log10(abs(value)).rounded(.down))
        if exponent >= 9 || exponent < -4 { return scientific(value, significantDigits: significantDigits) }
        let decimals = min(max(0, significantDigits - 1 - exponent), 12)
        return trimmed(fixed(value, decimals: decimals, grouping: abs(value) >= 10_000))
    }

    /// Formats a number as `m×10ⁿ` with trailing zeros of `m` trimmed.
    ///
    /// - Parameters:
    ///   - value: The number, finite.
    ///   - significantDigits: The significant digits of the mantissa.
    /// - Returns: For example `2.5×10⁶`.
    static func scientific(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, decimals: 0) }
        var exponent = Int(log10(abs(value)).rounded(.down))
        let decimals = max(0, min(significantDigits, 15) - 1)
        var mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: decimals))
        if mantissa.hasPrefix("10") || mantissa.hasPrefix(minus + "10") {  // 9.9996 rounded up to 10
            exponent += 1
            mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: decimals))
        }
        return mantissa + "×10" + superscript(exponent)
    }

    /// Writes an integer with Unicode superscript digits, such as `⁻³`.
    ///
    /// - Parameter value: The integer.
    /// - Returns: The superscript text.
    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var text = value < 0 ? "⁻" : ""
        for character in String(value.magnitude) {
            if let digit = character.wholeNumberValue { text.append(digits[digit]) }
        }
        return text
    }

    /// Removes trailing zeros after a decimal point, and the point itself when nothing follows it.
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }

    /// Inserts commas between groups of three digits.
    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

/// Formats the labels of one axis consistently: the same number of decimals on every tick, thousands
/// separators when the largest tick reaches 10,000, and a shared `×10ⁿ` exponent for magnitudes of a million or
/// more or below 0.001 — unless the step is so fine against the magnitude that the mantissas would need more than
/// two decimals, where plain (grouped) digits are shorter.
struct TickLabelFormat: Sendable, Hashable {
    private var decimals: Int
    private var grouping: Bool
    private var exponent: Int?

    /// Chooses the format for a set of ticks.
    ///
    /// - Parameters:
    ///   - ticks: The tick values.
    ///   - step: The step between ticks.
    init(ticks: [Double], step: TickStep) {
        let largest = ticks.map { abs($0) }.max() ?? 0
        let exponent = largest > 0 ? Int(log10(largest).rounded(.down)) : 0
        // A shared exponent reads well only while the mantissas stay short: 1,000,000…1,005,000 in steps of 1,000
        // is clearer as grouped digits than as 1.001×10⁶, 1.002×10⁶, …
        let fine = exponent - step.exponent > 2 && largest < 1e15
        if (largest >= 1e6 || (largest > 0 && largest < 1e-3)) && !fine {
            self.exponent = exponent
            self.decimals = max(0, exponent - step.exponent)
            self.grouping = false
        } else {
            self.exponent = nil
            self.decimals = step.decimals
            self.grouping = largest >= 10_000
        }
    }

    /// The label of one tick.
    ///
    /// - Parameter value: The tick value.
    /// - Returns: The label, for example `2.5`, `12,000` or `1.5×10⁶`.
    func label(_ value: Double) -> String {
        guard let exponent else { return NumberFormatting.fixed(value, decimals: decimals, grouping: grouping) }
        if value == 0 { return "0" }
        let mantissa = NumberFormatting.fixed(value / pow(10, Double(exponent)), decimals: decimals)
        return mantissa + "×10" + NumberFormatting.superscript(exponent)
    }
}
