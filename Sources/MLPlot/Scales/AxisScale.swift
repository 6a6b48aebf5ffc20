#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The position scale of one continuous chart axis: linear or logarithmic.
enum AxisScale: Sendable, Hashable {
    /// Equal differences take equal space.
    case linear(LinearScale)
    /// Equal ratios take equal space; only positive values have a position.
    case log(LogScale)

    /// Maps a data value to a scene coordinate (NaN for a non-positive value on a log scale).
    func callAsFunction(_ value: Double) -> Double {
        switch self {
        case .linear(let scale): scale(value)
        case .log(let scale): scale(value)
        }
    }

    /// Whether the scale is logarithmic.
    var isLog: Bool {
        if case .log = self { return true }
        return false
    }

    /// The data interval shown.
    var domain: ClosedRange<Double> {
        switch self {
        case .linear(let scale): scale.domain
        case .log(let scale): scale.domain
        }
    }

    /// Whether a value has a position on this scale: finite, and positive on a log scale.
    func accepts(_ value: Double) -> Bool {
        value.isFinite && (!isLog || value > 0)
    }

    /// The value in the space where the scale is linear: the value itself, or its `log10`.
    func transform(_ value: Double) -> Double {
        isLog ? log10(value) : value
    }

    /// The inverse of ``transform(_:)``.
    func untransform(_ value: Double) -> Double {
        isLog ? pow(10, value) : value
    }
}

/// A continuous axis with its domain chosen and its ticks labelled, before it is placed in the scene.
struct ResolvedAxis: Sendable, Hashable {
    /// One tick: its data value, label, and whether it is a minor (unlabelled) tick.
    struct Tick: Sendable, Hashable {
        /// The data value.
        var value: Double
        /// The label; empty for a minor tick.
        var label: String
        /// Whether the tick is minor: a shorter mark, a fainter grid line and no label.
        var minor = false
    }

    /// The data interval shown.
    var domain: ClosedRange<Double>
    /// Whether the axis is logarithmic.
    var log: Bool
    /// The ticks, ascending.
    var ticks: [Tick]

    /// The scale that maps the domain onto a scene interval.
    ///
    /// - Parameters:
    ///   - rangeStart: The scene coordinate of the domain's lower bound.
    ///   - rangeEnd: The scene coordinate of the domain's upper bound.
    /// - Returns: A linear or log scale.
    func scale(rangeStart: Double, rangeEnd: Double) -> AxisScale {
        log
            ? .log(LogScale(domain: domain, rangeStart: rangeStart, rangeEnd: rangeEnd))
            : .linear(LinearScale(domain: domain, rangeStart: rangeStart, rangeEnd: rangeEnd))
    }

    /// The axis ticks placed by a scale.
    ///
    /// - Parameter scale: The scale from ``scale(rangeStart:rangeEnd:)``.
    /// - Returns: The ticks with scene positions.
    func axisTicks(_ scale: AxisScale) -> [Axis.Tick] {
        ticks.map { Axis.Tick(position: scale($0.value), label: $0.label, minor: $0.minor) }
    }
}
