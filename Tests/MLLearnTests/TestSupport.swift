import Foundation
import MLData
import Testing

@testable import MLLearn

/// Whether `a` and `b` agree within `tolerance` (absolute) — RealModule-style, for doubles.
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= tolerance
}

/// Whether two arrays agree elementwise within `tolerance`.
func isClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// The URL of a file in `Tests/MLLearnTests/Reference`.
func referenceURL(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("Reference").appendingPathComponent(name)
}

/// The repository root (two levels above this test folder).
func repositoryRoot(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// Decodes a reference JSON file.
func loadReference<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    let data = try Data(contentsOf: referenceURL(name))
    return try JSONDecoder().decode(T.self, from: data)
}

/// Reads a simple CSV (header row, commas, no quotes, no missing cells): columns whose every value
/// parses as a number become number columns, the others category columns.
func readSimpleCSV(_ url: URL, target: String? = nil) throws -> DataFrame {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = lines.removeFirst()
    let columns = header.indices.map { j -> Column in
        let cells = lines.map { $0[j] }
        let numbers = cells.map { Double($0) }
        if numbers.allSatisfy({ $0 != nil }) { return Column(name: header[j], numbers: numbers) }
        return Column(name: header[j], categories: cells)
    }
    return try DataFrame(columns: columns, target: target)
}

/// A frame of number columns from a row-major array.
func numericFrame(_ x: [[Double]], names: [String]? = nil, target: (String, [String])? = nil) throws -> DataFrame {
    let width = x.first?.count ?? 0
    let names = names ?? (0..<width).map { "x\($0)" }
    var columns = (0..<width).map { j in Column(name: names[j], numbers: x.map { $0[j] }) }
    if let (name, labels) = target { columns.append(Column(name: name, categories: labels)) }
    return try DataFrame(columns: columns, target: target?.0)
}
