import Foundation
import MLData
import Testing

/// The path of a dataset: the project's copy in `notebooks/data`, else the shared one, else `nil`.
private func datasetPath(_ name: String) -> String? {
    let candidates = [notebookDataPath(name), "/work/shared/datasets/\(name)"]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}

@Suite struct ProfileTests {
    private func column(_ profile: FrameProfile, _ name: String) throws -> ColumnProfile {
        try #require(profile.columns.first { $0.name == name })
    }

    // Expected values printed by (pandas 3.1.1, numpy 2.4.6):
    //   python3 -c "import pandas as pd, numpy as np; df = pd.read_csv('notebooks/data/penguins.csv')
    //     print(df.shape, df.duplicated().sum()); print(df.isna().sum()); print(df.nunique())
    //     for c in ['species', 'island', 'sex']: print(df[c].value_counts())
    //     print(df.describe().T.to_string())
    //     for c in ['bill_length_mm', 'body_mass_g']: print(np.histogram(df[c].dropna(), bins=20)[0])
    //     x = df['year'].to_numpy(); print(np.bincount(x - x.min()))"
    @Test func penguinsMatchPandas() throws {
        let frame = try CSVReader.read(path: notebookDataPath("penguins.csv"), displayName: "penguins.csv")
            .withTarget("species")
        let profile = frame.profile()
        #expect(profile.rowCount == 344)
        #expect(profile.columnCount == 8)
        #expect(profile.duplicateRows == 0)
        #expect(profile.target == "species")
        #expect(
            profile.targetBalance == [
                ValueCount(value: "Adelie", count: 152), ValueCount(value: "Gentoo", count: 124),
                ValueCount(value: "Chinstrap", count: 68),
            ])
        // 68 · 5 = 340 ≥ 152: not imbalanced; no duplicates, no missing target.
        #expect(profile.warnings.isEmpty)

