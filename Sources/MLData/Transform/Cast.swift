extension DataFrame {
    /// A frame whose column `name` has type `type`, converting its values.
    ///
    /// | from | to | how |
    /// |---|---|---|
    /// | any | the same type | unchanged |
    /// | any | text, category | the value's text: shortest round-trip numbers (`2.5`, `3.0`), `true`/`false`, ISO dates; category levels sorted by their UTF-8 bytes |
    /// | number | integer | whole values only |
    /// | number, integer | boolean | 0 and 1 only |
    /// | integer, boolean | number | exact (booleans as 0 and 1) |
    /// | boolean | integer | 0 and 1 |
    /// | text, category | number, integer, boolean, date | parsed as an explicit `types:` type of the CSV reader: `1e3`, `3.0` for an integer, `yes`/`no`/`t`/`f`/`y`/`n`/`1`/`0` for a boolean, `YYYY-MM-DD`; surrounding spaces are ignored and an empty value becomes missing |
    ///
    /// Missing values stay missing. Other pairs (a date to a number, a number to a date) are errors.
    ///
    /// - Parameters:
    ///   - name: The column to convert.
    ///   - type: The new type.
    /// - Returns: The frame with the converted column in the same place.
    /// - Throws: ``DataError`` `.unknownColumn` (with the nearest name suggested); `.typeMismatch`
    ///   for a conversion that does not exist; `.malformedData` naming the first value that does
    ///   not convert, with its 1-based row, e.g. `row 3 of 'zip' holds 'n/a', which is not a number`.
    /// - Complexity: O(*n*) in the number of rows.
    public func casting(_ name: String, to type: ColumnType) throws -> DataFrame {
        let column = try self.column(name)
        guard column.type != type else { return self }
        return try adding(try column.cast(to: type))
    }
}

extension Column {
    /// This column converted to `type`, by the rules of ``DataFrame/casting(_:to:)``.
    func cast(to type: ColumnType) throws -> Column {
        let mask = missing
        switch (storage, type) {
        case (_, .text), (_, .category):
            if case .text(let values) = storage {
                return Column.strings(name: name, type: type, count: count) { mask.isMissing($0) ? nil : values[$0] }
            }
            if case .category(let codes, let levels) = storage {
                return Column.strings(name: name, type: type, count: count) {
                    codes[$0] < 0 ? nil : levels[Int(codes[$0])]
                }
            }
            return Column.strings(name: name, type: type, count: count) { value(at: $0).text }
        case (.number(let values), .integer):
            let whole = try values.indices.map { row -> Int64 in
                if mask.isMissing(row) { return 0 }
                guard let converted = Int64(exactly: values[row]) else {
                    throw notConvertible(row, CellValue.number(values[row]), "a whole number")
                }
                return converted
            }
            return Column(name: name, storage: .integer(whole), missing: mask)
        case (.number(let values), .boolean):
            return Column(name: name, storage: .boolean(try zeroOrOne(values.count) { values[$0] }), missing: mask)
        case (.integer(let values), .boolean):
            return Column(
                name: name, storage: .boolean(try zeroOrOne(values.count) { Double(values[$0]) }), missing: mask)
        case (.integer, .number), (.boolean, .number):
            return Column(name: name, storage: .number(doubles ?? []), missing: mask)
        case (.boolean(let values), .integer):
            return Column(name: name, storage: .integer(values.map { $0 ? 1 : 0 }), missing: mask)
        case (.text(let values), _):
            return try parsed(as: type, count: count) { mask.isMissing($0) ? nil : values[$0] }
        case (.category(let codes, let levels), _):
            // Parse each used level once, in order of first appearance so that the first failure
            // is the earliest row; one extra missing entry at the end stands for code -1.
            var firstRow = [Int](repeating: Int.max, count: levels.count)
            for (row, code) in codes.enumerated() where code >= 0 && firstRow[Int(code)] == Int.max {
                firstRow[Int(code)] = row
            }
            let order = levels.indices.sorted { (firstRow[$0], $0) < (firstRow[$1], $1) }
            var position = [Int](repeating: 0, count: levels.count)
            for (index, level) in order.enumerated() { position[level] = index }
            let parsedLevels = try parsed(as: type, count: levels.count + 1) { index in
                index < levels.count && firstRow[order[index]] != Int.max ? levels[order[index]] : nil
            } onFailure: { index in
                firstRow[order[index]]
            }
            let missingIndex = levels.count
            return parsedLevels.selecting(codes.map { $0 < 0 ? missingIndex : position[Int($0)] })
        default:
            throw DataError(.typeMismatch, "cannot cast the \(self.type) column '\(name)' to \(type)")
        }
    }

