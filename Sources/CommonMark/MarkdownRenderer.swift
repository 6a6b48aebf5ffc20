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
    public static func render(_ markdown: String, as format: Format, smart: Bool = false) -> String {
        let options = smart ? CMARK_OPT_SMART : CMARK_OPT_DEFAULT
        guard let root = cmark_parse_document(markdown, markdown.utf8.count, options) else { return "" }
        defer { cmark_node_free(root) }
        switch format {
        case .html: return MarkdownParser.take(cmark_render_html(root, options))
        case .latex: return MarkdownParser.take(cmark_render_latex(root, options, 0))
        case .commonMark: return MarkdownParser.take(cmark_render_commonmark(root, options, 0))
        }
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
