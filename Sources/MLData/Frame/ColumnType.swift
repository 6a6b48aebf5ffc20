/// The logical type of a column, as inferred from data or set with `types:` / `cast`.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Floating-point numbers.
    case number
    /// Whole numbers (stored as `Int64`).
    case integer
    /// `true` / `false` (inferred only from `true`/`false`; an explicit `boolean` type also reads yes/no, t/f, y/n, 1/0).
    case boolean
    /// A small set of repeated labels, stored as dictionary codes.
    case category
    /// Free text.
    case text
    /// Calendar dates (`YYYY-MM-DD`), stored as days since 1970-01-01.
    case date

    /// Whether values of this type can be used as numbers (`number`, `integer`, `boolean`).
    public var isNumeric: Bool {
        switch self {
        case .number, .integer, .boolean: true
        case .category, .text, .date: false
        }
    }
}
