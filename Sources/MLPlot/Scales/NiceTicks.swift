#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Returns evenly spaced "nice" tick values that cover the range from `from` to `to`.
///
/// The step is 1, 2 or 5 times a power of ten, the first tick is at or below the lower end and the last at or
/// above the upper end, and the step is the smallest such step that needs no more than `maxCount` ticks. With
/// `maxCount` of 5 or more, a non-empty range gets at least 3 ticks. Decimal steps are computed as
/// `k * m / 10^e`, so `0.3` comes out as the double nearest 0.3, not `0.30000000000000004`.
///
/// - Parameters:
///   - from: One end of the range (the ends may come in either order).
///   - to: The other end of the range.
///   - maxCount: The most ticks wanted; values below 3 are treated as 3.
/// - Returns: Ascending tick values; `[from]` when `from == to`; empty when an end is not finite or the range
///   is wider than the largest finite double.
/// - Complexity: O(`maxCount`).
public func niceTicks(from: Double, to: Double, maxCount: Int) -> [Double] {
    guard from.isFinite, to.isFinite else { return [] }
    if from == to { return [from == 0 ? 0 : from] }
    return TickSet.covering(min(from, to), max(from, to), maxCount: maxCount)?.values ?? []
}

/// A step of the form `mantissa × 10^exponent` with `mantissa` in {1, 2, 5}.
struct TickStep: Sendable, Hashable {
    /// 1, 2 or 5.
    var mantissa: Int
    /// The power of ten.
    var exponent: Int

    /// The step as a double.
    var value: Double { tick(1) }

    /// The next larger nice step (1 → 2 → 5 → 10).
    var next: TickStep {
        switch mantissa {
        case 1: TickStep(mantissa: 2, exponent: exponent)
        case 2: TickStep(mantissa: 5, exponent: exponent)
        default: TickStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    /// The number of decimal places needed to write every multiple of the step.
    var decimals: Int { max(0, -exponent) }

    /// The `k`-th multiple of the step, rounded once (so decimal multiples are the nearest doubles).
    func tick(_ k: Double) -> Double {
        let value =
            exponent >= 0
            ? k * Double(mantissa) * powerOfTen(exponent)
            : (k * Double(mantissa)) / powerOfTen(-exponent)
        return value == 0 ? 0 : value  // no negative zero
    }

    /// The largest nice step not above `value` (which must be positive and finite).
    static func atMost(_ value: Double) -> TickStep {
        let exponent = Int(log10(value).rounded(.down))
        var step = TickStep(mantissa: 1, exponent: exponent - 1)
        while step.next.value <= value { step = step.next }
        return step
    }
}

/// `10^n` for `n ≥ 0`, exact up to 10^22.
func powerOfTen(_ n: Int) -> Double {
    if n > 22 { return pow(10, Double(n)) }
    var result = 1.0
    for _ in 0..<max(0, n) { result *= 10 }
    return result
}

/// Evenly spaced ticks `step.tick(k)` for `k` in `first...last`.
struct TickSet: Sendable, Hashable {
    /// The step between ticks.
    var step: TickStep
    /// The multiple of the step of the first tick.
    var first: Double
    /// The multiple of the step of the last tick.
    var last: Double

    /// The number of ticks.
    var count: Int { last < first ? 0 : Int(last - first) + 1 }

    /// The tick values, ascending.
    var values: [Double] {
        guard last >= first else { return [] }
        return stride(from: first, through: last, by: 1).map { step.tick($0) }
    }

    /// Multiples of the step are exact integers in a double only below 2^52.
    private static let largestMultiple = 4_503_599_627_370_496.0

    /// The smallest nice ticks that cover `[low, high]` with at most `maxCount` ticks (at least 3).
    ///
    /// - Parameters:
    ///   - low: The lower end, finite.
    ///   - high: The upper end, finite and above `low`.
    ///   - maxCount: The most ticks wanted.
    ///   - minimumStep: Candidate steps below this are skipped (1 for counts).
    /// - Returns: The ticks, or `nil` when the range is too wide or too narrow for doubles.
    static func covering(_ low: Double, _ high: Double, maxCount: Int, minimumStep: Double = 0) -> TickSet? {
        search(low, high, maxCount: max(3, maxCount), minimumStep: minimumStep) { step in
            var first = (low / step.value).rounded(.down)
            if step.tick(first + 1) <= low { first += 1 }
            if step.tick(first) > low { first -= 1 }
            var last = (high / step.value).rounded(.up)
            if step.tick(last - 1) >= high { last -= 1 }
            if step.tick(last) < high { last += 1 }
            return (first, last)
        }
    }

    /// The smallest nice ticks inside `[low, high]` with at most `maxCount` ticks (at least 2).
    ///
    /// - Parameters:
    ///   - low: The lower end, finite.
    ///   - high: The upper end, finite and above `low`.
    ///   - maxCount: The most ticks wanted.
    ///   - minimumStep: Candidate steps below this are skipped (1 for counts).
    /// - Returns: The ticks, or `nil` when the range is too wide or too narrow for doubles.
    static func within(_ low: Double, _ high: Double, maxCount: Int, minimumStep: Double = 0) -> TickSet? {
        search(low, high, maxCount: max(2, maxCount), minimumStep: minimumStep) { step in
            var first = (low / step.value).rounded(.up)
            if step.tick(first - 1) >= low { first -= 1 }
            if step.tick(first) < low { first += 1 }
            var last = (high / step.value).rounded(.down)
            if step.tick(last + 1) <= high { last += 1 }
            if step.tick(last) > high { last -= 1 }
            return (first, last)
        }
    }

    private static func search(
        _ low: Double,
        _ high: Double,
        maxCount: Int,
        minimumStep: Double,
        bounds: (TickStep) -> (Double, Double)
    ) -> TickSet? {
        let span = high - low
        guard low.isFinite, high.isFinite, span > 0, span.isFinite else { return nil }
        var step = TickStep.atMost(max(span / Double(maxCount), minimumStep))
        while step.value < minimumStep { step = step.next }
        // Each pass multiplies the step by at least 2; 70 passes cover any finite span.
        for _ in 0..<70 {
            let magnitude = max(abs(low), abs(high)) / step.value
            if magnitude < largestMultiple {
                let (first, last) = bounds(step)
                if last - first + 1 <= Double(maxCount) {
                    return TickSet(step: step, first: first, last: last)
                }
            }
            step = step.next
        }
        return nil
    }
}
