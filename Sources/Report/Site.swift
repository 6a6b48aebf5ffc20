import CommonMark
import Foundation
import MLData
public import Notebook

/// What a site knows of one page without running its notebook again.
///
/// It is enough for the index, the navigation bar and references from other pages, and is kept in the site's
/// manifest between runs.
public struct PageSummary: Sendable, Hashable, Codable {
    /// The notebook's file name, such as `iris.md` (pages sit side by side in the site folder).
    public var notebook: String
    /// The page's file name, such as `iris.html`.
    public var page: String
    /// The title.
    public var title: String
    /// The front matter's date.
    public var date: String?
    /// The front matter's description (CommonMark).
    public var description: String?
    /// The headline metrics: the cards of the notebook's first `show` block, as (label, value).
    public var metrics: [Metric]
    /// The page's figure and table labels with their names: `fig-confusion` → `Figure 2`.
    public var targets: [String: String]

    /// One headline metric.
    public struct Metric: Sendable, Hashable, Codable {
        public var label: String
        public var value: String
    }

    /// Summarises an executed notebook whose source file is `notebook`.
    public init(_ document: ExecutedNotebook, notebook: String) {
        self.notebook = notebook
        page = Site.pageName(of: notebook)
        title = document.title
        date = document.frontMatter.date
        description = document.frontMatter.description
        var metrics: [Metric] = []
        var targets: [String: String] = [:]
        for block in document.blocks {
            guard case .cell(let cell) = block else { continue }
            for output in cell.outputs {
                switch output {
                case .metrics(let cards) where metrics.isEmpty:
                    metrics = cards.map { Metric(label: $0.label, value: $0.value) }
                case .figure(let figure): targets[figure.id] = "Figure \(figure.number)"
                case .table(let table):
                    if let id = table.id, let number = table.number { targets[id] = "Table \(number)" }
                default: break
                }
            }
        }
        self.metrics = metrics
        self.targets = targets
    }
}

/// A static site of reports: one HTML page per notebook, a shared navigation bar, an index page and a sitemap.
public enum Site {
    /// `iris.md` → `iris.html`.
    public static func pageName(of notebook: String) -> String {
        (notebook.hasSuffix(".md") ? String(notebook.dropLast(3)) : notebook) + ".html"
    }

