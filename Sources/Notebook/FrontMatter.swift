public import CommonMark
import Yams

/// A typed parameter value from the front matter or `--param`.
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case string(String)

    /// Reads a YAML-style scalar: integers, then numbers, then booleans, else text.
    public init(scalar text: String) {
        if let i = Int(text) {
            self = .integer(i)
        } else if let d = Double(text), !text.isEmpty {
            self = .number(d)
        } else if ["true", "yes", "on"].contains(text.lowercased()) {
            self = .bool(true)
        } else if ["false", "no", "off"].contains(text.lowercased()) {
            self = .bool(false)
        } else {
            self = .string(text)
        }
    }

    /// Converts command-line text to the type of `self` (the default), so numbers stay numbers.
    ///
    /// - Returns: The typed value, or `nil` when `text` does not fit the default's type.
    public func coercing(_ text: String) -> ParameterValue? {
        switch self {
        case .integer: return Int(text).map { .integer($0) }
        case .number: return Double(text).map { .number($0) }
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .bool(true)
            case "false", "no", "off", "0": return .bool(false)
            default: return nil
            }
        case .string: return .string(text)
        }
    }

    /// The type's name for messages.
    public var typeName: String {
        switch self {
        case .integer: "an integer"
        case .number: "a number"
        case .bool: "true or false"
        case .string: "text"
        }
    }

    /// The value as written.
    public var description: String {
        switch self {
        case .integer(let i): String(i)
        case .number(let d): d.description
        case .bool(let b): b ? "true" : "false"
        case .string(let s): s
        }
    }
}

/// The YAML front matter of a notebook.
public struct FrontMatter: Sendable, Hashable {
    /// Report title.
    public var title: String?
    /// A line under the title.
    public var subtitle: String?
    /// Authors, in order.
    public var authors: [String] = []
    /// The date as written (never today's date: reports are reproducible).
    public var date: String?
    /// A one-paragraph summary, shown as the abstract.
    public var description: String?
    /// Parameters and their defaults, in the order written.
    public var params: [(name: String, value: ParameterValue)] = []
    /// Output formats (`html`, `md`, `latex`); empty means all three.
    public var formats: [String] = []
    /// Default block options from `execute:`.
    public var execute: [(key: String, value: String, location: SourceLocation)] = []
    /// Whether the report lists its sections (`toc:`, default true; shown only when there are headings).
    public var tableOfContents = true
    /// The deepest heading level listed in the table of contents (`toc-depth:`, 1 to 6, default 3).
    public var tableOfContentsDepth = 3
    /// Whether sections are numbered 1, 1.1, … (`number-sections:`, default false, as Quarto).
    public var numberSections = false
    /// A folder of report templates, relative to the notebook (`template:`); `--template` wins over it.
    public var template: String?
    /// The lines the front matter occupies, including both `---` fences (0 when absent).
    public var lineCount = 0

