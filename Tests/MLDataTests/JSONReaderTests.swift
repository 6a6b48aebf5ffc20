import Foundation
import MLData
import Testing

/// Parses `text` as a JSON file named `t.json`.
private func readJSON(_ text: String, _ options: RecordOptions = .init()) throws -> DataFrame {
    try JSONReader.read(bytes: Array(text.utf8), file: "t.json", options: options)
}

/// The error `body` throws, which must be a ``DataError``.
private func dataError(_ body: () throws -> DataFrame) throws -> DataError {
    do {
        _ = try body()
    } catch let error as DataError {
        return error
    }
    Issue.record("expected a DataError")
    throw CancellationError()
}

/// The penguins fixtures (see Fixtures/make_penguins_fixtures.py).
func penguinsFixture(_ name: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// Whether two frames have the same column names, types and cell values (missing compared as missing).
func sameFrame(_ a: DataFrame, _ b: DataFrame) -> Bool {
    guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
    for (x, y) in zip(a.columns, b.columns) {
        guard x.type == y.type, x.cells == y.cells else { return false }
        if case .category(_, let levelsX) = x.storage, case .category(_, let levelsY) = y.storage,
            levelsX != levelsY
        {
            return false
        }
    }
    return true
}

@Suite struct JSONReaderTypeTests {
    @Test func eachKeyIsTypedFromAllOfItsValues() throws {
        let frame = try readJSON(
            """
            [{"flag": true, "count": 1, "mixed": 1, "label": "a", "when": "2024-02-29", "big": 1},
             {"flag": false, "count": -2, "mixed": 2.5, "label": "b", "when": "2023-12-31", "big": 99999999999999999999}]
            """)
        #expect(frame.columnNames == ["flag", "count", "mixed", "label", "when", "big"])
        #expect(try frame.column("flag").cells == [.boolean(true), .boolean(false)])
        #expect(try frame.column("count").cells == [.integer(1), .integer(-2)])
        // An integer mixed with a decimal makes the key a number column, as pandas.read_json does.
        #expect(try frame.column("mixed").cells == [.number(1), .number(2.5)])
        #expect(try frame.column("label").type == .category)
        // 2024-02-29 is day 19782 and 2023-12-31 day 19722 since 1970-01-01:
        // python3 -c "import datetime as d; print((d.date(2024,2,29)-d.date(1970,1,1)).days)"
        #expect(try frame.column("when").cells == [.date(19782), .date(19722)])
        // 10^20 - 1 does not fit Int64, so the key is a number column (pandas.read_json gives float64 too);
        // the nearest double is 1e20: python3 -c "print(float(99999999999999999999) == 1e20)" prints True.
        #expect(try frame.column("big").cells == [.number(1), .number(1e20)])
    }

    @Test func numbersWithAFractionOrExponentAreNotIntegers() throws {
        let frame = try readJSON(#"[{"a": 3.0, "b": 1e2}, {"a": 4.0, "b": 2E-1}]"#)
        #expect(try frame.column("a").cells == [.number(3), .number(4)])
        #expect(try frame.column("b").cells == [.number(100), .number(0.2)])
    }

    @Test func stringsAreTypedLikeCSVFields() throws {
        let frame = try readJSON(
            #"""
            [{"n": "12", "x": "2.5", "b": "TRUE", "zip": "02139"},
             {"n": "-3", "x": "7", "b": "false", "zip": "10001"}]
            """#)
        #expect(try frame.column("n").cells == [.integer(12), .integer(-3)])
        #expect(try frame.column("x").cells == [.number(2.5), .number(7)])
        #expect(try frame.column("b").cells == [.boolean(true), .boolean(false)])
        // As in CSV, "02139" reads as an integer unless types: says otherwise.
        #expect(try frame.column("zip").cells == [.integer(2139), .integer(10001)])
    }

    @Test func numbersMixedWithWordsBecomeLabelsWrittenAsInTheFile() throws {
        let frame = try readJSON(#"[{"grade": 1}, {"grade": "A"}, {"grade": 2.50}, {"grade": true}]"#)
        let grade = try frame.column("grade")
        #expect(grade.type == .category)
        #expect(grade.cells == [.string("1"), .string("A"), .string("2.50"), .string("true")])
        // Levels sort by UTF-8 bytes, as the CSV reader sorts them.
        guard case .category(_, let levels) = grade.storage else { return }
        #expect(levels == ["1", "2.50", "A", "true"])
    }

    @Test func numbersMixedWithNumericStringsStayNumeric() throws {
        let frame = try readJSON(#"[{"v": 1}, {"v": "2"}, {"v": "3.5"}]"#)
        #expect(try frame.column("v").cells == [.number(1), .number(2), .number(3.5)])
    }

    @Test func manyDistinctStringsAreTextAndFewAreCategory() throws {
        // 25 distinct values in 25 rows: more than max(20, 5% of 25), so text; 3 distinct: category.
        let records = (0..<25).map { #"{"name": "person \#($0)", "team": "t\#($0 % 3)"}"# }
        let frame = try readJSON("[" + records.joined(separator: ",") + "]")
        #expect(try frame.column("name").type == .text)
        #expect(try frame.column("team").type == .category)
    }

    @Test func explicitTypesOverrideInference() throws {
        let options = RecordOptions(types: ["zip": .category, "flag": .boolean, "n": .number])
        let frame = try readJSON(
            #"[{"zip": "02139", "flag": 1, "n": 2}, {"zip": "10001", "flag": 0, "n": 3}]"#, options)
        #expect(try frame.column("zip").cells == [.string("02139"), .string("10001")])
        #expect(try frame.column("flag").cells == [.boolean(true), .boolean(false)])
        #expect(try frame.column("n").cells == [.number(2), .number(3)])
    }

    @Test func aValueThatDoesNotFitItsExplicitTypeNamesRecordAndKey() throws {
        let error = try dataError {
            try readJSON("[{\"age\": 1},\n {\"age\": \"old\"}]", RecordOptions(types: ["age": .integer]))
        }
        #expect(error.code == .malformedData)
        #expect(error.description == "t.json:2:10: record 2, key 'age': 'old' is not a valid integer value")
    }

    @Test func typesNamingAnUnknownKeySuggestsTheNearest() throws {
        let error = try dataError { try readJSON(#"[{"income": 1}]"#, RecordOptions(types: ["incme": .number])) }
        #expect(error.code == .unknownColumn)
        #expect(error.message == "types: names unknown column 'incme'; did you mean 'income'?")
    }
}

@Suite struct JSONReaderMissingValueTests {
    @Test func columnsAreTheUnionOfKeysInFirstSeenOrder() throws {
        let frame = try readJSON(#"[{"a": 1}, {"b": "x", "a": null}, {"c": true}]"#)
        #expect(frame.columnNames == ["a", "b", "c"])
        #expect(try frame.column("a").cells == [.integer(1), .missing, .missing])
        #expect(try frame.column("b").cells == [.missing, .string("x"), .missing])
        #expect(try frame.column("c").cells == [.missing, .missing, .boolean(true)])
    }

    @Test func missingTokensApplyToStringsOnly() throws {
        let frame = try readJSON(#"[{"s": "NA", "v": ""}, {"s": "x", "v": "2"}, {"s": "None", "v": null}]"#)
        #expect(try frame.column("s").cells == [.missing, .string("x"), .missing])
        #expect(try frame.column("v").cells == [.missing, .integer(2), .missing])
        let keep = try readJSON(#"[{"s": "NA"}, {"s": "x"}]"#, RecordOptions(missingTokens: []))
        #expect(try keep.column("s").cells == [.string("NA"), .string("x")])
    }

    @Test func pythonNaNIsMissingAndInfinityIsANumber() throws {
        // json.dumps([{"v": float("nan")}, {"v": float("inf")}, {"v": -float("inf")}]) writes these literals.
        let frame = try readJSON(#"[{"v": NaN}, {"v": Infinity}, {"v": -Infinity}, {"v": 1.5}]"#)
        #expect(try frame.column("v").cells == [.missing, .number(.infinity), .number(-.infinity), .number(1.5)])
    }

    @Test func aKeyThatIsAlwaysNullIsAnAllMissingNumberColumn() throws {
        let frame = try readJSON(#"[{"a": 1, "b": null}, {"a": 2, "b": null}]"#)
        #expect(try frame.column("b").type == .number)
        #expect(try frame.column("b").missingCount == 2)
    }
}

@Suite struct JSONReaderSyntaxTests {
    @Test func escapesAreDecoded() throws {
        let frame = try readJSON(
            #"[{"t\u00e9xt": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}, {"t\u00e9xt": "plain"}]"#)
        #expect(frame.columnNames == ["téxt"])
        #expect(try frame.column("téxt").cells == [.string("a\"b\\c/d\n\té😀"), .string("plain")])
    }

    @Test func byteOrderMarkAndSurroundingWhitespaceAreSkipped() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(" \r\n\t[ {\"a\" :1} ,{ \"a\":2 } ]\n\n".utf8)
        let frame = try JSONReader.read(bytes: bytes, file: "t.json")
        #expect(try frame.column("a").cells == [.integer(1), .integer(2)])
    }

    @Test func anEmptyKeyIsNumberedLikeAnEmptyCSVHeader() throws {
        let frame = try readJSON(#"[{"a": 1, "": 2}]"#)
        #expect(frame.columnNames == ["a", "column_2"])
    }

    @Test(arguments: [
        (#"[{"a": 1} {"a": 2}]"#, "t.json:1:11: not valid JSON: expected ',' or ']' after record 1, found '{'"),
        (#"[{"a": 1,}]"#, "t.json:1:10: not valid JSON: a comma before '}' in record 1 (trailing commas are not JSON)"),
        (#"[{"a": 1},]"#, "t.json:1:11: not valid JSON: a comma before ']' (trailing commas are not JSON)"),
        ("[{\"a\": 1},\n {\"a\" 2}]", "t.json:2:7: not valid JSON: expected ':' after the key 'a' in record 2"),
        (#"[{"a": 01}]"#, "t.json:1:8: not valid JSON: a number has a leading zero (JSON writes 7, not 07)"),
        (#"[{"a": tru}]"#, "t.json:1:8: not valid JSON: unexpected 't'"),
        (#"[{"a": 'x'}]"#, "t.json:1:8: not valid JSON: unexpected '''"),
        (#"[{a: 1}]"#, "t.json:1:3: not valid JSON: expected a key in double quotes in record 1, found 'a'"),
        (#"[{"a": "x\qy"}]"#, "t.json:1:10: not valid JSON: invalid escape '\\q' in a string"),
        (
            "[{\"a\": \"line\nbreak\"}]",
            "t.json:1:13: not valid JSON: a control character (U+000A) inside a string must be escaped (as \\n, \\t or \\u…)"
        ),
        (#"[{"a": "\ud83d"}]"#, #"t.json:1:9: not valid JSON: '\uD83D' starts a surrogate pair that is not completed"#),
        (#"[{"a": 1}"#, "t.json:1:10: not valid JSON: the array is not closed (the file ends inside it)"),
        (#"[{"a": "open}]"#, "t.json:1:8: not valid JSON: a string is not closed (the file ends inside it)"),
        (#"[{"a": 1}] x"#, "t.json:1:12: not valid JSON: unexpected 'x' after the end of the array"),
        ("[{\"é\": ü}]", "t.json:1:8: not valid JSON: unexpected 'ü'"),
    ])
    func invalidJSONIsReportedWithLineAndColumn(text: String, expected: String) throws {
        let error = try dataError { try readJSON(text) }
        #expect(error.code == .malformedData)
        #expect(error.description == expected)
    }

    @Test func aKeyRepeatedInOneRecordIsAnError() throws {
        let error = try dataError { try readJSON(#"[{"a": 1}, {"a": 2, "a": 3}]"#) }
        #expect(error.description == "t.json:1:21: record 2 has the key 'a' twice")
    }
}

@Suite struct JSONReaderShapeTests {
    @Test(arguments: [
        (#"{"a": [1, 2]}"#, "the top level is an object"),
        (#""text""#, "the top level is a string"),
        ("42", "the top level is a number"),
        ("null", "the top level is null"),
    ])
    func aTopLevelThatIsNotAnArrayIsNamed(text: String, what: String) throws {
        let error = try dataError { try readJSON(text) }
        #expect(error.code == .malformedData)
        #expect(
            error.message == "the file is not an array of records: \(what); expected [{\"column\": value, …}, …]")
        #expect(error.file == "t.json")
    }

    @Test(arguments: [
        (#"[{"a": 1}, 2]"#, "t.json:1:12: record 2 is not an object: it is a number"),
        (#"[[1, 2], [3, 4]]"#, "t.json:1:2: record 1 is not an object: it is an array"),
        (#"[{"a": 1}, null]"#, "t.json:1:12: record 2 is not an object: it is null"),
    ])
    func anElementThatIsNotAnObjectIsNamedByRecord(text: String, expected: String) throws {
        let error = try dataError { try readJSON(text) }
        #expect(error.description == expected)
    }

    @Test(arguments: [("object", #"{"city": "Oslo"}"#), ("array", "[1, 2]")])
    func nestedValuesAreAnErrorNamingRecordAndKey(kind: String, value: String) throws {
        let error = try dataError { try readJSON("[{\"id\": 1},\n{\"id\": 2, \"address\": \(value)}]") }
        #expect(error.code == .malformedData)
        #expect(
            error.description
                == "t.json:2:22: record 2, key 'address': the value is an \(kind); only strings, numbers, "
                + "booleans and null can be loaded as columns")
    }

    @Test(arguments: [
        ("[]", "the array holds no records"), (" [ \n ] ", "the array holds no records"),
        ("", "the file is empty"), ("  \n", "the file is empty"),
        ("[{}, {}]", "the records have no keys, so there are no columns"),
    ])
    func emptyInputIsEmptyData(text: String, message: String) throws {
        let error = try dataError { try readJSON(text) }
        #expect(error.code == .emptyData)
        #expect(error.message == message)
    }

    @Test func binaryAndUTF16InputIsUnreadable() throws {
        let utf16: [UInt8] = [0xFF, 0xFE] + "[{\"a\": 1}]".utf8.flatMap { [$0, 0] }
        let error = try dataError { try JSONReader.read(bytes: utf16, file: "t.json") }
        #expect(error.code == .unreadableFile)
        #expect(
            error.message
                == "the file is not UTF-8 JSON text (binary data at byte 1); it looks like UTF-16 text: save it as UTF-8"
        )
    }
}

@Suite struct JSONPenguinsTests {
    @Test func typedRecordsLoadToTheCSVFrame() throws {
        let csv = try CSVReader.read(path: penguinsFixture("penguins.csv"), displayName: "penguins.csv")
        let json = try JSONReader.read(path: penguinsFixture("penguins.json"), displayName: "penguins.json")
        // palmerpenguins: 344 rows, 8 columns, 19 missing cells (shared/datasets/README.md).
        #expect(json.rowCount == 344)
        #expect(json.columns.map(\.missingCount).reduce(0, +) == 19)
        #expect(sameFrame(json, csv))
    }

    @Test func recordsOfStringsLoadToTheCSVFrame() throws {
        let csv = try CSVReader.read(path: penguinsFixture("penguins.csv"), displayName: "penguins.csv")
        let json = try JSONReader.read(
            path: penguinsFixture("penguins_strings.json"), displayName: "penguins_strings.json")
        #expect(sameFrame(json, csv))
    }
}
