/// Escaping for each output format. Everything that comes from data goes through these.
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
    /// The ten special characters become commands; Latin letters with accents and common
    /// typographic punctuation pass through (the template maps them); any other character
    /// that pdflatex cannot typeset becomes `[U+XXXX]`, so a data cell can never break
    /// the document.
    public static func latex(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "\\{"
            case "}": out += "\\}"
            case "$": out += "\\$"
            case "&": out += "\\&"
            case "#": out += "\\#"
            case "%": out += "\\%"
            case "_": out += "\\_"
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            case "|": out += "\\textbar{}"
            case "\"": out += "\\textquotedbl{}"
            case "\n", "\r", "\t": out += " "
            default:
                if c.isASCII {
                    if c.value >= 0x20 { out.unicodeScalars.append(c) }
                } else if latexSafe(c) {
                    out.unicodeScalars.append(c)
                } else {
                    out += "[U+" + String(c.value, radix: 16, uppercase: true) + "]"
                }
            }
        }
        return out
    }

    /// Non-ASCII characters the LaTeX template can typeset: Latin-1 and Latin Extended-A
    /// letters, and the punctuation it declares (dashes, quotes, ellipsis, ×, ±, ≤, ≥, −, →, ∞).
    static func latexSafe(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xA1...0xFF where c.value != 0xAD: true
        case 0x100...0x17F: true
        case 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022: true
        case 0x2264, 0x2265, 0x2212, 0x2192, 0x221E, 0x26A0, 0x2248: true
        default: false
        }
    }

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
