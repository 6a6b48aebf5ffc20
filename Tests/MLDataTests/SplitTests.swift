import Foundation
import MLData
import Testing

// The golden indices below come from an independent Python re-implementation of the contract
// (SplitMix64 seeding → xoshiro256**, Fisher–Yates from the back with `next() % (i + 1)`, then
// the split rules documented on `DataFrame.splitIndices`):
//
//     M = (1 << 64) - 1
//     class Gen:
//         def __init__(self, seed):
//             s, self.s = seed, []
//             for _ in range(4):
//                 s = (s + 0x9E3779B97F4A7C15) & M; z = s
//                 z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//                 z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//                 self.s.append(z ^ (z >> 31))
//         def next(self):
//             s = self.s; rot = lambda x, k: ((x << k) | (x >> (64 - k))) & M
//             r = (rot((s[1] * 5) & M, 7) * 9) & M; t = (s[1] << 17) & M
//             s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rot(s[3], 45)
//             return r
//     def shuffle(a, g):
//         for i in range(len(a) - 1, 0, -1):
//             j = g.next() % (i + 1); a[i], a[j] = a[j], a[i]
//     def split(n, test, valid, seed):
//         g = Gen(seed); o = list(range(n)); shuffle(o, g)
//         nt, nv = math.ceil(test * n), math.ceil(valid * n)
//         return sorted(o[nt + nv:]), sorted(o[nt:nt + nv]), sorted(o[:nt])
//     def strat(labels, test, valid, seed):
//         g = Gen(seed); tr, va, te = [], [], []
//         for c in sorted(set(labels)):
//             rows = [i for i, l in enumerate(labels) if l == c]; shuffle(rows, g); nc = len(rows)
//             a, b = math.floor(test * nc + 0.5), math.floor(valid * nc + 0.5)
//             while nc - a - b < 1:
//                 if b > 0: b -= 1
//                 else: a -= 1
//             te += rows[:a]; va += rows[a:a + b]; tr += rows[a + b:]
//         return sorted(tr), sorted(va), sorted(te)
//     def kfold(n, k, seed):
//         g = Gen(seed); o = list(range(n)); shuffle(o, g); out, s = [], 0
//         for f in range(k):
//             size = n // k + (1 if f < n % k else 0); out.append(sorted(o[s:s + size])); s += size
//         return out
//     def skfold(labels, k, seed):
//         g = Gen(seed); out, nxt = [[] for _ in range(k)], 0
//         for c in sorted(set(labels)):
//             rows = [i for i, l in enumerate(labels) if l == c]; shuffle(rows, g)
//             for r in rows: out[nxt].append(r); nxt = (nxt + 1) % k
//         return [sorted(f) for f in out]

/// A frame with `n` rows: `x` = row number, `y` = the given labels (a category) or none.
private func frame(rows n: Int, labels: [String]? = nil) throws -> DataFrame {
    var columns = [Column(name: "x", storage: .integer((0..<n).map(Int64.init)))]
    if let labels { columns.append(Column(name: "y", categories: labels)) }
    return try DataFrame(columns: columns, target: labels == nil ? nil : "y")
}

private func breastCancer() throws -> DataFrame {
    try CSVReader.read(path: notebookDataPath("breast_cancer.csv"), displayName: "breast_cancer.csv")
        .withTarget("diagnosis")
}

@Suite struct SplitTests {
    @Test func plainSplitMatchesTheReferenceImplementation() throws {
        // split(10, 0.3, 0, 42) → train [0,1,2,4,5,6,9], valid [], test [3,7,8]
        let split = try frame(rows: 10).splitIndices(test: 0.3, stratify: false, seed: 42)
        #expect(split == SplitIndices(train: [0, 1, 2, 4, 5, 6, 9], valid: [], test: [3, 7, 8]))
    }

    @Test func threeWaySplitMatchesTheReferenceImplementation() throws {
        // split(10, 0.2, 0.2, 7) → train [1,2,4,5,6,7], valid [0,9], test [3,8]
        let split = try frame(rows: 10).splitIndices(test: 0.2, valid: 0.2, stratify: false, seed: 7)
        #expect(split == SplitIndices(train: [1, 2, 4, 5, 6, 7], valid: [0, 9], test: [3, 8]))
    }

    @Test func stratifiedSplitMatchesTheReferenceImplementation() throws {
        // strat([0]*6 + [1]*4, 0.5, 0, 42) → train [0,1,2,6,7], test [3,4,5,8,9]
        let labels = Array(repeating: "a", count: 6) + Array(repeating: "b", count: 4)
        let split = try frame(rows: 10, labels: labels).splitIndices(test: 0.5, stratify: true, seed: 42)
        #expect(split == SplitIndices(train: [0, 1, 2, 6, 7], valid: [], test: [3, 4, 5, 8, 9]))
    }

