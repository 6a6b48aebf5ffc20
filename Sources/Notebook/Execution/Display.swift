import CommonMark
import MLData
import MLLearn

/// Turns values into outputs: frames into tables, models into summaries, numbers into text.
enum Display {
    /// The default number of rows shown for a frame.
    static let previewRows = 5

    /// The outputs that show `value` (a bare name on its own line).
    static func outputs(for value: Value, name: String) -> [Output] {
        switch value {
        case .frame(let frame):
            return [.table(table(frame.head(previewRows), total: frame))]
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
        case .frame, .model:
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
        }
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
