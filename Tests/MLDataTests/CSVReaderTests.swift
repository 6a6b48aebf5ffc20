import Foundation
import MLData
import Testing

@Suite struct CSVReaderFormatTests {
    @Test func quotedFieldsUnescapeDoubledQuotes() throws {
        let frame = try readCSV("quote,n\n\"say \"\"hi\"\"\",1\n\"\"\"\",2\n")
        #expect(try frame.column("quote").cells == [.string("say \"hi\""), .string("\"")])
    }

    @Test func separatorsAndLineBreaksInsideQuotesAreData() throws {
        let frame = try readCSV("a,b\n\"x,y\",1\n\"line 1\nline 2\",2\n\"crlf\r\nkept\",3\n")
        #expect(frame.rowCount == 3)
        #expect(try frame.column("a").cells == [.string("x,y"), .string("line 1\nline 2"), .string("crlf\r\nkept")])
        #expect(try frame.column("b").cells == [.integer(1), .integer(2), .integer(3)])
    }

    @Test(arguments: ["a,b\r\n1,x\r\n2,y\r\n", "a,b\n1,x\n2,y\n", "a,b\r1,x\r2,y\r", "a,b\n1,x\n2,y"])
    func lineEndingsAndTrailingNewlineDoNotChangeTheFrame(text: String) throws {
        let frame = try readCSV(text)
        #expect(frame.columnNames == ["a", "b"])
        #expect(try frame.column("a").cells == [.integer(1), .integer(2)])
        #expect(try frame.column("b").cells == [.string("x"), .string("y")])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let frame = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("id,v\n1,2\n".utf8), file: "t.csv")
        #expect(frame.columnNames == ["id", "v"])
    }

    @Test func columnNamesKeepInnerSpacesAndLoseOuterOnes() throws {
        let frame = try readCSV(" mean radius ,\" worst area \",\ttarget\n1,2,3\n")
        #expect(frame.columnNames == ["mean radius", "worst area", "target"])
    }

    @Test func emptyHeaderNamesAreNumbered() throws {
        let frame = try readCSV(",b,\n1,2,3\n")
        #expect(frame.columnNames == ["column_1", "b", "column_3"])
    }

    @Test func blankLinesAreSkippedAnywhere() throws {
        let frame = try readCSV("\n  \na,b\n1,2\n\n3,4\n   \n\r\n\n")
        #expect(frame.rowCount == 2)
        #expect(try frame.column("b").cells == [.integer(2), .integer(4)])
    }

    @Test func unquotedValuesAreTrimmedAndQuotedOnesAreNot() throws {
        let frame = try readCSV("n,label,quoted\n 1 , x ,\" y \"\n2\t,x,  \"z\"  \n")
        #expect(try frame.column("n").cells == [.integer(1), .integer(2)])
        #expect(try frame.column("label").cells == [.string("x"), .string("x")])
        #expect(try frame.column("quoted").cells == [.string(" y "), .string("z")])
    }

    @Test func textAfterAClosingQuoteIsKeptAsPandasDoes() throws {
        // pandas.read_csv(io.StringIO('a\n"ab"cd\n'))['a'][0] == 'abcd'
        let frame = try readCSV("a,b\n\"ab\"cd,1\n")
        #expect(try frame.column("a").cells == [.string("abcd")])
    }

    @Test func quotesInsideAnUnquotedFieldAreLiteral() throws {
        let frame = try readCSV("height,n\n5'11\",1\n")
        #expect(try frame.column("height").cells == [.string("5'11\"")])
    }

    @Test(arguments: [
        ("a;b;c\n1;2,5;3\n", 3),
        ("a\tb\n1\t2\n", 2),
        ("a,b\n1,2\n", 2),
        ("\"x;y\",b\n1,2\n", 2),  // the semicolon is inside quotes
        ("single\n1\n", 1),
    ])
    func separatorIsDetectedFromTheHeader(text: String, columns: Int) throws {
        #expect(try readCSV(text).columnCount == columns)
    }

