import ArgumentParser
import Foundation
import MLData
import Notebook
import Report
import RunRegistry

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write their reports.",
        discussion: """
            Each NOTEBOOK.md becomes OUTPUT/NOTEBOOK.html, .md (with figures in NOTEBOOK_files/) \
            and .tex. A folder renders every .md file in it. Paths inside a notebook are relative \
            to the notebook. Files are written only after the whole notebook has run, each to a \
            temporary name that is then renamed, so a failed render leaves earlier reports as they were.

            Examples:
              swiftml render notebooks/breast-cancer.md
              swiftml render notebooks/ --to html -o site/
              swiftml render nb.md --param seed=7 --keep-going
              swiftml render nb.md --explain-cache
            """)

    @ArgumentParser.Argument(help: "Notebooks (.md) or folders of notebooks.", completion: .file(extensions: ["md"]))
    var paths: [String]

    @Option(name: [.short, .customLong("output")], help: "Folder to write reports into.")
    var output = "output"

    @Option(
        name: .customLong("to"),
        help: "Formats to write, comma-separated: html, md, latex (default: the notebook's `format`, else all three).")
    var formats: String?

    @Option(
        name: .customLong("param"),
        help: "Override a front-matter parameter: NAME=VALUE (repeatable; typed like the default).")
    var parameters: [String] = []

    @Flag(
        name: .customLong("keep-going"),
        help: "Show errors in the report and keep running, instead of stopping at the first.")
    var keepGoing = false

    @Option(
        name: .customLong("template"),
        help: "Folder with html/, md/ and latex/ report.mustache files overriding the built-in templates.")
    var templateDirectory: String?

    @Flag(
        name: .customLong("explain-cache"),
        help: "Say for each block whether it ran or was reused from .swiftml-cache/, and why.")
    var explainCache = false

    @Flag(
        name: .customLong("no-cache"),
        help: "Run every block, ignoring `cache` options (the cache is left as it is).")
    var noCache = false

    @Flag(
        name: .customLong("no-record"),
        help: "Do not record the render in OUTPUT/runs.sqlite (see `swiftml runs`).")
    var noRecord = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        if let formats { _ = try Self.parseFormats(formats) }
        _ = try Self.parseParameters(parameters)
    }

    func run() throws {
        let notebooks = try NotebookFiles.expand(paths)
        let templates = try templateDirectory.map { try TemplateSet.loading(from: $0) } ?? .standard
        let overrides = try Self.parseParameters(parameters)
        let requested = try formats.map(Self.parseFormats)
        let options = RunOptions(parameters: overrides, keepGoing: keepGoing, version: swiftmlVersion, cache: !noCache)
        // Notebooks run in parallel; everything after (messages, files) happens in the order given.
        let runs: [(result: Result<(Notebook, ExecutedNotebook, String), any Error>, seconds: Double)] = Parallel.map(
            notebooks.count
        ) { index in
            let path = notebooks[index]
            let start = Date()
            let result = Result { () throws -> (Notebook, ExecutedNotebook, String) in
                let text = try NotebookFiles.read(path)
                let (notebook, _) = Notebook.parse(text, path: path)
                let document = try Executor.run(
                    notebook, directory: NotebookPath.directory(of: path), options: options)
                return (notebook, document, text)
            }
            return (result, Date().timeIntervalSince(start))
        }
        // Cross-document references (`@iris.md#fig-confusion`) resolve among the notebooks of one folder
        // rendered together, and links to those notebooks point at their HTML reports.
        var pages: [String: [String: PageSummary]] = [:]
        for (path, run) in zip(notebooks, runs) {
            guard case .success(let (_, document, _)) = run.result else { continue }
            let file = String(path.split(separator: "/").last ?? Substring(path))
            pages[NotebookPath.directory(of: path), default: [:]][file] = PageSummary(document, notebook: file)
        }
        var failed = false
        let registry = noRecord ? nil : try RunRegistry(path: output + "/runs.sqlite")
        for (path, run) in zip(notebooks, runs) {
            do {
                let (notebook, executed, text) = try run.result.get()
                let directory = NotebookPath.directory(of: path)
                let siblings = pages[directory] ?? [:]
                // Notebooks referenced but not rendered now are linked by their title (read, not run).
                let titles = Site.titlesOfReferencedNotebooks(in: text, directory: directory, rendered: siblings.keys)
                let document = try Site.resolvingReferences(
                    in: executed, source: text, pages: siblings, titles: titles)
                if explainCache {
                    let lines = document.cacheDecisions.map { $0.line(in: path) }
                    FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
                }
                let chosen = try requested ?? Self.formats(from: notebook.frontMatter.formats, path: path)
                let notebookTemplates = try templates.forNotebook(
                    notebook.frontMatter, directory: directory, chosenOnCommandLine: templateDirectory != nil)
                var reports = try Report.render(document, formats: chosen, templates: notebookTemplates)
                for (index, format) in chosen.enumerated() where format == .html {
                    reports[index].main.contents = Site.rewriteLinks(
                        reports[index].main.contents, notebooks: Set(siblings.keys).union(titles.keys))
                }
                var written: [String] = []
                for report in reports {
                    written.append(try ReportWriter.write(report, to: output).last ?? "")
                }
                try registry?.record(document, path: path)
                if !quiet {
                    let seconds = String(format: "%.2f", run.seconds)
                    FileHandle.standardError.write(
                        Data("rendered \(path) → \(written.joined(separator: ", ")) (\(seconds) s)\n".utf8))
                }
            } catch let error as ParameterError {
                throw ValidationError(error.description)
            } catch let error as DiagnosticList {
                printError(error.description)
                failed = true
            } catch let error as NotebookFiles.Failure {
                printError(error.description)
                failed = true
            } catch let error as TemplateError {
                printError("\(path): error: \(error.message)")
                failed = true
            } catch let error as RegistryError {
                printError("\(path): error: \(error.message)")
                failed = true
            } catch {
                printError("\(path): error: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    static func parseFormats(_ text: String) throws -> [ReportFormat] {
        try text.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = ReportFormat(name: trimmed) else {
                throw ValidationError("unknown format '\(trimmed)'; use html, md or latex")
            }
            return format
        }
    }

    static func formats(from names: [String], path: String) throws -> [ReportFormat] {
        guard !names.isEmpty else { return ReportFormat.allCases }
        return try names.map { name in
            guard let format = ReportFormat(name: name) else {
                throw NotebookFiles.Failure(
                    description: "\(path):1:1: error: unknown format '\(name)' in front matter; use html, md or latex")
            }
            return format
        }
    }

    static func parseParameters(_ items: [String]) throws -> [(name: String, value: String)] {
        try items.map { item in
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--param takes NAME=VALUE, not '\(item)'")
            }
            return (String(item[..<equals]), String(item[item.index(after: equals)...]))
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
