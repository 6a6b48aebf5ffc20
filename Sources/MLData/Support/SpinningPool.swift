import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The threads behind ``Parallel``: one fewer than ``Parallel/threadCount``, started once, that wait for work
/// by spinning for a short while before they sleep.
///
/// Model fitting calls ``Parallel/map(_:_:)`` thousands of times a second on pieces of a few dozen
/// microseconds (a boosted tree's nodes, a logistic objective's passes). Waking a sleeping thread costs the
/// caller 10–20 µs and the woken thread more before it runs, so the pool keeps its threads awake for
/// ``spinNanoseconds`` after each call, as OpenMP runtimes do, and only then lets them sleep on a
/// condition variable.
///
/// One call runs at a time. A call made while another is running (from one of its pieces, or from another
/// thread) is told so and runs elsewhere: see ``run(workers:_:)``.
final class SpinningPool: @unchecked Sendable {
    /// The pool, or `nil` with one thread.
    static let shared: SpinningPool? = Parallel.threadCount > 1 ? SpinningPool(helpers: Parallel.threadCount - 1) : nil

    /// How many times the caller checks for its parts' completion between yields (a pool thread that was
    /// descheduled gets to run).
    static let spinLimit = 1 << 16

    /// How long a pool thread spins for work before it sleeps: two milliseconds.
    ///
    /// A model's steps are often separated by serial work of a few dozen to a few hundred microseconds (an
    /// MLP's Adam update, a boosting round's gradients); a thread that slept through it would wake late for
    /// every step, and the caller would wait for its part.
    static let spinNanoseconds: UInt64 = 2_000_000

    /// A monotonic clock reading in nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The number of pool threads (the caller runs part 0 and claims the others with them).
    private let helpers: Int
    /// Bumped for every call: a thread that sees it change runs its part of the current call.
    private let generation = Atomic<Int>(0)
    /// Parts of the current call (beyond the caller's part 0) not finished yet.
    private let remaining = Atomic<Int>(0)
    /// The next part of the current call to claim (parts from ``jobWorkers`` on do not exist).
    ///
    /// Between calls it is ``closed``, so that a late claim meant for the last call can never take a part of
    /// the next one.
    private let nextPart = Atomic<Int>(SpinningPool.closed)
    /// ``nextPart`` between calls: far beyond any part, and far from overflowing.
    private static let closed = 1 << 48
    /// Whether a call is running.
    private let busy = Atomic<Bool>(false)
    /// Pool threads asleep, or about to be (they check ``generation`` again under ``parking`` first).
    private let sleepers = Atomic<Int>(0)
    /// Where sleeping threads wait.
    private let parking = ConditionLock()
    /// The current call's work, valid while it runs (written before ``generation`` is bumped).
    nonisolated(unsafe) private var job: UnsafeRawPointer?
    /// The current call's number of workers.
    nonisolated(unsafe) private var jobWorkers = 0

    private init(helpers: Int) {
        self.helpers = helpers
        for _ in 1...helpers {
            let context = Unmanaged.passRetained(Helper(pool: self)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread, nil,
                { context in
                    guard let context else { return nil }
                    let helper = Unmanaged<Helper>.fromOpaque(context).takeRetainedValue()
                    helper.pool.serve()
                },
                context)
            precondition(status == 0, "cannot start a worker thread (pthread_create: \(status))")
            pthread_detach(thread)
        }
    }

    /// What a pool thread is told when it starts.
    private final class Helper {
        let pool: SpinningPool
        init(pool: SpinningPool) {
            self.pool = pool
        }
    }

    /// Runs `body(0)`, …, `body(workers − 1)` and returns when all are done.
    ///
    /// `body(0)` runs on the caller's thread, the others on the pool's threads as they claim them; parts still
    /// unclaimed when `body(0)` ends (a sleeping thread takes tens of microseconds to wake) run on the caller's
    /// thread instead of being waited for. A part that waits for another is therefore safe: the other one is
    /// claimed by a pool thread or was already run.
    ///
    /// - Parameters:
    ///   - workers: The number of parts, at most ``Parallel/threadCount``.
    ///   - body: One part of the work.
    /// - Returns: `false`, without running anything, when another call is running.
    func run(workers: Int, _ body: @Sendable (Int) -> Void) -> Bool {
        precondition(workers <= helpers + 1, "more parts than threads")
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { pointer in
                job = UnsafeRawPointer(pointer)
                jobWorkers = workers
                remaining.store(workers - 1, ordering: .sequentiallyConsistent)
                nextPart.store(1, ordering: .sequentiallyConsistent)  // after the job: a claim sees it
                generation.add(1, ordering: .sequentiallyConsistent)
                if sleepers.load(ordering: .sequentiallyConsistent) > 0 { parking.withLock { parking.broadcast() } }
                Self.runPart(pointer, worker: 0)
                // Parts no pool thread has claimed yet (they may still be waking up) are run here rather than
                // waited for.
                while case let part = nextPart.add(1, ordering: .sequentiallyConsistent).oldValue, part < workers {
                    Self.runPart(pointer, worker: part)
                    remaining.subtract(1, ordering: .sequentiallyConsistent)
                }
                var spins = 0
                while remaining.load(ordering: .acquiring) > 0 {
                    spins += 1
                    if spins >= Self.spinLimit {
                        sched_yield()  // a pool thread was descheduled: let it run
                        spins = 0
                    }
                }
                nextPart.store(Self.closed, ordering: .sequentiallyConsistent)
                job = nil
            }
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// Runs one part.
    ///
    /// Not inlined, so the copy of the closure it makes is released before the caller reports the part done
    /// (``run(workers:_:)`` checks that the closure did not escape).
    @inline(never)
    private static func runPart(_ job: UnsafePointer<@Sendable (Int) -> Void>, worker: Int) {
        job.pointee(worker)
    }

    /// A pool thread's life: wait for a call, claim and run parts of it while there are any, forever.
    private func serve() -> Never {
        var seen = 0
        while true {
            var current = generation.load(ordering: .acquiring)
            var spins = 0
            var deadline = Self.now() + Self.spinNanoseconds
            while current == seen {
                spins += 1
                if spins & 1023 == 0 && Self.now() >= deadline {
                    parking.withLock {
                        sleepers.add(1, ordering: .sequentiallyConsistent)
                        while generation.load(ordering: .sequentiallyConsistent) == seen { parking.wait() }
                        sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    }
                    deadline = Self.now() + Self.spinNanoseconds
                }
                current = generation.load(ordering: .acquiring)
            }
            seen = current
            // Claim parts until none is left; the job and its size are read after a successful claim, which
            // the caller makes possible only once they are written.
            while case let part = nextPart.add(1, ordering: .sequentiallyConsistent).oldValue, part < jobWorkers,
                let job
            {
                Self.runPart(job.assumingMemoryBound(to: (@Sendable (Int) -> Void).self), worker: part)
                remaining.subtract(1, ordering: .sequentiallyConsistent)
            }
        }
    }
}
