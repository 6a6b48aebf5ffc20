/// What `profile` shows about a frame: its shape, duplicate rows, the target's classes and every column.
///
/// Build one with ``DataFrame/profile()``. Every count agrees with pandas: ``duplicateRows`` with
/// `df.duplicated().sum()`, ``ColumnProfile/missing`` with `df.isna().sum()`, ``ColumnProfile/distinct`` with
/// `df.nunique()` and ``ColumnProfile/topValues`` with `value_counts()` (up to the order of ties).
public struct FrameProfile: Sendable, Hashable, Codable {
    /// The number of rows.
    public var rowCount: Int
    /// The number of columns.
    public var columnCount: Int
    /// The number of rows equal to an earlier row in every column (missing equals missing).
    public var duplicateRows: Int
    /// The target column's name, if the frame has one.
    public var target: String?
    /// The target's classes with their row counts, most frequent first (ties in value order), missing values
    /// left out; `nil` without a target or when the target is not a class label (see ``DataFrame/profile()``).
    public var targetBalance: [ValueCount]?
    /// One profile per column, in column order.
    public var columns: [ColumnProfile]
    /// Findings about the whole frame, as sentences: duplicate rows, missing or imbalanced target values.
    public var warnings: [String]

    /// Creates a frame profile.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows.
    ///   - columnCount: The number of columns.
    ///   - duplicateRows: The number of rows equal to an earlier row.
    ///   - target: The target column's name.
    ///   - targetBalance: The target's classes and counts.
    ///   - columns: One profile per column.
    ///   - warnings: Findings about the whole frame.
    public init(
        rowCount: Int, columnCount: Int, duplicateRows: Int, target: String?, targetBalance: [ValueCount]?,
        columns: [ColumnProfile], warnings: [String]
    ) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.duplicateRows = duplicateRows
        self.target = target
        self.targetBalance = targetBalance
        self.columns = columns
        self.warnings = warnings
    }
}

/// A value (as display text) and how many rows hold it.
public struct ValueCount: Sendable, Hashable, Codable {
    /// The value as text: a label, `true`/`false`, an ISO date, or an integer.
    public var value: String
    /// The number of rows holding it.
    public var count: Int

    /// Creates a value count.
    ///
    /// - Parameters:
    ///   - value: The value as text.
    ///   - count: The number of rows holding it.
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// pandas' `describe()` numbers for one number or integer column, over its present values.
public struct NumericSummary: Sendable, Hashable, Codable {
    /// The number of present values (at least 1).
    public var count: Int
    /// The mean.
    public var mean: Double
    /// The sample standard deviation (ddof = 1), `nil` with a single value.
    public var std: Double?
    /// The smallest value.
    public var min: Double
    /// The first quartile (numpy's `linear` quantile method, as pandas).
    public var q25: Double
    /// The median.
    public var median: Double
    /// The third quartile.
    public var q75: Double
    /// The largest value.
    public var max: Double

    /// Creates a summary.
    ///
    /// - Parameters:
    ///   - count: The number of present values.
    ///   - mean: The mean.
    ///   - std: The sample standard deviation, `nil` with one value.
    ///   - min: The smallest value.
    ///   - q25: The first quartile.
    ///   - median: The median.
    ///   - q75: The third quartile.
    ///   - max: The largest value.
    public init(
        count: Int, mean: Double, std: Double?, min: Double, q25: Double, median: Double, q75: Double, max: Double
    ) {
        self.count = count
        self.mean = mean
        self.std = std
        self.min = min
        self.q25 = q25
        self.median = median
        self.q75 = q75
        self.max = max
    }
}

/// Something about a column worth a reader's attention; the thresholds are documented on each case.
public enum ProfileFlag: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every present value is the same (exactly one distinct value).
    case constant
    /// A category or text column with more than 50 distinct values that are more than half the rows: too many
    /// labels to one-hot encode usefully. Not set on an ``idLike`` column.
    case highCardinality
    /// At least 20% of the values are missing.
    case highMissing
    /// An identifier rather than a measurement: an integer or text column with at least 2 rows, no missing
    /// value and every value distinct, that is either an integer column of consecutive values (such as
    /// 1, 2, …, n in any order) or named like an identifier (`id`, `uuid`, `guid`, or ending in `_id`, `-id`,
    /// ` id`, `.id`, `uuid`, or in `Id`/`ID` after a lower-case letter, as `PassengerId`).
    case idLike
}

