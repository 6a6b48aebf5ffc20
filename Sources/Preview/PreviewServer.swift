import Foundation
public import Hummingbird
import Notebook
import Report

/// The page `swiftml preview` shows, and the browsers waiting to hear that it changed.
///
/// Every render bumps ``version`` and wakes every `/events` stream, whose page then reloads itself.
public actor PreviewState {
    /// The current page (the report, or an error page), with the reload script.
    public private(set) var page: String
    /// How many times the page has been replaced.
    public private(set) var version = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    /// Creates the state with a first page.
    public init(page: String) {
        self.page = page
    }

    /// Replaces the page and tells every listener.
    public func update(_ page: String) {
        self.page = page
        version += 1
        for listener in listeners.values { listener.yield(version) }
    }

    /// A stream of page versions, from the next change on; it ends when the listener goes away.
    public func changes() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    /// The number of open `/events` streams.
    public var listenerCount: Int { listeners.count }

    private func removeListener(_ id: UUID) {
        listeners[id] = nil
    }
}

/// The HTTP side of `swiftml preview`.
///
/// It serves the page at `/`, server-sent events at `/events`, and a JSON 404 for anything else, on the
/// loopback address only.
public enum PreviewServer {
    /// The script added to previewed pages (never to written reports): reload when the server says so.
    static let reloadScript = """
        <script>new EventSource("/events").onmessage = function () { location.reload(); };</script>
        """

    /// `html` with the reload script before `</body>`.
    public static func withReloadScript(_ html: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + reloadScript }
        return html.replacingCharacters(in: end, with: reloadScript + "\n</body>")
    }

    /// A page showing why the notebook did not render, each problem as `file:line:column: error: …`.
    public static func errorPage(_ message: String, notebook: String) -> String {
        let escaped = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return withReloadScript(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>swiftml preview: error</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328}
            pre{background:#ffebe9;border-left:4px solid #cf222e;padding:1rem;white-space:pre-wrap}</style>
            </head><body><h1>\(notebook) did not render</h1>
            <p>Fix the notebook and save it: this page reloads itself.</p>
            <pre class="error">\(escaped)</pre>
            </body></html>
            """)
    }

    /// The routes.
    public static func router(_ state: PreviewState) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ -> Response in
            let page = await state.page
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        router.get("/events") { _, _ -> Response in
            let changes = await state.changes()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    // A comment first, so the browser knows the stream is open.
                    try await writer.write(ByteBuffer(string: ": swiftml preview\n\n"))
                    for await version in changes {
                        try await writer.write(ByteBuffer(string: "data: \(version)\n\n"))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/**") { request, _ -> Response in
            let path = request.uri.path
            let body = "{\"error\":\"not found\",\"path\":\(jsonString(path)),\"pages\":[\"/\",\"/events\"]}"
            return Response(
                status: .notFound, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
