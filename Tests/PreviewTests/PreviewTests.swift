import Foundation
import Hummingbird
import Notebook
import Preview
import Report
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `swiftml preview`: the page, its reload events, errors in the page, and re-rendering on save.
@Suite struct PreviewTests {
    /// A notebook in a fresh folder: one data file, one chart.
    private func project(_ body: String = "histogram d, x: a") throws -> (folder: URL, notebook: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftml-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "a,b\n1,2\n3,4\n5,9\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let notebook = folder.appendingPathComponent("nb.md").path
        try Self.notebook(body).write(toFile: notebook, atomically: true, encoding: .utf8)
        return (folder, notebook)
    }

    private static func notebook(_ body: String) -> String {
        "---\ntitle: Preview test\n---\n\nFirst version.\n\n```swiftml\nd = load \"d.csv\"\n\(body)\n```\n"
    }

    private func renderer(_ path: String) -> PreviewRenderer {
        PreviewRenderer(path: path, options: RunOptions(), templatesFromCommandLine: false)
    }

    @Test func thePageIsTheReportWithAReloadScriptAndItsFilesAreWatched() throws {
        let (folder, notebook) = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = renderer(notebook).render()
        #expect(result.page.contains("<h1 class=\"title\">Preview test</h1>"))
        #expect(result.page.contains("<svg"))
        #expect(result.page.contains(#"new EventSource("/events")"#))
        #expect(result.page.hasSuffix("</body>\n</html>\n") || result.page.contains("</script>\n</body>"))
        #expect(result.watched == [notebook, folder.appendingPathComponent("d.csv").path])
    }

    @Test func errorsShowInThePageWithTheirLine() throws {
        let (folder, notebook) = try project("histogramm d, x: a")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = renderer(notebook).render().page
        #expect(page.contains("<pre class=\"error\">\(notebook):9:1: error: unknown verb 'histogramm'"))
        #expect(page.contains("did you mean 'histogram'?"))
        #expect(page.contains(#"new EventSource("/events")"#))
    }

    @Test func savingTheNotebookOrItsDataRendersAgainAndTellsListeners() async throws {
        let (folder, notebook) = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let renderer = renderer(notebook)
        let first = renderer.render()
        let state = PreviewState(page: first.page)
        let changes = await state.changes()
        let watcher = Task { await state.watch(renderer, watched: first.watched, interval: 0.05) }
        defer { watcher.cancel() }

        try await Task.sleep(nanoseconds: 100_000_000)
        try Self.notebook("histogram d, x: b").replacingOccurrences(of: "First version.", with: "Second version.")
            .write(toFile: notebook, atomically: true, encoding: .utf8)
        var iterator = changes.makeAsyncIterator()
        #expect(await iterator.next() == 1)
        #expect(await state.page.contains("Second version."))

        // A changed data file counts too.
        try "a,b\n1,2\n3,4\n5,9\n7,7\n".write(
            to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        #expect(await iterator.next() == 2)
        #expect(await state.version == 2)
    }

    @Test func theServerServesThePageEventsAndJSONErrors() async throws {
        let state = PreviewState(page: PreviewServer.withReloadScript("<html><body><p>hello</p></body></html>"))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: PreviewServer.router(state),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())

        let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("<p>hello</p>"))

        let (missing, missingResponse) = try await URLSession.shared.data(
            from: URL(string: "http://127.0.0.1:\(port)/nope.css")!)
        #expect((missingResponse as? HTTPURLResponse)?.statusCode == 404)
        #expect((missingResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "application/json")
        let body = try JSONSerialization.jsonObject(with: missing) as? [String: Any]
        #expect(body?["error"] as? String == "not found")
        #expect(body?["path"] as? String == "/nope.css")

        // Server-sent events, read by curl as a browser's EventSource would.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            print("skipped the event stream check: curl is not installed")
            return
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sN", "--max-time", "30", "http://127.0.0.1:\(port)/events"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        defer { if curl.isRunning { curl.terminate() } }
        // Generous waits: the whole suite runs in parallel on two cores.
        for _ in 0..<1000 where await state.listenerCount == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(await state.listenerCount == 1)
        await state.update("<html><body>new</body></html>")
        var stream = ""
        let reader = output.fileHandleForReading
        while !stream.contains("data: 1\n\n") {
            let chunk = reader.availableData  // waits for the server, or for curl's --max-time
            if chunk.isEmpty { break }
            stream += String(decoding: chunk, as: UTF8.self)
        }
        #expect(stream.contains(": swiftml preview"))
        #expect(stream.contains("data: 1\n\n"))
    }
}
