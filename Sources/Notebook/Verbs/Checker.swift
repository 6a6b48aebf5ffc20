import CommonMark
import MLData

/// Validates a notebook without running it and reports every problem.
///
/// It checks verbs, labels, argument types, and names used before they are bound.
public struct Checker {
    private let table: VerbTable
    private let path: String
    private var bound: [String: ValueKind] = [:]
    private var diagnostics: [Diagnostic] = []

    /// Creates a checker for the notebook at `path`.
    public init(path: String, table: VerbTable = .standard) {
        self.table = table
        self.path = path
    }

    /// Checks every evaluated cell and inline value of `notebook`.
    ///
    /// - Parameters:
    ///   - notebook: The parsed notebook.
    ///   - parameters: The parameter names in scope (`params.NAME`).
    /// - Returns: Every problem, in notebook order.
    public static func check(_ notebook: Notebook, parameters: [String]) -> [Diagnostic] {
        var checker = Checker(path: notebook.path)
        checker.bound["params"] = .record
        checker.parameterNames = parameters
        let labels = Set(notebook.cells.compactMap(\.options.label))
        for block in notebook.blocks {
            switch block {
            case .cell(let cell) where cell.options.eval:
                for statement in cell.statements { checker.check(statement) }
            case .prose(let prose):
                checker.checkInline(prose.inlineCode)
                for reference in CrossReference.scan(prose.markdown) where !labels.contains(reference.id) {
                    let message = withSuggestion(
                        "unknown reference '@\(reference.id)'", for: reference.id, among: labels.sorted())
                    checker.error(
                        message, at: SourceLocation(line: prose.location.line + reference.lineOffset, column: 1))
                }
            case .heading(let heading):
                checker.checkInline(heading.inlineCode)
            default:
                break
            }
        }
        return checker.diagnostics.sorted { $0.location < $1.location }
    }

