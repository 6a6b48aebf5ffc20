import Foundation
import MLData
import Testing

/// Parses `text` as a CSV file named `t.csv`.
func readCSV(_ text: String, _ options: CSVOptions = .init()) throws -> DataFrame {
    try CSVReader.read(bytes: Array(text.utf8), file: "t.csv", options: options)
}

/// Whether `a` and `b` agree to `relative` precision (or both are NaN).
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}

/// The project's copy of a notebook data file, found relative to this source file.
func notebookDataPath(_ name: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()  // MLDataTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("notebooks/data/\(name)")
        .path
}

extension Column {
    /// The values as cells, for compact expectations.
    var cells: [CellValue] { (0..<count).map { value(at: $0) } }
}
