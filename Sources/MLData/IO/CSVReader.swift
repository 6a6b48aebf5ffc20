import Foundation

/// Reads delimited text files (CSV, semicolon- or tab-separated) into a typed ``DataFrame``.
///
/// **Format.** RFC 4180 with the usual extensions: a UTF-8 byte-order mark is skipped; records
/// end at LF, CRLF or CR; blank lines are skipped; a quoted field may hold separators, line
/// breaks and `""` escapes; column names are trimmed of surrounding whitespace. Unquoted values
/// are trimmed of spaces and tabs; quoted values keep their content verbatim.
///
/// **Missing values.** A value equal to one of ``CSVOptions/missingTokens`` (compared after
/// trimming and unquoting) is missing.
///
/// **Type inference** looks at every present value of a column, not a sample:
/// 1. boolean if all are `true`/`false` (any letter case);
/// 2. integer if all parse as `Int64` (`-12`, `+7`);
/// 3. number if all parse as `Double` (`1e5`, `.5`, `-3.`, `inf`);
/// 4. date if all are `YYYY-MM-DD` calendar dates;
/// 5. otherwise category when the number of distinct values is at most
///    max(20, 5% of the present values), else text.
///
/// A column with no present value is a number column. Category levels are sorted by their
/// UTF-8 bytes (code-point order, as numpy's `np.unique` sorts strings), so class order
/// matches scikit-learn's `classes_`. ``CSVOptions/types`` overrides inference per column;
/// an explicit `boolean` also accepts `yes/no`, `t/f`, `y/n`, `1/0`, and an explicit
/// `integer` accepts integral decimals such as `3.0`.
///
/// **Errors** are ``DataError``s with `file`, the 1-based line in the file as `row` and the
/// 1-based field number as `column` where they apply.
///
/// **Speed.** One pass over the bytes finds field boundaries a block of rows at a time; each
/// column then converts its fields straight from the bytes (integers and most decimals
/// without `strtod`, labels dictionary-encoded through a byte hash table), so no `String` is
/// made per numeric or repeated field. A column that turns out to mix types is re-read once.
public enum CSVReader {
    /// Reads a CSV file from disk.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayName: The path as the user wrote it, used in error messages.
    ///   - options: How to parse the file.
    /// - Returns: The frame, with one column per header field.
    /// - Throws: ``DataError`` `.fileNotFound` or `.unreadableFile` for file problems, and the
    ///   errors of ``read(bytes:file:options:)`` for its content.
    public static func read(path: String, displayName: String, options: CSVOptions = .init()) throws -> DataFrame {
        try FileBytes.withContents(path: path, displayName: displayName) { buffer, releaser in
            var parse = CSVParse(bytes: buffer, file: displayName, options: options, releaser: releaser)
            return try parse.run()
        }
    }

    /// Parses CSV bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file name used in error messages.
    ///   - options: How to parse the bytes.
    /// - Returns: The frame, with one column per header field and one row per record.
    /// - Throws: ``DataError`` with code
    ///   - `.unreadableFile` for binary input (a NUL byte or invalid UTF-8);
    ///   - `.emptyData` for an empty file or a header without data rows;
    ///   - `.malformedData` for a ragged row, an unterminated quote, or a value that does not
    ///     fit a type given in ``CSVOptions/types``;
    ///   - `.duplicateColumn` for two columns with the same name;
    ///   - `.unknownColumn` when ``CSVOptions/types`` names a column the file does not have.
    public static func read(bytes: [UInt8], file: String, options: CSVOptions = .init()) throws -> DataFrame {
        try bytes.withUnsafeBufferPointer { buffer in
            var parse = CSVParse(bytes: buffer, file: file, options: options)
            return try parse.run()
        }
    }
}

/// One run of the reader over one buffer; lives only inside ``CSVReader/read(bytes:file:options:)``.
private struct CSVParse {
    /// Fields tokenized per block, so the index stays small and cache-resident.
    static let fieldsPerBlock = 1 << 15

