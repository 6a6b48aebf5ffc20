import CommonMark
import Foundation
import MLData
import MLDataSQLite
import MLLearn
import MLPlot

/// Loading, inspecting, cleaning and splitting data.
extension StatementContext {
    mutating func load() throws -> Value {
        guard let text = try string(positional: 0) else {
            throw LocatedError("'load' needs a file path", at: command.verb.location)
        }
        let sourceLocation = command.positional[0].location
        var types: [String: ColumnType] = [:]
        if let argument = command.argument("types") {
            guard case .record(let fields) = argument.value.kind else {
                throw LocatedError("'types' must be a record like {zip: category}", at: argument.value.location)
            }
            for field in fields {
                guard let word = field.value.word, let type = ColumnType(rawValue: word) else {
                    let names = ColumnType.allCases.map(\.rawValue)
                    let message = withSuggestion(
                        "unknown type '\(field.value.sourceText)'", for: field.value.word ?? "", among: names)
                    throw LocatedError(message, at: field.value.location)
                }
                types[field.label.name] = type
            }
        }
        let extraMissing = try missingTokens()
        let source: any TableSource
        let recordPath: String
        switch command.modifier?.name {
        case "json", "sql":
            var options = RecordOptions(types: types)
            options.missingTokens.formUnion(extraMissing)
            if command.modifier?.name == "json" {
                source = JSONSource(path: session.resolve(text), displayName: text, options: options)
                recordPath = text
            } else {
                guard let database = try string("from") else {
                    throw LocatedError("'load sql' needs 'from:' with the database file", at: command.verb.location)
                }
                source = SQLiteSource(
                    query: text, databasePath: session.resolve(database), displayName: database, options: options)
                recordPath = database
            }
        default:
            var options = CSVOptions(types: types)
            options.missingTokens.formUnion(extraMissing)
            if let separator = try string("separator") {
                let bytes = Array(separator.replacingOccurrences(of: "\\t", with: "\t").utf8)
                guard bytes.count == 1 else {
                    throw LocatedError(
                        "'separator' must be one character, like \",\" or \";\"", at: location("separator"))
                }
                options.separator = bytes[0]
            }
            if let header = try bool("header") { options.header = header }
            source = CSVSource(path: session.resolve(text), displayName: text, options: options)
            recordPath = text
        }
        let at = command.modifier?.name == "sql" ? location("from") : sourceLocation
        var frame = try engine(at: command.modifier?.name == "sql" ? sourceLocation : at) { try source.read() }
        for name in types.keys where frame[name] == nil {
            throw LocatedError(frame.unknownColumn(name).message + " (in 'types')", at: location("types"))
        }
        if let target = try column("target", in: frame) {
            frame = try frame.withTarget(target)
        }
        var hashes: [String] = []
        for file in source.inputFiles {
            let bytes = try engine(at: at) { try FileBytes.read(file, displayName: recordPath) }
            hashes.append(SHA256.hex(of: bytes))
            let path = source.inputFiles.count == 1 ? recordPath : file
            session.inputsInCell.append(CacheEntry.Input(path: path, sha256: hashes[hashes.count - 1]))
        }
        let sha = hashes.first ?? ""
        session.record(file: Reproducibility.FileRecord(path: recordPath, rows: frame.rowCount, sha256: sha))
        frame.provenance = Provenance(path: recordPath, rows: frame.rowCount, sha256: sha)
        outputs.append(.text(Self.summary(of: frame, from: source.displayName)))
        return .frame(frame)
    }

    /// The tokens of `missing: [...]`, if given.
    private func missingTokens() throws -> [String] {
        guard let extra = command.argument("missing") else { return [] }
        guard case .list(let items) = try session.evaluate(extra.value) else {
            throw LocatedError("'missing' must be a list of strings", at: extra.value.location)
        }
        return try items.map { item in
            guard case .string(let token) = item else {
                throw LocatedError("'missing' must be a list of strings", at: extra.value.location)
            }
            return token
        }
    }

