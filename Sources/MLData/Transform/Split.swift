/// The row indices of a train / validation / test split, each part in ascending order.
public struct SplitIndices: Sendable, Hashable, Codable {
    /// The training rows.
    public var train: [Int]
    /// The validation rows (empty when no validation part was asked for).
    public var valid: [Int]
    /// The test rows.
    public var test: [Int]

    /// Creates a split from its parts.
    ///
    /// - Parameters:
    ///   - train: The training rows.
    ///   - valid: The validation rows.
    ///   - test: The test rows.
    public init(train: [Int], valid: [Int], test: [Int]) {
        self.train = train
        self.valid = valid
        self.test = test
    }
}

extension DataFrame {
    /// The row indices of a seeded random split into train, optional validation, and test parts.
    ///
    /// This algorithm is part of swiftml's reproducibility contract: the same frame, fractions
    /// and seed give the same indices on every machine and in every release.
    ///
    /// *Not stratified.* `Array(0..<n)` is shuffled with ``Swift/Array/seededShuffle(using:)``
    /// and `SeededGenerator(seed: seed)`. With `nTest = ⌈test·n⌉` and `nValid = ⌈valid·n⌉`
    /// (the sizes scikit-learn's `train_test_split` gives), the first `nTest` shuffled indices
    /// are the test part, the next `nValid` the validation part, and the rest the training part.
    ///
    /// *Stratified* by the target column (category, boolean or integer). One generator is
    /// seeded with `seed`; for each class in order (category level order, `false` before
    /// `true`, ascending integers) that class's rows, ascending, are shuffled with it in turn.
    /// With `nc` rows in the class, its test part is the first `round(test·nc)` of them and its
    /// validation part the next `round(valid·nc)` (rounding half away from zero); if that would
    /// leave the class no training row, its validation share and then its test share shrink
    /// by one until one row is left for training.
    ///
    /// Every part is finally sorted ascending, so rows keep their file order.
    ///
    /// - Parameters:
    ///   - test: The test fraction, in (0, 1).
    ///   - valid: The validation fraction, 0 (none) or in (0, 1).
    ///   - stratify: Whether to keep the target's class proportions in every part.
    ///   - seed: The seed of the shuffle.
    /// - Returns: The three parts' row indices, each ascending.
    /// - Throws: ``DataError`` `.invalidArgument` for fractions outside (0, 1), fractions
    ///   summing to 1 or more, stratifying without a target, a target with missing values, a
    ///   class with a single row, or a part that would be empty; `.typeMismatch` when the target
    ///   is not a category, boolean or integer column.
    public func splitIndices(test: Double, valid: Double = 0, stratify: Bool, seed: UInt64) throws -> SplitIndices {
        guard test > 0 && test < 1 else {
            throw DataError(.invalidArgument, "test: must be between 0 and 1 (exclusive), got \(test)")
        }
        guard valid == 0 || (valid > 0 && valid < 1) else {
            throw DataError(.invalidArgument, "valid: must be between 0 and 1 (exclusive), got \(valid)")
        }
        guard test + valid < 1 else {
            throw DataError(
                .invalidArgument, "test: and valid: add up to \(test + valid); they must leave rows for training")
        }
        var generator = SeededGenerator(seed: seed)
        var split: SplitIndices
        if stratify {
            split = try stratifiedSplit(test: test, valid: valid, generator: &generator)
        } else {
            var order = Array(0..<rowCount)
            order.seededShuffle(using: &generator)
            let nTest = min(Int((test * Double(rowCount)).rounded(.up)), rowCount)
            let nValid = min(Int((valid * Double(rowCount)).rounded(.up)), rowCount - nTest)
            split = SplitIndices(
                train: Array(order[(nTest + nValid)...]),
                valid: Array(order[nTest..<(nTest + nValid)]),
                test: Array(order[0..<nTest]))
        }
        split.train.sort()
        split.valid.sort()
        split.test.sort()
        try checkNotEmpty(split, valid: valid)
        return split
    }

    /// A seeded random split into frames: `[train, test]`, or `[train, valid, test]` when `valid > 0`.
    ///
    /// The rows are those of ``splitIndices(test:valid:stratify:seed:)``, in ascending order;
    /// each frame keeps the target and the columns.
    ///
    /// - Parameters:
    ///   - test: The test fraction, in (0, 1).
    ///   - valid: The validation fraction, 0 (none) or in (0, 1).
    ///   - stratify: Whether to keep the target's class proportions in every part.
    ///   - seed: The seed of the shuffle.
    /// - Returns: Two or three frames.
    /// - Throws: The errors of ``splitIndices(test:valid:stratify:seed:)``.
    public func split(test: Double, valid: Double = 0, stratify: Bool, seed: UInt64) throws -> [DataFrame] {
        let indices = try splitIndices(test: test, valid: valid, stratify: stratify, seed: seed)
        var parts = [selecting(rows: indices.train)]
        if valid > 0 { parts.append(selecting(rows: indices.valid)) }
        parts.append(selecting(rows: indices.test))
        return parts
    }

