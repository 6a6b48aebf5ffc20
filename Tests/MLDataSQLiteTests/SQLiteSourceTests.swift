import Foundation
import GRDB
import MLData
import MLDataSQLite
import Testing

/// A fresh folder under the system's temporary directory, removed by `cleanup()`.
private struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "mldata-sqlite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Creates the database `name` in `folder` by running `sql`, and returns its path.
private func makeDatabase(in folder: TemporaryFolder, _ name: String = "data.sqlite", sql: String) throws -> String {
    let path = folder.file(name)
    let queue = try DatabaseQueue(path: path)
    try queue.inDatabase { db in try db.execute(sql: sql) }
    try queue.close()
    return path
}

/// The error `body` throws, which must be a ``DataError``.
private func dataError(_ body: () throws -> DataFrame) throws -> DataError {
    do {
        _ = try body()
    } catch let error as DataError {
        return error
    }
    Issue.record("expected a DataError")
    throw CancellationError()
}

/// The values of a column as cells.
private func cells(_ frame: DataFrame, _ name: String) throws -> [CellValue] {
    let column = try frame.column(name)
    return (0..<column.count).map { column.value(at: $0) }
}

/// A small database of mixed, dynamically typed columns.
private let mixedSQL = """
    CREATE TABLE patients (id INTEGER, age, dose REAL, name TEXT, seen TEXT, code, photo BLOB);
    INSERT INTO patients VALUES (1, 34, 2.5, 'Ann', '2024-01-05', 'A1', NULL);
    INSERT INTO patients VALUES (2, NULL, 3, 'Bob', '2024-02-29', 7, NULL);
    INSERT INTO patients VALUES (3, 51, NULL, NULL, '', 'B2', x'00ff');
    """

@Suite struct SQLiteSourceTypeTests {
    @Test func columnsAreTypedFromTheirValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let source = SQLiteSource(
            query: "SELECT id, age, dose, name, seen, code FROM patients ORDER BY id", databasePath: path,
            displayName: "data.sqlite")
        let frame = try source.read()
        #expect(frame.columnNames == ["id", "age", "dose", "name", "seen", "code"])
        #expect(try cells(frame, "id") == [.integer(1), .integer(2), .integer(3)])
        // NULL is missing and does not change the type.
        #expect(try cells(frame, "age") == [.integer(34), .missing, .integer(51)])
        // 3 in a REAL column is stored as a real (3.0); with 2.5 it is a number column either way.
        #expect(try cells(frame, "dose") == [.number(2.5), .number(3), .missing])
        #expect(try frame.column("name").type == .category)
        #expect(try cells(frame, "name") == [.string("Ann"), .string("Bob"), .missing])
        // Dates are text in SQLite and become dates as in CSV; '' is a missing token.
        // 2024-01-05 is day 19727, 2024-02-29 day 19782: python3 -c "import datetime as d;
        // print((d.date(2024,1,5)-d.date(1970,1,1)).days, (d.date(2024,2,29)-d.date(1970,1,1)).days)"
        #expect(try cells(frame, "seen") == [.date(19727), .date(19782), .missing])
        // Text mixed with an integer becomes labels.
        #expect(try cells(frame, "code") == [.string("A1"), .string("7"), .string("B2")])
        #expect(source.inputFiles == [path])
    }

    @Test func integersMixedWithRealsAreNumbers() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: "CREATE TABLE t (v); INSERT INTO t VALUES (1), (0.5), (-2);")
        let frame = try SQLiteSource(query: "SELECT v FROM t", databasePath: path, displayName: "d").read()
        #expect(try cells(frame, "v") == [.number(1), .number(0.5), .number(-2)])
    }

    @Test func textIsTypedLikeCSVFields() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(
            in: folder,
            sql: """
                CREATE TABLE t (n TEXT, x TEXT, b TEXT);
                INSERT INTO t VALUES ('12', '2.5', 'true'), ('NA', '1e3', 'False');
                """)
        let frame = try SQLiteSource(query: "SELECT * FROM t", databasePath: path, displayName: "d").read()
        #expect(try cells(frame, "n") == [.integer(12), .missing])
        #expect(try cells(frame, "x") == [.number(2.5), .number(1000)])
        #expect(try cells(frame, "b") == [.boolean(true), .boolean(false)])
    }

    @Test func explicitTypesOverrideInference() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(
            in: folder, sql: "CREATE TABLE t (zip TEXT, ok); INSERT INTO t VALUES ('02139', 1), ('10001', 0);")
        let options = RecordOptions(types: ["zip": .category, "ok": .boolean])
        let frame = try SQLiteSource(query: "SELECT * FROM t", databasePath: path, displayName: "d", options: options)
            .read()
        #expect(try cells(frame, "zip") == [.string("02139"), .string("10001")])
        #expect(try cells(frame, "ok") == [.boolean(true), .boolean(false)])
        let bad = try dataError {
            try SQLiteSource(
                query: "SELECT * FROM t", databasePath: path, displayName: "d",
                options: RecordOptions(types: ["zip": .date])
            ).read()
        }
        #expect(bad.description == "d: '02139' in column 'zip' (row 1 of the result) is not a valid date value")
    }

    @Test func aBlobIsAnErrorNamingTheColumn() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError {
            try SQLiteSource(query: "SELECT id, photo FROM patients ORDER BY id", databasePath: path, displayName: "d")
                .read()
        }
        #expect(error.code == .typeMismatch)
        #expect(
            error.message
                == "column 'photo' holds binary data (a BLOB in row 3 of the result), which cannot be loaded; "
                + "leave it out of the SELECT, or CAST it AS TEXT if it holds text")
    }
}

