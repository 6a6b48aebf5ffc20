import CommonMark

/// Parses the statement language into ``Statement``s, reporting every syntax error.
///
/// ```
/// statement := [names '='] verb [modifier] [argument {',' argument}]
/// argument  := [label ':'] value
/// value     := number | string | true | false | none | name{.name} | name '(' values ')'
///            | '[' values ']' | '{' label ':' value {',' label ':' value} '}'
/// ```
/// After an error the parser skips to the end of the statement and goes on, so one run
/// finds every problem in a block.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    private var errors: [LocatedError] = []
    private let takesModifier: (String) -> Bool

    /// Creates a parser over `tokens`.
    ///
    /// - Parameters:
    ///   - tokens: The tokens of one block, ending with `.end`.
    ///   - takesModifier: Whether a verb may be followed by a bare modifier word
    ///     (as `load` is in `load sql "…"`).
    public init(tokens: [Token], takesModifier: @escaping (String) -> Bool) {
        self.tokens = tokens
        self.takesModifier = takesModifier
    }

    /// Parses every statement.
    ///
    /// - Returns: The statements that parsed and the errors of those that did not.
    public mutating func parse() -> (statements: [Statement], errors: [LocatedError]) {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            if case .end = peek.kind { break }
            do {
                statements.append(try statement())
            } catch let error as LocatedError {
                errors.append(error)
                skipStatement()
            } catch {
                skipStatement()
            }
        }
        return (statements, errors)
    }

    private var peek: Token { tokens[min(position, tokens.count - 1)] }
    private func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func skipNewlines() {
        while case .newline = peek.kind { _ = advance() }
    }

    private mutating func skipStatement() {
        while true {
            switch peek.kind {
            case .end: return
            case .newline:
                _ = advance()
                return
            default: _ = advance()
            }
        }
    }

    private func isStatementEnd(_ token: Token) -> Bool {
        switch token.kind {
        case .newline, .end: true
        default: false
        }
    }

    private mutating func statement() throws -> Statement {
        let start = peek.location
        // A bare path on its own line shows a value.
        if case .identifier = peek.kind, let length = pathLength(), isStatementEnd(peek(length)) {
            let value = try expression()
            return Statement(kind: .display(value), location: start)
        }
        var targets: [Identifier] = []
        if hasAssignment() {
            repeat {
                targets.append(try identifier(expected: "a name to bind"))
                guard case .comma = peek.kind else { break }
                _ = advance()
            } while true
            try expect(.equals, "'='")
        }
        let verb = try identifier(expected: "a verb")
        var modifier: Identifier?
        if takesModifier(verb.name), case .identifier(let word) = peek.kind, !startsLabel(at: 0) {
            let next = peek(1).kind
            if next != .comma && next != .dot && next != .leftParen {
                modifier = Identifier(word, at: advance().location)
            }
        }
        var arguments: [Argument] = []
        if !isStatementEnd(peek) {
            repeat {
                arguments.append(try argument())
                if isStatementEnd(peek) { break }
                guard case .comma = peek.kind else {
                    throw LocatedError(
                        "expected ',' or end of line after the argument, found \(peek.display)", at: peek.location)
                }
                _ = advance()
            } while true
        }
        guard isStatementEnd(peek) else {
            throw LocatedError("unexpected \(peek.display)", at: peek.location)
        }
        let command = Command(targets: targets, verb: verb, modifier: modifier, arguments: arguments)
        return Statement(kind: .command(command), location: start)
    }

    /// The number of tokens in `name{.name}` at the current position, or `nil`.
    private func pathLength() -> Int? {
        guard case .identifier = peek.kind else { return nil }
        var length = 1
        while case .dot = peek(length).kind, case .identifier = peek(length + 1).kind { length += 2 }
        return length
    }

    /// Whether the statement has `names =` before its verb.
    private func hasAssignment() -> Bool {
        var offset = 0
        while true {
            guard case .identifier = peek(offset).kind else { return false }
            switch peek(offset + 1).kind {
            case .equals: return true
            case .comma: offset += 2
            default: return false
            }
        }
    }

    private func startsLabel(at offset: Int) -> Bool {
        if case .identifier = peek(offset).kind, case .colon = peek(offset + 1).kind { return true }
        return false
    }

    private mutating func argument() throws -> Argument {
        if startsLabel(at: 0) {
            let label = try identifier(expected: "a label")
            _ = advance()  // ':'
            if isStatementEnd(peek) || peek.kind == .comma {
                throw LocatedError("expected a value after '\(label.name):'", at: peek.location)
            }
            return Argument(label: label, value: try expression())
        }
        return Argument(label: nil, value: try expression())
    }

    private mutating func expression() throws -> Expression {
        let token = peek
        switch token.kind {
        case .number(let value, let text):
            _ = advance()
            return Expression(.number(value, text: text), at: token.location)
        case .minus:
            _ = advance()
            guard case .number(let value, let text) = peek.kind else {
                throw LocatedError("expected a number after '-'", at: peek.location)
            }
            _ = advance()
            return Expression(.number(-value, text: "-" + text), at: token.location)
        case .string(let s):
            _ = advance()
            return Expression(.string(s), at: token.location)
        case .identifier(let name):
            _ = advance()
            switch name {
            case "true": return Expression(.bool(true), at: token.location)
            case "false": return Expression(.bool(false), at: token.location)
            case "none": return Expression(.none, at: token.location)
            default: break
            }
            if case .leftParen = peek.kind {
                _ = advance()
                let items = try sequence(closing: .rightParen, closer: "')'")
                return Expression(.call(Identifier(name, at: token.location), items), at: token.location)
            }
            var parts = [name]
            while case .dot = peek.kind {
                _ = advance()
                parts.append(try identifier(expected: "a field name after '.'").name)
            }
            return Expression(.path(parts), at: token.location)
        case .leftBracket:
            _ = advance()
            let items = try sequence(closing: .rightBracket, closer: "']'")
            return Expression(.list(items), at: token.location)
        case .leftBrace:
            _ = advance()
            var fields: [RecordField] = []
            if peek.kind != .rightBrace {
                repeat {
                    skipNewlines()
                    if peek.kind == .rightBrace { break }
                    let label = try identifier(expected: "a label")
                    try expect(.colon, "':' after '\(label.name)'")
                    fields.append(RecordField(label: label, value: try expression()))
                    skipNewlines()
                    guard case .comma = peek.kind else { break }
                    _ = advance()
                } while true
            }
            try expect(.rightBrace, "'}'")
            return Expression(.record(fields), at: token.location)
        default:
            throw LocatedError("expected a value, found \(token.display)", at: token.location)
        }
    }

    private mutating func sequence(closing: Token.Kind, closer: String) throws -> [Expression] {
        var items: [Expression] = []
        skipNewlines()
        if peek.kind == closing {
            _ = advance()
            return items
        }
        repeat {
            skipNewlines()
            if peek.kind == closing { break }
            items.append(try expression())
            skipNewlines()
            guard case .comma = peek.kind else { break }
            _ = advance()
        } while true
        try expect(closing, closer)
        return items
    }

    private mutating func identifier(expected: String) throws -> Identifier {
        guard case .identifier(let name) = peek.kind else {
            throw LocatedError("expected \(expected), found \(peek.display)", at: peek.location)
        }
        return Identifier(name, at: advance().location)
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws {
        guard peek.kind == kind else {
            throw LocatedError("expected \(what), found \(peek.display)", at: peek.location)
        }
        _ = advance()
    }
}
