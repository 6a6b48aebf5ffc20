import CommonMark
import Foundation
import MLData
import MLLearn
import MLPlot

/// Runs one statement against a copy of the session and collects its outputs.
///
/// Working on a copy means a failing statement leaves the session as it was.
struct StatementContext {
    let cell: Cell
    var session: Session
    var outputs: [Output] = []
    private var command = Command(targets: [], verb: Identifier("", at: .init(line: 1, column: 1)), arguments: [])

    init(cell: Cell, session: Session) {
        self.cell = cell
        self.session = session
    }

    mutating func run(_ statement: Statement) throws {
        switch statement.kind {
        case .display(let expression):
            let value = try session.evaluate(expression)
            outputs += Display.outputs(for: value, name: expression.sourceText)
        case .command(let command):
            self.command = command
            guard let spec = VerbTable.standard.verbs[command.verb.name] else {
                let names = VerbTable.standard.verbs.keys.sorted()
                throw LocatedError(
                    withSuggestion("unknown verb '\(command.verb.name)'", for: command.verb.name, among: names),
                    at: command.verb.location)
            }
            let results = try perform(spec)
            for (target, value) in zip(command.targets, results) {
                session.values[target.name] = value
            }
        }
    }

    // MARK: - Verbs

    private mutating func perform(_ spec: VerbSpec) throws -> [Value] {
        switch spec.name {
        case "load": return [try load()]
        case "head":
            let (frame, _) = try frame(positional: 0)
            let rows = try integer("rows") ?? Display.previewRows
            guard rows >= 0 else { throw LocatedError("'rows' must be 0 or more", at: location("rows")) }
            let head = frame.head(rows)
            outputs.append(.table(labelled(Display.table(head, total: frame))))
            return [.frame(head)]
        case "describe":
            let (frame, _) = try frame(positional: 0)
            let summary = frame.describe()
            outputs.append(.table(labelled(Display.table(summary))))
            return [.frame(summary)]
        case "split": return try split()
        case "fit": return [try fit()]
        case "evaluate": return [try evaluate()]
        case "histogram":
            try histogram()
            return []
        case "show":
            let label = try string(positional: 0) ?? ""
            let value = try session.evaluate(command.positional[1])
            outputs.append(.metrics([MetricCard(label: label, value: Display.plain(value))]))
            return []
        default:
            throw LocatedError("'\(spec.name)' is not available in this version", at: command.verb.location)
        }
    }