@Suite struct SQLiteSourceErrorTests {
    @Test func aFailingQueryCarriesSQLitesMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let table = try dataError {
            try SQLiteSource(query: "SELECT * FROM patient", databasePath: path, displayName: "data/x.sqlite").read()
        }
        #expect(table.code == .invalidArgument)
        #expect(table.description == "data/x.sqlite: SQL error: no such table: patient")
        let column = try dataError {
            try SQLiteSource(query: "SELECT agee FROM patients", databasePath: path, displayName: "d").read()
        }
        #expect(column.message == "SQL error: no such column: agee")
        let syntax = try dataError {
            try SQLiteSource(query: "SELECT id FROM patients WHERE", databasePath: path, displayName: "d").read()
        }
        #expect(syntax.message == "SQL error: incomplete input")
    }

    @Test func aMissingDatabaseIsNotFoundAndNotCreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        _ = try makeDatabase(in: folder, "clinic.sqlite", sql: mixedSQL)
        let missing = folder.file("clinc.sqlite")
        let error = try dataError {
            try SQLiteSource(query: "SELECT 1", databasePath: missing, displayName: "data/clinc.sqlite").read()
        }
        #expect(error.code == .fileNotFound)
        #expect(error.description == "data/clinc.sqlite: file not found; did you mean 'data/clinic.sqlite'?")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aFileThatIsNotADatabaseIsUnreadable() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.file("data.csv")
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try dataError { try SQLiteSource(query: "SELECT 1", databasePath: path, displayName: "d").read() }
        #expect(error.code == .unreadableFile)
        #expect(error.message == "is not an SQLite database (SQLite: file is not a database)")
    }

    @Test func anEmptyResultIsEmptyData() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError {
            try SQLiteSource(query: "SELECT * FROM patients WHERE id > 10", databasePath: path, displayName: "d").read()
        }
        #expect(error.code == .emptyData)
        #expect(error.message == "the query returned no rows")
    }

    @Test func twoResultColumnsWithOneNameAskForAnAlias() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError {
            try SQLiteSource(
                query: "SELECT a.id, b.id FROM patients a JOIN patients b ON a.id = b.id", databasePath: path,
                displayName: "d"
            ).read()
        }
        #expect(error.code == .duplicateColumn)
        #expect(error.message == "the query returns two columns named 'id' (columns 1 and 2); rename one with AS")
    }
}

