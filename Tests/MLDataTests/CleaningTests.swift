import MLData
import Testing

/// The palmerpenguins data (344 rows × 8 columns, 19 missing cells in 11 rows).
func penguins() throws -> DataFrame {
    try CSVReader.read(path: notebookDataPath("penguins.csv"), displayName: "penguins.csv")
}

/// Expects `body` to throw a ``DataError`` with `code` and `message` (where it was thrown is not compared).
func expectDataError(
    _ code: DataError.Code, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Any
) {
    let error = #expect(throws: DataError.self, sourceLocation: sourceLocation) { try body() }
    #expect(error?.code == code, sourceLocation: sourceLocation)
    #expect(error?.message == message, sourceLocation: sourceLocation)
}

/// Parses an expression (the tests' shorthand).
func expression(_ text: String) throws -> ColumnExpression {
    try ColumnExpression(parsing: text)
}

@Suite struct FilterTests {
    @Test func keepsRowsWhereTheConditionIsTrueAndDropsMissing() throws {
        let frame = try expressionFixture()
        // age = [25, 15, 40, missing]: rows 0 and 2.
        let (kept, warnings) = try frame.filtered(where: expression("age >= 18"))
        #expect(kept.rowCount == 2)
        #expect(try kept.column("name").cells == [.string("Ann"), .string("Cy")])
        #expect(warnings.isEmpty)
        let (women, _) = try frame.filtered(where: expression("age >= 18 and sex == 'F'"))
        #expect(women.rowCount == 2)
        let (all, _) = try frame.filtered(where: expression("true"))
        #expect(all == frame)
    }

    @Test func keepingNoRowIsAnError() throws {
        let frame = try expressionFixture()
        // age = [25, 15, 40, missing]: three false, one missing.
        expectDataError(.emptyData, "the filter keeps no rows; the condition is missing in 1 row") {
            try frame.filtered(where: expression("age > 100"))
        }
        expectDataError(.emptyData, "the filter keeps no rows") {
            try frame.filtered(where: expression("height > 5"))
        }
        // Present ages give false or missing = missing; the missing age gives missing.
        expectDataError(.emptyData, "the filter keeps no rows; the condition is missing in 4 rows") {
            try frame.filtered(where: expression("age > 100 or none"))
        }
    }

    @Test func theConditionMustBeTrueOrFalse() throws {
        let frame = try expressionFixture()
        #expect(throws: ExpressionError("the condition must be true/false, e.g. age > 18", offset: 0, length: 7)) {
            try frame.filtered(where: expression("age + 1"))
        }
        #expect(throws: ExpressionError("the condition must be true/false, e.g. age > 18", offset: 0, length: 4)) {
            try frame.filtered(where: expression("none"))
        }
    }

    @Test func warningsPassThrough() throws {
        let frame = try DataFrame(columns: [Column(name: "x", numbers: [0, 1, 2])])
        let (kept, warnings) = try frame.filtered(where: expression("1 / x > 0.6"))
        #expect(try kept.column("x").cells == [.number(1)])
        #expect(warnings == ["1 division by zero gave a missing value"])
    }

    // python3 -c "import pandas as pd; df = pd.read_csv('notebooks/data/penguins.csv'); print(len(df.query(Q)))"
    // for each Q below (pandas' query drops rows where a comparison meets NaN, as missing = false here), and
    // len(df[(df.bill_length_mm / df.bill_depth_mm) > 2.5]) for the last → 67, 133, 120, 181.
    @Test(arguments: [
        ("bill_length_mm > 45 and sex == 'female'", 67),
        ("species == 'Gentoo' or body_mass_g < 3000", 133),
        ("not (island == 'Biscoe') and flipper_length_mm >= 190", 120),
        ("bill_length_mm / bill_depth_mm > 2.5", 181),
    ])
    func penguinFiltersMatchPandas(condition: String, rows: Int) throws {
        let (kept, _) = try penguins().filtered(where: expression(condition))
        #expect(kept.rowCount == rows)
    }
}

@Suite struct DeriveTests {
    @Test func addsAColumnAtTheEnd() throws {
        let frame = try expressionFixture()
        let (derived, warnings) = try frame.deriving("bmi", expression("weight / height ^ 2"))
        #expect(derived.columnNames == frame.columnNames + ["bmi"])
        let bmi = try derived.column("bmi")
        #expect(bmi.type == .number)
        // Hand-worked: 70 / 1.75² = 22.857142857142858, 50 / 1.6² = 19.531249999999996, missing, 80 / 2² = 20.
        #expect(bmi.cells == [.number(70 / (1.75 * 1.75)), .number(50 / (1.6 * 1.6)), .missing, .number(20)])
        #expect(warnings.isEmpty)
    }

    @Test func replacesAColumnInPlace() throws {
        let frame = try expressionFixture()
        let (derived, _) = try frame.deriving("age", expression("age + 1"))
        #expect(derived.columnNames == frame.columnNames)
        #expect(try derived.column("age").cells == [.number(26), .number(16), .number(41), .missing])
        let (flag, _) = try frame.deriving("adult", expression("age >= 18"))
        #expect(try flag.column("adult").type == .boolean)
        #expect(try flag.column("adult").cells == [.boolean(true), .boolean(false), .boolean(true), .missing])
    }