    @Test func explicitSeparatorWins() throws {
        let frame = try readCSV("a,b|c\n1,5|2\n", CSVOptions(separator: UInt8(ascii: "|")))
        #expect(frame.columnNames == ["a,b", "c"])
        #expect(try frame.column("a,b").cells == [.string("1,5")])
    }

    @Test func withoutHeaderColumnsAreNumbered() throws {
        let frame = try readCSV("1,x\n2,y\n", CSVOptions(header: false))
        #expect(frame.columnNames == ["column_1", "column_2"])
        #expect(try frame.column("column_1").cells == [.integer(1), .integer(2)])
    }

    @Test func trailingSeparatorMakesAnEmptyLastField() throws {
        let frame = try readCSV("a,b,\n1,2,\n3,4,\n")
        #expect(frame.columnCount == 3)
        #expect(try frame.column("column_3").missingCount == 2)
    }

    @Test func largeInputCrossesTokenizerBlocks() throws {
        // 40 000 rows × 2 columns is more than one 16 384-field block.
        var text = "i,parity\n"
        for i in 0..<40_000 { text += "\(i),\(i % 2 == 0 ? "even" : "odd")\n" }
        let frame = try readCSV(text)
        #expect(frame.rowCount == 40_000)
        #expect(try frame.column("i").value(at: 39_999) == .integer(39_999))
        let parity = try frame.column("parity")
        #expect(parity.type == .category)
        #expect(parity.value(at: 32_767) == .string("odd"))
    }
}

@Suite struct CSVReaderInferenceTests {
    @Test func booleansIgnoreLetterCase() throws {
        let column = try readCSV("b\nTrue\nfalse\nTRUE\n\n").column("b")
        #expect(column.type == .boolean)
        #expect(column.cells == [.boolean(true), .boolean(false), .boolean(true)])
    }

    @Test func yesAndNoAreLabelsUnlessTypedBoolean() throws {
        let text = "survived\nyes\nno\nyes\n"
        #expect(try readCSV(text).column("survived").type == .category)
        let typed = try readCSV(text, CSVOptions(types: ["survived": .boolean])).column("survived")
        #expect(typed.cells == [.boolean(true), .boolean(false), .boolean(true)])
    }

    @Test func integersAllowSignsAndLeadingZeros() throws {
        let column = try readCSV("n\n1\n-2\n+3\n007\n9223372036854775807\n-9223372036854775808\n").column("n")
        #expect(column.type == .integer)
        #expect(column.cells == [.integer(1), .integer(-2), .integer(3), .integer(7), .integer(.max), .integer(.min)])
    }

    @Test func integerOverflowBecomesNumber() throws {
        let column = try readCSV("n\n1\n9223372036854775808\n").column("n")
        #expect(column.type == .number)
        #expect(column.cells == [.number(1), .number(9_223_372_036_854_775_808)])
    }

