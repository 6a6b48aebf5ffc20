import Dispatch
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs independent pieces of work on all cores and combines their results in a fixed order.
///
/// The call is synchronous: it returns when every piece is done, and the results are in index order, so the
/// output does not depend on scheduling. The work must only read shared state (copy-on-write values are safe
/// to read from several threads) and write nothing but its own result.
///
/// The number of threads is the machine's active processor count, or the `SWIFTML_THREADS` environment
/// variable when it holds a positive number (`SWIFTML_THREADS=1` runs everything on the calling thread, which
/// the benchmarks use for single-thread comparisons).
public enum Parallel {
    /// The most threads work is spread over.
    public static let threadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["SWIFTML_THREADS"], let count = Int(text), count > 0 {
            return count
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// `transform(0), transform(1), …, transform(count − 1)`, computed concurrently.
    ///
    /// - Parameters:
    ///   - count: The number of pieces; with 0 or 1 (or one thread) nothing runs concurrently.
    ///   - transform: The work for one index.
    /// - Returns: The results in index order.
    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1, threadCount > 1 else { return (0..<max(count, 0)).map(transform) }
        let workers = min(count, threadCount)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let start = buffer.baseAddress else {
                initialized = 0
                return
            }
            // Each index initializes its own slot and nothing else, so sharing the pointer is safe. Worker w
            // takes indices w, w + workers, …, which spreads uneven pieces over the workers.
            nonisolated(unsafe) let base = start
            let part: @Sendable (Int) -> Void = { worker in
                for index in stride(from: worker, to: count, by: workers) {
                    (base + index).initialize(to: transform(index))
                }
            }
            // The spinning pool when it is free; a call made while it runs (nested, or from another thread)
            // goes to Dispatch's threads instead.
            if SpinningPool.shared?.run(workers: workers, part) != true {
                DispatchQueue.concurrentPerform(iterations: workers, execute: part)
            }
            initialized = count
        }
    }

    /// Runs `body(0)`, …, `body(count − 1)` concurrently, for work that writes into its own disjoint memory.
    ///
    /// - Parameters:
    ///   - count: The number of pieces.
    ///   - body: The work for one index.
    public static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        _ = map(count) { body($0) }
    }
}
