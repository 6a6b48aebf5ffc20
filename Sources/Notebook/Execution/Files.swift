import Crypto
import Foundation
import MLData

/// Reading the files a notebook names.
enum FileBytes {
    /// The bytes of the file at `path`.
    ///
    /// - Parameters:
    ///   - path: The resolved path.
    ///   - displayName: The path as the notebook wrote it, for messages.
    /// - Returns: The file's bytes.
    /// - Throws: ``DataError`` `.fileNotFound` or `.unreadableFile`.
    static func read(_ path: String, displayName: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(.fileNotFound, "no such file: \(displayName)")
        }
        guard !isDirectory.boolValue else {
            throw DataError(.unreadableFile, "\(displayName) is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(.unreadableFile, "cannot read \(displayName)")
        }
        return [UInt8](data)
    }
}

/// SHA-256 content hashes, as recorded in the reproducibility appendix.
enum SHA256 {
    /// Lower-case hex SHA-256 of `bytes`.
    static func hex(of bytes: [UInt8]) -> String {
        let digest = Crypto.SHA256.hash(data: bytes)
        let hexDigits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Where a notebook's relative paths start, and those paths resolved: one rule for the session, the block cache,
/// templates, sites and previews.
public enum NotebookPath {
    /// The folder of the notebook at `path`: `""` for a notebook in the current folder.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `path` as seen from the current folder, when the notebook wrote it relative to `directory`.
    ///
    /// Absolute paths stay as they are, and so does every path when `directory` is empty.
    public static func resolve(_ path: String, from directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
    }
}

/// Lower-case hex SHA-256 of `bytes`: the content hash reports, caches and sites key on.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hex(of: bytes)
}
