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
/// 1-based field number as `column` where they apply. Binary content anywhere is reported first;
/// otherwise the first problem in the file: the earliest row, and in it the first field.
///
/// **Speed.** Files of a few megabytes and more are cut into one chunk per core, each just after a
/// line break, and the chunks are read in parallel: one pass finds field boundaries a block of rows at
/// a time, then each column converts its fields straight from the bytes while they are still in that
/// core's cache (integers and most decimals without `strtod`, labels dictionary-encoded through a byte
/// hash table), so no `String` is made per numeric or repeated field. The chunks' columns are then joined
/// as one pass would have typed them; a cut that fell inside a quoted line break is detected and the
/// file is read in one piece instead, and errors are reported in file order whatever the cuts. A column
/// that turns out to mix types is re-read once.
///
/// **Memory.** A file on disk is memory-mapped and the pages behind the reader are released as it goes,
/// so the peak is about the size of the columns (8 bytes a number) plus a few megabytes, not the file's
/// size on top.
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

    /// Parses CSV bytes cut into `chunks` pieces read in parallel, however small the input (for tests of
    /// the parallel reading, which larger files get on machines with several cores).
    static func read(bytes: [UInt8], file: String, options: CSVOptions = .init(), chunks: Int) throws -> DataFrame {
        try bytes.withUnsafeBufferPointer { buffer in
            var parse = CSVParse(bytes: buffer, file: file, options: options, chunks: chunks)
            return try parse.run()
        }
    }
}

/// One run of the reader over one buffer; lives only inside ``CSVReader/read(bytes:file:options:)``.
private struct CSVParse {
    /// Fields tokenized per block, so the index stays small and cache-resident.
    static let fieldsPerBlock = 1 << 14

    /// Bytes checked for binary content per step, so the check can release pages as it goes.
    static let textCheckChunk = 1 << 20

    /// The least bytes of data per chunk read on its own core; smaller files are read in one piece.
    static let minimumChunkBytes = 1 << 21

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let options: CSVOptions
    /// The column names, once the header is read.
    private(set) var names: [String] = []
    /// Drops the file's pages once they are read, so a mapped file does not add its size to the peak memory.
    private var releaser: PageReleaser
    /// How many chunks of the file are read at once.
    private let cores: Int
    /// A fixed number of chunks, whatever the size (for tests); `nil` chooses by size and cores.
    private let chunks: Int?
    /// The bytes before this offset are known to be text (checked as the blocks are split).
    private var checkedUpTo = 0

    init(
        bytes: UnsafeBufferPointer<UInt8>, file: String, options: CSVOptions, releaser: PageReleaser = .none,
        chunks: Int? = nil
    ) {
        self.bytes = bytes
        self.file = file
        self.options = options
        self.releaser = releaser
        self.cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        self.chunks = chunks
    }

    /// Parses the bytes; binary content, wherever it is, is reported before any other problem.
    mutating func run() throws -> DataFrame {
        do {
            return try parse()
        } catch {
            // Only the bytes before `checkedUpTo` are known to be text: a binary file explains whatever
            // else went wrong, so look at the rest before reporting the error.
            try checkText(from: checkedUpTo)
            throw error
        }
    }

