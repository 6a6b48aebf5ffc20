import Testing

@testable import MLData

@Suite struct ValueParsingTests {
    private func parseDouble(_ text: String) -> Double? {
        var parser = DoubleParser()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parser.parse($0) }
    }

    private func parseInt(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { ValueParsing.int64($0) }
    }

    @Test func doublesMatchTheStandardLibraryBitForBit() {
        // Reference: Swift's Double(String), which rounds correctly (strtod in the C locale).
        // Random decimals of 1–25 digits, a dot anywhere or nowhere, and exponents up to ±330
        // exercise both the exact fast path and the strtod fallback.
        var generator = SeededGenerator(seed: 2024)
        var parser = DoubleParser()
        for _ in 0..<20_000 {
            let digitCount = 1 + Int(generator.next() % 25)
            var digits = (0..<digitCount).map { _ in String(generator.next() % 10) }.joined()
            let dot = Int(generator.next() % UInt64(digitCount + 2))
            if dot <= digitCount {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: dot))
            }
            var text = (generator.next() % 3 == 0 ? "-" : "") + digits
            switch generator.next() % 4 {
            case 0: text += "e\(Int(generator.next() % 661) - 330)"
            case 1: text += "E+\(generator.next() % 30)"
            default: break
            }
            let expected = Double(text)
            let got = Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) }
            #expect(got?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }

    @Test func longMantissasMatchTheStandardLibraryBitForBit() {
        // The 16–19 significant-digit values that CSV writers print (repr, %.17g) take the
        // Float80 path on x86 and strtod elsewhere; both must agree with Double(String).
        var generator = SeededGenerator(seed: 7)
        var parser = DoubleParser()
        for _ in 0..<50_000 {
            let digitCount = 16 + Int(generator.next() % 4)
            var digits = String(1 + generator.next() % 9)
            for _ in 1..<digitCount { digits += String(generator.next() % 10) }
            let exponent = Int(generator.next() % 55) - 27 - digitCount / 2
            let text = "\(digits.prefix(digitCount / 2)).\(digits.dropFirst(digitCount / 2))e\(exponent)"
            let expected = Double(text)
            let got = Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) }
            #expect(got?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }

    @Test(arguments: [
        ("0.1", 0.1), ("1e5", 1e5), (".5", 0.5), ("-3.", -3.0), ("+2.5", 2.5), ("1E-3", 0.001),
        ("9007199254740993", 9_007_199_254_740_992), ("0.30000000000000004", 0.30000000000000004),
        ("1e400", .infinity), ("1e-400", 0), ("-0", -0.0), ("000123.4500", 123.45),
        ("2.2250738585072014e-308", 2.2250738585072014e-308), ("inf", .infinity), ("-INF", -.infinity),
        ("Infinity", .infinity), ("0.000000000000000000000000001234", 1.234e-27),
        ("12345678.87654321", 12_345_678.876_543_21), ("00000000000000000000001", 1),
        ("1234567890123456789012", 1.234_567_890_123_456_789_012e21),
    ])
    func acceptedSpellings(text: String, expected: Double) {
        #expect(parseDouble(text)?.bitPattern == expected.bitPattern)
    }

    @Test(arguments: [
        "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1,5", "1 000", "12abc", "infinite", "--1",
    ])
    func rejectedSpellings(text: String) {
        #expect(parseDouble(text) == nil)
    }

    @Test func nanParsesAsNaN() throws {
        #expect(try #require(parseDouble("NaN")).isNaN)
    }

    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("42", 42), ("+42", 42), ("-42", -42), ("0007", 7),
        ("9223372036854775807", .max), ("-9223372036854775808", .min),
    ])
    func integers(text: String, expected: Int64) {
        #expect(parseInt(text) == expected)
    }

    @Test(arguments: [
        "", "-", "1.0", "1e3", "9223372036854775808", "-9223372036854775809", "12a", " 1", "99999999999999999999",
    ])
    func notIntegers(text: String) {
        #expect(parseInt(text) == nil)
    }

    /// The reader's in-place fast path on `text` followed by a separator: the offset it stopped at and the
    /// value's bits, or `nil` when it leaves the value to the general path.
    private func scanPlain(_ text: String, integer: Bool = false) -> (end: Int, bits: UInt64)? {
        let parser = DoubleParser()
        let bytes = Array(text.utf8) + [UInt8(ascii: ",")]
        return bytes.withUnsafeBufferPointer { buffer -> (end: Int, bits: UInt64)? in
            guard let base = buffer.baseAddress else { return nil }
            var bits: UInt64 = 0
            let end = parser.scanPlain(base, from: 0, count: buffer.count, integer: integer, into: &bits)
            return end < 0 ? nil : (end, bits)
        }
    }

    /// Expects the fast path to give exactly `Double(text)` for the whole of `text`, or to decline it.
    private func expectPlainMatchesStandardLibrary(
        _ text: String, mustAccept: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let (end, bits) = scanPlain(text) else {
            #expect(!mustAccept, "\(text) was declined", sourceLocation: sourceLocation)
            return
        }
        // A prefix may be scanned (the reader then finds no separator there and takes the general path).
        guard end == text.utf8.count else { return }
        #expect(bits == Double(text)?.bitPattern, "\(text)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "0", "-0", "+0", "0.0", "-0.0", "0.1", "0.2", "0.3", "0.30000000000000004", ".5", "5.", "-.5", "+.5",
        "1e5", "1E-5", "1e+5", "2.5e-3", "-9.0628614e-05", "1e22", "1e23", "1e-22", "1e-23", "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308", "1e309", "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324",
        "5e-324", "2e-324", "1e-400", "9007199254740992", "9007199254740993", "9007199254740995",
        "18014398509481985", "123456789012345678", "1234567890123456789", "12345678901234567890",
        "0.1234567890123456789", "000000000000000000001.5", "99999999999999999999e-5", "8.98846567431158e307",
        "123456.789e3", "1.000000000000000111", "1.00000000000000011102230246251565404236316680908203125",
        "7.2057594037927933e16", "3.0517578125e-05", "-21.851669", "93.224696", "0.2818026", "521.05136",
    ])
    func plainNumbersAreConvertedExactlyOrLeftToTheGeneralPath(text: String) {
        expectPlainMatchesStandardLibrary(text)
    }

    @Test(arguments: [
        "0", "-0", "0.1", ".5", "5.", "-.5", "1e5", "1E-5", "-9.0628614e-05", "-21.851669", "0.2818026",
        "9007199254740992", "123456.789e3", "0.000123", "1e22", "1e-22",
    ])
    func commonPlainNumbersTakeTheFastPath(text: String) {
        expectPlainMatchesStandardLibrary(text, mustAccept: true)
    }

    @Test(arguments: ["", "-", "+", ".", "-.", "e5", "1e", "1e+", "+-1", "--1", "x1", " 1", "nan", "inf"])
    func notPlainNumbersAreDeclined(text: String) {
        // Declined, or stopped at once: either way the reader reads the field the general way.
        if let (end, _) = scanPlain(text) {
            #expect(end < text.utf8.count, "\(text)")
        }
    }

    @Test func randomPlainNumbersMatchTheStandardLibraryBitForBit() {
        // Like doublesMatchTheStandardLibraryBitForBit, but through the reader's fast path: 1–22 digits
        // with a dot anywhere, signs, and exponents up to ±330 (most beyond the fast range).
        var generator = SeededGenerator(seed: 99)
        var accepted = 0
        for _ in 0..<50_000 {
            let digitCount = 1 + Int(generator.next() % 22)
            var digits = (0..<digitCount).map { _ in String(generator.next() % 10) }.joined()
            let dot = Int(generator.next() % UInt64(digitCount + 2))
            if dot <= digitCount {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: dot))
            }
            var text = ["", "-", "+"][Int(generator.next() % 3)] + digits
            switch generator.next() % 4 {
            case 0: text += "e\(Int(generator.next() % 661) - 330)"
            case 1: text += "E-\(generator.next() % 30)"
            default: break
            }
            if let (end, _) = scanPlain(text), end == text.utf8.count { accepted += 1 }
            expectPlainMatchesStandardLibrary(text)
        }
        #expect(accepted > 20_000)
    }

    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("42", 42), ("+42", 42), ("-42", -42), ("0007", 7),
        ("999999999999999999", 999_999_999_999_999_999), ("-999999999999999999", -999_999_999_999_999_999),
    ])
    func plainIntegersMatchTheGeneralParser(text: String, expected: Int64) throws {
        let (end, bits) = try #require(scanPlain(text, integer: true))
        #expect(end == text.utf8.count)
        #expect(Int64(bitPattern: bits) == expected)
        #expect(parseInt(text) == expected)
    }

    @Test(arguments: ["1.0", "1e3", "-", "", "9223372036854775807", "1234567890123456789", ".5"])
    func integersTheFastPathLeavesToTheGeneralParser(text: String) {
        if let (end, _) = scanPlain(text, integer: true) {
            #expect(end < text.utf8.count, "\(text)")
        }
    }

    @Test func digitRunsAreFoundAndConvertedEightBytesAtATime() {
        var generator = SeededGenerator(seed: 5)
        let others: [UInt8] = Array(" ,.-+eE/:".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xFA, 0xFF]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 9)
            var bytes = (0..<count).map { _ in UInt8(ascii: "0") + UInt8(generator.next() % 10) }
            while bytes.count < 8 {
                let random = UInt8(truncatingIfNeeded: generator.next())
                bytes.append(bytes.count == count ? others[Int(generator.next() % UInt64(others.count))] : random)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(Digits.leadingDigitCount(word) == count, "\(bytes)")
            let expected = bytes.prefix(count).reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
            #expect(Digits.leadingDigitsValue(word, count: count) == expected, "\(bytes)")
        }
    }

    @Test func datesRoundTripThroughIsoDate() {
        // isoDate(daysSinceEpoch:) is the inverse; check every day from 1600 to 2400.
        let start = ValueParsing.daysFromCivil(year: 1600, month: 1, day: 1)
        let end = ValueParsing.daysFromCivil(year: 2400, month: 12, day: 31)
        for day in stride(from: start, through: end, by: 1) {
            let text = isoDate(daysSinceEpoch: Int32(day))
            let parsed = Array(text.utf8).withUnsafeBufferPointer { ValueParsing.date($0) }
            if parsed != Int32(day) {
                Issue.record("\(text) parsed as \(String(describing: parsed)), expected \(day)")
                return
            }
        }
    }

    @Test func internerGivesDenseIdsAndSortsByBytes() {
        var interner = ByteInterner()
        let words = (0..<1000).map { "w\($0 % 300)" } + ["", "é", "Z"]
        let ids = words.map { word in Array(word.utf8).withUnsafeBufferPointer { interner.intern($0) } }
        #expect(interner.count == 303)
        #expect(ids[0] == 0 && ids[1] == 1 && ids[300] == 0)
        #expect(interner.string(Int(ids[1001])) == "é")
        let sorted = interner.idsInByteOrder().map { interner.string($0) }
        #expect(sorted.prefix(3) == ["", "Z", "w0"])
        #expect(sorted.last == "é")
    }
}