    @Test func reportsWarningsAndRejectsAnEmptyName() throws {
        let frame = try DataFrame(columns: [Column(name: "x", numbers: [0, 0, 1])])
        let (_, warnings) = try frame.deriving("y", expression("1 / x"))
        #expect(warnings == ["2 divisions by zero gave missing values"])
        expectDataError(.invalidArgument, "the new column needs a name") {
            try frame.deriving("", expression("x"))
        }
    }

    @Test func penguinDerivationMatchesPandas() throws {
        let (derived, warnings) = try penguins().deriving(
            "bmi", expression("body_mass_g / (flipper_length_mm / 100) ^ 2"))
        let bmi = try derived.column("bmi")
        // python3 -c "import pandas as pd; df = pd.read_csv('notebooks/data/penguins.csv');
        //   d = df.body_mass_g / (df.flipper_length_mm / 100) ** 2; print(repr(d.sum()), d.isna().sum())"
        // → 353120.90817920165 2
        #expect(bmi.missingCount == 2)
        let values = try #require(bmi.presentDoubles)
        #expect(isClose(values.reduce(0, +), 353120.90817920165, relative: 1e-12))
        #expect(warnings.isEmpty)
    }
}

@Suite struct FixTests {
    @Test func setsMissingWhereTheConditionHolds() throws {
        let frame = try DataFrame(columns: [
            Column(name: "age", storage: .integer([25, -1, 40, -5])), Column(name: "w", numbers: [1, 2, 3, 4]),
        ])
        let (fixed, changed) = try frame.fixing(column: "age", where: expression("age < 0"), value: .missing)
        #expect(changed == 2)
        #expect(try fixed.column("age").cells == [.integer(25), .missing, .integer(40), .missing])
        let (capped, count) = try frame.fixing(column: "w", where: expression("w > 2"), value: .integer(2))
        #expect(count == 2)
        #expect(try capped.column("w").cells == [.number(1), .number(2), .number(2), .number(2)])
    }

    @Test func integerColumnsTakeWholeNumbersOnly() throws {
        let frame = try DataFrame(columns: [Column(name: "age", storage: .integer([25, -1]))])
        let (fixed, _) = try frame.fixing(column: "age", where: expression("age < 0"), value: .number(30))
        #expect(try fixed.column("age").cells == [.integer(25), .integer(30)])
        expectDataError(.typeMismatch, "column 'age' holds whole numbers; 2.5 is not one") {
            try frame.fixing(column: "age", where: expression("age < 0"), value: .number(2.5))
        }
        expectDataError(.typeMismatch, "column 'age' holds whole numbers; 'old' does not fit") {
            try frame.fixing(column: "age", where: expression("age < 0"), value: .string("old"))
        }
        expectDataError(.unknownColumn, "unknown column 'agee'; did you mean 'age'?") {
            try frame.fixing(column: "agee", where: expression("age < 0"), value: .missing)
        }
    }

    @Test func categoriesGainAndLoseLevels() throws {
        let frame = try readCSV("sex,n\nf,1\nM,2\nF,3\nf,4\n")
        // Read as a category with levels sorted by bytes: F, M, f.
        let (fixed, changed) = try frame.fixing(column: "sex", where: expression("sex == 'f'"), value: .string("F"))
        #expect(changed == 2)
        let sex = try fixed.column("sex")
        #expect(sex.storage == .category(codes: [0, 1, 0, 0], levels: ["F", "M"]))
        let (added, _) = try frame.fixing(column: "sex", where: expression("n == 2"), value: .string("X"))
        #expect(try added.column("sex").storage == .category(codes: [2, 1, 0, 2], levels: ["F", "X", "f"]))
    }

    @Test func datesAndBooleansTakeTheirOwnValues() throws {
        let frame = try expressionFixture()
        let (fixed, changed) = try frame.fixing(
            column: "joined", where: expression("is_missing(joined)"), value: .string("2024-03-01"))
        #expect(changed == 1)
        // 2024-03-01 = 19783 days since 1970-01-01.
        #expect(try fixed.column("joined").value(at: 2) == .date(19783))
        expectDataError(.typeMismatch, "column 'joined' holds dates; 'soon' is not a date (YYYY-MM-DD)") {
            try frame.fixing(column: "joined", where: expression("true"), value: .string("soon"))
        }
        expectDataError(.typeMismatch, "column 'member' holds true/false values; 1 does not fit") {
            try frame.fixing(column: "member", where: expression("true"), value: .integer(1))
        }
        let (none, zero) = try frame.fixing(column: "member", where: expression("age > 100"), value: .boolean(true))
        #expect(zero == 0)
        #expect(none == frame)
    }

    @Test func penguinFixMatchesPandas() throws {
        // python3 -c "import pandas as pd, numpy as np; df = pd.read_csv('notebooks/data/penguins.csv');
        //   print((df.body_mass_g < 3000).sum()); df.loc[df.body_mass_g < 3000, 'body_mass_g'] = np.nan;
        //   print(df.body_mass_g.isna().sum())"  → 9, 11
        let (fixed, changed) = try penguins().fixing(
            column: "body_mass_g", where: expression("body_mass_g < 3000"), value: .missing)
        #expect(changed == 9)
        #expect(try fixed.column("body_mass_g").missingCount == 11)
    }
}

