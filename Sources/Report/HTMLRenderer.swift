import CommonMark
import Foundation
import MLPlot
public import Notebook

/// Renders an executed notebook as one self-contained HTML file: inline CSS and SVG, no
/// scripts, no external resources.
public struct HTMLRenderer: Sendable {
    private let templates: TemplateSet
    private let siteNavigation: String

    /// Creates a renderer using `templates`.
    ///
    /// - Parameters:
    ///   - templates: The report templates.
    ///   - siteNavigation: The navigation bar of a site's pages (``Site/navigation(_:current:siteTitle:)``);
    ///     empty for a report on its own.
    public init(templates: TemplateSet = .standard, siteNavigation: String = "") {
        self.templates = templates
        self.siteNavigation = siteNavigation
    }

    /// Renders `document`.
    ///
    /// - Throws: ``TemplateError`` when the template is malformed.
    public func render(_ document: ExecutedNotebook) throws -> RenderedReport {
        var body = ""
        let numbers = TemplateVariables.sectionNumbers(document)
        for block in document.blocks {
            switch block {
            case .heading(let heading):
                body += Self.heading(heading, number: numbers[heading.id])
            case .prose(let markdown):
                body += MarkdownRenderer.render(markdown, as: .html, smart: true)
            case .cell(let cell):
                body += Self.cell(cell)
            }
        }
        let context = TemplateVariables.context(
            document,
            .init(
                escape: Escape.html, markdown: { MarkdownRenderer.render($0, as: .html, smart: true) },
                authorSeparator: ", ", toc: Self.toc(document, numbers: numbers), body: body,
                appendix: Self.appendix(document.reproducibility), siteNav: siteNavigation))
        let html = try templates.render(.html, context)
        return RenderedReport(main: .init(path: document.name + ".html", contents: html))
    }

    static func heading(_ heading: DocumentHeading, number: String? = nil) -> String {
        let html = MarkdownRenderer.render(heading.markdown, as: .html, smart: true)
        let open = "<h\(heading.level)>"
        guard html.hasPrefix(open) else { return html }
        let numberSpan = number.map { "<span class=\"header-section-number\">\($0)</span> " } ?? ""
        let anchor = "<a class=\"anchor\" href=\"#\(heading.id)\" aria-hidden=\"true\">#</a>"
        var rest = html.dropFirst(open.count)
        let close = "</h\(heading.level)>"
        if let end = rest.range(of: close) {
            rest = rest[..<end.lowerBound] + anchor + rest[end.lowerBound...]
        }
        return "<h\(heading.level) id=\"\(heading.id)\">" + numberSpan + rest
    }

    static func toc(_ document: ExecutedNotebook, numbers: [String: String] = [:]) -> String {
        let headings = TemplateVariables.tocHeadings(document)
        guard let top = headings.map(\.level).min() else { return "" }
        var html = ""
        var depth = 0
        for heading in headings {
            let level = heading.level - top + 1
            while depth < level {
                html += "<ul>"
                depth += 1
            }
            while depth > level {
                html += "</li></ul>"
                depth -= 1
            }
            if html.hasSuffix("</a>") { html += "</li>" }
            let number = numbers[heading.id].map { "<span class=\"header-section-number\">\($0)</span> " } ?? ""
            html += "<li><a href=\"#\(heading.id)\">\(number)\(Escape.html(heading.plainText))</a>"
        }
        while depth > 0 {
            html += "</li></ul>"
            depth -= 1
        }
        return html
    }

    static func cell(_ cell: ExecutedCell) -> String {
        let outputs = cell.visibleOutputs
        guard cell.showsCode || !outputs.isEmpty else { return "" }
        var html = "<div class=\"cell\" id=\"cell-\(cell.index + 1)\">\n"
        if cell.showsCode {
            html += "<pre class=\"code\"><code class=\"language-swiftml\">\(Highlighter.html(cell.code))</code></pre>\n"
        }
        for output in outputs {
            html += Self.output(output)
        }
        return html + "</div>\n"
    }

