extension DataFrame {
    /// The rows where `condition` is true, in their order (rows where it is missing are dropped).
    ///
    /// - Parameter condition: A true/false expression such as `age >= 18 and sex == 'F'`.
    /// - Returns: The kept rows, and the expression's warnings (such as divisions by zero).
    /// - Throws: ``ExpressionError`` when the expression names an unknown column, mixes types,
    ///   or is not true/false (`the condition must be true/false, e.g. age > 18`);
    ///   ``DataError`` `.emptyData` when no row is kept (`the filter keeps no rows`).
    /// - Complexity: O(*n*) in the number of rows for each node of the expression.
    public func filtered(where condition: ColumnExpression) throws -> (DataFrame, warnings: [String]) {
        let (truths, warnings) = try condition.truths(on: self)
        let kept: [Int]
        var missingRows = 0
        switch truths {
        case .scalar(let truth):
            kept = truth == .trueValue ? Array(0..<rowCount) : []
            if truth == .missingValue { missingRows = rowCount }
        case .vector(let values):
            var rows: [Int] = []
            rows.reserveCapacity(values.count)
            for (row, truth) in values.enumerated() {
                if truth == .trueValue {
                    rows.append(row)
                } else if truth == .missingValue {
                    missingRows += 1
                }
            }
            kept = rows
        }
        guard !kept.isEmpty else {
            var message = "the filter keeps no rows"
            if missingRows > 0 {
                message += "; the condition is missing in \(missingRows) row\(missingRows == 1 ? "" : "s")"
            }
            throw DataError(.emptyData, message)
        }
        return (kept.count == rowCount ? self : selecting(rows: kept), warnings)
    }

    /// A frame with a column computed from `expression`, added at the end or replacing the column
    /// of the same name in place.
    ///
    /// Numbers give a number column, true/false a boolean column, dates a date column, text a
    /// category or text column (by the CSV reader's rule); a bare column name copies that column.
    ///
    /// - Parameters:
    ///   - name: The new column's name.
    ///   - expression: The formula, such as `weight / height ^ 2`.
    /// - Returns: The frame and the expression's warnings (such as divisions by zero).
    /// - Throws: ``ExpressionError`` for an unknown column or mixed types; ``DataError``
    ///   `.invalidArgument` for an empty name.
    public func deriving(_ name: String, _ expression: ColumnExpression) throws -> (DataFrame, warnings: [String]) {
        guard !name.isEmpty else { throw DataError(.invalidArgument, "the new column needs a name") }
        let result = try expression.evaluate(on: self)
        return (try adding(result.column.renamed(name)), result.warnings)
    }

    /// A frame where column `name` holds `value` in the rows where `condition` is true.
    ///
    /// `value` must fit the column: a number column takes numbers, an integer column whole
    /// numbers, a boolean column true/false, a date column a date or `YYYY-MM-DD` text, and a
    /// category or text column any value (as its text; a new label becomes a new level, and
    /// levels no row uses any more are dropped). `.missing` fits every column.
    ///
    /// - Parameters:
    ///   - name: The column to correct.
    ///   - condition: A true/false expression choosing the rows, such as `age < 0`.
    ///   - value: The value to write, or `.missing`.
    /// - Returns: The frame and the number of rows the condition chose (missing counts as false).
    /// - Throws: ``DataError`` `.unknownColumn` or `.typeMismatch` (the value does not fit);
    ///   ``ExpressionError`` as for ``filtered(where:)``.
    public func fixing(
        column name: String, where condition: ColumnExpression, value: CellValue
    ) throws -> (DataFrame, changed: Int) {
        let column = try self.column(name)
        let fitted = try column.fitting(value)
        let (truths, _) = try condition.truths(on: self)
        let rows: [Int]
        switch truths {
        case .scalar(let truth): rows = truth == .trueValue ? Array(0..<rowCount) : []
        case .vector(let values): rows = values.indices.filter { values[$0] == .trueValue }
        }
        guard !rows.isEmpty else { return (self, 0) }
        return (try adding(column.setting(rows, to: fitted)), rows.count)
    }

