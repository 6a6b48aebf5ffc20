import Foundation

/// Number formatting shared by tables, inline values and metric cards.
///
/// Every function is locale-independent and deterministic: the same number always gives
/// the same text, which the byte-identical re-render promise depends on.
public enum NumberFormatting {
    /// Formats `value` with `digits` significant digits, trimming trailing zeros:
    /// `0.99603` → `0.996`, `1234.5` → `1234`, `0.000012345` → `1.234e-05`.
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e15 || magnitude < 1e-4 {
            return trimExponent(String(format: "%.\(max(0, digits - 1))e", value))
        }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, digits - 1 - exponent)
        return trimZeros(String(format: "%.\(decimals)f", value))
    }

    /// Formats a numeric column consistently.
    ///
    /// Every row gets the same number of decimals
    /// (so the decimal points line up), chosen to show `digits` significant digits of the
    /// largest value; a column whose magnitudes span more than three orders of magnitude
    /// falls back to per-cell significant digits. Integral columns show no decimals.
    ///
    /// - Returns: One string per value; `nil` stays `nil` (missing).
    public static func column(_ values: [Double?], digits: Int = 4) -> [String?] {
        let finite = values.compactMap { $0 }.filter { $0.isFinite }
        guard !finite.isEmpty else { return values.map { $0.map { significant($0, digits: digits) } } }
        if finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
            return values.map { $0.map { $0.isFinite ? String(format: "%.0f", $0) : significant($0) } }
        }
        let magnitudes = finite.map(abs).filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0
        let smallest = magnitudes.min() ?? 0
        if largest >= 1e15 || largest < 1e-4 || (smallest > 0 && largest / smallest > 1e3) {
            return values.map { $0.map { significant($0, digits: digits) } }
        }
        // Enough decimals for `digits` significant digits of the largest value and one fewer
        // of the smallest, so small entries keep their precision too.
        let exponent = Int(floor(log10(largest)))
        let smallestExponent = Int(floor(log10(max(smallest, largest / 1e3))))
        let cap = min(8, max(0, digits - 1 - exponent, digits - 2 - smallestExponent))
        // No more decimals than the data has: 1.5 and 2.25 show as 1.50 and 2.25, not 1.500.
        let decimals = finite.reduce(0) { needed, value in max(needed, decimalsNeeded(value, upTo: cap)) }
        return values.map { value in
            value.map { $0.isFinite ? String(format: "%.\(decimals)f", $0) : significant($0) }
        }
    }

    /// Fixed decimals, such as metric tables: `fixed(0.96491, 4)` → `0.9649`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return significant(value) }
        return String(format: "%.\(decimals)f", value)
    }

    /// Thousands-grouped integer: `12345` → `12,345`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// The fewest decimals (at most `cap`) that show `value` without rounding it.
    private static func decimalsNeeded(_ value: Double, upTo cap: Int) -> Int {
        var scale = 1.0
        for decimals in 0..<cap {
            let scaled = value * scale
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return decimals }
            scale *= 10
        }
        return cap
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }

    private static func trimExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        return trimZeros(String(text[..<e])) + String(text[e...])
    }
}
