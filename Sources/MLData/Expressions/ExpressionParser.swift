/// A parsed expression: a tree of nodes, each knowing the UTF-8 range it came from.
struct ExpressionNode: Sendable {
    /// What a node computes.
    indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case boolean(Bool)
        /// `none` / `missing`: a missing value of whatever type its context needs.
        case missing
        case column(String)
        case unary(UnaryOperator, ExpressionNode)
        case binary(BinaryOperator, ExpressionNode, ExpressionNode)
        case call(ExpressionFunction, [ExpressionNode])
    }

    var kind: Kind
    /// The whole subexpression's UTF-8 range (for errors about an operand).
    var range: Range<Int>
    /// The operator's or function name's range (for errors about an operation); `range` for leaves.
    var operatorRange: Range<Int>

    init(_ kind: Kind, range: Range<Int>, operatorRange: Range<Int>? = nil) {
        self.kind = kind
        self.range = range
        self.operatorRange = operatorRange ?? range
    }

    /// Whether evaluating this node can produce a warning (division, logarithm, root, power).
    var mayWarn: Bool {
        switch kind {
        case .number, .string, .boolean, .missing, .column: false
        case .unary(_, let operand): operand.mayWarn
        case .binary(let op, let left, let right):
            op == .divide || op == .power || left.mayWarn || right.mayWarn
        case .call(let function, let arguments):
            function.mayWarn || arguments.contains { $0.mayWarn }
        }
    }
}

/// The prefix operators.
enum UnaryOperator: Sendable {
    /// `not x`, `!x`.
    case not
    /// `-x`.
    case negate
}

/// The infix operators.
enum BinaryOperator: Sendable {
    case or, and
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case add, subtract, multiply, divide, power

    /// Whether this is one of the six comparisons.
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

/// The functions an expression can call.
enum ExpressionFunction: String, Sendable, CaseIterable {
    case abs, ceil, exp, floor
    case `if`
    case isMissing = "is_missing"
    case log, log10, log2, max, min, round, sqrt

    /// The smallest and largest number of arguments (`nil`: no upper limit).
    var arity: (min: Int, max: Int?) {
        switch self {
        case .abs, .ceil, .exp, .floor, .isMissing, .log, .log10, .log2, .sqrt: (1, 1)
        case .round: (1, 2)
        case .if: (3, 3)
        case .min, .max: (2, nil)
        }
    }

    /// Whether the function itself can warn (a logarithm of a non-positive or a root of a negative number).
    var mayWarn: Bool {
        switch self {
        case .log, .log10, .log2, .sqrt: true
        default: false
        }
    }

    /// How the arguments are described in an arity error.
    var argumentHint: String {
        switch self {
        case .if: " (condition, value if true, value if false)"
        case .round: " (value, optional digits)"
        default: ""
        }
    }
}

/// A recursive-descent parser over the tokens of one expression.
///
/// Precedence, loosest first: `or`/`||`; `and`/`&&`; prefix `not`/`!`; one comparison
/// (`==`, `!=`, `<`, `<=`, `>`, `>=`; chains are an error); `+`, `-`; `*`, `/`; prefix `-`;
/// `^` (right-associative, and tighter than prefix `-` on its left, as Python's `**`).
struct ExpressionParser {
    private let text: String
    private let tokens: [ExpressionToken]
    private var index = 0
    /// Referenced column names, in order of first appearance.
    private(set) var columnNames: [String] = []

    /// Parses `text` into a tree.
    ///
    /// - Returns: The root node and the referenced column names, in order of first appearance.
    /// - Throws: ``ExpressionError`` for a syntax error, an unknown function or a wrong argument count.
    static func parse(_ text: String) throws -> (root: ExpressionNode, columnNames: [String]) {
        var parser = ExpressionParser(text: text, tokens: try ExpressionLexer.tokens(of: text))
        if case .end = parser.current.kind {
            throw ExpressionError("the expression is empty", offset: 0, length: 0)
        }
        let root = try parser.parseOr()
        guard case .end = parser.current.kind else { throw parser.unexpected(parser.current) }
        return (root, parser.columnNames)
    }

    private init(text: String, tokens: [ExpressionToken]) {
        self.text = text
        self.tokens = tokens
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[index]
        if index + 1 < tokens.count { index += 1 }
        return token
    }

    private mutating func parseOr() throws -> ExpressionNode {
        var left = try parseAnd()
        while current.kind == .keyword(.or) || current.kind == .symbol(.orOr) {
            let op = advance()
            let right = try parseAnd()
            left = binary(.or, left, right, op)
        }
        return left
    }

    private mutating func parseAnd() throws -> ExpressionNode {
        var left = try parseNot()
        while current.kind == .keyword(.and) || current.kind == .symbol(.andAnd) {
            let op = advance()
            let right = try parseNot()
            left = binary(.and, left, right, op)
        }
        return left
    }

    private mutating func parseNot() throws -> ExpressionNode {
        guard current.kind == .keyword(.not) || current.kind == .symbol(.bang) else { return try parseComparison() }
        let op = advance()
        let operand = try parseNot()
        return ExpressionNode(
            .unary(.not, operand), range: op.range.lowerBound..<operand.range.upperBound, operatorRange: op.range)
    }