    @Test func numbersAcceptExponentsBareDotsAndInfinity() throws {
        let column = try readCSV("x\n1e5\n.5\n-3.\ninf\n-Infinity\n2.5E-3\n").column("x")
        #expect(column.type == .number)
        #expect(
            column.cells == [
                .number(1e5), .number(0.5), .number(-3), .number(.infinity),
                .number(-.infinity), .number(0.0025),
            ])
    }

    @Test func integersFollowedByADecimalBecomeNumbers() throws {
        let column = try readCSV("x\n1\nNA\n2\n2.5\n").column("x")
        #expect(column.type == .number)
        #expect(column.cells == [.number(1), .missing, .number(2), .number(2.5)])
    }

    @Test func datesBecomeDaysSinceEpoch() throws {
        // python3 -c "import datetime as d; print((d.date(2024,1,31)-d.date(1970,1,1)).days)" → 19753;
        // 1969-12-31 → -1; 2000-02-29 → 11016.
        let column = try readCSV("d\n2024-01-31\n1969-12-31\n\n2000-02-29\nNA\n").column("d")
        #expect(column.type == .date)
        #expect(column.cells == [.date(19753), .date(-1), .date(11016), .missing])
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "2024/01/01"])
    func impossibleDatesMakeALabelColumn(bad: String) throws {
        let column = try readCSV("d\n2024-01-01\n\(bad)\n").column("d")
        #expect(column.type == .category)
    }

    @Test func fewDistinctLabelsAreACategory() throws {
        let column = try readCSV("c\nx\ny\nx\n").column("c")
        #expect(column.type == .category)
    }

    @Test(arguments: [(25, 500, ColumnType.category), (26, 500, .text), (20, 20, .category), (21, 21, .text)])
    func categoryThresholdIsTwentyOrFivePercent(distinct: Int, rows: Int, expected: ColumnType) throws {
        // distinct ≤ max(20, 0.05·rows): 25 ≤ 25 yes, 26 ≤ 25 no, 20 ≤ 20 yes, 21 ≤ 20 no.
        let text = "c\n" + (0..<rows).map { "v\($0 % distinct)\n" }.joined()
        #expect(try readCSV(text).column("c").type == expected)
    }

    @Test func categoryLevelsAreSortedByBytesLikeNumpyUnique() throws {
        // np.unique(np.array(['b','a','B','é','a','10','9'], dtype=object)) → ['10' '9' 'B' 'a' 'b' 'é']
        let column = try readCSV("c\nb\na\nB\né\na\n10\n9\nx y\n").column("c")
        guard case .category(let codes, let levels) = column.storage else {
            Issue.record("expected a category column, got \(column.type)")
            return
        }
        #expect(levels == ["10", "9", "B", "a", "b", "x y", "é"])
        #expect(codes == [4, 3, 2, 6, 3, 0, 1, 5])
    }

    @Test func allMissingColumnIsNumber() throws {
        let column = try readCSV("a,b\n1,\n2,NA\n").column("b")
        #expect(column.type == .number)
        #expect(column.missingCount == 2)
    }

    @Test(arguments: ["1,abc", "true,1", "2024-01-01,5", "1.5,x", "abc,1"])
    func mixedValuesMakeALabelColumn(pair: String) throws {
        let values = pair.split(separator: ",").map(String.init)
        let column = try readCSV("c,n\n\(values[0]),1\nNA,2\n\(values[1]),3\n").column("c")
        guard case .category(let codes, let levels) = column.storage else {
            Issue.record("expected a category column, got \(column.type)")
            return
        }
        #expect(levels == values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(codes[1] == -1)
        #expect(column.string(at: 0) == values[0])
        #expect(column.string(at: 2) == values[1])
    }

    @Test func highCardinalityLabelsAreText() throws {
        let text = "name\n" + (0..<30).map { "person \($0)\n" }.joined() + "NA\n"
        let column = try readCSV(text).column("name")
        #expect(column.type == .text)
        #expect(column.value(at: 3) == .string("person 3"))
        #expect(column.value(at: 30) == .missing)
    }
}

@Suite struct CSVReaderMissingValueTests {
    @Test(arguments: CSVOptions.defaultMissingTokens.sorted())
    func everyDefaultTokenIsMissing(token: String) throws {
        // Quoted so that tokens with commas, quotes or spaces survive; quoted tokens are missing as in pandas.
        let quoted = "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let frame = try readCSV("x,y\n1,a\n\(quoted),b\n3,c\n")
        let column = try frame.column("x")
        #expect(column.type == .integer)
        #expect(column.cells == [.integer(1), .missing, .integer(3)])
    }

    @Test func tokensAreCaseSensitiveAndExact() throws {
        // pandas' defaults contain "NA", "NaN" and "nan" but not "na" or "NAN".
        let column = try readCSV("x\nna\nNAN\n").column("x")
        #expect(column.cells == [.string("na"), .string("NAN")])
    }

    @Test func customTokensReplaceTheDefaults() throws {
        let options = CSVOptions(missingTokens: ["-", ""])
        let column = try readCSV("x,y\n1,a\n-,b\nNA,c\n", options).column("x")
        #expect(column.type == .category)
        #expect(column.cells == [.string("1"), .missing, .string("NA")])
    }

