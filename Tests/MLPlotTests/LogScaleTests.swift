import Foundation
import Testing

@testable import MLPlot

@Suite struct LogScaleTests {
    @Test func mapsDecadesToEqualLengths() {
        // 1…1000 onto 0…300: three decades of 100 points each, so 10 ↦ 100 and 100 ↦ 200 (hand-worked).
        let scale = LogScale(domain: 1...1000, rangeStart: 0, rangeEnd: 300)
        #expect(scale(1) == 0)
        #expect(abs(scale(10) - 100) < 1e-9)
        #expect(abs(scale(100) - 200) < 1e-9)
        #expect(abs(scale(1000) - 300) < 1e-9)
        // Half-way is 10^1.5 = 31.6227766… (numpy: 10 ** 1.5).
        #expect(abs(scale.invert(150) - 31.622776601683793) < 1e-9)
        // Zero and negative values have no position.
        #expect(scale(0).isNaN)
        #expect(scale(-5).isNaN)
    }

    @Test func nicedWidensToPowersOfTen() {
        // 3…450 lies between 10⁰ and 10³ (hand-worked).
        let scale = LogScale(domain: 3...450, rangeStart: 0, rangeEnd: 1).niced()
        #expect(scale.domain == 1...1000)
        // A domain already on powers of ten stays.
        #expect(LogScale(domain: 0.01...100, rangeStart: 0, rangeEnd: 1).niced().domain == 0.01...100)
    }

    /// Hand-worked: 1-2-5 ticks when they fit, powers of ten when they do not, every n-th power across many
    /// decades, and linear ticks below about a decade.
    @Test(arguments: [
        // 1…20: 1, 2, 5, 10, 20 fit in 10.
        (1.0, 20.0, 10, [1.0, 2, 5, 10, 20]),
        // 0.01…1: seven 1-2-5 ticks, each the double nearest its decimal (0.02, not 0.020000000000000004).
        (0.01, 1.0, 10, [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]),
        // 1…100,000: 1-2-5 would need 16 ticks, more than 10; the six powers fit.
        (1.0, 100_000.0, 10, [1.0, 10, 100, 1000, 10000, 100_000]),
        // 10⁻⁶…10⁶: 13 powers, more than 7; every second power (even exponents) gives 7.
        (1e-6, 1e6, 7, [1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6]),
        // 3…8: only 5 is a 1-2-5 value; linear ticks read better.
        (3.0, 8.0, 6, [3.0, 4, 5, 6, 7, 8]),
    ])
    func ticksArePowersOfTenWithTwoAndFiveWhenTheRangeIsShort(
        low: Double, high: Double, maxCount: Int, expected: [Double]
    ) {
        #expect(LogScale(domain: low...high, rangeStart: 0, rangeEnd: 1).ticks(maxCount: maxCount) == expected)
    }

    @Test func minorTicksFillTheDecadesBetweenLabelledPowers() {
        // 1…1000 with at most 5 ticks: the powers 1, 10, 100, 1000 are labelled; 2…9 times 1, 10 and 100 are
        // minor (8 per decade, 3 decades = 24).
        let scale = LogScale(domain: 1...1000, rangeStart: 0, rangeEnd: 1)
        #expect(scale.ticks(maxCount: 5) == [1, 10, 100, 1000])
        let minor = scale.minorTicks(maxCount: 5)
        #expect(minor.count == 24)
        #expect(minor.prefix(3) == [2, 3, 4])
        #expect(minor.last == 900)
        // Every second power labelled: the others are the minor ticks.
        let wide = LogScale(domain: 1e-6...1e6, rangeStart: 0, rangeEnd: 1)
        #expect(wide.minorTicks(maxCount: 7) == [1e-5, 1e-3, 1e-1, 10, 1e3, 1e5])
        // 1-2-5 ticks have no minor ticks.
        #expect(LogScale(domain: 1...20, rangeStart: 0, rangeEnd: 1).minorTicks(maxCount: 10).isEmpty)
    }

    @Test func logLabelsArePlainNumbersOrPowersOfTen() {
        // Between 0.0001 and a million: plain numbers, each with its own decimals, grouped from 10,000.
        #expect(
            LogTickLabels.labels([0.01, 0.1, 0.5, 1, 10, 1000, 10000]) == [
                "0.01", "0.1", "0.5", "1", "10", "1,000", "10,000",
            ])
        #expect(LogTickLabels.labels([1, 2, 5, 10]) == ["1", "2", "5", "10"])
        // Beyond: powers of ten, with 2× and 5× for the 1-2-5 ticks.
        #expect(LogTickLabels.labels([1e-6, 1e-3, 1, 1e3]) == ["10⁻⁶", "10⁻³", "10⁰", "10³"])
        #expect(LogTickLabels.labels([1e6, 2e6, 5e6, 1e7]) == ["10⁶", "2×10⁶", "5×10⁶", "10⁷"])
        // In TikZ the superscripts become math: 2×10⁶ → 2$\times$10$^{6}$.
        #expect(TextEscaping.latex("2×10⁻⁶") == "2$\\times$10$^{-6}$")
    }

    /// The tick labels of one linear axis (hand-worked cases).
    private func labels(_ low: Double, _ high: Double, maxCount: Int) throws -> [String] {
        let ticks = try #require(TickSet.covering(low, high, maxCount: maxCount))
        let format = TickLabelFormat(ticks: ticks.values, step: ticks.step)
        return ticks.values.map(format.label)
    }

    @Test func linearLabelsGroupThousandsAndShareDecimalsAndExponents() throws {
        // 0…12,000 in steps of 2,000 (7 ticks): thousands separators.
        #expect(try labels(0, 12_000, maxCount: 7).last == "12,000")
        // Steps of 0.5: one decimal on every label, even on 0 and 1; steps of 0.02: two.
        #expect(try labels(0, 1, maxCount: 5) == ["0.0", "0.5", "1.0"])
        #expect(try labels(-0.5, 0.5, maxCount: 5) == ["\u{2212}0.5", "0.0", "0.5"])
        #expect(try labels(0, 0.1, maxCount: 6) == ["0.00", "0.02", "0.04", "0.06", "0.08", "0.10"])
        // Large magnitudes share the exponent of the largest tick (10⁷), with the step's decimals (0.2×10⁷).
        #expect(
            try labels(0, 1e7, maxCount: 6) == ["0", "0.2×10⁷", "0.4×10⁷", "0.6×10⁷", "0.8×10⁷", "1.0×10⁷"])
        // A step fine against the magnitude: 1,000,000…1,004,000 by 1,000 reads better as grouped digits than as
        // 1.001×10⁶ (the mantissas would need three decimals).
        #expect(
            try labels(1_000_000, 1_004_000, maxCount: 5) == [
                "1,000,000", "1,001,000", "1,002,000", "1,003,000", "1,004,000",
            ])
    }
}