/// What `profile` shows about one column.
public struct ColumnProfile: Sendable, Hashable, Codable {
    /// The column's name.
    public var name: String
    /// The column's type.
    public var type: ColumnType
    /// The number of missing values.
    public var missing: Int
    /// ``missing`` over the row count (0 for a frame without rows).
    public var missingShare: Double
    /// The number of distinct present values (`-0.0` and `0.0` count as one).
    public var distinct: Int
    /// The describe numbers, for number and integer columns with at least one present value; else `nil`.
    public var numeric: NumericSummary?
    /// The five most frequent present values (fewer when there are fewer), most frequent first, ties in value
    /// order (category level order, `false` before `true`, earlier dates first, UTF-8 byte order for text); empty
    /// for number and integer columns.
    public var topValues: [ValueCount]
    /// Counts for a small distribution plot.
    ///
    /// Number and integer columns: counts of the present finite values in equal-width bins from
    /// ``NumericSummary/min`` to ``NumericSummary/max``, as numpy's `histogram(values, bins=20)` (the last bin
    /// closed): 20 bins, except one bin per integer for an integer column spanning fewer than 20 values, and a
    /// single bin when every value is equal. Other columns: the counts of ``topValues``, then the count of
    /// every other present value when there are more than five distinct values. Empty without present values.
    public var histogram: [Int]
    /// The findings about this column, in ``ProfileFlag`` declaration order.
    public var flags: [ProfileFlag]

    /// Creates a column profile.
    ///
    /// - Parameters:
    ///   - name: The column's name.
    ///   - type: The column's type.
    ///   - missing: The number of missing values.
    ///   - missingShare: The missing fraction of the rows.
    ///   - distinct: The number of distinct present values.
    ///   - numeric: The describe numbers of a numeric column.
    ///   - topValues: The most frequent values.
    ///   - histogram: Counts for a distribution plot.
    ///   - flags: The findings.
    public init(
        name: String, type: ColumnType, missing: Int, missingShare: Double, distinct: Int, numeric: NumericSummary?,
        topValues: [ValueCount], histogram: [Int], flags: [ProfileFlag]
    ) {
        self.name = name
        self.type = type
        self.missing = missing
        self.missingShare = missingShare
        self.distinct = distinct
        self.numeric = numeric
        self.topValues = topValues
        self.histogram = histogram
        self.flags = flags
    }
}

