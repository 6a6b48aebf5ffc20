/// The summary statistics of one numeric column, shared by ``DataFrame/describe()`` and ``DataFrame/profile()``.
///
/// The conventions are pandas' `describe()`:
/// - the mean uses compensated (Neumaier) summation in row order, the deviation a two-pass sum, so both agree
///   with numpy to within a few ulps;
/// - `std` is the sample standard deviation (ddof = 1), `.nan` with fewer than 2 values;
/// - quantiles interpolate linearly between order statistics (numpy's default `linear` method): position
///   `q·(n − 1)` in the sorted values, with numpy's `lerp` rounding.
///
/// The order statistics come from selection (quickselect), not a full sort: each quartile costs expected
/// linear time on the part of the values not yet partitioned.
struct NumericStatistics: Sendable {
    /// The number of values summarised.
    let count: Int
    let mean: Double
    /// `.nan` with fewer than 2 values.
    let std: Double
    let min: Double
    let q25: Double
    let median: Double
    let q75: Double
    let max: Double

    /// Summarises `values`, which must hold no NaN; `nil` when it is empty.
    ///
    /// - Parameter values: The present values, in row order (the order only affects the last bits of the mean).
    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        count = values.count
        var low = values[0]
        var high = values[0]
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            Self.neumaierAdd(value, to: &sum, compensation: &compensation)
            if value < low { low = value }
            if value > high { high = value }
        }
        let mean = (sum + compensation) / Double(values.count)
        var std = Double.nan
        if values.count > 1 {
            var squares = 0.0
            var squaresCompensation = 0.0
            for value in values {
                let deviation = value - mean
                Self.neumaierAdd(deviation * deviation, to: &squares, compensation: &squaresCompensation)
            }
            std = ((squares + squaresCompensation) / Double(values.count - 1)).squareRoot()
        }
        self.mean = mean
        self.std = std
        var scratch = values
        let quartiles = scratch.withUnsafeMutableBufferPointer { buffer in
            Self.quantiles(of: buffer, at: [0.25, 0.5, 0.75])
        }
        // Selection and a scan agree on the extremes except for the sign of a zero; take the scan's, which is
        // the first such value in row order, like numpy's `min`.
        min = low
        q25 = quartiles[0]
        median = quartiles[1]
        q75 = quartiles[2]
        max = high
    }

    /// The present values of a numeric column as doubles (`nil` for other types).
    ///
    /// Number columns without missing values return their storage without copying.
    static func presentValues(of column: Column) -> [Double]? {
        switch column.storage {
        case .number(let values):
            guard column.missing.hasMissing else { return values }
            return values.filter { !$0.isNaN }
        case .integer(let values):
            let mask = column.missing
            guard mask.hasMissing else { return values.map { Double($0) } }
            var present: [Double] = []
            present.reserveCapacity(values.count - mask.missingCount)
            for (row, value) in values.enumerated() where !mask.isMissing(row) { present.append(Double(value)) }
            return present
        default:
            return column.presentDoubles
        }
    }

    @inline(__always)
    static func neumaierAdd(_ value: Double, to sum: inout Double, compensation: inout Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    // MARK: - Quantiles by selection

    /// numpy's `quantile(method="linear")` at each of `levels` (ascending, in [0, 1]), reordering `values`.
    ///
    /// - Parameters:
    ///   - values: The values, no NaN, not empty; left partially ordered.
    ///   - levels: The quantile levels, ascending.
    /// - Returns: One value per level.
    static func quantiles(of values: UnsafeMutableBufferPointer<Double>, at levels: [Double]) -> [Double] {
        let n = values.count
        var results: [Double] = []
        results.reserveCapacity(levels.count)
        // Invariant: values[from...] holds the order statistics from... of the whole buffer.
        var from = 0
        var selected = -1
        for q in levels {
            let position = q * Double(n - 1)
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, n - 1)
            if lower != selected {
                select(values, lower, in: from..<n)
                from = lower
                selected = lower
            }
            let a = values[lower]
            var b = a
            if upper != lower {
                // Everything after `lower` is at least `a`, so the next order statistic is their minimum.
                b = values[lower + 1]
                for index in (lower + 2)..<n where values[index] < b { b = values[index] }
            }
            results.append(lerp(a, b, position - Double(lower)))
        }
        return results
    }

    /// numpy's `_lerp`: `a + (b − a)·t`, computed from `b`'s side when `t ≥ 0.5` for monotonicity.
    @inline(__always)
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }

    /// Rearranges `values[range]` so that `values[k]` holds the value a sort would put there, with no larger
    /// value before it and no smaller one after it (C++'s `nth_element`).
    ///
    /// Quickselect with a median-of-three pivot and a branch-free Lomuto partition (the element moves do
    /// not depend on comparisons the processor would mispredict). When the pivot is among the smallest
    /// values, a second pass sets the values equal to it aside, so columns with few distinct values
    /// (labels, counts) still shrink fast. Ranges that stop shrinking fast enough are sorted instead, so
    /// the worst case is O(*n* log *n*).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int, in range: Range<Int>) {
        precondition(range.contains(k), "the selected index lies outside the range")
        guard let base = values.baseAddress else { return }
        var low = range.lowerBound
        var high = range.upperBound - 1
        var budget = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 8
        while high > low {
            if high - low < 24 || budget == 0 {
                var part = UnsafeMutableBufferPointer(rebasing: values[low...high])
                part.sort()
                return
            }
            budget -= 1
            let middle = low + (high - low) / 2
            if base[middle] < base[low] { values.swapAt(middle, low) }
            if base[high] < base[low] { values.swapAt(high, low) }
            if base[high] < base[middle] { values.swapAt(high, middle) }
            values.swapAt(low, middle)
            let pivot = base[low]
            // Invariant: base[low + 1 ..< first] < pivot ≤ base[first ..< read].
            var first = low + 1
            var read = low + 1
            while read <= high {
                let value = base[read]
                base[read] = base[first]
                base[first] = value
                first &+= value < pivot ? 1 : 0
                read &+= 1
            }
            let position = first - 1
            values.swapAt(low, position)
            // Now base[low ..< position] < pivot = base[position] ≤ base[position + 1 ... high].
            if k < position {
                high = position - 1
                continue
            }
            if k == position { return }
            guard (position - low) * 16 < high - low else {
                low = position + 1
                continue
            }
            // Few values were smaller than the pivot: move the ones equal to it next to it.
            var equalEnd = position + 1
            read = position + 1
            while read <= high {
                let value = base[read]
                base[read] = base[equalEnd]
                base[equalEnd] = value
                equalEnd &+= value <= pivot ? 1 : 0
                read &+= 1
            }
            if k < equalEnd { return }
            low = equalEnd
        }
    }
}

