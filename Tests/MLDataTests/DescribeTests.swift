import MLData
import Testing

@Suite struct DescribeTests {
    private func statistic(_ summary: DataFrame, _ name: String, row: Int) throws -> Double {
        try #require(summary.column(name).value(at: row).double)
    }

    @Test func breastCancerMatchesPandas() throws {
        let frame = try CSVReader.read(path: notebookDataPath("breast_cancer.csv"), displayName: "breast_cancer.csv")
        let summary = frame.describe()
        #expect(
            summary.columnNames == ["column", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max"])
        #expect(summary.rowCount == 30)
        let names = try summary.column("column")
        // Expected values printed by
        //   python3 -c "import pandas as pd; pd.set_option('display.precision', 17);
        //     print(pd.read_csv('notebooks/data/breast_cancer.csv')[['mean area','worst concavity',
        //     'smoothness error']].describe().T.to_string())"
        let expected: [(String, [Double])] = [
            ("mean area", [654.88910369068548789, 351.91412918165298152, 143.5, 420.3, 551.1, 782.7, 2501.0]),
            ("worst concavity", [0.27218848330404216, 0.20862428060813229, 0.0, 0.1145, 0.2267, 0.3829, 1.252]),
            (
                "smoothness error",
                [0.00704097891036907, 0.00300251794383907, 0.001713, 0.005169, 0.00638, 0.008146, 0.03113]
            ),
        ]
        for (name, values) in expected {
            let row = try #require((0..<summary.rowCount).first { names.string(at: $0) == name })
            #expect(try summary.column("count").value(at: row) == .integer(569))
            #expect(try summary.column("missing").value(at: row) == .integer(0))
            for (statistic, value) in zip(["mean", "std", "min", "25%", "50%", "75%", "max"], values) {
                let got = try self.statistic(summary, statistic, row: row)
                #expect(isClose(got, value, relative: 1e-14), "\(name) \(statistic): \(got) vs \(value)")
            }
        }
    }

    @Test func missingValuesAreCountedAndSkipped() throws {
        // python3 -c "import pandas as pd; print(pd.Series([1,2,None,4,10]).describe())"
        // count 4, mean 4.25, std 4.03112887414927457, min 1, 25% 1.75, 50% 3, 75% 5.5, max 10
        let frame = try readCSV("x,label\n1,a\n2,b\nNA,c\n4,d\n10,e\n")
        let summary = frame.describe()
        #expect(summary.rowCount == 1)
        #expect(try summary.column("column").value(at: 0) == .string("x"))
        #expect(try summary.column("count").value(at: 0) == .integer(4))
        #expect(try summary.column("missing").value(at: 0) == .integer(1))
        let expected = [4.25, 4.03112887414927457, 1, 1.75, 3, 5.5, 10]
        for (name, value) in zip(["mean", "std", "min", "25%", "50%", "75%", "max"], expected) {
            #expect(isClose(try statistic(summary, name, row: 0), value, relative: 1e-15), "\(name)")
        }
    }

    @Test func oneValueHasNoStandardDeviation() throws {
        // pandas: pd.Series([3.5]).describe()['std'] → NaN (ddof=1 needs two values).
        let summary = try readCSV("x\n3.5\n").describe()
        #expect(try summary.column("std").value(at: 0) == .missing)
        #expect(try summary.column("50%").value(at: 0) == .number(3.5))
    }

    @Test func columnWithoutValuesHasMissingStatistics() throws {
        let summary = try readCSV("x,y\n1,\n2,\n").describe()
        #expect(summary.rowCount == 2)
        #expect(try summary.column("count").value(at: 1) == .integer(0))
        #expect(try summary.column("missing").value(at: 1) == .integer(2))
        #expect(try summary.column("mean").value(at: 1) == .missing)
    }

    @Test func frameWithoutNumbersDescribesToNoRows() throws {
        let summary = try readCSV("a,b\nx,true\ny,false\n").describe()
        #expect(summary.rowCount == 0)
        #expect(summary.columnCount == 10)
    }

    @Test(arguments: [(2, 2), (10, 3), (0, 0), (-1, 0)])
    func headTakesTheFirstRows(n: Int, expected: Int) throws {
        let frame = try readCSV("a,y\n1,x\n2,y\n3,x\n").withTarget("y")
        let head = frame.head(n)
        #expect(head.rowCount == expected)
        #expect(head.target == "y")
        #expect(try head.column("a").cells == Array([CellValue.integer(1), .integer(2), .integer(3)].prefix(expected)))
    }
}
