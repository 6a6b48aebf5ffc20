import CommonMark
import MLPlot
public import Notebook

/// Renders an executed notebook as GitHub-flavoured Markdown, with each figure written as
/// an SVG file in `NAME_files/` and linked, so the report displays on GitHub.
public struct MarkdownReportRenderer: Sendable {
    private let templates: TemplateSet

    /// Creates a renderer using `templates`.
    public init(templates: TemplateSet = .standard) {
        self.templates = templates
    }

    /// Renders `document`.
    ///
    /// - Throws: ``TemplateError`` when the template is malformed.
    public func render(_ document: ExecutedNotebook) throws -> RenderedReport {
        var body = ""
        var attachments: [RenderedReport.File] = []
        let folder = document.name + "_files"
        let numbers = TemplateVariables.sectionNumbers(document)
        let toc = Self.toc(document, numbers: numbers)
        for block in document.blocks {
            switch block {
            case .heading(let heading):
                // An explicit anchor: the table of contents links to the same ids as the HTML report.
                if !toc.isEmpty { body += "<a id=\"\(heading.id)\"></a>\n\n" }
                var markdown = MarkdownRenderer.render(heading.markdown, as: .commonMark)
                if let number = numbers[heading.id] {
                    markdown =
                        String(repeating: "#", count: heading.level) + " " + number
                        + markdown.drop { $0 == "#" }
                }
                body += markdown + "\n"
            case .prose(let markdown):
                body += MarkdownRenderer.render(markdown, as: .commonMark) + "\n"
            case .cell(let cell):
                let outputs = cell.visibleOutputs
                if cell.showsCode {
                    let fence = Escape.fence(for: cell.code)
                    body += "\(fence)swiftml\n\(cell.code)\n\(fence)\n\n"
                }
                for output in outputs {
                    switch output {
                    case .figure(let figure):
                        let file = "\(folder)/\(figure.id).svg"
                        attachments.append(.init(path: file, contents: figure.figure.svg(id: figure.id) + "\n"))
                        var alt = "Figure \(figure.number)"
                        if let caption = figure.caption { alt += ": " + caption }
                        body += "<a id=\"\(Escape.html(figure.id))\"></a>\n\n"
                        body += "![\(Escape.markdown(alt))](\(file))\n\n"
                        body += "*\(Escape.markdown(alt))*\n\n"
                    default:
                        body += Self.output(output)
                    }
                }
            }
        }
        let context = TemplateVariables.context(
            document,
            .init(
                escape: Escape.markdown, markdown: { MarkdownRenderer.render($0, as: .commonMark) },
                authorSeparator: ", ", toc: toc, body: body, appendix: Self.appendix(document.reproducibility)))
        let markdown = try templates.render(.markdown, context)
        return RenderedReport(main: .init(path: document.name + ".md", contents: markdown), attachments: attachments)
    }

    /// The table of contents as a nested list of links to the headings' anchors; empty when there is none.
    static func toc(_ document: ExecutedNotebook, numbers: [String: String]) -> String {
        let headings = TemplateVariables.tocHeadings(document)
        guard let top = headings.map(\.level).min() else { return "" }
        return headings.map { heading in
            let indent = String(repeating: "  ", count: heading.level - top)
            let number = numbers[heading.id].map { $0 + " " } ?? ""
            return "\(indent)- [\(Escape.markdown(number + heading.plainText))](#\(heading.id))\n"
        }.joined()
    }

    static func output(_ output: Output) -> String {
        switch output {
        case .table(let table): return Self.table(table)
        case .figure: return ""
        case .metrics(let cards):
            let header = "| " + cards.map { Escape.markdown($0.label) }.joined(separator: " | ") + " |\n"
            let rule = "|" + String(repeating: "---:|", count: cards.count) + "\n"
            let values = "| " + cards.map { "**\(Escape.markdown($0.value))**" }.joined(separator: " | ") + " |\n"
            return header + rule + values + "\n"
        case .profile(let profile):
            var md = profile.notes.map { "*\(Escape.markdown($0))*\n\n" }.joined()
            md += "| column | type | missing | distinct | summary | distribution |\n|:---|:---|---:|---:|:---|:---|\n"
            for row in profile.rows {
                let name = "**\(Escape.markdownCell(row.name))**" + row.flags.map { " `\($0)`" }.joined()
                let cells = [row.type, row.missing, row.distinct, row.summary].map(Escape.markdownCell)
                md += "| \(name) | " + cells.joined(separator: " | ") + " | `\(row.sparkText)` |\n"
            }
            md += "\n" + profile.warnings.map { "> [!WARNING]\n> \(Escape.markdown($0))\n\n" }.joined()
            return md
        case .text(let text):
            let fence = Escape.fence(for: text)
            return "\(fence)\n\(text)\n\(fence)\n\n"
        case .warning(let text):
            return "> [!WARNING]\n> \(Escape.markdown(text))\n\n"
        case .error(let text):
            return "> [!CAUTION]\n> \(Escape.markdown(text))\n\n"
        }
    }

    static func table(_ table: TableOutput) -> String {
        var md = ""
        if let id = table.id { md += "<a id=\"\(Escape.html(id))\"></a>\n\n" }
        if let number = table.number {
            md += "*Table \(number)"
            if let caption = table.caption { md += ": " + Escape.markdown(caption) }
            md += "*\n\n"
        }
        md +=
            "| " + table.columns.map { $0.name.isEmpty ? " " : Escape.markdownCell($0.name) }.joined(separator: " | ")
            + " |\n"
        md += "|" + table.columns.map { $0.isNumeric ? "---:|" : ":---|" }.joined() + "\n"
        for row in table.rows {
            md += "| " + row.map { $0.map(Escape.markdownCell) ?? "—" }.joined(separator: " | ") + " |\n"
        }
        if let note = table.note { md += "\n*\(Escape.markdown(note))*\n" }
        return md + "\n"
    }

    static func appendix(_ info: Reproducibility) -> String {
        var md = ""
        for (label, value) in info.entries {
            md += "- **\(Escape.markdown(label))**: \(Escape.markdown(value))\n"
        }
        if !info.files.isEmpty {
            md += "\n| File | Rows | SHA-256 |\n|:---|---:|:---|\n"
            for file in info.files {
                md += "| \(Escape.markdownCell(file.path)) | \(file.rows) | `\(file.sha256)` |\n"
            }
        }
        return md
    }
}