    static func output(_ output: Output) -> String {
        switch output {
        case .table(let table): return Self.table(table)
        case .figure(let figure):
            var html = "<figure id=\"\(Escape.html(figure.id))\">\n" + figure.figure.svg(id: figure.id) + "\n"
            html += "<figcaption><span class=\"fig-number\">Figure \(figure.number)</span>"
            if let caption = figure.caption { html += ": " + Escape.html(caption) }
            return html + "</figcaption>\n</figure>\n"
        case .metrics(let cards):
            var html = "<div class=\"metrics\">"
            for card in cards {
                html += "<div class=\"metric\"><div class=\"metric-value\">\(Escape.html(card.value))</div>"
                html += "<div class=\"metric-label\">\(Escape.html(card.label))</div></div>"
            }
            return html + "</div>\n"
        case .profile(let profile):
            return Self.profile(profile)
        case .text(let text):
            return "<pre class=\"output\">\(Escape.html(text))</pre>\n"
        case .warning(let text):
            return "<div class=\"callout warning\" role=\"note\"><strong>Warning</strong> \(Escape.html(text))</div>\n"
        case .error(let text):
            return
                "<div class=\"callout error\" role=\"alert\"><strong>Error</strong> <code>\(Escape.html(text))</code></div>\n"
        }
    }

    static func profile(_ profile: ProfileOutput) -> String {
        var html = "<div class=\"table profile\">\n"
        for note in profile.notes { html += "<p class=\"table-note\">\(Escape.html(note))</p>\n" }
        html += "<div class=\"table-scroll\"><table>\n<thead><tr><th>column</th><th>type</th>"
        html +=
            "<th class=\"num\">missing</th><th class=\"num\">distinct</th><th>summary</th><th>distribution</th></tr></thead>\n<tbody>\n"
        for (i, row) in profile.rows.enumerated() {
            html += "<tr><td><strong>\(Escape.html(row.name))</strong>"
            for flag in row.flags { html += " <span class=\"flag\">\(Escape.html(flag))</span>" }
            html += "</td><td>\(Escape.html(row.type))</td><td class=\"num\">\(Escape.html(row.missing))</td>"
            html +=
                "<td class=\"num\">\(Escape.html(row.distinct))</td><td>\(Escape.html(row.summary))</td><td class=\"spark\">"
            if let sparkline = row.sparkline { html += sparkline.svg(id: "spark-\(i + 1)-\(profile.rows.count)") }
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        for warning in profile.warnings {
            html +=
                "<div class=\"callout warning\" role=\"note\"><strong>Warning</strong> \(Escape.html(warning))</div>\n"
        }
        return html + "</div>\n"
    }

    static func table(_ table: TableOutput) -> String {
        var html = ""
        if let id = table.id {
            html += "<div class=\"table\" id=\"\(Escape.html(id))\">\n"
        } else {
            html += "<div class=\"table\">\n"
        }
        html += "<div class=\"table-scroll\"><table>\n"
        if let number = table.number {
            html += "<caption><span class=\"tbl-number\">Table \(number)</span>"
            if let caption = table.caption { html += ": " + Escape.html(caption) }
            html += "</caption>\n"
        }
        html += "<thead><tr>"
        for column in table.columns {
            html += column.isNumeric ? "<th class=\"num\">" : "<th>"
            html += Escape.html(column.name) + "</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (i, cell) in row.enumerated() {
                let numeric = i < table.columns.count && table.columns[i].isNumeric
                if let cell {
                    html += (numeric ? "<td class=\"num\">" : "<td>") + Escape.html(cell) + "</td>"
                } else {
                    html += "<td class=\"missing\">—</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        if let note = table.note { html += "<p class=\"table-note\">\(Escape.html(note))</p>\n" }
        return html + "</div>\n"
    }

    static func appendix(_ info: Reproducibility) -> String {
        var html = "<dl>\n"
        for (label, value) in info.entries {
            html += "<dt>\(Escape.html(label))</dt><dd>\(Escape.html(value))</dd>\n"
        }
        html += "</dl>\n"
        if !info.files.isEmpty {
            html += "<div class=\"table-scroll\"><table class=\"files\">\n"
            html += "<thead><tr><th>File</th><th class=\"num\">Rows</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
            for file in info.files {
                html += "<tr><td>\(Escape.html(file.path))</td><td class=\"num\">\(file.rows)</td>"
                html += "<td><code class=\"hash\">\(file.sha256)</code></td></tr>\n"
            }
            html += "</tbody>\n</table></div>\n"
        }
        return html
    }
}
