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
    private(set) var command = Command(targets: [], verb: Identifier("", at: .init(line: 1, column: 1)), arguments: [])

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

    mutating func perform(_ spec: VerbSpec) throws -> [Value] {
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
        case "profile":
            try profile()
            return []
        case "outliers": return [try outliers()]
        case "dedupe": return [try dedupe()]
        case "drop": return [try drop()]
        case "filter": return [try filter()]
        case "derive": return [try derive()]
        case "cast": return [try cast()]
        case "fix": return [try fix()]
        case "split": return try split()
        case "pipeline": return [try pipeline()]
        case "fit": return [try fit()]
        case "evaluate": return [try evaluate()]
        case "confusion": return [try confusion()]
        case "roc":
            try roc()
            return []
        case "residuals":
            try residuals()
            return []
        case "pr":
            try precisionRecall()
            return []
        case "cv": return [try cv()]
        case "tune": return [try tune()]
        case "learning":
            try learningCurve()
            return []
        case "predict": return [try predict()]
        case "project": return [try project()]
        case "histogram":
            try histogram()
            return []
        case "box":
            try box()
            return []
        case "scatter":
            try scatter()
            return []
        case "line":
            try line()
            return []
        case "bar":
            try bar()
            return []
        case "correlation": return [try correlation()]
        case "show":
            let label = try string(positional: 0) ?? ""
            let value = try session.evaluate(command.positional[1])
            outputs.append(.metrics([MetricCard(label: label, value: Display.plain(value))]))
            return []
        default:
            throw LocatedError("'\(spec.name)' is not available in this version", at: command.verb.location)
        }
    }

    // MARK: - Output numbering and labels

    /// Numbers a figure; the cell's `fig-` label names its first figure, later ones get `-2`, `-3`.
    mutating func nextFigure(_ figure: Figure) -> FigureOutput {
        session.figureCount += 1
        session.figuresInCell += 1
        let number = session.figureCount
        let label = cell.options.label.flatMap { $0.hasPrefix("fig-") ? $0 : nil }
        let id = label.map { session.figuresInCell == 1 ? $0 : "\($0)-\(session.figuresInCell)" } ?? "fig-\(number)"
        return FigureOutput(id: id, number: number, caption: cell.options.caption, figure: figure)
    }

    /// Numbers the cell's first table when the cell has a `tbl-` label.
    mutating func labelled(_ table: TableOutput) -> TableOutput {
        guard let label = cell.options.label, label.hasPrefix("tbl-"), !session.labelledTableInCell else {
            return table
        }
        session.labelledTableInCell = true
        var copy = table
        session.tableCount += 1
        copy.id = label
        copy.number = session.tableCount
        copy.caption = cell.options.caption
        return copy
    }

    // MARK: - Arguments

    /// The parsed expression of argument `label` (a quoted string), with errors located in the notebook.
    func expression(_ label: String) throws -> ColumnExpression? {
        guard let argument = command.argument(label) else { return nil }
        guard case .string(let text) = argument.value.kind else {
            throw LocatedError(
                "'\(label)' must be an expression in quotes, such as \"age >= 18\"", at: argument.value.location)
        }
        do {
            return try ColumnExpression(parsing: text)
        } catch let error as ExpressionError {
            throw LocatedError(error.message, at: Checker.location(in: argument.value, offset: error.offset))
        }
    }

    /// Runs engine work, turning its errors into errors at `location`.
    ///
    /// Expression errors point into the string literal of `literal` when given.
    func engine<T>(at location: SourceLocation, literal: Expression? = nil, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DataError {
            throw LocatedError(error.description, at: location)
        } catch let error as LearnError {
            throw located(error, else: location)
        } catch let error as ExpressionError {
            let at = literal.map { Checker.location(in: $0, offset: error.offset) } ?? location
            throw LocatedError(error.message, at: at)
        }
    }

    /// An engine error placed in the notebook: at the value of the hyperparameter at fault when the statement
    /// labels it (`trees: -3`), else at `location`.
    func located(_ error: LearnError, else location: SourceLocation) -> LocatedError {
        let at = error.hyperparameter.flatMap { command.argument($0)?.value.location } ?? location
        return LocatedError(error.description, at: at)
    }

    /// The `seed:` argument (default 42), checked and recorded for the appendix as `what`.
    mutating func seed(for what: String) throws -> UInt64 {
        let seed = try integer("seed") ?? 42
        guard seed >= 0 else { throw LocatedError("'seed' must be 0 or more", at: location("seed")) }
        session.seeds.append("\(what): seed \(seed)")
        return UInt64(seed)
    }

    /// Column names from a `columns:`-style argument: one name or a list, each checked against `frame`.
    func columns(_ label: String, in frame: DataFrame) throws -> [String]? {
        guard let argument = command.argument(label) else { return nil }
        return try argument.value.listItems.map { item in
            guard let name = item.word else {
                throw LocatedError("'\(label)' must name columns, such as [a, b]", at: item.location)
            }
            guard frame[name] != nil else { throw LocatedError(frame.unknownColumn(name).message, at: item.location) }
            return name
        }
    }

    func location(_ label: String) -> SourceLocation {
        command.argument(label)?.value.location ?? command.verb.location
    }

    func frame(positional index: Int) throws -> (DataFrame, String) {
        guard index < command.positional.count else {
            throw LocatedError("'\(command.verb.name)' needs a frame", at: command.verb.location)
        }
        return try frame(command.positional[index])
    }

    func frame(_ label: String) throws -> (DataFrame, String) {
        guard let argument = command.argument(label) else {
            throw LocatedError("'\(command.verb.name)' needs '\(label):' with a frame", at: command.verb.location)
        }
        return try frame(argument.value)
    }

    func frame(_ expression: Expression) throws -> (DataFrame, String) {
        let value = try session.evaluate(expression)
        guard case .frame(let frame) = value else {
            throw LocatedError(
                "expected a frame, but '\(expression.sourceText)' is \(value.kind.phrase)", at: expression.location)
        }
        return (frame, expression.sourceText)
    }

    /// A column name argument, checked against `frame` (with a did-you-mean).
    func column(_ label: String, in frame: DataFrame) throws -> String? {
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

    func string(positional index: Int) throws -> String? {
        guard index < command.positional.count else { return nil }
        let expression = command.positional[index]
        guard case .string(let s) = try session.evaluate(expression) else {
            throw LocatedError("expected a quoted string, found \(expression.sourceText)", at: expression.location)
        }
        return s
    }

    func string(_ label: String) throws -> String? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .string(let s) = value else {
            throw LocatedError(
                "'\(label)' must be a quoted string, not \(value.kind.phrase)", at: argument.value.location)
        }
        return s
    }

    func number(_ label: String) throws -> Double? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .number(let n) = value else {
            throw LocatedError("'\(label)' must be a number, not \(value.kind.phrase)", at: argument.value.location)
        }
        return n
    }

    func integer(_ label: String) throws -> Int? {
        guard let n = try number(label) else { return nil }
        guard n.rounded() == n, abs(n) < 1e15 else {
            throw LocatedError(
                "'\(label)' must be a whole number, not \(NumberFormatting.significant(n))", at: location(label))
        }
        return Int(n)
    }

    func bool(_ label: String) throws -> Bool? {
        guard let argument = command.argument(label) else { return nil }
        let value = try session.evaluate(argument.value)
        guard case .bool(let b) = value else {
            throw LocatedError(
                "'\(label)' must be true or false, not \(value.kind.phrase)", at: argument.value.location)
        }
        return b
    }

}
