/// A delimited text file, read with ``CSVReader``.
public struct CSVSource: TableSource, Hashable {
    /// The resolved path of the file.
    public var path: String
    /// The path as the user wrote it, for messages.
    public var displayName: String
    /// How to parse the file.
    public var options: CSVOptions

    /// Creates a CSV source.
    ///
    /// - Parameters:
    ///   - path: The resolved path of the file.
    ///   - displayName: The path as the user wrote it, for messages.
    ///   - options: How to parse the file.
    public init(path: String, displayName: String, options: CSVOptions = .init()) {
        self.path = path
        self.displayName = displayName
        self.options = options
    }

    /// The file read: ``path``.
    public var inputFiles: [String] { [path] }

    /// Reads the file.
    ///
    /// - Returns: The frame ``CSVReader/read(path:displayName:options:)`` returns.
    /// - Throws: The ``DataError``s of ``CSVReader/read(path:displayName:options:)``.
    public func read() throws -> DataFrame {
        try CSVReader.read(path: path, displayName: displayName, options: options)
    }
}