    /// "data/x.csv: 569 rows × 31 columns (30 number, 1 category); target: diagnosis".
    static func summary(of frame: DataFrame, from name: String) -> String {
        var counts: [ColumnType: Int] = [:]
        for column in frame.columns { counts[column.type, default: 0] += 1 }
        let kinds = ColumnType.allCases.compactMap { type in counts[type].map { "\($0) \(type.rawValue)" } }
        var line =
            "\(name): \(NumberFormatting.grouped(frame.rowCount)) rows × \(frame.columnCount) columns ("
            + kinds.joined(separator: ", ") + ")"
        if let target = frame.target { line += "; target: \(target)" }
        let missing = frame.columns.reduce(0) { $0 + $1.missingCount }
        if missing > 0 { line += "; \(NumberFormatting.grouped(missing)) missing values" }
        return line
    }

    mutating func profile() throws {
        let (frame, _) = try frame(positional: 0)
        let profile = frame.profile()
        outputs.append(.profile(Display.profile(profile)))
    }

    mutating func outliers() throws -> Value {
        let (frame, _) = try frame(positional: 0)
        let method = command.argument("method")?.value.word ?? "iqr"
        let threshold = try number("threshold")
        if let threshold, threshold <= 0 {
            throw LocatedError("'threshold' must be more than 0", at: location("threshold"))
        }
        let chosen: OutlierMethod = method == "zscore" ? .zscore(threshold: threshold ?? 3) : .iqr(k: threshold ?? 1.5)
        let columns = try columns("columns", in: frame)
        let report = try engine(at: command.verb.location) { try frame.outliers(method: chosen, columns: columns) }
        outputs.append(.table(labelled(Display.table(report.table()))))
        let flagged = frame.selecting(rows: report.rows)
        let rule =
            method == "zscore"
            ? "|z| > \(NumberFormatting.significant(threshold ?? 3))"
            : "outside Q1 − \(NumberFormatting.significant(threshold ?? 1.5))·IQR … Q3 + \(NumberFormatting.significant(threshold ?? 1.5))·IQR"
        outputs.append(.text("\(report.rows.count) of \(frame.rowCount) rows have a value \(rule)"))
        if flagged.rowCount > 0 {
            outputs.append(.table(Display.table(flagged.head(10), total: flagged)))
        }
        return .frame(flagged)
    }

    mutating func dedupe() throws -> Value {
        let (frame, _) = try frame(positional: 0)
        let columns = try columns("columns", in: frame)
        let (result, removed) = try engine(at: command.verb.location) { try frame.deduplicated(columns: columns) }
        outputs.append(.text("removed \(removed) duplicate row\(removed == 1 ? "" : "s"); \(result.rowCount) left"))
        return .frame(result)
    }

    mutating func drop() throws -> Value {
        var (frame, _) = try frame(positional: 0)
        var notes: [String] = []
        if let names = try columns("columns", in: frame) {
            frame = try frame.dropping(columns: names)
            notes.append("dropped column\(names.count == 1 ? "" : "s") " + names.joined(separator: ", "))
        }
        if let argument = command.argument("missing") {
            let subset: [String]?
            if argument.value.word == "any" {
                subset = nil
            } else {
                subset = try columns("missing", in: frame)
            }
            let (result, removed) = try engine(at: argument.value.location) {
                try frame.droppingRows(missingIn: subset)
            }
            frame = result
            let scope = subset.map { "in " + $0.joined(separator: ", ") } ?? "in any column"
            notes.append("dropped \(removed) row\(removed == 1 ? "" : "s") with missing values \(scope)")
        }
        guard !notes.isEmpty else {
            throw LocatedError("'drop' needs 'columns:' or 'missing:'", at: command.verb.location)
        }
        outputs.append(
            .text(notes.joined(separator: "; ") + "; \(frame.rowCount) rows × \(frame.columnCount) columns left"))
        return .frame(frame)
    }

