/// An error raised by the data engine: a bad file, an unknown column, an impossible request.
///
/// The error says what went wrong in `message` and, for errors in data files, where:
/// the file, the 1-based data row (the header is row 1 when present) and the 1-based
/// column. The notebook layer adds the notebook position on top.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case fileNotFound, unreadableFile, malformedData, emptyData, unknownColumn, typeMismatch
            case invalidArgument, shapeMismatch, duplicateColumn
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A file that does not exist.
        public static let fileNotFound = Code(.fileNotFound)
        /// A file that exists but cannot be read or decoded (binary, bad encoding).
        public static let unreadableFile = Code(.unreadableFile)
        /// Ragged rows, an unterminated quote, a value that does not fit an explicit type.
        public static let malformedData = Code(.malformedData)
        /// A file or a selection with no rows or no columns.
        public static let emptyData = Code(.emptyData)
        /// A column name that the frame does not have.
        public static let unknownColumn = Code(.unknownColumn)
        /// A column of the wrong type for the operation.
        public static let typeMismatch = Code(.typeMismatch)
        /// An argument outside its allowed range.
        public static let invalidArgument = Code(.invalidArgument)
        /// Columns or arrays whose lengths differ.
        public static let shapeMismatch = Code(.shapeMismatch)
        /// Two columns with the same name.
        public static let duplicateColumn = Code(.duplicateColumn)

        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// A one-line, human-readable explanation.
    public var message: String
    /// The data file involved, as the user named it, if any.
    public var file: String?
    /// The 1-based line of the data file, if known.
    public var row: Int?
    /// The 1-based field (column) number in the data file, if known.
    public var column: Int?
    /// The Swift source location that raised the error, for debugging.
    public var thrownAt: String

    /// Creates an error; `fileID` and `line` record where it was thrown.
    public init(
        _ code: Code, _ message: String, file: String? = nil, row: Int? = nil, column: Int? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.thrownAt = "\(fileID):\(line)"
    }

    /// The message prefixed with the data location, such as `data/x.csv:12:3: ragged row`.
    public var description: String {
        guard let file else { return message }
        var where_ = file
        if let row { where_ += ":\(row)" }
        if let column { where_ += ":\(column)" }
        return "\(where_): \(message)"
    }
}
