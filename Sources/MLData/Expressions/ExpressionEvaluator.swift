#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts of values that became missing for an arithmetic reason, turned into warnings at the end.
struct ExpressionWarningCounts {
    var divisionsByZero = 0
    var logarithms = 0
    var squareRoots = 0
    var powers = 0

    /// One sentence per kind that happened, in a fixed order.
    var messages: [String] {
        var result: [String] = []
        func add(_ count: Int, _ one: String, _ many: String) {
            guard count > 0 else { return }
            result.append(count == 1 ? "1 \(one) gave a missing value" : "\(count) \(many) gave missing values")
        }
        add(divisionsByZero, "division by zero", "divisions by zero")
        add(logarithms, "logarithm of zero or a negative number", "logarithms of zero or negative numbers")
        add(squareRoots, "square root of a negative number", "square roots of negative numbers")
        add(
            powers, "power of a negative number to a fractional exponent",
            "powers of negative numbers to fractional exponents")
        return result
    }
}

/// Evaluates an expression tree over a frame, one whole column per node.
///
/// Every node produces a ``Lane`` (a scalar for literals, a buffer of `rowCount` values
/// otherwise), so the tree is walked once per evaluation, never once per row.
///
/// `active` marks the rows whose value can matter: the right side of `and` is inactive where
/// the left side is false, and a branch of `if` where the condition picks the other one. Values
/// are still computed for every row, but only active rows count towards warnings, so
/// `if(x == 0, 0, y / x)` does not warn about divisions it never uses.
struct ExpressionEvaluator {
    let frame: DataFrame
    private(set) var counts = ExpressionWarningCounts()

    init(frame: DataFrame) {
        self.frame = frame
    }

    private var rowCount: Int { frame.rowCount }

    mutating func evaluate(_ node: ExpressionNode, active: [Bool]? = nil) throws -> ExpressionValue {
        switch node.kind {
        case .number(let value):
            return .number(.scalar(value))
        case .string(let value):
            return .string(.scalar(value))
        case .boolean(let value):
            return .boolean(.scalar(value ? .trueValue : .falseValue))
        case .missing:
            return .missing
        case .column(let name):
            guard let column = frame[name] else {
                throw ExpressionError(frame.unknownColumn(name).message, at: node.operatorRange)
            }
            return Self.value(of: column)
        case .unary(let op, let operand):
            return try unary(op, operand, node, active: active)
        case .binary(let op, let left, let right):
            switch op {
            case .and, .or:
                return try logic(op, left, right, node, active: active)
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                let l = try evaluate(left, active: active)
                let r = try evaluate(right, active: active)
                return try compare(op, l, r, left: left, right: right, node: node)
            case .add, .subtract, .multiply, .divide, .power:
                let l = try evaluate(left, active: active)
                let r = try evaluate(right, active: active)
                return try arithmetic(op, l, r, node, active: active)
            }
        case .call(let function, let arguments):
            return try call(function, arguments, node, active: active)
        }
    }

    /// A column as an expression value, sharing its buffer where the representation agrees.
    static func value(of column: Column) -> ExpressionValue {
        let mask = column.missing
        switch column.storage {
        case .number(let values):
            return .number(.vector(values))
        case .integer(let values):
            if !mask.hasMissing { return .number(Lane.vector(values).map { Double($0) }) }
            return .number(.vector(values.indices.map { mask.isMissing($0) ? .nan : Double(values[$0]) }))
        case .boolean(let values):
            if !mask.hasMissing { return .boolean(Lane.vector(values).map { $0 ? .trueValue : .falseValue }) }
            return .boolean(
                .vector(
                    values.indices.map { mask.isMissing($0) ? .missingValue : (values[$0] ? .trueValue : .falseValue) }
                ))
        case .category(let codes, let levels):
            return .string(.coded(codes, levels: levels))
        case .text(let values):
            return .string(.plain(values, mask))
        case .date(let values):
            if !mask.hasMissing { return .date(.vector(values)) }
            return .date(.vector(values.indices.map { mask.isMissing($0) ? missingDay : values[$0] }))
        }
    }

    // MARK: - Operators

