#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parsers for single CSV values, working on the field's bytes without creating a `String`.
///
/// Every function takes the value already trimmed and unquoted, and accepts the whole
/// buffer or nothing: trailing garbage makes the parse fail.
enum ValueParsing {
    /// Parses an optionally signed decimal integer that fits `Int64` (`-12`, `+7`, `007`).
    @inline(__always)
    static func int64(_ v: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = v.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if v[0] == CSVByte.minus {
            negative = true
            i = 1
        } else if v[0] == CSVByte.plus {
            i = 1
        }
        guard i < n else { return nil }
        var magnitude: UInt64 = 0
        // 18 digits can never overflow; only longer values need the checked path.
        if n - i <= 18 {
            while i < n {
                let digit = v[i] &- CSVByte.zero
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                i += 1
            }
        } else {
            while i < n {
                let digit = v[i] &- CSVByte.zero
                guard digit < 10 else { return nil }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                i += 1
            }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Parses `true` or `false`, in any letter case.
    @inline(__always)
    static func strictBoolean(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
        if v.count == 4, lower(v[0]) == 0x74, lower(v[1]) == 0x72, lower(v[2]) == 0x75, lower(v[3]) == 0x65 {
            return true
        }
        if v.count == 5, lower(v[0]) == 0x66, lower(v[1]) == 0x61, lower(v[2]) == 0x6C, lower(v[3]) == 0x73,
            lower(v[4]) == 0x65
        {
            return false
        }
        return nil
    }

    /// Parses the spellings an explicit `boolean` type accepts: `true/false`, `yes/no`, `t/f`, `y/n`, `1/0`.
    static func lenientBoolean(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
        if let strict = strictBoolean(v) { return strict }
        switch String(decoding: v, as: UTF8.self).lowercased() {
        case "yes", "t", "y", "1": return true
        case "no", "f", "n", "0": return false
        default: return nil
        }
    }

    /// Parses a `YYYY-MM-DD` calendar date into days since 1970-01-01.
    ///
    /// The month must be 1–12 and the day must exist in that month (leap years included).
    @inline(__always)
    static func date(_ v: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard v.count == 10, v[4] == CSVByte.minus, v[7] == CSVByte.minus else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let digit = v[i] &- CSVByte.zero
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return Int32(daysFromCivil(year: year, month: month, day: day))
    }

    /// The number of days in `month` (1–12) of `year`, proleptic Gregorian.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
}

/// Parses decimal floating-point values from bytes, exactly as `strtod` would round them.
///
/// Accepted: an optional sign, then digits with an optional `.` (`12`, `.5`, `-3.`, `1.25`),
/// then an optional exponent (`1e5`, `2.5E-3`); or `inf`, `infinity`, `nan` in any case.
/// Hexadecimal floats and embedded spaces are rejected. Values with at most 19 significant
/// digits, a mantissa below 2⁵³ and a decimal exponent within ±22 take Clinger's exact fast
/// path (one correctly rounded multiply or divide); on x86 the other values with at most 19
/// significant digits and an exponent within ±27 go through one `Float80` operation with a
/// double-rounding check; everything else goes to `strtod` on a NUL-terminated copy. Every
/// result is the correctly rounded double, on every platform.
struct DoubleParser {
    /// A NUL-terminated copy of a value for `strtod`.
    private var scratch: [CChar] = []

    /// Powers of ten that are exact in a `Double` (kept per parser to avoid a lazy global per call).
    private let exactPowers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// 10⁰ … 10⁸, to shift a value left by a run of up to eight digits.
    private let digitPowers: [UInt64] = (0...8).map { exponent in
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    /// Parses `v`, or returns `nil` when it is not a decimal number.
    @inline(__always)
    mutating func parse(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = v.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if v[0] == CSVByte.minus {
            negative = true
            i = 1
        } else if v[0] == CSVByte.plus {
            i = 1
        }
        guard i < n else { return nil }
        let first = v[i] &- CSVByte.zero
        if first >= 10 && v[i] != CSVByte.dot { return special(v, from: i, negative: negative) }

        // The common case in one pass: at most 19 digits with an optional point and no exponent, whose
        // mantissa fits 53 bits (Clinger's exact path, the same arithmetic as below).
        if n - i <= 20 {
            var mantissa: UInt64 = 0
            var digits = 0
            var point = -1
            var k = i
            while k < n {
                let digit = v[k] &- CSVByte.zero
                if digit < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    digits &+= 1
                } else if v[k] == CSVByte.dot && point < 0 {
                    point = k
                } else {
                    break
                }
                k &+= 1
            }
            if k == n && digits > 0 && digits <= 19 && mantissa <= 1 << 53 {
                let decimals = point < 0 ? 0 : n &- point &- 1
                let value = decimals == 0 ? Double(mantissa) : Double(mantissa) / exactPowers[decimals]
                return negative ? -value : value
            }
        }

        // Find the digit runs first, then accumulate them without per-digit bookkeeping.
        let integerStart = i
        i = Digits.skip(v, from: i)
        let integerEnd = i
        var fractionStart = i
        var fractionEnd = i
        if i < n && v[i] == CSVByte.dot {
            fractionStart = i + 1
            i = Digits.skip(v, from: fractionStart)
            fractionEnd = i
        }
        let digitCount = (integerEnd - integerStart) + (fractionEnd - fractionStart)
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if i < n && (v[i] | 0x20) == 0x65 {  // e or E
            i += 1
            var exponentNegative = false
            if i < n && (v[i] == CSVByte.minus || v[i] == CSVByte.plus) {
                exponentNegative = v[i] == CSVByte.minus
                i += 1
            }
            var written = 0
            var sawExponentDigit = false
            while i < n {
                let digit = v[i] &- CSVByte.zero
                guard digit < 10 else { break }
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(digit) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent = exponentNegative ? -written : written
        }
        guard i == n else { return nil }

        // Leading zeros carry no significance; at most 19 significant digits fit a UInt64.
        var leadingZeros = 0
        var z = integerStart
        while z < integerEnd && v[z] == CSVByte.zero {
            leadingZeros += 1
            z += 1
        }
        if z == integerEnd {
            z = fractionStart
            while z < fractionEnd && v[z] == CSVByte.zero {
                leadingZeros += 1
                z += 1
            }
        }
        let truncated = digitCount - leadingZeros > 19
        var mantissa: UInt64 = 0
        if !truncated {
            mantissa = Digits.accumulate(v, integerStart..<integerEnd, into: 0)
            mantissa = Digits.accumulate(v, fractionStart..<fractionEnd, into: mantissa)
            exponent -= fractionEnd - fractionStart
        }
        if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
        if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let value =
                exponent >= 0
                ? Double(mantissa) * exactPowers[exponent]
                : Double(mantissa) / exactPowers[-exponent]
            return negative ? -value : value
        }
        #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
            if !truncated && exponent >= -27 && exponent <= 27, let value = extendedPath(mantissa, exponent) {
                return negative ? -value : value
            }
        #endif
        return slowPath(v)
    }

    /// Converts the plain number at the start of `base[start..<n]` in place, without first finding where the
    /// field ends: an optional sign, digits with an optional `.`, and (unless `integer`) an optional exponent.
    ///
    /// This is the CSV reader's fast path, so it only takes what it can convert exactly and cheaply and
    /// leaves everything else to the general path (``parse(_:)`` or ``ValueParsing/int64(_:)`` on the
    /// trimmed field), which gives the same value for the bytes this accepts:
    /// - with `integer`, at most 18 digits and no `.` or exponent, stored as the `Int64`'s bits;
    /// - otherwise at most 19 digits, converted with Clinger's exact path or (on x86) one `Float80` operation
    ///   as in ``parse(_:)``, stored as the `Double`'s bits.
    ///
    /// - Parameters:
    ///   - base: The bytes.
    ///   - start: Where the number starts.
    ///   - n: The number of bytes at `base`.
    ///   - integer: Whether only an integer is accepted.
    ///   - bits: Receives the value's bit pattern.
    /// - Returns: The offset just past the number (where the caller expects a separator or line break), or
    ///   -1 when the bytes do not start with a number this path converts.
    @inline(__always)
    func scanPlain(
        _ base: UnsafePointer<UInt8>, from start: Int, count n: Int, integer: Bool, into bits: inout UInt64
    ) -> Int {
        #if _endian(little)
            // Most numbers in a file lie well before its end: read them a word at a time without bounds checks.
            if start &+ Self.window <= n {
                let end = scanShortPlain(base, from: start, integer: integer, into: &bits)
                if end != Self.notShort { return end }
            }
        #endif
        return scanAnyPlain(base, from: start, count: n, integer: integer, into: &bits)
    }

    /// The bytes that must follow the start of a number for ``scanShortPlain(_:from:integer:into:)``.
    private static let window = 48

    /// What ``scanShortPlain(_:from:integer:into:)`` returns for a number it leaves to
    /// ``scanAnyPlain(_:from:count:integer:into:)``.
    private static let notShort = -2

    /// ``scanPlain(_:from:count:integer:into:)`` for a number of at most 7 digits before the point, at most
    /// 15 digits in all and no exponent, all in the ``window`` bytes from `start`: each run of digits is one
    /// word or two, and the value is always exact (a mantissa below 10¹⁵ < 2⁵³, a power of ten up to 10¹⁵).
    ///
    /// - Returns: As ``scanPlain(_:from:count:integer:into:)``, or ``notShort`` for any other number.
    @inline(__always)
    private func scanShortPlain(
        _ base: UnsafePointer<UInt8>, from start: Int, integer: Bool, into bits: inout UInt64
    ) -> Int {
        let raw = UnsafeRawPointer(base)
        // The sign without a branch: half the values of a column may be negative, in no order.
        let first = base[start]
        let negative = first == CSVByte.minus
        var i = start &+ (negative || first == CSVByte.plus ? 1 : 0)
        var word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        var count = Digits.leadingDigitCount(word)
        guard count < 8 else { return Self.notShort }
        var mantissa = Digits.leadingDigitsValue(word, count: count)
        var digits = count
        i &+= count
        var next = base[i]
        if integer {
            guard digits > 0 && next != CSVByte.dot && next | 0x20 != 0x65 else { return -1 }
            let magnitude = Int64(bitPattern: mantissa)
            bits = UInt64(bitPattern: negative ? 0 &- magnitude : magnitude)
            return i
        }
        var decimals = 0
        if next == CSVByte.dot {
            i &+= 1
            word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            count = Digits.leadingDigitCount(word)
            mantissa = mantissa &* digitPowers[count] &+ Digits.leadingDigitsValue(word, count: count)
            decimals = count
            i &+= count
            if count == 8 {
                // Eight decimals or more (`0.12345678`): one more word, if the value stays exact.
                word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                count = Digits.leadingDigitCount(word)
                guard count < 8 && digits &+ 8 &+ count <= 15 else { return Self.notShort }
                mantissa = mantissa &* digitPowers[count] &+ Digits.leadingDigitsValue(word, count: count)
                decimals &+= count
                i &+= count
            }
            digits &+= decimals
            next = base[i]
        }
        guard digits > 0 else { return -1 }
        guard next | 0x20 != 0x65 else { return Self.notShort }  // an exponent
        var value = Double(mantissa)
        if decimals > 0 { value /= exactPowers[decimals] }
        bits = value.bitPattern | UInt64(negative ? 1 : 0) &<< 63
        return i
    }

    /// ``scanPlain(_:from:count:integer:into:)`` for any number, checking every offset against `n`.
    @inline(__always)
    private func scanAnyPlain(
        _ base: UnsafePointer<UInt8>, from start: Int, count n: Int, integer: Bool, into bits: inout UInt64
    ) -> Int {
        guard start < n else { return -1 }
        // The sign without a branch: half the values of a column may be negative, in no order.
        let first = base[start]
        let negative = first == CSVByte.minus
        var i = start &+ (negative || first == CSVByte.plus ? 1 : 0)
        var mantissa: UInt64 = 0
        let integerStart = i
        i = readDigits(base, from: i, count: n, into: &mantissa)
        var digits = i &- integerStart
        if integer {
            guard digits > 0 && digits <= 18 && (i == n || (base[i] != CSVByte.dot && base[i] | 0x20 != 0x65))
            else { return -1 }
            let magnitude = Int64(bitPattern: mantissa)
            bits = UInt64(bitPattern: negative ? 0 &- magnitude : magnitude)
            return i
        }
        var exponent = 0
        if i < n && base[i] == CSVByte.dot {
            i &+= 1
            let fractionStart = i
            i = readDigits(base, from: i, count: n, into: &mantissa)
            exponent = fractionStart &- i
            digits &+= i &- fractionStart
        }
        guard digits > 0 && digits <= 19 else { return -1 }
        if i < n && base[i] | 0x20 == 0x65 {  // e or E
            i &+= 1
            var exponentNegative = false
            if i < n && (base[i] == CSVByte.minus || base[i] == CSVByte.plus) {
                exponentNegative = base[i] == CSVByte.minus
                i &+= 1
            }
            let exponentStart = i
            var written = 0
            while i < n {
                let digit = base[i] &- CSVByte.zero
                if digit >= 10 { break }
                if written < 100_000 { written = written &* 10 &+ Int(digit) }
                i &+= 1
            }
            guard i > exponentStart else { return -1 }
            exponent &+= exponentNegative ? -written : written
        }
        var value: Double
        if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            value = Double(mantissa)
            if exponent < 0 {
                value /= exactPowers[-exponent]
            } else if exponent > 0 {
                value *= exactPowers[exponent]
            }
        } else if mantissa == 0 {
            value = 0
        } else {
            #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
                guard exponent >= -27 && exponent <= 27, let wide = extendedPath(mantissa, exponent) else {
                    return -1
                }
                value = wide
            #else
                return -1
            #endif
        }
        bits = value.bitPattern | UInt64(negative ? 1 : 0) &<< 63
        return i
    }

    /// Reads the run of digits at `base[start...]` into `value` (`value · 10^k + digits` for `k` digits, wrapping
    /// on overflow: callers reject runs that are too long) and returns the offset just past it.
    ///
    /// Eight bytes at a time while they lie before `n`, without a branch per digit.
    @inline(__always)
    private func readDigits(
        _ base: UnsafePointer<UInt8>, from start: Int, count n: Int, into value: inout UInt64
    ) -> Int {
        var i = start
        #if _endian(little)
            let raw = UnsafeRawPointer(base)
            while i &+ 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let k = Digits.leadingDigitCount(word)
                value = value &* digitPowers[k] &+ Digits.leadingDigitsValue(word, count: k)
                i &+= k
                if k < 8 { return i }
            }
        #endif
        while i < n {
            let digit = base[i] &- CSVByte.zero
            if digit >= 10 { break }
            value = value &* 10 &+ UInt64(digit)
            i &+= 1
        }
        return i
    }

