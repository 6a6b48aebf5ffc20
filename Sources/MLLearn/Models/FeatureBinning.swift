import MLData

/// Quantile bins of every input column, as scikit-learn's `_BinMapper` makes them for histogram gradient boosting.
///
/// Each column gets at most ``maxBins`` bins. A column with at most that many distinct values gets one bin per
/// value, cut at the midpoints between neighbours; otherwise the cuts are the 1/maxBins, 2/maxBins, … quantiles
/// of the column (numpy's `percentile(method="averaged_inverted_cdf")`), duplicates removed. A value *x* falls
/// in bin *i* when `thresholds[i − 1] < x ≤ thresholds[i]`, so a split "bin ≤ b" is the split
/// "x ≤ thresholds[b]" on the raw values. There is no bin for missing values: the pipeline imputes them.
struct FeatureBinning: Sendable, Codable, Hashable {
    /// The most bins a column can have (one byte per code).
    static let binLimit = 255
    /// Thresholds are capped here, as scikit-learn's `ALMOST_INF`, so no threshold is infinite.
    static let almostInfinity = 1e300
    /// Above this many rows the thresholds come from a random sample of this size (scikit-learn's `subsample`).
    static let sampleLimit = 200_000

    /// The increasing cut points of each column; a column with one distinct value has none.
    var thresholds: [[Double]]

    /// The number of bins of column `feature` (thresholds + 1).
    func binCount(_ feature: Int) -> Int { thresholds[feature].count + 1 }

