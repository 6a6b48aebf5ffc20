/// Tells text files from binary ones: a text file is valid UTF-8 without NUL bytes.
enum TextCheck {
    /// Why a byte is not text.
    enum Problem: Equatable {
        /// A NUL byte, which text files never contain (UTF-16 text is full of them).
        case nul
        /// A byte that does not continue a valid UTF-8 sequence.
        case invalidUTF8
    }

    /// The offset of the first byte that is NUL or breaks UTF-8, or `nil` when the input is text.
    ///
    /// ASCII runs are checked eight bytes at a time; only bytes ≥ 0x80 go through the full
    /// UTF-8 state machine (overlong forms, surrogates and values above U+10FFFF are rejected).
    ///
    /// - Complexity: O(*n*), about one word operation per eight ASCII bytes.
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, problem: Problem)? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // No byte has its high bit set and no byte is zero: eight plain ASCII characters.
                if word & highs == 0 && (word &- ones) & ~word & highs == 0 {
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            if byte == 0 { return (i, .nul) }
            if byte < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            guard length > 0 else { return (i, .invalidUTF8) }
            i += length
        }
        return nil
    }

    /// The length of the valid multi-byte UTF-8 sequence starting at `i`, or 0 when it is invalid.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        guard (low...high).contains(bytes[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }
}
