internal import CLAPACK

/// Keeps OpenBLAS on the calling thread, so that the engine's own pool is the only one running.
///
/// OpenBLAS's pthreads build starts a thread per core when it is loaded, and each one spins on
/// `sched_yield` for about 2²⁸ cycles (a tenth of a second) after every product it helps with, the
/// first time right after loading. swiftml parallelises at a coarser grain on its own pool (trees, blocks
/// of rows, folds), so those spinning threads only took a core from it: a two-core random forest ran a
/// third slower. ``confine()`` sets OpenBLAS to one thread and ends the threads it started; the large
/// products (``Matrix/multiply(_:transposingSelf:transposingOther:)``) are split into blocks of rows on the
/// engine's pool instead, and every BLAS entry point calls ``confine()`` first.
public enum BLASThreads {
    /// Confines OpenBLAS to the calling thread (once per process; later calls do nothing).
    ///
    /// Programs call it at start-up, before OpenBLAS's threads have spun for long; the engine calls it
    /// before its first product either way.
    public static func confine() {
        _ = confined
    }

    /// The number of threads OpenBLAS computes a product with (1 once confined).
    public static var openBLASThreadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// Whether OpenBLAS was confined: set once, on first use.
    private static let confined: Bool = {
        openblas_set_num_threads(1)
        // 1: the pthreads server, whose idle threads spin; OpenMP and sequential builds have none to end.
        if openblas_get_parallel() == 1 { _ = blas_thread_shutdown_() }
        return true
    }()
}
