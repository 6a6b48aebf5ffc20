#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Escaping of untrusted text for XML (SVG, HTML) and LaTeX.
///
/// The one LaTeX escaper of the project: the report renderers use it for data in tables and
/// prose too, so a label and a table cell come out the same.
public enum TextEscaping {
    /// Escapes text for XML character data and attribute values.
    ///
    /// Replaces `& < > " '` with entities, turns tabs and line breaks into spaces, and drops characters that
    /// XML 1.0 forbids (other control characters, U+FFFE, U+FFFF).
    ///
    /// - Parameter text: Any text.
    /// - Returns: Text safe inside an element or a double- or single-quoted attribute.
    public static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes text for a LaTeX paragraph (such as a TikZ node's contents) under pdflatex.
    ///
    /// The ten special characters become commands (`\#`, `\textbackslash{}`, …); `<`, `>` and `|` become
    /// `\textless{}`, `\textgreater{}` and `\textbar{}` (they print as other glyphs in OT1 fonts); line breaks and
    /// control characters become spaces (a blank line would end the paragraph). The Unicode symbols this module
    /// writes in labels (−, ×, superscript digits) become math, as do Greek letters and common relations (≤, ≈, →);
    /// a few typographic characters become their LaTeX commands. Latin-1 and Latin Extended-A letters pass through
    /// for pdflatex's UTF-8 input (the document should use `\usepackage[T1]{fontenc}`); any other character, which
    /// pdflatex would reject, becomes `[U+XXXX]`, so a reader still sees what was there.
    ///
    /// - Parameter text: Any text.
    /// - Returns: Text safe inside braces in a LaTeX document.
    public static func latex(_ text: String) -> String {
        let text = composingLatinLetters(text)  // e + ◌́ → é, which pdflatex knows
        var result = ""
        var superscript = ""
        func flushSuperscript() {
            guard !superscript.isEmpty else { return }
            result += "$^{" + superscript + "}$"
            superscript = ""
        }
        for scalar in text.unicodeScalars {
            if let digit = superscriptDigits[scalar] {
                superscript += digit
                continue
            }
            flushSuperscript()
            switch scalar {
            case "\\": result += "\\textbackslash{}"
            case "#", "$", "%", "&", "_", "{", "}": result += "\\" + String(scalar)
            case "~": result += "\\textasciitilde{}"
            case "^": result += "\\textasciicircum{}"
            case "<": result += "\\textless{}"
            case ">": result += "\\textgreater{}"
            case "|": result += "\\textbar{}"
            case "\u{2212}": result += "$-$"
            case "×": result += "$\\times$"
            case "±": result += "$\\pm$"
            case "…": result += "\\ldots{}"
            case "–": result += "--"
            case "—": result += "---"
            case "\u{00A0}": result += "~"
            case "\u{2018}": result += "`"
            case "\u{2019}": result += "'"
            case "\u{201C}": result += "``"
            case "\u{201D}": result += "''"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += " "
                } else if scalar.isASCII || isLatinLetterPdflatexKnows(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if let command = greek[scalar] ?? symbols[scalar] {
                    result += command
                } else {
                    result += "[U+" + String(scalar.value, radix: 16, uppercase: true) + "]"
                }
            }
        }
        flushSuperscript()
        return result
    }

    /// `text` with each letter written as a base letter and combining marks (e + ◌́) replaced by the one
    /// Latin-1 or Latin Extended-A character it is canonically equivalent to (é), when there is one.
    ///
    /// pdflatex reads only precomposed letters. Swift compares and hashes characters by canonical equivalence,
    /// so a table keyed by the precomposed characters finds their decomposed spellings too; this composes
    /// exactly the letters that ``isLatinLetterPdflatexKnows(_:)`` accepts without needing a Unicode library.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text, with those letters composed; other characters unchanged.
    static func composingLatinLetters(_ text: String) -> String {
        // Combining marks start at U+0300; without one there is nothing to compose.
        guard text.unicodeScalars.contains(where: { $0.value >= 0x300 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.count > 1, let letter = precomposedLatin[character] {
                result.unicodeScalars.append(letter)
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The Latin-1 Supplement and Latin Extended-A letters, keyed by themselves as characters (so that a
    /// canonically equivalent decomposed character finds them).
    private static let precomposedLatin: [Character: Unicode.Scalar] = {
        var table: [Character: Unicode.Scalar] = [:]
        for value in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            table[Character(scalar)] = scalar
        }
        return table
    }()

    /// Whether pdflatex's UTF-8 input with T1 fonts typesets the character: Latin-1 Supplement and Latin
    /// Extended-A, except nine letters it has no glyph for (checked with pdflatex and lmodern).
    public static func isLatinLetterPdflatexKnows(_ scalar: Unicode.Scalar) -> Bool {
        (0xA0...0x17F).contains(scalar.value)
            && ![0x126, 0x127, 0x138, 0x13F, 0x140, 0x149, 0x166, 0x167, 0x17F].contains(scalar.value)
    }

    /// Greek letters as math symbols (capitals that look Latin become Latin letters).
    private static let greek: [Unicode.Scalar: String] = {
        let lower = [
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
            "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        ]
        let upper = [
            "A", "B", "\\Gamma", "\\Delta", "E", "Z", "H", "\\Theta", "I", "K", "\\Lambda", "M", "N", "\\Xi", "O",
            "\\Pi", "P", "", "\\Sigma", "T", "\\Upsilon", "\\Phi", "X", "\\Psi", "\\Omega",
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (offset, name) in lower.enumerated() {
            guard let scalar = Unicode.Scalar(0x3B1 + offset) else { continue }
            table[scalar] = name == "o" ? "o" : "$\\" + name + "$"
        }
        for (offset, name) in upper.enumerated() where !name.isEmpty {
            guard let scalar = Unicode.Scalar(0x391 + offset) else { continue }
            table[scalar] = name.hasPrefix("\\") ? "$" + name + "$" : name
        }
        return table
    }()

    /// Mathematical and typographic symbols common in labels.
    private static let symbols: [Unicode.Scalar: String] = [
        "≤": "$\\le$", "≥": "$\\ge$", "≠": "$\\neq$", "≈": "$\\approx$", "∞": "$\\infty$", "→": "$\\to$",
        "←": "$\\leftarrow$", "√": "$\\surd$", "∑": "$\\Sigma$", "∆": "$\\Delta$", "•": "\\textbullet{}",
        "€": "\\texteuro{}", "‰": "\\textperthousand{}", "™": "\\texttrademark{}", "·": "\\textperiodcentered{}",
        "\u{2009}": "\\,", "\u{202F}": "\\,",
    ]

    private static let superscriptDigits: [Unicode.Scalar: String] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁻": "-", "⁺": "+",
    ]
}
