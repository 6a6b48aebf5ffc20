#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps a positive data interval (the domain) onto a scene interval (the range) through `log10`, so that equal
/// ratios take equal space.
///
/// The range may run backwards, as a vertical axis does. Zero and negative values have no position on a log
/// scale; charts leave them out and say so in the figure's description.
public struct LogScale: Sendable, Hashable, Codable {
    /// The data value mapped to ``rangeStart``; positive.
    public var domainStart: Double
    /// The data value mapped to ``rangeEnd``; positive.
    public var domainEnd: Double
    /// The scene coordinate of ``domainStart``.
    public var rangeStart: Double
    /// The scene coordinate of ``domainEnd``.
    public var rangeEnd: Double

    /// Creates a log scale.
    ///
    /// - Parameters:
    ///   - domain: The data interval; both ends must be positive and finite.
    ///   - rangeStart: The scene coordinate of the domain's lower bound.
    ///   - rangeEnd: The scene coordinate of the domain's upper bound.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        precondition(
            domain.lowerBound > 0 && domain.upperBound.isFinite, "a log scale needs a positive, finite domain"
        )
        self.domainStart = domain.lowerBound
        self.domainEnd = domain.upperBound
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The domain as a closed range.
    public var domain: ClosedRange<Double> { min(domainStart, domainEnd)...max(domainStart, domainEnd) }

    /// The domain's ends in decades (`log10`).
    private var logStart: Double { log10(domainStart) }
    private var logEnd: Double { log10(domainEnd) }

    /// Maps a data value to a scene coordinate.
    ///
    /// A value outside the domain maps outside the range (no clamping). A degenerate domain maps every positive
    /// value to the middle of the range.
    ///
    /// - Parameter value: The data value.
    /// - Returns: The scene coordinate; NaN when `value` is zero, negative or NaN.
    public func callAsFunction(_ value: Double) -> Double {
        guard value > 0 else { return .nan }
        let span = logEnd - logStart
        guard span != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (log10(value) - logStart) / span * (rangeEnd - rangeStart)
    }

    /// Maps a scene coordinate back to a data value.
    ///
    /// - Parameter coordinate: The scene coordinate.
    /// - Returns: The data value, or the domain start when the range is degenerate.
    public func invert(_ coordinate: Double) -> Double {
        let span = rangeEnd - rangeStart
        guard span != 0 else { return domainStart }
        return pow(10, logStart + (coordinate - rangeStart) / span * (logEnd - logStart))
    }

    /// Returns the labelled tick values inside the domain.
    ///
    /// Ticks sit at powers of ten, and also at 2 and 5 times them when the domain spans few decades; across many
    /// decades only every second (third, …) power is labelled. A domain narrower than about one decade, where
    /// that would give fewer than three ticks, gets ordinary 1-2-5 linear ticks instead (d3's rule).
    ///
    /// - Parameter maxCount: The most ticks wanted (at least 2 are allowed).
    /// - Returns: Ascending values inside the domain.
    public func ticks(maxCount: Int) -> [Double] {
        LogTicks(domain: domain, maxCount: maxCount).major
    }

    /// Returns unlabelled minor tick values inside the domain, to go with ``ticks(maxCount:)``.
    ///
    /// - Parameter maxCount: The same count as given to ``ticks(maxCount:)``.
    /// - Returns: Ascending values: 2…9 times each power of ten when only powers of ten are labelled and few
    ///   decades are shown, the skipped powers of ten when only every n-th is labelled, otherwise none.
    public func minorTicks(maxCount: Int) -> [Double] {
        LogTicks(domain: domain, maxCount: maxCount).minor
    }

    /// Returns the scale with its domain widened to the enclosing powers of ten.
    ///
    /// - Returns: A scale whose domain ends on powers of ten (unchanged when they already are).
    public func niced() -> LogScale {
        let low = powerOfTenDouble(Int(log10(domain.lowerBound).rounded(.down)))
        var high = powerOfTenDouble(Int(log10(domain.upperBound).rounded(.up)))
        if high < domain.upperBound { high *= 10 }  // log10 rounding just below a power
        let start = domainStart <= domainEnd ? low : high
        let end = domainStart <= domainEnd ? high : low
        var result = self
        result.domainStart = start
        result.domainEnd = end
        return result
    }
}

/// `10^n` for any integer exponent, exact for −22…22 (the powers that are exact doubles).
func powerOfTenDouble(_ n: Int) -> Double {
    n >= 0 ? powerOfTen(n) : (n >= -22 ? 1 / powerOfTen(-n) : pow(10, Double(n)))
}

/// The tick values of a log axis: labelled (major) and unlabelled (minor), and whether the linear fallback was
/// used.
struct LogTicks: Sendable, Hashable {
    /// The labelled ticks, ascending.
    var major: [Double] = []
    /// The unlabelled ticks, ascending.
    var minor: [Double] = []
    /// The linear ticks used for a domain narrower than about a decade, or `nil`.
    var linear: TickSet?

    /// Chooses the ticks for a positive domain.
    ///
    /// - Parameters:
    ///   - domain: The data interval; a non-positive lower bound gives no ticks.
    ///   - maxCount: The most labelled ticks wanted.
    init(domain: ClosedRange<Double>, maxCount: Int) {
        let low = domain.lowerBound
        let high = domain.upperBound
        guard low > 0, high.isFinite else { return }
        guard high > low else {
            major = [low]
            return
        }
        let maxCount = max(2, maxCount)
        let firstDecade = Int(log10(low).rounded(.down)) - 1
        let lastDecade = Int(log10(high).rounded(.up)) + 1
        // Each value is one exact product or quotient, so 2 × 10⁻³ is the double nearest 0.002.
        func values(_ mantissas: [Double], every: Int = 1) -> [Double] {
            var result: [Double] = []
            for decade in firstDecade...lastDecade where decade.isMultiple(of: every) {
                for mantissa in mantissas {
                    let value = decade >= 0 ? mantissa * powerOfTen(decade) : mantissa / powerOfTen(-decade)
                    if value >= low * (1 - 1e-12) && value <= high * (1 + 1e-12) { result.append(value) }
                }
            }
            return result
        }
        let oneTwoFive = values([1, 2, 5])
        if oneTwoFive.count < 3 {
            // Less than about a decade: linear ticks read better (3, 4, 5, 6 rather than a lone 5).
            if let set = TickSet.within(low, high, maxCount: maxCount) {
                linear = set
                major = set.values
            }
            return
        }
        if oneTwoFive.count <= maxCount {
            major = oneTwoFive
            return
        }
        let powers = values([1])
        if powers.count <= maxCount {
            major = powers
            // Minor ticks at 2…9 times each power, unless there are so many decades that they would crowd.
            if powers.count <= 8 { minor = values([2, 3, 4, 5, 6, 7, 8, 9]) }
            return
        }
        // Many decades: label every n-th power, with the others as minor ticks.
        var every = 2
        while values([1], every: every).count > maxCount && every < lastDecade - firstDecade { every += 1 }
        major = values([1], every: every)
        minor = powers.filter { !major.contains($0) }
    }
}
