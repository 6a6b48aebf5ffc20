import Dispatch

/// Runs independent pieces of work on all cores and combines their results in a fixed order.
///
/// The call is synchronous: it returns when every piece is done, and the results are in index order, so the
/// output does not depend on scheduling. The work must only read shared state (copy-on-write values are safe
/// to read from several threads) and write nothing but its own result.
enum Parallel {
    /// `transform(0), transform(1), …, transform(count − 1)`, computed concurrently.
    ///
    /// - Parameters:
    ///   - count: The number of pieces; with 0 or 1 nothing runs concurrently.
    ///   - transform: The work for one index.
    /// - Returns: The results in index order.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<max(count, 0)).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let start = buffer.baseAddress else {
                initialized = 0
                return
            }
            // Each iteration initializes its own slot and nothing else, so sharing the pointer is safe.
            nonisolated(unsafe) let base = start
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (base + index).initialize(to: transform(index))
            }
            initialized = count
        }
    }
}