    #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
        /// Powers of ten that are exact in a `Float80` (5²⁷ < 2⁶⁴).
        private let extendedPowers: [Float80] = (0...27).map { exponent in
            var value: Float80 = 1
            for _ in 0..<exponent { value *= 10 }
            return value
        }

        /// The correctly rounded double of `mantissa · 10^exponent` through one `Float80` operation.
        ///
        /// The mantissa (< 2⁶⁴) and the power of ten are exact in `Float80`, so the multiply or divide
        /// rounds once to 64 bits. Rounding that again to 53 bits can differ from rounding the exact
        /// value only when the 64-bit result lies exactly halfway between two doubles (a 53-bit
        /// midpoint is itself a 64-bit number, so it would have to be the nearest one); those
        /// results, about one in 2048, return `nil` for `strtod` to settle.
        @inline(__always)
        private func extendedPath(_ mantissa: UInt64, _ exponent: Int) -> Double? {
            let wide = Float80(mantissa)
            let result = exponent >= 0 ? wide * extendedPowers[exponent] : wide / extendedPowers[-exponent]
            guard result.significandBitPattern & 0x7FF != 0x400 else { return nil }
            return Double(result)
        }
    #endif

    /// `inf`, `infinity` and `nan`, in any letter case, after an optional sign.
    private func special(_ v: UnsafeBufferPointer<UInt8>, from start: Int, negative: Bool) -> Double? {
        let word = String(decoding: UnsafeBufferPointer(rebasing: v[start...]), as: UTF8.self).lowercased()
        switch word {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: return nil
        }
    }

