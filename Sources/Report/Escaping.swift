import MLPlot

/// Escaping for each output format; everything that comes from data goes through these.
public enum Escape {
    /// Escapes text for HTML element content and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes text for LaTeX running text under pdflatex with T1 fonts and UTF-8 input.
    ///
    /// The project's one LaTeX escaper, shared with the plots' TikZ labels
    /// (``MLPlot/TextEscaping/latex(_:)``): special characters become commands, Greek and
    /// common symbols become math, and a character pdflatex cannot typeset becomes
    /// `[U+XXXX]`, so a data cell can never break the document.
    public static func latex(_ text: String) -> String {
        TextEscaping.latex(text)
    }

    /// Whether a character can stand as it is in verbatim LaTeX: ASCII, or a Latin letter
    /// pdflatex knows, or one of the symbols the template declares.
    static func latexVerbatimSafe(_ c: Unicode.Scalar) -> Bool {
        c.isASCII || TextEscaping.isLatinLetterPdflatexKnows(c) || declaredInTemplate.contains(c.value)
    }

    /// The characters `templates/latex/report.mustache` maps with `\DeclareUnicodeCharacter`.
    private static let declaredInTemplate: Set<UInt32> = [0x2264, 0x2265, 0x2212, 0x2192, 0x221E, 0x2248, 0x26A0]

    /// Escapes text for GitHub-flavoured Markdown inline content.
    ///
    /// Only the characters that can start inline markup are escaped — emphasis (`*`, `_`),
    /// code (`` ` ``), links and images (`[`, `]`, `!`), strikethrough (`~`), math (`$`),
    /// tables (`|`), autolinks and HTML (`<`, `>`, `&` as entities) and the backslash itself —
    /// so numbers and ordinary punctuation stay readable in the Markdown source. Line breaks
    /// become spaces.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case _ where c.isASCII && markdownPunctuation.contains(c):
                out += "\\"
                out.unicodeScalars.append(c)
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes a pipe-table cell: Markdown escaping, with `|` escaped too.
    public static func markdownCell(_ text: String) -> String {
        markdown(text)
    }

    /// A fence of backticks longer than any run of backticks in `code`.
    public static func fence(for code: String) -> String {
        var longest = 0
        var run = 0
        for c in code {
            if c == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    private static let markdownPunctuation = Set("\\`*_[]!|~$".unicodeScalars)
}
