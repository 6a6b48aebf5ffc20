/// How ``CSVReader`` reads a delimited text file.
///
/// The defaults read the files that spreadsheets and pandas write: the separator is detected
/// from the header line, the first line holds the column names, pandas' default NA tokens
/// (plus `?`) mark missing values, and every column's type is inferred from its values.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator byte; `nil` detects `,`, `;` or tab from the first line.
    ///
    /// Detection counts each candidate outside quotes on the first non-blank line and takes the
    /// most frequent; ties go to `,`, then `;`, then tab, and a line with none of them is one column.
    public var separator: UInt8?
    /// Whether the first non-blank line holds the column names.
    ///
    /// Without a header the columns are named `column_1`, `column_2`, ….
    public var header: Bool
    /// Values that mean "missing", compared with the whole field after trimming and unquoting.
    ///
    /// Matching is exact and case-sensitive, as in pandas. A quoted token (`"NA"`) is missing too.
    public var missingTokens: Set<String>
    /// Explicit column types by column name; these columns skip inference.
    public var types: [String: ColumnType]

    /// pandas' default NA tokens (`pandas.read_csv`, `keep_default_na=True`) plus `?`.
    public static let defaultMissingTokens: Set<String> = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
        "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "?",
    ]

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - separator: The field separator, or `nil` to detect it.
    ///   - header: Whether the first line holds column names.
    ///   - missingTokens: The values that mean "missing".
    ///   - types: Explicit types for some columns, by name.
    public init(
        separator: UInt8? = nil,
        header: Bool = true,
        missingTokens: Set<String> = CSVOptions.defaultMissingTokens,
        types: [String: ColumnType] = [:]
    ) {
        self.separator = separator
        self.header = header
        self.missingTokens = missingTokens
        self.types = types
    }
}
