import Foundation
import MLData

/// What happened to one block in a render: run, or reused from the cache, and why.
public struct CacheDecision: Sendable, Hashable {
    /// 0-based position among the cells.
    public var cellIndex: Int
    /// The line of the block's opening fence.
    public var line: Int
    /// Whether the block's results came from the cache.
    public var reused: Bool
    /// Why, in words: `unchanged`, `data/x.csv changed`, `uses 'lr', which block 2 recomputed`, ….
    public var reason: String

    /// One line for `swiftml render --explain-cache`: `nb.md:40: block 3 ran: data/x.csv changed`.
    public func line(in path: String) -> String {
        "\(path):\(line): block \(cellIndex + 1) \(reused ? "reused" : "ran"): \(reason)"
    }
}

/// One cached block: everything its run changed, so that restoring it is the same as running it.
struct CacheEntry: Codable {
    /// A file the block read, by its path as the notebook wrote it, with the SHA-256 of its bytes then.
    struct Input: Codable, Hashable {
        var path: String
        var sha256: String
    }

    /// A name the block bound and its value.
    struct Binding: Codable {
        var name: String
        var value: Value
    }

    /// The scores of a model after the block (`evaluate`, `cv` and `tune` add to them).
    struct Scores: Codable {
        /// One data set's metrics.
        struct Set: Codable {
            var name: String
            var metrics: [Metric]
        }

        /// One metric.
        struct Metric: Codable {
            var name: String
            var value: Double
        }

        var model: String
        var sets: [Set]
    }

    /// The block's key (see ``BlockCache/key(_:)``).
    var key: String
    /// The files it read.
    var inputs: [Input]
    /// What it showed.
    var outputs: [Output]
    /// The names it bound.
    var bindings: [Binding]
    /// The scores it changed.
    var scores: [Scores]
    /// The seeds it used, for the appendix.
    var seeds: [String]
    /// The file records it added, for the appendix.
    var files: [Reproducibility.FileRecord]
    /// The figure and labelled-table counters after it.
    var figureCount: Int
    var tableCount: Int
}

/// The parts of a block's key, kept from the last run so a changed key can be explained.
struct KeyParts: Codable, Equatable {
    /// The swiftml version.
    var version: String
    /// The parameters, `name=value`.
    var parameters: [String]
    /// The figure and labelled-table counters before the block (its numbering).
    var counters: [Int]
    /// The block's options, as JSON.
    var options: String
    /// The block's source.
    var code: String
    /// For each name the block reads that an earlier block bound: the name, the binding block's index
    /// and its key.
    var dependencies: [Dependency]

    /// A name bound by an earlier block.
    struct Dependency: Codable, Equatable {
        var name: String
        var cell: Int
        var key: String
    }
}

/// The cache of one notebook's blocks, in `.swiftml-cache/NAME/` beside the notebook.
///
/// A block's key is the SHA-256 of its source and options, the parameters, the swiftml version, its place in
/// the figure and table numbering, and the keys of the blocks that bound the names it reads. An entry also
/// lists the files the block read with their SHA-256; it is reused only while every one of them still has
/// those bytes. The key other blocks see (its *result key*) adds those hashes, so when a block runs again
/// because its data changed, exactly the blocks that use its results run again too.
struct BlockCache {
    /// The folder of this notebook's entries.
    let folder: String
    /// The folder the notebook's relative paths start from.
    let directory: String
    /// The key parts of each cell in the previous run, by cell index (for explanations).
    private var previous: [Int: KeyParts] = [:]
    /// The key parts of each cell in this run.
    private(set) var current: [Int: KeyParts] = [:]
    /// The entry files this run used or wrote; the others are removed at the end.
    private var used: Set<String> = []

    /// Opens the cache of the notebook `name` in `directory`.
    init(directory: String, name: String) {
        self.directory = directory
        let root = directory.isEmpty ? ".swiftml-cache" : directory + "/.swiftml-cache"
        folder = root + "/" + name
        if let data = FileManager.default.contents(atPath: folder + "/index.json"),
            let index = try? JSONDecoder().decode([String: KeyParts].self, from: data)
        {
            for (cell, parts) in index { if let cell = Int(cell) { previous[cell] = parts } }
        }
    }

    /// Records the key parts of `cell` in this run (to explain the next run's decisions).
    mutating func note(_ parts: KeyParts, cell: Int) {
        current[cell] = parts
    }

