import MLData

/// A hyperparameter value as a notebook writes it: `C: 0.5`, `trees: 200`, `penalty: l2`,
/// `layers: [64, 32]`, `depth: none`.
///
/// It is encoded as a one-key object naming its case (`{"number": 0.5}`), so a model file keeps the
/// difference between `1` and `1.0`.
public enum HyperValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A real number.
    case number(Double)
    /// A whole number.
    case integer(Int)
    /// A word or string, such as `l2` or `"sqrt"`.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// A list, such as `[64, 32]`.
    case list([HyperValue])
    /// The notebook's `none` literal (such as `depth: none`, `penalty: none`).
    case null

    /// The value as a double when it is a number or a whole number.
    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The value as notebook text: `0.5`, `200`, `l2`, `[64, 32]`, `none`.
    public var description: String {
        switch self {
        case .number(let value): formatNumber(value)
        case .integer(let value): String(value)
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .null: "none"
        }
    }

    private enum CodingKeys: String, CodingKey { case number, integer, string, bool, list, null }

    /// Decodes a one-key object such as `{"integer": 200}`.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when the object does not have exactly one known key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a hyperparameter value needs exactly one key")
            )
        }
        switch key {
        case .number: self = .number(try container.decode(Double.self, forKey: key))
        case .integer: self = .integer(try container.decode(Int.self, forKey: key))
        case .string: self = .string(try container.decode(String.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .list: self = .list(try container.decode([HyperValue].self, forKey: key))
        case .null: self = .null
        }
    }

    /// Encodes the value as a one-key object.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws (a non-finite number with JSON's default strategy).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let value): try container.encode(value, forKey: .number)
        case .integer(let value): try container.encode(value, forKey: .integer)
        case .string(let value): try container.encode(value, forKey: .string)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .list(let values): try container.encode(values, forKey: .list)
        case .null: try container.encodeNil(forKey: .null)
        }
    }
}

/// One named hyperparameter of a trained model, as resolved (defaults included).
public struct Hyperparameter: Sendable, Hashable, Codable {
    /// The notebook name, such as `C` or `max_iter`.
    public var name: String
    /// The value used.
    public var value: HyperValue

    /// Creates a named value.
    ///
    /// - Parameters:
    ///   - name: The notebook name.
    ///   - value: The value.
    public init(name: String, value: HyperValue) {
        self.name = name
        self.value = value
    }
}

/// Reads typed hyperparameters from what the user gave, with defaults and clear errors.
struct HyperparameterReader {
    let kind: ModelKind
    let given: [String: HyperValue]
    /// The seed randomized kinds use when `seed:` is not given.
    let defaultSeed: UInt64

    /// Checks that every given name is one `known` for `kind`.
    init(kind: ModelKind, given: [String: HyperValue], known: [String], defaultSeed: UInt64 = 42) throws {
        for name in given.keys.sorted() where !known.contains(name) {
            var message = "\(kind.rawValue) has no hyperparameter '\(name)'"
            if let near = nearestName(to: name, in: known) { message += "; did you mean '\(near)'?" }
            message += " (it takes: \(known.joined(separator: ", ")))"
            throw LearnError(.unknownHyperparameter, message)
        }
        self.kind = kind
        self.given = given
        self.defaultSeed = defaultSeed
    }

    /// The `seed:` value (a whole number ≥ 0), ``defaultSeed`` when absent.
    func seed() throws -> UInt64 {
        let seed = try integer("seed", default: Int(clamping: defaultSeed), rule: "a whole number ≥ 0") { $0 >= 0 }
        return UInt64(seed)
    }

    /// A whole number or `none` (returned as `nil`), `fallback` when absent.
    func optionalInteger(_ name: String, default fallback: Int?, rule: String, _ isValid: (Int) -> Bool) throws
        -> Int?
    {
        if case .null = given[name] { return nil }
        guard given[name] != nil else { return fallback }
        return try integer(name, default: 0, rule: rule, isValid)
    }

    /// A list of whole numbers such as `layers: [64, 32]` (a single number is a one-element list).
    func integerList(_ name: String, default fallback: [Int], rule: String, _ isValid: (Int) -> Bool) throws
        -> [Int]
    {
        guard let value = given[name] else { return fallback }
        let items: [HyperValue] =
            switch value {
            case .list(let items): items
            default: [value]
            }
        return try items.map { item in
            let whole: Int? =
                switch item {
                case .integer(let v): v
                case .number(let v) where v == v.rounded() && abs(v) < 1e15: Int(v)
                default: nil
                }
            guard let whole, isValid(whole) else {
                throw LearnError(.invalidHyperparameter, "\(name) must be \(rule), got \(value)", hyperparameter: name)
            }
            return whole
        }
    }

    /// Whether `name` was given.
    func has(_ name: String) -> Bool { given[name] != nil }

    /// A real number, `fallback` when absent; `isValid` states the allowed range in `rule`.
    func number(_ name: String, default fallback: Double, rule: String, _ isValid: (Double) -> Bool) throws -> Double {
        guard let value = given[name] else { return fallback }
        guard let number = value.doubleValue, isValid(number) else {
            throw LearnError(.invalidHyperparameter, "\(name) must be \(rule), got \(value)", hyperparameter: name)
        }
        return number
    }

    /// A whole number (a real number with no fraction is accepted), `fallback` when absent.
    func integer(_ name: String, default fallback: Int, rule: String, _ isValid: (Int) -> Bool) throws -> Int {
        guard let value = given[name] else { return fallback }
        let whole: Int? =
            switch value {
            case .integer(let v): v
            case .number(let v) where v == v.rounded() && abs(v) < 1e15: Int(v)
            default: nil
            }
        guard let whole, isValid(whole) else {
            throw LearnError(.invalidHyperparameter, "\(name) must be \(rule), got \(value)", hyperparameter: name)
        }
        return whole
    }

    /// One of `choices` (case-insensitive; `none` may be written as the `none` literal), `fallback` when absent.
    func choice(_ name: String, default fallback: String, choices: [String]) throws -> String {
        guard let value = given[name] else { return fallback }
        let word: String? =
            switch value {
            case .string(let s): s.lowercased()
            case .null: "none"
            default: nil
            }
        guard let word, let match = choices.first(where: { $0.lowercased() == word }) else {
            var message = "\(name) must be one of \(choices.joined(separator: ", ")), got \(value)"
            if case .string(let s) = value, let near = nearestName(to: s, in: choices) {
                message += "; did you mean '\(near)'?"
            }
            throw LearnError(.invalidHyperparameter, message, hyperparameter: name)
        }
        return match
    }
}