    private var parameterNames: [String] = []

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(file: path, location: location, message: message))
    }

    private mutating func checkInline(_ inline: [InlineCode]) {
        for code in inline {
            let (tokens, lexErrors) = Lexer(code: code.expression, origin: code.location).tokenize()
            var parser = Parser(tokens: tokens, takesModifier: { _ in false })
            let (statements, errors) = parser.parse()
            for e in lexErrors + errors { error(e.message, at: e.location) }
            guard errors.isEmpty, lexErrors.isEmpty else { continue }
            guard statements.count == 1, case .display(let expression) = statements[0].kind else {
                error("an inline value must be a name or a path such as lr.test.auc", at: code.location)
                continue
            }
            _ = kind(of: expression)
        }
    }

    /// Checks one statement and records the names it binds.
    mutating func check(_ statement: Statement) {
        switch statement.kind {
        case .display(let expression):
            _ = kind(of: expression)
        case .command(let command):
            guard let spec = table.verbs[command.verb.name] else {
                let message = withSuggestion(
                    "unknown verb '\(command.verb.name)'", for: command.verb.name, among: table.verbs.keys.sorted())
                error(message, at: command.verb.location)
                for target in command.targets { bound[target.name] = .unknown }
                return
            }
            check(command, against: spec)
            let results = spec.results(command)
            if !command.targets.isEmpty && command.targets.count != results.count {
                let what = results.count == 1 ? "1 value" : "\(results.count) values"
                error(
                    "'\(spec.name)' gives \(what), but \(command.targets.count) names are bound",
                    at: command.targets[0].location)
            }
            for (i, target) in command.targets.enumerated() {
                bound[target.name] = i < results.count ? results[i] : .unknown
            }
        }
    }

    private mutating func check(_ command: Command, against spec: VerbSpec) {
        if let modifier = command.modifier, !spec.modifiers.contains(modifier.name) {
            let message = withSuggestion(
                "'\(spec.name)' takes no '\(modifier.name)' here", for: modifier.name, among: spec.modifiers)
            error(message, at: modifier.location)
        }
        // Positional arguments.
        let positional = command.positional
        for (i, value) in positional.enumerated() {
            let specIndex = spec.variadic ? min(i, spec.positional.count - 1) : i
            guard specIndex < spec.positional.count else {
                let hint = spec.labels.isEmpty ? "" : " (did you forget a label such as '\(spec.labels[0].name):'?)"
                error("'\(spec.name)' takes \(spec.positional.count) unlabelled argument(s)\(hint)", at: value.location)
                continue
            }
            check(value, against: spec.positional[specIndex], verb: spec.name)
        }
        for required in spec.positional where required.required {
            let index = spec.positional.firstIndex(of: required) ?? 0
            if positional.count <= index {
                error("'\(spec.name)' needs \(required.type.phrase) (\(required.help))", at: command.verb.location)
            }
        }
        // Labelled arguments.
        let labels = spec.labels(for: command)
        var seen = Set<String>()
        for argument in command.arguments {
            guard let label = argument.label else { continue }
            guard seen.insert(label.name).inserted else {
                error("'\(label.name):' is given twice", at: label.location)
                continue
            }
            guard let parameter = labels.first(where: { $0.name == label.name }) ?? spec.freeLabel else {
                let message = withSuggestion(
                    "'\(spec.name)' has no label '\(label.name)'", for: label.name, among: labels.map(\.name))
                error(message, at: label.location)
                continue
            }
            check(argument.value, against: parameter, verb: spec.name)
        }
        for parameter in labels where parameter.required && !seen.contains(parameter.name) {
            error("'\(spec.name)' needs '\(parameter.name):' (\(parameter.help))", at: command.verb.location)
        }
    }

    private mutating func check(_ value: Expression, against parameter: ParameterSpec, verb: String) {
        if case .orNone(let type) = parameter.type {
            if case .none = value.kind { return }
            check(value, against: ParameterSpec(parameter.name, type, parameter.help), verb: verb)
            return
        }
        let type = parameter.type
        let what = "'\(parameter.name)'"
        if case .metricNames = type {
            // Names of metrics, checked when the statement runs against the metrics measured.
            for item in value.listItems {
                switch item.kind {
                case .path, .string: continue
                default: error("\(what) must be \(type.phrase)", at: item.location)
                }
            }
            return
        }
        switch (type, value.kind) {
        case (.column, _) where value.word != nil:
            return
        case (.hyperparameter, .path(let parts)) where parts.count == 1 && bound[parts[0]] == nil:
            return
        case (.hyperparameter, .call(let function, let arguments)) where verb == "tune":
            let known = ["uniform", "loguniform", "randint", "choice"]
            if !known.contains(function.name) {
                error(
                    withSuggestion("unknown distribution '\(function.name)'", for: function.name, among: known),
                    at: function.location)
            }
            for item in arguments { check(item, against: parameter, verb: verb) }
            return
        case (.search, .record(let fields)):
            for field in fields {
                check(
                    field.value, against: ParameterSpec(field.label.name, .hyperparameter, parameter.help), verb: verb)
            }
            return
        case (.hyperparameter, .list(let items)):
            for item in items { check(item, against: parameter, verb: verb) }
            return
        case (.columns, .list(let items)):
            for item in items {
                check(item, against: ParameterSpec(parameter.name, .column, parameter.help), verb: verb)
            }
            return
        case (.columns, _) where value.word != nil:
            return
        case (.choice(let words), .call(let name, _)):
            if !words.contains(name.name) {
                let message = withSuggestion(
                    "\(what) must be \(type.phrase), not '\(name.name)(…)'", for: name.name, among: words)
                error(message, at: value.location)
            }
            return
        case (.choice(let words), _) where value.word != nil:
            let word = value.word ?? ""
            if !words.contains(word) {
                let message = withSuggestion("\(what) must be \(type.phrase), not '\(word)'", for: word, among: words)
                error(message, at: value.location)
            }
            return
        case (.strings, .list(let items)):
            for item in items {
                if case .string = item.kind { continue }
                error("\(what) must be \(type.phrase)", at: item.location)
            }
            return
        case (.frames, .list(let items)):
            for item in items {
                check(item, against: ParameterSpec(parameter.name, .frame, parameter.help), verb: verb)
            }
            return
        default:
            break
        }
        let actual = kind(of: value)
        guard actual != .unknown else { return }
        let expected: Set<ValueKind>
        switch type {
        case .frame, .frames: expected = [.frame]
        case .model: expected = [.model]
        case .pipeline: expected = [.pipeline]
        case .expression:
            expected = [.string]
            if case .string(let text) = value.kind {
                do {
                    _ = try ColumnExpression(parsing: text)
                } catch let problem as ExpressionError {
                    error(problem.message, at: Self.location(in: value, offset: problem.offset))
                } catch {}
            }
        case .integer, .number, .fraction: expected = [.number]
        case .bool: expected = [.bool]
        case .string, .column, .columns, .choice: expected = [.string]
        case .record: expected = [.record]
        case .strings: expected = [.list]
        case .hyperparameter: expected = [.number, .string, .bool, .none, .list]
        case .search: expected = [.record]
        case .orNone, .metricNames: preconditionFailure("checked above")
        case .any: return
        }
        guard expected.contains(actual) else {
            let name = value.sourceText
            let message =
                actual == .none
                ? "\(what) must be \(type.phrase), not none"
                : "\(what) must be \(type.phrase), but \(name) is \(actual.phrase)"
            error(message, at: value.location)
            return
        }
        if case .number(let number, let text) = value.kind {
            switch type {
            case .integer where number.rounded() != number:
                error("\(what) must be \(type.phrase), not \(text)", at: value.location)
            case .fraction where !(number > 0 && number < 1):
                error("\(what) must be \(type.phrase) (exclusive), not \(text)", at: value.location)
            default:
                break
            }
        }
    }

    /// The notebook position of byte `offset` inside a one-line string literal.
    static func location(in literal: Expression, offset: Int) -> SourceLocation {
        SourceLocation(line: literal.location.line, column: literal.location.column + 1 + offset)
    }

    /// The kind of an expression, reporting names that are not bound.
    private mutating func kind(of expression: Expression) -> ValueKind {
        switch expression.kind {
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .none: return .none
        case .list(let items):
            for item in items { _ = kind(of: item) }
            return .list
        case .record(let fields):
            for field in fields { _ = kind(of: field.value) }
            return .record
        case .call(_, let args):
            for arg in args { _ = kind(of: arg) }
            return .unknown
        case .path(let parts):
            let root = parts[0]
            guard let kind = bound[root] else {
                let candidates = Array(bound.keys).sorted()
                error(withSuggestion("unknown name '\(root)'", for: root, among: candidates), at: expression.location)
                return .unknown
            }
            if root == "params" {
                guard parts.count == 2 else {
                    error("use params.NAME to read a parameter", at: expression.location)
                    return .unknown
                }
                if !parameterNames.contains(parts[1]) {
                    let message = withSuggestion(
                        "unknown parameter '\(parts[1])'", for: parts[1], among: parameterNames)
                    error(message, at: expression.location)
                }
                return .unknown
            }
            return parts.count == 1 ? kind : .unknown
        }
    }
}