    mutating func filter() throws -> Value {
        let (frame, _) = try frame(positional: 0)
        guard let condition = try expression("where"), let literal = command.argument("where")?.value else {
            throw LocatedError("'filter' needs 'where:' with a condition", at: command.verb.location)
        }
        let (result, warnings) = try engine(at: literal.location, literal: literal) {
            try frame.filtered(where: condition)
        }
        outputs.append(
            .text(
                "kept \(NumberFormatting.grouped(result.rowCount)) of \(NumberFormatting.grouped(frame.rowCount)) rows")
        )
        outputs += warnings.map { .warning($0) }
        return .frame(result)
    }

    mutating func derive() throws -> Value {
        var (frame, _) = try frame(positional: 0)
        var added: [String] = []
        for argument in command.arguments {
            guard let label = argument.label else { continue }
            guard let expression = try expression(label.name) else { continue }
            let (result, warnings) = try engine(at: argument.value.location, literal: argument.value) {
                try frame.deriving(label.name, expression)
            }
            frame = result
            added.append("\(label.name) (\(frame[label.name]?.type.rawValue ?? "?"))")
            outputs += warnings.map { Output.warning("\(label.name): \($0)") }
        }
        outputs.append(.text("added " + added.joined(separator: ", ")))
        return .frame(frame)
    }

    mutating func cast() throws -> Value {
        var (frame, _) = try frame(positional: 0)
        var changes: [String] = []
        for argument in command.arguments {
            guard let label = argument.label else { continue }
            guard let column = frame[label.name] else {
                throw LocatedError(frame.unknownColumn(label.name).message, at: label.location)
            }
            guard let word = argument.value.word, let type = ColumnType(rawValue: word) else {
                let names = ColumnType.allCases.map(\.rawValue)
                throw LocatedError(
                    withSuggestion(
                        "unknown type '\(argument.value.sourceText)'", for: argument.value.word ?? "", among: names),
                    at: argument.value.location)
            }
            frame = try engine(at: argument.value.location) { try frame.casting(label.name, to: type) }
            changes.append("\(label.name): \(column.type.rawValue) → \(type.rawValue)")
        }
        outputs.append(.text(changes.joined(separator: "; ")))
        return .frame(frame)
    }

    mutating func fix() throws -> Value {
        let (frame, _) = try frame(positional: 0)
        guard let name = try column("column", in: frame) else {
            throw LocatedError("'fix' needs 'column:'", at: command.verb.location)
        }
        guard let condition = try expression("where"), let literal = command.argument("where")?.value,
            let valueArgument = command.argument("value")
        else {
            throw LocatedError("'fix' needs 'where:' and 'value:'", at: command.verb.location)
        }
        let value: CellValue
        switch try session.evaluate(valueArgument.value) {
        case .none: value = .missing
        case .number(let n): value = .number(n)
        case .string(let s): value = .string(s)
        case .bool(let b): value = .boolean(b)
        default:
            throw LocatedError("'value' must be a number, text, true/false or none", at: valueArgument.value.location)
        }
        let (result, changed) = try engine(at: literal.location, literal: literal) {
            try frame.fixing(column: name, where: condition, value: value)
        }
        let shown = value == .missing ? "missing" : Display.plain(try session.evaluate(valueArgument.value))
        outputs.append(.text("set \(changed) value\(changed == 1 ? "" : "s") of \(name) to \(shown)"))
        return .frame(result)
    }

    mutating func split() throws -> [Value] {
        let (frame, name) = try frame(positional: 0)
        let test = try number("test") ?? 0.2
        let valid = try number("valid") ?? 0
        let stratify = try bool("stratify") ?? false
        let seed = try self.seed(for: "split of \(name)")
        let parts: [DataFrame]
        do {
            parts = try frame.split(test: test, valid: valid, stratify: stratify, seed: seed)
        } catch let error as DataError {
            throw LocatedError(error.description, at: command.verb.location)
        }
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
}
