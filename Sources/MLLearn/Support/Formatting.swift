#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Formats a number for summaries: whole numbers as integers, others with 4 significant digits.
///
/// The output does not depend on the locale, so reports stay byte-stable: C's `%.4g` runs under the "C"
/// locale for this thread, whatever locale the program has set.
func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    // "%.4g" of a finite double is at most 11 bytes ("-1.235e-308").
    var buffer = [CChar](repeating: 0, count: 32)
    let written = CLocale.withNumbers { withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.4g", $0) } }
    guard written > 0 else { return "\(value)" }
    return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The "C" locale, for C functions whose output must not follow the user's locale.
private enum CLocale {
    #if canImport(Glibc) || canImport(Darwin)
        nonisolated(unsafe) private static let numbers = newlocale(LC_NUMERIC_MASK, "C", nil)
    #endif

    /// Runs `body` with this thread's numbers written the C way (a point before the decimals).
    ///
    /// - Parameter body: The work.
    /// - Returns: What `body` returns.
    static func withNumbers<R>(_ body: () -> R) -> R {
        #if canImport(Glibc) || canImport(Darwin)
            guard let numbers else { return body() }
            let previous = uselocale(numbers)
            defer { uselocale(previous) }
        #endif
        return body()
    }
}