    @Test func missingRowsAreMaskedInEveryType() throws {
        let frame = try readCSV("n,i,b,c,d\n1.5,1,true,x,2020-01-01\n,,,,\n?,NA,null,N/A,None\n")
        for column in frame.columns {
            #expect(column.missingCount == 2, "column \(column.name)")
            #expect(column.isMissing(1) && column.isMissing(2) && !column.isMissing(0))
        }
        #expect(frame.columns.map(\.type) == [.number, .integer, .boolean, .category, .date])
    }
}

@Suite struct CSVReaderExplicitTypeTests {
    @Test func explicitCategoryKeepsLeadingZeros() throws {
        let column = try readCSV("zip\n02139\n10001\n02139\n", CSVOptions(types: ["zip": .category])).column("zip")
        guard case .category(_, let levels) = column.storage else {
            Issue.record("expected category")
            return
        }
        #expect(levels == ["02139", "10001"])
    }

    @Test func explicitTypesOverrideInference() throws {
        let options = CSVOptions(types: ["n": .number, "t": .text, "i": .integer, "d": .date])
        let frame = try readCSV("n,t,i,d\n1,a,3.0,2020-01-02\n2,a,-4,NA\n", options)
        #expect(try frame.column("n").cells == [.number(1), .number(2)])
        #expect(try frame.column("t").cells == [.string("a"), .string("a")])
        #expect(try frame.column("t").type == .text)
        #expect(try frame.column("i").cells == [.integer(3), .integer(-4)])
        // 2020-01-02 is day 18263: python3 -c "import datetime as d; print((d.date(2020,1,2)-d.date(1970,1,1)).days)"
        #expect(try frame.column("d").cells == [.date(18263), .missing])
    }

    @Test(arguments: [
        ("i", ColumnType.integer, "1", "2.5"), ("n", .number, "1.5", "abc"), ("b", .boolean, "yes", "maybe"),
        ("d", .date, "2020-02-28", "2020-02-30"),
    ])
    func valueThatDoesNotFitIsAnErrorAtItsRowAndColumn(name: String, type: ColumnType, good: String, bad: String)
        throws
    {
        let text = "x,\(name)\n1,\(good)\n2,\(bad)\n"
        let error = #expect(throws: DataError.self) {
            try readCSV(text, CSVOptions(types: [name: type]))
        }
        #expect(error?.code == .malformedData)
        #expect(error?.file == "t.csv")
        #expect(error?.row == 3)
        #expect(error?.column == 2)
        #expect(error?.message == "'\(bad)' in column '\(name)' is not a valid \(type.rawValue) value")
    }

    @Test func typesNamingAnUnknownColumnSuggestTheNearest() throws {
        let error = #expect(throws: DataError.self) {
            try readCSV("radius,area\n1,2\n", CSVOptions(types: ["raduis": .number]))
        }
        #expect(error?.code == .unknownColumn)
        #expect(error?.message.contains("did you mean 'radius'?") == true)
    }

    @Test func allMissingExplicitColumnKeepsItsType() throws {
        let column = try readCSV("a,b\n1,\n2,\n", CSVOptions(types: ["b": .category])).column("b")
        #expect(column.type == .category)
        #expect(column.missingCount == 2)
    }
}

@Suite struct CSVReaderErrorTests {
    @Test func raggedRowNamesItsLineAndFirstExtraField() throws {
        let text = "a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4,5\n"
        let error = #expect(throws: DataError.self) { try readCSV(text) }
        #expect(error?.code == .malformedData)
        #expect(error?.message == "row 7 has 5 fields, expected 4")
        #expect(error?.row == 7)
        #expect(error?.column == 5)
        #expect(error?.description == "t.csv:7:5: row 7 has 5 fields, expected 4")
    }

    @Test func shortRowNamesTheFirstMissingField() throws {
        let error = #expect(throws: DataError.self) { try readCSV("a,b,c\n1,2,3\n1,2\n") }
        #expect(error?.message == "row 3 has 2 fields, expected 3")
        #expect(error?.row == 3)
        #expect(error?.column == 3)
    }

    @Test func rowNumbersCountLinesInsideQuotedFields() throws {
        // Line 2 opens a quoted field that ends on line 4; the ragged record starts on line 5.
        let error = #expect(throws: DataError.self) { try readCSV("a,b\n\"x\n\ny\",1\n1,2,3\n") }
        #expect(error?.row == 5)
        #expect(error?.message == "row 5 has 3 fields, expected 2")
    }

