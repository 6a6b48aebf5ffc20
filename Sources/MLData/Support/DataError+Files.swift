extension DataError {
    /// The error for a file that does not exist, suggesting a similarly named file in the same folder.
    ///
    /// For the readers outside this module (such as the SQLite source) that open files themselves.
    ///
    /// - Parameters:
    ///   - path: The resolved path that was not found.
    ///   - displayName: The path as the user wrote it.
    /// - Returns: A `.fileNotFound` error with `file` set to `displayName`.
    package static func fileNotFound(path: String, displayName: String) -> DataError {
        FileBytes.notFound(path: path, displayName: displayName)
    }
}
