internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Parses CommonMark with cmark into swiftml's ``MarkdownBlock``s.
///
/// The only parser of notebook Markdown: it runs cmark with `CMARK_OPT_SOURCEPOS`, keeps
/// headings and executable fenced blocks apart, and re-serializes everything else with
/// cmark's CommonMark renderer so the prose that reaches the report renderers is exactly
/// what cmark understood.
public struct MarkdownParser: Sendable {
    /// The info-string word and inline-code prefix that mark executable code, such as `swiftml`.
    public var language: String

    /// Creates a parser for the given executable language.
    public init(language: String) {
        self.language = language
    }

    /// Parses `text`, whose first line is line `firstLine` of the original file.
    ///
    /// - Parameters:
    ///   - text: The Markdown body (front matter already removed).
    ///   - firstLine: The file line of `text`'s first line, so locations point into the file.
    /// - Returns: The top-level blocks in document order.
    public func parse(_ text: String, firstLine: Int = 1) -> [MarkdownBlock] {
        // Math is hidden from cmark (see ``MathSpan``) and put back verbatim in the prose it returns.
        let math = MathSpan.scan(text)
        let filled = math.isEmpty ? text : MathSpan.filling(math, in: text)
        var nextMath = 0
        let bytes = Array(filled.utf8)
        guard let root = cmark_parse_document(filled, bytes.count, CMARK_OPT_SOURCEPOS) else { return [] }
        defer { cmark_node_free(root) }
        let offset = firstLine - 1

        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            children.append(node)
            child = cmark_node_next(node)
        }

        var blocks: [MarkdownBlock] = []
        var pending: [OpaquePointer] = []

        func flushProse() {
            guard let first = pending.first else { return }
            let location = Self.start(of: first, offset: offset)
            guard let fragment = cmark_node_new(CMARK_NODE_DOCUMENT) else { return }
            defer { cmark_node_free(fragment) }
            for node in pending {
                cmark_node_unlink(node)
                cmark_node_append_child(fragment, node)
            }
            let inline = replaceInlineCode(in: fragment, offset: offset)
            let markdown = MathSpan.restoring(
                math, source: text, in: Self.take(cmark_render_commonmark(fragment, CMARK_OPT_DEFAULT, 0)),
                next: &nextMath)
            blocks.append(.prose(Prose(markdown: markdown, inlineCode: inline, location: location)))
            pending.removeAll()
        }

        for node in children {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                flushProse()
                var plainMath = nextMath
                let plain = MathSpan.restoring(math, source: text, in: Self.plainText(of: node), next: &plainMath)
                let location = Self.start(of: node, offset: offset)
                guard let fragment = cmark_node_new(CMARK_NODE_DOCUMENT) else { continue }
                defer { cmark_node_free(fragment) }
                cmark_node_unlink(node)
                cmark_node_append_child(fragment, node)
                let inline = replaceInlineCode(in: fragment, offset: offset)
                let markdown = MathSpan.restoring(
                    math, source: text, in: Self.take(cmark_render_commonmark(fragment, CMARK_OPT_DEFAULT, 0)),
                    next: &nextMath)
                let heading = Heading(
                    level: Int(cmark_node_get_heading_level(node)), plainText: plain,
                    markdown: markdown, inlineCode: inline, location: location)
                blocks.append(.heading(heading))
            case CMARK_NODE_CODE_BLOCK where isExecutable(node):
                flushProse()
                blocks.append(.code(codeBlock(node, source: bytes, offset: offset)))
            default:
                pending.append(node)
            }
        }
        flushProse()
        return blocks
    }

    private func isExecutable(_ node: OpaquePointer) -> Bool {
        // Indented code blocks have no info string, so only fenced blocks can match.
        Self.firstWord(Self.info(of: node)) == language
    }

    /// A fenced block's info string, with Quarto's braces taken off: ```` ```{swiftml echo=false} ```` reads as
    /// ```` ```swiftml echo=false ````.
    private static func info(of node: OpaquePointer) -> String {
        let info = string(cmark_node_get_fence_info(node))
        let trimmed = info.trimmingSpaces
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}") else { return info }
        return String(trimmed.dropFirst().dropLast())
    }

    private func codeBlock(_ node: OpaquePointer, source: [UInt8], offset: Int) -> CodeBlock {
        let info = Self.info(of: node)
        let word = Self.firstWord(info)
        var options = Substring(info.drop(while: { $0 == " " || $0 == "\t" }))
        options = options.dropFirst(word.count)
        let content = Self.string(cmark_node_get_literal(node))
        let fence = Self.start(of: node, offset: offset)
        // cmark strips the fence's indentation from content lines; the content starts on the
        // line after the opening fence, at the fence's column.
        let contentLocation = SourceLocation(line: fence.line + 1, column: fence.column)
        let endLine = Int(cmark_node_get_end_line(node)) + offset
        return CodeBlock(
            options: options.trimmingSpaces, content: content, fenceLocation: fence,
            contentLocation: contentLocation, endLine: max(endLine, fence.line))
    }

    /// Replaces executable inline code spans below `root` by placeholder text nodes.
    private func replaceInlineCode(in root: OpaquePointer, offset: Int) -> [InlineCode] {
        let prefix = language + " "
        var found: [(OpaquePointer, InlineCode)] = []
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE
            else { continue }
            let literal = Self.string(cmark_node_get_literal(node))
            guard literal.hasPrefix(prefix) else { continue }
            let expression = String(literal.dropFirst(prefix.count)).trimmingSpaces
            var location = Self.start(of: node, offset: offset)
            // cmark puts a code span at its content (after the backticks); skip the prefix too.
            location.column += prefix.utf8.count
            found.append((node, InlineCode(expression: expression, location: location)))
        }
        for (index, (node, _)) in found.enumerated() {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, InlineCode.placeholder(index))
            cmark_node_replace(node, text)
            cmark_node_free(node)
        }
        return found.map(\.1)
    }

    private static func start(of node: OpaquePointer, offset: Int) -> SourceLocation {
        SourceLocation(
            line: Int(cmark_node_get_start_line(node)) + offset,
            column: max(1, Int(cmark_node_get_start_column(node))))
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private static func firstWord(_ info: String) -> String {
        String(info.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 != " " && $0 != "\t" && $0 != "{" }))
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// Copies a string cmark allocated and frees it.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
