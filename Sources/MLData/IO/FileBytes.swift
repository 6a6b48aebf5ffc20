#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
        try withContents(path: path, displayName: displayName) { bytes, _ in try body(bytes) }
    }

    /// Calls `body` with the contents of the file at `path` and a ``PageReleaser`` for them.
    ///
    /// As ``withContents(path:displayName:_:)``; a reader that goes through the file front to back
    /// calls ``PageReleaser/release(below:)`` as it goes, so the pages it is done with leave its
    /// resident memory instead of adding the file's size to the peak.
    ///
    /// - Parameters:
    ///   - path: The path to open.
    ///   - displayName: The path as the user wrote it, for error messages.
    ///   - body: The work to do with the bytes and their releaser.
    /// - Returns: What `body` returns.
    /// - Throws: As ``withContents(path:displayName:_:)``.
    static func withContents<R>(
        path: String, displayName: String, _ body: (UnsafeBufferPointer<UInt8>, inout PageReleaser) throws -> R
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
            var releaser = PageReleaser(mapped: mapped, count: size)
            let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
            return try body(bytes, &releaser)
        }
        let bytes = try readAll(descriptor, sizeHint: size, displayName: displayName)
        var releaser = PageReleaser.none
        return try bytes.withUnsafeBufferPointer { try body($0, &releaser) }
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
    static func notFound(path: String, displayName: String) -> DataError {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var message = "file not found"
        if let siblings = try? FileManager.default.contentsOfDirectory(atPath: folder),
            let near = nearestName(to: name, in: siblings.sorted())
        {
            // The folder as the user wrote it: everything up to the last slash.
            let shown = displayName.lastIndex(of: "/").map { displayName[...$0] } ?? ""
            message += "; did you mean '\(shown)\(near)'?"
        }
        return DataError(.fileNotFound, message, file: displayName)
    }
}

/// Drops the pages of a memory-mapped file that a front-to-back reader has finished with.
///
/// The mapping is private and read-only, so dropped pages (`MADV_DONTNEED`) are read again from the
/// file (usually from the page cache) if they are touched later: releasing never changes what the
/// reader sees, only how much of the file counts towards its resident memory. For bytes that are not
/// mapped it does nothing.
struct PageReleaser {
    /// Pages are released in batches of at least this many bytes, to keep the system calls few.
    private static let batch = 1 << 20

    /// The start of the mapping (page-aligned), or `nil` when there is nothing to release.
    private let base: UnsafeMutableRawPointer?
    private let count: Int
    private let pageSize: Int
    /// Bytes `0..<released` have been released (a multiple of the page size).
    private var released = 0

    /// A releaser that does nothing, for bytes that are not mapped.
    static var none: PageReleaser { PageReleaser(mapped: nil, count: 0) }

    /// A releaser for the `count` bytes mapped at `mapped`.
    init(mapped: UnsafeMutableRawPointer?, count: Int) {
        self.base = mapped
        self.count = count
        self.pageSize = max(Int(getpagesize()), 1)
    }

    /// A releaser for a reader of the bytes from `offset` on: it never drops the page holding `offset`
    /// or any page before it, which other readers may still need.
    func starting(at offset: Int) -> PageReleaser {
        var copy = self
        copy.released = offset == 0 ? 0 : (offset + pageSize - 1) / pageSize * pageSize
        return copy
    }

    /// Starts over from the first byte, for a reader that goes through the bytes again.
    mutating func rewind() {
        released = 0
    }

    /// Drops the whole pages below `offset` from memory, in batches unless `batched` is `false`.
    ///
    /// - Parameters:
    ///   - offset: The first byte still needed; everything before it may be dropped.
    ///   - batched: Whether to wait until at least a batch of pages can go (a reader going on); `false`
    ///     drops whatever whole pages there are (a reader that is done).
    mutating func release(below offset: Int, batched: Bool = true) {
        guard let base else { return }
        let end = min(offset, count) / pageSize * pageSize
        guard end - released >= (batched ? Self.batch : 1) else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }
}
