import Foundation
import Testing

/// Block caching as a report author meets it: `cache: true`, `--explain-cache`, `--no-cache`.
@Suite struct CacheTests {
    /// A notebook of five cached blocks: two loads, a fit on the first, a card from the fit, a chart of the second.
    static let notebook = """
        ---
        title: Cache test
        params:
          seed: 1
        execute:
          cache: true
        ---

        # Data

        ```swiftml
        d = load "data.csv", target: species
        ```

        ```swiftml
        other = load "other.csv"
        ```

        ```swiftml
        train, test = split d, test: 0.3, seed: params.seed
        m = fit logistic, on: train
        evaluate m, on: test
        ```

        Accuracy is `swiftml m.test.accuracy`.

        ```swiftml
        show "Accuracy", m.test.accuracy
        ```

        ```swiftml
        #| label: fig-a
        histogram other, x: a
        ```

        """

    /// A folder holding the notebook, iris as `data.csv` and a small `other.csv`.
    private func project() throws -> URL {
        let folder = try temporaryFolder("cache")
        try Self.notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("notebooks/data/iris.csv"),
            to: folder.appendingPathComponent("data.csv"))
        try "a,b\n1,2\n3,4\n5,7\n".write(
            to: folder.appendingPathComponent("other.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Renders `nb.md` into `output` and returns the `--explain-cache` lines, `block N ran: …` / `reused: …`.
    private func render(_ folder: URL, into output: String, _ extra: [String] = []) throws -> [String] {
        let result = try swiftml(["render", "nb.md", "-o", output, "-q", "--explain-cache"] + extra, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stderr.split(separator: "\n").map { line in
            String(line.drop { $0 != " " }.dropFirst())
        }
    }

    private func reports(_ folder: URL, _ output: String) throws -> [String] {
        try ["nb.html", "nb.md", "nb.tex"].map {
            try String(contentsOf: folder.appendingPathComponent("\(output)/\($0)"), encoding: .utf8)
        }
    }

    @Test func aSecondRenderReusesEveryBlockAndWritesTheSameBytes() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try render(folder, into: "one")
        #expect(first == (1...5).map { "block \($0) ran: no cached result yet" })
        let second = try render(folder, into: "two")
        #expect(second == (1...5).map { "block \($0) reused: unchanged" })
        #expect(try reports(folder, "one") == reports(folder, "two"))
    }

    @Test func oneChangedByteRerunsExactlyTheBlocksThatDependOnIt() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try render(folder, into: "one")
        // One byte of the first data row: 5.1 → 5.2.
        let data = folder.appendingPathComponent("data.csv")
        var text = try String(contentsOf: data, encoding: .utf8)
        let row = try #require(text.range(of: "\n5.1,"))
        text.replaceSubrange(row, with: "\n5.2,")
        try text.write(to: data, atomically: true, encoding: .utf8)

        let lines = try render(folder, into: "two")
        #expect(
            lines == [
                "block 1 ran: data.csv changed",
                "block 2 reused: unchanged",
                "block 3 ran: it uses 'd', which block 1 recomputed",
                "block 4 ran: it uses 'm', which block 3 recomputed",
                "block 5 reused: unchanged",
            ])
        // Partly cached, the reports are the bytes a render without the cache writes.
        _ = try render(folder, into: "three", ["--no-cache"])
        #expect(try reports(folder, "two") == reports(folder, "three"))
    }

    @Test func editedCodeAndParametersAreExplained() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try render(folder, into: "one")
        let path = folder.appendingPathComponent("nb.md")
        let edited = Self.notebook.replacingOccurrences(of: "histogram other, x: a", with: "histogram other, x: b")
        try edited.write(to: path, atomically: true, encoding: .utf8)
        let afterEdit = try render(folder, into: "two")
        #expect(afterEdit.last == "block 5 ran: its code changed")
        #expect(afterEdit.dropLast().allSatisfy { $0.hasSuffix("reused: unchanged") })

        let withParameter = try render(folder, into: "three", ["--param", "seed=2"])
        #expect(withParameter.allSatisfy { $0.hasSuffix("ran: the parameters changed") })
    }

    @Test func noCacheRunsEverythingAndLeavesTheCacheAlone() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try render(folder, into: "one")
        let lines = try render(folder, into: "two", ["--no-cache"])
        #expect(lines.allSatisfy { $0.hasSuffix("ran: caching is turned off (--no-cache)") })
        #expect(try render(folder, into: "three").allSatisfy { $0.hasSuffix("reused: unchanged") })
    }

    @Test func anUnreadableEntryIsRunAgainAndOldEntriesArePruned() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try render(folder, into: "one")
        let cache = folder.appendingPathComponent(".swiftml-cache/nb")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0 != "index.json" }
        #expect(entries.count == 5)
        // Damage every entry: each block runs again, the render succeeds, the entries are rewritten.
        for entry in entries {
            try "{ not json".write(to: cache.appendingPathComponent(entry), atomically: true, encoding: .utf8)
        }
        let lines = try render(folder, into: "two")
        #expect(lines.allSatisfy { $0.hasSuffix("ran: its cached result could not be read") })
        #expect(try render(folder, into: "three").allSatisfy { $0.hasSuffix("reused: unchanged") })
        // After a code change the old entry of that block is removed.
        let edited = Self.notebook.replacingOccurrences(of: "histogram other, x: a", with: "histogram other, x: b")
        try edited.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        _ = try render(folder, into: "four")
        let after = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0 != "index.json" }
        #expect(after.count == 5)
        #expect(Set(after) != Set(entries))
    }

    @Test func blocksWithoutTheOptionAlwaysRun() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let uncached = Self.notebook.replacingOccurrences(of: "execute:\n  cache: true\n", with: "")
        try uncached.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        _ = try render(folder, into: "one")
        let lines = try render(folder, into: "two")
        #expect(lines.allSatisfy { $0.hasSuffix("ran: cache is off for this block") })
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".swiftml-cache").path))
    }
}