    private mutating func parseComparison() throws -> ExpressionNode {
        let left = try parseAdditive()
        guard let op = comparison(current.kind) else { return left }
        let opToken = advance()
        let right = try parseAdditive()
        if comparison(current.kind) != nil {
            throw ExpressionError(
                "comparisons cannot be chained; write 'a < b and b < c'", at: current.range)
        }
        return binary(op, left, right, opToken)
    }

    private func comparison(_ kind: ExpressionToken.Kind) -> BinaryOperator? {
        switch kind {
        case .symbol(.equal): .equal
        case .symbol(.notEqual): .notEqual
        case .symbol(.less): .less
        case .symbol(.lessEqual): .lessEqual
        case .symbol(.greater): .greater
        case .symbol(.greaterEqual): .greaterEqual
        default: nil
        }
    }

    private mutating func parseAdditive() throws -> ExpressionNode {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            default: return left
            }
            let opToken = advance()
            let right = try parseMultiplicative()
            left = binary(op, left, right, opToken)
        }
    }

    private mutating func parseMultiplicative() throws -> ExpressionNode {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            default: return left
            }
            let opToken = advance()
            let right = try parseUnary()
            left = binary(op, left, right, opToken)
        }
    }

    private mutating func parseUnary() throws -> ExpressionNode {
        guard current.kind == .symbol(.minus) else { return try parsePower() }
        let op = advance()
        let operand = try parseUnary()
        return ExpressionNode(
            .unary(.negate, operand), range: op.range.lowerBound..<operand.range.upperBound, operatorRange: op.range)
    }

    private mutating func parsePower() throws -> ExpressionNode {
        let base = try parsePrimary()
        guard current.kind == .symbol(.caret) else { return base }
        let op = advance()
        // The exponent may carry its own sign (`2 ^ -1`) and nests to the right (`2 ^ 3 ^ 2`).
        let exponent = try parseUnary()
        return binary(.power, base, exponent, op)
    }

    private mutating func parsePrimary() throws -> ExpressionNode {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return ExpressionNode(.number(value), range: token.range)
        case .string(let value):
            _ = advance()
            return ExpressionNode(.string(value), range: token.range)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return ExpressionNode(.boolean(token.kind == .keyword(.true)), range: token.range)
        case .keyword(.missing):
            _ = advance()
            return ExpressionNode(.missing, range: token.range)
        case .quotedIdentifier(let name):
            _ = advance()
            return column(name, token.range)
        case .identifier(let name):
            _ = advance()
            if current.kind == .symbol(.leftParen) { return try call(name, token.range) }
            return column(name, token.range)
        case .symbol(.leftParen):
            _ = advance()
            var inner = try parseOr()
            guard current.kind == .symbol(.rightParen) else { throw ExpressionError("expected ')'", at: current.range) }
            let close = advance()
            // Errors about a parenthesised operand point at the whole group.
            inner.range = token.range.lowerBound..<close.range.upperBound
            return inner
        default:
            throw unexpected(token)
        }
    }

    private mutating func call(_ name: String, _ nameRange: Range<Int>) throws -> ExpressionNode {
        guard let function = ExpressionFunction(rawValue: name) else {
            let names = ExpressionFunction.allCases.map(\.rawValue)
            var message = "unknown function '\(name)'"
            if let near = nearestName(to: name, in: names) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; the functions are \(names.joined(separator: ", "))"
            }
            throw ExpressionError(message, at: nameRange)
        }
        _ = advance()  // (
        var arguments: [ExpressionNode] = []
        if current.kind != .symbol(.rightParen) {
            while true {
                arguments.append(try parseOr())
                if current.kind == .symbol(.comma) {
                    _ = advance()
                    continue
                }
                guard current.kind == .symbol(.rightParen) else {
                    throw ExpressionError("expected ',' or ')'", at: current.range)
                }
                break
            }
        }
        let close = advance()
        let (least, most) = function.arity
        if arguments.count < least || arguments.count > (most ?? Int.max) {
            let expected: String
            if let most, most == least {
                expected = least == 1 ? "1 argument" : "\(least) arguments"
            } else if let most {
                expected = "\(least) or \(most) arguments"
            } else {
                expected = "\(least) or more arguments"
            }
            throw ExpressionError(
                "\(name) takes \(expected)\(function.argumentHint), got \(arguments.count)", at: nameRange)
        }
        return ExpressionNode(
            .call(function, arguments), range: nameRange.lowerBound..<close.range.upperBound, operatorRange: nameRange)
    }

    private mutating func column(_ name: String, _ range: Range<Int>) -> ExpressionNode {
        if !columnNames.contains(name) { columnNames.append(name) }
        return ExpressionNode(.column(name), range: range)
    }

    private func binary(
        _ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, _ token: ExpressionToken
    ) -> ExpressionNode {
        ExpressionNode(
            .binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound,
            operatorRange: token.range)
    }

    /// "unexpected 'x'", or, at the end of the text, what was missing.
    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        guard case .end = token.kind else {
            return ExpressionError("unexpected '\(source(token.range))'", at: token.range)
        }
        if index > 0 {
            let previous = tokens[index - 1]
            return ExpressionError("expected a value after '\(source(previous.range))'", at: token.range)
        }
        return ExpressionError("the expression is empty", at: token.range)
    }

    private func source(_ range: Range<Int>) -> String {
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self)
    }
}
