import Testing

@testable import MLPlot

/// 300,000 bell-shaped values with every 1000th NaN, built as numpy builds them.
///
/// ```
/// z = np.uint64(7) + np.arange(1, 3*n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # SplitMix64
/// … (the three mixing steps) …; u = (z >> 11) * 2**-53, reshaped (n, 3)
/// v = (u[:,0] + u[:,1] + u[:,2]) * 20 + 50; v[::1000] = np.nan
/// ```
private let largeSample: [Double] = {
    var generator = SplitMix64(seed: 7)
    func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
    return (0..<300_000).map { index in
        let u0 = uniform()
        let u1 = uniform()
        let u2 = uniform()
        let value = (u0 + u1 + u2) * 20 + 50
        return index % 1000 == 0 ? .nan : value
    }
}()

/// Five values repeated: the quartiles sit inside long runs of ties.
private let manyTies: [Double] = (0..<200_000).map { (index: Int) -> Double in Double(index % 5) }

/// 200,000 values whose every 12th (the sampling stride) is 0, so the sample sees only zeros.
private let periodic: [Double] = (0..<200_000).map { (index: Int) -> Double in
    index % 12 == 6 ? 0 : Double(index)
}

@Suite struct HistogramBinsOrderStatisticsTests {
    @Test func largeSamplesMatchNumpyWithoutASort() throws {
        let bins = try #require(HistogramBins(values: largeSample, rule: .auto))
        // numpy: np.histogram_bin_edges(v[np.isfinite(v)], bins="fd") has 141 edges from 50.83801683078293 to
        // 109.58023133068149.
        #expect(bins.count == 140)
        #expect(bins.lowerBound == 50.83801683078293)
        #expect(bins.upperBound == 109.58023133068149)
    }

    /// The order statistics equal a sort's, whether the sample brackets them (bell-shaped data, ties) or misleads
    /// (a period equal to the sampling stride, so every sampled value is 0 and the sort fallback runs).
    @Test(arguments: [largeSample, manyTies, periodic])
    func orderStatisticsEqualASort(values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        let n = sorted.count
        let ranks = [0, n / 4, n / 4 + 1, n / 2, 3 * (n - 1) / 4, 3 * (n - 1) / 4 + 1, n - 1]
        #expect(HistogramBins.orderStatistics(values, finiteCount: n, ranks: ranks) == ranks.map { sorted[$0] })
    }
}
