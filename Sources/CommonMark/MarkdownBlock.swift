/// A top-level piece of a Markdown document, as swiftml's notebook layer sees it.
///
/// Consecutive ordinary blocks (paragraphs, lists, quotes, other fenced code) are merged
/// into one ``Prose`` so the renderers see the same Markdown cmark would; headings and
/// executable code blocks stand alone.
public enum MarkdownBlock: Sendable, Hashable {
    /// A heading, with its inline Markdown and plain text (for anchors and tables of contents).
    case heading(Heading)
    /// Prose: one or more ordinary blocks, re-serialized as CommonMark.
    case prose(Prose)
    /// A fenced code block whose info string's first word is the executable language.
    case code(CodeBlock)
}

/// A heading.
public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's text without markup, such as for a table of contents.
    public var plainText: String
    /// The whole heading as CommonMark (`## Title`), placeholders included.
    public var markdown: String
    /// Inline code spans that start with the executable prefix, in order.
    public var inlineCode: [InlineCode]
    /// Where the heading starts.
    public var location: SourceLocation
}

/// A run of ordinary blocks.
public struct Prose: Sendable, Hashable {
    /// The blocks as CommonMark, with each executable inline code span replaced by
    /// ``InlineCode/placeholder(_:)`` for its index.
    public var markdown: String
    /// Inline code spans that start with the executable prefix, in order.
    public var inlineCode: [InlineCode]
    /// Where the first block starts.
    public var location: SourceLocation
}

/// An inline code span to evaluate, such as `` `swiftml rf.test.auc` ``.
public struct InlineCode: Sendable, Hashable {
    /// The text after the prefix, trimmed.
    public var expression: String
    /// Where the expression starts in the source.
    public var location: SourceLocation

    /// The marker that stands for inline value `index` in ``Prose/markdown``.
    ///
    /// Private-use scalars never occur in ordinary text and pass through cmark untouched.
    public static func placeholder(_ index: Int) -> String { "\u{F8F0}\(index)\u{F8F1}" }
}

/// A fenced code block of the executable language.
public struct CodeBlock: Sendable, Hashable {
    /// The info string after the language word (options such as `echo=false`).
    public var options: String
    /// The block's content, each line ending in a newline.
    public var content: String
    /// The line of the opening fence.
    public var fenceLocation: SourceLocation
    /// The line and column of the content's first character.
    public var contentLocation: SourceLocation
    /// The line of the closing fence (the last line of the block).
    public var endLine: Int
}
