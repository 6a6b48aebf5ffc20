import CommonMark
import MLData
import MLLearn
import MLPlot

/// Turns values into outputs: frames into tables, models into summaries, numbers into text.
enum Display {
    /// The default number of rows shown for a frame.
    static let previewRows = 5

    /// The outputs that show `value` (a bare name on its own line).
    static func outputs(for value: Value, name: String) -> [Output] {
        switch value {
        case .frame(let frame):
            return [.table(table(frame.head(previewRows), total: frame))]
        case .pipeline(let spec):
            return [.text("pipeline: " + spec.summary)]
        case .model(let model):
            let rows = model.summary.map { [$0.0, $0.1] as [String?] }
            return [
                .table(
                    TableOutput(
                        columns: [.init(name: name, isNumeric: false), .init(name: "", isNumeric: false)], rows: rows))
            ]
        case .number(let number):
            return [.text(NumberFormatting.significant(number))]
        case .string(let s):
            return [.text(s)]
        case .bool(let b):
            return [.text(b ? "true" : "false")]
        case .none:
            return [.text("none")]
        case .list, .record:
            return [.text(plain(value))]
        }
    }

    /// The text that replaces an inline value in prose.
    static func inline(_ value: Value, at location: SourceLocation) throws -> String {
        switch value {
        case .frame, .model, .pipeline:
            throw LocatedError("an inline value must be a number or text; this is \(value.kind.phrase)", at: location)
        default:
            return plain(value)
        }
    }

    /// A value as plain text, numbers to 4 significant digits.
    static func plain(_ value: Value) -> String {
        switch value {
        case .number(let n): NumberFormatting.significant(n)
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .none: "none"
        case .list(let items): "[" + items.map(plain).joined(separator: ", ") + "]"
        case .record(let fields): fields.map { "\($0.0): \(plain($0.1))" }.joined(separator: ", ")
        case .frame(let f): "frame (\(f.rowCount) rows × \(f.columnCount) columns)"
        case .model: "model"
        case .pipeline(let spec): "pipeline (\(spec.summary))"
        }
    }

    /// A profile as a document output, with a sparkline per column.
    static func profile(_ profile: FrameProfile) -> ProfileOutput {
        var rows: [ProfileOutput.Row] = []
        for column in profile.columns {
            let missing =
                column.missing == 0
                ? "0" : "\(NumberFormatting.grouped(column.missing)) (\(percent(column.missingShare)))"
            let summary: String
            if let numeric = column.numeric {
                summary =
                    "\(NumberFormatting.significant(numeric.min)) to \(NumberFormatting.significant(numeric.max)), "
                    + "mean \(NumberFormatting.significant(numeric.mean)), median \(NumberFormatting.significant(numeric.median))"
            } else {
                summary = column.topValues.prefix(3).map { "\($0.value) \(NumberFormatting.grouped($0.count))" }
                    .joined(separator: ", ")
            }
            let description =
                column.numeric != nil
                ? "Distribution of \(column.name) in \(column.histogram.count) bins"
                : "Counts of the commonest values of \(column.name)"
            let sparkline =
                column.histogram.isEmpty
                ? nil : Charts.sparkline(counts: column.histogram, description: description)
            rows.append(
                ProfileOutput.Row(
                    name: column.name, type: column.type.rawValue, missing: missing,
                    distinct: NumberFormatting.grouped(column.distinct), summary: summary,
                    flags: column.flags.map(flagName), sparkline: sparkline, sparkText: sparkText(column.histogram)))
        }
        var notes = [
            "\(NumberFormatting.grouped(profile.rowCount)) rows × \(profile.columnCount) columns; "
                + "\(NumberFormatting.grouped(profile.duplicateRows)) duplicate row\(profile.duplicateRows == 1 ? "" : "s")"
        ]
        if let target = profile.target, let balance = profile.targetBalance {
            let total = max(1, balance.reduce(0) { $0 + $1.count })
            notes.append(
                "target \(target): "
                    + balance.map {
                        "\($0.value) \(NumberFormatting.grouped($0.count)) (\(percent(Double($0.count) / Double(total))))"
                    }.joined(separator: ", "))
        }
        return ProfileOutput(rows: rows, notes: notes, warnings: profile.warnings)
    }

    /// How a profile flag reads in a report.
    static func flagName(_ flag: ProfileFlag) -> String {
        switch flag {
        case .constant: "constant"
        case .highCardinality: "high cardinality"
        case .highMissing: "high missing"
        case .idLike: "id-like"
        }
    }

    /// `0.0321` → `3.2%`.
    static func percent(_ share: Double) -> String {
        NumberFormatting.fixed(share * 100, decimals: share < 0.1 ? 1 : 0) + "%"
    }

    /// Counts as Unicode block characters, `▁▃█▅`, scaled to the largest count.
    static func sparkText(_ counts: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let largest = counts.max(), largest > 0 else { return "" }
        return String(
            counts.map { count in
                count == 0 ? " " : blocks[min(7, Int((Double(count) / Double(largest) * 7).rounded()))]
            })
    }

    /// A frame as a table; `total` is the frame it was cut from, for the note.
    static func table(_ frame: DataFrame, total: DataFrame? = nil) -> TableOutput {
        var columns: [TableOutput.Column] = []
        var cells: [[String?]] = []
        for column in frame.columns {
            let numeric = column.type == .number || column.type == .integer
            columns.append(.init(name: column.name, isNumeric: numeric))
            if numeric, let values = column.doubles {
                cells.append(NumberFormatting.column(values.indices.map { column.isMissing($0) ? nil : values[$0] }))
            } else {
                cells.append((0..<frame.rowCount).map { column.string(at: $0) })
            }
        }
        let rows = (0..<frame.rowCount).map { r in cells.map { $0[r] } }
        var table = TableOutput(columns: columns, rows: rows)
        if let total, total.rowCount > frame.rowCount {
            table.note =
                "\(NumberFormatting.grouped(total.rowCount)) rows × \(total.columnCount) columns; "
                + "first \(frame.rowCount) shown"
        }
        return table
    }
}
