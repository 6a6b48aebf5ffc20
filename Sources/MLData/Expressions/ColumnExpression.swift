/// A formula over a frame's columns, such as `age >= 18 and sex == 'F'` or `weight / height ^ 2`.
///
/// The text is parsed once, by ``init(parsing:)``; ``evaluate(on:)`` then computes one value per
/// row of a frame. Evaluation is vectorised: every node of the parsed tree produces a whole
/// column at once, so filtering a million rows takes milliseconds.
///
/// # Grammar
///
/// From the loosest binding to the tightest:
///
/// | syntax | meaning |
/// |---|---|
/// | `a or b`, `a \|\| b` | true if either is true |
/// | `a and b`, `a && b` | true if both are true |
/// | `not a`, `!a` | negation |
/// | `a == b`, `!=` (or `<>`), `<`, `<=`, `>`, `>=` | one comparison (`a < b < c` is an error) |
/// | `a + b`, `a - b` | sum, difference |
/// | `a * b`, `a / b` | product, quotient |
/// | `-a` | negation |
/// | `a ^ b` (or `a ** b`) | power; right-associative and tighter than a `-` on its left: `-2^2` is `-4`, `2^3^2` is `512` |
///
/// Operands are numbers (`1`, `2.5`, `.5`, `1e-3`), text in single or double quotes (`'F'`,
/// `"F"`, with `\'` for a quote inside), `true`, `false`, `none` (also `missing`; Python's
/// `True`, `False`, `None` work too), parentheses, function calls, and columns: a bare name
/// (`age`, `radius_mean`) or a back-quoted one for names with spaces or symbols
/// (`` `mean radius` ``; a doubled back-quote stands for one inside).
///
/// Functions: `log(x)` (natural), `log10(x)`, `log2(x)`, `exp(x)`, `sqrt(x)`, `abs(x)`,
/// `floor(x)`, `ceil(x)`, `round(x)` / `round(x, digits)` (half to even, as numpy),
/// `min(a, b, …)`, `max(a, b, …)`, `if(condition, a, b)` and `is_missing(x)`.
///
/// # Types
///
/// - Numbers: number, integer and boolean columns (booleans as 0 and 1) in arithmetic and
///   numeric comparisons.
/// - True/false: results of comparisons and logic, and boolean columns. Logic is three-valued:
///   `missing and false` is `false`, `missing or true` is `true`, otherwise missing stays missing.
/// - Text: category and text columns, compared with `==` and `!=` only.
/// - Dates: date columns, compared with each other or with a date literal `'2024-01-31'`.
///
/// Missing values propagate through arithmetic, comparisons and functions (`is_missing` is the
/// way to test for them; comparing with `none` is an error). Arithmetic that has no answer gives
/// a missing value and a warning with the count: `x / 0`, `log` of zero or a negative number,
/// `sqrt` of a negative number, a negative number to a fractional power. Rows that cannot
/// affect the result — the right side of `and` where the left is false, of `or` where it is
/// true, the branch of `if` not taken — do not count.
public struct ColumnExpression: Sendable, Hashable {
    /// The expression as written.
    public let text: String
    /// The columns the expression refers to, in order of first appearance.
    public let columnNames: [String]
    /// The parsed tree.
    let root: ExpressionNode

    /// Parses `text`.
    ///
    /// - Parameter text: The expression, such as `weight / height ^ 2`.
    /// - Throws: ``ExpressionError`` for a syntax error (`expected ')'`, `unexpected 'and'`), an
    ///   unknown function (with the nearest one suggested) or a function called with the wrong
    ///   number of arguments, at the offending token's UTF-8 offset.
    public init(parsing text: String) throws {
        self.text = text
        (root, columnNames) = try ExpressionParser.parse(text)
    }