@Suite struct SQLiteSourceReadOnlyTests {
    @Test(arguments: [
        ("INSERT INTO patients (id) VALUES (9)", "INSERT"),
        ("  -- add one\n  update patients SET age = 1", "UPDATE"),
        ("/* gone */ DROP TABLE patients", "DROP"),
        ("PRAGMA journal_mode = WAL", "PRAGMA"),
        ("ATTACH 'other.sqlite' AS other", "ATTACH"),
    ])
    func statementsOtherThanSelectAreRefusedByName(query: String, keyword: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError { try SQLiteSource(query: query, databasePath: path, displayName: "d").read() }
        #expect(error.code == .invalidArgument)
        #expect(
            error.message
                == "only SELECT queries can load data: \(keyword) is not allowed (the database is opened read-only)")
        try expectUnchanged(path)
    }

    @Test func aWithClauseThatWritesIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let query = "WITH extra(id) AS (SELECT 9) INSERT INTO patients (id) SELECT id FROM extra"
        let error = try dataError { try SQLiteSource(query: query, databasePath: path, displayName: "d").read() }
        #expect(
            error.message
                == "only SELECT queries can load data: this query would change the database (opened read-only)")
        try expectUnchanged(path)
    }

    @Test func aSecondStatementIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError {
            try SQLiteSource(
                query: "SELECT id FROM patients; DROP TABLE patients", databasePath: path, displayName: "d"
            )
            .read()
        }
        #expect(error.message == "the SQL holds more than one statement; load runs a single SELECT")
        try expectUnchanged(path)
    }

    @Test func withQueriesLowerCaseAndATrailingSemicolonAreAllowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let with = try SQLiteSource(
            query: "with old as (select id from patients where age > 40) select count(*) as n from old",
            databasePath: path, displayName: "d"
        ).read()
        // Only patient 3 (age 51) is over 40 in mixedSQL.
        #expect(try cells(with, "n") == [.integer(1)])
        let terminated = try SQLiteSource(
            query: "SELECT count(*) AS n FROM patients;  -- all of them\n", databasePath: path, displayName: "d"
        ).read()
        #expect(try cells(terminated, "n") == [.integer(3)])
    }

    @Test func aQueryThatDoesNotStartWithAWordGetsSQLitesSyntaxError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try makeDatabase(in: folder, sql: mixedSQL)
        let error = try dataError {
            try SQLiteSource(query: "(SELECT 1 AS one)", databasePath: path, displayName: "d").read()
        }
        #expect(error.message == "SQL error: near \"(\": syntax error")
    }

    @Test func anEmptyQueryIsRefused() throws {
        let error = try dataError {
            try SQLiteSource(query: " -- nothing\n", databasePath: "x", displayName: "d").read()
        }
        #expect(error.message == "the SQL query is empty")
    }

    /// The fixture table still has its three rows.
    private func expectUnchanged(_ path: String) throws {
        let count = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM patients")
        }
        #expect(count == 3)
    }
}

@Suite struct SQLitePenguinsTests {
    /// penguins.sql and penguins.csv are written by Tests/MLDataTests/Fixtures/make_penguins_fixtures.py.
    private static func fixture(_ path: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(path).standardized.path
    }

    @Test(arguments: ["penguins", "penguins_text"])
    func aTableLoadsToTheCSVFrame(table: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let dump = try String(contentsOfFile: Self.fixture("Fixtures/penguins.sql"), encoding: .utf8)
        let path = try makeDatabase(in: folder, sql: dump)
        let frame = try SQLiteSource(query: "SELECT * FROM \(table)", databasePath: path, displayName: "d").read()
        let csv = try CSVReader.read(
            path: Self.fixture("../MLDataTests/Fixtures/penguins.csv"), displayName: "penguins.csv")
        // palmerpenguins: 344 rows, 8 columns, 19 missing cells (shared/datasets/README.md).
        #expect(frame.rowCount == 344)
        #expect(frame.columns.map(\.missingCount).reduce(0, +) == 19)
        #expect(frame.columnNames == csv.columnNames)
        for (a, b) in zip(frame.columns, csv.columns) {
            #expect(a.type == b.type, "\(a.name)")
            #expect((0..<a.count).map { a.value(at: $0) } == (0..<b.count).map { b.value(at: $0) }, "\(a.name)")
            if case .category(_, let levelsA) = a.storage, case .category(_, let levelsB) = b.storage {
                #expect(levelsA == levelsB)
            }
        }
    }
}
