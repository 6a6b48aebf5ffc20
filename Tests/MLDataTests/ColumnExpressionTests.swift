import MLData
import Testing

/// A small frame with every column type and a missing value in most columns.
///
/// | row | age | weight | height | sex | name | member | joined | größe |
/// |---|---|---|---|---|---|---|---|---|
/// | 0 | 25 | 70 | 1.75 | F | Ann | true | 2024-01-15 | 1 |
/// | 1 | 15 | 50 | 1.6 | M | Bob | false | 2024-02-20 | 2 |
/// | 2 | 40 | – | 1.8 | F | Cy | – | – | 3 |
/// | 3 | – | 80 | 2.0 | – | – | false | 2023-12-31 | 4 |
func expressionFixture() throws -> DataFrame {
    try DataFrame(columns: [
        Column(name: "age", storage: .integer([25, 15, 40, 0]), missing: MissingMask([false, false, false, true])),
        Column(name: "weight", numbers: [70, 50, nil, 80]),
        Column(name: "height", numbers: [1.75, 1.6, 1.8, 2.0]),
        Column(name: "sex", categories: ["F", "M", "F", nil]),
        Column(
            name: "name", storage: .text(["Ann", "Bob", "Cy", ""]), missing: MissingMask([false, false, false, true])),
        Column(
            name: "member", storage: .boolean([true, false, false, false]),
            missing: MissingMask([false, false, true, false])),
        // 2024-01-15 = 19737 days since 1970-01-01 (python3 -c "import datetime as d;
        // print((d.date(2024,1,15)-d.date(1970,1,1)).days)"), 2024-02-20 = 19773, 2023-12-31 = 19722.
        Column(
            name: "joined", storage: .date([19737, 19773, 0, 19722]), missing: MissingMask([false, false, true, false])),
        Column(name: "größe", numbers: [1, 2, 3, 4]),
    ])
}

/// The cells an expression computes on `frame`.
func cells(_ text: String, on frame: DataFrame) throws -> [CellValue] {
    try ColumnExpression(parsing: text).evaluate(on: frame).column.cells
}

/// The warnings an expression raises on `frame`.
func warnings(_ text: String, on frame: DataFrame) throws -> [String] {
    try ColumnExpression(parsing: text).evaluate(on: frame).warnings
}

/// The value of a constant expression (evaluated on a one-row frame).
func constant(_ text: String) throws -> CellValue {
    let frame = try DataFrame(columns: [Column(name: "x", numbers: [1])])
    return try #require(try cells(text, on: frame).first)
}

@Suite struct ColumnExpressionTests {
    // Hand-worked: each row is the arithmetic of the expression, Python's `**` precedence for `^`.
    @Test(arguments: [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("10 - 4 - 3", 3), ("8 / 4 / 2", 1), ("-2^2", -4),
        ("(-2)^2", 4), ("2^3^2", 512), ("2^-1", 0.5), ("2 ** 3", 8), ("2 * -2^2", -8), ("-3 * -2", 6),
        ("- - 3", 3), ("1e-3 * 1000", 1), (".5 + 1", 1.5), ("2.5e2", 250), ("7 / 2", 3.5), ("true + true", 2),
    ])
    func arithmeticFollowsPrecedence(text: String, expected: Double) throws {
        #expect(try constant(text) == .number(expected))
    }

    // Hand-worked: `and` binds tighter than `or`, `not` looser than comparisons.
    @Test(arguments: [
        ("true or false and false", true),  // true or (false and false); (true or false) and false is false
        ("not true or true", true),  // (not true) or true; not (true or true) is false
        ("not 1 > 2", true), ("!false && true", true), ("false || !true", false), ("1 + 1 == 2", true),
        ("2 * 3 >= 6 and 1 != 1", false), ("3 <> 4", true), ("'F' == \"F\"", true), ("'a' != 'b'", true),
        ("True and not False", true),
    ])
    func logicFollowsPrecedence(text: String, expected: Bool) throws {
        #expect(try constant(text) == .boolean(expected))
    }

