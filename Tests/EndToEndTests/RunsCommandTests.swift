import Foundation
import Testing

/// `swiftml runs` after real renders: what a user types to track a model over time.
@Suite struct RunsCommandTests {
    @Test func rendersAreRecordedListedAndCompared() throws {
        let folder = try temporaryFolder("runs")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("notebooks/data/iris.csv"),
            to: folder.appendingPathComponent("iris.csv"))
        let notebook = """
            ---
            title: Tracked
            params:
              seed: 1
            ---

            ```swiftml
            d = load "iris.csv", target: species
            train, test = split d, test: 0.3, seed: params.seed
            lr = fit logistic, on: train
            evaluate lr, on: test
            ```

            """
        try notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        #expect(try swiftml(["render", "nb.md", "-q", "--to", "md"], in: folder).status == 0)
        #expect(try swiftml(["render", "nb.md", "-q", "--to", "md", "--param", "seed=2"], in: folder).status == 0)
        #expect(try swiftml(["render", "nb.md", "-q", "--to", "md", "--no-record"], in: folder).status == 0)

        let list = try swiftml(["runs"], in: folder)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 4)  // header, rule, two runs (the third was not recorded)
        #expect(lines[2].hasPrefix("2 ") && lines[2].contains("nb.md") && lines[2].contains("seed = 2"))
        #expect(lines[3].hasPrefix("1 ") && lines[3].contains("seed = 1"))

        let compare = try swiftml(["runs", "compare", "1", "2"], in: folder)
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("parameters: seed = 1 → seed = 2"))
        #expect(compare.stdout.contains("lr     test  accuracy"))

        let missing = try swiftml(["runs", "compare", "1", "5"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no run 5; runs are 1 to 2"))
        let noDatabase = try swiftml(["runs", "--db", "elsewhere.sqlite"], in: folder)
        #expect(noDatabase.status == 2)
        #expect(noDatabase.stderr.contains("no run registry at elsewhere.sqlite"))
    }
}
