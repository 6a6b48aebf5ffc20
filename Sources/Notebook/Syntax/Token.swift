public import CommonMark

/// A lexical token of the statement language.
public struct Token: Sendable, Hashable {
    /// What the token is.
    public enum Kind: Sendable, Hashable {
        case identifier(String)
        case number(Double, text: String)
        case string(String)
        case comma, colon, equals, dot, leftBracket, rightBracket, leftBrace, rightBrace, leftParen, rightParen
        case minus
        /// The end of a statement (a newline outside brackets, not after a comma).
        case newline
        case end
    }

    /// The token.
    public var kind: Kind
    /// Where it starts in the notebook.
    public var location: SourceLocation

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number(_, let text): "'\(text)'"
        case .string(let s): "\"\(s)\""
        case .comma: "','"
        case .colon: "':'"
        case .equals: "'='"
        case .dot: "'.'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .minus: "'-'"
        case .newline: "end of line"
        case .end: "end of block"
        }
    }
}
