import Foundation
import Testing

/// Front-matter document options (`toc`, `toc-depth`, `number-sections`, `subtitle`, `template`) and user
/// templates, as a report author uses them from the command line.
@Suite struct DocumentOptionTests {
    /// Writes `notebook` as `nb.md` in a fresh folder, renders it to all three formats, and returns the reports.
    private func render(_ notebook: String, extraFiles: [String: String] = [:], arguments: [String] = []) throws
        -> (status: Int32, stderr: String, html: String, markdown: String, latex: String)
    {
        let folder = try temporaryFolder("docopts")
        defer { try? FileManager.default.removeItem(at: folder) }
        try notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        for (path, text) in extraFiles {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try swiftml(["render", "nb.md", "-o", "out", "-q"] + arguments, in: folder)
        func read(_ name: String) -> String {
            (try? String(contentsOf: folder.appendingPathComponent("out/" + name), encoding: .utf8)) ?? ""
        }
        return (result.status, result.stderr, read("nb.html"), read("nb.md"), read("nb.tex"))
    }

    private let sections = """
        # Data

        Some text.

        ## Cleaning

        ### Details

        # Models

        More text.

        """

    @Test func sectionsAreNumberedInEveryFormatWhenAsked() throws {
        let report = try render("---\ntitle: Numbered\nnumber-sections: true\n---\n\n" + sections)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.html.contains(#"<h2 id="cleaning"><span class="header-section-number">1.1</span> "#))
        #expect(report.html.contains(#"<span class="header-section-number">2</span> Models"#))
        #expect(report.markdown.contains("## 1.1 Cleaning"))
        #expect(report.markdown.contains("### 1.1.1 Details"))
        #expect(report.markdown.contains("- [2 Models](#models)"))
        // LaTeX numbers sections itself unless told not to.
        #expect(!report.latex.contains("\\setcounter{secnumdepth}{0}"))
    }

    @Test func sectionsAreNotNumberedByDefault() throws {
        let report = try render("---\ntitle: Plain\n---\n\n" + sections)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.html.contains("header-section-number\">"))
        #expect(report.markdown.contains("## Cleaning"))
        #expect(report.latex.contains("\\setcounter{secnumdepth}{0}"))
    }

    @Test func tableOfContentsFollowsTocAndTocDepth() throws {
        let shallow = try render("---\ntitle: T\ntoc-depth: 1\n---\n\n" + sections)
        #expect(shallow.status == 0, "\(shallow.stderr)")
        #expect(shallow.markdown.contains("**Contents**"))
        #expect(shallow.markdown.contains("- [Models](#models)"))
        #expect(!shallow.markdown.contains("(#cleaning)"))
        #expect(shallow.html.contains(#"<nav class="toc""#))
        #expect(!shallow.html.contains(##"<a href="#cleaning">"##))
        #expect(shallow.latex.contains("\\setcounter{tocdepth}{1}\n\\tableofcontents"))

        let none = try render("---\ntitle: T\ntoc: false\n---\n\n" + sections)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!none.html.contains(#"<nav class="toc""#))
        #expect(!none.markdown.contains("**Contents**"))
        #expect(!none.latex.contains("\\tableofcontents"))
    }

    @Test func subtitleShowsUnderTheTitle() throws {
        let report = try render("---\ntitle: Main\nsubtitle: A <careful> look & more\n---\n\nText.\n")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.html.contains(#"<p class="subtitle">A &lt;careful&gt; look &amp; more</p>"#))
        #expect(report.latex.contains("\\large A \\textless{}careful\\textgreater{} look \\& more }"))
        #expect(report.markdown.contains("*A &lt;careful&gt; look &amp; more*"))
    }

    @Test func badOptionValuesAreErrorsAtTheirLine() throws {
        let report = try render("---\ntitle: T\nnumber-sections: maybe\ntoc-depth: 9\n---\n\nText.\n")
        #expect(report.status == 1)
        #expect(report.stderr.contains("nb.md:3:"))
        #expect(report.stderr.contains("'number-sections' must be true or false"))
    }

    @Test func frontMatterTemplateFolderIsUsedAndCheckedLineByLine() throws {
        let template = "TITLE={{{title}}}\nBODY={{{body}}}\n"
        let report = try render(
            "---\ntitle: Mine\ntemplate: tpl\nformat: md\n---\n\nHello.\n",
            extraFiles: ["tpl/md/report.mustache": template])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.markdown.hasPrefix("TITLE=Mine\nBODY=Hello."))

        let misspelt = try render(
            "---\ntitle: Mine\ntemplate: tpl\n---\n\nHello.\n",
            extraFiles: ["tpl/html/report.mustache": "<html>\n<h1>{{{title}}}</h1>\n{{#hasAuthor}}x{{/hasAuthor}}\n"])
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("tpl/html/report.mustache:3: unknown template variable 'hasAuthor'"))
        #expect(misspelt.stderr.contains("did you mean 'hasAuthors'?"))
    }

    @Test func commandLineTemplateWinsOverTheFrontMatter() throws {
        let report = try render(
            "---\ntitle: Mine\ntemplate: missing-folder\nformat: md\n---\n\nHello.\n",
            extraFiles: ["cli/md/report.mustache": "CLI {{{title}}}\n"], arguments: ["--template", "cli"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.markdown == "CLI Mine\n")
    }
}
