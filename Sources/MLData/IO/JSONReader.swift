/// Reads a JSON array of records (objects) into a typed ``DataFrame``.
///
/// **Format.** A UTF-8 file (RFC 8259; a byte-order mark is skipped) whose top level is an
/// array of objects, one per row: `[{"id": 1, "name": "Ann"}, {"id": 2, "name": null}]`, as
/// pandas writes with `to_json(orient="records")`. The columns are the union of the keys in
/// the order they are first seen; a key absent from a record, or `null`, is missing. Python's
/// `json` extensions `NaN` (missing), `Infinity` and `-Infinity` are accepted as numbers.
///
/// **Types** follow the CSV reader's rule applied to each value's text (see ``CSVReader``), so
/// a key's values are typed as a whole:
/// - all `true`/`false` → boolean;
/// - all integers (no fraction or exponent, fitting `Int64`) → integer; integers mixed with
///   other numbers → number;
/// - strings are read exactly like CSV fields: missing tokens (``RecordOptions/missingTokens``,
///   by default `""`, `"NA"`, …) are missing, and `"true"`, `"42"`, `"2.5"` or `"2024-01-31"`
///   type the column as boolean, integer, number or date when every value of the key does —
///   so a file that quotes every value loads like its CSV;
/// - anything else, including numbers mixed with words, becomes labels (the numbers written as
///   in the file): a category when the distinct count is at most max(20, 5% of the present
///   values), else text.
///
/// ``RecordOptions/types`` overrides inference per column, as `types:` does for CSV.
///
/// **Errors** are ``DataError``s with `file`, and the 1-based line and column in the file as
/// `row` and `column` where they apply: not valid JSON, a top level that is not an array, an
/// element that is not an object or a value that is an object or array (naming the 1-based
/// record and the key), a key repeated in one record, and an empty array (`.emptyData`).
///
/// **Speed.** One pass over the (memory-mapped) bytes records where each value lies; keys are
/// hashed as bytes, and each column is then typed straight from the bytes, so no `String`
/// is made per value. Only strings with escapes are copied.
public enum JSONReader {
    /// Reads a JSON file from disk.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayName: The path as the user wrote it, used in error messages.
    ///   - options: How to type the columns.
    /// - Returns: The frame, with one column per key and one row per record.
    /// - Throws: ``DataError`` `.fileNotFound` or `.unreadableFile` for file problems, and the
    ///   errors of ``read(bytes:file:options:)`` for its content.
    public static func read(path: String, displayName: String, options: RecordOptions = .init()) throws -> DataFrame {
        try FileBytes.withContents(path: path, displayName: displayName) { buffer in
            var parse = JSONParse(bytes: buffer, file: displayName, options: options)
            return try parse.run()
        }
    }

    /// Parses JSON bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file name used in error messages.
    ///   - options: How to type the columns.
    /// - Returns: The frame, with one column per key and one row per record.
    /// - Throws: ``DataError`` with code
    ///   - `.unreadableFile` for binary input (a NUL byte or invalid UTF-8);
    ///   - `.malformedData` for invalid JSON, a top level that is not an array, an element that
    ///     is not an object, a nested object or array as a value, a key repeated within a record,
    ///     or a value that does not fit a type given in ``RecordOptions/types``;
    ///   - `.emptyData` for an empty file, an empty array, or records without keys;
    ///   - `.unknownColumn` when ``RecordOptions/types`` names a key no record has.
    public static func read(bytes: [UInt8], file: String, options: RecordOptions = .init()) throws -> DataFrame {
        try bytes.withUnsafeBufferPointer { buffer in
            var parse = JSONParse(bytes: buffer, file: file, options: options)
            return try parse.run()
        }
    }
}

/// Where one value lies: in the file, or (for strings with escapes) in the unescaped arena.
struct JSONCell {
    enum Kind: UInt8 {
        case missing
        /// A string without escapes, in the file.
        case string
        /// A string with escapes, unescaped into the arena.
        case escapedString
        /// A number, `true` or `false`, in the file.
        case literal
    }

    /// The offset of the value's first byte (in the file or the arena).
    var start: Int
    var length: UInt32
    var kind: Kind

    static let missing = JSONCell(start: 0, length: 0, kind: .missing)
}

