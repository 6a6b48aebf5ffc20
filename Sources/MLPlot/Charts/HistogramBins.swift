import Foundation

/// Equal-width histogram bins over the finite values of a sample, matching NumPy's `histogram_bin_edges`.
///
/// Bins are half-open, `[edge[i], edge[i+1])`, except the last, which also holds its upper edge — NumPy's
/// convention. For a sample whose values are all equal, the single bin spans the value ± 0.5, as in NumPy.
public struct HistogramBins: Sendable, Hashable, Codable {
    /// The bin edges, ascending; one more than the number of bins.
    public var edges: [Double]

    /// The largest number of bins ``BinRule/auto`` produces.
    public static let maxAutomaticBins = 200
    /// The largest number of bins ``BinRule/count(_:)`` produces.
    public static let maxBins = 1_000

    /// Chooses bins for a sample.
    ///
    /// NaN and infinite values are ignored. For ``BinRule/auto`` the edges equal NumPy's
    /// `np.histogram_bin_edges(x, bins="fd")` whenever the interquartile range is positive and the rule gives no
    /// more than ``maxAutomaticBins`` bins; with ``BinRule/count(_:)`` they equal `bins=k`.
    ///
    /// - Parameters:
    ///   - values: The sample.
    ///   - rule: How to choose the number of bins.
    ///
    /// The initializer fails when the sample has no finite value.
    ///
    /// - Complexity: O(*n*): the quartiles come from a selection, not a sort.
    public init?(values: [Double], rule: BinRule) {
        // One pass for the range and a check for non-finite values, which are copied out only when present.
        var low = Double.infinity
        var high = -Double.infinity
        var clean = true
        for value in values {
            if value.isFinite {
                low = min(low, value)
                high = max(high, value)
            } else {
                clean = false
            }
        }
        guard low <= high else { return nil }
        var finite = clean ? values : values.filter(\.isFinite)
        let binCount: Int
        if low == high {
            low -= 0.5
            high += 0.5
            binCount = 1
        } else {
            switch rule {
            case .count(let count):
                binCount = min(max(count, 1), Self.maxBins)
            case .auto:
                binCount = min(Self.automaticBinCount(&finite, low: low, high: high), Self.maxAutomaticBins)
            }
        }
        self.edges = Self.linspace(low, high, count: binCount + 1)
    }

    /// Creates bins from explicit edges.
    ///
    /// - Parameter edges: At least two ascending, finite edges.
    public init(edges: [Double]) {
        precondition(edges.count >= 2, "a histogram needs at least two bin edges")
        self.edges = edges
    }

    /// The number of bins.
    public var count: Int { edges.count - 1 }

    /// The lowest edge.
    public var lowerBound: Double { edges.first ?? 0 }

    /// The highest edge.
    public var upperBound: Double { edges.last ?? 0 }

    /// Counts the values falling in each bin.
    ///
    /// Values outside the edges and non-finite values are not counted. The bin of a value is found the way
    /// `np.histogram` does for equal bins: by arithmetic, then corrected against the actual edges.
    ///
    /// - Parameter values: The sample.
    /// - Returns: One count per bin.
    /// - Complexity: O(*n*) for *n* values.
    public func counts(of values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: count)
        let low = lowerBound
        let high = upperBound
        let span = high - low
        guard span > 0 else { return counts }
        for value in values where value.isFinite && value >= low && value <= high {
            var index = Int(((value - low) / span) * Double(count))
            index = min(max(index, 0), count - 1)
            if value < edges[index] {
                index -= 1
            } else if index < count - 1, value >= edges[index + 1] {
                index += 1
            }
            counts[max(index, 0)] += 1
        }
        return counts
    }

    /// `np.linspace(low, high, count)`: `low + i · step`, with the last value exactly `high`.
    private static func linspace(_ low: Double, _ high: Double, count: Int) -> [Double] {
        let step = (high - low) / Double(count - 1)
        var result = (0..<count).map { low + Double($0) * step }
        result[count - 1] = high
        return result
    }

    /// The Freedman–Diaconis bin count, or Sturges' when the interquartile range is 0.
    ///
    /// - Parameters:
    ///   - values: The finite values, reordered in place by the quartile selections.
    ///   - low: Their minimum.
    ///   - high: Their maximum.
    /// - Returns: The number of bins, at least 1.
    private static func automaticBinCount(_ values: inout [Double], low: Double, high: Double) -> Int {
        guard !values.isEmpty else { return 1 }
        let range = high - low
        let n = Double(values.count)
        let upperQuartile = percentile(&values, 75)
        let lowerQuartile = percentile(&values, 25)
        let iqr = upperQuartile - lowerQuartile
        let width = iqr > 0 ? 2 * iqr * pow(n, -1.0 / 3.0) : range / (log2(n) + 1)
        guard width > 0 else { return 1 }
        let bins = (range / width).rounded(.up)
        return bins < Double(Int.max / 2) ? max(Int(bins), 1) : Int.max / 2
    }

    /// NumPy's default ("linear") percentile, including its two-sided interpolation, of `values` (finite, not
    /// sorted), which it partly reorders: the order statistic it needs ends up at its sorted position, with no
    /// larger value before it and no smaller one after it.
    ///
    /// - Parameters:
    ///   - values: The values.
    ///   - q: The percentile, 0–100.
    /// - Returns: The percentile.
    private static func percentile(_ values: inout [Double], _ q: Double) -> Double {
        let position = Double(values.count - 1) * (q / 100)
        let lower = Int(position.rounded(.down))
        let t = position - Double(lower)
        select(&values, lower)
        let a = values[lower]
        // The next order statistic is the smallest value right of the selected one.
        let b = lower + 1 < values.count ? values[(lower + 1)...].min() ?? a : a
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// Moves the `k`-th smallest value to index `k`, with no larger value before it and no smaller one after it
    /// (Hoare's quickselect with a median-of-three pivot, falling back to sorting the remaining range if the
    /// partitions stay lopsided, so the worst case is O(*n* log *n*)).
    static func select(_ values: inout [Double], _ k: Int) {
        guard values.indices.contains(k) else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            var rounds = 0
            let limit = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 16
            while high > low {
                rounds += 1
                if rounds > limit {
                    var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                    rest.sort()
                    return
                }
                let middle = low + (high - low) / 2
                if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
                if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
                if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
                let pivot = buffer[middle]
                var i = low
                var j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now [low, j] ≤ pivot ≤ [i, high], and everything strictly between j and i equals the pivot.
                if k <= j {
                    high = j
                } else if k >= i {
                    low = i
                } else {
                    return
                }
            }
        }
    }
}