        let missing = [0, 0, 2, 2, 2, 2, 11, 0]
        let distinct = [3, 3, 164, 80, 55, 94, 2, 3]
        for (index, column) in profile.columns.enumerated() {
            #expect(column.missing == missing[index], "\(column.name)")
            #expect(column.distinct == distinct[index], "\(column.name)")
            #expect(column.missingShare == Double(missing[index]) / 344, "\(column.name)")
        }
        #expect(
            profile.columns.map(\.type) == [
                .category, .category, .number, .number, .number, .number, .category, .integer,
            ])

        let island = try column(profile, "island")
        #expect(
            island.topValues == [
                ValueCount(value: "Biscoe", count: 168), ValueCount(value: "Dream", count: 124),
                ValueCount(value: "Torgersen", count: 52),
            ])
        #expect(island.histogram == [168, 124, 52])
        #expect(island.numeric == nil)
        let sex = try column(profile, "sex")
        #expect(sex.topValues == [ValueCount(value: "male", count: 168), ValueCount(value: "female", count: 165)])
        #expect(sex.flags.isEmpty)  // 11 / 344 = 3.2% missing, below the 20% threshold

        let bill = try column(profile, "bill_length_mm")
        let summary = try #require(bill.numeric)
        #expect(summary.count == 342)
        let expected = [43.92192982456140271, 5.45958371392653152, 32.1, 39.225, 44.45, 48.5, 59.6]
        let got = [
            summary.mean, try #require(summary.std), summary.min, summary.q25, summary.median, summary.q75, summary.max,
        ]
        for (value, reference) in zip(got, expected) { #expect(isClose(value, reference, relative: 1e-14)) }
        #expect(bill.topValues.isEmpty)
        #expect(bill.histogram == [2, 7, 20, 20, 30, 27, 29, 19, 17, 32, 34, 21, 27, 34, 13, 3, 3, 2, 1, 1])
        #expect(
            try column(profile, "body_mass_g").histogram
                == [3, 12, 13, 30, 32, 39, 35, 18, 25, 17, 19, 22, 16, 12, 10, 17, 11, 5, 5, 1])
        // An integer column spanning fewer than 20 values gets one bin per value (np.bincount).
        let year = try column(profile, "year")
        #expect(year.histogram == [110, 114, 120])
        #expect(year.numeric?.median == 2008)
        #expect(year.flags.isEmpty)
    }

    // Expected values printed by (pandas 3.1.1):
    //   python3 -c "import pandas as pd, numpy as np; df = pd.read_csv('cars.csv')
    //     print(df.duplicated().sum()); print(df.isna().sum()); print(df.nunique())
    //     print(sorted((-c, n.encode()) for n, c in df['Name'].value_counts().items())[:5])
    //     print(df['Origin'].value_counts()); x = df['Cylinders'].to_numpy(); print(np.bincount(x - x.min()))
    //     print(np.histogram(df['Horsepower'].dropna(), bins=20)[0])"
    @Test(.enabled(if: datasetPath("cars.csv") != nil, "cars.csv is in neither notebooks/data nor the shared datasets"))
    func carsMatchPandas() throws {
        let path = try #require(datasetPath("cars.csv"))
        let frame = try CSVReader.read(path: path, displayName: "cars.csv").withTarget("Miles_per_Gallon")
        let profile = frame.profile()
        #expect(profile.rowCount == 406)
        #expect(profile.duplicateRows == 0)
        #expect(profile.columns.map(\.missing) == [0, 0, 0, 6, 0, 0, 0, 0, 8])
        #expect(profile.columns.map(\.distinct) == [311, 5, 83, 93, 356, 96, 12, 3, 129])
        // A number target has no classes; its 8 missing values are reported (8 / 406 = 2.0%).
        #expect(profile.targetBalance == nil)
        #expect(profile.warnings == ["target 'Miles_per_Gallon' has 8 missing values (2.0%)"])

        let name = try column(profile, "Name")
        #expect(name.type == .text)
        // pandas lists ties in order of appearance; the profile in byte order ("amc matador" < "ford maverick").
        #expect(
            name.topValues == [
                ValueCount(value: "ford pinto", count: 6), ValueCount(value: "amc matador", count: 5),
                ValueCount(value: "ford maverick", count: 5), ValueCount(value: "toyota corolla", count: 5),
                ValueCount(value: "amc gremlin", count: 4),
            ])
        // The other 406 − 25 = 381 present names make the last bar.
        #expect(name.histogram == [6, 5, 5, 5, 4, 381])
        // 311 distinct names in 406 rows: more than 50 and more than half the rows.
        #expect(name.flags == [.highCardinality])

        let origin = try column(profile, "Origin")
        #expect(origin.topValues.map(\.count) == [254, 79, 73])
        #expect(try column(profile, "Cylinders").histogram == [4, 207, 3, 84, 0, 108])
        #expect(
            try column(profile, "Horsepower").histogram
                == [14, 14, 55, 40, 67, 53, 35, 11, 8, 11, 19, 30, 8, 6, 12, 4, 3, 2, 4, 4])
    }

    @Test func numericSummaryIsDescribeExactly() throws {
        let frame = try CSVReader.read(path: notebookDataPath("breast_cancer.csv"), displayName: "breast_cancer.csv")
        let profile = frame.profile()
        let described = frame.describe()
        let names = try described.column("column")
        for row in 0..<described.rowCount {
            let name = try #require(names.string(at: row))
            let summary = try #require(try column(profile, name).numeric)
            let values = try ["mean", "std", "min", "25%", "50%", "75%", "max"].map {
                try #require(described.column($0).value(at: row).double)
            }
            let mine = [
                summary.mean, try #require(summary.std), summary.min, summary.q25, summary.median, summary.q75,
                summary.max,
            ]
            #expect(mine == values, "\(name)")
        }
    }

    @Test func duplicateRowsCountMissingAsEqualAndZeroSignsAsOne() throws {
        // pandas: pd.read_csv(io.StringIO(text)).duplicated() → [F, T, F, T, T, F, T], sum 4;
        // nunique() → a 3, b 3, c 2 (-0.0 and 0 are one value; NaN is not counted).
        let text = "a,b,c\n1,x,\n1,x,\n2,y,3\n1,x,NA\n2,y,3.0\n-0.0,z,1\n0,z,1\n"
        let profile = try readCSV(text).profile()
        #expect(profile.duplicateRows == 4)
        #expect(profile.columns.map(\.distinct) == [3, 3, 2])
        // 4 of 7 rows: 57.1%.
        #expect(profile.warnings == ["4 duplicate rows (57.1%)"])
    }

    @Test func duplicatesAndDistinctValuesAreCountedExactlyInLargeFrames() throws {
        // 10 000 rows whose (a, b, c) repeat every 3 000 rows: 7 000 duplicates. Column `a` is
        // (i · 7919) mod 5003 over i mod 3000, so 3 000 distinct values (7919 is invertible mod 5003 and
        // 3000 < 5003); column `k` is i mod 5003 over all rows: 5 003 distinct values, but rows differ there.
        let n = 10_000
        let a = (0..<n).map { Double(($0 % 3000) * 7919 % 5003) / 4 }
        let b = (0..<n).map { ($0 % 3000) % 7 == 0 ? nil : "label\(($0 % 3000) % 40)" }
        let c = (0..<n).map { Int64(($0 % 3000) / 2) }
        let frame = try DataFrame(columns: [
            Column(name: "a", storage: .number(a)), Column(name: "b", categories: b),
            Column(name: "c", storage: .integer(c)),
        ])
        let profile = frame.profile()
        #expect(profile.duplicateRows == 7000)
        #expect(profile.columns.map(\.distinct) == [3000, 40, 1500])
        let withKey = try frame.adding(Column(name: "k", storage: .integer((0..<n).map { Int64($0 % 5003) })))
        let keyed = withKey.profile()
        // Two rows are equal only when their indices agree mod 3000 and mod 5003, i.e. mod 15 009 000.
        #expect(keyed.duplicateRows == 0)
        #expect(keyed.columns[3].distinct == 5003)
    }

    @Test func topValuesBreakTiesInValueOrderAndCountTheRest() throws {
        // Counts: d 3, b 2, a 2, c 2, e 1, f 1, g 1; the two values after the top five make the last bar.
        let labels = ["d", "b", "a", "c", "d", "e", "b", "a", "c", "d", "f", "g"]
        // Levels in order of first appearance (d, b, a, c, …): ties follow the levels, as pandas' value_counts
        // does for a categorical.
        let byAppearance = try DataFrame(columns: [Column(name: "x", categories: labels)]).profile().columns[0]
        #expect(byAppearance.topValues.map(\.value) == ["d", "b", "a", "c", "e"])
        #expect(byAppearance.histogram == [3, 2, 2, 2, 1, 2])
        #expect(byAppearance.distinct == 7)
        // The CSV reader sorts levels by their bytes; text ties go by bytes too.
        let read = try readCSV("x\n" + labels.joined(separator: "\n") + "\n").profile().columns[0]
        #expect(read.type == .category)
        #expect(read.topValues.map(\.value) == ["d", "a", "b", "c", "e"])
        let text = try DataFrame(columns: [Column(name: "x", storage: .text(labels))]).profile().columns[0]
        #expect(text.topValues.map(\.value) == ["d", "a", "b", "c", "e"])
    }

    @Test func booleansAndDatesListTheirValues() throws {
        let frame = try readCSV("ok,day\ntrue,2024-01-02\nfalse,2024-01-01\ntrue,\n,2024-01-02\n")
        let profile = frame.profile()
        #expect(profile.columns[0].type == .boolean)
        #expect(
            profile.columns[0].topValues == [ValueCount(value: "true", count: 2), ValueCount(value: "false", count: 1)])
        #expect(profile.columns[1].type == .date)
        #expect(
            profile.columns[1].topValues
                == [ValueCount(value: "2024-01-02", count: 2), ValueCount(value: "2024-01-01", count: 1)])
        #expect(profile.columns[1].histogram == [2, 1])
        // 1 of 4 missing is 25% ≥ 20%.
        #expect(profile.columns.allSatisfy { $0.flags == [.highMissing] })
    }

    @Test(arguments: [(1, 5, true), (1, 6, false), (0, 5, false)])
    func highMissingStartsAtAFifth(missing: Int, rows: Int, flagged: Bool) throws {
        let values: [Double?] = (0..<rows).map { $0 < missing ? nil : Double($0 % 2) }
        let frame = try DataFrame(columns: [Column(name: "x", numbers: values)])
        #expect(frame.profile().columns[0].flags.contains(.highMissing) == flagged)
    }

    @Test func constantColumnsAreFlagged() throws {
        let frame = try readCSV("a,b\n7,x\n7,x\n,x\n")
        let profile = frame.profile()
        #expect(profile.columns[0].flags == [.constant, .highMissing])
        #expect(profile.columns[1].flags == [.constant])
        #expect(profile.columns[0].histogram == [2])
        #expect(profile.columns[0].numeric?.std == 0)
    }

    @Test(arguments: [
        // (name, values, idLike): consecutive integers in any order are ids, whatever the name.
        ("n", [3, 1, 2, 5, 4], true),
        ("value", [10, 20, 30, 40, 50], false),
        ("PassengerId", [10, 20, 30, 40, 50], true),
        ("customer_id", [10, 20, 30, 40, 50], true),
        ("n", [1, 2, 2, 3, 4], false),
        ("paid", [10, 20, 30, 40, 50], false),
    ])
    func integerIdentifiersAreRecognised(name: String, values: [Int64], idLike: Bool) throws {
        let frame = try DataFrame(columns: [Column(name: name, storage: .integer(values))])
        #expect(frame.profile().columns[0].flags.contains(.idLike) == idLike)
    }

    @Test func textIdentifiersNeedAnIdentifierName() throws {
        let codes = (0..<100).map { "c\($0 * 37 % 101)" }
        let named = try DataFrame(columns: [Column(name: "uuid", storage: .text(codes))]).profile().columns[0]
        #expect(named.flags == [.idLike])
        let unnamed = try DataFrame(columns: [Column(name: "code", storage: .text(codes))]).profile().columns[0]
        // 100 distinct of 100 rows: high cardinality, not an id without the name.
        #expect(unnamed.flags == [.highCardinality])
    }

    @Test(arguments: [(60, 100, true), (60, 150, false), (40, 50, false)])
    func highCardinalityNeedsManyLabels(distinct: Int, rows: Int, flagged: Bool) throws {
        let labels = (0..<rows).map { "v\($0 % distinct)" }
        let frame = try DataFrame(columns: [Column(name: "x", storage: .text(labels))])
        #expect(frame.profile().columns[0].flags.contains(.highCardinality) == flagged)
    }

    @Test func imbalancedAndSingleClassTargetsAreReported() throws {
        let labels = Array(repeating: "no", count: 21) + Array(repeating: "yes", count: 4)
        let frame = try DataFrame(
            columns: [
                Column(name: "x", storage: .integer((0..<25).map { Int64($0 % 3) })),
                Column(name: "y", categories: labels),
            ], target: "y")
        let profile = frame.profile()
        #expect(profile.targetBalance == [ValueCount(value: "no", count: 21), ValueCount(value: "yes", count: 4)])
        // 4 · 5 = 20 < 21; shares 4/25 = 16.0% and 21/25 = 84.0%. The repeated (x, y) pairs are duplicates:
        // 25 rows, 3 · 2 = 6 at most distinct, here (0|1|2, no) and (0|1|2, yes) all occur → 19 duplicates.
        #expect(
            profile.warnings == [
                "19 duplicate rows (76.0%)",
                "target 'y' is imbalanced: the smallest class 'yes' has 4 rows (16.0%), the largest 'no' 21 (84.0%)",
            ])
        let single = try DataFrame(columns: [Column(name: "y", categories: ["a", "a", nil])], target: "y")
        #expect(
            single.profile().warnings == [
                "1 duplicate row (33.3%)", "target 'y' has 1 missing value (33.3%)",
                "target 'y' has a single class, 'a'",
            ])
    }

    @Test func integerTargetsWithFewValuesHaveClasses() throws {
        let few = try DataFrame(columns: [Column(name: "y", storage: .integer([1, 0, 1, 1]))], target: "y")
        #expect(few.profile().targetBalance == [ValueCount(value: "1", count: 3), ValueCount(value: "0", count: 1)])
        let many = try DataFrame(
            columns: [Column(name: "y", storage: .integer((0..<30).map { Int64($0) }))], target: "y")
        #expect(many.profile().targetBalance == nil)
    }

    @Test func emptyFramesProfileWithoutValues() throws {
        let frame = try DataFrame(columns: [
            Column(name: "x", storage: .number([])), Column(name: "t", storage: .text([])),
        ])
        let profile = frame.profile()
        #expect(profile.rowCount == 0)
        #expect(profile.duplicateRows == 0)
        #expect(profile.columns.allSatisfy { $0.numeric == nil && $0.histogram.isEmpty && $0.flags.isEmpty })
        #expect(profile.columns.allSatisfy { $0.missingShare == 0 })
    }

    @Test func infiniteValuesStayOutOfTheHistogram() throws {
        // numpy: np.histogram([0, 1, 2, 3], bins=20) puts 1, 1, 1, 1 in bins 0, 6 (1 ≥ 0.9), 13, 19.
        let frame = try DataFrame(columns: [Column(name: "x", storage: .number([0, 1, .infinity, 2, 3]))])
        let column = try #require(frame.profile().columns.first)
        #expect(column.histogram.reduce(0, +) == 4)
        #expect(column.histogram[0] == 1 && column.histogram[19] == 1)
        #expect(column.numeric?.max == .infinity)
    }

    @Test func profilesAreDeterministic() throws {
        let frame = try CSVReader.read(path: notebookDataPath("penguins.csv"), displayName: "penguins.csv")
        #expect(frame.profile() == frame.profile())
    }
}

