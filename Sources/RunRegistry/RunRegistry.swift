public import Foundation
internal import GRDB
public import Notebook

/// A log of renders in an SQLite database (`output/runs.sqlite`).
///
/// It records which notebook ran with which parameters on which data (by SHA-256), and every score its models
/// got. Comparing two runs shows how a model's numbers moved: the basis of tracking a model over time.
public struct RunRegistry: Sendable {
    /// One recorded render.
    public struct Run: Sendable, Hashable {
        /// The run's number, from 1.
        public var id: Int
        /// When it was recorded, ISO 8601 in UTC.
        public var recordedAt: String
        /// The notebook's path as given on the command line.
        public var notebook: String
        /// The report title.
        public var title: String
        /// The swiftml version.
        public var version: String
        /// The parameters, `name = value`.
        public var parameters: [String]
        /// The data files read, with their SHA-256.
        public var files: [Reproducibility.FileRecord]
        /// The models' scores.
        public var scores: [ModelScore]
    }

    /// One metric of both runs of a comparison.
    public struct Change: Sendable, Hashable {
        public var model: String
        public var dataset: String
        public var metric: String
        /// The first run's value (`nil`: it has no such score).
        public var before: Double?
        /// The second run's value.
        public var after: Double?

        /// `after − before`, when both exist.
        public var delta: Double? { before.flatMap { b in after.map { $0 - b } } }
    }

    private let queue: DatabaseQueue

    /// Opens (creating if needed) the registry at `path`, migrating its tables to this version.
    ///
    /// - Throws: ``RegistryError`` when the file cannot be opened or is not a registry.
    public init(path: String) throws {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path)
            try Self.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw RegistryError(message: "\(path): \(error.message ?? error.description)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recorded_at", .text).notNull()
                t.column("notebook", .text).notNull()
                t.column("title", .text).notNull()
                t.column("version", .text).notNull()
            }
            try db.create(table: "parameter") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
            }
            try db.create(table: "data_file") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("rows", .integer).notNull()
                t.column("sha256", .text).notNull()
            }
            try db.create(table: "score") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("model", .text).notNull()
                t.column("dataset", .text).notNull()
                t.column("metric", .text).notNull()
                t.column("value", .double)
            }
            try db.create(index: "score_by_run", on: "score", columns: ["run_id"])
        }
        return migrator
    }

    /// Records a render of `document` (from the notebook at `path`), and returns its run number.
    ///
    /// - Parameters:
    ///   - document: The executed notebook.
    ///   - path: The notebook's path.
    ///   - date: When, written as ISO 8601 in UTC.
    /// - Returns: The new run's number.
    /// - Throws: ``RegistryError``.
    @discardableResult
    public func record(_ document: ExecutedNotebook, path: String, at date: Date = Date()) throws -> Int {
        let stamp = ISO8601DateFormatter().string(from: date)
        do {
            return try queue.write { db in
                try db.execute(
                    sql: "INSERT INTO run (recorded_at, notebook, title, version) VALUES (?, ?, ?, ?)",
                    arguments: [stamp, path, document.title, document.reproducibility.swiftmlVersion])
                let id = Int(db.lastInsertedRowID)
                for (position, text) in document.reproducibility.parameters.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO parameter (run_id, position, text) VALUES (?, ?, ?)",
                        arguments: [id, position, text])
                }
                for file in document.reproducibility.files {
                    try db.execute(
                        sql: "INSERT INTO data_file (run_id, path, rows, sha256) VALUES (?, ?, ?, ?)",
                        arguments: [id, file.path, file.rows, file.sha256])
                }
                for (position, score) in document.scores.enumerated() {
                    // NaN (an undefined AUC, say) is stored as NULL.
                    try db.execute(
                        sql:
                            "INSERT INTO score (run_id, position, model, dataset, metric, value) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            id, position, score.model, score.dataset, score.metric,
                            score.value.isNaN ? nil : score.value,
                        ])
                }
                return id
            }
        } catch let error as DatabaseError {
            throw RegistryError(message: "cannot record the run: \(error.message ?? error.description)")
        }
    }

    /// The recorded runs, newest first.
    ///
    /// - Parameters:
    ///   - notebook: Only runs of notebooks whose path ends with this (`iris.md`), when given.
    ///   - limit: At most this many.
    /// - Returns: The runs with their parameters, files and scores.
    /// - Throws: ``RegistryError``.
    public func runs(notebook: String? = nil, limit: Int = 20) throws -> [Run] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC")
            return try rows.filter { row in notebook.map { (row["notebook"] as String).hasSuffix($0) } ?? true }
                .prefix(limit).map { try Self.run(from: $0, in: db) }
        }
    }

    /// Run `id`.
    ///
    /// - Throws: ``RegistryError`` when there is no such run (naming the runs there are).
    public func run(_ id: Int) throws -> Run {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else {
                let ids = try Int.fetchAll(db, sql: "SELECT id FROM run ORDER BY id")
                let range = ids.isEmpty ? "the registry is empty" : "runs are \(ids.first ?? 0) to \(ids.last ?? 0)"
                throw RegistryError(message: "no run \(id); \(range)")
            }
            return try Self.run(from: row, in: db)
        }
    }

    /// Every metric of either run, in the order the first run scored them (then the second's new ones).
    public static func compare(_ first: Run, _ second: Run) -> [Change] {
        var changes: [Change] = []
        var index: [String: Int] = [:]
        func key(_ score: ModelScore) -> String { "\(score.model)\u{0}\(score.dataset)\u{0}\(score.metric)" }
        for score in first.scores where index[key(score)] == nil {
            index[key(score)] = changes.count
            changes.append(
                Change(
                    model: score.model, dataset: score.dataset, metric: score.metric, before: score.value, after: nil))
        }
        for score in second.scores {
            if let at = index[key(score)] {
                changes[at].after = score.value
            } else {
                index[key(score)] = changes.count
                changes.append(
                    Change(
                        model: score.model, dataset: score.dataset, metric: score.metric, before: nil,
                        after: score.value))
            }
        }
        return changes
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw RegistryError(message: "cannot read the registry: \(error.message ?? error.description)")
        }
    }

    private static func run(from row: Row, in db: Database) throws -> Run {
        let id: Int = row["id"]
        let parameters = try String.fetchAll(
            db, sql: "SELECT text FROM parameter WHERE run_id = ? ORDER BY position", arguments: [id])
        let files = try Row.fetchAll(
            db, sql: "SELECT * FROM data_file WHERE run_id = ? ORDER BY rowid", arguments: [id]
        )
        .map { Reproducibility.FileRecord(path: $0["path"], rows: $0["rows"], sha256: $0["sha256"]) }
        let scores = try Row.fetchAll(
            db, sql: "SELECT * FROM score WHERE run_id = ? ORDER BY position", arguments: [id]
        ).map { row in
            ModelScore(
                model: row["model"], dataset: row["dataset"], metric: row["metric"],
                value: (row["value"] as Double?) ?? .nan)
        }
        return Run(
            id: id, recordedAt: row["recorded_at"], notebook: row["notebook"], title: row["title"],
            version: row["version"], parameters: parameters, files: files, scores: scores)
    }
}

/// A registry that cannot be opened, read or written, or a run that does not exist.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
