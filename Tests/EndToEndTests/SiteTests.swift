import Foundation
import Testing

/// `swiftml site`: pages, index, navigation, links and references between notebooks, sitemap, incremental runs.
@Suite struct SiteTests {
    static let flowers = """
        ---
        title: Flowers & <petals>
        date: 2026-01-02
        description: Petal sizes by species.
        ---

        ```swiftml
        d = load "data/iris.csv", target: species
        train, test = split d, test: 0.3, seed: 1
        m = fit logistic, on: train
        evaluate m, on: test
        show "Accuracy", m.test.accuracy
        ```

        ```swiftml
        #| label: fig-petals
        scatter d, x: petal_length_cm, y: petal_width_cm, color: species
        ```

        """

    static let notes = """
        ---
        title: Notes
        ---

        # Notes

        See the [flowers report](flowers.md#fig-petals) and its scatter (@flowers.md#fig-petals).

        ```swiftml
        other = load "data/other.csv"
        histogram other, x: a
        ```

        """

    /// A folder `site/` with two notebooks and their data.
    private func project() throws -> URL {
        let root = try temporaryFolder("site")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Self.flowers.write(to: site.appendingPathComponent("flowers.md"), atomically: true, encoding: .utf8)
        try Self.notes.write(to: site.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("notebooks/data/iris.csv"),
            to: site.appendingPathComponent("data/iris.csv"))
        try "a,b\n1,2\n3,4\n".write(
            to: site.appendingPathComponent("data/other.csv"), atomically: true, encoding: .utf8)
        return root
    }

    private func site(_ root: URL, _ output: String = "out", _ extra: [String] = []) throws -> RunResult {
        try swiftml(["site", "site", "-o", output] + extra, in: root)
    }

