import Foundation
import Testing

/// Every notebook in notebooks/, rendered end to end through the command line.
private let notebooks: [String] = {
    let folder = packageRoot.appendingPathComponent("notebooks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted()
}()

@Suite(.serialized) struct NotebookRenderTests {
    @Test(arguments: notebooks)
    func everyNotebookRendersToThreeFormatsTheSameBytesTwice(name: String) throws {
        let out1 = try temporaryFolder("render1")
        let out2 = try temporaryFolder("render2")
        defer {
            try? FileManager.default.removeItem(at: out1)
            try? FileManager.default.removeItem(at: out2)
        }
        let first = try swiftml(["render", "notebooks/\(name)", "-o", out1.path, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try swiftml(["render", "notebooks/\(name)", "-o", out2.path, "--quiet"])
        #expect(second.status == 0, "\(second.stderr)")
        let base = String(name.dropLast(3))
        for ext in ["html", "md", "tex"] {
            let a = try Data(contentsOf: out1.appendingPathComponent("\(base).\(ext)"))
            let b = try Data(contentsOf: out2.appendingPathComponent("\(base).\(ext)"))
            #expect(a == b, "\(base).\(ext) differs between two renders")
            #expect(!a.isEmpty)
        }
        let html = try String(contentsOf: out1.appendingPathComponent("\(base).html"), encoding: .utf8)
        #expect(!html.contains("class=\"callout error\""), "the notebook rendered an error")
        #expect(!html.contains("<script"), "reports need no JavaScript")
        for external in ["<link", "src=\"http", "@import", "url(http"] {
            #expect(!html.contains(external), "reports load nothing from outside (\(external))")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out1.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: notebooks)
    func everyLaTeXReportCompilesWithPdflatex(name: String) throws {
        guard let pdflatex = which("pdflatex") else {
            print(
                "skipped: pdflatex is not installed (apt-get install texlive-latex-recommended texlive-pictures lmodern)"
            )
            return
        }
        let out = try temporaryFolder("latex")
        defer { try? FileManager.default.removeItem(at: out) }
        let render = try swiftml(["render", "notebooks/\(name)", "-o", out.path, "--to", "latex", "--quiet"])
        #expect(render.status == 0, "\(render.stderr)")
        let base = String(name.dropLast(3))
        let latex = try run(
            pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "\(base).tex"], in: out,
            timeout: 120)
        #expect(latex.status == 0, "pdflatex failed:\n\(latex.output.suffix(3000))")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(base).pdf").path))

        // The first page as a reader sees it: an image of real content.
        guard let pdftoppm = which("pdftoppm") else {
            print("skipped the page image: pdftoppm is not installed (apt-get install poppler-utils)")
            return
        }
        // -singlefile: the file is page.png whatever the page count (else page-1.png, or page-01.png from 10 pages).
        let page = try run(
            pdftoppm, ["-png", "-f", "1", "-l", "1", "-singlefile", "-r", "60", "\(base).pdf", "page"], in: out)
        #expect(page.status == 0, "\(page.output)")
        let image = try Data(contentsOf: out.appendingPathComponent("page.png"))
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(image.count > 10_000, "the first page looks empty (\(image.count) bytes)")
    }

    /// The HTML opens in a real browser: headless Chromium loads it and takes a screenshot with content.
    @Test(arguments: notebooks)
    func everyHTMLReportOpensInHeadlessChromium(name: String) throws {
        guard let chromium = which("chromium") ?? which("chromium-browser") ?? which("google-chrome") else {
            print("skipped: chromium is not installed (apt-get install chromium)")
            return
        }
        let out = try temporaryFolder("chromium")
        defer { try? FileManager.default.removeItem(at: out) }
        let render = try swiftml(["render", "notebooks/\(name)", "-o", out.path, "--to", "html", "--quiet"])
        #expect(render.status == 0, "\(render.stderr)")
        let base = String(name.dropLast(3))
        let page = out.appendingPathComponent("\(base).html")
        let shot = out.appendingPathComponent("\(base).png")
        let browser = try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900",
                "--user-data-dir=\(out.appendingPathComponent("profile").path)", "--screenshot=\(shot.path)",
                page.absoluteString,
            ], in: out, timeout: 90)
        #expect(browser.status == 0, "\(browser.output.suffix(2000))")
        let image = try Data(contentsOf: shot)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(image.count > 30_000, "the screenshot looks empty (\(image.count) bytes)")
    }
}

/// Runs `tool` with `arguments` in `folder` and returns its exit status and its output (standard output and
/// error together); a run that takes longer than `timeout` seconds is stopped and fails with status −1.
private func run(_ tool: String, _ arguments: [String], in folder: URL, timeout: Double = 60) throws
    -> (status: Int32, output: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    // Output goes to a file, not a pipe: a chatty tool never blocks on a full pipe while we wait for it.
    let log = folder.appendingPathComponent(".run-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
    }
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return (process.isRunning || process.terminationReason == .uncaughtSignal ? -1 : process.terminationStatus, output)
}
