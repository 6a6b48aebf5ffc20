/// A `@fig-…` or `@tbl-…` reference in prose.
struct CrossReference {
    /// The label, such as `fig-roc`.
    var id: String
    /// Where `@label` is in the text.
    var range: Range<String.Index>
    /// The line within the text (0 for the first).
    var lineOffset: Int

    /// Every reference in `text`, in order.
    ///
    /// A reference is `@` (not preceded by a letter or digit, so e-mail addresses are left
    /// alone), then `fig-` or `tbl-`, then letters, digits, `-` and `_`; trailing `-` and `_`
    /// are punctuation, not part of the label.
    static func scan(_ text: String) -> [CrossReference] {
        var found: [CrossReference] = []
        var line = 0
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let c = text[index]
            if c == "\n" { line += 1 }
            if c == "@", !(previous.map(isLabel) ?? false) {
                let after = text.index(after: index)
                let prefix = text[after...].prefix(4)
                if prefix == "fig-" || prefix == "tbl-" {
                    var end = text[after...].firstIndex { !isLabel($0) } ?? text.endIndex
                    while end > text.index(after, offsetBy: 4), "-_".contains(text[text.index(before: end)]) {
                        end = text.index(before: end)
                    }
                    if end > text.index(after, offsetBy: 4) {
                        found.append(
                            CrossReference(id: String(text[after..<end]), range: index..<end, lineOffset: line))
                        previous = text[text.index(before: end)]
                        index = end
                        continue
                    }
                }
            }
            previous = c
            index = text.index(after: index)
        }
        return found
    }

    private static func isLabel(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "-" || c == "_"
    }
}