    /// Computes the expression for every row of `frame`.
    ///
    /// A bare column reference returns that column unchanged; otherwise numbers give a number
    /// column, true/false a boolean column, dates a date column, and text a category or text
    /// column by the same rule as the CSV reader (category when there are at most
    /// max(20, 5% of the present values) distinct labels). The column is named after ``text``.
    ///
    /// - Parameter frame: The frame whose columns the expression names.
    /// - Returns: The column and the warnings (such as `2 divisions by zero gave missing values`).
    /// - Throws: ``ExpressionError`` for an unknown column (with the nearest name suggested) or
    ///   values of the wrong type for an operator or function (`cannot add text and a number`),
    ///   at the offending operator's or operand's UTF-8 offset.
    /// - Complexity: O(*n*) in the number of rows for each node of the expression.
    public func evaluate(on frame: DataFrame) throws -> ExpressionResult {
        let (value, warnings) = try evaluateValue(on: frame)
        if case .column(let name) = root.kind, let column = frame[name] {
            return ExpressionResult(column: column.renamed(text), warnings: warnings)
        }
        return ExpressionResult(column: Self.column(value, named: text, count: frame.rowCount), warnings: warnings)
    }

    /// The raw vectorised value and the warnings (for callers that want the truths directly).
    func evaluateValue(on frame: DataFrame) throws -> (ExpressionValue, [String]) {
        var evaluator = ExpressionEvaluator(frame: frame)
        let value = try evaluator.evaluate(root)
        return (value, evaluator.counts.messages)
    }

    /// Row truths of a condition, with `false` where the condition is false or missing.
    ///
    /// - Throws: ``ExpressionError`` when the expression is not true/false, at its start.
    func truths(on frame: DataFrame) throws -> (rows: Lane<Truth>, warnings: [String]) {
        let (value, warnings) = try evaluateValue(on: frame)
        guard let truths = value.asBoolean, !(value.isMissingLiteral) else {
            throw ExpressionError(
                "the condition must be true/false, e.g. age > 18", at: root.range)
        }
        return (truths, warnings)
    }

    /// A column holding `value` for `count` rows.
    static func column(_ value: ExpressionValue, named name: String, count: Int) -> Column {
        switch value {
        case .missing:
            return Column(name: name, storage: .number(Array(repeating: .nan, count: count)))
        case .number(let lane):
            return Column(name: name, storage: .number(lane.expanded(count: count)))
        case .boolean(let lane):
            let truths = lane.expanded(count: count)
            return Column(
                name: name, storage: .boolean(truths.map { $0 == .trueValue }),
                missing: MissingMask(truths.lazy.map { $0 == .missingValue }))
        case .date(let lane):
            let days = lane.expanded(count: count)
            let mask = MissingMask(days.lazy.map { $0 == missingDay })
            return Column(
                name: name, storage: .date(mask.hasMissing ? days.map { $0 == missingDay ? 0 : $0 } : days),
                missing: mask)
        case .string(.scalar(let label)):
            return Column.strings(name: name, type: nil, count: count) { _ in label }
        case .string(.coded(let codes, let levels)):
            return Column.strings(name: name, type: nil, count: count) { row in
                codes[row] < 0 ? nil : levels[Int(codes[row])]
            }
        case .string(.plain(let values, let mask)):
            return Column.strings(name: name, type: nil, count: count) { row in
                mask.isMissing(row) ? nil : values[row]
            }
        }
    }

    public static func == (lhs: ColumnExpression, rhs: ColumnExpression) -> Bool {
        lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}

extension ExpressionValue {
    /// Whether this is the bare literal `none`.
    var isMissingLiteral: Bool {
        if case .missing = self { return true }
        return false
    }
}

/// The column an expression computed, with the warnings raised while computing it.
public struct ExpressionResult: Sendable {
    /// One value per row of the frame, named after the expression's text.
    public var column: Column
    /// Counts of values that became missing, such as `2 divisions by zero gave missing values`.
    public var warnings: [String]

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - column: The computed column.
    ///   - warnings: The warnings raised while computing it.
    public init(column: Column, warnings: [String]) {
        self.column = column
        self.warnings = warnings
    }
}