/// One run of the reader over one buffer; lives only inside ``JSONReader``.
private struct JSONParse {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let options: RecordOptions
    /// The read position.
    private var i = 0
    /// Key bytes → column index, in order of first appearance.
    private var keys = ByteInterner()
    /// Each column's values, one per record read so far (the current record may add one more).
    private var columns: [[JSONCell]] = []
    /// Unescaped strings.
    private var arena: [UInt8] = []
    /// The string being unescaped.
    private var unescaped: [UInt8] = []
    /// The number of complete records.
    private var records = 0
    /// Each column's key bytes (unescaped), to check a predicted key without hashing.
    private var keyBytes: [[UInt8]] = []
    /// The columns of the previous record's keys, by position: records usually repeat their key order.
    private var previousOrder: [Int] = []
    /// The columns of the current record's keys so far.
    private var currentOrder: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, options: RecordOptions) {
        self.bytes = bytes
        self.file = file
        self.options = options
    }

    mutating func run() throws -> DataFrame {
        try checkText()
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        skipWhitespace()
        guard i < bytes.count else { throw DataError(.emptyData, "the file is empty", file: file) }
        guard bytes[i] == JSONByte.openBracket else {
            guard let what = describeValue(at: i) else { throw unexpected(at: i) }
            throw error(
                "the file is not an array of records: the top level is \(what); expected [{\"column\": value, …}, …]",
                at: i)
        }
        i += 1
        skipWhitespace()
        if i < bytes.count && bytes[i] == JSONByte.closeBracket {
            i += 1
            try expectEnd()
            throw DataError(.emptyData, "the array holds no records", file: file)
        }
        while true {
            guard i < bytes.count else { throw invalid("the array is not closed (the file ends inside it)", at: i) }
            guard bytes[i] == JSONByte.openBrace else {
                guard let what = describeValue(at: i) else { throw unexpected(at: i) }
                throw error("record \(records + 1) is not an object: it is \(what)", at: i)
            }
            try readRecord()
            records += 1
            for j in columns.indices where columns[j].count < records { columns[j].append(.missing) }
            skipWhitespace()
            guard i < bytes.count else { throw invalid("the array is not closed (the file ends inside it)", at: i) }
            if bytes[i] == JSONByte.comma {
                i += 1
                skipWhitespace()
                if i < bytes.count && bytes[i] == JSONByte.closeBracket {
                    throw invalid("a comma before ']' (trailing commas are not JSON)", at: i)
                }
            } else if bytes[i] == JSONByte.closeBracket {
                i += 1
                break
            } else {
                throw invalid("expected ',' or ']' after record \(records), found \(shown(at: i))", at: i)
            }
        }
        try expectEnd()
        return try makeFrame()
    }

    /// Rejects binary input.
    private func checkText() throws {
        guard let (offset, problem) = TextCheck.firstProblem(in: bytes) else { return }
        var message = "the file is not UTF-8 JSON text (binary data at byte \(offset + 1))"
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            message += "; it looks like UTF-16 text: save it as UTF-8"
        } else if problem == .invalidUTF8 {
            message += "; JSON files must be UTF-8"
        }
        throw DataError(.unreadableFile, message, file: file)
    }

    /// Fails unless only whitespace follows.
    private mutating func expectEnd() throws {
        skipWhitespace()
        guard i == bytes.count else { throw invalid("unexpected \(shown(at: i)) after the end of the array", at: i) }
    }

    // MARK: - Records and values

    /// Reads one object at `i` (which holds `{`) and appends its values to their columns.
    private mutating func readRecord() throws {
        let record = records + 1
        i += 1
        skipWhitespace()
        swap(&previousOrder, &currentOrder)
        currentOrder.removeAll(keepingCapacity: true)
        if i < bytes.count && bytes[i] == JSONByte.closeBrace {
            i += 1
            return
        }
        while true {
            guard i < bytes.count else {
                throw invalid("record \(record) is not closed (the file ends inside it)", at: i)
            }
            guard bytes[i] == JSONByte.quote else {
                throw invalid("expected a key in double quotes in record \(record), found \(shown(at: i))", at: i)
            }
            let keyStart = i
            let column = try readKey()
            currentOrder.append(column)
            if columns[column].count > records {
                throw error("record \(record) has the key '\(keyName(column))' twice", at: keyStart)
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == JSONByte.colon else {
                throw invalid("expected ':' after the key '\(keyName(column))' in record \(record)", at: i)
            }
            i += 1
            skipWhitespace()
            columns[column].append(try readValue(record: record, column: column))
            skipWhitespace()
            guard i < bytes.count else {
                throw invalid("record \(record) is not closed (the file ends inside it)", at: i)
            }
            if bytes[i] == JSONByte.comma {
                i += 1
                skipWhitespace()
                if i < bytes.count && bytes[i] == JSONByte.closeBrace {
                    throw invalid("a comma before '}' in record \(record) (trailing commas are not JSON)", at: i)
                }
            } else if bytes[i] == JSONByte.closeBrace {
                i += 1
                return
            } else {
                throw invalid(
                    "expected ',' or '}' after the value of '\(keyName(column))' in record \(record), "
                        + "found \(shown(at: i))", at: i)
            }
        }
    }

    /// Reads a key at `i` (which holds `"`) and returns its column, adding a column for a new key.
    private mutating func readKey() throws -> Int {
        let start = i + 1
        let end = try scanString(from: start)
        let id: Int32
        if bytes[end] == JSONByte.quote {
            let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
            i = end + 1
            // The key at this position in the previous record is the likely one.
            let position = currentOrder.count
            if position < previousOrder.count {
                let predicted = previousOrder[position]
                let same = keyBytes[predicted].withUnsafeBufferPointer { $0.elementsEqual(key) }
                if same { return predicted }
            }
            id = keys.intern(key)
        } else {
            i = try unescape(start: start, backslash: end)
            id = unescaped.withUnsafeBufferPointer { keys.intern($0) }
        }
        let column = Int(id)
        if column == columns.count {
            var cells = [JSONCell](repeating: .missing, count: records)
            cells.reserveCapacity(max(16, records * 2))
            columns.append(cells)
            keyBytes.append(Array(keys.bytes(column)))
        }
        return column
    }

    /// Reads one value at `i`.
    private mutating func readValue(record: Int, column: Int) throws -> JSONCell {
        guard i < bytes.count else { throw invalid("record \(record) is not closed (the file ends inside it)", at: i) }
        let start = i
        switch bytes[i] {
        case JSONByte.quote:
            let contentStart = i + 1
            let end = try scanString(from: contentStart)
            if bytes[end] == JSONByte.quote {
                i = end + 1
                return try cell(start: contentStart, end: end, kind: .string)
            }
            i = try unescape(start: contentStart, backslash: end)
            let arenaStart = arena.count
            arena.append(contentsOf: unescaped)
            return try cell(start: arenaStart, end: arena.count, kind: .escapedString)
        case JSONByte.minus, JSONByte.zero...JSONByte.nine, UInt8(ascii: "I"):
            try scanNumber()
            return try cell(start: start, end: i, kind: .literal)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return try cell(start: start, end: i, kind: .literal)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return try cell(start: start, end: i, kind: .literal)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .missing
        case UInt8(ascii: "N"):
            try expectWord("NaN")
            return .missing
        case JSONByte.openBrace, JSONByte.openBracket:
            let what = bytes[i] == JSONByte.openBrace ? "an object" : "an array"
            throw error(
                "record \(record), key '\(keyName(column))': the value is \(what); only strings, numbers, "
                    + "booleans and null can be loaded as columns", at: i)
        default:
            throw unexpected(at: i)
        }
    }

    private func cell(start: Int, end: Int, kind: JSONCell.Kind) throws -> JSONCell {
        guard let length = UInt32(exactly: end - start) else {
            throw error("a value longer than 4 GiB cannot be loaded", at: start)
        }
        return JSONCell(start: start, length: length, kind: kind)
    }

    /// Skips a string's plain bytes from `start`; returns the offset of the closing quote or the first backslash.
    private func scanString(from start: Int) throws -> Int {
        var k = start
        let n = bytes.count
        while k < n {
            let byte = bytes[k]
            if byte == JSONByte.quote || byte == JSONByte.backslash { return k }
            if byte < 0x20 { throw controlCharacter(at: k) }
            k += 1
        }
        throw invalid("a string is not closed (the file ends inside it)", at: start - 1)
    }

    /// Decodes the string whose content starts at `start` and has its first backslash at `backslash`
    /// into ``unescaped``.
    ///
    /// - Returns: The offset after the closing quote.
    private mutating func unescape(start: Int, backslash: Int) throws -> Int {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<backslash]))
        var k = backslash
        let n = bytes.count
        while k < n {
            let byte = bytes[k]
            if byte == JSONByte.quote { return k + 1 }
            if byte < 0x20 { throw controlCharacter(at: k) }
            guard byte == JSONByte.backslash else {
                unescaped.append(byte)
                k += 1
                continue
            }
            guard k + 1 < n else { break }
            let escaped = bytes[k + 1]
            switch escaped {
            case JSONByte.quote, JSONByte.backslash, UInt8(ascii: "/"): unescaped.append(escaped)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape(at: k)
                unescaped.append(contentsOf: String(Character(scalar)).utf8)
                k += scalar.value > 0xFFFF ? 12 : 6
                continue
            default:
                throw invalid("invalid escape \(shown(at: k + 1, prefix: "\\")) in a string", at: k)
            }
            k += 2
        }
        throw invalid("a string is not closed (the file ends inside it)", at: start - 1)
    }

    /// The scalar of the `\uXXXX` escape (or surrogate pair `\uXXXX\uXXXX`) at `k`.
    private func unicodeEscape(at k: Int) throws -> Unicode.Scalar {
        guard let high = hex4(at: k + 2) else { throw invalid("'\\u' must be followed by four hex digits", at: k) }
        if (0xDC00...0xDFFF).contains(high) {
            throw invalid("'\\u\(hexText(high))' is half of a surrogate pair without its first half", at: k)
        }
        if (0xD800...0xDBFF).contains(high) {
            guard k + 7 < bytes.count, bytes[k + 6] == JSONByte.backslash, bytes[k + 7] == UInt8(ascii: "u"),
                let low = hex4(at: k + 8), (0xDC00...0xDFFF).contains(low)
            else {
                throw invalid("'\\u\(hexText(high))' starts a surrogate pair that is not completed", at: k)
            }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw invalid("invalid '\\u' escape", at: k) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw invalid("invalid '\\u' escape", at: k) }
        return scalar
    }

    private func hex4(at k: Int) -> UInt32? {
        guard k + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[k + offset]
            let digit: UInt8
            switch byte {
            case JSONByte.zero...JSONByte.nine: digit = byte - JSONByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func hexText(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Checks a number's JSON syntax from `i` and moves past it (`Infinity` and `-Infinity` included).
    private mutating func scanNumber() throws {
        let start = i
        let n = bytes.count
        if bytes[i] == JSONByte.minus { i += 1 }
        if i < n && bytes[i] == UInt8(ascii: "I") {
            try expectWord("Infinity")
            return
        }
        guard i < n, bytes[i] &- JSONByte.zero < 10 else { throw invalid("a number has no digits", at: start) }
        if bytes[i] == JSONByte.zero {
            i += 1
            if i < n && bytes[i] &- JSONByte.zero < 10 {
                throw invalid("a number has a leading zero (JSON writes 7, not 07)", at: start)
            }
        } else {
            i = Digits.skip(bytes, from: i)
        }
        if i < n && bytes[i] == JSONByte.dot {
            i += 1
            guard i < n, bytes[i] &- JSONByte.zero < 10 else {
                throw invalid("a number has no digits after its decimal point", at: start)
            }
            i = Digits.skip(bytes, from: i)
        }
        if i < n && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            if i < n && (bytes[i] == JSONByte.minus || bytes[i] == JSONByte.plus) { i += 1 }
            guard i < n, bytes[i] &- JSONByte.zero < 10 else {
                throw invalid("a number has no digits in its exponent", at: start)
            }
            i = Digits.skip(bytes, from: i)
        }
    }

    /// Moves past `word`, or fails.
    private mutating func expectWord(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            i + count <= bytes.count && (0..<count).allSatisfy { bytes[i + $0] == expected[$0] }
        }
        guard matches else { throw unexpected(at: i) }
        i += count
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            guard
                byte == JSONByte.space || byte == JSONByte.lineFeed || byte == JSONByte.carriageReturn
                    || byte == JSONByte.tab
            else { return }
            i += 1
        }
    }

    // MARK: - Building the frame

    private func keyName(_ column: Int) -> String {
        keys.string(column)
    }

    /// Types every column and assembles the frame.
    private func makeFrame() throws -> DataFrame {
        let names = (0..<keys.count).map { j in
            let key = keys.string(j)
            return key.isEmpty ? "column_\(j + 1)" : key
        }
        guard !names.isEmpty else {
            throw DataError(.emptyData, "the records have no keys, so there are no columns", file: file)
        }
        try options.checkTypes(against: names, file: file)
        var built: [Column] = []
        built.reserveCapacity(names.count)
        try arena.withUnsafeBufferPointer { arenaBytes in
            for (j, name) in names.enumerated() {
                let cells = JSONColumnCells(file: bytes, arena: arenaBytes, cells: columns[j])
                let type = options.types[name]
                do throws(ColumnInference.Mismatch) {
                    built.append(
                        try ColumnInference.column(
                            named: name, cells: cells, explicitType: type, missingTokens: options.missingTokens))
                } catch {
                    let cell = columns[j][error.index]
                    // Point at a string's opening quote; an unescaped copy has no place in the file.
                    let offset: Int? =
                        switch cell.kind {
                        case .escapedString, .missing: nil
                        case .string: cell.start - 1
                        case .literal: cell.start
                        }
                    let message =
                        "record \(error.index + 1), key '\(keyName(j))': '\(error.text)' is not a valid "
                        + "\(type?.rawValue ?? "typed") value"
                    if let offset { throw self.error(message, at: offset) }
                    throw DataError(.malformedData, message, file: file)
                }
            }
        }
        return try DataFrame(columns: built)
    }

    // MARK: - Errors

    /// A `.malformedData` error at byte `offset`, with its line and column.
    private func error(_ message: String, at offset: Int) -> DataError {
        let (line, column) = position(of: offset)
        return DataError(.malformedData, message, file: file, row: line, column: column)
    }

    /// A syntax error: "not valid JSON: …".
    private func invalid(_ message: String, at offset: Int) -> DataError {
        error("not valid JSON: \(message)", at: offset)
    }

    private func unexpected(at offset: Int) -> DataError {
        guard offset < bytes.count else { return invalid("the file ends too early", at: offset) }
        return invalid("unexpected \(shown(at: offset))", at: offset)
    }

    private func controlCharacter(at offset: Int) -> DataError {
        let code = "U+00" + (bytes[offset] < 0x10 ? "0" : "") + String(bytes[offset], radix: 16, uppercase: true)
        return invalid(
            "a control character (\(code)) inside a string must be escaped (as \\n, \\t or \\u…)", at: offset)
    }

    /// The character at `offset`, quoted for a message ("end of file" past the end).
    private func shown(at offset: Int, prefix: String = "") -> String {
        guard offset < bytes.count else { return "the end of the file" }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        return "'\(prefix)\(text)'"
    }

    /// What kind of JSON value starts at `offset` ("an object", "a number", …), or `nil`.
    private func describeValue(at offset: Int) -> String? {
        switch bytes[offset] {
        case JSONByte.openBrace: "an object"
        case JSONByte.openBracket: "an array"
        case JSONByte.quote: "a string"
        case JSONByte.minus, JSONByte.zero...JSONByte.nine: "a number"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: nil
        }
    }

    /// The 1-based line and character column of byte `offset`.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for k in 0..<end where bytes[k] == JSONByte.lineFeed {
            line += 1
            lineStart = k + 1
        }
        var column = 1
        for k in lineStart..<end where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}

/// One column's cells as ``RawCells``, reading strings and literals straight from the file.
private struct JSONColumnCells: RawCells {
    let file: UnsafeBufferPointer<UInt8>
    let arena: UnsafeBufferPointer<UInt8>
    let cells: [JSONCell]

    var count: Int { cells.count }

    @inline(__always)
    func withCell(at index: Int, _ body: (RawCellKind, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        let cell = cells[index]
        let range = cell.start..<(cell.start + Int(cell.length))
        switch cell.kind {
        case .missing: return body(.missing, UnsafeBufferPointer(start: nil, count: 0))
        case .string: return body(.string, UnsafeBufferPointer(rebasing: file[range]))
        case .escapedString: return body(.string, UnsafeBufferPointer(rebasing: arena[range]))
        case .literal: return body(.literal, UnsafeBufferPointer(rebasing: file[range]))
        }
    }
}

/// The ASCII bytes the JSON reader compares against.
private enum JSONByte {
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}