    // Kleene's three-valued logic (SQL, pandas' nullable boolean): missing and false is false, etc.
    @Test(arguments: [
        ("none and false", CellValue.boolean(false)), ("none and true", .missing), ("none or true", .boolean(true)),
        ("none or false", .missing), ("not none", .missing), ("missing and missing", .missing),
        ("false and none", .boolean(false)), ("true or None", .boolean(true)),
    ])
    func logicIsThreeValued(text: String, expected: CellValue) throws {
        #expect(try constant(text) == expected)
    }

    @Test func booleanColumnsUseThreeValuedLogic() throws {
        let frame = try expressionFixture()
        // member = [true, false, missing, false]
        #expect(
            try cells("member or age > 30", on: frame) == [.boolean(true), .boolean(false), .boolean(true), .missing])
        #expect(
            try cells("member and age > 30", on: frame) == [
                .boolean(false), .boolean(false), .missing, .boolean(false),
            ])
        #expect(try cells("not member", on: frame) == [.boolean(false), .boolean(true), .missing, .boolean(true)])
    }

    // Hand-worked, and numpy 2.4 for the roundings: np.round(2.5), np.round(3.5), np.round(-2.5),
    // np.round(1.2345, 2), np.round(2.675, 2), np.round(1250, -2) → 2, 4, -2, 1.23, 2.68, 1200 (numpy scales
    // by 10^digits and rounds half to even: 2.675 · 100 is exactly 267.5, so 2.68 where Python's round says 2.67).
    @Test(arguments: [
        ("abs(-3)", 3.0), ("sqrt(16)", 4), ("exp(0)", 1), ("log(1)", 0), ("log10(1000)", 3), ("log2(8)", 3),
        ("floor(-1.5)", -2), ("ceil(1.2)", 2), ("round(2.5)", 2), ("round(3.5)", 4), ("round(-2.5)", -2),
        ("round(1.2345, 2)", 1.23), ("round(2.675, 2)", 2.68), ("round(1250, -2)", 1200), ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3), ("if(1 < 2, 10, 20)", 10), ("if(1 > 2, 10, 20)", 20), ("min(2, true)", 1),
    ])
    func functionsCompute(text: String, expected: Double) throws {
        #expect(try constant(text) == .number(expected))
    }

    @Test func logOfExpIsTheIdentity() throws {
        let value = try #require(try constant("log(exp(2))").double)
        #expect(isClose(value, 2, relative: 1e-15))
    }

    @Test func missingPropagatesThroughArithmeticAndFunctions() throws {
        let frame = try expressionFixture()
        // weight = [70, 50, missing, 80]
        #expect(try cells("weight + 1", on: frame) == [.number(71), .number(51), .missing, .number(81)])
        #expect(try cells("abs(-weight)", on: frame) == [.number(70), .number(50), .missing, .number(80)])
        #expect(try cells("max(weight, 60)", on: frame) == [.number(70), .number(60), .missing, .number(80)])
        #expect(try cells("weight > 60", on: frame) == [.boolean(true), .boolean(false), .missing, .boolean(true)])
        #expect(try cells("age * 2", on: frame) == [.number(50), .number(30), .number(80), .missing])
        #expect(try cells("round(none)", on: frame) == [.missing, .missing, .missing, .missing])
        #expect(
            try cells("is_missing(weight)", on: frame)
                == [.boolean(false), .boolean(false), .boolean(true), .boolean(false)])
        #expect(
            try cells("is_missing(sex) or is_missing(name)", on: frame)
                == [.boolean(false), .boolean(false), .boolean(false), .boolean(true)])
    }

    @Test func ifPicksRowByRowAndMissingConditionGivesMissing() throws {
        let frame = try expressionFixture()
        let result = try ColumnExpression(parsing: "if(age >= 18, 'adult', 'minor')").evaluate(on: frame)
        // Two labels: a category by the reader's rule, levels sorted.
        #expect(result.column.type == .category)
        #expect(result.column.cells == [.string("adult"), .string("minor"), .string("adult"), .missing])
        #expect(try cells("if(age > 20, weight, none)", on: frame) == [.number(70), .missing, .missing, .missing])
        #expect(
            try cells("if(sex == 'F', name, 'x')", on: frame) == [
                .string("Ann"), .string("x"), .string("Cy"), .missing,
            ])
        #expect(
            try cells("if(age < 20, member, true)", on: frame) == [
                .boolean(true), .boolean(false), .boolean(true), .missing,
            ])
        #expect(
            try cells("if(age < 20, joined, '2020-01-01')", on: frame)
                == [.date(18262), .date(19773), .date(18262), .missing])  // 2020-01-01 = 18262 days
    }

    @Test func textEqualityWorksOnCategoryAndTextColumns() throws {
        let frame = try expressionFixture()
        // sex = [F, M, F, missing], name = [Ann, Bob, Cy, missing]
        #expect(try cells("sex == 'F'", on: frame) == [.boolean(true), .boolean(false), .boolean(true), .missing])
        #expect(try cells("'F' != sex", on: frame) == [.boolean(false), .boolean(true), .boolean(false), .missing])
        #expect(try cells("sex == 'X'", on: frame) == [.boolean(false), .boolean(false), .boolean(false), .missing])
        #expect(
            try cells("name == \"Bob\"", on: frame) == [.boolean(false), .boolean(true), .boolean(false), .missing])
        #expect(
            try cells("sex == if(age > 30, 'F', 'M')", on: frame) == [
                .boolean(false), .boolean(true), .boolean(true), .missing,
            ])
        #expect(try cells("name != sex", on: frame) == [.boolean(true), .boolean(true), .boolean(true), .missing])
        #expect(
            try cells("sex == 'F' and age >= 18", on: frame) == [
                .boolean(true), .boolean(false), .boolean(true), .missing,
            ])
    }

    @Test func datesCompareWithDateLiterals() throws {
        let frame = try expressionFixture()
        // joined = [2024-01-15, 2024-02-20, missing, 2023-12-31]
        #expect(
            try cells("joined >= '2024-01-31'", on: frame)
                == [.boolean(false), .boolean(true), .missing, .boolean(false)])
        #expect(
            try cells("'2024-01-15' == joined", on: frame)
                == [.boolean(true), .boolean(false), .missing, .boolean(false)])
        #expect(
            try cells("joined < joined", on: frame) == [.boolean(false), .boolean(false), .missing, .boolean(false)])
    }

    @Test func namesMayBeBackQuotedOrNonASCII() throws {
        let frame = try expressionFixture().adding(Column(name: "mean `radius`", numbers: [1, 2, 3, 4]))
        #expect(
            try cells("`mean ``radius``` * 2 + größe", on: frame) == [.number(3), .number(6), .number(9), .number(12)])
        #expect(
            try ColumnExpression(parsing: "`mean ``radius``` + größe + größe").columnNames == [
                "mean `radius`", "größe",
            ])
        let iris = try DataFrame(columns: [Column(name: "Sepal.Length", numbers: [4.9, 5.1])])
        #expect(try cells("`Sepal.Length` > 5", on: iris) == [.boolean(false), .boolean(true)])
    }

    @Test func columnNamesAreListedInOrderOfFirstUse() throws {
        let expression = try ColumnExpression(parsing: "weight / height ^ 2 > 25 and sex == 'F' or weight < 1")
        #expect(expression.columnNames == ["weight", "height", "sex"])
        #expect(expression.text == "weight / height ^ 2 > 25 and sex == 'F' or weight < 1")
    }

    @Test func resultTypesFollowTheValues() throws {
        let frame = try expressionFixture()
        #expect(try ColumnExpression(parsing: "weight / height ^ 2").evaluate(on: frame).column.type == .number)
        #expect(try ColumnExpression(parsing: "age > 18").evaluate(on: frame).column.type == .boolean)
        // A bare column reference copies the column, type and all.
        let copy = try ColumnExpression(parsing: "(age)").evaluate(on: frame).column
        #expect(copy.type == .integer)
        #expect(copy.cells == [.integer(25), .integer(15), .integer(40), .missing])
        // A constant fills every row.
        #expect(try cells("1.5", on: frame) == Array(repeating: .number(1.5), count: 4))
        #expect(try cells("'x'", on: frame) == Array(repeating: .string("x"), count: 4))
        // 30 distinct labels out of 30 values: more than 20 and more than 5%, so text (the CSV rule).
        let many = try DataFrame(columns: [Column(name: "i", numbers: (0..<30).map { Double($0) })])
        let labels = try ColumnExpression(parsing: "if(i >= 0, 'a', 'b')").evaluate(on: many).column
        #expect(labels.type == .category)
        let unique = try DataFrame(columns: [
            Column(name: "s", storage: .text((0..<30).map { "v\($0)" })),
            Column(name: "i", numbers: Array(repeating: 1, count: 30)),
        ])
        #expect(try ColumnExpression(parsing: "if(i > 0, s, 'z')").evaluate(on: unique).column.type == .text)
    }

    @Test func expressionsWithTheSameTextAreEqual() throws {
        let a = try ColumnExpression(parsing: "age > 1")
        let b = try ColumnExpression(parsing: "age > 1")
        let c = try ColumnExpression(parsing: "age >1")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
    }
}