    /// Creates empty front matter.
    public init() {}

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.subtitle == rhs.subtitle && lhs.authors == rhs.authors && lhs.date == rhs.date
            && lhs.tableOfContents == rhs.tableOfContents && lhs.tableOfContentsDepth == rhs.tableOfContentsDepth
            && lhs.numberSections == rhs.numberSections && lhs.template == rhs.template
            && lhs.description == rhs.description && lhs.formats == rhs.formats
            && lhs.params.map(\.name) == rhs.params.map(\.name) && lhs.params.map(\.value) == rhs.params.map(\.value)
            && lhs.execute.map(\.key) == rhs.execute.map(\.key) && lhs.execute.map(\.value) == rhs.execute.map(\.value)
            && lhs.lineCount == rhs.lineCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(date)
        hasher.combine(lineCount)
    }

    /// The keys the front matter understands.
    static let knownKeys = [
        "title", "subtitle", "author", "date", "description", "params", "format", "execute", "toc", "toc-depth",
        "number-sections", "template",
    ]

    /// Splits `text` into front matter and body.
    ///
    /// - Returns: The front matter (empty when the text does not start with `---`) and
    ///   the body that follows it.
    /// - Throws: ``LocatedError`` for malformed YAML or an unterminated block.
    static func split(_ text: String) throws -> (FrontMatter, body: Substring) {
        var matter = FrontMatter()
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (matter, text[...]) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines = lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            throw LocatedError("front matter starts with '---' but has no closing '---'", at: .init(line: 1, column: 1))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        matter.lineCount = close + 1
        try matter.read(yaml)
        // The body keeps its own line numbers by starting right after the closing fence.
        var index = text.startIndex
        for _ in 0...close {
            guard let newline = text[index...].firstIndex(of: "\n") else {
                index = text.endIndex
                break
            }
            index = text.index(after: newline)
        }
        return (matter, text[index...])
    }

    private mutating func read(_ yaml: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.locate(error)
        }
        guard let node else { return }
        guard let mapping = node.mapping else {
            throw LocatedError("front matter must be a YAML mapping of keys to values", at: .init(line: 2, column: 1))
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let location = Self.location(of: keyNode)
            switch key {
            case "title": title = value.string
            case "subtitle": subtitle = value.string
            case "toc": tableOfContents = try Self.flag(value, key: key, at: location)
            case "number-sections": numberSections = try Self.flag(value, key: key, at: location)
            case "toc-depth":
                guard let depth = value.string.flatMap({ Int($0) }), (1...6).contains(depth) else {
                    throw LocatedError("'toc-depth' must be a heading level from 1 to 6", at: Self.location(of: value))
                }
                tableOfContentsDepth = depth
            case "template":
                guard let folder = value.string, !folder.isEmpty else {
                    throw LocatedError("'template' must name a folder of templates", at: Self.location(of: value))
                }
                template = folder
            case "author": authors = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
            case "date": date = value.string
            case "description": description = value.string
            case "format":
                if let list = value.sequence {
                    formats = list.compactMap(\.string)
                } else if let one = value.string {
                    formats = [one]
                } else if let map = value.mapping {
                    formats = map.keys.compactMap(\.string)
                }
            case "params":
                guard let map = value.mapping else {
                    throw LocatedError("'params' must map names to default values", at: location)
                }
                for (name, defaultValue) in map {
                    guard let name = name.string, let scalar = defaultValue.scalar else {
                        throw LocatedError(
                            "parameter defaults must be single values", at: Self.location(of: defaultValue))
                    }
                    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                    params.append((name, quoted ? .string(scalar.string) : ParameterValue(scalar: scalar.string)))
                }
            case "execute":
                guard let map = value.mapping else {
                    throw LocatedError("'execute' must map block options to values", at: location)
                }
                for (option, optionValue) in map {
                    guard let name = option.string else { continue }
                    guard let text = optionValue.scalar?.string else {
                        throw LocatedError(
                            "execute option '\(name)' must be a single value, like true or false",
                            at: Self.location(of: optionValue))
                    }
                    execute.append((name, text, Self.location(of: optionValue)))
                }
            default:
                break
            }
        }
    }

    /// A true/false front-matter value (YAML's `true`, `yes`, `on` and their opposites).
    private static func flag(_ node: Node, key: String, at location: SourceLocation) throws -> Bool {
        if case .bool(let value)? = node.string.map(ParameterValue.init(scalar:)) { return value }
        throw LocatedError("'\(key)' must be true or false", at: Self.location(of: node))
    }

    private static func location(of node: Node) -> SourceLocation {
        // Front-matter YAML starts on file line 2; Yams marks are 1-based.
        guard let mark = node.mark else { return SourceLocation(line: 2, column: 1) }
        return SourceLocation(line: mark.line + 1, column: mark.column)
    }

    private static func locate(_ error: YamlError) -> LocatedError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return LocatedError(
                "invalid YAML in front matter: \(problem)", at: .init(line: mark.line + 1, column: mark.column))
        default:
            return LocatedError("invalid YAML in front matter: \(error)", at: .init(line: 2, column: 1))
        }
    }
}
