import Foundation
public import Notebook
public import Report

/// Renders one notebook's HTML for `swiftml preview`, and says which files a change to should re-render it.
public struct PreviewRenderer: Sendable {
    /// The notebook's path.
    public var path: String
    /// How to run it (parameters; block caching stays on, so cached blocks stay cached between saves).
    public var options: RunOptions
    /// The templates, and whether they came from `--template`.
    public var templates: TemplateSet
    public var templatesFromCommandLine: Bool

    /// Creates a renderer.
    public init(path: String, options: RunOptions, templates: TemplateSet = .standard, templatesFromCommandLine: Bool) {
        self.path = path
        self.options = options
        self.templates = templates
        self.templatesFromCommandLine = templatesFromCommandLine
    }

    /// The folder the notebook's relative paths start from.
    var directory: String { NotebookPath.directory(of: path) }

    /// Renders the notebook.
    ///
    /// - Returns: The page to show (the report, or a page listing the errors with their `file:line:column`),
    ///   with the reload script, and the files to watch: the notebook and every file it read.
    public func render() -> (page: String, watched: [String]) {
        var watched = [path]
        do {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                return (
                    PreviewServer.errorPage("\(path):1:1: error: cannot read the notebook", notebook: path), watched
                )
            }
            let (notebook, _) = Notebook.parse(text, path: path)
            let executed = try Executor.run(notebook, directory: directory, options: options)
            watched += executed.reproducibility.files.map { NotebookPath.resolve($0.path, from: directory) }
            let titles = Site.titlesOfReferencedNotebooks(in: text, directory: directory, rendered: [String]())
            let document = try Site.resolvingReferences(in: executed, source: text, pages: [:], titles: titles)
            let chosen = try templates.forNotebook(
                notebook.frontMatter, directory: directory, chosenOnCommandLine: templatesFromCommandLine)
            let report = try HTMLRenderer(templates: chosen).render(document)
            return (PreviewServer.withReloadScript(report.main.contents), watched)
        } catch let error as DiagnosticList {
            return (PreviewServer.errorPage(error.description, notebook: path), watched)
        } catch let error as TemplateError {
            return (PreviewServer.errorPage("\(path): error: \(error.message)", notebook: path), watched)
        } catch {
            return (PreviewServer.errorPage("\(path): error: \(error)", notebook: path), watched)
        }
    }
}

/// The state of watched files: each one's size and modification time (nil when it is missing).
public struct FileSnapshot: Sendable, Equatable {
    private var entries: [String: [Double]?]

    /// Looks at `paths` now.
    public init(_ paths: [String]) {
        var entries: [String: [Double]?] = [:]
        for path in paths {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            entries[path] = attributes.map { attributes in
                [
                    (attributes[.size] as? NSNumber)?.doubleValue ?? -1,
                    (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1,
                ]
            }
        }
        self.entries = entries
    }
}

extension PreviewState {
    /// Re-renders with `renderer` whenever a watched file changes, checking every `interval` seconds, until the
    /// task is cancelled.
    ///
    /// - Parameters:
    ///   - renderer: What to render.
    ///   - watched: The files the first render depends on.
    ///   - interval: Seconds between checks.
    ///   - onRender: Called after each re-render with its duration in seconds (for the terminal).
    public func watch(
        _ renderer: PreviewRenderer, watched: [String], interval: Double = 0.25,
        onRender: @Sendable (Double) -> Void = { _ in }
    ) async {
        var files = watched
        var snapshot = FileSnapshot(files)
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            let now = FileSnapshot(files)
            guard now != snapshot else { continue }
            let start = Date()
            // Rendering is CPU work: off the actor, so pages and events keep being served.
            let result = await Task.detached { renderer.render() }.value
            update(result.page)
            files = result.watched
            snapshot = FileSnapshot(files)
            onRender(Date().timeIntervalSince(start))
        }
    }
}