    /// Correctly rounds a syntactically valid decimal with `strtod`.
    private mutating func slowPath(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        scratch.removeAll(keepingCapacity: true)
        for byte in v { scratch.append(CChar(bitPattern: byte)) }
        scratch.append(0)
        let count = v.count
        let result: Double? = scratch.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end - UnsafeMutablePointer(mutating: base) == count else { return nil }
            return value
        }
        if let result { return result }
        // A locale with another decimal mark stops strtod early; Swift's parser ignores the locale.
        return Double(String(decoding: v, as: UTF8.self))
    }
}

/// Runs of decimal digits, scanned and converted eight bytes at a time.
enum Digits {
    /// The offset of the first non-digit at or after `start` (or `v.count`).
    @inline(__always)
    static func skip(_ v: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = v.count
        #if _endian(little)
            if let base = v.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= n && areEightDigits(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            }
        #endif
        while i < n && v[i] &- CSVByte.zero < 10 { i += 1 }
        return i
    }

    /// `value · 10^k + digits` for the `k` digits in `range` (known to be digits; no overflow check).
    @inline(__always)
    static func accumulate(_ v: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into value: UInt64) -> UInt64 {
        var result = value
        var i = range.lowerBound
        #if _endian(little)
            if let base = v.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= range.upperBound {
                    result =
                        result &* 100_000_000 &+ eightDigitsValue(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    i += 8
                }
            }
        #endif
        while i < range.upperBound {
            result = result &* 10 &+ UInt64(v[i] &- CSVByte.zero)
            i += 1
        }
        return result
    }

