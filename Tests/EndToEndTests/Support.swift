import Foundation
import Testing

/// The package root (two levels above this file's folder).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The built `swiftml` executable beside the test bundle.
func swiftmlBinary() throws -> URL {
    var candidates: [URL] = []
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = runner.deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("swiftml"))
        folder = folder.deletingLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/swiftml"))
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    throw CLIError(message: "swiftml binary not found near \(runner.path); run `swift build` first")
}

struct CLIError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The result of running the command line.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `swiftml` with `arguments` in `directory`.
func swiftml(_ arguments: [String], in directory: URL = packageRoot) throws -> RunResult {
    let process = Process()
    process.executableURL = try swiftmlBinary()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftml-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Whether `tool` is on PATH.
func which(_ tool: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    for path in paths {
        let candidate = "\(path)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
