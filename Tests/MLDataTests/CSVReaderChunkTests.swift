import Foundation
import Testing

@testable import MLData

/// A CSV text whose columns change type at seeded rows, so that cuts between chunks fall on every kind of
/// disagreement: integers then decimals (a number column), decimals then integers, integers then a word
/// (labels), values only after many missing ones, booleans then a word, dates, labels, free text, quoted
/// values with separators and quotes, and a column with no value at all.
private func mixedCSV(rows: Int, seed: UInt64, lineBreak: String = "\n") -> String {
    var generator = SeededGenerator(seed: seed)
    func turn() -> Int { Int.random(in: 0..<rows, using: &generator) }
    let (intToFloat, floatToInt, intToWord, firstValue, boolToWord) = (turn(), turn(), turn(), turn(), turn())
    var text = "a,b,c,d,e,f,g,h,i,j,k" + lineBreak
    for r in 0..<rows {
        let noise = Int.random(in: 0..<1000, using: &generator)
        var cells: [String] = []
        cells.append(r < intToFloat ? "\(noise - 500)" : "\(Double(noise) / 8)")
        cells.append(r < floatToInt ? "\(Double(noise) / 4)" : "\(noise)")
        cells.append(r == intToWord ? "word" : "\(noise % 17)")
        cells.append(r < firstValue || noise % 9 == 0 ? "" : "\(noise)")
        cells.append(r == boolToWord ? "maybe" : noise % 3 == 0 ? "" : noise % 2 == 0 ? "true" : "FALSE")
        cells.append(noise % 5 == 0 ? "NA" : "2024-0\(noise % 9 + 1)-1\(noise % 9)")
        cells.append(["red", "green", "blue", ""][noise % 4])
        cells.append("t\(noise)-\(r % 7)")
        cells.append(noise % 2 == 0 ? "\"x, \"\"\(noise)\"\"\"" : " plain \(noise % 30) ")
        cells.append("")
        cells.append(r % 50 == 0 ? "" : "\(r)")
        text += cells.joined(separator: ",") + lineBreak
        if noise % 97 == 0 { text += "   " + lineBreak }  // a blank line now and then
    }
    return text
}

/// Reading a file in parallel chunks gives exactly what one pass gives, including its errors.
@Suite struct CSVReaderChunkTests {
    private func chunked(_ text: String, _ chunks: Int, _ options: CSVOptions = .init()) throws -> DataFrame {
        try CSVReader.read(bytes: Array(text.utf8), file: "t.csv", options: options, chunks: chunks)
    }

    /// Expects equal frames, naming the columns that differ rather than printing whole frames.
    private func expectSame(_ parts: DataFrame, _ whole: DataFrame, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(parts.columnNames == whole.columnNames, sourceLocation: sourceLocation)
        #expect(parts.rowCount == whole.rowCount, sourceLocation: sourceLocation)
        // Cells, types and masks rather than `==`: a NaN placeholder never equals itself.
        let differing = zip(parts.columns, whole.columns).filter {
            $0.name != $1.name || $0.type != $1.type || $0.missing != $1.missing || $0.cells != $1.cells
        }.map { part, one in
            let row = (0..<min(part.count, one.count)).first { part.value(at: $0) != one.value(at: $0) }
            return "\(one.name) (\(part.type) vs \(one.type), first at row \(row.map(String.init) ?? "-"): "
                + "\(row.map { "\(part.value(at: $0)) vs \(one.value(at: $0))" } ?? "same values"))"
        }
        #expect(
            differing.isEmpty, "columns differ: \(differing.joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    @Test(arguments: [(2, UInt64(1)), (3, 2), (7, 3), (16, 4), (40, 5)])
    func chunksGiveTheSameFrameAsOnePass(chunks: Int, seed: UInt64) throws {
        let text = mixedCSV(rows: 600, seed: seed)
        let whole = try chunked(text, 1)
        let parts = try chunked(text, chunks)
        expectSame(parts, whole)
        // The kinds the text was built to produce, so the comparison covers every merge.
        #expect(
            whole.columns.map(\.type)
                == [
                    .number, .number, .category, .integer, .category, .date, .category, .text, .text, .number,
                    .integer,
                ])
    }

