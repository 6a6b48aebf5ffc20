/// Either one value for every row or a whole column of values, so literals cost nothing per row.
enum Lane<Element> {
    case scalar(Element)
    case vector([Element])

    /// The value at `row` (the scalar for every row).
    @inline(__always)
    func element(_ row: Int) -> Element {
        switch self {
        case .scalar(let value): value
        case .vector(let values): values[row]
        }
    }

    /// The values for `count` rows.
    func expanded(count: Int) -> [Element] {
        switch self {
        case .scalar(let value): Array(repeating: value, count: count)
        case .vector(let values): values
        }
    }

    /// `transform` applied to every value.
    @inline(__always)
    func map<Result>(_ transform: (Element) -> Result) -> Lane<Result> {
        switch self {
        case .scalar(let value):
            return .scalar(transform(value))
        case .vector(let values):
            return .vector(
                values.withUnsafeBufferPointer { source in
                    [Result](unsafeUninitializedCapacity: source.count) { buffer, initialized in
                        for i in 0..<source.count { buffer.initializeElement(at: i, to: transform(source[i])) }
                        initialized = source.count
                    }
                })
        }
    }
}

/// `combine` applied row by row to two lanes of the same length.
@inline(__always)
func zipLanes<A, B, Result>(_ a: Lane<A>, _ b: Lane<B>, _ combine: (A, B) -> Result) -> Lane<Result> {
    switch (a, b) {
    case (.scalar(let x), .scalar(let y)):
        return .scalar(combine(x, y))
    case (.vector(let xs), .scalar(let y)):
        return Lane<A>.vector(xs).map { combine($0, y) }
    case (.scalar(let x), .vector(let ys)):
        return Lane<B>.vector(ys).map { combine(x, $0) }
    case (.vector(let xs), .vector(let ys)):
        precondition(xs.count == ys.count, "expression lanes differ in length")
        return .vector(
            xs.withUnsafeBufferPointer { left in
                ys.withUnsafeBufferPointer { right in
                    [Result](unsafeUninitializedCapacity: left.count) { buffer, initialized in
                        for i in 0..<left.count { buffer.initializeElement(at: i, to: combine(left[i], right[i])) }
                        initialized = left.count
                    }
                }
            })
    }
}

/// Three-valued truth: `0` false, `1` true, `2` missing.
typealias Truth = UInt8

extension Truth {
    static let falseValue: Truth = 0
    static let trueValue: Truth = 1
    static let missingValue: Truth = 2
}

/// The sentinel for a missing date inside expression lanes.
let missingDay = Int32.min

/// Strings as an expression sees them.
enum StringLane {
    /// One string for every row.
    case scalar(String)
    /// Dictionary codes (`-1` missing) into `levels`, as a category column stores them.
    case coded([Int32], levels: [String])
    /// One string per row, with a mask of missing rows, as a text column stores them.
    case plain([String], MissingMask)

    /// The same strings as codes into levels of first appearance (scalars become one level).
    func coded(count: Int) -> (codes: [Int32], levels: [String]) {
        switch self {
        case .scalar(let value):
            return (Array(repeating: 0, count: count), [value])
        case .coded(let codes, let levels):
            return (codes, levels)
        case .plain(let values, let mask):
            var index: [String: Int32] = [:]
            var levels: [String] = []
            var codes = [Int32](repeating: -1, count: values.count)
            for (row, value) in values.enumerated() where !mask.isMissing(row) {
                if let code = index[value] {
                    codes[row] = code
                } else {
                    let code = Int32(levels.count)
                    index[value] = code
                    levels.append(value)
                    codes[row] = code
                }
            }
            return (codes, levels)
        }
    }
}

/// A typed, vectorised intermediate result of an expression.
///
/// Missing values travel inside the lanes: `.nan` for numbers, ``Truth/missingValue`` for
/// booleans, ``missingDay`` for dates, code `-1` or the mask for strings.
enum ExpressionValue {
    /// The literal `none`: missing, of whatever type the context needs.
    case missing
    case number(Lane<Double>)
    case boolean(Lane<Truth>)
    case string(StringLane)
    case date(Lane<Int32>)

    /// How the type is named in messages: `a number`, `true/false`, `text`, `a date`, `missing`.
    var typeDescription: String {
        switch self {
        case .missing: "missing"
        case .number: "a number"
        case .boolean: "true/false"
        case .string: "text"
        case .date: "a date"
        }
    }

    /// The values as numbers: numbers as they are, booleans as 0 and 1, `none` as missing.
    var asNumber: Lane<Double>? {
        switch self {
        case .number(let lane): lane
        case .boolean(let lane): lane.map { $0 == .missingValue ? .nan : Double($0) }
        case .missing: .scalar(.nan)
        case .string, .date: nil
        }
    }

    /// The values as three-valued truths: booleans as they are, `none` as missing.
    var asBoolean: Lane<Truth>? {
        switch self {
        case .boolean(let lane): lane
        case .missing: .scalar(.missingValue)
        case .number, .string, .date: nil
        }
    }

    /// Whether each row is missing (never missing itself).
    func missingness(count: Int) -> Lane<Truth> {
        switch self {
        case .missing:
            return .scalar(.trueValue)
        case .number(let lane):
            return lane.map { $0.isNaN ? .trueValue : .falseValue }
        case .boolean(let lane):
            return lane.map { $0 == .missingValue ? .trueValue : .falseValue }
        case .date(let lane):
            return lane.map { $0 == missingDay ? .trueValue : .falseValue }
        case .string(.scalar):
            return .scalar(.falseValue)
        case .string(.coded(let codes, _)):
            return Lane.vector(codes).map { $0 < 0 ? .trueValue : .falseValue }
        case .string(.plain(_, let mask)):
            guard mask.hasMissing else { return .scalar(.falseValue) }
            return .vector((0..<count).map { mask.isMissing($0) ? .trueValue : .falseValue })
        }
    }
}
