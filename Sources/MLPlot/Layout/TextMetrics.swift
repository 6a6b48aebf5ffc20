/// Estimates text extents without a font engine, for layout decisions (margins, label overlap, wrapping).
///
/// Widths come from Helvetica's AFM advance widths, widened by 15 % and with digits at 0.64 em, which matches
/// DejaVu Sans (librsvg's and many Linux browsers' fallback) to within a few percent and over-estimates the
/// narrower system UI fonts. Pdflatex's Latin Modern Sans is narrower still, so one layout fits both backends.
enum TextMetrics {
    /// Advance widths in thousandths of an em for ASCII 32–126 (Helvetica AFM).
    private static let helvetica: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        640, 640, 640, 640, 640, 640, 640, 640, 640, 640,  // 0–9, widened
        278, 278, 584, 584, 584, 556, 1015,  // : … @
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,  // A–M
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,  // N–Z
        278, 278, 278, 469, 556, 222,  // [ … `
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,  // a–m
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,  // n–z
        334, 260, 334, 584,  // { | } ~
    ]

    /// The estimated advance width of one line of text.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - fontSize: The font size in points.
    ///   - weight: The font weight (bold is about 13 % wider).
    /// - Returns: The width in points.
    static func width(of text: String, fontSize: Double, weight: FontWeight = .regular) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if (32...126).contains(value) {
                let base = helvetica[value - 32]
                thousandths += (48...57).contains(value) ? base : base * 115 / 100
            } else if "⁰¹²³⁴⁵⁶⁷⁸⁹⁻".unicodeScalars.contains(scalar) {
                thousandths += 450
            } else if scalar == "×" || scalar == "\u{2212}" {
                thousandths += 840
            } else if (0x300...0x36F).contains(value) {
                continue  // combining marks take no width
            } else {
                thousandths += value >= 0x1100 ? 1000 : 640
            }
        }
        let factor = weight == .bold ? 1.13 : 1.0
        return Double(thousandths) / 1000 * fontSize * factor
    }

    /// The height of capital letters above the baseline, as a fraction of the font size.
    static let capHeight = 0.72
    /// The depth of descenders below the baseline, as a fraction of the font size.
    static let descent = 0.22

    /// Shortens text with a trailing ellipsis so that it fits a width.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - maxWidth: The available width in points.
    ///   - fontSize: The font size in points.
    ///   - weight: The font weight.
    /// - Returns: `text` itself when it fits, otherwise its longest prefix that fits followed by `…`.
    static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double, weight: FontWeight = .regular)
        -> String
    {
        guard width(of: text, fontSize: fontSize, weight: weight) > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if width(of: candidate, fontSize: fontSize, weight: weight) <= maxWidth { return candidate }
        }
        return "…"
    }

    /// Breaks text into lines at spaces so that each fits a width, truncating the last allowed line.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - maxWidth: The available width in points.
    ///   - fontSize: The font size in points.
    ///   - weight: The font weight.
    ///   - maxLines: The most lines to return.
    /// - Returns: One or more lines.
    static func wrapped(
        _ text: String,
        toWidth maxWidth: Double,
        fontSize: Double,
        weight: FontWeight = .regular,
        maxLines: Int
    ) -> [String] {
        var lines: [String] = []
        var current = ""
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)[...]
        while let word = words.first {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(of: candidate, fontSize: fontSize, weight: weight) <= maxWidth {
                current = candidate
                words = words.dropFirst()
            } else if lines.count + 1 >= maxLines {
                current = ([current] + words).joined(separator: " ")
                break
            } else {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map { truncated($0, toWidth: maxWidth, fontSize: fontSize, weight: weight) }
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = Substring(self)
        while result.hasSuffix(" ") { result = result.dropLast() }
        return String(result)
    }
}