    @Test func windowsLineBreaksAndBlankLinesAtCutsAreHandled() throws {
        let text = mixedCSV(rows: 400, seed: 9, lineBreak: "\r\n")
        expectSame(try chunked(text, 9), try chunked(text, 1))
    }

    @Test func cutsInsideQuotedLineBreaksFallBackToOnePass() throws {
        // Every record holds a quoted value that spans three lines, so most cuts land inside quotes.
        var text = "id,note,x\n"
        for r in 0..<300 { text += "\(r),\"line one\nline, two\n\"\"three\"\"\",\(Double(r) / 2)\n" }
        let parts = try chunked(text, 8)
        expectSame(parts, try chunked(text, 1))
        #expect(parts.rowCount == 300)
        #expect(try parts.column("note").string(at: 299) == "line one\nline, two\n\"three\"")
    }

    @Test func theFirstErrorInFileOrderIsReported() throws {
        // A ragged row late in the file and a bad explicit integer earlier: whichever chunk each lands in,
        // the earlier one is reported, as by one pass.
        var rows = (0..<900).map { "\($0),\($0 % 7)" }
        rows[700] = "700,1,extra"
        rows[300] = "300,x"
        let text = "a,b\n" + rows.joined(separator: "\n") + "\n"
        let options = CSVOptions(types: ["b": .integer])
        let one = #expect(throws: DataError.self) { try chunked(text, 1, options) }
        for chunks in [2, 5, 11] {
            let many = #expect(throws: DataError.self) { try chunked(text, chunks, options) }
            #expect(many == one)
        }
        #expect(one?.row == 302)
        #expect(one?.message == "'x' in column 'b' is not a valid integer value")
    }

    @Test func binaryContentAnywhereIsReportedFirst() throws {
        var bytes = Array("a,b\n1,2\n3\n".utf8)  // a short row in the first chunk
        for r in 0..<500 { bytes += Array("\(r),\(r)\n".utf8) }
        bytes += [0x00, 0x0A]
        for chunks in [1, 4] {
            let error = #expect(throws: DataError.self) {
                try CSVReader.read(bytes: bytes, file: "t.csv", chunks: chunks)
            }
            #expect(error?.code == .unreadableFile)
            #expect(error?.message == "the file is not a text CSV file (binary data at byte \(bytes.count - 1))")
        }
    }

    @Test func explicitTypesHoldInEveryChunk() throws {
        var text = "a,b,c\n"
        for r in 0..<500 { text += "\(r % 3 == 0 ? "3.0" : "\(r)"),\(r % 2 == 0 ? "yes" : "n"),\(r % 4)\n" }
        let options = CSVOptions(types: ["a": .integer, "b": .boolean, "c": .category])
        let parts = try chunked(text, 6, options)
        expectSame(parts, try chunked(text, 1, options))
        #expect(parts.columns.map(\.type) == [.integer, .boolean, .category])
    }

    @Test func moreChunksThanRowsStillWork() throws {
        let text = "a,b\n1,x\n2,y\n"
        expectSame(try chunked(text, 10), try chunked(text, 1))
        let error = #expect(throws: DataError.self) { try chunked("a,b\n", 4) }
        #expect(error?.code == .emptyData)
    }
}