    private mutating func parse() throws -> DataFrame {
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let probe = CSVTokenizer(bytes: bytes, separator: CSVByte.comma)
        let firstRecord = probe.skipBlankLines(from: hasBOM ? 3 : 0)
        guard firstRecord < bytes.count else {
            try checkText(from: 0)
            throw DataError(.emptyData, "the file is empty", file: file)
        }
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
        // The data rows are checked block by block as they are split (see `scan`); the header here.
        if let (offset, problem) = TextCheck.firstProblem(in: UnsafeBufferPointer(rebasing: bytes[0..<dataStart])) {
            throw binaryError(at: offset, problem)
        }
        checkedUpTo = dataStart
        let builders = try makeBuilders(names)

        var built = builders
        var bounds = chunkBounds(from: dataStart)
        var rows: Int
        if let parallel = try scanChunks(
            tokenizer, bounds: bounds, width: names.count, columns: Array(names.indices), builders: &built,
            checkingText: true)
        {
            rows = parallel
        } else {
            // A chunk started inside a quoted field: read the file in one piece instead.
            bounds = [dataStart, bytes.count]
            built = builders
            rows =
                try scanChunks(
                    tokenizer, bounds: bounds, width: names.count, columns: Array(names.indices), builders: &built,
                    checkingText: true) ?? 0
        }
        checkedUpTo = bytes.count
        guard rows > 0 else {
            throw DataError(.emptyData, "the file has a header but no data rows", file: file)
        }

        // Columns that mixed types are re-read as labels (the chunks are known to be sound by now).
        let deferred = built.indices.filter { built[$0].state == .deferred }
        if !deferred.isEmpty {
            for j in deferred { built[j] = CSVColumnBuilder(forceStrings: ()) }
            rows =
                try scanChunks(
                    tokenizer, bounds: bounds, width: names.count, columns: deferred, builders: &built,
                    checkingText: false) ?? 0
        }
        let columns = zip(names, built).map { name, builder in builder.finish(name: name) }
        return try DataFrame(columns: columns)
    }

    /// Rejects binary input from `start` on.
    ///
    /// The check goes through the bytes a chunk at a time and releases the pages behind it. Chunks end
    /// before a byte that is not a UTF-8 continuation byte, so no valid sequence is cut in two and an
    /// invalid one is still reported at the same offset.
    private mutating func checkText(from start: Int) throws {
        var start = start
        releaser.rewind()
        while start < bytes.count {
            var end = min(bytes.count, start + Self.textCheckChunk)
            while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if let (offset, problem) = TextCheck.firstProblem(in: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                throw binaryError(at: start + offset, problem)
            }
            start = end
            releaser.release(below: start)
        }
    }

    /// The error for binary content at `offset`.
    private func binaryError(at offset: Int, _ problem: TextCheck.Problem) -> DataError {
        var message = "the file is not a text CSV file (binary data at byte \(offset + 1))"
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            message += "; it looks like UTF-16 text: save it as UTF-8"
        } else if problem == .invalidUTF8 {
            message += "; it is not UTF-8: if it is text, save it as UTF-8"
        }
        return DataError(.unreadableFile, message, file: file)
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

    /// The offsets where the data is cut into pieces for the cores: `dataStart`, then one offset just after
    /// a line break near each equal share of the bytes, then the end.
    ///
    /// Files under ``minimumChunkBytes`` per core are one piece. A cut may fall inside a quoted field that
    /// spans lines; ``scanChunks(_:bounds:width:columns:builders:checkingText:)`` detects that afterwards.
    private func chunkBounds(from dataStart: Int) -> [Int] {
        let size = bytes.count - dataStart
        let count = chunks ?? max(1, min(cores, size / Self.minimumChunkBytes))
        var bounds = [dataStart]
        for chunk in 1..<max(count, 1) {
            var cut = max(bounds[bounds.count - 1], dataStart + size / count * chunk)
            while cut < bytes.count && bytes[cut] != CSVByte.lineFeed && bytes[cut] != CSVByte.carriageReturn {
                cut += 1
            }
            if cut < bytes.count {
                let crlf =
                    bytes[cut] == CSVByte.carriageReturn && cut + 1 < bytes.count
                    && bytes[cut + 1] == CSVByte.lineFeed
                cut += crlf ? 2 : 1
            }
            if cut < bytes.count && cut > bounds[bounds.count - 1] { bounds.append(cut) }
        }
        bounds.append(bytes.count)
        return bounds
    }

