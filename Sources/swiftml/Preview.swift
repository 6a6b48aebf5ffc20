import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Notebook
import Preview
import Report

/// `swiftml preview`: serve a notebook's HTML report on the loopback address and re-render it on save.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve a notebook's report on 127.0.0.1 and re-render it whenever it or its data changes.",
        discussion: """
            Open the printed address in a browser. Saving the notebook, or changing a file it reads, \
            renders it again (blocks with `cache=true` stay cached) and the page reloads itself \
            (server-sent events at /events). A notebook with errors shows them in the page, each with its \
            file:line:column. Stop with Ctrl-C. Nothing is written to disk except the block cache.

            Examples:
              swiftml preview notebooks/iris.md
              swiftml preview nb.md --port 8000 --param seed=7
            """)

    @ArgumentParser.Argument(help: "The notebook (.md).", completion: .file(extensions: ["md"]))
    var path: String

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 4321

    @Option(
        name: .customLong("param"),
        help: "Override a front-matter parameter: NAME=VALUE (repeatable; typed like the default).")
    var parameters: [String] = []

    @Option(
        name: .customLong("template"),
        help: "Folder with an html/report.mustache overriding the built-in template.")
    var templateDirectory: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no such notebook: \(path)") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        let renderer = PreviewRenderer(
            path: path,
            options: RunOptions(parameters: try Render.parseParameters(parameters), version: swiftmlVersion),
            templates: try templateDirectory.map { try TemplateSet.loading(from: $0) } ?? .standard,
            templatesFromCommandLine: templateDirectory != nil)
        let first = renderer.render()
        let state = PreviewState(page: first.page)
        let path = self.path
        // Hummingbird's own lines ("Server started") would repeat what the line below says.
        var logger = Logger(label: "swiftml-preview")
        logger.logLevel = .warning
        let app = Application(
            router: PreviewServer.router(state),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "swiftml-preview"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardError.write(
                    Data("previewing \(path) at http://127.0.0.1:\(port)/ (Ctrl-C to stop)\n".utf8))
            },
            logger: logger)
        let watcher = Task {
            await state.watch(renderer, watched: first.watched) { seconds in
                FileHandle.standardError.write(
                    Data("re-rendered \(path) (\(String(format: "%.2f", seconds)) s)\n".utf8))
            }
        }
        defer { watcher.cancel() }
        try await app.runService()
    }
}