@Suite struct DeduplicateTests {
    @Test func keepsTheFirstOfEachGroupWithMissingEqualToMissing() throws {
        let frame = try DataFrame(columns: [
            Column(name: "x", numbers: [1, nil, 1, nil, 0, -0.0, 2]),
            Column(name: "s", categories: ["a", "b", "a", "b", nil, nil, "a"]),
            Column(name: "t", storage: .text(["p", "q", "p", "q", "r", "r", "p"])),
        ])
        // pandas: pd.DataFrame({'x': [1, None, 1, None, 0, -0.0, 2], 's': ['a','b','a','b',None,None,'a'],
        //   't': list('pqpqrrp')}).drop_duplicates() keeps rows 0, 1, 4, 6 (0.0 == -0.0, NaN == NaN).
        let (deduplicated, removed) = try frame.deduplicated()
        #expect(removed == 3)
        #expect(try deduplicated.column("x").cells == [.number(1), .missing, .number(0), .number(2)])
        let (byText, removedByText) = try frame.deduplicated(columns: ["t"])
        #expect(removedByText == 4)
        #expect(try byText.column("t").cells == [.string("p"), .string("q"), .string("r")])
        expectDataError(.unknownColumn, "unknown column 'zzz'") { try frame.deduplicated(columns: ["zzz"]) }
    }

    @Test func aFrameWithoutDuplicatesIsUnchanged() throws {
        let frame = try expressionFixture()
        let (same, removed) = try frame.deduplicated()
        #expect(removed == 0)
        #expect(same == frame)
    }

    // python3 -c "import pandas as pd; df = pd.read_csv('notebooks/data/penguins.csv');
    //   print(df.duplicated().sum(), len(df.drop_duplicates(subset=['species','island'])),
    //   len(df.drop_duplicates(subset=['species','sex'])))"  → 0 5 8
    @Test(arguments: [(nil, 344), (["species", "island"], 5), (["species", "sex"], 8)] as [([String]?, Int)])
    func penguinDeduplicationMatchesPandas(columns: [String]?, kept: Int) throws {
        let frame = try penguins()
        let (deduplicated, removed) = try frame.deduplicated(columns: columns)
        #expect(deduplicated.rowCount == kept)
        #expect(removed == 344 - kept)
    }

    @Test func manyRowsWithCollidingGroupsAreHandled() throws {
        // 10 000 rows over 100 distinct (a, b) pairs: every pair's first row is kept, in row order.
        let n = 10_000
        let a = (0..<n).map { Double($0 % 10) }
        let b = (0..<n).map { Int64(($0 / 10) % 10) }
        let frame = try DataFrame(columns: [Column(name: "a", numbers: a), Column(name: "b", storage: .integer(b))])
        let (deduplicated, removed) = try frame.deduplicated()
        #expect(removed == n - 100)
        #expect(try deduplicated.column("a").cells.prefix(3) == [.number(0), .number(1), .number(2)])
    }
}

@Suite struct DropMissingTests {
    @Test func dropsRowsWithAMissingValue() throws {
        let frame = try expressionFixture()
        // Missing: age row 3, weight row 2, sex row 3, name row 3, member row 2, joined row 2.
        let (complete, removed) = try frame.droppingRows()
        #expect(removed == 2)
        #expect(try complete.column("name").cells == [.string("Ann"), .string("Bob")])
        let (withAge, removedAge) = try frame.droppingRows(missingIn: ["age"])
        #expect(removedAge == 1)
        #expect(withAge.rowCount == 3)
        let (same, none) = try frame.droppingRows(missingIn: ["height"])
        #expect(none == 0)
        #expect(same == frame)
    }

    @Test func droppingEveryRowIsAnError() throws {
        let frame = try DataFrame(columns: [
            Column(name: "x", numbers: [1, nil]), Column(name: "y", numbers: [nil, nil]),
        ])
        expectDataError(
            .emptyData, "every row has a missing value, so no row is left; column 'y' is missing in 2 rows"
        ) {
            try frame.droppingRows()
        }
        expectDataError(.unknownColumn, "unknown column 'zzz'") { try frame.droppingRows(missingIn: ["zzz"]) }
    }

    // python3 -c "import pandas as pd; df = pd.read_csv('notebooks/data/penguins.csv');
    //   print(len(df.dropna()), len(df.dropna(subset=['bill_length_mm'])), len(df.dropna(subset=['sex'])))"
    //   → 333 342 333
    @Test(arguments: [(nil, 333), (["bill_length_mm"], 342), (["sex"], 333)] as [([String]?, Int)])
    func penguinDropsMatchPandas(columns: [String]?, kept: Int) throws {
        let (complete, removed) = try penguins().droppingRows(missingIn: columns)
        #expect(complete.rowCount == kept)
        #expect(removed == 344 - kept)
    }
}
