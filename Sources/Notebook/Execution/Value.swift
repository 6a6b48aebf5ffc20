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