    @Test func sizesFollowScikitLearnsCeiling() throws {
        // sklearn.model_selection.train_test_split(range(569), test_size=0.2) → 455 train, 114 test (ceil(113.8)).
        let data = try breastCancer()
        let split = try data.splitIndices(test: 0.2, stratify: false, seed: 1)
        #expect(split.test.count == 114)
        #expect(split.train.count == 455)
        // ceil(0.1 · 569) = 57 validation rows, taken after the 114 test rows.
        let three = try data.splitIndices(test: 0.2, valid: 0.1, stratify: false, seed: 1)
        #expect(three.valid.count == 57)
        #expect(three.train.count == 569 - 114 - 57)
    }

    @Test(arguments: [false, true])
    func partsAreSortedDisjointAndComplete(stratify: Bool) throws {
        let split = try breastCancer().splitIndices(test: 0.25, valid: 0.15, stratify: stratify, seed: 9)
        for part in [split.train, split.valid, split.test] { #expect(part == part.sorted()) }
        #expect((split.train + split.valid + split.test).sorted() == Array(0..<569))
    }

    @Test func stratifiedSplitKeepsClassProportions() throws {
        let data = try breastCancer()
        let split = try data.splitIndices(test: 0.2, stratify: true, seed: 42)
        let diagnosis = try data.column("diagnosis")
        func count(_ rows: [Int], _ label: String) -> Int { rows.filter { diagnosis.string(at: $0) == label }.count }
        // benign 357 → round(71.4) = 71 test rows; malignant 212 → round(42.4) = 42.
        #expect(count(split.test, "benign") == 71)
        #expect(count(split.test, "malignant") == 42)
        #expect(count(split.train, "benign") == 286)
        #expect(count(split.train, "malignant") == 170)
    }

    @Test func everyClassKeepsATrainingRow() throws {
        // A class of 2 rows with test 0.3 and valid 0.3 rounds to 1 + 1, leaving no training row:
        // the validation share gives its row back.
        let labels = ["a", "a"] + Array(repeating: "b", count: 10)
        let split = try frame(rows: 12, labels: labels).splitIndices(test: 0.3, valid: 0.3, stratify: true, seed: 3)
        #expect(split.train.filter { $0 < 2 }.count == 1)
        #expect(split.test.filter { $0 < 2 }.count == 1)
        #expect(split.valid.filter { $0 < 2 }.isEmpty)
    }

    @Test(arguments: [false, true])
    func sameSeedGivesSameSplitAndOtherSeedsDiffer(stratify: Bool) throws {
        let data = try breastCancer()
        let first = try data.splitIndices(test: 0.2, stratify: stratify, seed: 42)
        let again = try data.splitIndices(test: 0.2, stratify: stratify, seed: 42)
        let other = try data.splitIndices(test: 0.2, stratify: stratify, seed: 43)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func splitReturnsFramesInTrainValidTestOrder() throws {
        let data = try breastCancer()
        let parts = try data.split(test: 0.2, valid: 0.1, stratify: true, seed: 5)
        let indices = try data.splitIndices(test: 0.2, valid: 0.1, stratify: true, seed: 5)
        #expect(parts.map(\.rowCount) == [indices.train.count, indices.valid.count, indices.test.count])
        #expect(parts.allSatisfy { $0.target == "diagnosis" })
        let radius = try data.column("mean radius")
        #expect(try parts[2].column("mean radius").value(at: 0) == radius.value(at: indices.test[0]))
        #expect(try data.split(test: 0.2, stratify: false, seed: 5).count == 2)
    }

    @Test(arguments: [
        (0.0, 0.0), (1.0, 0.0), (-0.1, 0.0), (1.5, 0.0), (0.2, -0.1), (0.2, 1.0), (0.5, 0.5), (0.7, 0.4),
    ])
    func fractionsOutOfRangeAreRejected(test: Double, valid: Double) throws {
        let error = #expect(throws: DataError.self) {
            try frame(rows: 10).splitIndices(test: test, valid: valid, stratify: false, seed: 1)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func stratifyNeedsATarget() throws {
        let error = #expect(throws: DataError.self) {
            try frame(rows: 10).splitIndices(test: 0.2, stratify: true, seed: 1)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("needs a target") == true)
    }

    @Test func stratifyNeedsADiscreteTarget() throws {
        let data = try readCSV("x,y\n1,0.5\n2,1.5\n3,2.5\n4,3.5\n").withTarget("y")
        let error = #expect(throws: DataError.self) { try data.splitIndices(test: 0.5, stratify: true, seed: 1) }
        #expect(error?.code == .typeMismatch)
    }

    @Test func singleRowClassIsRejected() throws {
        let labels = ["a", "a", "a", "rare", "a"]
        let error = #expect(throws: DataError.self) {
            try frame(rows: 5, labels: labels).splitIndices(test: 0.4, stratify: true, seed: 1)
        }
        #expect(error?.message == "class 'rare' has only 1 row; a stratified split needs at least 2")
    }

    @Test func emptyPartIsRejected() throws {
        // One row: ceil(0.5 · 1) = 1 test row leaves no training row.
        let error = #expect(throws: DataError.self) {
            try frame(rows: 1).splitIndices(test: 0.5, stratify: false, seed: 1)
        }
        #expect(error?.message.contains("training part would be empty") == true)
        // Stratified, 4 rows in two classes, test 0.1: round(0.2) = 0 test rows per class.
        let stratified = #expect(throws: DataError.self) {
            try frame(rows: 4, labels: ["a", "a", "b", "b"]).splitIndices(test: 0.1, stratify: true, seed: 1)
        }
        #expect(stratified?.message.contains("test part would be empty") == true)
    }

    @Test func booleanAndIntegerTargetsStratifyInSortedOrder() throws {
        // Same row pattern as the reference case strat([0]*6 + [1]*4, 0.5, 0, 42).
        let booleans = try DataFrame(
            columns: [
                Column(
                    name: "y", storage: .boolean(Array(repeating: false, count: 6) + Array(repeating: true, count: 4)))
            ],
            target: "y")
        let integers = try DataFrame(
            columns: [
                Column(name: "y", storage: .integer(Array(repeating: 3, count: 6) + Array(repeating: 7, count: 4)))
            ],
            target: "y")
        let expected = SplitIndices(train: [0, 1, 2, 6, 7], valid: [], test: [3, 4, 5, 8, 9])
        #expect(try booleans.splitIndices(test: 0.5, stratify: true, seed: 42) == expected)
        #expect(try integers.splitIndices(test: 0.5, stratify: true, seed: 42) == expected)
    }

    @Test func splitIndicesAreCodable() throws {
        let split = SplitIndices(train: [0, 2], valid: [], test: [1])
        let data = try JSONEncoder().encode(split)
        #expect(try JSONDecoder().decode(SplitIndices.self, from: data) == split)
    }
}

