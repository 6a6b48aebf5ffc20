import MLData
import Testing

@Suite struct OutlierTests {
    /// x = [1, 2, 3, 4, 100, missing], y constant, s a category.
    private func frame() throws -> DataFrame {
        try DataFrame(columns: [
            Column(name: "x", numbers: [1, 2, 3, 4, 100, nil]),
            Column(name: "y", storage: .integer(Array(repeating: 10, count: 6))),
            Column(name: "s", categories: ["a", "b", "a", "b", "a", "b"]),
        ])
    }

    @Test func tukeyFencesUseInterpolatedQuartiles() throws {
        // Hand-worked: present x = 1, 2, 3, 4, 100; Q1 at position 0.25·4 = 1 → 2, Q3 at 3 → 4, IQR 2,
        // fences 2 − 3 = −1 and 4 + 3 = 7: only 100 (row 4). y is constant: fences 10, 10, nothing outside.
        let report = try frame().outliers(method: .iqr())
        #expect(report.method == .iqr(k: 1.5))
        #expect(
            report.columns == [
                .init(name: "x", lower: -1, upper: 7, rows: [4]), .init(name: "y", lower: 10, upper: 10, rows: []),
            ])
        #expect(report.columns.map(\.count) == [1, 0])
        #expect(report.rows == [4])
        // k = 0: fences at the quartiles themselves, 2 and 4: 1 and 100 are outside.
        #expect(try frame().outliers(method: .iqr(k: 0), columns: ["x"]).rows == [0, 4])
    }

    @Test func zScoresUseThePopulationDeviation() throws {
        // Hand-worked: mean 22; squared deviations 441 + 400 + 361 + 324 + 6084 = 7610; ddof = 0: std = √1522
        // ≈ 39.0128; z(100) = 78 / 39.0128 ≈ 1.9993, |z(1)| ≈ 0.538. scipy.stats.zscore([1,2,3,4,100]) agrees.
        let report = try frame().outliers(method: .zscore(threshold: 1.5))
        let x = try #require(report.columns.first)
        #expect(x.rows == [4])
        #expect(isClose(x.lower, 22 - 1.5 * 1522.0.squareRoot()))
        #expect(isClose(x.upper, 22 + 1.5 * 1522.0.squareRoot()))
        #expect(report.columns[1].rows.isEmpty)  // std 0: no z-score, no outlier
        #expect(try frame().outliers(method: .zscore()).rows.isEmpty)  // 1.9993 < 3
        #expect(try frame().outliers(method: .zscore(threshold: 1.999)).rows == [4])
        #expect(try frame().outliers(method: .zscore(threshold: 2)).rows.isEmpty)
    }

    @Test func reportsAsATable() throws {
        let table = try frame().outliers(method: .iqr()).table()
        #expect(table.columnNames == ["column", "lower", "upper", "outliers"])
        #expect(try table.column("column").cells == [.string("x"), .string("y")])
        #expect(try table.column("lower").cells == [.number(-1), .number(10)])
        #expect(try table.column("outliers").cells == [.integer(1), .integer(0)])
    }

    @Test func rejectsBadArgumentsAndNonNumericColumns() throws {
        let frame = try frame()
        expectDataError(.invalidArgument, "the IQR factor k must be a number ≥ 0, not -1.0") {
            try frame.outliers(method: .iqr(k: -1))
        }
        expectDataError(.invalidArgument, "the z-score threshold must be a number > 0, not 0.0") {
            try frame.outliers(method: .zscore(threshold: 0))
        }
        expectDataError(.typeMismatch, "column 's' is category; outliers are found in number columns") {
            try frame.outliers(method: .iqr(), columns: ["s"])
        }
        expectDataError(.unknownColumn, "unknown column 'xx'; did you mean 'x'?") {
            try frame.outliers(method: .iqr(), columns: ["xx"])
        }
        let labels = try DataFrame(columns: [Column(name: "s", categories: ["a"])])
        expectDataError(.typeMismatch, "the frame has no number columns to look for outliers in") {
            try labels.outliers(method: .iqr())
        }
    }

    // python3 -c "import pandas as pd, numpy as np; df = pd.read_csv('notebooks/data/penguins.csv')
    // for c in ['bill_length_mm','bill_depth_mm','flipper_length_mm','body_mass_g','year']:
    //     q1, q3 = np.quantile(df[c].dropna(), [0.25, 0.75]); i = q3 - q1
    //     print(c, q1 - k*i, q3 + k*i, ((df[c] < q1 - k*i) | (df[c] > q3 + k*i)).sum())"
    // for k = 1.5, 1.0, 0.5; the union of the flagged rows printed with np.nonzero(mask).
    @Test(arguments: [
        (1.5, [0, 0, 0, 0, 0], 0), (1.0, [2, 0, 0, 4, 0], 5), (0.5, [16, 38, 26, 47, 0], 102),
    ])
    func penguinIQRCountsMatchNumpy(k: Double, counts: [Int], flagged: Int) throws {
        let report = try penguins().outliers(method: .iqr(k: k))
        #expect(
            report.columns.map(\.name) == [
                "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year",
            ])
        #expect(report.columns.map(\.count) == counts)
        #expect(report.rows.count == flagged)
    }

    @Test func penguinBoundsAndRowsMatchNumpy() throws {
        let report = try penguins().outliers(method: .iqr(k: 1.0))
        // Printed by the command above for k = 1.0.
        #expect(report.rows == [169, 185, 229, 269, 293])
        #expect(report.columns[0].rows == [185, 293])
        let fences = try penguins().outliers(method: .iqr()).columns
        // k = 1.5: bill_length_mm 25.312500000000004 62.412499999999994; body_mass_g 1750.0 6550.0.
        #expect(isClose(fences[0].lower, 25.312500000000004, relative: 1e-15))
        #expect(isClose(fences[0].upper, 62.412499999999994, relative: 1e-15))
        #expect(fences[3].lower == 1750 && fences[3].upper == 6550)
    }

    // python3 -c "import pandas as pd, numpy as np; from scipy import stats
    // df = pd.read_csv('notebooks/data/penguins.csv')
    // for c in ['bill_length_mm','bill_depth_mm','flipper_length_mm','body_mass_g','year']:
    //     print(c, (np.abs(stats.zscore(df[c], nan_policy='omit')) > t).sum())"  for t = 3, 2.5, 2
    @Test(arguments: [(3.0, [0, 0, 0, 0, 0]), (2.5, [2, 0, 0, 1, 0]), (2.0, [6, 8, 11, 9, 0])])
    func penguinZScoreCountsMatchScipy(threshold: Double, counts: [Int]) throws {
        let report = try penguins().outliers(method: .zscore(threshold: threshold))
        #expect(report.columns.map(\.count) == counts)
    }
}