@Suite struct ExpressionWarningTests {
    private func frame(_ x: [Double?]) throws -> DataFrame {
        try DataFrame(columns: [Column(name: "x", numbers: x)])
    }

    @Test func divisionByZeroGivesMissingAndAWarning() throws {
        let frame = try frame([1, 0, 2, nil, 0])
        // Hand-worked: 4/1, 4/0, 4/2, 4/missing, 4/0; the missing row is not a division by zero.
        let result = try ColumnExpression(parsing: "4 / x").evaluate(on: frame)
        #expect(result.column.cells == [.number(4), .missing, .number(2), .missing, .missing])
        #expect(result.warnings == ["2 divisions by zero gave missing values"])
        #expect(try warnings("x / x", on: try self.frame([0, 1])) == ["1 division by zero gave a missing value"])
        #expect(try warnings("1 / 0", on: try self.frame([1, 2, 3])) == ["3 divisions by zero gave missing values"])
    }

    @Test func rowsThatCannotMatterDoNotWarn() throws {
        let frame = try frame([0, 2, 0, 4])
        #expect(try cells("if(x == 0, 0, 8 / x)", on: frame) == [.number(0), .number(4), .number(0), .number(2)])
        #expect(try warnings("if(x == 0, 0, 8 / x)", on: frame) == [])
        #expect(try warnings("x != 0 and 8 / x > 1", on: frame) == [])
        #expect(try warnings("x == 0 or 8 / x > 1", on: frame) == [])
        #expect(try warnings("if(x == 0, 8 / x, 0)", on: frame) == ["2 divisions by zero gave missing values"])
    }

