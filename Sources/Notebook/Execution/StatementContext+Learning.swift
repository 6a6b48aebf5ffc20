import CommonMark
import Foundation
import MLData
import MLLearn
import MLPlot

/// Pipelines, models and evaluation.
extension StatementContext {
    mutating func pipeline() throws -> Value {
        var spec = PipelineSpec()
        if let argument = command.argument("impute") {
            let imputation: Imputation?
            switch argument.value.kind {
            case .call(let name, let args) where name.name == "constant":
                guard args.count == 1, case .number(let value, _) = args[0].kind else {
                    throw LocatedError("constant(…) takes one number, such as constant(0)", at: argument.value.location)
                }
                imputation = .constant(value)
            default:
                imputation = argument.value.word.flatMap(Imputation.init(name:))
            }
            guard let imputation else {
                let choices = ["mean", "median", "mode", "constant(0)"]
                let word = argument.value.word ?? argument.value.sourceText
                throw LocatedError(
                    withSuggestion(
                        "'impute' must be one of \(choices.joined(separator: ", ")), not '\(word)'", for: word,
                        among: choices),
                    at: argument.value.location)
            }
            spec.impute = imputation
        }
        if let word = command.argument("scale")?.value.word {
            guard let scaling = Scaling(name: word) else {
                throw LocatedError("'scale' must be standard, minmax, robust or none", at: location("scale"))
            }
            spec.scale = scaling
        }
        if let word = command.argument("encode")?.value.word {
            guard let encoding = Encoding(name: word) else {
                throw LocatedError("'encode' must be onehot or ordinal", at: location("encode"))
            }
            spec.encode = encoding
        }
        outputs.append(.text("pipeline: " + spec.summary))
        return .pipeline(spec)
    }

    /// The model kind named by the first positional argument (`fit forest, …`, `tune knn, …`).
    func modelKind() throws -> ModelKind {
        guard let word = command.positional.first?.word, let kind = ModelKind(rawValue: word.lowercased()) else {
            let word = command.positional.first?.word ?? ""
            throw LocatedError(
                withSuggestion("unknown model kind '\(word)'", for: word, among: VerbTable.modelKinds),
                at: command.positional.first?.location ?? command.verb.location)
        }
        return kind
    }

    mutating func fit() throws -> Value {
        let kind = try modelKind()
        let (frame, frameName) = try frame("on")
        let target = try column("target", in: frame)
        let hyperparameters = try self.hyperparameters(of: kind)
        let model: TrainedModel
        do {
            var prep: PipelineSpec?
            if let argument = command.argument("prep") {
                guard case .pipeline(let spec) = try session.evaluate(argument.value) else {
                    throw LocatedError("'prep' must be a pipeline made with 'pipeline'", at: argument.value.location)
                }
                prep = spec
            }
            model = try TrainedModel.fit(
                kind, on: frame, target: target, hyperparameters: hyperparameters, pipeline: prep)
            if model.hyperparameters.contains(where: { $0.name == "seed" }), let seed = model.hyperparameter("seed") {
                session.seeds.append("\(kind.rawValue) on \(frameName): seed \(seed)")
            }
        } catch let error as DataError {
            throw LocatedError(error.description, at: location("on"))
        } catch let error as LearnError {
            throw located(error, else: command.verb.location)
        }
        outputs.append(
            .text(
                "fitted \(model.kind.displayName) on \(frameName) (\(NumberFormatting.grouped(model.trainingRows)) rows)"
            ))
        outputs += model.warnings.map { .warning($0) }
        return .model(model)
    }

    mutating func evaluate() throws -> Value {
        var models: [(String, TrainedModel)] = []
        for expression in command.positional {
            guard case .model(let model) = try session.evaluate(expression) else {
                throw LocatedError("'\(expression.sourceText)' is not a model", at: expression.location)
            }
            models.append((expression.sourceText, model))
        }
        guard let on = command.argument("on") else {
            throw LocatedError("'evaluate' needs 'on:' with a frame", at: command.verb.location)
        }
        let sets = on.value.listItems
        var frames: [(String, DataFrame)] = []
        for expression in sets {
            guard case .frame(let frame) = try session.evaluate(expression) else {
                throw LocatedError("'\(expression.sourceText)' is not a frame", at: expression.location)
            }
            frames.append((expression.sourceText, frame))
        }
        let chosen = command.argument("metrics")?.value.listItems
        var metricNames: [String] = []
        var rows: [(model: String, set: String, values: [(String, Double)])] = []
        var measured: [(String, String, [(String, Double)])] = []
        for (modelName, model) in models {
            for (setName, frame) in frames {
                let evaluation = try engine(at: on.value.location) { try MLLearn.evaluate(model, on: frame) }
                let usual = evaluation.metrics.map { ($0.name, $0.value) }
                // Every metric is kept for inline values (`m.test.f1_weighted`, `m.test.recall.malignant`).
                var all = usual
                if case .classification(let classes) = model.task {
                    all += evaluation.detailedMetrics(classes: classes).map { ($0.name, $0.value) }
                }
                let shown = try chosen.map { try pick($0, from: all, model: modelName) } ?? usual
                for (metric, _) in shown where !metricNames.contains(metric) { metricNames.append(metric) }
                rows.append((modelName, setName, shown))
                measured.append((modelName, setName, all))
                session.scores[modelName, default: []].append((setName, all))
                outputs += evaluation.warnings.map { .warning("\(modelName) on \(setName): \($0)") }
            }
        }
        var columns: [Column] = [Column(name: "model", categories: rows.map { $0.model })]
        if frames.count > 1 { columns.append(Column(name: "data", categories: rows.map { $0.set })) }
        for metric in metricNames {
            columns.append(Column(name: metric, numbers: rows.map { row in row.values.first { $0.0 == metric }?.1 }))
        }
        let table = try DataFrame(columns: columns)
        var output = TableOutput(
            columns: table.columns.map { .init(name: $0.name, isNumeric: $0.type == .number) },
            rows: rows.map { row in
                [row.model] + (frames.count > 1 ? [row.set] : [])
                    + metricNames.map { m in
                        row.values.first { $0.0 == m }.map { NumberFormatting.fixed($0.1, decimals: 4) }
                    }
            })
        output = labelled(output)
        outputs.append(.table(output))
        // The warnings compare accuracy or R² whichever columns are shown.
        if frames.count > 1 { outputs += overfittingWarnings(measured) }
        return .frame(table)
    }

