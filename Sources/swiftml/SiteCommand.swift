import ArgumentParser
import Foundation
import MLData
import Notebook
import Report
import RunRegistry

/// `swiftml site`: a folder of notebooks as a static site.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render a folder of notebooks as a static site: a page per notebook, an index and a sitemap.",
        discussion: """
            Every NOTEBOOK.md of the folder becomes OUTPUT/NOTEBOOK.html with a navigation bar shared by \
            all pages, and OUTPUT/index.html lists every report with its title, date, description and \
            headline metrics (the cards of its first `show` block). Links to notebooks ([see](iris.md)) \
            point at their pages, and `@iris.md#fig-confusion` in prose links to that figure of the other \
            report. Notebooks run in parallel; the output does not depend on the order they finish in.

            A second run renders again only the notebooks whose text, data files (by SHA-256), parameters, \
            templates or swiftml version changed, and those that reference them; the others keep their \
            pages. Blocks with `cache=true` still reuse their cache inside a notebook that runs again.

            Examples:
              swiftml site notebooks/ -o output/site
              swiftml site notebooks/ -o public --title "Model reports" --site-url https://example.org/reports/
            """)

    @ArgumentParser.Argument(help: "The folder of notebooks (.md).", completion: .directory)
    var folder: String

    @Option(name: [.short, .customLong("output")], help: "Folder to write the site into.")
    var output = "output/site"

    @Option(help: "The site's name, shown in the navigation bar and as the index page's title.")
    var title = "Reports"

    @Option(
        name: .customLong("site-url"),
        help: "The site's public address, which makes the sitemap's locations absolute.")
    var siteURL: String?

    @Option(
        name: .customLong("param"),
        help: "Override a front-matter parameter of every notebook that declares it: NAME=VALUE (repeatable).")
    var parameters: [String] = []

    @Option(
        name: .customLong("template"),
        help: "Folder with an html/report.mustache overriding the built-in page template.")
    var templateDirectory: String?

    @Flag(name: .customLong("force"), help: "Render every notebook, changed or not.")
    var force = false

    @Flag(name: .customLong("no-cache"), help: "Run every block, ignoring `cache` options.")
    var noCache = false

    @Flag(
        name: .customLong("no-record"),
        help: "Do not record the rendered pages in OUTPUT/runs.sqlite (see `swiftml runs`).")
    var noRecord = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    /// What the site remembers between runs, in `OUTPUT/.swiftml-site.json`.
    struct Manifest: Codable {
        /// One page: the key it was rendered with, the files its notebook read (as its appendix records them),
        /// and its summary.
        struct Entry: Codable {
            var key: String
            var inputs: [Reproducibility.FileRecord]
            var summary: PageSummary
        }

        var pages: [String: Entry] = [:]
    }

    /// One notebook of the site.
    private struct Source {
        var path: String
        var file: String
        var text: String
        var notebook: Notebook
        var title: String
        var references: Set<String>
    }

    func run() throws {
        let paths = try NotebookFiles.expand([folder])
        let overrides = try Render.parseParameters(parameters)
        let templates = try templateDirectory.map { try TemplateSet.loading(from: $0) } ?? .standard
        let start = Date()
        var sources: [Source] = []
        for path in paths {
            let text = try NotebookFiles.read(path)
            let (notebook, _) = Notebook.parse(text, path: path)
            let file = String(path.split(separator: "/").last ?? Substring(path))
            let title = notebook.title ?? String(file.dropLast(3))
            sources.append(
                Source(
                    path: path, file: file, text: text, notebook: notebook, title: title,
                    references: Set(Site.referencedNotebooks(in: text))))
        }
        let manifestPath = output + "/.swiftml-site.json"
        var manifest =
            FileManager.default.contents(atPath: manifestPath).flatMap {
                try? JSONDecoder().decode(Manifest.self, from: $0)
            } ?? Manifest()

        // Every page's navigation bar lists every title, so the titles are part of every key.
        let siteWide =
            (["swiftml " + swiftmlVersion, title] + parameters + sources.map { "\($0.file)\u{0}\($0.title)" })
            .joined(separator: "\n") + templates.fingerprint
        /// The templates of one page: --template, else the notebook's `template:` folder, else the built-in ones.
        func pageTemplates(_ source: Source) throws -> TemplateSet {
            try templates.forNotebook(
                source.notebook.frontMatter, directory: NotebookPath.directory(of: source.path),
                chosenOnCommandLine: templateDirectory != nil)
        }
        /// A page's key: everything site-wide, the notebook's text and templates, and the current bytes of the
        /// files it read.
        func key(_ source: Source, inputs: [String]) -> String {
            var text = siteWide + "\n" + source.text + ((try? pageTemplates(source).fingerprint) ?? "")
            let directory = NotebookPath.directory(of: source.path)
            for path in inputs {
                let resolved = NotebookPath.resolve(path, from: directory)
                let bytes = FileManager.default.contents(atPath: resolved).map { [UInt8]($0) } ?? []
                text += "\n\(path)\u{0}\(sha256Hex(bytes))"
            }
            return sha256Hex(Array(text.utf8))
        }
        var changed = Set<String>()
        for source in sources {
            let previous = manifest.pages[source.file]
            let pageExists = FileManager.default.fileExists(atPath: output + "/" + Site.pageName(of: source.file))
            if force || !pageExists || previous?.key != key(source, inputs: previous?.inputs.map(\.path) ?? []) {
                changed.insert(source.file)
            }
        }
        // A page that links to a figure of a re-rendered page is rendered again too (its number may move).
        let toRender = sources.filter { changed.contains($0.file) || !$0.references.isDisjoint(with: changed) }

        let options = RunOptions(parameters: [], keepGoing: false, version: swiftmlVersion, cache: !noCache)
        let runs: [Result<ExecutedNotebook, any Error>] = Parallel.map(toRender.count) { index in
            let source = toRender[index]
            return Result {
                // A site-wide --param applies to the notebooks that declare it.
                let declared = Set(source.notebook.frontMatter.params.map(\.name))
                var options = options
                options.parameters = overrides.filter { declared.contains($0.name) }
                return try Executor.run(
                    source.notebook, directory: NotebookPath.directory(of: source.path), options: options)
            }
        }
        var failed = false
        var documents: [String: ExecutedNotebook] = [:]
        for (source, result) in zip(toRender, runs) {
            switch result {
            case .success(let document): documents[source.file] = document
            case .failure(let error):
                failed = true
                printError(Self.message(for: error, path: source.path))
            }
        }
        var summaries: [PageSummary] = []
        for source in sources {
            if let document = documents[source.file] {
                summaries.append(PageSummary(document, notebook: source.file))
            } else if let previous = manifest.pages[source.file]?.summary {
                summaries.append(previous)
            }
        }
        let byNotebook = Dictionary(uniqueKeysWithValues: summaries.map { ($0.notebook, $0) })
        let notebooks = Set(sources.map(\.file))
        var rendered = 0
        let registry = noRecord ? nil : try RunRegistry(path: output + "/runs.sqlite")
        for source in toRender {
            guard let document = documents[source.file] else { continue }
            do {
                let linked = try Site.resolvingReferences(in: document, source: source.text, pages: byNotebook)
                let page = Site.pageName(of: source.file)
                let navigation = Site.navigation(summaries, current: page, siteTitle: title)
                let report = try HTMLRenderer(templates: pageTemplates(source), siteNavigation: navigation).render(
                    linked)
                let html = Site.rewriteLinks(report.main.contents, notebooks: notebooks)
                try ReportWriter.writeAtomically(Data(html.utf8), to: output + "/" + page)
                try registry?.record(document, path: source.path)
                let inputs = document.reproducibility.files
                manifest.pages[source.file] = Manifest.Entry(
                    key: key(source, inputs: inputs.map(\.path)), inputs: inputs,
                    summary: byNotebook[source.file] ?? PageSummary(document, notebook: source.file))
                rendered += 1
            } catch {
                failed = true
                printError(Self.message(for: error, path: source.path))
            }
        }
        // Pages of notebooks that left the folder leave the site.
        for gone in manifest.pages.keys where !notebooks.contains(gone) {
            manifest.pages[gone] = nil
            try? FileManager.default.removeItem(atPath: output + "/" + Site.pageName(of: gone))
        }
        let index = try Site.indexPage(summaries, siteTitle: title, version: swiftmlVersion, templates: templates)
        try ReportWriter.writeAtomically(Data(index.utf8), to: output + "/index.html")
        try ReportWriter.writeAtomically(
            Data(Site.sitemap(summaries, baseURL: siteURL).utf8), to: output + "/sitemap.xml")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try ReportWriter.writeAtomically(try encoder.encode(manifest), to: manifestPath)
        if !quiet {
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            let unchanged = sources.count - toRender.count
            FileHandle.standardError.write(
                Data(
                    ("site: \(sources.count) pages (\(rendered) rendered, \(unchanged) unchanged) → "
                        + "\(output)/index.html (\(seconds) s)\n").utf8))
        }
        if failed { throw ExitCode.failure }
    }

    private static func message(for error: any Error, path: String) -> String {
        switch error {
        case let error as DiagnosticList: error.description
        case let error as ParameterError: "\(path): error: \(error.description)"
        case let error as TemplateError: "\(path): error: \(error.message)"
        default: "\(path): error: \(error)"
        }
    }
}