@Suite struct DescribeSelectionTests {
    /// numpy's `quantile(method="linear")` on fully sorted values: the reference the selection must match.
    private func naiveQuantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let t = position - Double(lower)
        let (a, b) = (sorted[lower], sorted[upper])
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 24, 25, 26, 100, 101, 1000, 4097])
    func quartilesBySelectionEqualQuartilesBySorting(count: Int) throws {
        var generator = SeededGenerator(seed: UInt64(count))
        // Few distinct values, so ties and long runs of equal values are common.
        let values = (0..<count).map { _ in Double(Int.random(in: -20...20, using: &generator)) / 4 }
        let summary = try DataFrame(columns: [Column(name: "x", storage: .number(values))]).describe()
        for (name, q) in [("min", 0.0), ("25%", 0.25), ("50%", 0.5), ("75%", 0.75), ("max", 1.0)] {
            #expect(try summary.column(name).value(at: 0).double == naiveQuantile(values, q), "\(name) of \(count)")
        }
    }

    @Test(arguments: [2, 3, 1000])
    func columnsWithFewValuesSelectCorrectly(distinct: Int) throws {
        // 20 000 values among `distinct` levels: the partition meets long runs of values equal to the pivot.
        let values = (0..<20_000).map { Double(($0 * 7919) % 10_007 % distinct) }
        let summary = try DataFrame(columns: [Column(name: "x", storage: .number(values))]).describe()
        for (name, q) in [("25%", 0.25), ("50%", 0.5), ("75%", 0.75)] {
            #expect(try summary.column(name).value(at: 0).double == naiveQuantile(values, q), "\(name)")
        }
    }

    @Test func sortedAndReversedInputsSelectCorrectly() throws {
        for values in [(0..<5000).map(Double.init), (0..<5000).reversed().map(Double.init)] {
            let summary = try DataFrame(columns: [Column(name: "x", storage: .number(values))]).describe()
            // numpy.quantile(np.arange(5000), [.25, .5, .75]) → 1249.75, 2499.5, 3749.25
            #expect(try summary.column("25%").value(at: 0) == .number(1249.75))
            #expect(try summary.column("50%").value(at: 0) == .number(2499.5))
            #expect(try summary.column("75%").value(at: 0) == .number(3749.25))
        }
    }
}
