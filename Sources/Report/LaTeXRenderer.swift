import CommonMark
import Foundation
import MLPlot
public import Notebook

/// Renders an executed notebook as a complete LaTeX document for pdflatex: figures drawn
/// in TikZ from the same plot scene as the SVG, tables with booktabs.
public struct LaTeXRenderer: Sendable {
    private let templates: TemplateSet

    /// Creates a renderer using `templates`.
    public init(templates: TemplateSet = .standard) {
        self.templates = templates
    }

    /// Wide tables are cut into column groups of about this many characters.
    static let maxTableWidth = 96

    /// Renders `document`.
    ///
    /// - Throws: ``TemplateError`` when the template is malformed.
    public func render(_ document: ExecutedNotebook) throws -> RenderedReport {
        var body = ""
        for block in document.blocks {
            switch block {
            case .heading(let heading):
                var latex = MarkdownRenderer.render(heading.markdown, as: .latex)
                if latex.hasSuffix("\n") { latex.removeLast() }
                body += latex + "\\label{sec:\(heading.id)}\n\n"
            case .prose(let markdown):
                body += Self.crossReferences(MarkdownRenderer.render(markdown, as: .latex)) + "\n"
            case .cell(let cell):
                body += Self.cell(cell)
            }
        }
        // LaTeX makes its own table of contents (depth and numbering are set in the template).
        let hasToc = !TemplateVariables.tocHeadings(document).isEmpty
        let context = TemplateVariables.context(
            document,
            .init(
                escape: Escape.latex, markdown: { MarkdownRenderer.render($0, as: .latex) },
                authorSeparator: " \\and ",
                toc: hasToc ? "\\setcounter{tocdepth}{\(Self.tocDepth(document))}\n\\tableofcontents" : "",
                body: body, appendix: Self.appendix(document.reproducibility)))
        let latex = try templates.render(.latex, context)
        return RenderedReport(main: .init(path: document.name + ".tex", contents: latex))
    }

    /// LaTeX's `tocdepth` for the front matter's `toc-depth`: cmark writes `#` as `\section` (depth 1), `##` as
    /// `\subsection` (depth 2), and so on, so heading levels and LaTeX depths agree (LaTeX stops at 5).
    static func tocDepth(_ document: ExecutedNotebook) -> Int {
        min(5, document.frontMatter.tableOfContentsDepth)
    }

    /// Turns cmark's `\protect\hyperlink{fig-x}{Figure 1}` into `\hyperref[fig-x]{Figure~\ref*{fig-x}}`,
    /// so LaTeX numbers the reference itself and links it to the figure's `\label`.
    static func crossReferences(_ latex: String) -> String {
        let pattern = /\\protect\\hyperlink\{((?:fig|tbl)-[A-Za-z0-9_-]+)\}\{(Figure|Table) [0-9]+\}/
        return latex.replacing(pattern) { match in
            "\\hyperref[\(match.1)]{\(match.2)~\\ref*{\(match.1)}}"
        }
    }

    static func cell(_ cell: ExecutedCell) -> String {
        let outputs = cell.visibleOutputs
        guard cell.showsCode || !outputs.isEmpty else { return "" }
        var latex = ""
        if cell.showsCode {
            latex += "\\begin{swiftmlcode}\n\(verbatim(cell.code))\n\\end{swiftmlcode}\n"
        }
        for output in outputs {
            latex += Self.output(output)
        }
        return latex + "\n"
    }