    /// Bytes checked for binary content per step, so the check can release pages as it goes.
    static let textCheckChunk = 1 << 20

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let options: CSVOptions
    /// The column names, once the header is read.
    private(set) var names: [String] = []
    /// Drops the file's pages once they are read, so a mapped file does not add its size to the peak memory.
    private var releaser: PageReleaser
    /// How many column groups convert a block's fields concurrently.
    private let workers: Int

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, options: CSVOptions, releaser: PageReleaser = .none) {
        self.bytes = bytes
        self.file = file
        self.options = options
        self.releaser = releaser
        // Twice the cores, so groups of unequal cost still keep every core busy.
        self.workers = max(1, 2 * ProcessInfo.processInfo.activeProcessorCount)
    }

    mutating func run() throws -> DataFrame {
        try checkText()
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let probe = CSVTokenizer(bytes: bytes, separator: CSVByte.comma)
        let firstRecord = probe.skipBlankLines(from: hasBOM ? 3 : 0)
        guard firstRecord < bytes.count else { throw DataError(.emptyData, "the file is empty", file: file) }
        let separator = options.separator ?? probe.detectSeparator(at: firstRecord)
        let tokenizer = CSVTokenizer(bytes: bytes, separator: separator)

        var scratch = ByteScratch()
        defer { scratch.deallocate() }

        // The header (or, without one, the first record's width).
        var headerFields: [RawField] = []
        let afterHeader = try readRecord(tokenizer, at: firstRecord, into: &headerFields)
        let dataStart: Int
        if options.header {
            names = try headerNames(
                headerFields, tokenizer: tokenizer, line: tokenizer.lineNumber(at: firstRecord),
                scratch: &scratch)
            dataStart = afterHeader
        } else {
            names = (1...headerFields.count).map { "column_\($0)" }
            dataStart = firstRecord
        }
        let builders = try makeBuilders(names)

        var built = builders
        let rows = try scan(tokenizer, from: dataStart, width: names.count, columns: Array(names.indices), builders: &built)
        guard rows > 0 else {
            throw DataError(.emptyData, "the file has a header but no data rows", file: file)
        }

        // Columns that mixed types are re-read as labels.
        let deferred = built.indices.filter { built[$0].state == .deferred }
        if !deferred.isEmpty {
            for j in deferred { built[j] = CSVColumnBuilder(forceStrings: ()) }
            _ = try scan(tokenizer, from: dataStart, width: names.count, columns: deferred, builders: &built)
        }
        let columns = zip(names, built).map { name, builder in builder.finish(name: name) }
        return try DataFrame(columns: columns)
    }

    /// Rejects binary input.
    ///
    /// The check goes through the bytes a chunk at a time and releases the pages behind it. Chunks end
    /// before a byte that is not a UTF-8 continuation byte, so no valid sequence is cut in two and an
    /// invalid one is still reported at the same offset.
    private mutating func checkText() throws {
        var start = 0
        var found: (offset: Int, problem: TextCheck.Problem)?
        while start < bytes.count && found == nil {
            var end = min(bytes.count, start + Self.textCheckChunk)
            while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if let (offset, problem) = TextCheck.firstProblem(in: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                found = (start + offset, problem)
            }
            start = end
            releaser.release(below: start)
        }
        guard let (offset, problem) = found else { return }
        var message = "the file is not a text CSV file (binary data at byte \(offset + 1))"
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            message += "; it looks like UTF-16 text: save it as UTF-8"
        } else if problem == .invalidUTF8 {
            message += "; it is not UTF-8: if it is text, save it as UTF-8"
        }
        throw DataError(.unreadableFile, message, file: file)
    }

    /// Reads one record, turning an unterminated quote into a located error.
    private func readRecord(_ tokenizer: CSVTokenizer, at offset: Int, into fields: inout [RawField]) throws -> Int {
        do {
            return try tokenizer.readRecord(at: offset, into: &fields)
        } catch {
            throw DataError(
                .malformedData, "a quoted field is not closed: the quote has no matching end quote",
                file: file, row: tokenizer.lineNumber(at: error.offset), column: error.field)
        }
    }

    /// The trimmed, unquoted column names; empty names become `column_N`.
    private func headerNames(
        _ fields: [RawField], tokenizer: CSVTokenizer, line: Int,
        scratch: inout ByteScratch
    ) throws -> [String] {
        var names: [String] = []
        var seen: [String: Int] = [:]
        for (j, field) in fields.enumerated() {
            let raw = String(decoding: tokenizer.value(of: field, scratch: &scratch), as: UTF8.self)
            let trimmed = raw.trimmingWhitespace()
            let name = trimmed.isEmpty ? "column_\(j + 1)" : trimmed
            if let first = seen[name] {
                throw DataError(
                    .duplicateColumn, "two columns are named '\(name)' (fields \(first) and \(j + 1))",
                    file: file, row: line, column: j + 1)
            }
            seen[name] = j + 1
            names.append(name)
        }
        return names
    }

    /// One builder per column, with the explicit types applied.
    private func makeBuilders(_ names: [String]) throws -> [CSVColumnBuilder] {
        let known = Set(names)
        for name in options.types.keys.sorted() where !known.contains(name) {
            var message = "types: names unknown column '\(name)'"
            if let near = nearestName(to: name, in: names) { message += "; did you mean '\(near)'?" }
            throw DataError(.unknownColumn, message, file: file)
        }
        return names.map { CSVColumnBuilder(explicitType: options.types[$0]) }
    }

    /// Tokenizes every record from `start` a block at a time and feeds the chosen columns.
    ///
    /// Each block is split into records on this thread, then its columns are converted in parallel by
    /// ``workers`` groups of consecutive columns, each with its own parser and scratch buffer. A value
    /// that does not fit an explicit type is reported for the first such column in column order, as a
    /// sequential pass would. Pages of the file behind the block are released as the scan moves on.
    ///
    /// - Returns: The number of data rows.
    private mutating func scan(
        _ tokenizer: CSVTokenizer, from start: Int, width: Int, columns: [Int], builders: inout [CSVColumnBuilder]
    ) throws -> Int {
        let matcher = MissingTokenMatcher(options.missingTokens)
        let rowsPerBlock = max(1, Self.fieldsPerBlock / width)
        let groupCount = min(columns.count, workers)
        let groups = (0..<groupCount).map { group in
            Array(columns[(group * columns.count / groupCount)..<((group + 1) * columns.count / groupCount)])
        }
        var fields: [RawField] = []
        fields.reserveCapacity(rowsPerBlock * width + width)
        releaser.rewind()
        var offset = tokenizer.skipBlankLines(from: start)
        var rows = 0
        while offset < bytes.count {
            fields.removeAll(keepingCapacity: true)
            var blockRows = 0
            while blockRows < rowsPerBlock && offset < bytes.count {
                let recordStart = offset
                let before = fields.count
                offset = try readRecord(tokenizer, at: offset, into: &fields)
                let count = fields.count - before
                if count != width {
                    let line = tokenizer.lineNumber(at: recordStart)
                    throw DataError(
                        .malformedData, "row \(line) has \(count) fields, expected \(width)",
                        file: file, row: line, column: min(count, width) + 1)
                }
                blockRows += 1
                offset = tokenizer.skipBlankLines(from: offset)
            }
            let failure = convert(
                fields, rows: blockRows, width: width, groups: groups, tokenizer: tokenizer, matcher: matcher,
                builders: &builders)
            if let (column, field) = failure {
                var scratch = ByteScratch()
                defer { scratch.deallocate() }
                throw typeError(
                    tokenizer.value(of: field, scratch: &scratch), field: field, column: column, tokenizer: tokenizer)
            }
            rows += blockRows
            if offset < bytes.count {
                // Reserve once for the rows still to come (estimated from the bytes per row so far), so the
                // columns grow without doubling; re-estimate whenever a column is about to run out of room.
                let needed = rows + 2 * rowsPerBlock
                if columns.contains(where: { builders[$0].capacity < needed }) {
                    let perRow = Double(offset - start) / Double(rows)
                    let estimate = rows + Int((Double(bytes.count - offset) / perRow * 1.02).rounded(.up)) + 16
                    for j in columns { builders[j].reserve(rows: max(estimate, needed)) }
                }
            }
            releaser.release(below: offset)
        }
        return rows
    }

    /// Appends one block's fields to the builders of the columns in `groups`, one group per task.
    ///
    /// - Returns: The first column (in column order) and field whose value does not fit the column's
    ///   explicit type, or `nil` when every value was taken.
    private func convert(
        _ fields: [RawField], rows: Int, width: Int, groups: [[Int]], tokenizer: CSVTokenizer,
        matcher: MissingTokenMatcher, builders: inout [CSVColumnBuilder]
    ) -> (column: Int, field: RawField)? {
        builders.withUnsafeMutableBufferPointer { buffer in
            // Each task touches only the builders of its own columns and reads the shared fields and bytes.
            nonisolated(unsafe) let builders = buffer
            nonisolated(unsafe) let tokenizer = tokenizer
            let failures = Parallel.map(groups.count) { group -> (column: Int, field: RawField)? in
                var parser = DoubleParser()
                var scratch = ByteScratch()
                defer { scratch.deallocate() }
                for j in groups[group] {
                    var k = j
                    for _ in 0..<rows {
                        let field = fields[k]
                        let value = tokenizer.value(of: field, scratch: &scratch)
                        if !builders[j].append(value, isMissing: matcher.matches(value), parser: &parser) {
                            return (j, field)
                        }
                        k += width
                    }
                }
                return nil
            }
            return failures.lazy.compactMap { $0 }.first
        }
    }

    /// The error for a value that does not fit its column's explicit type.
    private func typeError(
        _ value: UnsafeBufferPointer<UInt8>, field: RawField, column: Int,
        tokenizer: CSVTokenizer
    ) -> DataError {
        let text = String(decoding: value, as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let name = names[column]
        let type = options.types[name].map(\.rawValue) ?? "typed"
        return DataError(
            .malformedData, "'\(shown)' in column '\(name)' is not a valid \(type) value",
            file: file, row: tokenizer.lineNumber(at: field.start), column: column + 1)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