    private mutating func unary(
        _ op: UnaryOperator, _ operandNode: ExpressionNode, _ node: ExpressionNode, active: [Bool]?
    ) throws -> ExpressionValue {
        let operand = try evaluate(operandNode, active: active)
        switch op {
        case .negate:
            guard let numbers = operand.asNumber else {
                throw ExpressionError("cannot negate \(operand.typeDescription)", at: node.operatorRange)
            }
            return .number(numbers.map { -$0 })
        case .not:
            guard let truths = operand.asBoolean else {
                throw ExpressionError(
                    "'not' needs true/false, not \(operand.typeDescription)", at: operandNode.range)
            }
            return .boolean(truths.map { $0 == .missingValue ? .missingValue : 1 - $0 })
        }
    }

    private mutating func logic(
        _ op: BinaryOperator, _ leftNode: ExpressionNode, _ rightNode: ExpressionNode, _ node: ExpressionNode,
        active: [Bool]?
    ) throws -> ExpressionValue {
        let word = op == .and ? "and" : "or"
        let leftValue = try evaluate(leftNode, active: active)
        guard let left = leftValue.asBoolean else {
            throw ExpressionError(
                "'\(word)' needs true/false on both sides, not \(leftValue.typeDescription)", at: leftNode.range)
        }
        // Where the left side already decides the result, the right side's warnings do not count.
        let deciding: Truth = op == .and ? .falseValue : .trueValue
        let rightActive = rightNode.mayWarn ? restrict(active, left) { $0 != deciding } : active
        let rightValue = try evaluate(rightNode, active: rightActive)
        guard let right = rightValue.asBoolean else {
            throw ExpressionError(
                "'\(word)' needs true/false on both sides, not \(rightValue.typeDescription)", at: rightNode.range)
        }
        // Kleene logic: false decides `and`, true decides `or`; otherwise missing stays missing.
        if op == .and {
            return .boolean(
                zipLanes(left, right) { a, b in
                    a == .falseValue || b == .falseValue
                        ? .falseValue : (a == .trueValue && b == .trueValue ? .trueValue : .missingValue)
                })
        }
        return .boolean(
            zipLanes(left, right) { a, b in
                a == .trueValue || b == .trueValue
                    ? .trueValue : (a == .falseValue && b == .falseValue ? .falseValue : .missingValue)
            })
    }

    private mutating func arithmetic(
        _ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue, _ node: ExpressionNode,
        active: [Bool]?
    ) throws -> ExpressionValue {
        guard let a = left.asNumber, let b = right.asNumber else {
            let (l, r) = (left.typeDescription, right.typeDescription)
            let message =
                switch op {
                case .add: "cannot add \(l) and \(r)"
                case .subtract: "cannot subtract \(l) and \(r)"
                case .multiply: "cannot multiply \(l) and \(r)"
                case .divide: "cannot divide \(l) and \(r)"
                default: "cannot raise \(l) to the power of \(r)"
                }
            throw ExpressionError(message, at: node.operatorRange)
        }
        switch op {
        case .add:
            return .number(zipLanes(a, b, +))
        case .subtract:
            return .number(zipLanes(a, b, -))
        case .multiply:
            return .number(zipLanes(a, b, *))
        case .divide:
            counts.divisionsByZero += countActive(active, a, b) { x, y in y == 0 && !x.isNaN }
            return .number(zipLanes(a, b) { x, y in y == 0 ? .nan : x / y })
        default:
            counts.divisionsByZero += countActive(active, a, b) { x, y in x == 0 && y < 0 }
            counts.powers += countActive(active, a, b) { x, y in
                x < 0 && x.isFinite && y.isFinite && y.rounded(.towardZero) != y
            }
            return .number(
                zipLanes(a, b) { x, y in
                    if x.isNaN || y.isNaN || (x == 0 && y < 0) { return .nan }
                    return pow(x, y)
                })
        }
    }

