#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Formats a number for summaries: whole numbers as integers, others with 4 significant digits.
///
/// The output does not depend on the locale, so reports stay byte-stable: nothing in swiftml calls `setlocale`,
/// so the C library's `%g` runs in the "C" locale every program starts in.
func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    // "%.4g" of a finite double is at most 11 bytes ("-1.235e-308").
    var buffer = [CChar](repeating: 0, count: 32)
    let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.4g", $0) }
    guard written > 0 else { return "\(value)" }
    return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