    /// The navigation bar shared by every page (and the index): the site's name, then each report by title.
    ///
    /// Reports that share a title are told apart by their file names: `Iris species (iris-2)`.
    ///
    /// - Parameters:
    ///   - pages: Every page, in site order.
    ///   - current: The page being rendered (`index.html` for the index), marked `aria-current`.
    ///   - siteTitle: The name of the site, linking to the index.
    /// - Returns: The bar's HTML (a home link and a list), for the template's `siteNav`.
    public static func navigation(_ pages: [PageSummary], current: String, siteTitle: String) -> String {
        var html =
            "<a class=\"site-home\" href=\"index.html\"\(current == "index.html" ? " aria-current=\"page\"" : "")>"
        html += Escape.html(siteTitle) + "</a>\n<ul>\n"
        let titleCounts = Dictionary(pages.map { ($0.title, 1) }, uniquingKeysWith: +)
        for page in pages {
            let mark = page.page == current ? " aria-current=\"page\"" : ""
            var label = Escape.html(page.title)
            if titleCounts[page.title, default: 0] > 1 {
                let file = page.page.hasSuffix(".html") ? String(page.page.dropLast(5)) : page.page
                label += " <span class=\"site-file\">(\(Escape.html(file)))</span>"
            }
            html += "<li><a href=\"\(Escape.html(page.page))\"\(mark)>\(label)</a></li>\n"
        }
        return html + "</ul>"
    }

    /// A cross-document reference in prose: `@iris.md#fig-confusion`.
    struct Reference {
        var notebook: String
        var label: String
        var range: Range<String.Index>
    }

    /// The notebooks that `text` references with `@NOTEBOOK.md#label`, in order of first reference.
    public static func referencedNotebooks(in text: String) -> [String] {
        var seen = Set<String>()
        return references(in: text).map(\.notebook).filter { seen.insert($0).inserted }
    }

    /// The titles of the notebooks `text` references that are not in `rendered`, read (not run) from `directory`.
    ///
    /// They are what ``resolvingReferences(in:source:pages:titles:)`` links to when a notebook is rendered
    /// alone. Notebooks that cannot be read are left out (their references are then errors).
    public static func titlesOfReferencedNotebooks(
        in text: String, directory: String, rendered: some Collection<String>
    ) -> [String: String] {
        var titles: [String: String] = [:]
        for file in referencedNotebooks(in: text) where !rendered.contains(file) {
            let path = NotebookPath.resolve(file, from: directory)
            guard let data = FileManager.default.contents(atPath: path), let other = String(data: data, encoding: .utf8)
            else { continue }
            titles[file] = Notebook.parse(other, path: path).0.title ?? String(file.dropLast(3))
        }
        return titles
    }

    /// Every cross-document reference in `text`.
    ///
    /// The text may be CommonMark that cmark wrote, which escapes `#` and `_` with a backslash; the
    /// backslashes are not part of the names.
    static func references(in text: String) -> [Reference] {
        let pattern =
            /@((?:[A-Za-z0-9]|\\?[_.\-])+\.md)\\?#((?:fig|tbl)-(?:[A-Za-z0-9]|\\?[_\-])*[A-Za-z0-9])/
        return text.matches(of: pattern).map { match in
            Reference(
                notebook: String(match.1).replacing("\\", with: ""), label: String(match.2).replacing("\\", with: ""),
                range: match.range)
        }
    }

    /// Replaces the cross-document references in `document`'s prose by links to the figure or table they name,
    /// such as `[Figure 2 of *Iris*](iris.md#fig-confusion)` (which ``rewriteLinks(_:notebooks:)`` then points
    /// at `iris.html`).
    ///
    /// - Parameters:
    ///   - document: An executed notebook of the site.
    ///   - source: The notebook's text, to find the line and column of a bad reference.
    ///   - pages: Every page of the site, by notebook file name.
    ///   - titles: Notebooks that exist but were not run with this one (a `render` of a single notebook), by
    ///     file name, with their titles: a reference to one of them links to it by title, without a number.
    /// - Returns: The document with links in place of references.
    /// - Throws: ``DiagnosticList`` naming `file:line:column` for a reference to a notebook the site lacks or a
    ///   label that notebook does not define, with the nearest one suggested.
    public static func resolvingReferences(
        in document: ExecutedNotebook, source: String, pages: [String: PageSummary], titles: [String: String] = [:]
    ) throws -> ExecutedNotebook {
        var resolved = document
        var problems: [Diagnostic] = []
        resolved.blocks = document.blocks.map { block in
            guard case .prose(let markdown) = block else { return block }
            var output = ""
            var rest = markdown[...]
            for reference in references(in: markdown) {
                output += rest[..<reference.range.lowerBound]
                rest = rest[reference.range.upperBound...]
                let written = "@\(reference.notebook)#\(reference.label)"
                let target = "(\(reference.notebook)#\(reference.label))"
                if pages[reference.notebook] == nil, let title = titles[reference.notebook] {
                    output += "[*\(MarkdownRenderer.escapeInline(title))*]" + target
                    continue
                }
                guard let page = pages[reference.notebook] else {
                    problems.append(
                        diagnostic(
                            "unknown notebook '\(reference.notebook)' in '\(written)' (references to other notebooks "
                                + "resolve among the notebooks of a folder rendered together or by swiftml site)",
                            near: reference.notebook,
                            among: pages.keys.filter { $0 != document.name + ".md" }.sorted(), document: document,
                            source: source, written: written))
                    output += written
                    continue
                }
                guard let name = page.targets[reference.label] else {
                    problems.append(
                        diagnostic(
                            "'\(reference.notebook)' has no figure or table '\(reference.label)'",
                            near: reference.label, among: page.targets.keys.sorted(), document: document,
                            source: source, written: written))
                    output += written
                    continue
                }
                output += "[\(name) of *\(MarkdownRenderer.escapeInline(page.title))*]" + target
            }
            return .prose(output + rest)
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return resolved
    }

    private static func diagnostic(
        _ message: String, near name: String, among candidates: [String], document: ExecutedNotebook, source: String,
        written: String
    ) -> Diagnostic {
        var text = message
        if let near = nearestName(to: name, in: candidates) { text += "; did you mean '\(near)'?" }
        // The reference is written verbatim in the notebook: its first occurrence gives the line and column.
        var location = SourceLocation(line: 1, column: 1)
        if let range = source.range(of: written) {
            let before = source[..<range.lowerBound]
            let line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let lineStart = before.lastIndex(of: "\n").map { source.index(after: $0) } ?? source.startIndex
            location = SourceLocation(
                line: line, column: source.utf8.distance(from: lineStart, to: range.lowerBound) + 1)
        }
        return Diagnostic(file: document.path, location: location, message: text)
    }

    /// Points links to notebooks of the site at their pages.
    ///
    /// `href="iris.md"` becomes `href="iris.html"`, fragments kept; links to anything else are left alone.
    public static func rewriteLinks(_ html: String, notebooks: Set<String>) -> String {
        let pattern = /href="(\.\/)?([A-Za-z0-9_][A-Za-z0-9_.\-]*\.md)(#[^"]*)?"/
        return html.replacing(pattern) { match in
            let notebook = String(match.2)
            guard notebooks.contains(notebook) else { return String(match.0) }
            return "href=\"\(pageName(of: notebook))\(match.3 ?? "")\""
        }
    }

    /// The index page's body: a card per report with its title, date, description and headline metrics.
    static func indexBody(_ pages: [PageSummary]) -> String {
        var html = "<div class=\"site-index\">\n"
        for page in pages {
            html += "<article class=\"report-card\">\n"
            html += "<h2><a href=\"\(Escape.html(page.page))\">\(Escape.html(page.title))</a></h2>\n"
            if let date = page.date { html += "<p class=\"report-date\">\(Escape.html(date))</p>\n" }
            if let description = page.description {
                html += MarkdownRenderer.render(description, as: .html, smart: true)
            }
            if !page.metrics.isEmpty {
                html += "<div class=\"metrics\">\n"
                for metric in page.metrics {
                    html += "<div class=\"metric\"><div class=\"metric-value\">\(Escape.html(metric.value))</div>"
                    html += "<div class=\"metric-label\">\(Escape.html(metric.label))</div></div>\n"
                }
                html += "</div>\n"
            }
            html += "</article>\n"
        }
        return html + "</div>\n"
    }

    /// The index page, through the HTML template.
    ///
    /// - Throws: ``TemplateError``.
    public static func indexPage(
        _ pages: [PageSummary], siteTitle: String, version: String, templates: TemplateSet = .standard
    ) throws -> String {
        let context: [String: Any] = [
            "title": Escape.html(siteTitle), "subtitle": "", "authors": [String](), "authorLine": "",
            "hasAuthors": false, "date": "", "description": "", "toc": "", "hasToc": false, "numberSections": false,
            "body": indexBody(pages), "appendix": "", "generator": Escape.html("swiftml " + version),
            "siteNav": navigation(pages, current: "index.html", siteTitle: siteTitle), "hasSiteNav": true,
        ]
        return try templates.render(.html, context)
    }

    /// The sitemap (sitemaps.org protocol): the index and every page, in site order.
    ///
    /// - Parameters:
    ///   - pages: Every page.
    ///   - baseURL: The site's address, such as `https://example.org/reports/`; without one the locations are
    ///     relative (crawlers want absolute ones: pass `--site-url`).
    /// - Returns: The XML text.
    public static func sitemap(_ pages: [PageSummary], baseURL: String?) -> String {
        let base = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in ["index.html"] + pages.map(\.page) {
            xml += "  <url><loc>\(Escape.html(base + page))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