    /// The metrics named in `metrics:`, in that order, from those measured; an unknown name fails at its place
    /// with the nearest known one.
    private func pick(_ items: [Expression], from measured: [(String, Double)], model: String) throws
        -> [(String, Double)]
    {
        try items.map { item in
            let name = item.word ?? item.sourceText
            guard let metric = measured.first(where: { $0.0 == name }) else {
                let known = measured.map(\.0)
                throw LocatedError(
                    withSuggestion("\(model) has no metric '\(name)'", for: name, among: known), at: item.location)
            }
            return metric
        }
    }

    func overfittingWarnings(_ rows: [(String, String, [(String, Double)])]) -> [Output] {
        var warnings: [Output] = []
        let byModel = Dictionary(grouping: rows, by: { $0.0 })
        var models: [String] = []
        for row in rows where !models.contains(row.0) { models.append(row.0) }
        for model in models {
            let sets = byModel[model] ?? []
            guard let train = sets.first(where: { $0.1 == "train" }) else { continue }
            let key = train.2.first { $0.0 == "accuracy" } ?? train.2.first { $0.0 == "r2" }
            guard let (metric, trainScore) = key else { continue }
            for other in sets where other.1 != "train" {
                guard let score = other.2.first(where: { $0.0 == metric })?.1 else { continue }
                if trainScore - score > 0.05 {
                    warnings.append(
                        .warning(
                            "\(model): \(metric) is \(NumberFormatting.fixed(trainScore, decimals: 3)) on train but "
                                + "\(NumberFormatting.fixed(score, decimals: 3)) on \(other.1); the model may be over-fitting"
                        ))
                }
            }
        }
        return warnings
    }

    /// The hyperparameters of `kind` given as labels of the command, typed as the verb table says.
    ///
    /// A bare word that names nothing in the session (`features: sqrt`, `early_stop: auto`) is a word value.
    func hyperparameters(of kind: ModelKind) throws -> [String: HyperValue] {
        var hyperparameters: [String: HyperValue] = [:]
        for parameter in VerbTable.hyperparametersByKind[kind.rawValue] ?? [] {
            guard let argument = command.argument(parameter.name) else { continue }
            let expression = argument.value
            if case .choice = parameter.type {
                // `none` may be one of the words (`penalty: none`).
                guard let word = expression.word else {
                    throw LocatedError("'\(parameter.name)' must be \(parameter.type.phrase)", at: expression.location)
                }
                hyperparameters[parameter.name] = .string(word)
                continue
            }
            if case .none = expression.kind {
                hyperparameters[parameter.name] = .null
                continue
            }
            // A parameter (`depth: params.depth`) may hold none too.
            if case .orNone = parameter.type, case .none = try session.evaluate(expression) {
                hyperparameters[parameter.name] = .null
                continue
            }
            switch parameter.type.withoutNone {
            case .integer:
                guard let n = try integer(parameter.name) else { continue }
                hyperparameters[parameter.name] = .integer(n)
            case .number, .fraction:
                guard let n = try number(parameter.name) else { continue }
                hyperparameters[parameter.name] = .number(n)
            default:
                if case .path(let parts) = expression.kind, parts.count == 1, session.values[parts[0]] == nil,
                    parts[0] != "params"
                {
                    hyperparameters[parameter.name] = .string(parts[0])
                } else {
                    hyperparameters[parameter.name] = try hyperValue(
                        try session.evaluate(expression), at: expression.location)
                }
            }
        }
        return hyperparameters
    }

    func hyperValue(_ value: Value, at location: SourceLocation) throws -> HyperValue {
        switch value {
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? .integer(Int(n)) : .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return .list(try items.map { try hyperValue($0, at: location) })
        case .none: return .null
        default: throw LocatedError("a hyperparameter must be a number, text, true/false or a list", at: location)
        }
    }
}