    /// Reads the records of every chunk (`bounds[k]..<bounds[k + 1]`, each on its own core) into the
    /// chosen columns.
    ///
    /// Each chunk is read front to back by one task, a block of records at a time: the block is split into
    /// fields, checked for binary content when `checkingText`, then converted column by column while its
    /// bytes are still in that core's cache, with the pages behind it released. The chunks' builders are
    /// then combined column by column (``CSVColumnBuilder/merging(_:)``); a column whose chunks disagree
    /// on the type comes out deferred, to be re-read as strings.
    ///
    /// A chunk's reading is sound when the chunk before it ended exactly where it began; otherwise a cut
    /// fell inside a quoted field. Errors are reported in file order, from sound chunks only: the first
    /// problem of the first chunk that has one, as one pass over the file would find it.
    ///
    /// - Returns: The number of data rows, or `nil` when a chunk was not sound (read again in one piece).
    private mutating func scanChunks(
        _ tokenizer: CSVTokenizer, bounds: [Int], width: Int, columns: [Int], builders: inout [CSVColumnBuilder],
        checkingText: Bool
    ) throws -> Int? {
        let chunkCount = bounds.count - 1
        nonisolated(unsafe) let parse = self
        nonisolated(unsafe) let tokenizer = tokenizer
        let initial = builders
        var results = Parallel.map(chunkCount) { chunk -> ChunkResult in
            var chunkBuilders = initial
            var releaser = parse.releaser.starting(at: bounds[chunk])
            do {
                let (rows, start, end) = try parse.scanChunk(
                    tokenizer, range: bounds[chunk]..<bounds[chunk + 1], width: width, columns: columns,
                    builders: &chunkBuilders, releaser: &releaser,
                    reserveUntil: chunk == 0 ? parse.bytes.count : bounds[chunk + 1], checkingText: checkingText)
                return ChunkResult(builders: chunkBuilders, rows: rows, start: start, end: end, error: nil)
            } catch let error as DataError {
                return ChunkResult(builders: [], rows: 0, start: bounds[chunk], end: bounds[chunk], error: error)
            } catch {
                let wrapped = DataError(.malformedData, "\(error)", file: parse.file)
                return ChunkResult(builders: [], rows: 0, start: bounds[chunk], end: bounds[chunk], error: wrapped)
            }
        }
        for (chunk, result) in results.enumerated() {
            if chunk > 0 && results[chunk - 1].end != result.start { return nil }
            if let error = result.error { throw error }
        }
        // Move the builders out, so each part's storage is freed as soon as it is merged.
        var parts: [[CSVColumnBuilder]] = []
        for chunk in results.indices {
            parts.append(results[chunk].builders)
            results[chunk].builders = []
        }
        for j in columns {
            var column = parts.indices.map { chunk in
                var part = CSVColumnBuilder(explicitType: nil)
                swap(&part, &parts[chunk][j])
                return part
            }
            builders[j] = CSVColumnBuilder.merging(&column) ?? .deferredMarker()
        }
        return results.reduce(0) { $0 + $1.rows }
    }

    /// What one chunk's task found: its builders and rows, where its records start and end, or its error.
    private struct ChunkResult: Sendable {
        var builders: [CSVColumnBuilder]
        var rows: Int
        /// The chunk's first record (after blank lines).
        var start: Int
        /// Just past its last record and the blank lines after it.
        var end: Int
        var error: DataError?
    }