    @Test func unterminatedQuoteNamesWhereItOpened() throws {
        let error = #expect(throws: DataError.self) { try readCSV("a,b\n1,2\n3, \"abc\n4,5\n6,7\n") }
        #expect(error?.code == .malformedData)
        #expect(error?.row == 3)
        #expect(error?.column == 2)
    }

    @Test func unterminatedQuoteInTheHeaderIsReported() throws {
        let error = #expect(throws: DataError.self) { try readCSV("\"a,b\n1,2\n") }
        #expect(error?.row == 1)
        #expect(error?.column == 1)
    }

    @Test func nulByteMeansBinary() throws {
        let bytes: [UInt8] = Array("a,b\n1,".utf8) + [0x00, 0x01]
        let error = #expect(throws: DataError.self) { try CSVReader.read(bytes: bytes, file: "x.bin") }
        #expect(error?.code == .unreadableFile)
        #expect(error?.file == "x.bin")
        #expect(error?.message == "the file is not a text CSV file (binary data at byte 7)")
    }

    @Test func invalidUTF8MeansBinary() throws {
        // "café" in Latin-1: é is the single byte 0xE9, not valid UTF-8; it is the 9th byte.
        let bytes: [UInt8] = Array("name\ncaf".utf8) + [0xE9, 0x0A]
        let error = #expect(throws: DataError.self) { try CSVReader.read(bytes: bytes, file: "t.csv") }
        #expect(error?.code == .unreadableFile)
        #expect(error?.message.hasPrefix("the file is not a text CSV file (binary data at byte 9)") == true)
    }

    @Test(
        arguments: [
            [0xC0, 0x80],  // overlong NUL
            [0xED, 0xA0, 0x80],  // surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xE2, 0x82],  // truncated at the end
        ] as [[UInt8]])
    func malformedUTF8SequencesAreRejected(sequence: [UInt8]) throws {
        let bytes: [UInt8] = Array("a\n".utf8) + sequence
        #expect(throws: DataError.self) { try CSVReader.read(bytes: bytes, file: "t.csv") }
    }

    @Test func validMultibyteTextIsAccepted() throws {
        let frame = try readCSV("ville,n\nZürich,1\n東京,2\n🦜,3\n")
        #expect(try frame.column("ville").cells == [.string("Zürich"), .string("東京"), .string("🦜")])
    }

    @Test func utf16IsRecognised() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00]
        let error = #expect(throws: DataError.self) { try CSVReader.read(bytes: bytes, file: "t.csv") }
        #expect(error?.message.contains("UTF-16") == true)
    }

    @Test(arguments: ["", "\n\n", "  \r\n\t\n", "\u{FEFF}"])
    func emptyFileIsEmptyData(text: String) throws {
        let error = #expect(throws: DataError.self) { try readCSV(text) }
        #expect(error?.code == .emptyData)
        #expect(error?.message == "the file is empty")
    }

    @Test func headerWithoutRowsIsEmptyData() throws {
        let error = #expect(throws: DataError.self) { try readCSV("a,b\n\n") }
        #expect(error?.code == .emptyData)
        #expect(error?.message == "the file has a header but no data rows")
    }

    @Test func duplicateColumnNamesAreRejected() throws {
        let error = #expect(throws: DataError.self) { try readCSV("a,b, a\n1,2,3\n") }
        #expect(error?.code == .duplicateColumn)
        #expect(error?.row == 1)
        #expect(error?.column == 3)
    }

    @Test func missingFileSuggestsASibling() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mldata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a\n1\n".utf8).write(to: folder.appendingPathComponent("cancer.csv"))

        let error = #expect(throws: DataError.self) {
            try CSVReader.read(path: folder.appendingPathComponent("cancr.csv").path, displayName: "data/cancr.csv")
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "data/cancr.csv")
        #expect(error?.message == "file not found; did you mean 'data/cancer.csv'?")

        let frame = try CSVReader.read(path: folder.appendingPathComponent("cancer.csv").path, displayName: "x")
        #expect(frame.rowCount == 1)
    }

    @Test func emptyFileOnDiskIsEmptyData() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mldata-\(UUID().uuidString).csv")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = #expect(throws: DataError.self) { try CSVReader.read(path: file.path, displayName: "e.csv") }
        #expect(error?.code == .emptyData)
        #expect(error?.description == "e.csv: the file is empty")
    }

    @Test func folderIsUnreadable() throws {
        let error = #expect(throws: DataError.self) {
            try CSVReader.read(path: FileManager.default.temporaryDirectory.path, displayName: "tmp")
        }
        #expect(error?.code == .unreadableFile)
    }
}