    /// Finds the bins of the columns of `x` from the rows `rows` and codes those rows.
    ///
    /// Each column is sorted once (with the rows' positions); the cuts come from the sorted values and the codes
    /// from one walk along them, so the training rows need no search. Above ``sampleLimit`` rows the cuts come
    /// from a sample drawn with replacement (as scikit-learn's `rng.choice(n, subsample, replace=True)`) and the
    /// rows are coded by binary search.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample; every value finite.
    ///   - rows: The training rows the cuts come from, in the order their codes take.
    ///   - maxBins: The most bins per column, in `2...255`.
    ///   - generator: Draws the sample of rows when there are more than ``sampleLimit``.
    /// - Returns: The cut points of every column and the codes of `rows`.
    static func fit(_ x: Matrix, rows: [Int], maxBins: Int, generator: SeededGenerator)
        -> (binning: FeatureBinning, codes: BinnedColumns)
    {
        precondition((2...binLimit).contains(maxBins), "maxBins must be in 2...\(binLimit)")
        let columns = x.columns
        if rows.count > sampleLimit {
            var random = generator
            let sample = (0..<sampleLimit).map { _ in rows[Int(random.next() % UInt64(rows.count))] }
            let thresholds: [[Double]] = x.values.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let values = buffer
                return Parallel.map(columns) { feature in
                    let column = sortedWithPositions(sample.map { values[$0 * columns + feature] }).sorted
                    return cuts(sorted: column, maxBins: maxBins)
                }
            }
            let binning = FeatureBinning(thresholds: thresholds)
            return (binning, binning.code(x, rows: rows))
        }
        let count = rows.count
        let results: [(cuts: [Double], codes: [UInt8])] = x.values.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let values = buffer
            return Parallel.map(columns) { feature in
                let (sorted, positions) = sortedWithPositions(rows.map { values[$0 * columns + feature] })
                let featureCuts = cuts(sorted: sorted, maxBins: maxBins)
                var codes = [UInt8](repeating: 0, count: count)
                // Walk the sorted values: the bin only moves up, past every threshold below the value.
                var bin = 0
                for (value, position) in zip(sorted, positions) {
                    while bin < featureCuts.count && featureCuts[bin] < value { bin += 1 }
                    codes[Int(position)] = UInt8(truncatingIfNeeded: bin)
                }
                return (featureCuts, codes)
            }
        }
        let binning = FeatureBinning(thresholds: results.map(\.cuts))
        let coded = BinnedColumns(
            rows: count, binCounts: results.map { $0.cuts.count + 1 }, codes: Array(results.map(\.codes).joined()))
        return (binning, coded)
    }

    /// Sorts `values`, keeping the position each came from.
    ///
    /// A least-significant-digit radix sort on the bit patterns (11 bits a pass, skipping passes where every
    /// value has the same digit), several times faster than a comparison sort on a large column. Equal values
    /// keep their order.
    ///
    /// - Parameter values: Finite numbers (−0 sorts before +0; they compare equal).
    /// - Returns: The sorted values and, for each, its index in `values`.
    static func sortedWithPositions(_ values: [Double]) -> (sorted: [Double], positions: [UInt32]) {
        let n = values.count
        guard n > 256 else {
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            return (order.map { values[$0] }, order.map { UInt32(truncatingIfNeeded: $0) })
        }
        // Map each double to an unsigned key with the same order: flip all bits of negatives, the sign of the rest.
        var keys = values.map { value -> UInt64 in
            let bits = value.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var positions = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
        var otherKeys = [UInt64](repeating: 0, count: n)
        var otherPositions = [UInt32](repeating: 0, count: n)
        let radix: UInt64 = 11
        let mask: UInt64 = (1 << radix) - 1
        var counts = [Int](repeating: 0, count: 1 << radix)
        for shift in stride(from: 0, to: 64, by: Int(radix)) {
            let moved = keys.withUnsafeBufferPointer { keys in
                positions.withUnsafeBufferPointer { positions in
                    otherKeys.withUnsafeMutableBufferPointer { targetKeys in
                        otherPositions.withUnsafeMutableBufferPointer { targetPositions in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for b in counts.indices { counts[b] = 0 }
                                for key in keys { counts[Int((key >> UInt64(shift)) & mask)] += 1 }
                                if counts[Int((keys[0] >> UInt64(shift)) & mask)] == n { return false }
                                var total = 0
                                for b in counts.indices {
                                    let count = counts[b]
                                    counts[b] = total
                                    total += count
                                }
                                for (key, position) in zip(keys, positions) {
                                    let b = Int((key >> UInt64(shift)) & mask)
                                    targetKeys[counts[b]] = key
                                    targetPositions[counts[b]] = position
                                    counts[b] += 1
                                }
                                return true
                            }
                        }
                    }
                }
            }
            if moved {
                swap(&keys, &otherKeys)
                swap(&positions, &otherPositions)
            }
        }
        let sorted = keys.map { key in Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key) }
        return (sorted, positions)
    }

    /// The cut points of one sorted column.
    ///
    /// - Parameters:
    ///   - sorted: The column's values in increasing order.
    ///   - maxBins: The most bins.
    /// - Returns: Increasing thresholds, at most `maxBins − 1` of them.
    static func cuts(sorted: [Double], maxBins: Int) -> [Double] {
        var distinct: [Double] = []
        distinct.reserveCapacity(min(sorted.count, 4 * maxBins))
        for value in sorted where distinct.last != value { distinct.append(value) }
        var result: [Double]
        if distinct.count <= maxBins {
            result = zip(distinct.dropLast(), distinct.dropFirst()).map { ($0 + $1) / 2 }
        } else {
            // numpy: q = linspace(0, 100, maxBins + 1)[1:-1] / 100, virtual index n·q − 1; a whole index takes
            // the mean of its two neighbours, a fractional one the next value.
            let n = sorted.count
            let step = 100 / Double(maxBins)
            result = (1..<maxBins).map { i in
                let virtualIndex = Double(n) * ((Double(i) * step) / 100) - 1
                if virtualIndex < 0 { return sorted[0] }
                if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
                let previous = virtualIndex.rounded(.down)
                let below = sorted[Int(previous)]
                let above = sorted[Int(previous) + 1]
                return virtualIndex - previous == 0 ? above - (above - below) * 0.5 : above
            }
            var unique: [Double] = []
            for value in result where unique.last != value { unique.append(value) }
            result = unique
        }
        return result.map { min($0, almostInfinity) }
    }

    /// The bin of `value` in column `feature`: the number of thresholds below it.
    ///
    /// - Parameters:
    ///   - value: A raw input value.
    ///   - feature: The column.
    /// - Returns: A bin index in `0..<binCount(feature)`.
    func bin(_ value: Double, feature: Int) -> UInt8 {
        thresholds[feature].withUnsafeBufferPointer { UInt8(Self.bin(value, cuts: $0)) }
    }

    /// The bin of `value` among `cuts`: the number of thresholds below it (a branch-free binary search).
    @inline(__always)
    private static func bin(_ value: Double, cuts: UnsafeBufferPointer<Double>) -> Int {
        guard let base = cuts.baseAddress, cuts.count > 0 else { return 0 }
        var low = 0
        var length = cuts.count
        while length > 1 {
            let half = length &>> 1
            // Multiplying by the comparison (0 or 1) keeps the loop free of unpredictable branches.
            low &+= half &* (base[low &+ half] < value ? 1 : 0)
            length &-= half
        }
        return low &+ (base[low] < value ? 1 : 0)
    }

    /// The bin codes of the rows `rows` of `x`, column after column.
    ///
    /// - Parameters:
    ///   - x: Inputs with as many columns as there are thresholds lists.
    ///   - rows: The rows to code, in the order they get in the result.
    /// - Returns: Codes with the rows of one column contiguous.
    func code(_ x: Matrix, rows: [Int]) -> BinnedColumns {
        precondition(x.columns == thresholds.count, "expected \(thresholds.count) columns, got \(x.columns)")
        let columns = x.columns
        let count = rows.count
        // All thresholds in one array, so the inner loop does not touch array headers.
        let offsets = thresholds.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let flat = Array(thresholds.joined())
        var codes = [UInt8](repeating: 0, count: count * columns)
        let blockSize = 4096
        let blocks = (count + blockSize - 1) / blockSize
        x.values.withUnsafeBufferPointer { values in
            flat.withUnsafeBufferPointer { cuts in
                codes.withUnsafeMutableBufferPointer { codes in
                    nonisolated(unsafe) let values = values
                    nonisolated(unsafe) let cuts = cuts
                    nonisolated(unsafe) let codes = codes
                    // Row blocks read the row-major inputs in order; each block writes its own codes.
                    Parallel.forEach(blocks) { block in
                        for k in (block * blockSize)..<min(count, (block + 1) * blockSize) {
                            let row = rows[k] * columns
                            for feature in 0..<columns {
                                let featureCuts = UnsafeBufferPointer(
                                    rebasing: cuts[offsets[feature]..<offsets[feature + 1]])
                                let bin = Self.bin(values[row + feature], cuts: featureCuts)
                                codes[feature * count + k] = UInt8(truncatingIfNeeded: bin)
                            }
                        }
                    }
                }
            }
        }
        return BinnedColumns(rows: count, binCounts: thresholds.map { $0.count + 1 }, codes: codes)
    }
}

/// Bin codes of a set of rows, stored column after column (scikit-learn's Fortran-ordered `X_binned`).
struct BinnedColumns: Sendable {
    /// The number of rows.
    var rows: Int
    /// The number of bins of each column.
    var binCounts: [Int]
    /// `codes[feature * rows + row]`.
    var codes: [UInt8]

    /// The number of columns.
    var columns: Int { binCounts.count }
}
