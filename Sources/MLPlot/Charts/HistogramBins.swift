#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// - Complexity: O(*n*) for large samples: the quartiles come from a sampled bracket, not a sort (see
    ///   ``orderStatistics(_:finiteCount:ranks:)``).
    public init?(values: [Double], rule: BinRule) {
        // One pass for the range and the number of finite values; nothing is copied or sorted.
        var low = Double.infinity
        var high = -Double.infinity
        var finiteCount = 0
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
            finiteCount += 1
        }
        guard finiteCount > 0 else { return nil }
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
                binCount = min(
                    Self.automaticBinCount(values, finiteCount: finiteCount, low: low, high: high),
                    Self.maxAutomaticBins
                )
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
        let binCount = count
        let bins = Double(binCount)
        // Unchecked buffers: every index below is clamped into range first (a hot loop over millions of values).
        edges.withUnsafeBufferPointer { edges in
            counts.withUnsafeMutableBufferPointer { counts in
                for value in values where value >= low && value <= high {  // NaN fails both comparisons
                    var index = Int(((value - low) / span) * bins)
                    index = min(max(index, 0), binCount - 1)
                    if value < edges[index] {
                        index = max(index - 1, 0)
                    } else if index < binCount - 1, value >= edges[index + 1] {
                        index += 1
                    }
                    counts[index] += 1
                }
            }
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
    ///   - values: The sample; non-finite values are skipped.
    ///   - n: The number of finite values, at least 1.
    ///   - low: Their minimum.
    ///   - high: Their maximum.
    /// - Returns: The number of bins, at least 1.
    private static func automaticBinCount(_ values: [Double], finiteCount n: Int, low: Double, high: Double) -> Int {
        let range = high - low
        let lowerPosition = Double(n - 1) * 0.25
        let upperPosition = Double(n - 1) * 0.75
        let lower = Int(lowerPosition.rounded(.down))
        let upper = Int(upperPosition.rounded(.down))
        let ranks = [lower, min(lower + 1, n - 1), upper, min(upper + 1, n - 1)]
        let found = orderStatistics(values, finiteCount: n, ranks: ranks)
        let iqr =
            interpolated(found[2], found[3], upperPosition - Double(upper))
            - interpolated(found[0], found[1], lowerPosition - Double(lower))
        let count = Double(n)
        let width = iqr > 0 ? 2 * iqr * pow(count, -1.0 / 3.0) : range / (log2(count) + 1)
        guard width > 0 else { return 1 }
        let bins = (range / width).rounded(.up)
        return bins < Double(Int.max / 2) ? max(Int(bins), 1) : Int.max / 2
    }

    /// NumPy's default ("linear") interpolation between neighbouring order statistics, two-sided like NumPy's.
    private static func interpolated(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// The values a sort of the finite values would put at `ranks`, exactly.
    ///
    /// Large samples avoid the sort (Floyd and Rivest's idea): a sorted sample of about 16,000 values brackets
    /// each rank, one pass counts the values below each bracket and keeps those inside it, and only those few
    /// are sorted. When a bracket misses its rank (a sample that happens to be unrepresentative), the values are
    /// sorted after all, so the answer never depends on the sample.
    ///
    /// - Parameters:
    ///   - values: The sample; non-finite values are skipped.
    ///   - n: The number of finite values.
    ///   - ranks: Positions in the sorted finite values, each in `0..<n`.
    /// - Returns: One value per rank.
    /// - Complexity: O(*n*) when the brackets hold, O(*n* log *n*) otherwise.
    static func orderStatistics(_ values: [Double], finiteCount n: Int, ranks: [Int]) -> [Double] {
        if n > 100_000, let found = bracketedOrderStatistics(values, finiteCount: n, ranks: ranks) { return found }
        let sorted = values.filter(\.isFinite).sorted()
        return ranks.map { sorted[$0] }
    }

    /// ``orderStatistics(_:finiteCount:ranks:)`` through brackets from a sample, or `nil` when a bracket misses.
    private static func bracketedOrderStatistics(_ values: [Double], finiteCount n: Int, ranks: [Int]) -> [Double]? {
        let stride = max(values.count / 16_384, 1)
        var sample: [Double] = []
        sample.reserveCapacity(values.count / stride + 1)
        var index = stride / 2
        while index < values.count {
            if values[index].isFinite { sample.append(values[index]) }
            index += stride
        }
        sample.sort()
        let size = sample.count
        guard size >= 1_000 else { return nil }
        // A bracket reaches 4 standard deviations of the sample quantile's rank either side, plus a margin.
        struct Bracket {
            var low: Double
            var high: Double
            var below = 0
            var inside: [Double] = []
        }
        var brackets: [Bracket] = []
        var bracketOfRank: [Int] = []
        for rank in ranks {
            let p = Double(rank) / Double(max(n - 1, 1))
            let center = p * Double(size - 1)
            let spread = 4 * (p * (1 - p) * Double(size)).squareRoot() + 4
            let first = Int((center - spread).rounded(.down))
            let last = Int((center + spread).rounded(.up))
            let low = first <= 0 ? -Double.infinity : sample[first]
            let high = last >= size - 1 ? Double.infinity : sample[last]
            if let same = brackets.firstIndex(where: { $0.low == low && $0.high == high }) {
                bracketOfRank.append(same)
            } else {
                bracketOfRank.append(brackets.count)
                brackets.append(Bracket(low: low, high: high))
            }
        }
        // One tight pass per bracket (usually two, the quartiles), keeping the values inside it.
        let expected = Int(Double(values.count) * 2.4 * 4 * (0.1875 / Double(size)).squareRoot()) + 64
        for index in brackets.indices {
            let low = brackets[index].low
            let high = brackets[index].high
            var below = 0
            var inside: [Double] = []
            inside.reserveCapacity(expected)
            for value in values where value.isFinite {
                if value < low {
                    below += 1
                } else if value <= high {
                    inside.append(value)
                }
            }
            brackets[index].below = below
            brackets[index].inside = inside
        }
        var found: [Double] = []
        for (rank, index) in zip(ranks, bracketOfRank) {
            let position = rank - brackets[index].below
            guard brackets[index].inside.indices.contains(position) else { return nil }
            // Selecting is enough; no sort.
            select(&brackets[index].inside, position)
            found.append(brackets[index].inside[position])
        }
        return found
    }

    /// Moves the `k`-th smallest value to index `k`, with no larger value before it and no smaller one after it.
    ///
    /// Hoare's quickselect with a median-of-three pivot; if the partitions stay lopsided the remaining range is
    /// sorted, so the worst case is O(*n* log *n*).
    ///
    /// - Parameters:
    ///   - values: The values, reordered in place; not NaN.
    ///   - k: The rank, in `values.indices`.
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
