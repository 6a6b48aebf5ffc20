import ArgumentParser
import Foundation

/// Finding and reading notebook files named on the command line.
enum NotebookFiles {
    /// A notebook that cannot be read, reported as one line.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Expands folders into the `.md` files they hold (sorted), keeping files as given.
    static func expand(_ paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".md") }
                    .sorted()
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                result += names.map { base + "/" + $0 }
            } else {
                result.append(path)
            }
        }
        guard !result.isEmpty else {
            throw ValidationError("no notebooks (.md files) found in \(paths.joined(separator: ", "))")
        }
        return result
    }

    /// The text of a notebook.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path):1:1: error: cannot read the notebook")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(path):1:1: error: the notebook is not UTF-8 text")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

}