    /// A frame without repeated rows, keeping the first of each group of identical rows.
    ///
    /// Rows are compared on `columns` (all columns when `nil`); a missing value equals a missing
    /// value, and `0.0` equals `-0.0`, as in pandas' `drop_duplicates`.
    ///
    /// - Parameter columns: The columns that decide whether two rows are the same.
    /// - Returns: The frame and the number of rows removed.
    /// - Throws: ``DataError`` `.unknownColumn`.
    /// - Complexity: O(*n* · *c*) expected, by hashing rows.
    public func deduplicated(columns: [String]? = nil) throws -> (DataFrame, removed: Int) {
        let chosen = try (columns ?? columnNames).map { try column($0) }
        guard rowCount > 1, !chosen.isEmpty else { return (self, 0) }
        var hashes = [UInt64](repeating: 0x243F_6A88_85A3_08D3, count: rowCount)
        for column in chosen { column.mixRowHashes(into: &hashes) }
        var firstByHash: [UInt64: Int] = [:]
        firstByHash.reserveCapacity(rowCount)
        var collisions: [UInt64: [Int]] = [:]
        var kept: [Int] = []
        kept.reserveCapacity(rowCount)
        func same(_ a: Int, _ b: Int) -> Bool { chosen.allSatisfy { $0.rowsEqual(a, b) } }
        for row in 0..<rowCount {
            let hash = hashes[row]
            guard let first = firstByHash[hash] else {
                firstByHash[hash] = row
                kept.append(row)
                continue
            }
            if same(first, row) { continue }
            if let others = collisions[hash], others.contains(where: { same($0, row) }) { continue }
            collisions[hash, default: []].append(row)
            kept.append(row)
        }
        let removed = rowCount - kept.count
        return (removed == 0 ? self : selecting(rows: kept), removed)
    }

    /// A frame without the rows that have a missing value in any of `columns`.
    ///
    /// - Parameter columns: The columns to check; `nil` checks every column (pandas' `dropna()`).
    /// - Returns: The frame and the number of rows removed.
    /// - Throws: ``DataError`` `.unknownColumn`; `.emptyData` when every row has a missing
    ///   value, naming the column with the most.
    public func droppingRows(missingIn columns: [String]? = nil) throws -> (DataFrame, removed: Int) {
        let chosen = try (columns ?? columnNames).map { try column($0) }
        let wordCount = (rowCount + 63) / 64
        var words = [UInt64](repeating: 0, count: wordCount)
        for column in chosen where column.missing.hasMissing {
            for (i, word) in column.missing.words.enumerated() { words[i] |= word }
        }
        let kept = (0..<rowCount).filter { words[$0 >> 6] & (1 << UInt64($0 & 63)) == 0 }
        let removed = rowCount - kept.count
        guard removed > 0 else { return (self, 0) }
        guard !kept.isEmpty else {
            let worst = chosen.max { $0.missingCount < $1.missingCount }
            var message = "every row has a missing value, so no row is left"
            if let worst { message += "; column '\(worst.name)' is missing in \(worst.missingCount) rows" }
            throw DataError(.emptyData, message)
        }
        return (selecting(rows: kept), removed)
    }
}

extension Column {
    /// `value` converted to this column's type, for ``DataFrame/fixing(column:where:value:)``.
    fileprivate func fitting(_ value: CellValue) throws -> CellValue {
        if case .missing = value { return .missing }
        let shown: String
        if case .string(let text) = value { shown = "'\(text)'" } else { shown = value.text ?? "none" }
        switch (type, value) {
        case (.number, .number), (.number, .integer):
            return .number(value.double ?? .nan)
        case (.integer, .integer):
            return value
        case (.integer, .number(let number)):
            guard let whole = Int64(exactly: number) else {
                throw DataError(.typeMismatch, "column '\(name)' holds whole numbers; \(shown) is not one")
            }
            return .integer(whole)
        case (.boolean, .boolean), (.date, .date):
            return value
        case (.date, .string(let text)):
            var bytes = Array(text.utf8)
            let day = bytes.withUnsafeMutableBufferPointer { ValueParsing.date(UnsafeBufferPointer($0)) }
            guard let day else {
                throw DataError(.typeMismatch, "column '\(name)' holds dates; \(shown) is not a date (YYYY-MM-DD)")
            }
            return .date(day)
        case (.category, _), (.text, _):
            return .string(value.text ?? "")
        default:
            let kind =
                switch type {
                case .number: "numbers"
                case .integer: "whole numbers"
                case .boolean: "true/false values"
                default: "dates"
                }
            throw DataError(.typeMismatch, "column '\(name)' holds \(kind); \(shown) does not fit")
        }
    }

