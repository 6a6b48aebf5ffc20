import Foundation
internal import GRDB
public import MLData

/// The result of one SQL query on an SQLite database file, read through GRDB.
///
/// **Read-only.** The database is opened with `SQLITE_OPEN_READONLY`, so nothing the query
/// does can change it, and a missing file is an error rather than a new empty database.
/// Only one `SELECT` statement (optionally starting with `WITH`) is accepted: a query that
/// starts with another keyword, or a `WITH … INSERT/UPDATE/DELETE`, is refused before it runs.
///
/// **Types.** SQLite columns are dynamically typed, so each result column is typed from its
/// values, by the rule the CSV and JSON readers use:
/// - all integers → integer; integers mixed with reals → number;
/// - text is read exactly like a CSV field: missing tokens (``RecordOptions/missingTokens``,
///   by default `''`, `'NA'`, …) are missing, and text that is all `true`/`false`, integers,
///   numbers or `YYYY-MM-DD` dates types the column accordingly — so a table imported from a
///   CSV file as `TEXT` (the sqlite3 shell's `.import`) loads like the CSV file;
/// - anything else, including numbers mixed with words, becomes labels (category when the
///   distinct count is at most max(20, 5% of the present values), else text);
/// - `NULL` is missing; a `BLOB` is an error naming the column.
///
/// ``RecordOptions/types`` overrides inference per column.
///
/// The query runs to completion and its rows are held in memory; to read a part of a large
/// table, say so in SQL (`WHERE`, `LIMIT`, aggregates), which SQLite evaluates where the data lives.
public struct SQLiteSource: TableSource, Hashable {
    /// The SQL query.
    public var query: String
    /// The resolved path of the database file.
    public var databasePath: String
    /// The database path as the user wrote it, for messages (`data/x.sqlite`).
    public var displayName: String
    /// How to type the columns.
    public var options: RecordOptions

    /// Creates an SQLite source.
    ///
    /// - Parameters:
    ///   - query: One `SELECT` (or `WITH … SELECT`) statement.
    ///   - databasePath: The resolved path of the database file.
    ///   - displayName: The database path as the user wrote it, for messages.
    ///   - options: How to type the columns.
    public init(query: String, databasePath: String, displayName: String, options: RecordOptions = .init()) {
        self.query = query
        self.databasePath = databasePath
        self.displayName = displayName
        self.options = options
    }

    /// The file read: ``databasePath``.
    public var inputFiles: [String] { [databasePath] }

    /// Runs the query and builds the frame.
    ///
    /// - Returns: One column per result column, one row per result row.
    /// - Throws: ``DataError`` with ``DataError/file`` set to ``displayName`` and code
    ///   - `.invalidArgument` for a statement other than `SELECT`/`WITH`, more than one statement,
    ///     or a query SQLite rejects (the message carries SQLite's, as in
    ///     `SQL error: no such table: patients`);
    ///   - `.fileNotFound` for a missing database file; `.unreadableFile` for a file that is not
    ///     an SQLite database or cannot be opened;
    ///   - `.emptyData` when the query returns no rows;
    ///   - `.duplicateColumn` for two result columns with the same name;
    ///   - `.typeMismatch` for a `BLOB` value;
    ///   - `.unknownColumn` or `.malformedData` for ``RecordOptions/types`` that name no result
    ///     column or that a value does not fit.
    public func read() throws -> DataFrame {
        try Self.checkIsSelect(query, file: displayName)
        try checkDatabaseFile()
        let result = try runQuery()
        guard result.rows > 0 else { throw DataError(.emptyData, "the query returned no rows", file: displayName) }
        try options.checkTypes(against: result.names, file: displayName)
        var columns: [MLData.Column] = []
        columns.reserveCapacity(result.names.count)
        for (j, name) in result.names.enumerated() {
            let type = options.types[name]
            do throws(ColumnInference.Mismatch) {
                columns.append(
                    try ColumnInference.column(
                        named: name, cells: SQLCells(values: result.values[j]), explicitType: type,
                        missingTokens: options.missingTokens))
            } catch {
                throw DataError(
                    .malformedData,
                    "'\(error.text)' in column '\(name)' (row \(error.index + 1) of the result) is not a valid "
                        + "\(type?.rawValue ?? "typed") value",
                    file: displayName)
            }
        }
        return try DataFrame(columns: columns)
    }

    // MARK: - Checks

    /// Refuses anything but a `SELECT` or `WITH` statement, by its first keyword.
    static func checkIsSelect(_ query: String, file: String) throws {
        guard let keyword = firstKeyword(of: query) else {
            throw DataError(.invalidArgument, "the SQL query is empty", file: file)
        }
        // A query that does not start with a word is left to SQLite, which reports the syntax error.
        guard keyword.isEmpty || keyword == "SELECT" || keyword == "WITH" else {
            throw DataError(
                .invalidArgument,
                "only SELECT queries can load data: \(keyword) is not allowed (the database is opened read-only)",
                file: file)
        }
    }

