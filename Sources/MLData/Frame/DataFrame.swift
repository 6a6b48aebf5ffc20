/// A table of named, typed columns of equal length, with an optional target column.
///
/// Columns are value types backed by copy-on-write arrays, so selecting columns or adding
/// one shares the untouched buffers instead of copying them. Row order is stable: every
/// operation keeps the order of the rows it keeps.
public struct DataFrame: Sendable, Hashable, Codable {
    /// The columns, in order.
    public private(set) var columns: [Column]
    /// The name of the column models learn to predict, if any.
    public private(set) var target: String?
    /// The number of rows.
    public private(set) var rowCount: Int
    /// Where the frame came from (for the reproducibility appendix); `nil` for derived frames.
    public var provenance: Provenance?

    /// Creates a frame, checking that columns have equal lengths and unique names.
    ///
    /// - Throws: ``DataError`` with `.shapeMismatch`, `.duplicateColumn`, or
    ///   `.unknownColumn` when `target` names no column.
    public init(columns: [Column], target: String? = nil, provenance: Provenance? = nil) throws {
        let count = columns.first?.count ?? 0
        var seen = Set<String>()
        for column in columns {
            guard column.count == count else {
                throw DataError(.shapeMismatch, "column '\(column.name)' has \(column.count) rows, expected \(count)")
            }
            guard seen.insert(column.name).inserted else {
                throw DataError(.duplicateColumn, "two columns are named '\(column.name)'")
            }
        }
        self.columns = columns
        self.rowCount = count
        self.provenance = provenance
        if let target { try checkColumn(target) }
        self.target = target
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The names of every column but the target.
    public var featureNames: [String] { columns.map(\.name).filter { $0 != target } }

    /// The column called `name`, or `nil`.
    public subscript(name: String) -> Column? { columns.first { $0.name == name } }

    /// The column called `name`.
    ///
    /// - Throws: ``DataError`` `.unknownColumn`, with the nearest name suggested.
    public func column(_ name: String) throws -> Column {
        guard let column = self[name] else { throw unknownColumn(name) }
        return column
    }

    /// The error for an unknown column name, suggesting the nearest one.
    public func unknownColumn(_ name: String) -> DataError {
        var message = "unknown column '\(name)'"
        if let near = nearestName(to: name, in: columnNames) { message += "; did you mean '\(near)'?" }
        return DataError(.unknownColumn, message)
    }

    private func checkColumn(_ name: String) throws {
        guard self[name] != nil else { throw unknownColumn(name) }
    }

    /// A frame with the same columns and `name` as target (`nil` clears it).
    public func withTarget(_ name: String?) throws -> DataFrame {
        if let name { try checkColumn(name) }
        var copy = self
        copy.target = name
        return copy
    }

    /// The rows at `indices`, in that order; indices may repeat.
    public func selecting(rows indices: [Int]) -> DataFrame {
        var frame = self
        frame.columns = columns.map { $0.selecting(indices) }
        frame.rowCount = indices.count
        return frame
    }

    /// The named columns, in the order given (the target is kept only if named).
    ///
    /// - Throws: ``DataError`` `.unknownColumn`.
    public func selecting(columns names: [String]) throws -> DataFrame {
        let chosen = try names.map { try column($0) }
        let keepTarget = target.flatMap { names.contains($0) ? $0 : nil }
        return try DataFrame(columns: chosen, target: keepTarget, provenance: provenance)
    }

    /// A frame without the named columns; dropping the target clears it.
    ///
    /// - Throws: ``DataError`` `.unknownColumn`.
    public func dropping(columns names: [String]) throws -> DataFrame {
        for name in names { try checkColumn(name) }
        let drop = Set(names)
        var frame = self
        frame.columns = columns.filter { !drop.contains($0.name) }
        if let target, drop.contains(target) { frame.target = nil }
        return frame
    }

    /// A frame with `column` added at the end, or replacing the column of the same name.
    ///
    /// - Throws: ``DataError`` `.shapeMismatch` when the lengths differ.
    public func adding(_ column: Column) throws -> DataFrame {
        guard column.count == rowCount || columns.isEmpty else {
            throw DataError(.shapeMismatch, "column '\(column.name)' has \(column.count) rows, frame has \(rowCount)")
        }
        var frame = self
        if let i = columns.firstIndex(where: { $0.name == column.name }) {
            frame.columns[i] = column
        } else {
            frame.columns.append(column)
        }
        return frame
    }
}

/// Where a frame's rows came from: the file as the notebook named it and its content hash.
public struct Provenance: Sendable, Hashable, Codable {
    /// The path as written in the notebook (relative to the notebook).
    public var path: String
    /// The number of data rows read.
    public var rows: Int
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    /// Creates a provenance record.
    public init(path: String, rows: Int, sha256: String) {
        self.path = path
        self.rows = rows
        self.sha256 = sha256
    }
}
