/// The five-number summary behind one box of a box plot, with Tukey's whiskers and outliers.
///
/// Quartiles follow NumPy's default `np.percentile(x, [25, 50, 75])` (the "linear" method: the quantile at
/// position `(n − 1) · q` of the sorted values, interpolated between its two neighbours). Whiskers reach the most
/// extreme data values within 1.5 interquartile ranges of the box (Tukey 1977, as in matplotlib, seaborn and
/// ggplot2); values beyond them are outliers. NaN and infinite values are ignored.
public struct BoxStatistics: Sendable, Hashable, Codable {
    /// The number of finite values summarised.
    public var count: Int
    /// The first quartile (25th percentile).
    public var firstQuartile: Double
    /// The median (50th percentile).
    public var median: Double
    /// The third quartile (75th percentile).
    public var thirdQuartile: Double
    /// The lower whisker's end: the smallest value not below `firstQuartile − 1.5 · IQR`.
    public var lowerWhisker: Double
    /// The upper whisker's end: the largest value not above `thirdQuartile + 1.5 · IQR`.
    public var upperWhisker: Double
    /// The values outside the whiskers, ascending.
    public var outliers: [Double]

    /// The whisker reach in interquartile ranges.
    public static let whiskerReach = 1.5

    /// Summarises a sample.
    ///
    /// - Parameter values: The sample; NaN and infinite values are ignored.
    ///
    /// The initializer fails when the sample has no finite value.
    /// - Complexity: O(*n* log *n*) for *n* values.
    public init?(values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        count = sorted.count
        firstQuartile = Self.percentile(sorted, 25)
        median = Self.percentile(sorted, 50)
        thirdQuartile = Self.percentile(sorted, 75)
        let reach = Self.whiskerReach * (thirdQuartile - firstQuartile)
        let lowFence = firstQuartile - reach
        let highFence = thirdQuartile + reach
        // The quartiles lie between data values inside the fences, so both whiskers always find a value.
        lowerWhisker = sorted.first { $0 >= lowFence } ?? firstQuartile
        upperWhisker = sorted.last { $0 <= highFence } ?? thirdQuartile
        outliers = sorted.filter { $0 < lowFence || $0 > highFence }
    }

    /// The interquartile range, `thirdQuartile − firstQuartile`.
    public var interquartileRange: Double { thirdQuartile - firstQuartile }

    /// The smallest value drawn: the lowest outlier, or the lower whisker.
    public var minimum: Double { outliers.first.map { min($0, lowerWhisker) } ?? lowerWhisker }

    /// The largest value drawn: the highest outlier, or the upper whisker.
    public var maximum: Double { outliers.last.map { max($0, upperWhisker) } ?? upperWhisker }

    /// NumPy's default ("linear") percentile of sorted, non-empty values, including its two-sided interpolation
    /// (`b − (b − a)(1 − t)` when `t ≥ ½`), so results match NumPy to the last bit.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = Double(sorted.count - 1) * (q / 100)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let t = position - Double(lower)
        let a = sorted[lower]
        let b = sorted[upper]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