@Suite struct KFoldTests {
    @Test func foldsMatchTheReferenceImplementation() {
        // kfold(10, 3, 1) → [[0,3,8,9], [2,5,6], [1,4,7]]
        #expect(kFoldIndices(n: 10, folds: 3, seed: 1) == [[0, 3, 8, 9], [2, 5, 6], [1, 4, 7]])
    }

    @Test func stratifiedFoldsMatchTheReferenceImplementation() {
        // skfold([0]*6 + [1]*4, 2, 3) → [[0,3,5,7,8], [1,2,4,6,9]]
        let classes = Array(repeating: 0, count: 6) + Array(repeating: 1, count: 4)
        #expect(stratifiedKFoldIndices(classes: classes, folds: 2, seed: 3) == [[0, 3, 5, 7, 8], [1, 2, 4, 6, 9]])
    }

    @Test(arguments: [(569, 5), (10, 10), (7, 2)])
    func foldsPartitionTheRowsWithBalancedSizes(n: Int, folds: Int) {
        let result = kFoldIndices(n: n, folds: folds, seed: 11)
        #expect(result.count == folds)
        #expect(result.flatMap { $0 }.sorted() == Array(0..<n))
        let sizes = result.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        #expect(result.allSatisfy { $0 == $0.sorted() })
    }

    @Test func stratifiedFoldsSpreadEveryClassEvenly() throws {
        let diagnosis = try breastCancer().column("diagnosis")
        guard case .category(let codes, _) = diagnosis.storage else {
            Issue.record("expected category")
            return
        }
        let classes = codes.map(Int.init)
        let folds = stratifiedKFoldIndices(classes: classes, folds: 5, seed: 42)
        #expect(folds.flatMap { $0 }.sorted() == Array(0..<569))
        for label in [0, 1] {
            let perFold = folds.map { fold in fold.filter { classes[$0] == label }.count }
            // benign 357 / 5 → 71 or 72 per fold; malignant 212 / 5 → 42 or 43.
            #expect((perFold.max() ?? 0) - (perFold.min() ?? 0) <= 1, "class \(label): \(perFold)")
        }
        #expect(stratifiedKFoldIndices(classes: classes, folds: 5, seed: 42) == folds)
        #expect(stratifiedKFoldIndices(classes: classes, folds: 5, seed: 43) != folds)
    }
}