    /// The first word of `query`, upper-cased, after spaces and comments.
    ///
    /// - Returns: `nil` when the query holds only spaces and comments, `""` when it starts with
    ///   something other than a word.
    static func firstKeyword(of query: String) -> String? {
        let scalars = Array(query.unicodeScalars)
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            if c.properties.isWhitespace {
                k += 1
            } else if c == "-" && k + 1 < scalars.count && scalars[k + 1] == "-" {
                while k < scalars.count && scalars[k] != "\n" { k += 1 }
            } else if c == "/" && k + 1 < scalars.count && scalars[k + 1] == "*" {
                k += 2
                while k + 1 < scalars.count && !(scalars[k] == "*" && scalars[k + 1] == "/") { k += 1 }
                k += 2
            } else {
                break
            }
        }
        var word = ""
        while k < scalars.count && (scalars[k].properties.isAlphabetic || scalars[k] == "_") {
            word.unicodeScalars.append(scalars[k])
            k += 1
        }
        if word.isEmpty && k == scalars.count { return nil }
        return word.uppercased()
    }

    /// A missing file or a folder is reported here, so SQLite never gets to create anything.
    private func checkDatabaseFile() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: databasePath, isDirectory: &isFolder) else {
            throw DataError.fileNotFound(path: databasePath, displayName: displayName)
        }
        guard !isFolder.boolValue else {
            throw DataError(.unreadableFile, "is a folder, not an SQLite database", file: displayName)
        }
    }

    // MARK: - Running the query

    /// The query's column names and values, column by column.
    private struct QueryResult {
        var names: [String]
        var values: [[SQLValue]]
        var rows: Int
    }

    private func runQuery() throws -> QueryResult {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
            return try queue.read { db in try fetch(db) }
        } catch let error as DatabaseError {
            throw translate(error)
        }
    }

    private func fetch(_ db: Database) throws -> QueryResult {
        let statement = try db.makeStatement(sql: query)
        guard statement.isReadonly else {
            throw DataError(
                .invalidArgument,
                "only SELECT queries can load data: this query would change the database (opened read-only)",
                file: displayName)
        }
        let names = statement.columnNames
        try checkUniqueNames(names)
        var values = [[SQLValue]](repeating: [], count: names.count)
        var rows = 0
        let cursor = try Row.fetchCursor(statement)
        let sqliteStatement = statement.sqliteStatement
        // The cursor steps the statement; its values are read straight from the current row.
        while try cursor.next() != nil {
            rows += 1
            for j in names.indices {
                switch DatabaseValue(sqliteStatement: sqliteStatement, index: CInt(j)).storage {
                case .null: values[j].append(.null)
                case .int64(let v): values[j].append(.integer(v))
                case .double(let v): values[j].append(.real(v))
                case .string(let v): values[j].append(.text(v))
                case .blob:
                    throw DataError(
                        .typeMismatch,
                        "column '\(names[j])' holds binary data (a BLOB in row \(rows) of the result), which cannot "
                            + "be loaded; leave it out of the SELECT, or CAST it AS TEXT if it holds text",
                        file: displayName)
                }
            }
        }
        return QueryResult(names: names, values: values, rows: rows)
    }

    private func checkUniqueNames(_ names: [String]) throws {
        var seen: [String: Int] = [:]
        for (j, name) in names.enumerated() {
            if let first = seen[name] {
                throw DataError(
                    .duplicateColumn,
                    "the query returns two columns named '\(name)' (columns \(first) and \(j + 1)); "
                        + "rename one with AS",
                    file: displayName)
            }
            seen[name] = j + 1
        }
    }

    /// A ``DataError`` carrying SQLite's message.
    private func translate(_ error: DatabaseError) -> DataError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB:
            return DataError(.unreadableFile, "is not an SQLite database (SQLite: \(message))", file: displayName)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_CORRUPT:
            return DataError(.unreadableFile, "cannot read the database: \(message)", file: displayName)
        case .SQLITE_MISUSE where message.hasPrefix("Multiple statements"):
            return DataError(
                .invalidArgument, "the SQL holds more than one statement; load runs a single SELECT",
                file: displayName)
        case .SQLITE_READONLY:
            return DataError(
                .invalidArgument, "only SELECT queries can load data (SQLite: \(message))", file: displayName)
        default:
            return DataError(.invalidArgument, "SQL error: \(message)", file: displayName)
        }
    }
}

/// One SQLite value, as stored (blobs are rejected while reading).
private enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// One result column as ``RawCells``: numbers go to the shared inference as their text.
private struct SQLCells: RawCells {
    let values: [SQLValue]

    var count: Int { values.count }

    func withCell(at index: Int, _ body: (RawCellKind, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        switch values[index] {
        case .null:
            return body(.missing, UnsafeBufferPointer(start: nil, count: 0))
        case .integer(let value):
            var text = String(value)
            return text.withUTF8 { body(.literal, $0) }
        case .real(let value):
            // The shortest text that reads back as the same double, which the shared parser rounds exactly.
            var text = value.description
            return text.withUTF8 { body(.literal, $0) }
        case .text(let value):
            var text = value
            return text.withUTF8 { body(.string, $0) }
        }
    }
}
