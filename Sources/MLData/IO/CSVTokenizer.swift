/// Where one field of a record lies in the input, before unquoting.
struct RawField {
    /// The offset of the field's first byte (leading spaces included).
    var start: Int
    /// The offset just past the field's last byte (before the separator or line break).
    var end: Int
    /// Whether the field begins (after spaces) with a quote.
    var quoted: Bool
}

/// An unterminated quote found while splitting records.
struct UnterminatedQuote: Error {
    /// The offset of the opening quote.
    var offset: Int
    /// The 1-based field number the quote opened in.
    var field: Int
}

/// Splits CSV bytes into records and fields in one forward pass, RFC 4180 style.
///
/// - A field that starts with `"` (after optional spaces) is quoted: separators and line breaks
///   inside it are data, and `""` is a literal quote. Text after the closing quote is kept, as
///   pandas does. A quote elsewhere in an unquoted field is an ordinary character.
/// - Records end at LF, CRLF or a lone CR. Blank lines (empty or only spaces) are skipped.
/// - The tokenizer only records where fields are; ``value(of:scratch:)`` unquotes and trims one
///   field on demand.
///
/// It holds a pointer into the caller's buffer and must not outlive the closure that made it.
struct CSVTokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8

    /// Skips blank lines starting at `offset` (which must be at the start of a line).
    ///
    /// - Returns: The offset of the next record's first byte, or `bytes.count` at the end.
    func skipBlankLines(from offset: Int) -> Int {
        var i = offset
        let n = bytes.count
        while i < n {
            var j = i
            while j < n && (bytes[j] == CSVByte.space || (bytes[j] == CSVByte.tab && separator != CSVByte.tab)) {
                j += 1
            }
            if j == n { return n }
            let c = bytes[j]
            if c == CSVByte.lineFeed {
                i = j + 1
            } else if c == CSVByte.carriageReturn {
                i = j + 1 < n && bytes[j + 1] == CSVByte.lineFeed ? j + 2 : j + 1
            } else {
                return i
            }
        }
        return n
    }

    /// Reads the record that starts at `offset`, appending its fields to `fields`.
    ///
    /// - Returns: The offset just past the record's line break (or the end of the input).
    /// - Throws: ``UnterminatedQuote`` when a quoted field runs to the end of the input.
    @inline(__always)
    func readRecord(at offset: Int, into fields: inout [RawField]) throws(UnterminatedQuote) -> Int {
        let n = bytes.count
        var i = offset
        var fieldNumber = 1
        while true {
            let field = try readField(at: i, number: fieldNumber)
            fields.append(field)
            i = field.end
            guard i < n else { return n }
            let c = bytes[i]
            if c == separator {
                i += 1
                fieldNumber += 1
                continue
            }
            if c == CSVByte.carriageReturn && i + 1 < n && bytes[i + 1] == CSVByte.lineFeed { return i + 2 }
            return i + 1
        }
    }

    /// Reads the field that starts at `offset`.
    ///
    /// - Parameters:
    ///   - offset: The field's first byte (just after a separator or at the start of a record).
    ///   - fieldNumber: The field's 1-based number in its record, for the error.
    /// - Returns: The field; its ``RawField/end`` is the offset of the separator, LF or CR that ends it, or
    ///   the end of the input.
    /// - Throws: ``UnterminatedQuote`` when a quoted field runs to the end of the input.
    @inline(__always)
    func readField(at offset: Int, number fieldNumber: Int) throws(UnterminatedQuote) -> RawField {
        let n = bytes.count
        var i = offset
        var quoted = false
        // A quote after leading spaces opens a quoted field.
        var j = i
        while j < n && bytes[j] == CSVByte.space && separator != CSVByte.space { j += 1 }
        if j < n && bytes[j] == CSVByte.quote {
            quoted = true
            let opening = j
            j += 1
            while true {
                guard j < n else { throw UnterminatedQuote(offset: opening, field: fieldNumber) }
                if bytes[j] == CSVByte.quote {
                    if j + 1 < n && bytes[j + 1] == CSVByte.quote {
                        j += 2
                        continue
                    }
                    j += 1
                    break
                }
                j += 1
            }
            i = j
        }
        // The unquoted part (or what follows a closing quote) runs to a separator or line break.
        return RawField(start: offset, end: nextDelimiter(from: i), quoted: quoted)
    }

    /// The offset of the first separator, LF or CR at or after `start` (or `bytes.count`).
    ///
    /// Eight bytes at a time: a byte equal to `c` is a zero byte of `word ^ c·0x0101…`, and
    /// `(x − 0x0101…) & ~x & 0x8080…` marks zero bytes exactly up to the first one, so the lowest
    /// set bit locates the first delimiter.
    @inline(__always)
    func nextDelimiter(from start: Int) -> Int {
        var i = start
        let n = bytes.count
        #if _endian(little)
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let separators = UInt64(separator) &* ones
                let lineFeeds = UInt64(CSVByte.lineFeed) &* ones
                let returns = UInt64(CSVByte.carriageReturn) &* ones
                while i + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let a = word ^ separators
                    let b = word ^ lineFeeds
                    let c = word ^ returns
                    let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                    if found != 0 { return i + found.trailingZeroBitCount >> 3 }
                    i += 8
                }
            }
        #endif
        while i < n {
            let c = bytes[i]
            if c == separator || c == CSVByte.lineFeed || c == CSVByte.carriageReturn { return i }
            i += 1
        }
        return n
    }

    /// The field's value: unquoted fields trimmed of spaces and tabs; quoted fields unescaped.
    ///
    /// A quoted field's content is kept verbatim (no trimming inside the quotes); spaces before
    /// the opening quote and after the closing one are dropped. Unescaped values are written to
    /// `scratch`, so the result is valid only until the next call with the same scratch.
    @inline(__always)
    func value(of field: RawField, scratch: inout ByteScratch) -> UnsafeBufferPointer<UInt8> {
        if !field.quoted {
            var start = field.start
            var end = field.end
            while start < end && (bytes[start] == CSVByte.space || bytes[start] == CSVByte.tab) { start += 1 }
            while end > start && (bytes[end - 1] == CSVByte.space || bytes[end - 1] == CSVByte.tab) { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
        return unquote(field, scratch: &scratch)
    }

    private func unquote(_ field: RawField, scratch: inout ByteScratch) -> UnsafeBufferPointer<UInt8> {
        scratch.reserve(field.end - field.start)
        let out = scratch.buffer
        var count = 0
        var i = field.start
        while bytes[i] != CSVByte.quote { i += 1 }
        i += 1
        while i < field.end {
            let c = bytes[i]
            if c == CSVByte.quote {
                if i + 1 < field.end && bytes[i + 1] == CSVByte.quote {
                    out[count] = CSVByte.quote
                    count += 1
                    i += 2
                    continue
                }
                i += 1
                break
            }
            out[count] = c
            count += 1
            i += 1
        }
        // Text after the closing quote is kept, without trailing spaces.
        var tailEnd = field.end
        while tailEnd > i && (bytes[tailEnd - 1] == CSVByte.space || bytes[tailEnd - 1] == CSVByte.tab) {
            tailEnd -= 1
        }
        while i < tailEnd {
            out[count] = bytes[i]
            count += 1
            i += 1
        }
        return UnsafeBufferPointer(rebasing: out[0..<count])
    }

    /// The separator that occurs most often outside quotes on the record starting at `offset`.
    ///
    /// Candidates are `,`, `;` and tab; ties go to that order, and a line with none is `,`.
    func detectSeparator(at offset: Int) -> UInt8 {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var i = offset
        while i < bytes.count {
            let c = bytes[i]
            if c == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == CSVByte.lineFeed || c == CSVByte.carriageReturn { break }
                if c == CSVByte.comma { counts.comma += 1 }
                if c == CSVByte.semicolon { counts.semicolon += 1 }
                if c == CSVByte.tab { counts.tab += 1 }
            }
            i += 1
        }
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return CSVByte.semicolon }
        if counts.tab > counts.comma && counts.tab > counts.semicolon { return CSVByte.tab }
        return CSVByte.comma
    }

    /// The 1-based line number of `offset`: one plus the line breaks (LF, CRLF, lone CR) before it.
    func lineNumber(at offset: Int) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == CSVByte.lineFeed {
                line += 1
            } else if c == CSVByte.carriageReturn && !(i + 1 < bytes.count && bytes[i + 1] == CSVByte.lineFeed) {
                line += 1
            }
            i += 1
        }
        return line
    }
}

/// A growable byte buffer for unquoted values, freed by its owner with ``deallocate()``.
struct ByteScratch {
    private(set) var buffer: UnsafeMutableBufferPointer<UInt8>

    /// Allocates an empty scratch buffer.
    init() {
        buffer = .allocate(capacity: 256)
    }

    /// Makes room for at least `count` bytes (the contents are not kept).
    @inline(__always)
    mutating func reserve(_ count: Int) {
        guard count > buffer.count else { return }
        buffer.deallocate()
        buffer = .allocate(capacity: max(count, buffer.count * 2))
    }

    /// Frees the memory; the scratch must not be used afterwards.
    func deallocate() {
        buffer.deallocate()
    }
}
