import Foundation
import Testing

/// A seeded generator (SplitMix64), so property tests see the same "random" inputs on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic samples shared by the bin tests and the golden figures.
///
/// Each is written the same way in the
/// Python commands that produced the expected numbers, using only IEEE-exact-rounded arithmetic (`+ * /` and
/// `%`), so both languages see bit-identical values.
enum Fixtures {
    /// A flat sample: `[((i*37) % 101) / 8 + (i % 7) * 0.3 for i in range(300)]`.
    static let spread: [Double] = (0..<300).map { (i: Int) -> Double in
        let first: Double = Double((i * 37) % 101) / 8
        let second: Double = Double(i % 7) * 0.3
        return first + second
    }
    /// A flat sample overlapping `spread`: `[((i*53) % 97) / 6 + (i % 5) * 0.7 + 4 for i in range(200)]`.
    static let shifted: [Double] = (0..<200).map { (i: Int) -> Double in
        let first: Double = Double((i * 53) % 97) / 6
        let second: Double = Double(i % 5) * 0.7
        return first + second + 4
    }
    /// A right-skewed sample: `[(lambda t: t*t*t)((i % 50) / 10) for i in range(200)]`.
    static let skewed: [Double] = (0..<200).map {
        let t = Double($0 % 50) / 10
        return t * t * t
    }
    /// Fifteen hand-typed values.
    static let small: [Double] = [2.3, 4.1, 4.4, 5.0, 5.2, 5.9, 6.1, 6.3, 7.7, 8.0, 8.8, 9.5, 12.2, 15.0, 21.7]
}

/// Compares text with a reference file in `Goldens/`, or rewrites the file when `RECORD_GOLDENS=1`.
///
/// A missing reference fails with instructions. On a mismatch the first differing line of each is reported.
func expectMatchesGolden(
    _ actual: String,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true
        )
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "No golden file \(name); run with RECORD_GOLDENS=1 to record it, then review it.",
            sourceLocation: sourceLocation
        )
        return
    }
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let common = min(actualLines.count, expectedLines.count)
    let index = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
    let got = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
    let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
    Issue.record(
        """
        Output differs from golden \(name) at line \(index + 1) (re-record with RECORD_GOLDENS=1 if intended):
          expected: \(want)
          actual:   \(got)
        """,
        sourceLocation: sourceLocation
    )
}

/// The full path of an executable found on `PATH`, or `nil`.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
        let candidate = String(directory) + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
