import MLData
import Testing

@Suite struct CastTests {
    private func frame(_ columns: Column...) throws -> DataFrame {
        try DataFrame(columns: columns)
    }

    @Test func numbersBecomeIntegersWhenWhole() throws {
        let frame = try frame(Column(name: "x", numbers: [1, nil, -3]), Column(name: "y", numbers: [1, 2.5, 3]))
        let cast = try frame.casting("x", to: .integer)
        #expect(try cast.column("x").cells == [.integer(1), .missing, .integer(-3)])
        #expect(cast.columnNames == ["x", "y"])
        expectDataError(.malformedData, "row 2 of 'y' holds 2.5, which is not a whole number") {
            try frame.casting("y", to: .integer)
        }
    }

    @Test func numbersBecomeLabelsByTheirShortestText() throws {
        let frame = try frame(Column(name: "x", numbers: [2.5, 3, nil, 0.1, 2.5]))
        let category = try frame.casting("x", to: .category).column("x")
        // Swift's shortest round-trip descriptions; levels sorted by bytes ("0.1" < "2.5" < "3.0").
        #expect(category.storage == .category(codes: [1, 2, -1, 0, 1], levels: ["0.1", "2.5", "3.0"]))
        let text = try frame.casting("x", to: .text).column("x")
        #expect(text.type == .text)
        #expect(text.cells == [.string("2.5"), .string("3.0"), .missing, .string("0.1"), .string("2.5")])
    }

    @Test func integersBooleansAndLabelsConvert() throws {
        let frame = try frame(
            Column(name: "i", storage: .integer([0, 1, 7])),
            Column(name: "b", storage: .boolean([true, false, true]), missing: MissingMask([false, false, true])),
            Column(name: "c", categories: ["a", nil, "b"]))
        #expect(try frame.casting("i", to: .number).column("i").cells == [.number(0), .number(1), .number(7)])
        #expect(try frame.casting("b", to: .integer).column("b").cells == [.integer(1), .integer(0), .missing])
        #expect(try frame.casting("b", to: .number).column("b").cells == [.number(1), .number(0), .missing])
        #expect(
            try frame.casting("b", to: .category).column("b").cells == [.string("true"), .string("false"), .missing])
        #expect(try frame.casting("c", to: .text).column("c").storage == .text(["a", "", "b"]))
        expectDataError(.malformedData, "row 3 of 'i' holds 7, which is not 0 or 1") {
            try frame.casting("i", to: .boolean)
        }
        expectDataError(.unknownColumn, "unknown column 'ii'; did you mean 'i'?") { try frame.casting("ii", to: .text) }
        #expect(try frame.casting("c", to: .category) == frame)
    }

    @Test func textParsesLikeAnExplicitCSVType() throws {
        let frame = try frame(
            Column(name: "n", storage: .text(["1e3", " 2.5 ", "", "-4"])),
            Column(
                name: "i", storage: .text(["12", "3.0", "-1", "x"]), missing: MissingMask([false, false, false, true])),
            Column(name: "b", storage: .text(["yes", "No", "t", "0"])),
            Column(name: "d", storage: .text(["2024-01-31", "1970-01-01", "2000-02-29", "1969-12-31"])),
            Column(name: "bad", storage: .text(["1", "2", "n/a", "x"])))
        // An empty value becomes missing; surrounding spaces are trimmed as the CSV reader trims fields.
        #expect(
            try frame.casting("n", to: .number).column("n").cells == [
                .number(1000), .number(2.5), .missing, .number(-4),
            ])
        #expect(
            try frame.casting("i", to: .integer).column("i").cells == [
                .integer(12), .integer(3), .integer(-1), .missing,
            ])
        #expect(
            try frame.casting("b", to: .boolean).column("b").cells
                == [.boolean(true), .boolean(false), .boolean(true), .boolean(false)])
        // python3 -c "import datetime as d; print([(d.date(*t) - d.date(1970,1,1)).days for t in
        //   [(2024,1,31), (1970,1,1), (2000,2,29), (1969,12,31)]])"  → [19753, 0, 11016, -1]
        #expect(
            try frame.casting("d", to: .date).column("d").cells == [.date(19753), .date(0), .date(11016), .date(-1)])
        expectDataError(.malformedData, "row 3 of 'bad' holds 'n/a', which is not a number") {
            try frame.casting("bad", to: .number)
        }
        expectDataError(.malformedData, "row 1 of 'd' holds '2024-01-31', which is not a whole number") {
            try frame.casting("d", to: .integer)
        }
        expectDataError(.malformedData, "row 1 of 'n' holds '1e3', which is not a date (YYYY-MM-DD)") {
            try frame.casting("n", to: .date)
        }
    }

    @Test func categoriesParseEachLevelAndReportTheFirstBadRow() throws {
        // Levels sorted: "10", "7", "x"; "x" first appears in row 4 although "10" and "7" come before it.
        let frame = try frame(Column(name: "z", categories: ["7", "10", nil, "x", "7"]))
        expectDataError(.malformedData, "row 4 of 'z' holds 'x', which is not a number") {
            try frame.casting("z", to: .number)
        }
        let good = try self.frame(Column(name: "z", categories: ["7", "10", nil, "7"]))
        #expect(
            try good.casting("z", to: .integer).column("z").cells == [.integer(7), .integer(10), .missing, .integer(7)])
        let text = try self.frame(Column(name: "t", storage: .text(["b", "a", "b"])))
        #expect(
            try text.casting("t", to: .category).column("t").storage
                == .category(codes: [1, 0, 1], levels: ["a", "b"]))
    }

    @Test func datesOnlyBecomeLabels() throws {
        let frame = try expressionFixture()
        #expect(
            try frame.casting("joined", to: .text).column("joined").cells
                == [.string("2024-01-15"), .string("2024-02-20"), .missing, .string("2023-12-31")])
        expectDataError(.typeMismatch, "cannot cast the date column 'joined' to number") {
            try frame.casting("joined", to: .number)
        }
        expectDataError(.typeMismatch, "cannot cast the number column 'weight' to date") {
            try frame.casting("weight", to: .date)
        }
    }

    @Test func penguinCastsMatchPandas() throws {
        let frame = try penguins()
        // python3 -c "import pandas as pd; df = pd.read_csv('notebooks/data/penguins.csv');
        //   print(sorted(df.year.astype(str).unique())); print(df.flipper_length_mm.dropna().astype(int).sum(),
        //   df.flipper_length_mm.isna().sum())"  → ['2007', '2008', '2009'], 68713 2
        let year = try frame.casting("year", to: .category).column("year")
        guard case .category(_, let levels) = year.storage else {
            Issue.record("year is not a category")
            return
        }
        #expect(levels == ["2007", "2008", "2009"])
        let flipper = try frame.casting("flipper_length_mm", to: .integer).column("flipper_length_mm")
        #expect(flipper.missingCount == 2)
        guard case .integer(let values) = flipper.storage else {
            Issue.record("flipper_length_mm is not integer")
            return
        }
        #expect(values.reduce(0, +) == 68713)
    }
}
