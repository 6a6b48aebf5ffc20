public import Foundation

/// Writes rendered reports so that a reader never sees a half-written file.
///
/// Each file is written to a temporary name beside its target and renamed into place;
/// `rename(2)` within a folder is atomic, so the old report stays whole until the new one
/// replaces it.
public enum ReportWriter {
    /// Writes `report` under `directory`, creating folders as needed.
    ///
    /// Attachments are written first, so the main file never links to a figure that is not there yet.
    ///
    /// - Returns: The paths written, main file last.
    /// - Throws: Any file-system error, with the path.
    @discardableResult
    public static func write(_ report: RenderedReport, to directory: String) throws -> [String] {
        var written: [String] = []
        for file in report.attachments + [report.main] {
            let path = directory.isEmpty ? file.path : directory + "/" + file.path
            try writeAtomically(Data(file.contents.utf8), to: path)
            written.append(path)
        }
        return written
    }

    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
