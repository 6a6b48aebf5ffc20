/// One token of a column expression, with the UTF-8 byte range it came from.
struct ExpressionToken: Sendable, Hashable {
    /// What a token is.
    enum Kind: Sendable, Hashable {
        /// A number literal such as `2`, `2.5` or `1e-3`.
        case number(Double)
        /// A string literal, quotes removed and escapes resolved.
        case string(String)
        /// A bare name: a column or, before `(`, a function.
        case identifier(String)
        /// A back-quoted column name such as `` `mean radius` ``.
        case quotedIdentifier(String)
        /// `and`, `or`, `not`, `true`, `false`, `none` / `missing`.
        case keyword(Keyword)
        /// An operator or punctuation.
        case symbol(Symbol)
        /// The end of the text.
        case end
    }

    /// The reserved words (Python's `True`, `False` and `None` are accepted too).
    enum Keyword: Sendable, Hashable {
        case and, or, not, `true`, `false`, missing
    }

    /// Operators and punctuation.
    enum Symbol: Sendable, Hashable {
        case leftParen, rightParen, comma
        case plus, minus, star, slash, caret
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case andAnd, orOr, bang
    }

    var kind: Kind
    /// The UTF-8 byte range in the expression text.
    var range: Range<Int>
}

/// Splits an expression's text into tokens.
///
/// Offsets are UTF-8 byte offsets. Names are ASCII letters, digits and `_` (not starting with a
/// digit) plus any non-ASCII character, so `größe` is a name; anything else needs back-quotes.
struct ExpressionLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var parser = DoubleParser()

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens, ending with ``ExpressionToken/Kind/end``.
    ///
    /// - Throws: ``ExpressionError`` for a character that starts no token, an unterminated
    ///   string or back-quoted name, or a malformed number.
    static func tokens(of text: String) throws -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws -> ExpressionToken {
        skipSpace()
        let start = position
        guard position < bytes.count else { return ExpressionToken(kind: .end, range: start..<start) }
        let byte = bytes[position]
        if isDigit(byte) || (byte == UInt8(ascii: ".") && position + 1 < bytes.count && isDigit(bytes[position + 1])) {
            return try number()
        }
        if isNameStart(byte) {
            if let curly = curlyQuote(at: position) {
                throw ExpressionError(
                    "use straight quotes ' or \" around text, not curly ones", offset: start, length: curly)
            }
            return try name()
        }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try string(quote: byte)
        case UInt8(ascii: "`"):
            return try quotedName()
        default:
            return try symbol()
        }
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else if byte == 0xC2, position + 1 < bytes.count, bytes[position + 1] == 0xA0 {
                position += 2  // a no-break space pasted from a document
            } else {
                return
            }
        }
    }

    private mutating func number() throws -> ExpressionToken {
        let start = position
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            var end = position + 1
            if end < bytes.count && (bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-")) { end += 1 }
            if end < bytes.count && isDigit(bytes[end]) {
                position = end
                while position < bytes.count && isDigit(bytes[position]) { position += 1 }
            } else {
                // `2e`, `2e+`: an exponent without digits.
                position = end
                while position < bytes.count && isNameByte(bytes[position]) { position += 1 }
                throw ExpressionError("malformed number '\(text(start..<position))'", at: start..<position)
            }
        }
        let value = bytes[start..<position].withUnsafeBufferPointer { parser.parse($0) }
        guard let value else {
            throw ExpressionError("malformed number '\(text(start..<position))'", at: start..<position)
        }
        return ExpressionToken(kind: .number(value), range: start..<position)
    }

    private mutating func name() throws -> ExpressionToken {
        let start = position
        while position < bytes.count && isNameByte(bytes[position]) && curlyQuote(at: position) == nil {
            position += 1
        }
        // `Sepal.Length`: a dotted name (common in R data) must be back-quoted; say so.
        if position + 1 < bytes.count && bytes[position] == UInt8(ascii: ".") && isNameStart(bytes[position + 1]) {
            while position < bytes.count && (isNameByte(bytes[position]) || bytes[position] == UInt8(ascii: ".")) {
                position += 1
            }
            let dotted = text(start..<position)
            throw ExpressionError("a name with a dot needs back-quotes: `\(dotted)`", at: start..<position)
        }
        let range = start..<position
        let word = text(range)
        let kind: ExpressionToken.Kind =
            switch word {
            case "and": .keyword(.and)
            case "or": .keyword(.or)
            case "not": .keyword(.not)
            case "true", "True": .keyword(.true)
            case "false", "False": .keyword(.false)
            case "none", "None", "missing": .keyword(.missing)
            default: .identifier(word)
            }
        return ExpressionToken(kind: kind, range: range)
    }

    private mutating func string(quote: UInt8) throws -> ExpressionToken {
        let start = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return ExpressionToken(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<position)
            }
            if byte == UInt8(ascii: "\\") && position + 1 < bytes.count {
                value.append(bytes[position + 1])
                position += 2
                continue
            }
            value.append(byte)
            position += 1
        }
        let mark = quote == UInt8(ascii: "'") ? "'" : "\""
        throw ExpressionError("unterminated text; add the closing \(mark)", offset: start)
    }

    private mutating func quotedName() throws -> ExpressionToken {
        let start = position
        position += 1
        var value: [UInt8] = []
        let tick = UInt8(ascii: "`")
        while position < bytes.count {
            if bytes[position] == tick {
                // A doubled back-quote stands for one back-quote inside the name.
                if position + 1 < bytes.count && bytes[position + 1] == tick {
                    value.append(tick)
                    position += 2
                    continue
                }
                position += 1
                return ExpressionToken(
                    kind: .quotedIdentifier(String(decoding: value, as: UTF8.self)), range: start..<position)
            }
            value.append(bytes[position])
            position += 1
        }
        throw ExpressionError("unterminated column name; add the closing `", offset: start)
    }

    private mutating func symbol() throws -> ExpressionToken {
        let start = position
        let byte = bytes[position]
        let following: UInt8? = position + 1 < bytes.count ? bytes[position + 1] : nil
        func take(_ symbol: ExpressionToken.Symbol, _ width: Int) -> ExpressionToken {
            position += width
            return ExpressionToken(kind: .symbol(symbol), range: start..<position)
        }
        switch (byte, following) {
        case (UInt8(ascii: "("), _): return take(.leftParen, 1)
        case (UInt8(ascii: ")"), _): return take(.rightParen, 1)
        case (UInt8(ascii: ","), _): return take(.comma, 1)
        case (UInt8(ascii: "+"), _): return take(.plus, 1)
        case (UInt8(ascii: "-"), _): return take(.minus, 1)
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): return take(.caret, 2)
        case (UInt8(ascii: "*"), _): return take(.star, 1)
        case (UInt8(ascii: "/"), _): return take(.slash, 1)
        case (UInt8(ascii: "^"), _): return take(.caret, 1)
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return take(.equal, 2)
        case (UInt8(ascii: "="), _): throw ExpressionError("use '==' to compare", offset: start)
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return take(.notEqual, 2)
        case (UInt8(ascii: "!"), _): return take(.bang, 1)
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return take(.lessEqual, 2)
        case (UInt8(ascii: "<"), UInt8(ascii: ">")): return take(.notEqual, 2)
        case (UInt8(ascii: "<"), _): return take(.less, 1)
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return take(.greaterEqual, 2)
        case (UInt8(ascii: ">"), _): return take(.greater, 1)
        case (UInt8(ascii: "&"), UInt8(ascii: "&")): return take(.andAnd, 2)
        case (UInt8(ascii: "&"), _): throw ExpressionError("use 'and' (or '&&') to combine conditions", offset: start)
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): return take(.orOr, 2)
        case (UInt8(ascii: "|"), _): throw ExpressionError("use 'or' (or '||') to combine conditions", offset: start)
        default:
            throw ExpressionError("unexpected character '\(text(start..<(start + 1)))'", offset: start)
        }
    }

    /// The length of a curly quote (‘ ’ “ ”) starting at `index`, or `nil`.
    private func curlyQuote(at index: Int) -> Int? {
        guard index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80 else { return nil }
        return (0x98...0x9D).contains(bytes[index + 2]) ? 3 : nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }
}
