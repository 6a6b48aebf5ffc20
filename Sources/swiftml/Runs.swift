import ArgumentParser
import Foundation
import Notebook
import RunRegistry

/// `swiftml runs`: the renders recorded in `runs.sqlite`, and how two of them differ.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the recorded renders, or compare two of them.",
        discussion: """
            Every `swiftml render` and `swiftml site` records each notebook it renders in OUTPUT/runs.sqlite: \
            the notebook, its parameters, the SHA-256 of every data file it read, and every score its models \
            got. `swiftml runs` lists them, newest first; `swiftml runs compare A B` shows how each metric \
            moved from run A to run B, with the parameters and data files that differ.

            Examples:
              swiftml runs
              swiftml runs --notebook iris.md
              swiftml runs compare 3 7
            """,
        subcommands: [List.self, Compare.self],
        defaultSubcommand: List.self)

    struct Options: ParsableArguments {
        @Option(name: .customLong("db"), help: "The registry database.")
        var database = "output/runs.sqlite"

        /// The registry, which must exist already (reading never creates one).
        func open() throws -> RunRegistry {
            guard FileManager.default.fileExists(atPath: database) else {
                throw ValidationError("no run registry at \(database); render a notebook first, or pass --db")
            }
            return try RunRegistry(path: database)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List recorded renders.")

        @OptionGroup var options: Options

        @Option(help: "Only runs of this notebook (a path or its end, such as iris.md).")
        var notebook: String?

        @Option(help: "At most this many runs.")
        var limit = 20

        func run() throws {
            let runs = try options.open().runs(notebook: notebook, limit: limit)
            guard !runs.isEmpty else {
                print("no runs recorded\(notebook.map { " for \($0)" } ?? "")")
                return
            }
            var rows = [["run", "recorded (UTC)", "notebook", "parameters", "scores"]]
            for run in runs {
                let headline = run.scores.first.map { "\($0.model).\($0.dataset).\($0.metric) = \(format($0.value))" }
                rows.append([
                    String(run.id), run.recordedAt, run.notebook, run.parameters.joined(separator: ", "),
                    run.scores.isEmpty ? "—" : "\(run.scores.count) (\(headline ?? ""))",
                ])
            }
            print(table(rows))
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how every metric moved from run A to run B.")

        @OptionGroup var options: Options

        @ArgumentParser.Argument(help: "The earlier run's number.")
        var first: Int

        @ArgumentParser.Argument(help: "The later run's number.")
        var second: Int

        func run() throws {
            let registry = try options.open()
            let a = try registry.run(first)
            let b = try registry.run(second)
            print("run \(a.id) (\(a.notebook), \(a.recordedAt)) → run \(b.id) (\(b.notebook), \(b.recordedAt))")
            if a.parameters != b.parameters {
                print("parameters: \(a.parameters.joined(separator: ", ")) → \(b.parameters.joined(separator: ", "))")
            }
            let before = Dictionary(a.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
            for file in b.files where before[file.path] != file.sha256 {
                let old = before[file.path].map { String($0.prefix(12)) } ?? "not read"
                print("data: \(file.path) changed (\(old) → \(file.sha256.prefix(12)))")
            }
            var rows = [["model", "data", "metric", "run \(a.id)", "run \(b.id)", "change"]]
            for change in RunRegistry.compare(a, b) {
                rows.append([
                    change.model, change.dataset, change.metric, change.before.map(format) ?? "—",
                    change.after.map(format) ?? "—",
                    change.delta.map { ($0 > 0 ? "+" : $0 < 0 ? "−" : "±") + format(abs($0)) } ?? "",
                ])
            }
            print(rows.count > 1 ? table(rows) : "neither run has scores")
        }
    }
}

/// A number to 4 significant digits, as reports show them.
private func format(_ value: Double) -> String {
    value.isNaN ? "NaN" : NumberFormatting.significant(value, digits: 4)
}

/// Rows as aligned columns, the first row a header underlined by dashes.
private func table(_ rows: [[String]]) -> String {
    let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    var lines = [line(rows[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    lines += rows.dropFirst().map(line)
    return lines.joined(separator: "\n")
}
