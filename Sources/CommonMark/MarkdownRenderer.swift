internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Renders CommonMark fragments to HTML, LaTeX or CommonMark with cmark's own renderers.
///
/// Raw HTML in the input is never passed through (`CMARK_OPT_UNSAFE` is not set): cmark
/// replaces it with a comment, so a notebook cannot inject markup into a report.
public enum MarkdownRenderer {
    /// The output formats cmark renders.
    public enum Format: Sendable {
        case html, latex, commonMark
    }

    /// Renders `markdown` to `format`.
    ///
    /// - Parameters:
    ///   - markdown: CommonMark source.
    ///   - format: The target format.
    ///   - smart: Whether to turn straight quotes and dashes into typographic ones.
    /// - Returns: The rendered text, ending in a newline when not empty.
    ///
    /// Math (`$…$`, `$$…$$`; see ``MathSpan``) is not read as Markdown: LaTeX gets it as is (`$…$`, `\[…\]`),
    /// CommonMark as written, and HTML as escaped text in `<span class="math inline">\(…\)</span>` or
    /// `<span class="math display">\[…\]</span>` (Pandoc's and Quarto's markup, which a page can style or
    /// hand to a math renderer).
    public static func render(_ markdown: String, as format: Format, smart: Bool = false) -> String {
        let math = MathSpan.scan(markdown)
        let source = math.isEmpty ? markdown : MathSpan.masking(math, in: markdown)
        let options = smart ? CMARK_OPT_SMART : CMARK_OPT_DEFAULT
        guard let root = cmark_parse_document(source, source.utf8.count, options) else { return "" }
        defer { cmark_node_free(root) }
        let rendered =
            switch format {
            case .html: MarkdownParser.take(cmark_render_html(root, options))
            case .latex: MarkdownParser.take(cmark_render_latex(root, options, 0))
            case .commonMark: MarkdownParser.take(cmark_render_commonmark(root, options, 0))
            }
        guard !math.isEmpty else { return rendered }
        return MathSpan.unmasking(math, in: rendered) { span in
            switch (format, span.display) {
            case (.html, false): "<span class=\"math inline\">\\(\(escapeHTML(span.tex))\\)</span>"
            case (.html, true): "<span class=\"math display\">\\[\(escapeHTML(span.tex))\\]</span>"
            case (.latex, false): "$\(span.tex)$"
            case (.latex, true): "\\[\(span.tex)\\]"
            case (.commonMark, false): "$\(span.tex)$"
            case (.commonMark, true): "$$\(span.tex)$$"
            }
        }
    }

    /// `text` with `&`, `<`, `>` and `"` escaped for HTML.
    private static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escapes `text` so that it reads literally inside CommonMark inline content.
    ///
    /// Every ASCII punctuation character gets a backslash (CommonMark allows escaping
    /// any of them), and line breaks become spaces.
    public static func escapeInline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r": out.append(" ")
            case _ where asciiPunctuation.contains(scalar):
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The version of the linked libcmark, such as `0.30.2`.
    public static var cmarkVersion: String { MarkdownParser.string(cmark_version_string()) }
}

/// ASCII punctuation as CommonMark defines it: the characters a backslash can escape.
private let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