extension DataFrame {
    /// A profile of every column, duplicate rows and the target's balance, for `profile d`.
    ///
    /// Per column: type, missing count and share, distinct present values, the describe numbers (number and
    /// integer columns, exactly as ``describe()``), the five most frequent values (other types), histogram counts
    /// and flags (see ``ProfileFlag`` for the thresholds).
    ///
    /// The target balance lists every class of a category, boolean or text target, or of an integer target with
    /// at most 20 distinct values; a number or date target has none. ``FrameProfile/warnings`` says, in this
    /// order: how many rows are duplicates ("12 duplicate rows (3.5%)"); how many target values are missing;
    /// that the target has a single class; that it is imbalanced (its smallest class has fewer than a fifth of
    /// the rows of its largest).
    ///
    /// - Returns: The profile; the same frame always gives the same profile.
    /// - Complexity: O(*n*) expected per column, columns in parallel; duplicate rows by hashing whole rows.
    public func profile() -> FrameProfile {
        let rows = rowCount
        let profiles = Parallel.map(columns.count) { index in ColumnProfiler.profile(columns[index], rows: rows) }
        let duplicates = duplicateRowCount()
        var balance: [ValueCount]?
        var warnings: [String] = []
        if duplicates > 0 {
            warnings.append(
                "\(duplicates) duplicate row\(duplicates == 1 ? "" : "s") (\(percent(duplicates, of: rows)))")
        }
        if let target, let column = self[target] {
            balance = ColumnProfiler.classCounts(column)
            if column.missingCount > 0 {
                let count = column.missingCount
                warnings.append(
                    "target '\(target)' has \(count) missing value\(count == 1 ? "" : "s") "
                        + "(\(percent(count, of: rows)))")
            }
            if let balance, let largest = balance.first, let smallest = balance.last {
                if balance.count == 1 {
                    warnings.append("target '\(target)' has a single class, '\(largest.value)'")
                } else if smallest.count * 5 < largest.count {
                    warnings.append(
                        "target '\(target)' is imbalanced: the smallest class '\(smallest.value)' has "
                            + "\(smallest.count) row\(smallest.count == 1 ? "" : "s") "
                            + "(\(percent(smallest.count, of: rows))), the largest '\(largest.value)' "
                            + "\(largest.count) (\(percent(largest.count, of: rows)))")
                }
            }
        }
        return FrameProfile(
            rowCount: rows, columnCount: columnCount, duplicateRows: duplicates, target: target,
            targetBalance: balance, columns: profiles, warnings: warnings)
    }

    /// The number of rows equal to an earlier row, missing equal to missing (pandas' `duplicated().sum()`).
    func duplicateRowCount() -> Int {
        let n = rowCount
        guard n > 1, !columns.isEmpty else { return 0 }
        // Hash every row, a block of rows per task, column by column within the block.
        let blockSize = max(1024, (n + 63) / 64)
        let blockCount = (n + blockSize - 1) / blockSize
        let columns = self.columns
        let blocks = Parallel.map(blockCount) { block -> [UInt64] in
            let range = (block * blockSize)..<min(n, (block + 1) * blockSize)
            var hashes = [UInt64](repeating: 0x243F_6A88_85A3_08D3, count: range.count)
            for column in columns { RowHashing.combine(column, rows: range, into: &hashes) }
            for k in hashes.indices { hashes[k] = HashCounting.mix(hashes[k]) }
            return hashes
        }
        let hashes = Array(blocks.joined())
        return HashCounting.duplicateCount(hashes: hashes) { a, b in
            columns.allSatisfy { RowHashing.cellsEqual($0, a, b) }
        }
    }
}

/// "3.5%" with one decimal, "<0.1%" for a small nonzero share.
private func percent(_ count: Int, of total: Int) -> String {
    guard total > 0 else { return "0%" }
    let tenths = (Double(count) * 1000 / Double(total)).rounded()
    if tenths == 0 && count > 0 { return "<0.1%" }
    let whole = Int(tenths)
    return "\(whole / 10).\(whole % 10)%"
}

/// Row hashes and cell equality for duplicate detection.
private enum RowHashing {
    /// The key every missing cell hashes as.
    static let missingKey: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Folds the cells of `rows` of `column` into `hashes` (one per row of the range).
    static func combine(_ column: Column, rows: Range<Int>, into hashes: inout [UInt64]) {
        let mask = column.missing
        let hasMissing = mask.hasMissing
        @inline(__always) func fold(_ k: Int, _ key: UInt64) {
            let h = hashes[k]
            hashes[k] = ((h << 5) | (h >> 59) ^ key) &* 0x517C_C1B7_2722_0A95
        }
        switch column.storage {
        case .number(let values):
            // Missing numbers are NaN, whose key differs from every present value's but a NaN's.
            for (k, row) in rows.enumerated() {
                let value = values[row]
                fold(k, value.isNaN ? missingKey : HashCounting.key(value))
            }
        case .integer(let values):
            for (k, row) in rows.enumerated() {
                fold(k, hasMissing && mask.isMissing(row) ? missingKey : UInt64(bitPattern: values[row]))
            }
        case .boolean(let values):
            for (k, row) in rows.enumerated() {
                fold(k, hasMissing && mask.isMissing(row) ? missingKey : (values[row] ? 1 : 0))
            }
        case .category(let codes, _):
            for (k, row) in rows.enumerated() { fold(k, UInt64(bitPattern: Int64(codes[row]))) }
        case .text(let values):
            for (k, row) in rows.enumerated() {
                fold(k, hasMissing && mask.isMissing(row) ? missingKey : HashCounting.key(values[row]))
            }
        case .date(let values):
            for (k, row) in rows.enumerated() {
                fold(k, hasMissing && mask.isMissing(row) ? missingKey : UInt64(bitPattern: Int64(values[row])))
            }
        }
    }