/// Errors in file order, and the page release of big mapped files.
@Suite struct CSVReaderLargeFileTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    private func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "csv-large-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func theFirstBadValueByRowThenColumnIsReported() throws {
        // Column b's bad value (line 4) comes before column a's (line 6), though a is converted first;
        // on line 7 both are bad, and the earlier column would win.
        var rows = (0..<10).map { "\($0),\($0),\($0)" }
        rows[4] = "4,x,4"
        rows[2] = "2,2,y"
        rows[5] = "5,u,v"
        let text = "z,a,b\n" + rows.joined(separator: "\n") + "\n"
        let options = CSVOptions(types: ["a": .integer, "b": .integer])
        let error = #expect(throws: DataError.self) { try readCSV(text, options) }
        #expect(error?.row == 4)
        #expect(error?.column == 3)
        #expect(error?.message == "'y' in column 'b' is not a valid integer value")
        rows[2] = "2,2,2"
        rows[4] = "4,4,4"
        let sameRow = #expect(throws: DataError.self) {
            try readCSV("z,a,b\n" + rows.joined(separator: "\n") + "\n", options)
        }
        #expect(sameRow?.row == 7)
        #expect(sameRow?.column == 2)
    }

    @Test func anEarlierBlockWinsOverAnEarlierColumn() throws {
        // 2 columns: 8 192 rows a block. Column a is bad in the third block, column b in the first.
        var text = "a,b\n"
        for i in 0..<20_000 { text += i == 18_000 ? "x,\(i)\n" : i == 100 ? "\(i),y\n" : "\(i),\(i)\n" }
        let error = #expect(throws: DataError.self) {
            try readCSV(text, CSVOptions(types: ["a": .integer, "b": .integer]))
        }
        #expect(error?.row == 102)
        #expect(error?.column == 2)
    }

    @Test func bigMappedFileIsReadWholeAfterPagesAreReleased() throws {
        // About 1.6 MB: more than one 1 MiB release batch. Column `mixed` turns into labels near the end,
        // so the reader goes back over the released pages for a second pass.
        var text = "i,x,mixed,label\n"
        let rows = 70_000
        for i in 0..<rows {
            let mixed = i == rows - 10 ? "word" : i % 11 == 0 ? "" : String(i % 1000)
            text += "\(i),\(Double(i) / 8),\(mixed),\(i % 3 == 0 ? "a" : "b")\n"
        }
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let frame = try CSVReader.read(path: path, displayName: "big.csv")
        #expect(frame.rowCount == rows)
        #expect(try frame.column("i").value(at: rows - 1) == .integer(Int64(rows - 1)))
        #expect(try frame.column("x").value(at: 69_999) == .number(8_749.875))
        let mixed = try frame.column("mixed")
        // 1 001 distinct labels among 63 636 present values (at most 5%): a category.
        #expect(mixed.type == .category)
        #expect(mixed.string(at: rows - 10) == "word")
        #expect(mixed.string(at: 1234) == "234")
        // Rows 0, 11, 22, … are empty: ⌈70 000 / 11⌉ = 6 364 missing.
        #expect(mixed.missingCount == 6_364)
        #expect(try frame.column("label").type == .category)
        #expect(frame == (try readCSV(text)))
    }

    @Test func textCheckChunksDoNotSplitCharactersOrMoveOffsets() throws {
        // A two-byte "é" straddles the first 1 MiB chunk boundary; a NUL further on is still found at
        // its exact byte.
        let chunk = 1 << 20
        let prefix = "t\n" + String(repeating: "a", count: chunk - 3)
        let valid = prefix + "é\n" + "b\n"
        #expect(Array(valid.utf8)[chunk - 1] == 0xC3)
        let frame = try CSVReader.read(bytes: Array(valid.utf8), file: "t.csv")
        #expect(try frame.column("t").string(at: 0)?.hasSuffix("aé") == true)
        let binary = Array(valid.utf8) + Array(repeating: UInt8(ascii: "c"), count: chunk) + [0, 0x0A]
        let error = #expect(throws: DataError.self) { try CSVReader.read(bytes: binary, file: "t.csv") }
        #expect(error?.message == "the file is not a text CSV file (binary data at byte \(binary.count - 1))")
    }
}

/// The reader converts plain numbers where they stand and everything else field by field; both ways must
/// give the values one pass of the general parser gives.
@Suite struct CSVReaderPlainNumberTests {
    /// A random number column value in one of the spellings CSV writers use, sometimes padded or quoted.
    private func spelling(_ generator: inout SeededGenerator) -> String {
        let digits = String(generator.next() % 1_000_000_000_000)
        let sign = ["", "-", "+"][Int(generator.next() % 3)]
        let cut = Int(generator.next() % UInt64(digits.count + 1))
        let decimal = String(digits.prefix(cut)) + "." + String(digits.dropFirst(cut))
        switch generator.next() % 12 {
        case 0: return sign + decimal + "e\(Int(generator.next() % 80) - 40)"
        case 1: return sign + "1234567890123456789012.5"  // too many digits: strtod
        case 2: return " \(sign)\(decimal) "  // padded: split off and trimmed
        case 3: return "\"\(sign)\(decimal)\""  // quoted
        case 4: return sign + digits  // an integer in a number column
        case 5: return sign + "0"
        case 6: return String(Double(bitPattern: generator.next() >> 2))  // 17 significant digits
        default: return sign + decimal
        }
    }

