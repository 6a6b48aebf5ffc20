/// How a reader of ready-separated values (``JSONReader``, the SQLite source) types its columns.
///
/// String values are typed by the CSV reader's rule (see ``CSVReader``), so a file exported
/// with every value quoted, or an SQLite table imported from CSV as `TEXT`, loads to the
/// same frame as the CSV file itself.
public struct RecordOptions: Sendable, Hashable {
    /// String values that mean "missing", compared exactly (case-sensitive) with the whole string.
    ///
    /// JSON `null`, an absent key and SQL `NULL` are always missing; numbers and booleans never
    /// match a token. The default is the CSV reader's list, so `""` and `"NA"` are missing too.
    public var missingTokens: Set<String>
    /// Explicit column types by column name; these columns skip inference.
    public var types: [String: ColumnType]

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - missingTokens: The string values that mean "missing".
    ///   - types: Explicit types for some columns, by name.
    public init(
        missingTokens: Set<String> = CSVOptions.defaultMissingTokens,
        types: [String: ColumnType] = [:]
    ) {
        self.missingTokens = missingTokens
        self.types = types
    }

    /// Checks that every name in ``types`` is one of `columns`.
    ///
    /// - Parameters:
    ///   - columns: The column names the source has.
    ///   - file: The source's name for the error.
    /// - Throws: ``DataError`` `.unknownColumn`, suggesting the nearest name.
    package func checkTypes(against columns: [String], file: String) throws {
        let known = Set(columns)
        for name in types.keys.sorted() where !known.contains(name) {
            var message = "types: names unknown column '\(name)'"
            if let near = nearestName(to: name, in: columns) { message += "; did you mean '\(near)'?" }
            throw DataError(.unknownColumn, message, file: file)
        }
    }
}