    /// The key of a block with `parts`: the SHA-256 of their canonical JSON.
    static func key(_ parts: KeyParts) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(parts)) ?? Data()
        return SHA256.hex(of: [UInt8](data))
    }

    /// The key dependants see: the block's key and the hashes of the files it read.
    static func resultKey(_ key: String, inputs: [CacheEntry.Input]) -> String {
        let text = ([key] + inputs.map { "\($0.path)\u{0}\($0.sha256)" }).joined(separator: "\n")
        return SHA256.hex(of: Array(text.utf8))
    }

    /// The entry stored under `key` if it is still valid, or why it cannot be used.
    mutating func lookup(_ key: String, cell: Int) -> Result<CacheEntry, Miss> {
        let file = key + ".json"
        guard let data = FileManager.default.contents(atPath: folder + "/" + file) else {
            return .failure(Miss(reason: explainMissingKey(cell: cell)))
        }
        guard let entry = try? JSONDecoder().decode(CacheEntry.self, from: data), entry.key == key else {
            return .failure(Miss(reason: "its cached result could not be read"))
        }
        for input in entry.inputs {
            let path = NotebookPath.resolve(input.path, from: directory)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                return .failure(Miss(reason: "\(input.path) is gone"))
            }
            if SHA256.hex(of: [UInt8](bytes)) != input.sha256 {
                return .failure(Miss(reason: "\(input.path) changed"))
            }
        }
        used.insert(file)
        return .success(entry)
    }

    /// Why a cache miss.
    struct Miss: Error {
        var reason: String
    }

    /// Stores `entry`, written to a temporary file and renamed into place.
    mutating func store(_ entry: CacheEntry) throws {
        let file = entry.key + ".json"
        used.insert(file)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.write(try JSONEncoder().encode(entry), to: folder + "/" + file)
    }

    /// Writes the key parts of this run and removes the entries it did not use.
    func finish() {
        guard FileManager.default.fileExists(atPath: folder) || !used.isEmpty else { return }
        let index = Dictionary(uniqueKeysWithValues: current.map { (String($0.key), $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(index) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? Self.write(data, to: folder + "/index.json")
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files where file.hasSuffix(".json") && file != "index.json" && !used.contains(file) {
            try? FileManager.default.removeItem(atPath: folder + "/" + file)
        }
    }

    /// Why the key of `cell` has no entry, from the parts of its last key.
    private func explainMissingKey(cell: Int) -> String {
        guard let now = current[cell], let before = previous[cell] else { return "no cached result yet" }
        if now.code != before.code { return "its code changed" }
        if now.options != before.options { return "its options changed" }
        if now.parameters != before.parameters { return "the parameters changed" }
        if now.version != before.version { return "swiftml changed (\(before.version) → \(now.version))" }
        if now.counters != before.counters { return "the figures or tables before it changed" }
        for dependency in now.dependencies where !before.dependencies.contains(dependency) {
            return "it uses '\(dependency.name)', which block \(dependency.cell + 1) recomputed"
        }
        return "no cached result for its inputs"
    }

    private static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try data.write(to: URL(fileURLWithPath: temporary))
        // rename(2) replaces the old entry in one step: a reader sees the old file or the new one.
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}

extension Cell {
    /// The names the block's statements read: the first part of every path in them (`lr` of `lr.test.auc`),
    /// which over-approximates (a bare column name counts too), so a dependency is never missed.
    var readNames: Set<String> {
        var names = Set<String>()
        func visit(_ expression: Expression) {
            switch expression.kind {
            case .path(let parts): if let first = parts.first { names.insert(first) }
            case .list(let items): items.forEach(visit)
            case .record(let fields): fields.forEach { visit($0.value) }
            case .call(_, let arguments): arguments.forEach(visit)
            case .number, .string, .bool, .none: break
            }
        }
        for statement in statements {
            switch statement.kind {
            case .display(let expression): visit(expression)
            case .command(let command): command.arguments.forEach { visit($0.value) }
            }
        }
        return names
    }

    /// The names the block binds (left of `=`).
    var boundNames: [String] {
        statements.flatMap { statement -> [String] in
            if case .command(let command) = statement.kind { command.targets.map(\.name) } else { [] }
        }
    }
}
