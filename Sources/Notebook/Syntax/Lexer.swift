public import CommonMark

/// Splits a code block into tokens, tracking notebook positions.
///
/// Newlines end statements except after a comma or inside `[`, `{` or `(`; `#` starts a
/// comment that runs to the end of the line (so `#|` option lines are comments here).
public struct Lexer: Sendable {
    /// The code, one string per line (without newlines).
    private let lines: [[UInt8]]
    /// The notebook position of the code's first character.
    private let origin: SourceLocation

    /// Creates a lexer for `code` whose first character sits at `origin` in the notebook.
    public init(code: String, origin: SourceLocation) {
        self.lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        self.origin = origin
    }

    /// Tokenizes everything; lexical errors are collected, not thrown.
    ///
    /// - Returns: The tokens (ending with `.end`) and any errors, such as an unterminated string.
    public func tokenize() -> (tokens: [Token], errors: [LocatedError]) {
        var tokens: [Token] = []
        var errors: [LocatedError] = []
        var depth = 0
        for (lineIndex, line) in lines.enumerated() {
            var i = 0
            func location(_ column: Int) -> SourceLocation {
                SourceLocation(line: origin.line + lineIndex, column: origin.column + column)
            }
            while i < line.count {
                let c = line[i]
                let start = location(i)
                switch c {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    i += 1
                case UInt8(ascii: "#"):
                    i = line.count
                case UInt8(ascii: ","): tokens.append(Token(kind: .comma, location: start)); i += 1
                case UInt8(ascii: ":"): tokens.append(Token(kind: .colon, location: start)); i += 1
                case UInt8(ascii: "="): tokens.append(Token(kind: .equals, location: start)); i += 1
                case UInt8(ascii: "."):
                    if i + 1 < line.count, isDigit(line[i + 1]) {
                        let (token, next) = number(line, from: i, at: start)
                        tokens.append(token)
                        i = next
                    } else {
                        tokens.append(Token(kind: .dot, location: start))
                        i += 1
                    }
                case UInt8(ascii: "-"): tokens.append(Token(kind: .minus, location: start)); i += 1
                case UInt8(ascii: "["): depth += 1; tokens.append(Token(kind: .leftBracket, location: start)); i += 1
                case UInt8(ascii: "]"): depth -= 1; tokens.append(Token(kind: .rightBracket, location: start)); i += 1
                case UInt8(ascii: "{"): depth += 1; tokens.append(Token(kind: .leftBrace, location: start)); i += 1
                case UInt8(ascii: "}"): depth -= 1; tokens.append(Token(kind: .rightBrace, location: start)); i += 1
                case UInt8(ascii: "("): depth += 1; tokens.append(Token(kind: .leftParen, location: start)); i += 1
                case UInt8(ascii: ")"): depth -= 1; tokens.append(Token(kind: .rightParen, location: start)); i += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    var value: [UInt8] = []
                    var j = i + 1
                    var closed = false
                    while j < line.count {
                        let d = line[j]
                        if d == c { closed = true; j += 1; break }
                        if d == UInt8(ascii: "\\"), j + 1 < line.count {
                            let e = line[j + 1]
                            switch e {
                            case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                            case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                            default: value.append(e)
                            }
                            j += 2
                            continue
                        }
                        value.append(d)
                        j += 1
                    }
                    if !closed {
                        errors.append(
                            LocatedError(
                                "unterminated string: add a closing \(Character(Unicode.Scalar(c)))", at: start))
                    }
                    tokens.append(Token(kind: .string(String(decoding: value, as: UTF8.self)), location: start))
                    i = j
                case _ where isDigit(c):
                    let (token, next) = number(line, from: i, at: start)
                    tokens.append(token)
                    i = next
                case _ where isIdentifierStart(c):
                    var j = i + 1
                    while j < line.count, isIdentifierContinue(line[j]) { j += 1 }
                    let name = String(decoding: line[i..<j], as: UTF8.self)
                    tokens.append(Token(kind: .identifier(name), location: start))
                    i = j
                default:
                    // Decode the whole scalar so the message shows the character, not a byte.
                    var j = i + 1
                    while j < line.count, line[j] & 0xC0 == 0x80 { j += 1 }
                    let character = String(decoding: line[i..<j], as: UTF8.self)
                    errors.append(LocatedError("unexpected character '\(character)'", at: start))
                    i = j
                }
            }
            let continues: Bool
            if let last = tokens.last, case .comma = last.kind { continues = true } else { continues = depth > 0 }
            if !continues, let last = tokens.last, last.kind != .newline {
                tokens.append(Token(kind: .newline, location: location(line.count)))
            }
        }
        let endLine = origin.line + max(0, lines.count - 1)
        tokens.append(Token(kind: .end, location: SourceLocation(line: endLine, column: origin.column)))
        return (tokens, errors)
    }

    private func number(_ line: [UInt8], from start: Int, at location: SourceLocation) -> (Token, Int) {
        var j = start
        while j < line.count, isDigit(line[j]) || line[j] == UInt8(ascii: "_") { j += 1 }
        if j < line.count, line[j] == UInt8(ascii: "."), j + 1 >= line.count || !isIdentifierStart(line[j + 1]) {
            j += 1
            while j < line.count, isDigit(line[j]) { j += 1 }
        }
        if j < line.count, line[j] == UInt8(ascii: "e") || line[j] == UInt8(ascii: "E") {
            var k = j + 1
            if k < line.count, line[k] == UInt8(ascii: "+") || line[k] == UInt8(ascii: "-") { k += 1 }
            if k < line.count, isDigit(line[k]) {
                while k < line.count, isDigit(line[k]) { k += 1 }
                j = k
            }
        }
        let text = String(decoding: line[start..<j], as: UTF8.self)
        let value = Double(text.replacingOccurrences(of: "_", with: "")) ?? .nan
        return (Token(kind: .number(value, text: text), location: location), j)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    private func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c >= 0x80
    }
    private func isIdentifierContinue(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
