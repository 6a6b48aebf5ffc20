import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives read access to whole files, with errors that name the file as the user wrote it.
enum FileBytes {
    /// Calls `body` with the contents of the file at `path`.
    ///
    /// A regular file is memory-mapped read-only (no copy, no zero-filled buffer); anything
    /// else, or a file that cannot be mapped, is read with `read(2)` into an array. The bytes
    /// are valid only during `body`. As with any mapped file, truncating the file while it is
    /// being read ends the process with `SIGBUS`.
    ///
    /// - Parameters:
    ///   - path: The path to open.
    ///   - displayName: The path as the user wrote it, for error messages.
    ///   - body: The work to do with the bytes.
    /// - Returns: What `body` returns.
    /// - Throws: ``DataError`` `.fileNotFound` (suggesting a similarly named file in the same
    ///   folder) or `.unreadableFile` (a folder, no permission, an I/O error); and what `body` throws.
    static func withContents<R>(
        path: String, displayName: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) throws -> R {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw notFound(path: path, displayName: displayName) }
            throw DataError(.unreadableFile, "cannot open the file: \(describe(code))", file: displayName)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw DataError(.unreadableFile, "cannot read the file: \(describe(errno))", file: displayName)
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else {
            throw DataError(.unreadableFile, "is a folder, not a file", file: displayName)
        }
        let size = Int(status.st_size)
        if (status.st_mode & S_IFMT) == S_IFREG && size > 0,
            let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED
        {
            defer { munmap(mapped, size) }
            _ = madvise(mapped, size, MADV_SEQUENTIAL)
            return try body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
        }
        let bytes = try readAll(descriptor, sizeHint: size, displayName: displayName)
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// Reads the rest of `descriptor` in 1 MiB chunks.
    private static func readAll(_ descriptor: Int32, sizeHint: Int, displayName: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(sizeHint, 0))
        let chunkSize = 1 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let got = read(descriptor, chunk.baseAddress, chunkSize)
            if got == 0 { break }
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw DataError(.unreadableFile, "cannot read the file: \(describe(code))", file: displayName)
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
        }
        return bytes
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The not-found error, with a "did you mean" for a file of a similar name in the same folder.
    private static func notFound(path: String, displayName: String) -> DataError {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var message = "file not found"
        if let siblings = try? FileManager.default.contentsOfDirectory(atPath: folder),
            let near = nearestName(to: name, in: siblings.sorted())
        {
            let shown = (displayName as NSString).deletingLastPathComponent
            message += "; did you mean '\(shown.isEmpty ? near : shown + "/" + near)'?"
        }
        return DataError(.fileNotFound, message, file: displayName)
    }
}
