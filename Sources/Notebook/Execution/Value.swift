import MLData
import MLLearn

/// A value held by a name in a notebook session.
enum Value: Sendable {
    case frame(DataFrame)
    case model(TrainedModel)
    case pipeline(PipelineSpec)
    case number(Double)
    case string(String)
    case bool(Bool)
    case none
    case list([Value])
    case record([(String, Value)])

    /// The static kind, for messages.
    var kind: ValueKind {
        switch self {
        case .frame: .frame
        case .model: .model
        case .pipeline: .pipeline
        case .number: .number
        case .string: .string
        case .bool: .bool
        case .none: .none
        case .list: .list
        case .record: .record
        }
    }

    init(_ parameter: ParameterValue) {
        switch parameter {
        case .integer(let i): self = .number(Double(i))
        case .number(let d): self = .number(d)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        }
    }
}

// MARK: - Codable (for the block cache)

extension Value: Codable {
    private enum CodingKeys: String, CodingKey {
        case frame, model, pipeline, number, string, bool, none, list, record
    }

    /// A record field, which Codable cannot write as a tuple.
    private struct Field: Codable {
        var name: String
        var value: Value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .frame(let frame): try container.encode(frame, forKey: .frame)
        case .model(let model): try container.encode(model, forKey: .model)
        case .pipeline(let spec): try container.encode(spec, forKey: .pipeline)
        // Bit patterns keep every double exact, NaN and infinities included.
        case .number(let number): try container.encode(number.bitPattern, forKey: .number)
        case .string(let string): try container.encode(string, forKey: .string)
        case .bool(let bool): try container.encode(bool, forKey: .bool)
        case .none: try container.encodeNil(forKey: .none)
        case .list(let items): try container.encode(items, forKey: .list)
        case .record(let fields): try container.encode(fields.map { Field(name: $0.0, value: $0.1) }, forKey: .record)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty value"))
        }
        switch key {
        case .frame: self = .frame(try container.decode(DataFrame.self, forKey: key))
        case .model: self = .model(try container.decode(TrainedModel.self, forKey: key))
        case .pipeline: self = .pipeline(try container.decode(PipelineSpec.self, forKey: key))
        case .number: self = .number(Double(bitPattern: try container.decode(UInt64.self, forKey: key)))
        case .string: self = .string(try container.decode(String.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .none: self = .none
        case .list: self = .list(try container.decode([Value].self, forKey: key))
        case .record: self = .record(try container.decode([Field].self, forKey: key).map { ($0.name, $0.value) })
        }
    }
}