    /// This column with `value` (already fitted to the type) in `rows`.
    fileprivate func setting(_ rows: [Int], to value: CellValue) -> Column {
        var flags = (0..<count).map { missing.isMissing($0) }
        let isMissing = value == .missing
        for row in rows { flags[row] = isMissing }
        let mask = MissingMask(flags)
        switch storage {
        case .number(var values):
            let number = value.double ?? .nan
            for row in rows { values[row] = number }
            return Column(name: name, storage: .number(values), missing: mask)
        case .integer(var values):
            let number: Int64 = if case .integer(let v) = value { v } else { 0 }
            for row in rows { values[row] = number }
            return Column(name: name, storage: .integer(values), missing: mask)
        case .boolean(var values):
            let flag = value == .boolean(true)
            for row in rows { values[row] = flag }
            return Column(name: name, storage: .boolean(values), missing: mask)
        case .date(var values):
            let day: Int32 = if case .date(let d) = value { d } else { 0 }
            for row in rows { values[row] = day }
            return Column(name: name, storage: .date(values), missing: mask)
        case .text(var values):
            let text = value.text ?? ""
            for row in rows { values[row] = text }
            return Column(name: name, storage: .text(values), missing: mask)
        case .category(var codes, var levels):
            // Levels the reader sorted stay sorted; others keep their order, a new label last.
            let wasSorted = zip(levels.dropLast(), levels.dropFirst()).allSatisfy { pair in
                Array(pair.0.utf8).lexicographicallyPrecedes(Array(pair.1.utf8))
            }
            var code: Int32 = -1
            if case .string(let label) = value {
                if let existing = levels.firstIndex(of: label) {
                    code = Int32(existing)
                } else {
                    code = Int32(levels.count)
                    levels.append(label)
                }
            }
            for row in rows { codes[row] = code }
            return Column(
                name: name, storage: Self.tidied(codes: codes, levels: levels, sort: wasSorted), missing: mask)
        }
    }

    /// Category storage without unused levels, sorted by their UTF-8 bytes when `sort` is set.
    private static func tidied(codes: [Int32], levels: [String], sort: Bool) -> Storage {
        var used = [Bool](repeating: false, count: levels.count)
        for code in codes where code >= 0 { used[Int(code)] = true }
        var order = levels.indices.filter { used[$0] }
        if sort { order.sort { Array(levels[$0].utf8).lexicographicallyPrecedes(Array(levels[$1].utf8)) } }
        var newCode = [Int32](repeating: -1, count: levels.count)
        for (rank, old) in order.enumerated() { newCode[old] = Int32(rank) }
        return .category(codes: codes.map { $0 < 0 ? -1 : newCode[Int($0)] }, levels: order.map { levels[$0] })
    }

    /// Mixes each row's value into `hashes` (equal values give equal contributions).
    fileprivate func mixRowHashes(into hashes: inout [UInt64]) {
        let missingValue: UInt64 = 0x9E37_79B9_7F4A_7C15
        @inline(__always)
        func mix(_ hash: inout UInt64, _ value: UInt64) {
            hash = HashCounting.mix(hash &* 0x517C_C1B7_2722_0A95 ^ value)
        }
        switch storage {
        case .number(let values):
            for row in values.indices {
                let v = values[row]
                mix(&hashes[row], v.isNaN ? missingValue : HashCounting.key(v))
            }
        case .integer(let values):
            for row in values.indices {
                mix(&hashes[row], missing.isMissing(row) ? missingValue : UInt64(bitPattern: values[row]))
            }
        case .boolean(let values):
            for row in values.indices {
                mix(&hashes[row], missing.isMissing(row) ? missingValue : (values[row] ? 1 : 0))
            }
        case .category(let codes, _):
            for row in codes.indices { mix(&hashes[row], UInt64(bitPattern: Int64(codes[row]))) }
        case .text(let values):
            for row in values.indices {
                mix(&hashes[row], missing.isMissing(row) ? missingValue : HashCounting.key(values[row]))
            }
        case .date(let values):
            for row in values.indices {
                mix(&hashes[row], missing.isMissing(row) ? missingValue : UInt64(bitPattern: Int64(values[row])))
            }
        }
    }

    /// Whether rows `a` and `b` hold the same value (missing equals missing).
    fileprivate func rowsEqual(_ a: Int, _ b: Int) -> Bool {
        switch storage {
        case .number(let values):
            return values[a] == values[b] || (values[a].isNaN && values[b].isNaN)
        case .category(let codes, _):
            return codes[a] == codes[b]
        default:
            let missingA = isMissing(a)
            guard missingA == isMissing(b) else { return false }
            if missingA { return true }
            switch storage {
            case .integer(let values): return values[a] == values[b]
            case .boolean(let values): return values[a] == values[b]
            case .text(let values): return values[a] == values[b]
            case .date(let values): return values[a] == values[b]
            case .number, .category: return false
            }
        }
    }
}