    private mutating func load() throws -> Value {
        guard let path = try string(positional: 0) else {
            throw LocatedError("'load' needs a file path", at: command.verb.location)
        }
        var options = CSVOptions()
        if let separator = try string("separator") {
            let bytes = Array(separator.replacingOccurrences(of: "\\t", with: "\t").utf8)
            guard bytes.count == 1 else {
                throw LocatedError("'separator' must be one character, like \",\" or \";\"", at: location("separator"))
            }
            options.separator = bytes[0]
        }
        if let header = try bool("header") { options.header = header }
        if let extra = command.argument("missing") {
            guard case .list(let items) = try session.evaluate(extra.value) else {
                throw LocatedError("'missing' must be a list of strings", at: extra.value.location)
            }
            for item in items {
                guard case .string(let token) = item else {
                    throw LocatedError("'missing' must be a list of strings", at: extra.value.location)
                }
                options.missingTokens.insert(token)
            }
        }
        if let types = command.argument("types") {
            guard case .record(let fields) = types.value.kind else {
                throw LocatedError("'types' must be a record like {zip: category}", at: types.value.location)
            }
            for field in fields {
                guard let word = field.value.word, let type = ColumnType(rawValue: word) else {
                    let names = ColumnType.allCases.map(\.rawValue)
                    throw LocatedError(
                        withSuggestion(
                            "unknown type '\(field.value.sourceText)'", for: field.value.word ?? "", among: names),
                        at: field.value.location)
                }
                options.types[field.label.name] = type
            }
        }
        let resolved = session.resolve(path)
        let pathLocation = command.positional[0].location
        var frame: DataFrame
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(resolved, displayName: path)
            frame = try CSVReader.read(bytes: bytes, file: path, options: options)
        } catch let error as DataError {
            throw LocatedError(error.description, at: pathLocation)
        }
        for name in options.types.keys where frame[name] == nil {
            throw LocatedError(frame.unknownColumn(name).message + " (in 'types')", at: location("types"))
        }
        if let target = try column("target", in: frame) {
            frame = try frame.withTarget(target)
        }
        let record = Reproducibility.FileRecord(path: path, rows: frame.rowCount, sha256: SHA256.hex(of: bytes))
        frame.provenance = Provenance(path: path, rows: frame.rowCount, sha256: record.sha256)
        session.record(file: record)
        var counts: [ColumnType: Int] = [:]
        for column in frame.columns { counts[column.type, default: 0] += 1 }
        let kinds = ColumnType.allCases.compactMap { type in counts[type].map { "\($0) \(type.rawValue)" } }
        var line =
            "\(path): \(NumberFormatting.grouped(frame.rowCount)) rows × \(frame.columnCount) columns ("
            + kinds.joined(separator: ", ") + ")"
        if let target = frame.target { line += "; target: \(target)" }
        let missing = frame.columns.reduce(0) { $0 + $1.missingCount }
        if missing > 0 { line += "; \(NumberFormatting.grouped(missing)) missing values" }
        outputs.append(.text(line))
        return .frame(frame)
    }

    private mutating func split() throws -> [Value] {
        let (frame, name) = try frame(positional: 0)
        let test = try number("test") ?? 0.2
        let valid = try number("valid") ?? 0
        let stratify = try bool("stratify") ?? false
        let seed = try integer("seed") ?? 42
        guard seed >= 0 else { throw LocatedError("'seed' must be 0 or more", at: location("seed")) }
        let parts: [DataFrame]
        do {
            parts = try frame.split(test: test, valid: valid, stratify: stratify, seed: UInt64(seed))
        } catch let error as DataError {
            throw LocatedError(error.description, at: command.verb.location)
        }
        session.seeds.append("split of \(name): seed \(seed)")
        let names =
            command.targets.isEmpty
            ? (parts.count == 2 ? ["train", "test"] : ["train", "valid", "test"]) : command.targets.map(\.name)
        let sizes = zip(names, parts).map { "\($0): \(NumberFormatting.grouped($1.rowCount)) rows" }
        var line = sizes.joined(separator: ", ")
        if stratify, let target = frame.target {
            line += " (stratified by \(target), seed \(seed))"
        } else {
            line += " (seed \(seed))"
        }
        outputs.append(.text(line))
        return parts.map { .frame($0) }
    }

    private mutating func fit() throws -> Value {
        guard let kindWord = command.positional.first?.word, let kind = ModelKind(rawValue: kindWord.lowercased())
        else {
            let word = command.positional.first?.word ?? ""
            throw LocatedError(
                withSuggestion("unknown model kind '\(word)'", for: word, among: VerbTable.modelKinds),
                at: command.positional.first?.location ?? command.verb.location)
        }
        let (frame, frameName) = try frame("on")
        let target = try column("target", in: frame)
        var hyperparameters: [String: HyperValue] = [:]
        let spec = VerbTable.standard.verbs["fit"]?.labelsByKind[kindWord] ?? []
        for parameter in spec {
            guard let argument = command.argument(parameter.name) else { continue }
            switch parameter.type {
            case .choice:
                guard let word = argument.value.word else {
                    throw LocatedError(
                        "'\(parameter.name)' must be \(parameter.type.phrase)", at: argument.value.location)
                }
                hyperparameters[parameter.name] = word == "none" ? .null : .string(word)
            case .integer:
                guard let n = try integer(parameter.name) else { continue }
                hyperparameters[parameter.name] = .integer(n)
            case .number:
                guard let n = try number(parameter.name) else { continue }
                hyperparameters[parameter.name] = .number(n)
            default:
                hyperparameters[parameter.name] = try hyperValue(
                    try session.evaluate(argument.value), at: argument.value.location)
            }
        }
        let model: TrainedModel
        do {
            model = try TrainedModel.fit(kind, on: frame, target: target, hyperparameters: hyperparameters)
        } catch let error as DataError {
            throw LocatedError(error.description, at: location("on"))
        } catch let error as LearnError {
            throw LocatedError(error.description, at: command.verb.location)
        }
        outputs.append(
            .text(
                "fitted \(model.kind.displayName) on \(frameName) (\(NumberFormatting.grouped(model.trainingRows)) rows)"
            ))
        outputs += model.warnings.map { .warning($0) }
        return .model(model)
    }

    private mutating func evaluate() throws -> Value {
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
        let sets: [Expression] = if case .list(let items) = on.value.kind { items } else { [on.value] }
        var frames: [(String, DataFrame)] = []
        for expression in sets {
            guard case .frame(let frame) = try session.evaluate(expression) else {
                throw LocatedError("'\(expression.sourceText)' is not a frame", at: expression.location)
            }
            frames.append((expression.sourceText, frame))
        }
        var metricNames: [String] = []
        var rows: [(model: String, set: String, values: [(String, Double)])] = []
        for (modelName, model) in models {
            for (setName, frame) in frames {
                let evaluation: Evaluation
                do {
                    evaluation = try MLLearn.evaluate(model, on: frame)
                } catch let error as DataError {
                    throw LocatedError(error.description, at: on.value.location)
                } catch let error as LearnError {
                    throw LocatedError(error.description, at: on.value.location)
                }
                let metrics = evaluation.metrics.map { ($0.name, $0.value) }
                for (metric, _) in metrics where !metricNames.contains(metric) { metricNames.append(metric) }
                rows.append((modelName, setName, metrics))
                session.scores[modelName, default: []].append((setName, metrics))
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
        if frames.count > 1 { outputs += overfittingWarnings(rows.map { ($0.model, $0.set, $0.values) }) }
        return .frame(table)
    }

    private func overfittingWarnings(_ rows: [(String, String, [(String, Double)])]) -> [Output] {
        var warnings: [Output] = []
        let byModel = Dictionary(grouping: rows, by: { $0.0 })
        for (model, sets) in byModel.sorted(by: { $0.key < $1.key }) {
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

    private mutating func histogram() throws {
        let (frame, _) = try frame(positional: 0)
        guard let x = try column("x", in: frame) else {
            throw LocatedError("'histogram' needs 'x:' with a numeric column", at: command.verb.location)
        }
        let data = try frame.column(x)
        guard let values = data.doubles, data.type != .boolean else {
            throw LocatedError(
                "'histogram' needs a numeric column, but '\(x)' is \(data.type.rawValue)", at: location("x"))
        }
        var series: [(name: String, values: [Double])] = []
        var title = try string("title")
        if let by = try column("by", in: frame) {
            let groups = try frame.column(by)
            var order: [String] = []
            var buckets: [String: [Double]] = [:]
            for row in 0..<frame.rowCount {
                guard let key = groups.string(at: row) else { continue }
                if buckets[key] == nil { order.append(key) }
                buckets[key, default: []].append(values[row])
            }
            if case .category(_, let levels) = groups.storage { order = levels.filter { buckets[$0] != nil } }
            series = order.map { ($0, buckets[$0] ?? []) }
            // A caption already says what the figure shows; without one, a title does.
            if title == nil && cell.options.caption == nil { title = "\(x) by \(by)" }
        } else {
            series = [(x, values)]
        }
        let bins: BinRule
        if let count = try integer("bins") {
            guard (1...1000).contains(count) else {
                throw LocatedError("'bins' must be between 1 and 1000", at: location("bins"))
            }
            bins = .count(count)
        } else {
            bins = .auto
        }
        let figure = Charts.histogram(series: series, bins: bins, xLabel: x, yLabel: "Count", title: title)
        outputs.append(.figure(nextFigure(figure)))
    }

    // MARK: - Output numbering and labels

    private mutating func nextFigure(_ figure: Figure) -> FigureOutput {
        session.figureCount += 1
        let number = session.figureCount
        let label = cell.options.label.flatMap { $0.hasPrefix("fig-") ? $0 : nil }
        let id = (label.map { number == firstFigureNumber ? $0 : "\($0)-\(number)" }) ?? "fig-\(number)"
        return FigureOutput(id: id, number: number, caption: cell.options.caption, figure: figure)
    }

    /// The number of the cell's first figure: a label names that one.
    private var firstFigureNumber: Int {
        session.figureCount - outputs.filter { if case .figure = $0 { true } else { false } }.count
    }

    private mutating func labelled(_ table: TableOutput) -> TableOutput {
        guard let label = cell.options.label, label.hasPrefix("tbl-") else { return table }
        let already = outputs.contains { if case .table(let t) = $0 { t.id != nil } else { false } }
        guard !already else { return table }
        var copy = table
        session.tableCount += 1
        copy.id = label
        copy.number = session.tableCount
        copy.caption = cell.options.caption
        return copy
    }

    // MARK: - Arguments

    private func location(_ label: String) -> SourceLocation {
        command.argument(label)?.value.location ?? command.verb.location
    }

    private func frame(positional index: Int) throws -> (DataFrame, String) {
        guard index < command.positional.count else {
            throw LocatedError("'\(command.verb.name)' needs a frame", at: command.verb.location)
        }
        return try frame(command.positional[index])
    }

    private func frame(_ label: String) throws -> (DataFrame, String) {
        guard let argument = command.argument(label) else {
            throw LocatedError("'\(command.verb.name)' needs '\(label):' with a frame", at: command.verb.location)
        }
        return try frame(argument.value)
    }

    private func frame(_ expression: Expression) throws -> (DataFrame, String) {
        let value = try session.evaluate(expression)
        guard case .frame(let frame) = value else {
            throw LocatedError(
                "expected a frame, but '\(expression.sourceText)' is \(value.kind.phrase)", at: expression.location)
        }
        return (frame, expression.sourceText)
    }

    /// A column name argument, checked against `frame` (with a did-you-mean).
    private func column(_ label: String, in frame: DataFrame) throws -> String? {
        guard let argument = command.argument(label) else { return nil }
        let name: String
        if let word = argument.value.word {
            name = word
        } else if case .string(let s) = try session.evaluate(argument.value) {
            name = s
        } else {
            throw LocatedError("'\(label)' must be a column name", at: argument.value.location)
        }
        guard frame[name] != nil else {
            throw LocatedError(frame.unknownColumn(name).message, at: argument.value.location)
        }
        return name
    }

    private func string(positional index: Int) throws -> String? {
        guard index < command.positional.count else { return nil }
        let expression = command.positional[index]
        guard case .string(let s) = try session.evaluate(expression) else {
            throw LocatedError("expected a quoted string, found \(expression.sourceText)", at: expression.location)
        }
        return s
    }

    private func string(_ label: String) throws -> String? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .string(let s) = value else {
            throw LocatedError(
                "'\(label)' must be a quoted string, not \(value.kind.phrase)", at: argument.value.location)
        }
        return s
    }

    private func number(_ label: String) throws -> Double? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .number(let n) = value else {
            throw LocatedError("'\(label)' must be a number, not \(value.kind.phrase)", at: argument.value.location)
        }
        return n
    }

    private func integer(_ label: String) throws -> Int? {
        guard let n = try number(label) else { return nil }
        guard n.rounded() == n, abs(n) < 1e15 else {
            throw LocatedError(
                "'\(label)' must be a whole number, not \(NumberFormatting.significant(n))", at: location(label))
        }
        return Int(n)
    }

    private func bool(_ label: String) throws -> Bool? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .bool(let b) = value else {
            throw LocatedError(
                "'\(label)' must be true or false, not \(value.kind.phrase)", at: argument.value.location)
        }
        return b
    }

    private func hyperValue(_ value: Value, at location: SourceLocation) throws -> HyperValue {
        switch value {
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? .integer(Int(n)) : .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return .list(try items.map { try hyperValue($0, at: location) })
        default: throw LocatedError("a hyperparameter must be a number, text, true/false or a list", at: location)
        }
    }
}