/// The median as `numpy.median` computes it: the middle value, or the mean of the two middle values for an even
/// count.
///
/// Large inputs take one pass (Floyd and Rivest's selection): two bounds are selected in a sample so that the
/// middle values surely lie between them, the values below the lower bound are counted and the ones between
/// the bounds copied aside, and the middle is selected among those few. Should the sample mislead (the middle
/// falls outside the bounds), or for small inputs, it selects in a copy of all the values with
/// ``NumericStatistics/select(_:_:in:)``, as ``DataFrame/describe()`` does. Either way the answer is the
/// same and costs expected linear time.
///
/// - Parameter values: The values; must not be empty or hold NaN.
/// - Returns: The median.
public func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "median of no values")
    if let sampled = values.withUnsafeBufferPointer(NumericStatistics.sampledMedian) { return sampled }
    var work = values
    return work.withUnsafeMutableBufferPointer { buffer in
        let upperIndex = buffer.count / 2
        NumericStatistics.select(buffer, upperIndex, in: 0..<buffer.count)
        let upper = buffer[upperIndex]
        guard buffer.count % 2 == 0 else { return upper }
        // After selection no value before `upperIndex` is larger than the selected one.
        let lower = buffer[0..<upperIndex].max() ?? upper
        return (lower + upper) / 2
    }
}

extension NumericStatistics {
    /// Inputs from this size on go through ``sampledMedian(_:)``.
    static let sampledMedianMinimum = 4_096

    /// The median of `values` found through a sample (see ``median(_:)``), or `nil` when `values` is small or
    /// the sample's bounds miss the middle.
    static func sampledMedian(_ values: UnsafeBufferPointer<Double>) -> Double? {
        let n = values.count
        guard n >= sampledMedianMinimum else { return nil }
        let upperIndex = n / 2
        // The lowest rank needed: the value below the middle as well when the count is even.
        let lowestIndex = n % 2 == 0 ? upperIndex - 1 : upperIndex
        // A sample of m = 8√n values spread evenly over the input; the bounds sit four standard
        // deviations of the sample rank (at most √m / 2) either side of the middle's rank in the sample, so
        // about 4 / √m of the values lie between them.
        let sampleCount = Swift.min(8 * Int(Double(n).squareRoot()), n / 4)
        let step = n / sampleCount
        var sample = (0..<sampleCount).map { values[$0 * step] }
        let gap = Int(2 * Double(sampleCount).squareRoot()) + 1
        let rank = sampleCount / 2
        let lowRank = Swift.max(rank - gap, 0)
        let highRank = Swift.min(rank + gap, sampleCount - 1)
        // Two selections in the sample (the second among the values after the first), not a sort.
        let (low, high) = sample.withUnsafeMutableBufferPointer { sample in
            select(sample, lowRank, in: 0..<sampleCount)
            let low = sample[lowRank]
            if highRank > lowRank { select(sample, highRank, in: (lowRank + 1)..<sampleCount) }
            return (low, sample[highRank])
        }
        // One pass: count what lies below `low`, copy what lies in low...high (branch-free; the buffer has
        // room for everything, but only the pages written are ever touched).
        var below = 0
        var kept = 0
        var middle = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let out = buffer.baseAddress else { return }
            for x in values {
                // Two flags, no `&&`: a short-circuit branch here would be mispredicted for half the values.
                let under = x < low ? 1 : 0
                let over = x > high ? 1 : 0
                below &+= under
                out[kept] = x
                kept &+= 1 &- under &- over
            }
            initialized = kept
        }
        guard below <= lowestIndex, upperIndex < below + kept else { return nil }
        return middle.withUnsafeMutableBufferPointer { buffer in
            let upperLocal = upperIndex - below
            select(buffer, upperLocal, in: 0..<kept)
            let upper = buffer[upperLocal]
            guard n % 2 == 0 else { return upper }
            let lower = buffer[0..<upperLocal].max() ?? upper
            return (lower + upper) / 2
        }
    }
}