    /// The per-class shuffle and allocation described in ``splitIndices(test:valid:stratify:seed:)``.
    private func stratifiedSplit(test: Double, valid: Double, generator: inout SeededGenerator) throws
        -> SplitIndices
    {
        let classes = try stratificationClasses()
        var split = SplitIndices(train: [], valid: [], test: [])
        for (label, rows) in classes where !rows.isEmpty {
            guard rows.count >= 2 else {
                throw DataError(
                    .invalidArgument, "class '\(label)' has only 1 row; a stratified split needs at least 2")
            }
            var shuffled = rows
            shuffled.seededShuffle(using: &generator)
            let count = Double(shuffled.count)
            var nTest = Int((test * count).rounded())
            var nValid = Int((valid * count).rounded())
            while shuffled.count - nTest - nValid < 1 {
                if nValid > 0 { nValid -= 1 } else { nTest -= 1 }
            }
            split.test += shuffled[0..<nTest]
            split.valid += shuffled[nTest..<(nTest + nValid)]
            split.train += shuffled[(nTest + nValid)...]
        }
        return split
    }

    /// The target's classes in order, each with its rows ascending.
    private func stratificationClasses() throws -> [(label: String, rows: [Int])] {
        guard let target, let column = self[target] else {
            throw DataError(
                .invalidArgument, "stratify: true needs a target column; load the data with target: or drop stratify:")
        }
        if column.missingCount > 0 {
            throw DataError(
                .invalidArgument,
                "target '\(target)' has \(column.missingCount) missing values; drop those rows before a stratified split"
            )
        }
        switch column.storage {
        case .category(let codes, let levels):
            var rows = Array(repeating: [Int](), count: levels.count)
            for (row, code) in codes.enumerated() { rows[Int(code)].append(row) }
            return Array(zip(levels, rows)).map { (label: $0.0, rows: $0.1) }
        case .boolean(let values):
            var rows: ([Int], [Int]) = ([], [])
            for (row, value) in values.enumerated() {
                if value { rows.1.append(row) } else { rows.0.append(row) }
            }
            return [("false", rows.0), ("true", rows.1)]
        case .integer(let values):
            var byValue: [Int64: [Int]] = [:]
            for (row, value) in values.enumerated() { byValue[value, default: []].append(row) }
            return byValue.keys.sorted().map { (label: String($0), rows: byValue[$0] ?? []) }
        case .number, .text, .date:
            throw DataError(
                .typeMismatch,
                "cannot stratify by '\(target)', a \(column.type.rawValue) column; "
                    + "stratify needs a category, boolean or integer target")
        }
    }

    /// Rejects a split with an empty part.
    private func checkNotEmpty(_ split: SplitIndices, valid: Double) throws {
        let parts =
            [("training", split.train), ("test", split.test)] + (valid > 0 ? [("validation", split.valid)] : [])
        for (name, rows) in parts where rows.isEmpty {
            throw DataError(
                .invalidArgument,
                "the \(name) part would be empty (\(rowCount) rows); use more data or larger fractions")
        }
    }
}

/// Seeded k-fold assignment for cross-validation: the held-out rows of each fold, ascending.
///
/// `Array(0..<n)` is shuffled with ``Swift/Array/seededShuffle(using:)`` and
/// `SeededGenerator(seed: seed)`, then cut into `folds` consecutive runs; the first `n % folds`
/// runs have one extra row (scikit-learn's `KFold` sizes). Each fold's training rows are the
/// rows of all other folds.
///
/// - Parameters:
///   - n: The number of rows.
///   - folds: The number of folds, in `2...n`.
///   - seed: The seed of the shuffle.
/// - Returns: `folds` arrays of held-out row indices, each ascending; together a partition of `0..<n`.
/// - Precondition: `2 <= folds <= n`; callers validate user input first.
public func kFoldIndices(n: Int, folds: Int, seed: UInt64) -> [[Int]] {
    precondition(folds >= 2 && folds <= n, "folds must be in 2...n")
    var generator = SeededGenerator(seed: seed)
    var order = Array(0..<n)
    order.seededShuffle(using: &generator)
    var result: [[Int]] = []
    var start = 0
    for fold in 0..<folds {
        let size = n / folds + (fold < n % folds ? 1 : 0)
        result.append(order[start..<(start + size)].sorted())
        start += size
    }
    return result
}

/// Seeded stratified k-fold assignment: each fold gets about `1/folds` of every class.
///
/// One generator is seeded with `seed`. For each class in ascending label order, that
/// class's rows (ascending) are shuffled with it in turn and dealt round-robin to the folds,
/// the deal continuing from fold to fold across classes, so fold sizes differ by at most one
/// and each class's count per fold differs by at most one.
///
/// - Parameters:
///   - classes: One class label per row (category codes, integer labels, 0/1 for booleans).
///   - folds: The number of folds, in `2...classes.count`.
///   - seed: The seed of the shuffles.
/// - Returns: `folds` arrays of held-out row indices, each ascending.
/// - Precondition: `2 <= folds <= classes.count`; callers validate user input first.
public func stratifiedKFoldIndices(classes: [Int], folds: Int, seed: UInt64) -> [[Int]] {
    precondition(folds >= 2 && folds <= classes.count, "folds must be in 2...n")
    var byClass: [Int: [Int]] = [:]
    for (row, label) in classes.enumerated() { byClass[label, default: []].append(row) }
    var generator = SeededGenerator(seed: seed)
    var result = Array(repeating: [Int](), count: folds)
    var next = 0
    for label in byClass.keys.sorted() {
        var rows = byClass[label] ?? []
        rows.seededShuffle(using: &generator)
        for row in rows {
            result[next].append(row)
            next = (next + 1) % folds
        }
    }
    return result.map { $0.sorted() }
}
