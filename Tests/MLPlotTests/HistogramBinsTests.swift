import Testing

@testable import MLPlot

/// Checks bin edges and counts against NumPy.
///
/// Expected edges and counts come from NumPy 2.4:
///
///     import numpy as np
///     e = np.histogram_bin_edges(x, bins="fd")    # or bins="sturges", bins=7
///     counts, _ = np.histogram(x, bins=e)
///
/// with `x` written as in ``Fixtures``.
@Suite struct HistogramBinsTests {
    private func expectEdges(_ bins: HistogramBins?, _ expected: [Double]) throws {
        let bins = try #require(bins)
        #expect(bins.edges.count == expected.count, "edges \(bins.edges)")
        for (edge, want) in zip(bins.edges, expected) {
            #expect(abs(edge - want) <= 1e-12 * max(1, abs(want)), "edge \(edge) vs numpy \(want)")
        }
    }

    @Test func freedmanDiaconisMatchesNumpyOnSmallSample() throws {
        // np.histogram_bin_edges(small, bins="fd") → 6 bins; np.histogram counts [5, 5, 2, 2, 0, 1].
        let bins = HistogramBins(values: Fixtures.small, rule: .auto)
        try expectEdges(
            bins,
            [
                2.3, 5.533333333333333, 8.766666666666666, 12.0, 15.23333333333333,
                18.466666666666665, 21.7,
            ])
        #expect(bins?.counts(of: Fixtures.small) == [5, 5, 2, 2, 0, 1])
    }

    @Test func freedmanDiaconisMatchesNumpyOnSpreadSample() throws {
        // np.histogram_bin_edges(spread, bins="fd") → 8 bins; counts [23, 40, 43, 42, 41, 40, 44, 27].
        let bins = HistogramBins(values: Fixtures.spread, rule: .auto)
        try expectEdges(
            bins,
            [
                0.0, 1.75625, 3.5125, 5.268750000000001, 7.025, 8.78125, 10.537500000000001,
                12.293750000000001, 14.05,
            ])
        #expect(bins?.counts(of: Fixtures.spread) == [23, 40, 43, 42, 41, 40, 44, 27])
    }

    @Test func freedmanDiaconisMatchesNumpyOnSkewedSample() throws {
        // np.histogram_bin_edges(skewed, bins="fd") → 8 bins; counts [100, 24, 20, 12, 12, 12, 8, 12].
        let bins = HistogramBins(values: Fixtures.skewed, rule: .auto)
        try expectEdges(
            bins,
            [
                0.0, 14.706125000000004, 29.412250000000007, 44.118375000000015,
                58.824500000000015, 73.53062500000001, 88.23675000000003, 102.94287500000003,
                117.64900000000003,
            ])
        #expect(bins?.counts(of: Fixtures.skewed) == [100, 24, 20, 12, 12, 12, 8, 12])
    }

    @Test func pooledBinsMatchNumpyForTwoSeries() throws {
        // e = np.histogram_bin_edges(np.concatenate([spread, shifted]), bins="fd") → 13 bins of width 22.4667/13;
        // np.histogram(spread, bins=e)[0] and np.histogram(shifted, bins=e)[0].
        let bins = try #require(HistogramBins(values: Fixtures.spread + Fixtures.shifted, rule: .auto))
        #expect(bins.count == 13)
        try expectEdges(
            bins,
            [
                0.0, 1.728205128205128, 3.456410256410256, 5.184615384615384, 6.912820512820512,
                8.64102564102564, 10.369230769230768, 12.097435897435897, 13.825641025641024,
                15.553846153846152, 17.28205128205128, 19.01025641025641, 20.738461538461536,
                22.466666666666665,
            ])
        #expect(bins.counts(of: Fixtures.spread) == [21, 41, 41, 42, 41, 41, 41, 30, 2, 0, 0, 0, 0])
        #expect(bins.counts(of: Fixtures.shifted) == [0, 0, 4, 18, 21, 21, 21, 22, 21, 22, 21, 20, 9])
    }

    @Test func zeroInterquartileRangeFallsBackToSturges() throws {
        // IQR of [1×8, 2, 5] is 0 (np.percentile → 1 and 1), so "fd" would give 1 bin; Sturges:
        // np.histogram_bin_edges(x, bins="sturges") → [1, 1.8, 2.6, 3.4000000000000004, 4.2, 5]; counts [8, 1, 0, 0, 1].
        let values: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 2, 5]
        let bins = HistogramBins(values: values, rule: .auto)
        try expectEdges(bins, [1.0, 1.8, 2.6, 3.4000000000000004, 4.2, 5.0])
        #expect(bins?.counts(of: values) == [8, 1, 0, 0, 1])
    }

    @Test func fixedCountMatchesNumpy() throws {
        // np.histogram_bin_edges(small, bins=7); counts [4, 5, 3, 1, 1, 0, 1].
        let bins = HistogramBins(values: Fixtures.small, rule: .count(7))
        try expectEdges(
            bins,
            [
                2.3, 5.071428571428571, 7.8428571428571425, 10.614285714285714, 13.385714285714286,
                16.15714285714286, 18.928571428571427, 21.7,
            ])
        #expect(bins?.counts(of: Fixtures.small) == [4, 5, 3, 1, 1, 0, 1])
    }

    @Test func equalValuesGetOneBinAroundThem() throws {
        // np.histogram_bin_edges([3, 3, 3], bins="fd") → [2.5, 3.5]; counts [3].
        let bins = HistogramBins(values: [3, 3, 3], rule: .auto)
        try expectEdges(bins, [2.5, 3.5])
        #expect(bins?.counts(of: [3, 3, 3]) == [3])
        // A single value behaves the same, whatever the rule.
        try expectEdges(HistogramBins(values: [42], rule: .count(10)), [41.5, 42.5])
    }

    @Test func nonFiniteValuesAreIgnored() throws {
        let values = Fixtures.small + [.nan, .infinity, -.infinity]
        let bins = HistogramBins(values: values, rule: .count(7))
        // Same as without them (see fixedCountMatchesNumpy).
        #expect(bins?.counts(of: values) == [4, 5, 3, 1, 1, 0, 1])
        #expect(HistogramBins(values: [.nan, .infinity], rule: .auto) == nil)
        #expect(HistogramBins(values: [], rule: .auto) == nil)
    }

    @Test func binCountsAreClamped() {
        #expect(HistogramBins(values: [0, 1], rule: .count(0))?.count == 1)
        #expect(HistogramBins(values: [0, 1], rule: .count(1_000_000))?.count == HistogramBins.maxBins)
        // Tightly packed values and one far outlier: IQR ≈ 0.005, so Freedman–Diaconis asks for a width of
        // 2 · 0.005 · 10001^(−1/3) ≈ 4.6e-4 over a range of 1e6, about 2×10⁹ bins.
        let packed = (0..<10_000).map { Double($0) * 1e-6 } + [1e6]
        #expect(HistogramBins(values: packed, rule: .auto)?.count == HistogramBins.maxAutomaticBins)
    }
}