    @Test(arguments: [1, 2, 9])
    func numbersMatchTheStandardLibraryCellByCell(chunks: Int) throws {
        var generator = SeededGenerator(seed: 31)
        var cells: [[String]] = []
        var text = "x,y,n,w\n"
        for r in 0..<3_000 {
            // x and y: numbers; n: integers that widen to numbers late; w: integers past 18 digits now and then.
            let row = [
                spelling(&generator), spelling(&generator),
                r == 2_500 ? "0.5" : String(Int(generator.next() % 2_000) - 1_000),
                r % 97 == 0 ? "-1234567890123456789" : String(generator.next() % 100),
            ]
            cells.append(row)
            text += row.joined(separator: ",") + (r % 5 == 0 ? "\r\n" : "\n")
        }
        let frame = try CSVReader.read(bytes: Array(text.utf8), file: "t.csv", chunks: chunks)
        #expect(frame.columns.map(\.type) == [.number, .number, .number, .integer])
        for (j, name) in frame.columnNames.enumerated() {
            let column = try frame.column(name)
            for (r, row) in cells.enumerated() {
                let written = row[j].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                let got: UInt64? =
                    switch column.value(at: r) {
                    case .number(let value): value.bitPattern
                    case .integer(let value): Double(value).bitPattern
                    default: nil
                    }
                let expected = column.type == .integer ? Int64(written).map { Double($0) } : Double(written)
                if got != expected?.bitPattern {
                    Issue.record("\(name) row \(r): '\(row[j])' read as \(column.value(at: r))")
                    return
                }
            }
        }
    }

    @Test func aMissingTokenThatIsANumberStaysMissing() throws {
        let options = CSVOptions(missingTokens: ["", "-999", "0.0"])
        let frame = try readCSV("a,b\n1.5,-999\n-999,2\n0.0,0\n2.5,-999.0\n", options)
        #expect(try frame.column("a").cells == [.number(1.5), .missing, .missing, .number(2.5)])
        #expect(try frame.column("b").cells == [.missing, .number(2), .number(0), .number(-999)])
    }

    @Test func decimalCommasAreNotNumbersWithSemicolons() throws {
        let frame = try readCSV("a;b\n1,5;2\n3;4\n")
        #expect(try frame.column("a").cells == [.string("1,5"), .string("3")])
        #expect(try frame.column("b").cells == [.integer(2), .integer(4)])
    }

    @Test func aSeparatorThatCanBePartOfANumberSplitsIt() throws {
        let frame = try readCSV("a.b\n1.5\n2.25\n", CSVOptions(separator: UInt8(ascii: ".")))
        #expect(try frame.column("a").cells == [.integer(1), .integer(2)])
        #expect(try frame.column("b").cells == [.integer(5), .integer(25)])
    }

    @Test func plainFieldsBeforeAProblemInTheSameRecordDoNotHideIt() throws {
        // The first fields of each bad record are plain numbers, converted before the problem shows.
        let short = #expect(throws: DataError.self) { try readCSV("a,b,c\n1.5,2,3\n4.5,5\n") }
        #expect(short?.message == "row 3 has 2 fields, expected 3")
        #expect(short?.column == 3)
        let long = #expect(throws: DataError.self) { try readCSV("a,b\n1.5,2\n4.5,5,6,7\n") }
        #expect(long?.message == "row 3 has 4 fields, expected 2")
        #expect(long?.column == 3)
        let typed = #expect(throws: DataError.self) {
            try readCSV("a,b,c\n1,2,3\n4,x,6,7\n", CSVOptions(types: ["b": .integer]))
        }
        #expect(typed?.message == "row 3 has 4 fields, expected 3")
        let binary = #expect(throws: DataError.self) {
            try CSVReader.read(bytes: Array("a,b\n1.5,2\n3.5,x\u{0}y\n".utf8), file: "t.csv")
        }
        #expect(binary?.code == .unreadableFile)
    }
}