    private func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func rendersPagesIndexNavigationAndSitemap() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try site(root, "out", ["--title", "Lab <reports>", "--site-url", "https://example.org/r"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("site: 2 pages (2 rendered, 0 unchanged)"))

        let index = try read(root, "out/index.html")
        #expect(index.contains("<title>Lab &lt;reports&gt;</title>"))
        #expect(index.contains(#"<h2><a href="flowers.html">Flowers &amp; &lt;petals&gt;</a></h2>"#))
        #expect(index.contains(#"<p class="report-date">2026-01-02</p>"#))
        #expect(index.contains("Petal sizes by species."))
        #expect(index.contains(#"<div class="metric-label">Accuracy</div>"#))
        #expect(index.contains(#"<a class="site-home" href="index.html" aria-current="page">"#))

        let flowers = try read(root, "out/flowers.html")
        #expect(flowers.contains(#"<nav class="site-nav" aria-label="Reports">"#))
        #expect(
            flowers.contains(#"<li><a href="flowers.html" aria-current="page">Flowers &amp; &lt;petals&gt;</a></li>"#))
        #expect(flowers.contains(#"<li><a href="notes.html">Notes</a></li>"#))

        let notes = try read(root, "out/notes.html")
        // A link to a notebook points at its page; a reference names the other report's figure.
        #expect(notes.contains(#"<a href="flowers.html#fig-petals">flowers report</a>"#))
        #expect(
            notes.contains(#"<a href="flowers.html#fig-petals">Figure 1 of <em>Flowers &amp; &lt;petals&gt;</em></a>"#))

        // Every rendered page is recorded in the run registry, unless --no-record.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/runs.sqlite").path))
        #expect(try site(root, "quiet", ["--no-record"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("quiet/runs.sqlite").path))

        let sitemap = try read(root, "out/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/r/index.html</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/r/notes.html</loc>"))
    }

    @Test func theSameFolderGivesTheSameBytes() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try site(root, "one").status == 0)
        #expect(try site(root, "two").status == 0)
        for file in ["index.html", "flowers.html", "notes.html", "sitemap.xml"] {
            #expect(try read(root, "one/\(file)") == read(root, "two/\(file)"), "\(file)")
        }
    }

    @Test func aSecondRunRendersOnlyWhatChanged() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try site(root).status == 0)
        let second = try site(root)
        #expect(second.stderr.contains("site: 2 pages (0 rendered, 2 unchanged)"), "\(second.stderr)")

        // One byte of the data `notes.md` reads: only that page.
        try "a,b\n1,2\n3,5\n".write(
            to: root.appendingPathComponent("site/data/other.csv"), atomically: true, encoding: .utf8)
        let third = try site(root)
        #expect(third.stderr.contains("site: 2 pages (1 rendered, 1 unchanged)"), "\(third.stderr)")

        // A change to flowers.md renders it and notes.md, which refers to its figure.
        let edited = Self.flowers.replacingOccurrences(of: "seed: 1", with: "seed: 2")
        try edited.write(to: root.appendingPathComponent("site/flowers.md"), atomically: true, encoding: .utf8)
        let fourth = try site(root)
        #expect(fourth.stderr.contains("site: 2 pages (2 rendered, 0 unchanged)"), "\(fourth.stderr)")

        // A notebook that leaves the folder leaves the site.
        try FileManager.default.removeItem(at: root.appendingPathComponent("site/notes.md"))
        let fifth = try site(root)
        #expect(fifth.status == 0, "\(fifth.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/notes.html").path))
        #expect(!(try read(root, "out/index.html")).contains("notes.html"))
    }

    @Test func aNotebooksOwnTemplateFolderIsUsedForItsPage() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let own = Self.notes.replacingOccurrences(of: "title: Notes\n", with: "title: Notes\ntemplate: tpl\n")
        try own.write(to: root.appendingPathComponent("site/notes.md"), atomically: true, encoding: .utf8)
        let tpl = root.appendingPathComponent("site/tpl/html")
        try FileManager.default.createDirectory(at: tpl, withIntermediateDirectories: true)
        try "OWN {{{title}}} {{{siteNav}}}\n".write(
            to: tpl.appendingPathComponent("report.mustache"), atomically: true, encoding: .utf8)
        #expect(try site(root).status == 0)
        #expect(try read(root, "out/notes.html").hasPrefix("OWN Notes <a class=\"site-home\""))
        #expect(try read(root, "out/flowers.html").hasPrefix("<!DOCTYPE html>"))
        // Editing that template renders that page again.
        try "MINE {{{title}}}\n".write(
            to: tpl.appendingPathComponent("report.mustache"), atomically: true, encoding: .utf8)
        let second = try site(root)
        #expect(second.stderr.contains("site: 2 pages (1 rendered, 1 unchanged)"), "\(second.stderr)")
        #expect(try read(root, "out/notes.html") == "MINE Notes\n")
    }

    @Test func aBadReferenceIsAnErrorAtItsLineWithASuggestion() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let bad = Self.notes.replacingOccurrences(of: "(@flowers.md#fig-petals)", with: "(@flowers.md#fig-petal)")
        try bad.write(to: root.appendingPathComponent("site/notes.md"), atomically: true, encoding: .utf8)
        let result = try site(root)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "site/notes.md:7:66: error: 'flowers.md' has no figure or table 'fig-petal'; did you mean 'fig-petals'?"
            ),
            "\(result.stderr)")
        // The other page is written; the index lists only what rendered.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/flowers.html").path))
    }

    @Test func renderResolvesReferencesAmongNotebooksRenderedTogether() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let together = try swiftml(["render", "site", "-o", "out", "-q", "--to", "html"], in: root)
        #expect(together.status == 0, "\(together.stderr)")
        let notes = try read(root, "out/notes.html")
        #expect(
            notes.contains(#"<a href="flowers.html#fig-petals">Figure 1 of <em>Flowers &amp; &lt;petals&gt;</em></a>"#))
        // Alone, the other notebook is linked by its title (it is read, not run).
        let alone = try swiftml(["render", "site/notes.md", "-o", "alone", "-q", "--to", "html"], in: root)
        #expect(alone.status == 0, "\(alone.stderr)")
        let page = try read(root, "alone/notes.html")
        #expect(page.contains(#"<a href="flowers.html#fig-petals"><em>Flowers &amp; &lt;petals&gt;</em></a>"#))
    }
}
