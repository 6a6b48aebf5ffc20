/// Maps categories to equal bands of a scene interval, as bar and box charts need.
///
/// Follows d3's `scaleBand` with centred alignment: `step = length / (n − paddingInner + 2 · paddingOuter)`,
/// `bandwidth = step · (1 − paddingInner)`.
public struct BandScale: Sendable, Hashable, Codable {
    /// The categories in display order.
    public var categories: [String]
    /// The scene coordinate where the first band's outer padding starts.
    public var rangeStart: Double
    /// The scene coordinate where the last band's outer padding ends.
    public var rangeEnd: Double
    /// The gap between bands as a fraction of ``step``, 0–1.
    public var paddingInner: Double
    /// The space before the first and after the last band as a fraction of ``step``.
    public var paddingOuter: Double

    /// Creates a band scale.
    ///
    /// - Parameters:
    ///   - categories: The categories in display order.
    ///   - rangeStart: Where the bands start (scene coordinate).
    ///   - rangeEnd: Where the bands end (scene coordinate); may be below `rangeStart`.
    ///   - paddingInner: The gap between bands as a fraction of the step, 0–1.
    ///   - paddingOuter: The outer space as a fraction of the step.
    public init(
        categories: [String],
        rangeStart: Double,
        rangeEnd: Double,
        paddingInner: Double = 0.2,
        paddingOuter: Double = 0.1
    ) {
        self.categories = categories
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.paddingInner = min(max(paddingInner, 0), 1)
        self.paddingOuter = max(paddingOuter, 0)
    }

    /// The signed distance from one band's start to the next.
    public var step: Double {
        let slots = max(1, Double(categories.count) - paddingInner + 2 * paddingOuter)
        return (rangeEnd - rangeStart) / slots
    }

    /// The width of each band (never negative).
    public var bandwidth: Double { abs(step) * (1 - paddingInner) }

    /// The scene coordinate where the band at `index` starts (its lower coordinate).
    ///
    /// - Parameter index: The category's position in ``categories``.
    /// - Returns: The band's lower scene coordinate.
    public func start(at index: Int) -> Double {
        let step = step
        let used = step * (Double(categories.count) - paddingInner)
        let origin = rangeStart + (rangeEnd - rangeStart - used) / 2
        let edge = origin + step * Double(index)
        return step >= 0 ? edge : edge + step * (1 - paddingInner)
    }

    /// The scene coordinate of the centre of the band at `index`.
    ///
    /// - Parameter index: The category's position in ``categories``.
    /// - Returns: The band's centre.
    public func center(at index: Int) -> Double { start(at: index) + bandwidth / 2 }

    /// The index of a category.
    ///
    /// - Parameter category: The category.
    /// - Returns: Its position in ``categories``, or `nil` when absent.
    public func index(of category: String) -> Int? { categories.firstIndex(of: category) }
}