    /// The number of ASCII digits a little-endian word starts with (0–8).
    ///
    /// A byte is a digit when its high nibble is 3, before and after adding 6; a carry out of a byte of
    /// 0xFA or more only changes the bytes after it, which lie beyond the first non-digit.
    @inline(__always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        let nibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let threes: UInt64 = 0x3030_3030_3030_3030
        let other = ((word & nibbles) ^ threes) | (((word &+ 0x0606_0606_0606_0606) & nibbles) ^ threes)
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let nonzero = (((other & low) &+ low) | other) & 0x8080_8080_8080_8080
        return nonzero.trailingZeroBitCount &>> 3
    }

    /// The value of the first `count` (0–8) bytes of a little-endian word, which are ASCII digits.
    ///
    /// The digits are moved to the top of the word, below zero bytes that read as leading zeros; a borrow
    /// from a later byte below `0` only reaches the bytes after it, which the shift drops.
    @inline(__always)
    static func leadingDigitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // A smart shift: by 64 (no digits) it gives 0.
        var value = (word &- 0x3030_3030_3030_3030) << (64 &- 8 &* count)
        value = (value &* 10) &+ (value >> 8)
        let pairs1 = (value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let pairs2 = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (pairs1 &+ pairs2) >> 32
    }

    /// Whether all eight bytes of a little-endian word are ASCII digits (the fast_float test).
    @inline(__always)
    static func areEightDigits(_ word: UInt64) -> Bool {
        ((word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
            == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits in a little-endian word (first digit in the lowest byte).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        let pairs1 = (value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let pairs2 = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (pairs1 &+ pairs2) >> 32
    }
}

/// The ASCII bytes the CSV code compares against.
enum CSVByte {
    static let zero = UInt8(ascii: "0")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
}