    private func compare(
        _ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue, left leftNode: ExpressionNode,
        right rightNode: ExpressionNode, node: ExpressionNode
    ) throws -> ExpressionValue {
        let symbol = Self.symbol(op)
        switch (left, right) {
        case (.missing, _), (_, .missing):
            throw ExpressionError(
                "a comparison with none is always missing; use is_missing(x) to test for missing values",
                at: node.operatorRange)
        case (.number, .number), (.number, .boolean), (.boolean, .number), (.boolean, .boolean):
            guard let a = left.asNumber, let b = right.asNumber else { break }
            return .boolean(Self.compareNumbers(op, a, b))
        case (.string(let a), .string(let b)):
            guard op == .equal || op == .notEqual else {
                throw ExpressionError(
                    "text can only be compared with == or !=, not '\(symbol)'", at: node.operatorRange)
            }
            return .boolean(equalStrings(a, b, negated: op == .notEqual))
        case (.date(let a), .date(let b)):
            return .boolean(Self.compareDates(op, a, b))
        case (.date(let a), .string(.scalar(let text))):
            return .boolean(Self.compareDates(op, a, .scalar(try Self.date(text, rightNode))))
        case (.string(.scalar(let text)), .date(let b)):
            return .boolean(Self.compareDates(op, .scalar(try Self.date(text, leftNode)), b))
        default:
            break
        }
        throw ExpressionError(
            "cannot compare \(left.typeDescription) and \(right.typeDescription)", at: node.operatorRange)
    }

    private static func symbol(_ op: BinaryOperator) -> String {
        switch op {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        default: ""
        }
    }

    private static func compareNumbers(_ op: BinaryOperator, _ a: Lane<Double>, _ b: Lane<Double>) -> Lane<Truth> {
        @inline(__always)
        func truth(_ x: Double, _ y: Double, _ holds: Bool) -> Truth {
            x.isNaN || y.isNaN ? .missingValue : (holds ? .trueValue : .falseValue)
        }
        switch op {
        case .equal: return zipLanes(a, b) { truth($0, $1, $0 == $1) }
        case .notEqual: return zipLanes(a, b) { truth($0, $1, $0 != $1) }
        case .less: return zipLanes(a, b) { truth($0, $1, $0 < $1) }
        case .lessEqual: return zipLanes(a, b) { truth($0, $1, $0 <= $1) }
        case .greater: return zipLanes(a, b) { truth($0, $1, $0 > $1) }
        default: return zipLanes(a, b) { truth($0, $1, $0 >= $1) }
        }
    }

    private static func compareDates(_ op: BinaryOperator, _ a: Lane<Int32>, _ b: Lane<Int32>) -> Lane<Truth> {
        @inline(__always)
        func truth(_ x: Int32, _ y: Int32, _ holds: Bool) -> Truth {
            x == missingDay || y == missingDay ? .missingValue : (holds ? .trueValue : .falseValue)
        }
        switch op {
        case .equal: return zipLanes(a, b) { truth($0, $1, $0 == $1) }
        case .notEqual: return zipLanes(a, b) { truth($0, $1, $0 != $1) }
        case .less: return zipLanes(a, b) { truth($0, $1, $0 < $1) }
        case .lessEqual: return zipLanes(a, b) { truth($0, $1, $0 <= $1) }
        case .greater: return zipLanes(a, b) { truth($0, $1, $0 > $1) }
        default: return zipLanes(a, b) { truth($0, $1, $0 >= $1) }
        }
    }

    /// A `YYYY-MM-DD` literal as days since 1970-01-01.
    private static func date(_ text: String, _ node: ExpressionNode) throws -> Int32 {
        var bytes = Array(text.utf8)
        let day = bytes.withUnsafeMutableBufferPointer { ValueParsing.date(UnsafeBufferPointer($0)) }
        guard let day else {
            throw ExpressionError("'\(text)' is not a date; write dates as 'YYYY-MM-DD'", at: node.range)
        }
        return day
    }

