import Foundation
import Testing

@testable import Notebook
@testable import Report

/// The folder of this test file.
private let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Runs the fixture notebook `name` from `Fixtures/`.
func executeFixture(_ name: String) throws -> ExecutedNotebook {
    let path = here.appendingPathComponent("Fixtures/\(name).md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let (notebook, problems) = Notebook.parse(text, path: "\(name).md")
    #expect(problems.isEmpty, "\(problems)")
    return try Executor.run(
        notebook, directory: here.appendingPathComponent("Fixtures").path,
        options: RunOptions(version: "0.0.0-test"))
}

/// Compares `actual` with `Goldens/<name>`; `RECORD_GOLDENS=1` rewrites the file instead.
func assertGolden(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws
{
    let url = here.appendingPathComponent("Goldens/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file Goldens/\(name); run with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < e.count ? String(e[line]) : "<end>"
        let message =
            "Goldens/\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n"
            + "re-record with RECORD_GOLDENS=1 if the change is intended"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

@Suite struct ReportGoldenTests {
    @Test func htmlMatchesItsGoldenFile() throws {
        let report = try HTMLRenderer().render(try executeFixture("tiny"))
        try assertGolden(report.main.contents, named: "tiny.html")
    }

    @Test func markdownMatchesItsGoldenFileAndWritesFigureFiles() throws {
        let report = try MarkdownReportRenderer().render(try executeFixture("tiny"))
        try assertGolden(report.main.contents, named: "tiny.md")
        #expect(report.attachments.map(\.path) == ["tiny_files/fig-size.svg"])
        #expect(report.main.contents.contains("](tiny_files/fig-size.svg)"))
    }

    @Test func latexMatchesItsGoldenFile() throws {
        let report = try LaTeXRenderer().render(try executeFixture("tiny"))
        try assertGolden(report.main.contents, named: "tiny.tex")
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let first = try Report.render(try executeFixture("tiny"), formats: ReportFormat.allCases)
        let second = try Report.render(try executeFixture("tiny"), formats: ReportFormat.allCases)
        #expect(first == second)
    }
}

@Suite struct EscapingTests {
    @Test func dataCellsAreEscapedInHTML() throws {
        let html = try HTMLRenderer().render(try executeFixture("tiny")).main.contents
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>that must not pass</b>"))
        #expect(html.contains("<title>Escaping &lt;&amp;&gt; and $pecial_chars</title>"))
    }

    @Test func dataCellsAreEscapedInLaTeX() throws {
        let latex = try LaTeXRenderer().render(try executeFixture("tiny")).main.contents
        #expect(latex.components(separatedBy: "\\end{document}").count == 2)
        #expect(latex.contains("\\textbackslash{}end\\{document\\} \\& 100\\% \\$x\\_1\\$"))
        #expect(latex.contains("snowman [U+2603]"))
    }

    @Test func dataCellsAreEscapedInMarkdown() throws {
        let markdown = try MarkdownReportRenderer().render(try executeFixture("tiny")).main.contents
        #expect(markdown.contains("pipe \\| star \\* under\\_score"))
        #expect(markdown.contains("&lt;script&gt;"))
    }

    @Test(arguments: [
        ("a<b>&\"'", "a&lt;b&gt;&amp;&quot;&#39;"),
        ("plain", "plain"),
    ])
    func escapesHTML(input: String, expected: String) {
        #expect(Escape.html(input) == expected)
    }

    @Test(arguments: [
        ("\\end{document}", "\\textbackslash{}end\\{document\\}"),
        ("50% of $5 & #1_a^b~", "50\\% of \\$5 \\& \\#1\\_a\\textasciicircum{}b\\textasciitilde{}"),
        ("café ≤ 3 → ✓", "café $\\le$ 3 $\\to$ [U+2713]"),
    ])
    func escapesLaTeX(input: String, expected: String) {
        #expect(Escape.latex(input) == expected)
    }

    @Test func chosesAFenceLongerThanAnyBacktickRun() {
        #expect(Escape.fence(for: "a ``` b") == "````")
        #expect(Escape.fence(for: "plain") == "```")
    }
}

@Suite struct TemplateTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let root = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")
        for (file, embedded) in [
            ("html/report.mustache", DefaultTemplates.html), ("md/report.mustache", DefaultTemplates.markdown),
            ("latex/report.mustache", DefaultTemplates.latex),
        ] {
            let onDisk = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(embedded + "\n" == onDisk, "templates/\(file) changed: run `make templates`")
        }
    }

    @Test func builtInTemplatesUseOnlyDocumentedVariables() throws {
        for (file, source) in [
            ("html", DefaultTemplates.html), ("md", DefaultTemplates.markdown), ("latex", DefaultTemplates.latex),
        ] {
            #expect(throws: Never.self, "\(file)") { try TemplateVariables.check(source, file: file) }
        }
        // docs/templates.md lists exactly the variables the renderers provide.
        let docs = try String(
            contentsOf: here.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/templates.md"), encoding: .utf8)
        for name in TemplateVariables.names { #expect(docs.contains("| `\(name)` |"), "\(name) is not documented") }
    }

    @Test func anUnknownVariableIsAnErrorAtItsTemplateLine() {
        let source = "\\title{ {{{title}}} }\n\n{{#hasAuthors}}\n{{{autors}}}\n{{/hasAuthors}}\n{{! a comment }}\n"
        #expect {
            try TemplateVariables.check(source, file: "t.mustache")
        } throws: { error in
            (error as? TemplateError)?.message.hasPrefix(
                "t.mustache:4: unknown template variable 'autors'; did you mean 'authors'?") == true
        }
        // Names inside a list section, comments and dotted names of known variables are fine.
        #expect(throws: Never.self) {
            try TemplateVariables.check("{{#authors}}{{.}}{{/authors}}{{! x }}{{title.length}}", file: "t")
        }
    }

    @Test func aUserTemplateFolderOverridesTheBuiltInOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftml-tpl-\(getpid())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("md"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "TITLE={{{title}}}\n".write(
            to: folder.appendingPathComponent("md/report.mustache"), atomically: true, encoding: .utf8)
        let templates = try TemplateSet.loading(from: folder.path)
        let report = try MarkdownReportRenderer(templates: templates).render(try executeFixture("tiny"))
        #expect(report.main.contents == "TITLE=Escaping &lt;&amp;&gt; and \\$pecial\\_chars\n")
    }
}
