/// A JSON file holding an array of records, read with ``JSONReader``.
public struct JSONSource: TableSource, Hashable {
    /// The resolved path of the file.
    public var path: String
    /// The path as the user wrote it, for messages.
    public var displayName: String
    /// How to type the columns.
    public var options: RecordOptions

    /// Creates a JSON source.
    ///
    /// - Parameters:
    ///   - path: The resolved path of the file.
    ///   - displayName: The path as the user wrote it, for messages.
    ///   - options: How to type the columns.
    public init(path: String, displayName: String, options: RecordOptions = .init()) {
        self.path = path
        self.displayName = displayName
        self.options = options
    }

    /// The file read: ``path``.
    public var inputFiles: [String] { [path] }

    /// Reads the file.
    ///
    /// - Returns: The frame ``JSONReader/read(path:displayName:options:)`` returns.
    /// - Throws: The ``DataError``s of ``JSONReader/read(path:displayName:options:)``.
    public func read() throws -> DataFrame {
        try JSONReader.read(path: path, displayName: displayName, options: options)
    }
}
