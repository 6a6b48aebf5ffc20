#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc  // dlsym
#endif

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
/// **Speed.** Files of a few megabytes and more are cut into a few hundred pieces, each just after a
/// line break, which one worker per core takes in turn. Records are read in one pass: in a number or
/// integer column a plain number (`-12.5`, `3e-4`) is converted where it stands, eight digits at a time
/// and exactly (the same double as `strtod`), and only other fields are split off, trimmed and unquoted;
/// labels are dictionary-encoded through a byte hash table, so no `String` is made per numeric or
/// repeated field. The pieces are joined to the columns in file order as they come in, as one pass would
/// have typed them; a cut that fell inside a quoted line break is detected and the file is read in one
/// piece instead, and errors are reported in file order whatever the cuts. A column that turns out to mix
/// types is re-read once.
///
/// **Memory.** A file on disk is memory-mapped and the pages behind the reader are released as it goes,
/// and only the few pieces being read or waiting to be joined are held apart from the columns, so the peak
/// is about the size of the columns (8 bytes a number) plus a megabyte or two, not the file's size on top.
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

    /// The least bytes of data read in parallel; smaller files are read in one piece.
    static let minimumParallelBytes = 1 << 21

    /// A file read in parallel is cut into about this many pieces, ``minimumPieceBytes`` to
    /// ``maximumPieceBytes`` each: small enough that the pieces in flight (a few per core) add little to
    /// the memory, and that the cores finish together however busy the machine; large enough that taking
    /// and joining one costs little.
    static let pieceCount = 256

    /// The least bytes of one piece.
    static let minimumPieceBytes = 1 << 17

    /// The most bytes of one piece.
    static let maximumPieceBytes = 1 << 20

    /// The whole input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file name used in error messages.
    let file: String
    /// How to parse the bytes.
    let options: CSVOptions
    /// The column names, once the header is read.
    private(set) var names: [String] = []
    /// Drops the file's pages once they are read, so a mapped file does not add its size to the peak memory.
    private var releaser: PageReleaser
    /// How many pieces of the file are read at once.
    private let cores: Int
    /// A fixed number of pieces, whatever the size (for tests); `nil` chooses by size and cores.
    private let chunks: Int?
    /// The bytes before this offset are known to be text (checked as the blocks are split).
    private var checkedUpTo = 0

    /// A run over `bytes`, cut into `chunks` pieces when given, releasing mapped pages with `releaser`.
    init(
        bytes: UnsafeBufferPointer<UInt8>, file: String, options: CSVOptions, releaser: PageReleaser = .none,
        chunks: Int? = nil
    ) {
        self.bytes = bytes
        self.file = file
        self.options = options
        self.releaser = releaser
        self.cores = Parallel.threadCount
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

    /// Reads the header, then the records, and types the columns.
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
            // A piece started inside a quoted field: read the file in one piece instead.
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

        // Columns that mixed types are re-read as labels (the pieces are known to be sound by now).
        let deferred = built.indices.filter { built[$0].state == .deferred }
        if !deferred.isEmpty {
            for j in deferred { built[j] = CSVColumnBuilder(forceStrings: ()) }
            rows =
                try scanChunks(
                    tokenizer, bounds: bounds, width: names.count, columns: deferred, builders: &built,
                    checkingText: false) ?? 0
        }
        // Finishing scans every number column for NaN: one column per core at a time.
        let finished = built
        let columns = Parallel.map(names.count) { [names] j in finished[j].finish(name: names[j]) }
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
    private func readRecord(
        _ tokenizer: CSVTokenizer, at offset: Int, into fields: inout [RawField]
    ) throws(DataError) -> Int {
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

    /// The offsets where the data is cut into pieces: `dataStart`, then one offset just after a line break
    /// near each equal share of the bytes, then the end.
    ///
    /// With one core, or under ``minimumParallelBytes`` of data, the data is one piece; otherwise about
    /// ``pieceCount`` pieces (see there). A cut may fall inside a quoted field that spans lines;
    /// ``scanChunks(_:bounds:width:columns:builders:checkingText:)`` detects that afterwards.
    private func chunkBounds(from dataStart: Int) -> [Int] {
        let size = bytes.count - dataStart
        let pieceBytes = min(max(size / Self.pieceCount, Self.minimumPieceBytes), Self.maximumPieceBytes)
        let count = chunks ?? (cores == 1 || size < Self.minimumParallelBytes ? 1 : max(size / pieceBytes, 1))
        var bounds = [dataStart]
        for chunk in 1..<max(count, 1) {
            var cut = max(bounds[bounds.count - 1], dataStart + Int(Double(size) / Double(count) * Double(chunk)))
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

    /// Reads the records of every piece (`bounds[k]..<bounds[k + 1]`) into the chosen columns.
    ///
    /// One piece is read straight into `builders`. Several are shared out to one worker per core, each
    /// taking the next piece not yet taken and reading it into builders of its own and a ``LaneSet`` that
    /// holds the piece's plain numbers
    /// (``scanChunk(_:range:width:columns:builders:releaser:reserveUntil:checkingText:scanner:)``); a
    /// ``PieceJoiner`` appends the pieces' values to `builders` in file order as they come in
    /// (``CSVColumnBuilder/appendChunk(_:)``, ``CSVColumnBuilder/appendPlain(_:as:)``), so only the pieces
    /// being read or waiting for an earlier one are held apart from the columns, each value is copied once,
    /// and the lane sets are used again and again, so their memory is not given back and faulted in anew
    /// for every piece. A column whose pieces disagree on the type comes out deferred, to be re-read as
    /// strings.
    ///
    /// A piece's reading is sound when the piece before it ended exactly where it began; otherwise a cut
    /// fell inside a quoted field. Errors are reported in file order, from sound pieces only: the first
    /// problem of the first piece that has one, as one pass over the file would find it.
    ///
    /// - Returns: The number of data rows, or `nil` when a piece was not sound (read again in one piece).
    private func scanChunks(
        _ tokenizer: CSVTokenizer, bounds: [Int], width: Int, columns: [Int], builders: inout [CSVColumnBuilder],
        checkingText: Bool
    ) throws -> Int? {
        let pieceCount = bounds.count - 1
        let rowsPerBlock = max(1, Self.fieldsPerBlock / width)
        if pieceCount == 1 {
            var scanner = RowScanner(
                tokenizer: tokenizer, width: width, rowsPerBlock: rowsPerBlock, columns: columns,
                missingTokens: options.missingTokens)
            defer { scanner.deallocate() }
            scanner.install(LaneSet(width: width, rows: rowsPerBlock))
            var releaser = self.releaser.starting(at: bounds[0])
            let rows = try scanChunk(
                tokenizer, range: bounds[0]..<bounds[1], width: width, columns: columns, builders: &builders,
                releaser: &releaser, reserveUntil: bytes.count, checkingText: checkingText, scanner: &scanner
            ).rows
            scanner.flush(into: &builders)
            return rows
        }
        nonisolated(unsafe) let parse = self
        nonisolated(unsafe) let tokenizer = tokenizer
        let initial = builders
        let workers = min(pieceCount, cores)
        let joiner = PieceJoiner(
            builders: builders, columns: columns, bounds: bounds, releaser: releaser, ahead: 2 * workers,
            laneRows: rowsPerBlock)
        _ = Parallel.map(workers) { _ in
            var scanner = RowScanner(
                tokenizer: tokenizer, width: width, rowsPerBlock: rowsPerBlock, columns: columns,
                missingTokens: parse.options.missingTokens)
            defer { scanner.deallocate() }
            while let (piece, lanes) = joiner.take() {
                var pieceBuilders = initial
                scanner.install(lanes)
                var releaser = parse.releaser.starting(at: bounds[piece])
                var result = PieceResult(start: bounds[piece], end: bounds[piece])
                do {
                    (result.rows, result.start, result.end) = try parse.scanChunk(
                        tokenizer, range: bounds[piece]..<bounds[piece + 1], width: width, columns: columns,
                        builders: &pieceBuilders, releaser: &releaser, reserveUntil: nil,
                        checkingText: checkingText, scanner: &scanner)
                    result.builders = pieceBuilders
                    result.lanes = lanes
                    joiner.prefault(piece: piece, rows: result.rows)
                } catch let error as DataError {
                    result.error = error
                } catch {
                    result.error = DataError(.malformedData, "\(error)", file: parse.file)
                }
                joiner.deliver(piece, result)
            }
        }
        let (outcome, rows) = joiner.finish(into: &builders)
        // The lane sets and piece builders, freed by now, stay in the workers' malloc arenas: give them back.
        MallocTrim.run()
        switch outcome {
        case .unsound: return nil
        case .failed(let error): throw error
        case .reading: return rows
        }
    }

    /// Reads the records that start in `range` into the chosen columns, a block at a time.
    ///
    /// Each record is read field by field (``RowScanner``): plain numbers in number and integer columns are
    /// converted where they stand and kept in the scanner's lanes (the caller flushes them or hands them
    /// on), every other field is split off and handed to its column's builder at once. Records that held
    /// anything but plain numbers are checked for binary content when `checkingText`, and the pages behind
    /// each block are released.
    ///
    /// - Parameters:
    ///   - tokenizer: Splits the records.
    ///   - range: The piece: records that start in it are read.
    ///   - width: The number of fields of every record.
    ///   - columns: The columns to convert.
    ///   - builders: One builder per column of the file; those of `columns` receive the values.
    ///   - releaser: Drops the pages behind the block being read.
    ///   - reserveUntil: The columns reserve room for the rows expected up to this offset; `nil` for a
    ///     piece, whose plain numbers stay in its lanes.
    ///   - checkingText: Whether to check the bytes for binary content.
    ///   - scanner: Reads the records (made for this width and these columns; reused from piece to piece).
    /// - Returns: The number of rows, the first record's offset, and the offset after the last record and
    ///   the blank lines that follow it.
    /// - Throws: ``DataError`` for the first problem in file order: a value that does not fit an explicit
    ///   type, a ragged row, an open quote, or binary content in a record.
    private func scanChunk(
        _ tokenizer: CSVTokenizer, range: Range<Int>, width: Int, columns: [Int], builders: inout [CSVColumnBuilder],
        releaser: inout PageReleaser, reserveUntil: Int?, checkingText: Bool, scanner: inout RowScanner
    ) throws -> (rows: Int, start: Int, end: Int) {
        let rowsPerBlock = scanner.rowsPerBlock
        scanner.start(columns: columns, builders: builders, checkingText: checkingText)
        let first = tokenizer.skipBlankLines(from: range.lowerBound)
        var offset = first
        var rows = 0
        while offset < range.upperBound {
            var blockRows = 0
            repeat {
                let next: Int
                do throws(RowProblem) {
                    next = try scanner.readRow(at: offset, builders: &builders)
                } catch {
                    throw rowError(error, tokenizer: tokenizer, width: width, scratch: &scanner.scratch)
                }
                offset = tokenizer.skipBlankLines(from: next)
                blockRows += 1
            } while blockRows < rowsPerBlock && offset < range.upperBound
            rows += blockRows
            if let reserveUntil, offset < reserveUntil {
                // Reserve once for the rows still to come (estimated from the bytes per row so far), so the
                // columns grow without doubling; re-estimate when the next block might not fit, and grow only
                // a column that holds less than the new estimate.
                if columns.contains(where: { builders[$0].capacity < rows + rowsPerBlock }) {
                    let perRow = Double(offset - first) / Double(rows)
                    let estimate = rows + Int((Double(reserveUntil - offset) / perRow * 1.02).rounded(.up)) + 16
                    for j in columns where builders[j].capacity < min(estimate, rows + rowsPerBlock) {
                        builders[j].reserve(rows: estimate)
                    }
                }
            }
            releaser.release(below: offset)
        }
        releaser.release(below: offset, batched: false)
        return (rows, first, offset)
    }

    /// The error for a record the row scanner could not take.
    private func rowError(
        _ problem: RowProblem, tokenizer: CSVTokenizer, width: Int, scratch: inout ByteScratch
    ) -> DataError {
        switch problem {
        case .binary(let offset, let problem):
            return binaryError(at: offset, problem)
        case .type(let column, let field):
            return typeError(
                tokenizer.value(of: field, scratch: &scratch), field: field, column: column, tokenizer: tokenizer)
        case .record(let start):
            // Split the whole record again, as one pass would, for the quote or the field count.
            var fields: [RawField] = []
            do {
                _ = try readRecord(tokenizer, at: start, into: &fields)
            } catch {
                return error
            }
            let line = tokenizer.lineNumber(at: start)
            return DataError(
                .malformedData, "row \(line) has \(fields.count) fields, expected \(width)",
                file: file, row: line, column: min(fields.count, width) + 1)
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

/// Gives the free memory of every malloc arena back to the system (glibc's `malloc_trim`), where there is one.
///
/// The function is looked up at run time, since the C library module does not export it.
private enum MallocTrim {
    /// `malloc_trim`, or `nil` without glibc.
    private static let function: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    /// Trims every arena, keeping no padding.
    static func run() {
        _ = function?(0)
    }
}

/// What reading one piece found: its builders and rows, where its records start and end, or its error.
private struct PieceResult: Sendable {
    /// One builder per column (empty after an error).
    var builders: [CSVColumnBuilder] = []
    /// The plain numbers read after the ones in the builders (`nil` after an error).
    var lanes: LaneSet?
    /// The number of records read.
    var rows = 0
    /// The piece's first record (after blank lines).
    var start: Int
    /// Just past its last record and the blank lines after it.
    var end: Int
    /// The first problem in the piece, if any.
    var error: DataError?
}

/// The plain numbers a ``RowScanner`` converted, per column, waiting to be handed to the column's builder.
///
/// Column `j`'s values are the bit patterns in `values[j * rows ..< j * rows + counts[j]]`, all of the type
/// its builder had when they were read (a column's type only changes after its lane is flushed).
final class LaneSet: @unchecked Sendable {
    /// The number of columns.
    let width: Int
    /// The values each column's lane holds.
    let rows: Int
    /// The lanes, one after the other.
    let values: UnsafeMutablePointer<UInt64>
    /// How many values each lane holds.
    let counts: UnsafeMutablePointer<Int>

    /// Empty lanes of `rows` values for `width` columns.
    init(width: Int, rows: Int) {
        self.width = width
        self.rows = rows
        values = .allocate(capacity: width * rows)
        counts = .allocate(capacity: width)
        counts.initialize(repeating: 0, count: width)
    }

    /// Frees the lanes.
    deinit {
        values.deallocate()
        counts.deallocate()
    }

    /// Column `j`'s values.
    func lane(_ j: Int) -> UnsafeBufferPointer<UInt64> {
        UnsafeBufferPointer(start: values + j * rows, count: counts[j])
    }
}

/// Hands out the pieces of a file to the workers and joins what they read, in file order.
///
/// A piece that comes in before the pieces ahead of it waits; each piece that can be joined is appended to
/// the columns by one worker at a time, so the columns grow in file order while the other workers go on
/// reading. The first piece that was not sound, or the first error, stops the reading: workers take no
/// more pieces.
private final class PieceJoiner: @unchecked Sendable {
    /// How the reading went.
    enum Outcome {
        /// Still going, or every piece joined.
        case reading
        /// A piece did not start where the one before it ended (a cut inside a quoted field).
        case unsound
        /// The first error in file order.
        case failed(DataError)
    }

    /// Guards the state the workers share, from ``outcome`` to ``plainRows``.
    ///
    /// The joining worker alone uses the rest. Workers too far ahead of the joined pieces wait on it.
    private let lock = ConditionLock()
    /// How many pieces past the joined ones may be handed out, so the pieces held apart from the columns
    /// stay few when joining falls behind.
    private let ahead: Int
    /// Whether to go on, and why not.
    private var outcome = Outcome.reading
    /// The next piece to hand out.
    private var nextToTake = 0
    /// Pieces read and not joined yet.
    private var waiting: [Int: PieceResult] = [:]
    /// Lane sets of joined pieces, to hand out again.
    private var spareLanes: [LaneSet] = []
    /// The rows of the lanes of the first pieces, before any is joined.
    private let laneRows: Int
    /// Whether a worker is joining pieces.
    private var joining = false

    /// The pieces joined so far.
    private var joinedPieces = 0
    /// The storage of the number and integer columns (see ``prefault(piece:rows:)``).
    private var plainStorage: [UnsafeMutableRawPointer] = []
    /// The rows of that storage that will surely be filled.
    private var plainRows = 0
    /// The rows joined so far, for the estimates of ``take()``.
    private var joinedRows = 0
    /// The bytes of the pieces joined so far.
    private var joinedBytes = 0
    /// The columns joined so far.
    private var builders: [CSVColumnBuilder]
    /// The columns being read.
    private let columns: [Int]
    /// The pieces' offsets.
    private let bounds: [Int]
    /// Drops the pages of the joined pieces (the pages around the cuts, which the pieces keep).
    private var releaser: PageReleaser
    /// The next piece to join.
    private var nextToJoin = 0
    /// The rows joined so far.
    private var rows = 0
    /// Where the joined pieces end.
    private var joinedEnd: Int

    /// A joiner that appends to `builders`' `columns` the pieces `bounds[k]..<bounds[k + 1]`, handing out
    /// at most `ahead` pieces past the joined ones, with lanes of at least `laneRows` values.
    init(
        builders: [CSVColumnBuilder], columns: [Int], bounds: [Int], releaser: PageReleaser, ahead: Int,
        laneRows: Int
    ) {
        self.ahead = max(ahead, 1)
        self.laneRows = laneRows
        self.builders = builders
        self.columns = columns
        self.bounds = bounds
        self.releaser = releaser.starting(at: bounds[0])
        self.joinedEnd = bounds[0]
    }

    /// The next piece to read and empty lanes for it, big enough for the rows it probably holds (once a
    /// piece is joined), or `nil` when there is none left or the reading stopped; waits while the next piece
    /// is ``ahead`` past the joined ones.
    func take() -> (piece: Int, lanes: LaneSet)? {
        lock.withLock {
            while case .reading = outcome, nextToTake < bounds.count - 1, nextToTake >= joinedPieces + ahead {
                lock.wait()
            }
            guard case .reading = outcome, nextToTake < bounds.count - 1 else { return nil }
            let piece = nextToTake
            nextToTake += 1
            var rows = laneRows
            if joinedRows > 0 {
                let bytesPerRow = Double(joinedBytes) / Double(joinedRows)
                let bytes = Double(bounds[piece + 1] - bounds[piece])
                rows = max(rows, Int((bytes / bytesPerRow * 1.05).rounded(.up)) + 16)
            }
            if let spare = spareLanes.indices.last(where: { spareLanes[$0].rows >= rows }) {
                let lanes = spareLanes.remove(at: spare)
                lanes.counts.update(repeating: 0, count: lanes.width)
                return (piece, lanes)
            }
            return (piece, LaneSet(width: builders.count, rows: rows))
        }
    }

    /// Takes a worker's result for `piece`, and joins every piece that is next in file order unless another
    /// worker is joining (which then joins this one too).
    ///
    /// Joining copies the pieces' values into the columns outside the lock, so the other workers go on
    /// taking and handing in pieces meanwhile.
    func deliver(_ piece: Int, _ result: PieceResult) {
        let joins: Bool = lock.withLock {
            guard case .reading = outcome else { return false }
            waiting[piece] = result
            guard !joining else { return false }
            joining = true
            return true
        }
        guard joins else { return }
        while var next = nextReady() {
            if nextToJoin > 0 && next.start != joinedEnd {
                stop(.unsound)
            } else if let error = next.error {
                stop(.failed(error))
            } else {
                join(&next)
            }
        }
    }

    /// The next piece in file order if it has been read and the reading goes on; otherwise `nil`, and the
    /// caller is no longer the joining worker (in the same step, so no piece is left behind unjoined).
    private func nextReady() -> PieceResult? {
        lock.withLock {
            if case .reading = outcome, let next = waiting.removeValue(forKey: nextToJoin) { return next }
            joining = false
            return nil
        }
    }

    /// Faults in the pages of the number and integer columns where `piece`'s `rows` values will go (as far as
    /// the bytes before it tell), so that joining it only copies.
    ///
    /// A fresh page costs the kernel about as much as the copy into it, and joining is done by one worker at
    /// a time; this moves that cost to the worker that read the piece, in parallel with the others. Pages are
    /// only faulted in where the columns will surely hold values, and faulting them in changes nothing but
    /// when they are faulted in: a wrong guess, or storage since moved, costs a little time, never a value.
    func prefault(piece: Int, rows: Int) {
        let (storage, first, limit): ([UnsafeMutableRawPointer], Int, Int) = lock.withLock {
            guard !plainStorage.isEmpty, joinedRows > 0 else { return ([], 0, 0) }
            let bytesPerRow = Double(joinedBytes) / Double(joinedRows)
            let first = joinedRows + Int(Double(bounds[piece] - bounds[0] - joinedBytes) / bytesPerRow)
            return (plainStorage, first, plainRows)
        }
        let start = max(first - 16, 0)
        let end = min(first + rows + 16, limit)
        guard end > start else { return }
        for base in storage { PageFaults.populate(base + 8 * start, byteCount: 8 * (end - start)) }
    }

    /// Stops the reading for `reason` and drops the pieces waiting.
    private func stop(_ reason: Outcome) {
        lock.withLock {
            outcome = reason
            waiting.removeAll()
            lock.broadcast()
        }
    }

    /// Appends one piece's columns, reserving room for the rest of the file first.
    private func join(_ piece: inout PieceResult) {
        let needed = rows + piece.rows
        if columns.contains(where: { builders[$0].capacity < needed }) {
            // Room for the rows still to come, estimated from the bytes per row so far, so the columns grow
            // without doubling; an estimate that falls short grows them by an eighth at least.
            let remaining = bounds[bounds.count - 1] - piece.end
            let bytesPerRow = Double(piece.end - bounds[0]) / Double(max(needed, 1))
            let estimate = needed + Int((Double(remaining) / bytesPerRow * 1.02).rounded(.up)) + 16
            for j in columns where builders[j].capacity < needed {
                builders[j].reserve(rows: max(estimate, needed + needed / 8))
            }
            let storage = columns.compactMap { builders[$0].plainStorage }
            // The estimate is 2 % above the rows expected: stay below it, so no page is faulted in for nothing.
            let sure = min(Int(Double(estimate) * 0.97), columns.map { builders[$0].capacity }.min() ?? 0)
            lock.withLock { (plainStorage, plainRows) = (storage, sure) }
        }
        let lanes = piece.lanes
        for j in columns {
            // The lane's values come after the builder's, typed as the builder was before it is emptied.
            let laneType = piece.builders[j].plainType
            builders[j].appendChunk(&piece.builders[j])
            if let lanes, lanes.counts[j] > 0, let laneType { builders[j].appendPlain(lanes.lane(j), as: laneType) }
        }
        rows += piece.rows
        joinedEnd = piece.end
        nextToJoin += 1
        releaser.release(below: joinedEnd, batched: false)
        lock.withLock {
            (joinedRows, joinedBytes, joinedPieces) = (rows, joinedEnd - bounds[0], nextToJoin)
            if let lanes, spareLanes.count <= ahead { spareLanes.append(lanes) }
            lock.broadcast()
        }
    }

    /// The outcome, the rows joined, and the joined columns moved into `target` (once every worker is done).
    func finish(into target: inout [CSVColumnBuilder]) -> (Outcome, rows: Int) {
        lock.withLock {
            spareLanes = []
            swap(&target, &builders)
            return (outcome, rows)
        }
    }
}

/// Why ``RowScanner`` stopped at a record.
private enum RowProblem: Error {
    /// The record at this offset has the wrong number of fields or an open quote.
    case record(start: Int)
    /// A value that does not fit its column's explicit type (the first in the record).
    case type(column: Int, field: RawField)
    /// Binary content in the record, at this offset.
    case binary(offset: Int, problem: TextCheck.Problem)
}

/// Reads records field by field into column builders, converting plain numbers where they stand.
///
/// A field of a number or integer column that starts with a plain number
/// (``DoubleParser/scanPlain(_:from:count:integer:into:)``) directly followed by the separator the record
/// needs there (or its line break after the last field) is converted without being split off first, and
/// its value waits in the column's lane (a ``LaneSet``) until
/// ``flush(into:)``. Any other field is split by the tokenizer, trimmed, unquoted and appended to its
/// builder as one pass over the fields would, after the column's lane. Both ways give the same values,
/// since the fast path takes only fields that are plain numbers after trimming and unquoting, and only
/// when no missing token is a plain number and the separator cannot occur in one.
private struct RowScanner {
    /// A column that is not read (only split).
    static let skipped: UInt8 = 0
    /// A column whose fields all go through the tokenizer and the builder.
    static let general: UInt8 = 1
    /// An integer column: plain integers are converted in place.
    static let plainInteger: UInt8 = 2
    /// A number column: plain numbers are converted in place.
    static let plainNumber: UInt8 = 3

    /// Splits the fields that are not plain numbers.
    let tokenizer: CSVTokenizer
    /// The number of fields of every record.
    let width: Int
    /// The records a block holds.
    let rowsPerBlock: Int
    /// Recognises the missing tokens.
    let matcher: MissingTokenMatcher
    /// Whether plain numbers may be converted in place at all (see the type's documentation).
    let plainAllowed: Bool
    /// Converts numbers, in place and the general way.
    var parser = DoubleParser()
    /// Holds unquoted values.
    var scratch = ByteScratch()
    /// Whether records that are not all plain numbers are checked for binary content.
    private var checkingText = true
    /// How each column is read: ``skipped``, ``general``, ``plainInteger`` or ``plainNumber``.
    private let kinds: UnsafeMutablePointer<UInt8>
    /// Where the converted values wait (see ``install(_:)``).
    private(set) var lanes: LaneSet?
    /// The lanes' values, `laneRows` a column (the lane set's, kept at hand).
    private var laneValues: UnsafeMutablePointer<UInt64>
    /// How many values each lane holds.
    private var laneCounts: UnsafeMutablePointer<Int>
    /// The values a lane holds at most.
    private var laneRows = 0

    /// A scanner for records of `width` fields, `rowsPerBlock` of them a block, converting `columns`; it
    /// needs lanes (``install(_:)``) before it reads.
    init(tokenizer: CSVTokenizer, width: Int, rowsPerBlock: Int, columns: [Int], missingTokens: Set<String>) {
        self.tokenizer = tokenizer
        self.width = width
        self.rowsPerBlock = rowsPerBlock
        self.matcher = MissingTokenMatcher(missingTokens)
        kinds = .allocate(capacity: width)
        kinds.initialize(repeating: Self.skipped, count: width)
        for j in columns { kinds[j] = Self.general }
        laneValues = .allocate(capacity: 1)
        laneCounts = .allocate(capacity: 1)
        let numberBytes = Array("0123456789+-.eE".utf8)
        let parser = DoubleParser()
        let plainToken = missingTokens.contains { token in
            Array(token.utf8).withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return false }
                var bits: UInt64 = 0
                return [false, true].contains { integer in
                    parser.scanPlain(base, from: 0, count: bytes.count, integer: integer, into: &bits) == bytes.count
                }
            }
        }
        plainAllowed = !numberBytes.contains(tokenizer.separator) && !plainToken
    }

    /// Makes `lanes` (empty) the lanes the converted values go to, until the next call.
    mutating func install(_ lanes: LaneSet) {
        if self.lanes == nil {
            laneValues.deallocate()
            laneCounts.deallocate()
        }
        self.lanes = lanes
        laneValues = lanes.values
        laneCounts = lanes.counts
        laneRows = lanes.rows
    }

    /// Prepares for a new piece: each converted column read as its builder's type says, and whether to
    /// check records for binary content.
    mutating func start(columns: [Int], builders: [CSVColumnBuilder], checkingText: Bool) {
        self.checkingText = checkingText
        for j in columns { updateKind(j, builders[j]) }
    }

    /// Frees the scanner's own memory (not the lanes); the scanner must not be used afterwards.
    func deallocate() {
        kinds.deallocate()
        if lanes == nil {
            laneValues.deallocate()
            laneCounts.deallocate()
        }
        scratch.deallocate()
    }

    /// Chooses how column `j` (a converted one) is read from its builder's current type.
    mutating func updateKind(_ j: Int, _ builder: CSVColumnBuilder) {
        guard plainAllowed else { return }
        switch builder.plainType {
        case .integer: kinds[j] = Self.plainInteger
        case .number: kinds[j] = Self.plainNumber
        default: kinds[j] = Self.general
        }
    }

    /// Hands every lane's waiting values to its builder.
    func flush(into builders: inout [CSVColumnBuilder]) {
        for j in 0..<width where laneCounts[j] > 0 { flush(j, into: &builders[j]) }
    }

    /// Hands column `j`'s waiting values to its builder.
    @inline(__always)
    private func flush(_ j: Int, into builder: inout CSVColumnBuilder) {
        let count = laneCounts[j]
        guard count > 0 else { return }
        let type = builder.plainType ?? .number
        builder.appendPlain(UnsafeBufferPointer(start: laneValues + j * laneRows, count: count), as: type)
        laneCounts[j] = 0
    }

    /// Reads the record that starts at `recordStart` (not a blank line) into the builders.
    ///
    /// A lane that is full is flushed to its builder first. A record that holds anything but plain numbers
    /// (which are ASCII) is checked for binary content once it is read, when the scanner was started so.
    ///
    /// - Returns: The offset just past the record's line break (or the end of the input).
    /// - Throws: ``RowProblem/record(start:)`` for a record of the wrong width or with an open quote,
    ///   else ``RowProblem/type(column:field:)`` for its first value that does not fit an explicit type,
    ///   else ``RowProblem/binary(offset:problem:)``.
    @inline(__always)
    mutating func readRow(at recordStart: Int, builders: inout [CSVColumnBuilder]) throws(RowProblem) -> Int {
        let bytes = tokenizer.bytes
        let base = bytes.baseAddress.unsafelyUnwrapped
        let n = bytes.count
        let separator = tokenizer.separator
        let last = width - 1
        var failure: RowProblem?
        var general = false
        var rowEnd: Int
        var p = recordStart
        var j = 0
        while true {
            let kind = kinds[j]
            if kind >= Self.plainInteger {
                var bits: UInt64 = 0
                let end = parser.scanPlain(base, from: p, count: n, integer: kind == Self.plainInteger, into: &bits)
                if end >= 0 {
                    let next = end < n ? base[end] : CSVByte.lineFeed
                    if j < last ? next == separator : next == CSVByte.lineFeed || next == CSVByte.carriageReturn {
                        var count = laneCounts[j]
                        if count == laneRows {
                            flush(j, into: &builders[j])
                            count = 0
                        }
                        laneValues[j &* laneRows &+ count] = bits
                        laneCounts[j] = count &+ 1
                        if j < last {
                            p = end &+ 1
                            j &+= 1
                            continue
                        }
                        rowEnd = Self.lineEnd(end, base, n)
                        break
                    }
                }
            }
            general = true
            let field: RawField
            do {
                field = try tokenizer.readField(at: p, number: j + 1)
            } catch {
                throw .record(start: recordStart)
            }
            let end = field.end
            let endsRecord = end >= n || base[end] == CSVByte.lineFeed || base[end] == CSVByte.carriageReturn
            guard endsRecord == (j == last) else { throw .record(start: recordStart) }
            if kind != Self.skipped {
                flush(j, into: &builders[j])
                let value = tokenizer.value(of: field, scratch: &scratch)
                if !builders[j].append(value, isMissing: matcher.matches(value), parser: &parser) && failure == nil {
                    failure = .type(column: j, field: field)
                }
                updateKind(j, builders[j])
            }
            if endsRecord {
                rowEnd = Self.lineEnd(end, base, n)
                break
            }
            p = end + 1
            j += 1
        }
        if general {
            if let failure { throw failure }
            if checkingText,
                let (position, problem) = TextCheck.firstProblem(
                    in: UnsafeBufferPointer(rebasing: bytes[recordStart..<rowEnd]))
            {
                throw .binary(offset: recordStart + position, problem: problem)
            }
        }
        return rowEnd
    }

    /// The offset after the line break at `end` (CRLF counts as one), or `n` at the end of the input.
    @inline(__always)
    private static func lineEnd(_ end: Int, _ base: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard end < n else { return n }
        return base[end] == CSVByte.carriageReturn && end + 1 < n && base[end + 1] == CSVByte.lineFeed
            ? end + 2 : end + 1
    }
}
