import Foundation
import Notebook
import RunRegistry
import Testing

/// The run registry: what a render records, listing, and comparing two runs.
@Suite struct RunRegistryTests {
    private func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftml-runs-\(UUID().uuidString)/runs.sqlite")
            .path
    }

    /// A small notebook run for real: a parameter, a data file, and scores of one model.
    private func executed(seed: Int) throws -> ExecutedNotebook {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftml-reg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = "x,y\n"
        for i in 0..<40 { rows += "\(Double(i) / 4),\(i % 3 == 0 || i > 30 ? "yes" : "no")\n" }
        try rows.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let text = """
            ---
            title: Registry
            params:
              seed: \(seed)
            ---

            ```swiftml
            d = load "d.csv", target: y
            train, test = split d, test: 0.25, seed: params.seed
            m = fit logistic, on: train
            evaluate m, on: [train, test]
            ```

            """
        let (notebook, _) = Notebook.parse(text, path: "registry.md")
        return try Executor.run(notebook, directory: folder.path, options: RunOptions())
    }

    @Test func recordsParametersDataHashesAndScores() throws {
        let path = temporaryDatabase()
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let registry = try RunRegistry(path: path)
        let document = try executed(seed: 1)
        let id = try registry.record(document, path: "notebooks/registry.md", at: Date(timeIntervalSince1970: 0))
        #expect(id == 1)
        let run = try registry.run(1)
        #expect(run.recordedAt == "1970-01-01T00:00:00Z")
        #expect(run.notebook == "notebooks/registry.md")
        #expect(run.title == "Registry")
        #expect(run.parameters == ["seed = 1"])
        #expect(run.files.map(\.path) == ["d.csv"])
        #expect(run.files.first?.rows == 40)
        #expect(run.files.first?.sha256.count == 64)
        // Exactly the scores the document holds, in order, values to the bit.
        #expect(run.scores.count == document.scores.count)
        #expect(run.scores.first?.model == "m")
        #expect(Set(run.scores.map(\.dataset)) == ["train", "test"])
        // The weighted averages are recorded; the per-class values (kept for inline text) are not.
        #expect(run.scores.contains { $0.metric == "f1_weighted" })
        #expect(!run.scores.contains { $0.metric.contains(".") })
        for (stored, original) in zip(run.scores, document.scores) {
            #expect(stored.metric == original.metric)
            #expect(
                stored.value.bitPattern == original.value.bitPattern || (stored.value.isNaN && original.value.isNaN))
        }
    }

    @Test func listsNewestFirstAndFiltersByNotebook() throws {
        let path = temporaryDatabase()
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let registry = try RunRegistry(path: path)
        let document = try executed(seed: 1)
        try registry.record(document, path: "a/iris.md")
        try registry.record(document, path: "a/digits.md")
        try registry.record(document, path: "b/iris.md")
        #expect(try registry.runs().map(\.id) == [3, 2, 1])
        #expect(try registry.runs(notebook: "iris.md").map(\.id) == [3, 1])
        #expect(try registry.runs(limit: 1).map(\.id) == [3])
        // A registry reopened (as the next render does) keeps its runs and numbering.
        let reopened = try RunRegistry(path: path)
        #expect(try reopened.record(document, path: "a/iris.md") == 4)
    }

    @Test func comparesTwoRunsMetricByMetric() throws {
        let path = temporaryDatabase()
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let registry = try RunRegistry(path: path)
        try registry.record(try executed(seed: 1), path: "r.md")
        try registry.record(try executed(seed: 2), path: "r.md")
        let a = try registry.run(1)
        let b = try registry.run(2)
        let changes = RunRegistry.compare(a, b)
        #expect(changes.count == a.scores.count)
        for (change, (before, after)) in zip(changes, zip(a.scores, b.scores)) {
            #expect(change.metric == before.metric)
            #expect(change.before == before.value || before.value.isNaN)
            #expect(change.after == after.value || after.value.isNaN)
            if let delta = change.delta { #expect(delta == after.value - before.value) }
        }
        #expect(a.parameters == ["seed = 1"])
        #expect(b.parameters == ["seed = 2"])
    }

    @Test func aMissingRunNamesTheRunsThereAre() throws {
        let path = temporaryDatabase()
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let registry = try RunRegistry(path: path)
        #expect(throws: RegistryError.self) { try registry.run(1) }
        try registry.record(try executed(seed: 1), path: "r.md")
        do {
            _ = try registry.run(9)
            Issue.record("expected an error")
        } catch let error as RegistryError {
            #expect(error.message == "no run 9; runs are 1 to 1")
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = temporaryDatabase()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "not a database at all, just text".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try RunRegistry(path: path) }
    }
}