    /// Reads the records that start in `range` into the chosen columns, a block at a time.
    ///
    /// - Parameters:
    ///   - tokenizer: Splits the records.
    ///   - range: The chunk: records that start in it are read.
    ///   - width: The number of fields of every record.
    ///   - columns: The columns to convert.
    ///   - builders: One builder per column of the file; those of `columns` receive the values.
    ///   - releaser: Drops the pages behind the block being read.
    ///   - reserveUntil: The columns reserve room for the rows expected up to this offset (the whole file
    ///     for the first chunk, whose storage the others are appended to).
    ///   - checkingText: Whether to check the bytes for binary content.
    /// - Returns: The number of rows, the first record's offset, and the offset after the last record and
    ///   the blank lines that follow it.
    /// - Throws: ``DataError`` for the first problem in file order: binary content, a value that does not
    ///   fit an explicit type, a ragged row or an open quote.
    private func scanChunk(
        _ tokenizer: CSVTokenizer, range: Range<Int>, width: Int, columns: [Int], builders: inout [CSVColumnBuilder],
        releaser: inout PageReleaser, reserveUntil: Int, checkingText: Bool
    ) throws -> (rows: Int, start: Int, end: Int) {
        let matcher = MissingTokenMatcher(options.missingTokens)
        let rowsPerBlock = max(1, Self.fieldsPerBlock / width)
        var parser = DoubleParser()
        var scratch = ByteScratch()
        defer { scratch.deallocate() }
        let first = tokenizer.skipBlankLines(from: range.lowerBound)
        var offset = range.lowerBound
        var rows = 0
        while true {
            let block = try split(
                tokenizer, from: offset, limit: range.upperBound, width: width, rows: rowsPerBlock,
                checkingText: checkingText)
            // The first value (by row, then column) that does not fit its column's explicit type: a later
            // column only needs the rows before the one found so far.
            var failure: (row: Int, column: Int)?
            for j in columns {
                var k = j
                for row in 0..<(failure?.row ?? block.rows) {
                    let value = tokenizer.value(of: block.fields[k], scratch: &scratch)
                    if !builders[j].append(value, isMissing: matcher.matches(value), parser: &parser) {
                        failure = (row, j)
                        break
                    }
                    k += width
                }
            }
            if let (row, j) = failure {
                let field = block.fields[row * width + j]
                throw typeError(
                    tokenizer.value(of: field, scratch: &scratch), field: field, column: j, tokenizer: tokenizer)
            }
            // A record that could not be split comes after every row of the block.
            if let error = block.error { throw error }
            guard block.rows > 0 else { return (rows, first, block.end) }
            rows += block.rows
            if block.end < reserveUntil {
                // Reserve once for the rows still to come (estimated from the bytes per row so far), so the
                // columns grow without doubling; re-estimate whenever a column is about to run out of room.
                let needed = rows + 2 * rowsPerBlock
                if columns.contains(where: { builders[$0].capacity < needed }) {
                    let perRow = Double(block.end - first) / Double(rows)
                    let estimate = rows + Int((Double(reserveUntil - block.end) / perRow * 1.02).rounded(.up)) + 16
                    for j in columns { builders[j].reserve(rows: max(estimate, needed)) }
                }
            }
            releaser.release(below: block.end)
            offset = block.end
        }
    }

    /// The records of one block, split into fields.
    private struct Block {
        /// `rows` × width fields, row after row.
        var fields: [RawField]
        var rows: Int
        /// Just past the block's last record and the blank lines after it: where the next block starts.
        var end: Int
        /// Why the record after the block's rows could not be split (a ragged row, an open quote), if so.
        var error: DataError?
    }

    /// Splits up to `rowsPerBlock` records that start before `limit` from `offset` into fields, checking
    /// their bytes for binary content first when `checkingText`.
    ///
    /// A record that cannot be split ends the block, with the reason in ``Block/error``, so the rows
    /// before it are converted (and their errors reported) first.
    private func split(
        _ tokenizer: CSVTokenizer, from offset: Int, limit: Int, width: Int, rows rowsPerBlock: Int,
        checkingText: Bool
    ) throws -> Block {
        var fields: [RawField] = []
        fields.reserveCapacity(rowsPerBlock * width + width)
        var end = tokenizer.skipBlankLines(from: offset)
        var rows = 0
        var failure: DataError?
        while rows < rowsPerBlock && end < limit {
            let recordStart = end
            let before = fields.count
            do {
                end = try readRecord(tokenizer, at: end, into: &fields)
            } catch let error as DataError {
                failure = error
                break
            }
            let count = fields.count - before
            if count != width {
                let line = tokenizer.lineNumber(at: recordStart)
                failure = DataError(
                    .malformedData, "row \(line) has \(count) fields, expected \(width)",
                    file: file, row: line, column: min(count, width) + 1)
                end = recordStart
                break
            }
            rows += 1
            end = tokenizer.skipBlankLines(from: end)
        }
        if checkingText,
            let (position, problem) = TextCheck.firstProblem(in: UnsafeBufferPointer(rebasing: bytes[offset..<end]))
        {
            throw binaryError(at: offset + position, problem)
        }
        return Block(fields: fields, rows: rows, end: end, error: failure)
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
