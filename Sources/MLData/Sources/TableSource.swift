/// Where a frame's rows come from: a file or a query that can be read into a ``DataFrame``.
///
/// The notebook's `load` verb builds a source from its arguments and calls ``read()``; it
/// hashes ``inputFiles`` for the reproducibility appendix and names the source in messages
/// with ``displayName``. The sources in the engine are ``CSVSource`` and ``JSONSource`` (in
/// `MLData`) and `SQLiteSource` (in `MLDataSQLite`, which brings in GRDB). Another back end
/// — PostgreSQL, say, for data too large to copy — is one more conforming type in its own
/// module: the verbs only see this protocol.
///
/// Conforming types are plain values that describe *what* to read; nothing is opened until
/// ``read()`` is called, and each call reads afresh.
public protocol TableSource: Sendable {
    /// The files the source reads, as resolved paths, so the notebook can hash them.
    var inputFiles: [String] { get }

    /// A short description for messages: the path as the user wrote it (`data/x.csv`).
    var displayName: String { get }

    /// Reads the rows.
    ///
    /// - Returns: The frame, without a target and without provenance (the caller adds both).
    /// - Throws: ``DataError``, with ``DataError/file`` set to ``displayName``.
    func read() throws -> DataFrame
}
