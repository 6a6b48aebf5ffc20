import CommonMark
import MLData

/// The options of one executable block (`echo`, `eval`, `output`, …).
public struct CellOptions: Sendable, Hashable, Codable {
    /// Show the block's source.
    public var echo = true
    /// Run the block.
    public var eval = true
    /// Show what the block produced.
    public var output = true
    /// Show anything at all (source or output).
    public var include = true
    /// Show warnings under the output.
    public var warning = true
    /// Render an error in the report and go on, instead of failing.
    public var error = false
    /// Reuse results while inputs are unchanged.
    public var cache = false
    /// Id for cross-references (`fig-…`, `tbl-…`).
    public var label: String?
    /// Caption under the figure or table.
    public var caption: String?

    /// Creates the defaults.
    public init() {}

    /// Every option name, with the Quarto spellings that map onto them.
    static let names = [
        "echo", "eval", "output", "include", "warning", "error", "cache", "label", "caption",
        "fig-cap", "tbl-cap",
    ]

    /// Sets option `key` from its text form.
    ///
    /// - Throws: ``LocatedError`` for an unknown option (with a suggestion) or a bad value.
    mutating func set(_ key: String, _ value: String, at location: SourceLocation) throws {
        func flag() throws -> Bool {
            switch value.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: throw LocatedError("option '\(key)' takes true or false, not '\(value)'", at: location)
            }
        }
        switch key {
        case "echo": echo = try flag()
        case "eval": eval = try flag()
        case "output": output = try flag()
        case "include": include = try flag()
        case "warning": warning = try flag()
        case "error": error = try flag()
        case "cache": cache = try flag()
        case "label": label = value
        case "caption", "fig-cap", "tbl-cap": caption = value
        default:
            throw LocatedError(
                withSuggestion("unknown block option '\(key)'", for: key, among: Self.names), at: location)
        }
    }

    /// Parses `key=value` pairs of an info string (values may be quoted).
    static func pairs(inInfo info: String) throws -> [(String, String, Int)] {
        var result: [(String, String, Int)] = []
        let scalars = Array(info.unicodeScalars)
        var i = 0
        func skipSpaces() {
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "," { i += 1 }
        }
        skipSpaces()
        while i < scalars.count {
            let start = i
            var key = ""
            while i < scalars.count, scalars[i] != "=", scalars[i] != " " {
                key.unicodeScalars.append(scalars[i]); i += 1
            }
            guard i < scalars.count, scalars[i] == "=" else {
                throw LocatedError(
                    "block option '\(key)' needs a value, as in \(key)=true", at: .init(line: 0, column: start))
            }
            i += 1
            var value = ""
            if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" {
                let quote = scalars[i]
                i += 1
                while i < scalars.count, scalars[i] != quote { value.unicodeScalars.append(scalars[i]); i += 1 }
                i += 1
            } else {
                while i < scalars.count, scalars[i] != " ", scalars[i] != "," {
                    value.unicodeScalars.append(scalars[i]); i += 1
                }
            }
            result.append((key, value, start))
            skipSpaces()
        }
        return result
    }
}