    /// Makes text safe inside a verbatim environment: no closing tag, only typesettable characters.
    static func verbatim(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if Escape.latexVerbatimSafe(c) {
                out.unicodeScalars.append(c)
            } else {
                out += "[U+" + String(c.value, radix: 16, uppercase: true) + "]"
            }
        }
        return out.replacingOccurrences(of: "\\end{", with: "\\end {")
    }

    static func output(_ output: Output) -> String {
        switch output {
        case .table(let table): return Self.table(table)
        case .figure(let figure):
            // [H] keeps each figure beside the code and prose that produced it, as in the HTML report.
            var latex = "\\begin{figure}[H]\n\\centering\n"
            latex += figure.figure.tikz() + "\n"
            latex += "\\caption{\(figure.caption.map(Escape.latex) ?? "")}\\label{\(figure.id)}\n\\end{figure}\n"
            return latex
        case .metrics(let cards):
            // A booktabs row of labels over a row of large values: the dashboard's cards as a tidy table.
            let columns = "@{}" + String(repeating: "c", count: cards.count) + "@{}"
            var latex = "\\begin{center}\n\\begin{tabular}{\(columns)}\n\\toprule\n"
            latex += cards.map { "{\\small\\color{swiftmlmuted} \(Escape.latex($0.label))}" }.joined(separator: " & ")
            latex += " \\\\\n\\midrule\n"
            latex += cards.map { "{\\Large\\bfseries \(Escape.latex($0.value))}" }.joined(separator: " & ") + " \\\\\n"
            return latex + "\\bottomrule\n\\end{tabular}\n\\end{center}\n"
        case .profile(let profile):
            var latex = profile.notes.map { "\\par\\noindent{\\small\\itshape \(Escape.latex($0))}\n" }.joined()
            latex += "\\begin{center}\\small\n\\begin{longtable}{@{}llrrp{0.34\\linewidth}l@{}}\n\\toprule\n"
            latex += "\\textbf{column} & \\textbf{type} & \\textbf{missing} & \\textbf{distinct} & \\textbf{summary} & "
            latex += "\\textbf{distribution} \\\\\n\\midrule\n\\endhead\n"
            for row in profile.rows {
                let flags =
                    row.flags.isEmpty ? "" : " {\\footnotesize(\(Escape.latex(row.flags.joined(separator: ", "))))}"
                // The sparkline at one text line's height, so profile rows stay compact in print.
                let chart = row.sparkline.map { "\\resizebox{!}{1.1em}{%\n\($0.tikz(width: nil))}" } ?? ""
                latex +=
                    "\(Escape.latex(row.name))\(flags) & \(Escape.latex(row.type)) & \(Escape.latex(row.missing)) & "
                latex += "\(Escape.latex(row.distinct)) & \(Escape.latex(row.summary)) & \(chart) \\\\\n"
            }
            latex += "\\bottomrule\n\\end{longtable}\n\\end{center}\n\\addtocounter{table}{-1}\n"
            latex += profile.warnings.map { "\\swiftmlcallout{Warning}{\(Escape.latex($0))}\n" }.joined()
            return latex
        case .text(let text):
            // Escaped text in a framed box wraps long lines, which verbatim cannot.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Escape.latex(String($0)) }
            return "\\swiftmloutput{\(lines.joined(separator: "\\\\\n"))}\n"
        case .warning(let text):
            return "\\swiftmlcallout{Warning}{\(Escape.latex(text))}\n"
        case .error(let text):
            return "\\swiftmlcallout{Error}{\\texttt{\(Escape.latex(text))}}\n"
        }
    }

    static func table(_ table: TableOutput) -> String {
        // Cut wide tables into groups of columns that fit the text width; the first column
        // (usually a name) repeats in every group.
        let widths = table.columns.indices.map { i in
            max(table.columns[i].name.count, table.rows.map { ($0[i] ?? "—").count }.max() ?? 0) + 2
        }
        var groups: [[Int]] = []
        var current: [Int] = []
        var width = 0
        let key = table.columns.first.map { $0.isNumeric } == false ? 0 : nil
        for i in table.columns.indices where i != key {
            if !current.isEmpty, width + widths[i] > maxTableWidth {
                groups.append(current)
                current = []
                width = key.map { widths[$0] } ?? 0
            }
            if current.isEmpty, let key {
                current.append(key)
                width = widths[key]
            }
            current.append(i)
            width += widths[i]
        }
        if !current.isEmpty { groups.append(current) }
        if groups.isEmpty, let key { groups = [[key]] }

        var latex = ""
        for (g, group) in groups.enumerated() {
            let spec = group.map { table.columns[$0].isNumeric ? "r" : "l" }.joined()
            latex += "\\begin{center}\\small\n\\begin{longtable}{\(spec)}\n"
            if g == 0, let number = table.number {
                latex +=
                    "\\caption{\(table.caption.map(Escape.latex) ?? "")}\\label{\(table.id ?? "tbl-\(number)")}\\\\\n"
            }
            latex += "\\toprule\n"
            latex += group.map { "\\textbf{\(Escape.latex(table.columns[$0].name))}" }.joined(separator: " & ")
            latex += " \\\\\n\\midrule\n\\endhead\n"
            for row in table.rows {
                latex += group.map { i in row[i].map(Escape.latex) ?? "---" }.joined(separator: " & ") + " \\\\\n"
            }
            latex += "\\bottomrule\n\\end{longtable}\n\\end{center}\n"
            // longtable steps the table counter even without a caption; only captioned parts count.
            if !(g == 0 && table.number != nil) { latex += "\\addtocounter{table}{-1}\n" }
        }
        var notes: [String] = []
        if groups.count > 1 { notes.append("columns shown in \(groups.count) groups to fit the page") }
        if let note = table.note { notes.append(note) }
        if !notes.isEmpty {
            latex +=
                "\\begin{center}\\footnotesize\\itshape \(Escape.latex(notes.joined(separator: "; ")))\\end{center}\n"
        }
        return latex
    }

    static func appendix(_ info: Reproducibility) -> String {
        var latex = "\\begin{description}\n"
        for (label, value) in info.entries {
            latex += "\\item[\(Escape.latex(label))] \(Escape.latex(value))\n"
        }
        latex += "\\end{description}\n"
        if !info.files.isEmpty {
            latex += "\\begin{center}\\small\n\\begin{longtable}{lrl}\n\\toprule\n"
            latex += "\\textbf{File} & \\textbf{Rows} & \\textbf{SHA-256} \\\\\n\\midrule\n"
            for file in info.files {
                latex += "\(Escape.latex(file.path)) & \(file.rows) & {\\scriptsize\\texttt{\(file.sha256)}} \\\\\n"
            }
            latex += "\\bottomrule\n\\end{longtable}\n\\end{center}\n"
        }
        return latex
    }
}
