import Dispatch
import Synchronization
import Testing

@testable import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 3, 7, 100, 1000])
    func mapKeepsIndexOrder(count: Int) {
        #expect(Parallel.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    /// A call from inside a call finds the pool busy and runs on Dispatch's threads, with the same results.
    @Test func nestedCallsGiveTheSameResults() {
        let sums = Parallel.map(16) { outer in Parallel.map(outer) { $0 + outer }.reduce(0, +) }
        #expect(sums == (0..<16).map { outer in (0..<outer).map { $0 + outer }.reduce(0, +) })
    }

    /// Several threads calling at once: one gets the pool, the others Dispatch; every call is right.
    @Test func concurrentCallersEachGetTheirOwnResults() async {
        let ok = await withTaskGroup(of: Bool.self) { group in
            for caller in 0..<6 {
                group.addTask {
                    (0..<200).allSatisfy { round in
                        Parallel.map(5) { $0 * caller + round } == (0..<5).map { $0 * caller + round }
                    }
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(ok)
    }

    /// Calls far enough apart that the pool's threads go to sleep between them must wake them every time.
    @Test func callsAfterThePoolSleepsStillRun() {
        for round in 0..<40 {
            usleep(2_000)  // longer than the spin: the threads park
            #expect(Parallel.map(2) { $0 + round } == [round, round + 1])
        }
    }

    /// The pool refuses a second call while one runs, so the caller can go elsewhere instead of waiting.
    @Test func thePoolRefusesACallWhileOneRuns() throws {
        let pool = try #require(SpinningPool.shared, "needs more than one thread")
        let inner = Mutex<Bool?>(nil)
        // Other tests may hold the pool for a moment: try until this call gets it.
        var ran = false
        for _ in 0..<10_000 where !ran {
            ran = pool.run(workers: 1) { _ in
                let accepted = pool.run(workers: 1) { _ in }
                inner.withLock { $0 = accepted }
            }
            if !ran { usleep(100) }
        }
        #expect(ran)
        #expect(inner.withLock { $0 } == false)
    }

    /// Parts of a pool call can wait for one another: the pool's threads claim the parts the caller waits for.
    @Test func partsOfAPoolCallRunAtOnce() throws {
        let pool = try #require(SpinningPool.shared, "needs more than one thread")
        let workers = Parallel.threadCount
        let arrived = Atomic<Int>(0)
        let met = Atomic<Int>(0)
        var ran = false
        for _ in 0..<10_000 where !ran {
            ran = pool.run(workers: workers) { _ in
                arrived.add(1, ordering: .sequentiallyConsistent)
                // Wait (at most about 5 s) until every part has started.
                var waited = 0
                while arrived.load(ordering: .sequentiallyConsistent) < workers && waited < 50_000 {
                    usleep(100)
                    waited += 1
                }
                if arrived.load(ordering: .sequentiallyConsistent) == workers { met.add(1, ordering: .relaxed) }
            }
            if !ran { usleep(100) }
        }
        #expect(ran)
        #expect(met.load(ordering: .relaxed) == workers)
    }
}
