#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes the first use of fresh memory cheaper: faulting its pages in ahead of use, or asking for huge pages.
public enum PageFaults {
    /// `MADV_POPULATE_WRITE` (Linux 5.14), spelled out for C libraries whose headers predate it.
    private static let populateWrite: Int32 = 23
    /// `MADV_HUGEPAGE` (Linux 2.6.38), spelled out likewise.
    private static let hugePage: Int32 = 14
    /// The size of a transparent huge page on x86-64 and (with 4 KB pages) arm64.
    private static let hugePageSize = 2 << 20
    /// Buffers from this size on ask for huge pages (numpy's threshold for the same advice).
    public static let hugePageThreshold = 4 << 20

    /// Faults in, writable, the pages that hold `start ..< start + byteCount`.
    ///
    /// Memory the process owns keeps its contents; where the system cannot do it (another kernel, another
    /// platform) nothing happens, and the pages are faulted in when first written, as usual.
    ///
    /// - Parameters:
    ///   - start: The first byte.
    ///   - byteCount: The number of bytes.
    static func populate(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
            let pageSize = Int(getpagesize())
            let address = Int(bitPattern: start)
            let begin = address / pageSize * pageSize
            guard byteCount > 0, let pointer = UnsafeMutableRawPointer(bitPattern: begin) else { return }
            _ = madvise(pointer, address + byteCount - begin, populateWrite)
        #endif
    }

    /// Asks the kernel to back the whole huge pages inside `start ..< start + byteCount` with huge pages when
    /// they are first touched, if the buffer is at least ``hugePageThreshold`` bytes.
    ///
    /// A 32 MB matrix written for the first time takes 8 192 page faults with 4 KB pages, which cost about as
    /// much as filling it; with 2 MB pages it takes 16. This is the advice numpy gives for its large arrays.
    /// It changes no byte of the buffer, only how the kernel maps it; where transparent huge pages are off
    /// (or on another platform) nothing happens.
    ///
    /// - Parameters:
    ///   - start: The first byte of a buffer not yet written.
    ///   - byteCount: The number of bytes.
    public static func adviseHugePages(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
            guard byteCount >= hugePageThreshold else { return }
            let address = Int(bitPattern: start)
            let begin = (address + hugePageSize - 1) / hugePageSize * hugePageSize
            let end = (address + byteCount) / hugePageSize * hugePageSize
            guard end > begin, let pointer = UnsafeMutableRawPointer(bitPattern: begin) else { return }
            _ = madvise(pointer, end - begin, hugePage)
        #endif
    }
}

extension Array where Element: BitwiseCopyable {
    /// An array of `count` elements that `initializer` writes, in memory that asks for huge pages when it is
    /// large (see ``PageFaults/adviseHugePages(_:byteCount:)``).
    ///
    /// - Parameters:
    ///   - count: The number of elements.
    ///   - initializer: Writes every one of the `count` elements of the buffer it is given.
    @inlinable
    public init(
        freshCount count: Int, initializingWith initializer: (UnsafeMutableBufferPointer<Element>) throws -> Void
    ) rethrows {
        try self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                let bytes = count * MemoryLayout<Element>.stride
                PageFaults.adviseHugePages(UnsafeMutableRawPointer(base), byteCount: bytes)
            }
            try initializer(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            initialized = count
        }
    }

    /// `count` copies of `value`, in memory that asks for huge pages when it is large.
    ///
    /// - Parameters:
    ///   - value: The value of every element.
    ///   - count: The number of elements.
    @inlinable
    public init(freshRepeating value: Element, count: Int) {
        self.init(freshCount: count) { $0.initialize(repeating: value) }
    }
}