    private func equalStrings(_ a: StringLane, _ b: StringLane, negated: Bool) -> Lane<Truth> {
        let hit: Truth = negated ? .falseValue : .trueValue
        let miss: Truth = negated ? .trueValue : .falseValue
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return .scalar(x == y ? hit : miss)
        case (.coded(let codes, let levels), .scalar(let y)), (.scalar(let y), .coded(let codes, let levels)):
            let wanted = levels.firstIndex(of: y).map { Int32($0) } ?? -2
            return Lane.vector(codes).map { $0 < 0 ? .missingValue : ($0 == wanted ? hit : miss) }
        case (.plain(let values, let mask), .scalar(let y)), (.scalar(let y), .plain(let values, let mask)):
            if !mask.hasMissing { return Lane.vector(values).map { $0 == y ? hit : miss } }
            return .vector(
                (0..<values.count).map { mask.isMissing($0) ? .missingValue : (values[$0] == y ? hit : miss) })
        default:
            let (leftCodes, leftLevels) = a.coded(count: rowCount)
            let (rightCodes, rightLevels) = b.coded(count: rowCount)
            var index: [String: Int32] = [:]
            for (code, level) in leftLevels.enumerated() { index[level] = Int32(code) }
            // Right-hand codes translated into left-hand codes; -2 matches nothing on the left.
            let translated = rightLevels.map { index[$0] ?? -2 }
            return zipLanes(Lane.vector(leftCodes), Lane.vector(rightCodes)) { l, r in
                l < 0 || r < 0 ? .missingValue : (l == translated[Int(r)] ? hit : miss)
            }
        }
    }

    // MARK: - Functions

    private mutating func call(
        _ function: ExpressionFunction, _ arguments: [ExpressionNode], _ node: ExpressionNode, active: [Bool]?
    ) throws -> ExpressionValue {
        switch function {
        case .if:
            return try conditional(arguments, node, active: active)
        case .isMissing:
            let value = try evaluate(arguments[0], active: active)
            return .boolean(value.missingness(count: rowCount))
        case .min, .max:
            var result: Lane<Double>?
            for argument in arguments {
                let numbers = try number(argument, for: function, active: active)
                guard let current = result else {
                    result = numbers
                    continue
                }
                // Missing in any argument makes the result missing (NaN propagates, as numpy's minimum).
                result =
                    function == .min
                    ? zipLanes(current, numbers) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
                    : zipLanes(current, numbers) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
            }
            return .number(result ?? .scalar(.nan))
        case .round:
            let x = try number(arguments[0], for: function, active: active)
            var digits = 0
            if arguments.count == 2 {
                let d = try number(arguments[1], for: function, active: active)
                guard case .scalar(let value) = d, value.isFinite, value == value.rounded(), abs(value) <= 300
                else {
                    throw ExpressionError(
                        "round's digits must be a whole number such as 2", at: arguments[1].range)
                }
                digits = Int(value)
            }
            return .number(Self.round(x, digits: digits))
        case .abs, .ceil, .floor, .exp, .log, .log10, .log2, .sqrt:
            let x = try number(arguments[0], for: function, active: active)
            return .number(unaryMath(function, x, active: active))
        }
    }

    private mutating func number(
        _ argument: ExpressionNode, for function: ExpressionFunction, active: [Bool]?
    ) throws -> Lane<Double> {
        let value = try evaluate(argument, active: active)
        guard let numbers = value.asNumber else {
            throw ExpressionError(
                "\(function.rawValue) needs a number, not \(value.typeDescription)", at: argument.range)
        }
        return numbers
    }

    private mutating func unaryMath(_ function: ExpressionFunction, _ x: Lane<Double>, active: [Bool]?) -> Lane<Double>
    {
        switch function {
        case .abs: return x.map { Swift.abs($0) }
        case .ceil: return x.map { $0.rounded(.up) }
        case .floor: return x.map { $0.rounded(.down) }
        case .exp: return x.map { exp($0) }
        case .sqrt:
            counts.squareRoots += countActive(active, x, .scalar(0)) { v, _ in v < 0 }
            return x.map { $0 < 0 ? .nan : $0.squareRoot() }
        default:
            counts.logarithms += countActive(active, x, .scalar(0)) { v, _ in v <= 0 }
            switch function {
            case .log10: return x.map { $0 <= 0 ? .nan : log10($0) }
            case .log2: return x.map { $0 <= 0 ? .nan : log2($0) }
            default: return x.map { $0 <= 0 ? .nan : log($0) }
            }
        }
    }

    /// numpy's `around`: scale by 10^digits, round half to even, scale back.
    private static func round(_ x: Lane<Double>, digits: Int) -> Lane<Double> {
        if digits >= 0 {
            let scale = pow(10.0, Double(digits))
            return x.map { ($0 * scale).rounded(.toNearestOrEven) / scale }
        }
        let scale = pow(10.0, Double(-digits))
        return x.map { ($0 / scale).rounded(.toNearestOrEven) * scale }
    }

    private mutating func conditional(
        _ arguments: [ExpressionNode], _ node: ExpressionNode, active: [Bool]?
    ) throws -> ExpressionValue {
        let conditionValue = try evaluate(arguments[0], active: active)
        guard let condition = conditionValue.asBoolean else {
            throw ExpressionError(
                "the condition of if must be true/false, not \(conditionValue.typeDescription)",
                at: arguments[0].range)
        }
        let thenActive = arguments[1].mayWarn ? restrict(active, condition) { $0 == .trueValue } : active
        let elseActive = arguments[2].mayWarn ? restrict(active, condition) { $0 == .falseValue } : active
        let yes = try evaluate(arguments[1], active: thenActive)
        let no = try evaluate(arguments[2], active: elseActive)

        func pick<T>(_ a: Lane<T>, _ b: Lane<T>, missing: T) -> Lane<T> {
            zipLanes(condition, zipLanes(a, b) { ($0, $1) }) { truth, pair in
                truth == .trueValue ? pair.0 : (truth == .falseValue ? pair.1 : missing)
            }
        }
        switch (yes, no) {
        case (.missing, .missing):
            return .missing
        case (.boolean(let a), .boolean(let b)):
            return .boolean(pick(a, b, missing: .missingValue))
        case (.boolean(let a), .missing):
            return .boolean(pick(a, .scalar(.missingValue), missing: .missingValue))
        case (.missing, .boolean(let b)):
            return .boolean(pick(.scalar(.missingValue), b, missing: .missingValue))
        case (.string(let a), .string(let b)):
            return .string(pickStrings(condition, a, b))
        case (.string(let a), .missing):
            return .string(pickStrings(condition, a, nil))
        case (.missing, .string(let b)):
            return .string(pickStrings(condition, nil, b))
        case (.date(let a), .date(let b)):
            return .date(pick(a, b, missing: missingDay))
        case (.date(let a), .missing):
            return .date(pick(a, .scalar(missingDay), missing: missingDay))
        case (.missing, .date(let b)):
            return .date(pick(.scalar(missingDay), b, missing: missingDay))
        case (.date(let a), .string(.scalar(let text))):
            return .date(pick(a, .scalar(try Self.date(text, arguments[2])), missing: missingDay))
        case (.string(.scalar(let text)), .date(let b)):
            return .date(pick(.scalar(try Self.date(text, arguments[1])), b, missing: missingDay))
        default:
            if let a = yes.asNumber, let b = no.asNumber { return .number(pick(a, b, missing: .nan)) }
        }
        throw ExpressionError(
            "the two values of if have different types: \(yes.typeDescription) and \(no.typeDescription)",
            at: arguments[2].range)
    }

    /// Strings chosen row by row from `a` (condition true) or `b` (false); `nil` stands for `none`.
    private func pickStrings(_ condition: Lane<Truth>, _ a: StringLane?, _ b: StringLane?) -> StringLane {
        let none = (codes: [Int32](repeating: -1, count: rowCount), levels: [String]())
        let (yesCodes, yesLevels) = a?.coded(count: rowCount) ?? none
        let (noCodes, noLevels) = b?.coded(count: rowCount) ?? none
        var levels = yesLevels
        var index: [String: Int32] = [:]
        for (code, level) in levels.enumerated() { index[level] = Int32(code) }
        let translated: [Int32] = noLevels.map { level in
            if let code = index[level] { return code }
            let code = Int32(levels.count)
            index[level] = code
            levels.append(level)
            return code
        }
        let codes = (0..<rowCount).map { row -> Int32 in
            switch condition.element(row) {
            case .trueValue: return yesCodes[row]
            case .falseValue: return noCodes[row] < 0 ? -1 : translated[Int(noCodes[row])]
            default: return -1
            }
        }
        return .coded(codes, levels: levels)
    }

    // MARK: - Warnings

    /// `active` narrowed to the rows where `keep` holds for `truths`.
    private func restrict(_ active: [Bool]?, _ truths: Lane<Truth>, _ keep: (Truth) -> Bool) -> [Bool] {
        (0..<rowCount).map { row in (active?[row] ?? true) && keep(truths.element(row)) }
    }

    /// The number of active rows where `holds` is true for the two lanes' values.
    ///
    /// When both lanes are scalars the answer is all active rows or none.
    private func countActive(
        _ active: [Bool]?, _ a: Lane<Double>, _ b: Lane<Double>, _ holds: (Double, Double) -> Bool
    ) -> Int {
        if case .scalar(let x) = a, case .scalar(let y) = b {
            guard holds(x, y) else { return 0 }
            return active.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? rowCount
        }
        var count = 0
        for row in 0..<rowCount where (active?[row] ?? true) && holds(a.element(row), b.element(row)) {
            count += 1
        }
        return count
    }
}