@Suite struct CSVReaderRealFileTests {
    @Test func readsBreastCancer() throws {
        let frame = try CSVReader.read(
            path: notebookDataPath("breast_cancer.csv"), displayName: "data/breast_cancer.csv")
        // pandas.read_csv('breast_cancer.csv').shape → (569, 31); 30 float64 columns and diagnosis.
        #expect(frame.rowCount == 569)
        #expect(frame.columnCount == 31)
        #expect(frame.columns.filter { $0.type == .number }.count == 30)
        #expect(frame.columnNames.first == "mean radius")
        // df['mean radius'].iloc[0] → 17.99; df['worst fractal dimension'].iloc[-1] → 0.07039
        #expect(try frame.column("mean radius").value(at: 0) == .number(17.99))
        #expect(try frame.column("worst fractal dimension").value(at: 568) == .number(0.07039))
        let diagnosis = try frame.column("diagnosis")
        guard case .category(let codes, let levels) = diagnosis.storage else {
            Issue.record("diagnosis should be a category")
            return
        }
        // sorted(df['diagnosis'].unique()) → ['benign', 'malignant']; value_counts → benign 357, malignant 212
        #expect(levels == ["benign", "malignant"])
        #expect(codes.filter { $0 == 0 }.count == 357)
        #expect(codes.filter { $0 == 1 }.count == 212)
        #expect(frame.columns.allSatisfy { $0.missingCount == 0 })
    }
}

@Suite struct CSVReaderRoundTripTests {
    /// Random cells written the way an RFC 4180 writer would, read back as text.
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")])
    func randomQuotedTableRoundTrips(separator: UInt8) throws {
        var generator = SeededGenerator(seed: UInt64(separator))
        let pieces = ["a", "b", "1", "é", " ", ",", ";", "\t", "\"", "\n", "\r\n", "x y", "🦜"]
        let columns = 3
        let rows = 12_000  // 36 000 fields: more than one tokenizer block
        let sep = String(UnicodeScalar(separator))
        var expected: [[String]] = []
        var text = (1...columns).map { "c\($0)" }.joined(separator: sep) + "\n"
        for _ in 0..<rows {
            var row: [String] = []
            var encoded: [String] = []
            for _ in 0..<columns {
                let length = Int(generator.next() % 5)
                var cell = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                let special = cell.contains { $0 == "\"" || $0 == "\n" || $0 == "\r\n" || $0 == Character(sep) }
                let padded = cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
                if special || padded || generator.next() % 4 == 0 {
                    encoded.append("\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    cell = cell.trimmingCharacters(in: .whitespaces)
                    encoded.append(cell)
                }
                row.append(cell)
            }
            expected.append(row)
            text += encoded.joined(separator: sep) + (generator.next() % 2 == 0 ? "\n" : "\r\n")
        }
        let types = Dictionary(uniqueKeysWithValues: (1...columns).map { ("c\($0)", ColumnType.text) })
        let frame = try readCSV(text, CSVOptions(separator: separator, missingTokens: [], types: types))
        #expect(frame.rowCount == rows)
        for j in 0..<columns {
            let column = try frame.column("c\(j + 1)")
            let got = (0..<rows).map { column.string(at: $0) ?? "<missing>" }
            let want = expected.map { $0[j] }
            if got != want {
                let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
                Issue.record(
                    "column \(j + 1) differs first at row \(first?.offset ?? -1): \(String(describing: first?.element))"
                )
            }
        }
    }
}
