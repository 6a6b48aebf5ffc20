import CommonMark
import Foundation
import MLData
import MLLearn

/// The state of one notebook run: bound names, parameters, files read, results by name.
///
/// One session per notebook; cells run in order and see every name bound before them.
struct Session {
    /// Names bound so far.
    var values: [String: Value] = [:]
    /// Parameters in effect.
    var parameters: [(name: String, value: ParameterValue)]
    /// The folder notebook paths are relative to.
    let directory: String
    /// Files read, in order, for the appendix.
    var files: [Reproducibility.FileRecord] = []
    /// Seeds used by random steps.
    var seeds: [String] = []
    /// The files the current cell read, with their hashes (for the block cache).
    var inputsInCell: [CacheEntry.Input] = []
    /// Scores by model name, then data set name, then metric (in metric order).
    var scores: [String: [(set: String, metrics: [(String, Double)])]] = [:]
    /// Figures so far (numbering).
    var figureCount = 0
    /// Labelled tables so far (numbering).
    var tableCount = 0
    /// Figures made by the current cell (the label names the first).
    var figuresInCell = 0
    /// Whether the current cell's label has been given to a table.
    var labelledTableInCell = false

    /// Resolves `path` against the notebook's folder (absolute paths stay as they are).
    func resolve(_ path: String) -> String {
        NotebookPath.resolve(path, from: directory)
    }

    /// Records a file read (once per path and content).
    mutating func record(file: Reproducibility.FileRecord) {
        if !files.contains(file) { files.append(file) }
    }

    /// Evaluates an expression to a value.
    ///
    /// - Throws: ``LocatedError`` for unknown names and paths, with suggestions.
    func evaluate(_ expression: Expression) throws -> Value {
        switch expression.kind {
        case .number(let value, _): return .number(value)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .list(let items): return .list(try items.map { try evaluate($0) })
        case .record(let fields): return .record(try fields.map { ($0.label.name, try evaluate($0.value)) })
        case .call(let name, _):
            throw LocatedError("'\(name.name)(…)' is not a value here", at: expression.location)
        case .path(let parts):
            return try lookup(parts, at: expression.location)
        }
    }

    private func lookup(_ parts: [String], at location: SourceLocation) throws -> Value {
        let root = parts[0]
        if root == "params", values["params"] == nil {
            guard parts.count == 2 else { throw LocatedError("use params.NAME to read a parameter", at: location) }
            guard let parameter = parameters.first(where: { $0.name == parts[1] }) else {
                let message = withSuggestion(
                    "unknown parameter '\(parts[1])'", for: parts[1], among: parameters.map(\.name))
                throw LocatedError(message, at: location)
            }
            return Value(parameter.value)
        }
        guard let value = values[root] else {
            let message = withSuggestion("unknown name '\(root)'", for: root, among: values.keys.sorted() + ["params"])
            throw LocatedError(message, at: location)
        }
        guard parts.count > 1 else { return value }
        let rest = Array(parts.dropFirst())
        switch value {
        case .frame(let frame): return try field(of: frame, rest, name: root, at: location)
        case .model(let model): return try field(of: model, rest, name: root, at: location)
        case .record(let fields):
            guard let found = fields.first(where: { $0.0 == rest[0] }) else {
                throw LocatedError(
                    withSuggestion("'\(root)' has no field '\(rest[0])'", for: rest[0], among: fields.map(\.0)),
                    at: location)
            }
            return found.1
        default:
            throw LocatedError("'\(root)' is \(value.kind.phrase) and has no fields", at: location)
        }
    }

    private func field(of frame: DataFrame, _ path: [String], name: String, at location: SourceLocation) throws -> Value
    {
        let fields = ["rows", "columns", "target"]
        switch path[0] {
        case "rows": return .number(Double(frame.rowCount))
        case "columns": return .number(Double(frame.columnCount))
        case "target": return frame.target.map { .string($0) } ?? .none
        default:
            throw LocatedError(
                withSuggestion("a frame has no field '\(path[0])'", for: path[0], among: fields), at: location)
        }
    }

    private func field(of model: TrainedModel, _ path: [String], name: String, at location: SourceLocation) throws
        -> Value
    {
        if path[0] == "params" {
            guard path.count == 2 else { throw LocatedError("use \(name).params.NAME", at: location) }
            guard let value = model.hyperparameters.first(where: { $0.name == path[1] }) else {
                let names = model.hyperparameters.map(\.name)
                throw LocatedError(
                    withSuggestion("'\(name)' has no parameter '\(path[1])'", for: path[1], among: names), at: location)
            }
            return Value(hyper: value.value)
        }
        var sets = scores[name] ?? []
        if path[0] == "training", !sets.contains(where: { $0.set == "training" }) {
            // The metrics measured while fitting, always there: `pca.training.explained_variance`.
            sets.append(("training", model.trainingMetrics.metrics.map { ($0.name, $0.value) }))
        }
        guard let scored = sets.last(where: { $0.set == path[0] }) else {
            let known = sets.map(\.set) + ["params", "training"]
            var message = "'\(name)' has no results for '\(path[0])'"
            if let near = nearestName(to: path[0], in: known) {
                message += "; did you mean '\(near)'?"
            } else {
                message +=
                    path[0] == "cv"
                    ? "; run 'cv \(name), on: …' first" : "; run 'evaluate \(name), on: \(path[0])' first"
            }
            throw LocatedError(message, at: location)
        }
        guard path.count >= 2 else {
            return .record(scored.metrics.map { ($0.0, .number($0.1)) })
        }
        // `rf.cv.f1.mean` and `rf.cv.f1.std` name cross-validation summaries; `rf.cv.f1` is the mean.
        let key = path.dropFirst().joined(separator: ".")
        let found = scored.metrics.first { $0.0 == key } ?? scored.metrics.first { $0.0 == key + ".mean" }
        guard let metric = found else {
            let names = scored.metrics.map(\.0)
            throw LocatedError(
                withSuggestion("no metric '\(key)' for \(name) on \(path[0])", for: key, among: names),
                at: location)
        }
        return .number(metric.1)
    }
}

extension Value {
    init(hyper: HyperValue) {
        switch hyper {
        case .number(let d): self = .number(d)
        case .integer(let i): self = .number(Double(i))
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .list(let items): self = .list(items.map { Value(hyper: $0) })
        case .null: self = .none
        }
    }
}