    /// Booleans from numbers that are 0 or 1 (missing rows give `false`).
    private func zeroOrOne(_ count: Int, _ number: (Int) -> Double) throws -> [Bool] {
        try (0..<count).map { row in
            if isMissing(row) { return false }
            let value = number(row)
            guard value == 0 || value == 1 else { throw notConvertible(row, self.value(at: row), "0 or 1") }
            return value == 1
        }
    }

    /// Labels parsed as `type` the way the CSV reader parses an explicit `types:` column.
    ///
    /// - Parameters:
    ///   - type: number, integer, boolean or date.
    ///   - count: The number of values.
    ///   - label: The label of a row, `nil` when missing.
    ///   - onFailure: Maps the index of a value that does not parse to the row reported.
    /// - Returns: The typed column, named like this one.
    /// - Throws: ``DataError`` `.malformedData` for the first value that does not parse.
    private func parsed(
        as type: ColumnType, count: Int, _ label: (Int) -> String?, onFailure: (Int) -> Int = { $0 }
    ) throws -> Column {
        var builder = CSVColumnBuilder(explicitType: type)
        builder.reserve(rows: count)
        var parser = DoubleParser()
        let nothing: [UInt8] = []
        for index in 0..<count {
            guard var text = label(index) else {
                nothing.withUnsafeBufferPointer { _ = builder.append($0, isMissing: true, parser: &parser) }
                continue
            }
            let fits = text.withUTF8 { bytes in
                let trimmed = Self.trimmed(bytes)
                return builder.append(trimmed, isMissing: trimmed.isEmpty, parser: &parser)
            }
            guard fits else {
                let wanted =
                    switch type {
                    case .integer: "a whole number"
                    case .boolean: "true/false"
                    case .date: "a date (YYYY-MM-DD)"
                    default: "a number"
                    }
                throw notConvertible(onFailure(index), .string(text), wanted)
            }
        }
        return builder.finish(name: name)
    }

    /// `bytes` without leading and trailing spaces and tabs, as the CSV reader trims fields.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == CSVByte.space || bytes[start] == CSVByte.tab) { start += 1 }
        while end > start && (bytes[end - 1] == CSVByte.space || bytes[end - 1] == CSVByte.tab) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private func notConvertible(_ row: Int, _ value: CellValue, _ wanted: String) -> DataError {
        let shown: String
        if case .string(let text) = value {
            shown = "'\(text)'"
        } else {
            shown = value.text ?? "none"
        }
        return DataError(.malformedData, "row \(row + 1) of '\(name)' holds \(shown), which is not \(wanted)")
    }

    /// A category or text column of labels, built by the CSV reader's column builder.
    ///
    /// - Parameters:
    ///   - name: The column's name.
    ///   - type: `.category` or `.text` to force one; `nil` picks one by the reader's rule
    ///     (category when there are at most max(20, 5% of the present values) distinct labels).
    ///   - count: The number of rows.
    ///   - label: The label of a row, `nil` when missing.
    /// - Returns: The column; category levels are sorted by their UTF-8 bytes.
    static func strings(name: String, type: ColumnType?, count: Int, _ label: (Int) -> String?) -> Column {
        if type == .text {
            var flags = [Bool](repeating: false, count: count)
            let values = (0..<count).map { row -> String in
                guard let text = label(row) else {
                    flags[row] = true
                    return ""
                }
                return text
            }
            return Column(name: name, storage: .text(values), missing: MissingMask(flags))
        }
        var builder = type == nil ? CSVColumnBuilder(forceStrings: ()) : CSVColumnBuilder(explicitType: type)
        builder.reserve(rows: count)
        var parser = DoubleParser()
        let nothing: [UInt8] = []
        for row in 0..<count {
            if var text = label(row) {
                text.withUTF8 { _ = builder.append($0, isMissing: false, parser: &parser) }
            } else {
                nothing.withUnsafeBufferPointer { _ = builder.append($0, isMissing: true, parser: &parser) }
            }
        }
        return builder.finish(name: name)
    }
}
