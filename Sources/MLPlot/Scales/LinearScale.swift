/// Maps a continuous data interval (the domain) linearly onto a scene interval (the range).
///
/// The range may run backwards, as a vertical axis does (`rangeStart` at the bottom of the plot area, which has
/// the larger `y`).
public struct LinearScale: Sendable, Hashable, Codable {
    /// The data value mapped to ``rangeStart``.
    public var domainStart: Double
    /// The data value mapped to ``rangeEnd``.
    public var domainEnd: Double
    /// The scene coordinate of ``domainStart``.
    public var rangeStart: Double
    /// The scene coordinate of ``domainEnd``.
    public var rangeEnd: Double

    /// Creates a linear scale.
    ///
    /// - Parameters:
    ///   - domain: The data interval.
    ///   - rangeStart: The scene coordinate of the domain's lower bound.
    ///   - rangeEnd: The scene coordinate of the domain's upper bound.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domainStart = domain.lowerBound
        self.domainEnd = domain.upperBound
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The domain as a closed range.
    public var domain: ClosedRange<Double> { min(domainStart, domainEnd)...max(domainStart, domainEnd) }

    /// Maps a data value to a scene coordinate.
    ///
    /// A value outside the domain maps outside the range (no clamping). A degenerate domain maps everything to
    /// the middle of the range.
    ///
    /// - Parameter value: The data value.
    /// - Returns: The scene coordinate.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domainEnd - domainStart
        guard span != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainStart) / span * (rangeEnd - rangeStart)
    }

    /// Maps a scene coordinate back to a data value.
    ///
    /// - Parameter coordinate: The scene coordinate.
    /// - Returns: The data value, or the domain start when the range is degenerate.
    public func invert(_ coordinate: Double) -> Double {
        let span = rangeEnd - rangeStart
        guard span != 0 else { return domainStart }
        return domainStart + (coordinate - rangeStart) / span * (domainEnd - domainStart)
    }

    /// Returns nice tick values (1-2-5 steps) inside the domain.
    ///
    /// - Parameter maxCount: The most ticks wanted (at least 2 are allowed).
    /// - Returns: Ascending values inside the domain; the single domain value when it is degenerate.
    public func ticks(maxCount: Int) -> [Double] {
        let domain = domain
        if domain.lowerBound == domain.upperBound { return [domain.lowerBound] }
        return TickSet.within(domain.lowerBound, domain.upperBound, maxCount: maxCount)?.values ?? []
    }

    /// Returns the scale with its domain widened to the nice ticks that cover it.
    ///
    /// - Parameter maxCount: The most ticks wanted on the widened domain.
    /// - Returns: A scale whose domain ends on ticks of ``niceTicks(from:to:maxCount:)``.
    public func niced(maxCount: Int) -> LinearScale {
        let ticks = niceTicks(from: domainStart, to: domainEnd, maxCount: maxCount)
        guard let first = ticks.first, let last = ticks.last, first < last else { return self }
        return LinearScale(domain: first...last, rangeStart: rangeStart, rangeEnd: rangeEnd)
    }
}
