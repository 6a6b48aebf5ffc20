import Foundation
import Testing

@testable import MLPlot

@Suite struct NiceTicksTests {
    /// Hand-worked: the smallest 1-2-5 step whose covering ticks number at most `maxCount`.
    @Test(arguments: [
        // [0, 1], 5 ticks at most: step 0.2 needs 6 (0…1), step 0.5 needs 3.
        (0.0, 1.0, 5, [0.0, 0.5, 1.0]),
        // [0, 1], 6 ticks at most: step 0.2 fits.
        (0.0, 1.0, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        // radius_mean's range: step 2 needs 13 (6…30), step 5 needs 6 (5…30).
        (6.98, 28.11, 6, [5.0, 10, 15, 20, 25, 30]),
        // A range straddling zero, given backwards: step 20 needs 6 (−40…60).
        (57.0, -33.0, 6, [-40.0, -20, 0, 20, 40, 60]),
        // Decimal steps come out as the nearest doubles: 0.3, not 0.1 * 3 = 0.30000000000000004.
        (0.1, 0.3, 3, [0.1, 0.2, 0.3]),
        // Millions: step 500,000 needs 6 (0…2,500,000).
        (12_000.0, 2_400_000.0, 7, [0.0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]),
    ])
    func choosesTheSmallestNiceStepThatFits(from: Double, to: Double, maxCount: Int, expected: [Double]) {
        #expect(niceTicks(from: from, to: to, maxCount: maxCount) == expected)
    }

    @Test func degenerateAndNonFiniteRanges() {
        #expect(niceTicks(from: 4, to: 4, maxCount: 5) == [4])
        #expect(niceTicks(from: .nan, to: 1, maxCount: 5).isEmpty)
        #expect(niceTicks(from: 0, to: .infinity, maxCount: 5).isEmpty)
        // The span overflows to infinity.
        #expect(niceTicks(from: -Double.greatestFiniteMagnitude, to: .greatestFiniteMagnitude, maxCount: 5).isEmpty)
    }

    /// Property test over seeded random ranges of every magnitude: the ticks cover the range without a spare tick,
    /// are evenly spaced multiples of a 1-2-5 step, number 3 to `maxCount` (5–10), and the next smaller nice
    /// step would have needed more than `maxCount`.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func ticksCoverTheRangeWithOneTwoFiveSteps(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<150 {
            let magnitude = pow(10, Double.random(in: -9...9, using: &generator))
            let low = Double.random(in: -1...1, using: &generator) * magnitude
            let span = magnitude * pow(10, Double.random(in: -4...0.5, using: &generator))
            let high = low + span
            let maxCount = Int.random(in: 5...10, using: &generator)
            let ticks = niceTicks(from: low, to: high, maxCount: maxCount)
            let context = Comment(rawValue: "range \(low)…\(high), maxCount \(maxCount), ticks \(ticks)")

            #expect((3...maxCount).contains(ticks.count), context)
            let first = try #require(ticks.first)
            let last = try #require(ticks.last)
            let step = (last - first) / Double(ticks.count - 1)
            #expect(first <= low && last >= high, context)
            #expect(first > low - step && last < high + step, "a spare tick: \(context)")

            let exponent = log10(step).rounded(.down)
            let mantissa = step / pow(10, exponent)
            #expect([1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }, "step \(step): \(context)")
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                #expect(abs((b - a) - step) <= step * 1e-9, context)
            }
            for tick in ticks {
                let multiple = tick / step
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "not a multiple of the step: \(context)")
            }

            // The next smaller 1-2-5 step (÷2 from 1 and 2… or ÷2.5 from 5) needs more ticks than allowed.
            let roundedMantissa = [1.0, 2, 5, 10].min { abs($0 - mantissa) < abs($1 - mantissa) } ?? 1
            let smaller = step / (roundedMantissa == 5 ? 2.5 : 2)
            let needed = (high / smaller).rounded(.up) - (low / smaller).rounded(.down) + 1
            #expect(needed > Double(maxCount), "a smaller step would fit: \(context)")
        }
    }

    @Test func scaleTicksStayInsideTheDomain() {
        // Hand-worked: inside [0.3, 9.7] with at most 6 ticks, step 1 gives 9 (1…9), step 2 gives 4 (2…8).
        let scale = LinearScale(domain: 0.3...9.7, rangeStart: 0, rangeEnd: 100)
        #expect(scale.ticks(maxCount: 6) == [2, 4, 6, 8])
        // Niced to the covering ticks [0, 10] with step 2.
        #expect(scale.niced(maxCount: 6).domain == 0...10)
    }
}