    /// Whether rows `a` and `b` of `column` hold the same value (two missing cells are equal).
    static func cellsEqual(_ column: Column, _ a: Int, _ b: Int) -> Bool {
        let missingA = column.isMissing(a)
        guard missingA == column.isMissing(b) else { return false }
        if missingA { return true }
        switch column.storage {
        case .number(let values): return values[a] == values[b]
        case .integer(let values): return values[a] == values[b]
        case .boolean(let values): return values[a] == values[b]
        case .category(let codes, _): return codes[a] == codes[b]
        case .text(let values): return values[a] == values[b]
        case .date(let values): return values[a] == values[b]
        }
    }
}

/// The per-column work of ``DataFrame/profile()``.
private enum ColumnProfiler {
    /// The number of most frequent values a profile lists.
    static let topCount = 5
    /// The number of histogram bins for a numeric column.
    static let binCount = 20

    static func profile(_ column: Column, rows: Int) -> ColumnProfile {
        let missing = column.missingCount
        let present = column.count - missing
        let mask = column.missing
        var result = ColumnProfile(
            name: column.name, type: column.type, missing: missing,
            missingShare: rows > 0 ? Double(missing) / Double(rows) : 0, distinct: 0, numeric: nil,
            topValues: [], histogram: [], flags: [])
        var consecutive = false
        switch column.storage {
        case .number:
            let values = NumericStatistics.presentValues(of: column) ?? []
            var keys = values.map { HashCounting.mix(HashCounting.key($0)) }
            result.distinct = HashCounting.distinctCount(mixed: &keys)
            if let summary = summarize(values, into: &result) {
                result.histogram = histogram(values, min: summary.min, max: summary.max)
            }
        case .integer(let values):
            var keys: [UInt64] = []
            keys.reserveCapacity(present)
            var low = Int64.max
            var high = Int64.min
            for (row, value) in values.enumerated() where missing == 0 || !mask.isMissing(row) {
                keys.append(HashCounting.mix(UInt64(bitPattern: value)))
                low = min(low, value)
                high = max(high, value)
            }
            result.distinct = HashCounting.distinctCount(mixed: &keys)
            let doubles = NumericStatistics.presentValues(of: column) ?? []
            guard let summary = summarize(doubles, into: &result) else { break }
            let (span, overflow) = high.subtractingReportingOverflow(low)
            if !overflow && span < Int64(binCount) {
                // One bin per integer value.
                var counts = [Int](repeating: 0, count: Int(span) + 1)
                for (row, value) in values.enumerated() where missing == 0 || !mask.isMissing(row) {
                    counts[Int(value - low)] += 1
                }
                result.histogram = counts
            } else {
                result.histogram = histogram(doubles, min: summary.min, max: summary.max)
            }
            consecutive = !overflow && span == Int64(present - 1) && result.distinct == present
        case .boolean(let values):
            var trues = 0
            for (row, value) in values.enumerated() where value && (missing == 0 || !mask.isMissing(row)) {
                trues += 1
            }
            let counts = [(key: 0, count: present - trues), (key: 1, count: trues)].filter { $0.count > 0 }
            setTopValues(counts, present: present, into: &result, label: { $0 == 1 ? "true" : "false" }, by: <)
        case .category(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            let observed = levels.indices.filter { counts[$0] > 0 }.map { (key: $0, count: counts[$0]) }
            setTopValues(observed, present: present, into: &result, label: { levels[$0] }, by: <)
        case .text(let values):
            var counts: [String: Int] = [:]
            for (row, value) in values.enumerated() where missing == 0 || !mask.isMissing(row) {
                counts[value, default: 0] += 1
            }
            setTopValues(
                counts.map { (key: $0.key, count: $0.value) }, present: present, into: &result, label: { $0 },
                by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        case .date(let values):
            var counts: [Int32: Int] = [:]
            for (row, value) in values.enumerated() where missing == 0 || !mask.isMissing(row) {
                counts[value, default: 0] += 1
            }
            setTopValues(
                counts.map { (key: $0.key, count: $0.value) }, present: present, into: &result,
                label: { isoDate(daysSinceEpoch: $0) }, by: <)
        }
        result.flags = flags(result, rows: rows, consecutive: consecutive)
        return result
    }

    /// Sets the describe numbers of a numeric column and returns them (`nil` without values).
    private static func summarize(_ values: [Double], into result: inout ColumnProfile) -> NumericStatistics? {
        guard let statistics = NumericStatistics(values) else { return nil }
        result.numeric = NumericSummary(
            count: statistics.count, mean: statistics.mean, std: statistics.count > 1 ? statistics.std : nil,
            min: statistics.min, q25: statistics.q25, median: statistics.median, q75: statistics.q75,
            max: statistics.max)
        return statistics
    }

    /// numpy's `histogram(values, bins=20)` counts over the finite values (one bin when they are all equal).
    static func histogram(_ values: [Double], min low: Double, max high: Double) -> [Int] {
        guard low.isFinite && high.isFinite else {
            let finite = values.filter(\.isFinite)
            guard let first = finite.min(), let last = finite.max() else { return [] }
            return histogram(finite, min: first, max: last)
        }
        guard low < high else { return [values.count] }
        let bins = binCount
        // numpy: edges = linspace(low, high, bins + 1); index = int((x − low)·norm), then corrected by the edges.
        let step = (high - low) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + low }
        edges[bins] = high
        let norm = Double(bins) / (high - low)
        var counts = [Int](repeating: 0, count: bins)
        counts.withUnsafeMutableBufferPointer { counts in
            edges.withUnsafeBufferPointer { edges in
                for value in values where value >= low && value <= high {
                    var index = min(Int((value - low) * norm), bins - 1)
                    if value < edges[index] {
                        index -= 1
                    } else if index != bins - 1 && value >= edges[index + 1] {
                        index += 1
                    }
                    counts[index] += 1
                }
            }
        }
        return counts
    }

    /// Keeps the most frequent of `candidates` (ties in `precedes` order) as the top values and histogram.
    ///
    /// - Parameters:
    ///   - candidates: Every distinct present value with its count, in any order.
    ///   - present: The number of present values.
    ///   - result: The profile to fill.
    ///   - label: The display text of a value (called for the top values only).
    ///   - precedes: The value order that breaks ties.
    private static func setTopValues<Key>(
        _ candidates: [(key: Key, count: Int)], present: Int, into result: inout ColumnProfile,
        label: (Key) -> String, by precedes: (Key, Key) -> Bool
    ) {
        result.distinct = candidates.count
        let top = ranked(candidates, limit: topCount, by: precedes)
        result.topValues = top.map { ValueCount(value: label($0.key), count: $0.count) }
        let shown = top.reduce(0) { $0 + $1.count }
        result.histogram = top.map(\.count) + (candidates.count > top.count ? [present - shown] : [])
    }

    /// The first `limit` candidates by descending count, ties in `precedes` order, without sorting them all.
    static func ranked<Key>(
        _ candidates: [(key: Key, count: Int)], limit: Int, by precedes: (Key, Key) -> Bool
    ) -> [(key: Key, count: Int)] {
        func before(_ a: (key: Key, count: Int), _ b: (key: Key, count: Int)) -> Bool {
            a.count != b.count ? a.count > b.count : precedes(a.key, b.key)
        }
        guard limit < candidates.count else { return candidates.sorted(by: before) }
        var top: [(key: Key, count: Int)] = []
        for candidate in candidates {
            if top.count == limit, let last = top.last, !before(candidate, last) { continue }
            var position = top.count
            while position > 0 && before(candidate, top[position - 1]) { position -= 1 }
            top.insert(candidate, at: position)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// The flags of a profiled column.
    private static func flags(_ profile: ColumnProfile, rows: Int, consecutive: Bool) -> [ProfileFlag] {
        var flags: [ProfileFlag] = []
        if profile.distinct == 1 { flags.append(.constant) }
        let allDistinct = rows >= 2 && profile.missing == 0 && profile.distinct == rows
        let idLike: Bool
        switch profile.type {
        case .integer: idLike = allDistinct && (consecutive || looksLikeIdentifier(profile.name))
        case .text: idLike = allDistinct && looksLikeIdentifier(profile.name)
        default: idLike = false
        }
        if (profile.type == .category || profile.type == .text) && !idLike && profile.distinct > 50
            && profile.distinct * 2 > rows
        {
            flags.append(.highCardinality)
        }
        if rows > 0 && profile.missing * 5 >= rows { flags.append(.highMissing) }
        if idLike { flags.append(.idLike) }
        return flags
    }

    /// Whether a column name reads like an identifier: `id`, `uuid`, `guid`, a `_id`-style suffix, `PassengerId`.
    static func looksLikeIdentifier(_ name: String) -> Bool {
        let lower = name.lowercased()
        if ["id", "uuid", "guid"].contains(lower) { return true }
        for suffix in ["_id", "-id", " id", ".id", "uuid"] where lower.hasSuffix(suffix) { return true }
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 3 else { return false }
        let i = scalars[scalars.count - 2]
        let d = scalars[scalars.count - 1]
        return i == "I" && (d == "d" || d == "D") && scalars[scalars.count - 3].properties.isLowercase
    }

    /// The classes of a target column with their counts, most frequent first; `nil` for a non-class target.
    static func classCounts(_ column: Column) -> [ValueCount]? {
        let mask = column.missing
        let present = column.count - column.missingCount
        switch column.storage {
        case .category(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            let observed = levels.indices.filter { counts[$0] > 0 }.map { (key: $0, count: counts[$0]) }
            return ranked(observed, limit: observed.count, by: <).map {
                ValueCount(value: levels[$0.key], count: $0.count)
            }
        case .boolean(let values):
            var trues = 0
            for (row, value) in values.enumerated() where value && !mask.isMissing(row) { trues += 1 }
            let counts = [(key: 0, count: present - trues), (key: 1, count: trues)].filter { $0.count > 0 }
            return ranked(counts, limit: 2, by: <).map {
                ValueCount(value: $0.key == 1 ? "true" : "false", count: $0.count)
            }
        case .text(let values):
            var counts: [String: Int] = [:]
            for (row, value) in values.enumerated() where !mask.isMissing(row) { counts[value, default: 0] += 1 }
            let candidates = counts.map { (key: $0.key, count: $0.value) }
            return ranked(candidates, limit: candidates.count, by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                .map { ValueCount(value: $0.key, count: $0.count) }
        case .integer(let values):
            var counts: [Int64: Int] = [:]
            for (row, value) in values.enumerated() where !mask.isMissing(row) {
                counts[value, default: 0] += 1
                if counts.count > 20 { return nil }
            }
            let candidates = counts.map { (key: $0.key, count: $0.value) }
            return ranked(candidates, limit: candidates.count, by: <).map {
                ValueCount(value: String($0.key), count: $0.count)
            }
        case .number, .date:
            return nil
        }
    }
}
