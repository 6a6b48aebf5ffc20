public import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a random search draws one hyperparameter from, as the notebook writes it:
/// `uniform(0.1, 10)`, `loguniform(0.0001, 0.1)`, `randint(2, 10)`, `choice([3, 5, none])`.
public enum HyperDistribution: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A real number uniformly distributed in [low, high) (bounds, not scipy's `uniform(loc, scale)`).
    case uniform(low: Double, high: Double)
    /// A real number whose logarithm is uniform in [log low, log high) (scipy's `loguniform(a, b)`), for
    /// scales such as learning rates and penalties; 0 < low < high.
    case logUniform(low: Double, high: Double)
    /// A whole number uniformly chosen with low ≤ n < high (scipy's `randint(low, high)`: high is excluded).
    case randomInteger(low: Int, high: Int)
    /// One of the values, each equally likely (a grid or a list in a random search).
    case choice([HyperValue])

    /// The distribution names the notebook accepts.
    public static let functionNames = ["uniform", "loguniform", "randint", "choice"]

    /// Reads a notebook call such as `loguniform(0.0001, 0.1)`.
    ///
    /// `choice` takes one list (`choice([3, 5, none])`) or the values themselves (`choice(3, 5, none)`).
    ///
    /// - Parameters:
    ///   - function: The called name, such as `loguniform` (case-insensitive).
    ///   - arguments: The call's arguments.
    ///   - parameter: The hyperparameter it is for, named in error messages.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for an unknown function (with the nearest name), a
    ///   wrong number or type of arguments, or bad bounds (low ≥ high, a non-positive log-uniform bound).
    public init(function: String, arguments: [HyperValue], parameter: String) throws {
        let call = "\(function)(\(arguments.map(\.description).joined(separator: ", ")))"
        func fail(_ rule: String) -> LearnError {
            LearnError(.invalidHyperparameter, "\(parameter): \(rule), got \(call)")
        }
        func bounds() throws -> (Double, Double) {
            guard arguments.count == 2, let low = arguments[0].doubleValue, let high = arguments[1].doubleValue,
                low.isFinite, high.isFinite
            else { throw fail("\(function.lowercased())(low, high) takes two finite numbers") }
            guard low < high else { throw fail("\(function.lowercased())(low, high) needs low < high") }
            return (low, high)
        }
        switch function.lowercased() {
        case "uniform":
            let (low, high) = try bounds()
            self = .uniform(low: low, high: high)
        case "loguniform":
            let (low, high) = try bounds()
            guard low > 0 else { throw fail("loguniform(low, high) needs 0 < low < high") }
            self = .logUniform(low: low, high: high)
        case "randint":
            let whole = arguments.compactMap(\.wholeNumber)
            guard arguments.count == 2, whole.count == 2 else {
                throw fail("randint(low, high) takes two whole numbers and draws low ≤ n < high")
            }
            guard whole[0] < whole[1] else {
                throw fail("randint(low, high) draws low ≤ n < high, so it needs low < high")
            }
            self = .randomInteger(low: whole[0], high: whole[1])
        case "choice":
            let values: [HyperValue]
            if arguments.count == 1, case .list(let items) = arguments[0] { values = items } else { values = arguments }
            guard !values.isEmpty else { throw fail("choice needs at least one value") }
            self = .choice(values)
        default:
            var message = "\(parameter): unknown distribution '\(function)'"
            if let near = nearestName(to: function, in: Self.functionNames) { message += "; did you mean '\(near)'?" }
            message += " (available: \(Self.functionNames.joined(separator: ", ")))"
            throw LearnError(.invalidHyperparameter, message)
        }
    }

    /// A plain notebook value in a search space: a list is a ``choice(_:)`` of its items (an empty list is
    /// rejected by the search), anything else a choice of that single value (a fixed setting).
    ///
    /// - Parameter value: The value written for the hyperparameter.
    public init(value: HyperValue) {
        if case .list(let items) = value {
            self = .choice(items)
        } else {
            self = .choice([value])
        }
    }

    /// Draws one value: a `.number` for the continuous distributions, an `.integer` for ``randomInteger(low:high:)``,
    /// one of the listed values for ``choice(_:)``.
    ///
    /// Each draw consumes exactly one 64-bit output of `generator`, so a fixed seed gives fixed draws.
    ///
    /// - Parameter generator: The seeded generator to draw from.
    /// - Returns: The value.
    public func draw(using generator: inout SeededGenerator) -> HyperValue {
        switch self {
        case .uniform(let low, let high):
            return .number(min(low + (high - low) * generator.nextUnit(), high))
        case .logUniform(let low, let high):
            let value = exp(log(low) + (log(high) - log(low)) * generator.nextUnit())
            return .number(min(max(value, low), high))
        case .randomInteger(let low, let high):
            return .integer(low + uniformIndex(UInt64(high - low), using: &generator))
        case .choice(let values):
            return values[uniformIndex(UInt64(values.count), using: &generator)]
        }
    }

    /// The listed values of a ``choice(_:)``, `nil` for the other distributions.
    public var values: [HyperValue]? {
        if case .choice(let values) = self { return values }
        return nil
    }

    /// The notebook spelling, such as `loguniform(0.0001, 0.1)` or `choice([3, 5, none])`.
    public var description: String {
        switch self {
        case .uniform(let low, let high): "uniform(\(formatNumber(low)), \(formatNumber(high)))"
        case .logUniform(let low, let high): "loguniform(\(formatNumber(low)), \(formatNumber(high)))"
        case .randomInteger(let low, let high): "randint(\(low), \(high))"
        case .choice(let values): "choice(\(HyperValue.list(values)))"
        }
    }
}

/// A uniform whole number in `0..<count`, from one 64-bit draw (the high word of a 128-bit product, whose
/// bias of at most count / 2⁶⁴ is negligible).
private func uniformIndex(_ count: UInt64, using generator: inout SeededGenerator) -> Int {
    Int(generator.next().multipliedFullWidth(by: count).high)
}

extension HyperValue {
    /// The value as a whole number: an integer, or a real number without a fraction.
    fileprivate var wholeNumber: Int? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value == value.rounded() && abs(value) < 1e15: Int(value)
        default: nil
        }
    }
}

/// One searched hyperparameter and where its values come from.
public struct SearchParameter: Sendable, Hashable, Codable {
    /// The hyperparameter's notebook name, such as `rate`.
    public var name: String
    /// Its values: a ``HyperDistribution/choice(_:)`` list for a grid, any distribution for a random search.
    public var distribution: HyperDistribution

    /// Creates a searched hyperparameter.
    ///
    /// - Parameters:
    ///   - name: The hyperparameter's notebook name.
    ///   - distribution: Where its values come from.
    public init(_ name: String, _ distribution: HyperDistribution) {
        self.name = name
        self.distribution = distribution
    }

    /// A grid entry: the listed values.
    ///
    /// - Parameters:
    ///   - name: The hyperparameter's notebook name.
    ///   - values: The values to try, in order.
    public init(_ name: String, values: [HyperValue]) {
        self.init(name, .choice(values))
    }
}
