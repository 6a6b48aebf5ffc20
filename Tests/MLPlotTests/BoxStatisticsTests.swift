import Testing

@testable import MLPlot

/// Box statistics against NumPy.
///
/// The expected numbers come from NumPy 2.4.6,
/// ```python
/// q1, med, q3 = np.percentile(x, [25, 50, 75]); iqr = q3 - q1
/// lo = x[x >= q1 - 1.5*iqr].min(); hi = x[x <= q3 + 1.5*iqr].max()      # whisker ends, by hand
/// out = sorted(x[(x < q1 - 1.5*iqr) | (x > q3 + 1.5*iqr)])
/// ```
///
/// with `x` the finite values of the sample (`repr` of each result, so the doubles match to the last bit).
@Suite struct BoxStatisticsTests {
    @Test func smallSampleMatchesNumpy() throws {
        // x = Fixtures.small (15 values): q1 5.1, median 6.3, q3 9.15; fences 5.1 − 6.075 and 9.15 + 6.075 = 15.225,
        // so 21.7 is an outlier and the upper whisker stops at 15.0. NaN and ∞ are ignored.
        let box = try #require(BoxStatistics(values: Fixtures.small + [.nan, .infinity]))
        #expect(box.count == 15)
        #expect(box.firstQuartile == 5.1)
        #expect(box.median == 6.3)
        #expect(box.thirdQuartile == 9.15)
        #expect(box.lowerWhisker == 2.3)
        #expect(box.upperWhisker == 15.0)
        #expect(box.outliers == [21.7])
        #expect(box.minimum == 2.3 && box.maximum == 21.7)
    }

    @Test func outliersOnBothSidesMatchNumpy() throws {
        // x = spread + [40.0, -10.0] (302 values): q1 4.0125, median 7.1, q3 10.2625.
        let box = try #require(BoxStatistics(values: Fixtures.spread + [40, -10]))
        #expect(box.count == 302)
        #expect(box.firstQuartile == 4.0125)
        #expect(box.median == 7.1)
        #expect(box.thirdQuartile == 10.2625)
        #expect(box.lowerWhisker == 0.0)
        #expect(box.upperWhisker == 14.05)
        #expect(box.outliers == [-10, 40])
        #expect(box.interquartileRange == 10.2625 - 4.0125)
    }

    @Test func skewedSampleMatchesNumpyToTheLastBit() throws {
        // x = Fixtures.skewed (200 values): the quartiles interpolate (position 49.75 → t ≥ ½, NumPy's b − d(1 − t)).
        let box = try #require(BoxStatistics(values: Fixtures.skewed))
        #expect(box.firstQuartile == 1.728)
        #expect(box.median == 14.724499999999999)
        #expect(box.thirdQuartile == 50.653000000000006)
        #expect(box.lowerWhisker == 0.0)
        #expect(box.upperWhisker == 117.64900000000003)
        #expect(box.outliers.isEmpty)
    }

    @Test func groupsOfTheBoxFixtureMatchNumpy() throws {
        // The golden box plot's groups: alpha = rows i % 3 == 0 of spread, plus 40; beta = i % 3 == 1, plus −10.
        let (values, groups) = BoxFixtures.grouped
        func subset(_ name: String) -> [Double] {
            zip(values, groups).compactMap { $1 == name ? $0 : nil }
        }
        let alpha = try #require(BoxStatistics(values: subset("alpha")))
        #expect(alpha.count == 101)
        #expect([alpha.firstQuartile, alpha.median, alpha.thirdQuartile] == [4.15, 7.025, 10.225])
        #expect([alpha.lowerWhisker, alpha.upperWhisker] == [0.0, 14.05])
        #expect(alpha.outliers == [40])
        let beta = try #require(BoxStatistics(values: subset("beta")))
        #expect([beta.firstQuartile, beta.median, beta.thirdQuartile] == [4.0, 7.125, 10.275])
        #expect([beta.lowerWhisker, beta.upperWhisker] == [0.375, 13.75])
        #expect(beta.outliers == [-10])
        let gamma = try #require(BoxStatistics(values: subset("gamma")))
        #expect(gamma.count == 100)
        #expect([gamma.firstQuartile, gamma.median, gamma.thirdQuartile] == [4.0125, 7.1125, 10.2125])
        #expect([gamma.lowerWhisker, gamma.upperWhisker] == [0.425, 14.0])
        #expect(gamma.outliers.isEmpty)
    }

    @Test func degenerateSamples() throws {
        // Hand-worked: one value is every statistic; with IQR 0 the fences sit on the box, so 9 is an outlier.
        let one = try #require(BoxStatistics(values: [4]))
        #expect(
            [one.firstQuartile, one.median, one.thirdQuartile, one.lowerWhisker, one.upperWhisker] == [4, 4, 4, 4, 4])
        let flat = try #require(BoxStatistics(values: [5, 5, 5, 5, 9]))
        #expect([flat.firstQuartile, flat.thirdQuartile, flat.lowerWhisker, flat.upperWhisker] == [5, 5, 5, 5])
        #expect(flat.outliers == [9])
        // np.percentile([1, 2], [25, 50, 75]) = [1.25, 1.5, 1.75].
        let two = try #require(BoxStatistics(values: [2, 1]))
        #expect([two.firstQuartile, two.median, two.thirdQuartile] == [1.25, 1.5, 1.75])
        #expect(BoxStatistics(values: [.nan, -.infinity]) == nil)
        #expect(BoxStatistics(values: []) == nil)
    }
}

/// Data for the box-plot tests, written as in the Python commands that produced the expected numbers.
enum BoxFixtures {
    /// `spread + [40.0, -10.0]` with groups `["alpha", "beta", "gamma"][i % 3]`, then "alpha" and "beta".
    static let grouped: (values: [Double], groups: [String]) = {
        let names = ["alpha", "beta", "gamma"]
        let groups = (0..<300).map { names[$0 % 3] } + ["alpha", "beta"]
        return (Fixtures.spread + [40, -10], groups)
    }()

    /// A second variable on the same rows: `[x * 0.5 + 3 for x in spread] + [9.0, 8.0]`.
    static let half: [Double] = Fixtures.spread.map { $0 * 0.5 + 3 } + [9, 8]
}