    @Test func logarithmsAndRootsOutsideTheirDomainWarn() throws {
        let frame = try frame([1, 0, -1, 100, nil])
        let logs = try ColumnExpression(parsing: "log10(x)").evaluate(on: frame)
        #expect(logs.column.cells == [.number(0), .missing, .missing, .number(2), .missing])
        #expect(logs.warnings == ["2 logarithms of zero or negative numbers gave missing values"])
        let roots = try ColumnExpression(parsing: "sqrt(x) + log(x + 2)").evaluate(on: frame)
        #expect(
            roots.warnings == [
                "1 square root of a negative number gave a missing value"
            ])
        // Bases x - 1 = [0, -1, -2, 99, missing] to the power 0.5: two negative bases; 0 to the powers
        // [0, -1, -2, 99, missing]: two negative exponents, each a division by zero (numpy warns the same).
        #expect(
            try warnings("(x - 1) ^ 0.5 + 0 ^ (x - 1)", on: frame) == [
                "2 divisions by zero gave missing values",
                "2 powers of negative numbers to fractional exponents gave missing values",
            ])
    }

    @Test func powersOfNegativeNumbersToFractionsWarn() throws {
        let frame = try frame([-8, 8, -1, nil])
        let result = try ColumnExpression(parsing: "x ^ (1 / 3)").evaluate(on: frame)
        // python3 -c "print(8 ** (1/3))" → 2.0
        #expect(result.column.cells == [.missing, .number(2), .missing, .missing])
        #expect(result.warnings == ["2 powers of negative numbers to fractional exponents gave missing values"])
        #expect(try cells("x ^ 2", on: frame) == [.number(64), .number(64), .number(1), .missing])
        #expect(try warnings("0 ^ x", on: frame) == ["2 divisions by zero gave missing values"])
    }
}
