/// TeX math in Markdown prose: `$…$` inline and `$$…$$` display, with Pandoc's `tex_math_dollars` rules.
///
/// CommonMark has no math, so cmark would read `*` and `_` inside it as emphasis and drop the backslash of
/// `\{`. Math is therefore found in the source text before cmark sees it, and put back, untouched, after
/// cmark is done: as is in LaTeX and Markdown, as text in a `<span class="math">` in HTML.
///
/// The rules: an inline span opens with a `$` followed by a non-space character and closes with a `$`
/// preceded by a non-space character and not followed by a digit (so `$20 and $30` is not math); `\$` is a
/// literal dollar; display math runs from `$$` to the next `$$`. Neither may contain a blank line. Code spans
/// and fenced code blocks are never searched.
public struct MathSpan: Sendable, Hashable {
    /// The TeX between the delimiters, as written.
    public var tex: String
    /// Whether it is display math (`$$…$$`).
    public var display: Bool
    /// The UTF-8 offsets of the span in the text it was found in, delimiters included.
    public var utf8Range: Range<Int>

    /// Finds the math spans of `markdown`, in order.
    ///
    /// - Parameter markdown: CommonMark text.
    /// - Returns: The spans, non-overlapping and in text order.
    public static func scan(_ markdown: String) -> [MathSpan] {
        let bytes = Array(markdown.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else { return [] }
        var spans: [MathSpan] = []
        var i = 0
        var atLineStart = true
        while i < bytes.count {
            let byte = bytes[i]
            if atLineStart, let end = fencedBlockEnd(bytes, lineStart: i) {
                i = end
                continue
            }
            atLineStart = false
            switch byte {
            case UInt8(ascii: "\n"):
                atLineStart = true
                i += 1
            case UInt8(ascii: "\\"):
                i += 2
            case UInt8(ascii: "`"):
                i = codeSpanEnd(bytes, from: i)
            case UInt8(ascii: "$"):
                if let span = span(bytes, at: i) {
                    spans.append(span)
                    i = span.utf8Range.upperBound
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
        return spans
    }

    /// The span starting at the `$` at `start`, if one does.
    private static func span(_ bytes: [UInt8], at start: Int) -> MathSpan? {
        let dollar = UInt8(ascii: "$")
        let display = start + 1 < bytes.count && bytes[start + 1] == dollar
        let open = start + (display ? 2 : 1)
        guard open < bytes.count, !isSpace(bytes[open]) || display else { return nil }
        var j = open
        while j < bytes.count {
            switch bytes[j] {
            case UInt8(ascii: "\\"):
                j += 2
                continue
            case UInt8(ascii: "\n"):
                // A blank line ends the paragraph, and with it any math.
                var k = j + 1
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
                if k >= bytes.count || bytes[k] == UInt8(ascii: "\n") { return nil }
            case dollar:
                if display {
                    guard j + 1 < bytes.count, bytes[j + 1] == dollar else { return nil }
                    guard j > open else { return nil }
                    return MathSpan(text: bytes, content: open..<j, display: true, whole: start..<(j + 2))
                }
                let closes = !isSpace(bytes[j - 1]) && !(j + 1 < bytes.count && isDigit(bytes[j + 1]))
                if closes, j > open {
                    return MathSpan(text: bytes, content: open..<j, display: false, whole: start..<(j + 1))
                }
            default:
                break
            }
            j += 1
        }
        return nil
    }

    private init(text bytes: [UInt8], content: Range<Int>, display: Bool, whole: Range<Int>) {
        tex = String(decoding: bytes[content], as: UTF8.self)
        self.display = display
        utf8Range = whole
    }

    /// The index just past the code span whose opening backticks start at `start`, or past the backticks
    /// when no run of the same length closes them (they are then literal).
    private static func codeSpanEnd(_ bytes: [UInt8], from start: Int) -> Int {
        let tick = UInt8(ascii: "`")
        var openEnd = start
        while openEnd < bytes.count, bytes[openEnd] == tick { openEnd += 1 }
        let length = openEnd - start
        var j = openEnd
        while j < bytes.count {
            if bytes[j] == tick {
                var runEnd = j
                while runEnd < bytes.count, bytes[runEnd] == tick { runEnd += 1 }
                if runEnd - j == length { return runEnd }
                j = runEnd
            } else {
                j += 1
            }
        }
        return openEnd
    }

    /// When a fenced code block (``` or ~~~, indented at most three spaces) opens on the line at
    /// `lineStart`, the index just past its closing fence (or the end of the text).
    private static func fencedBlockEnd(_ bytes: [UInt8], lineStart: Int) -> Int? {
        var i = lineStart
        while i < bytes.count, i - lineStart < 3, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") else { return nil }
        let fence = bytes[i]
        var runEnd = i
        while runEnd < bytes.count, bytes[runEnd] == fence { runEnd += 1 }
        let length = runEnd - i
        guard length >= 3 else { return nil }
        var line = nextLine(bytes, after: runEnd)
        while line < bytes.count {
            var k = line
            while k < bytes.count, k - line < 3, bytes[k] == UInt8(ascii: " ") { k += 1 }
            var closeEnd = k
            while closeEnd < bytes.count, bytes[closeEnd] == fence { closeEnd += 1 }
            if closeEnd - k >= length {
                var rest = closeEnd
                while rest < bytes.count, isSpace(bytes[rest]), bytes[rest] != UInt8(ascii: "\n") { rest += 1 }
                if rest >= bytes.count || bytes[rest] == UInt8(ascii: "\n") { return nextLine(bytes, after: rest) }
            }
            line = nextLine(bytes, after: line)
        }
        return bytes.count
    }

    private static func nextLine(_ bytes: [UInt8], after index: Int) -> Int {
        var i = index
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return min(i + 1, bytes.count)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

extension MathSpan {
    /// The private-use characters around a span's number in the text cmark renders.
    static let placeholderStart: Character = "\u{F8F2}"
    static let placeholderEnd: Character = "\u{F8F3}"

    /// `markdown` with each span replaced by a numbered placeholder cmark reads as plain text.
    static func masking(_ spans: [MathSpan], in markdown: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(markdown.utf8)
        var position = 0
        for (index, span) in spans.enumerated() {
            bytes += source[position..<span.utf8Range.lowerBound]
            bytes += Array("\(placeholderStart)\(index)\(placeholderEnd)".utf8)
            position = span.utf8Range.upperBound
        }
        bytes += source[position...]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `rendered` with each placeholder replaced by `replacement(span)`.
    static func unmasking(_ spans: [MathSpan], in rendered: String, _ replacement: (MathSpan) -> String) -> String {
        var output = ""
        var rest = rendered[...]
        while let start = rest.firstIndex(of: placeholderStart) {
            output += rest[..<start]
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: placeholderEnd),
                let index = Int(rest[afterStart..<end]), spans.indices.contains(index)
            else {
                output.append(placeholderStart)
                rest = rest[afterStart...]
                continue
            }
            output += replacement(spans[index])
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}

extension MathSpan {
    /// The two filler bytes that stand for a span's bytes while cmark parses a notebook (ASCII control
    /// characters, which CommonMark reads as plain text and no notebook contains); spans alternate between
    /// them so that adjacent spans stay apart.
    private static let fillers: [UInt8] = [0x1A, 0x1C]

    /// `text` with every byte of each span except its line breaks replaced by a filler byte, so cmark
    /// reads no Markdown in the math while every line and column outside it stays where it was.
    static func filling(_ spans: [MathSpan], in text: String) -> String {
        var bytes = Array(text.utf8)
        for (index, span) in spans.enumerated() {
            let filler = fillers[index % 2]
            for i in span.utf8Range where bytes[i] != UInt8(ascii: "\n") { bytes[i] = filler }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Puts the original text of the spans back in place of their fillers in `rendered`, a fragment cmark
    /// rendered from filled text; spans are taken in order starting at `next`, which is advanced past them.
    ///
    /// A run is a filler byte (or its character reference) repeated, possibly across line breaks followed by indentation (the renderer
    /// indents the continuation lines of a list item).
    static func restoring(_ spans: [MathSpan], source: String, in rendered: String, next: inout Int) -> String {
        let fillerSet = Set(fillers)
        // cmark's CommonMark renderer writes control characters as numeric character references.
        let rendered = rendered.replacing("&#26;", with: "\u{1A}").replacing("&#28;", with: "\u{1C}")
        guard next < spans.count, rendered.utf8.contains(where: fillerSet.contains) else { return rendered }
        let sourceBytes = Array(source.utf8)
        let bytes = Array(rendered.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let filler = bytes[i]
            guard fillerSet.contains(filler), next < spans.count else {
                output.append(filler)
                i += 1
                continue
            }
            var end = i
            while end < bytes.count {
                if bytes[end] == filler {
                    end += 1
                    continue
                }
                var k = end
                while k < bytes.count, bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: " ") { k += 1 }
                guard k > end, k < bytes.count, bytes[k] == filler, bytes[end..<k].contains(UInt8(ascii: "\n"))
                else { break }
                end = k
            }
            output += sourceBytes[spans[next].utf8Range]
            next += 1
            i = end
        }
        return String(decoding: output, as: UTF8.self)
    }
}
