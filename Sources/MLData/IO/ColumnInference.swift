/// The kind of one raw value handed to ``ColumnInference``.
package enum RawCellKind: Sendable {
    /// No value: a JSON `null` or absent key, an SQL `NULL`.
    case missing
    /// Text content (a JSON string, SQL `TEXT`): the missing tokens apply, then the CSV type rule.
    case string
    /// A typed value written out as text (a JSON number, `true` or `false`; an SQL integer or
    /// real): never a missing token, typed by the same rule as the string would be.
    case literal
}

/// A column's raw values, read one at a time and possibly twice.
///
/// Readers whose values arrive ready-separated (JSON records, SQL results) expose them
/// through this protocol so that ``ColumnInference`` types them exactly as the CSV reader
/// types its fields.
package protocol RawCells {
    /// The number of values (rows).
    var count: Int { get }

    /// Calls `body` with the kind and the UTF-8 bytes of value `index`.
    ///
    /// Not generic, so a conformance in another module is called without generic metadata
    /// look-ups per value.
    ///
    /// - Parameters:
    ///   - index: The 0-based row.
    ///   - body: Receives the kind and the bytes (empty for ``RawCellKind/missing``); the
    ///     bytes are valid only during the call.
    /// - Returns: What `body` returns.
    func withCell(at index: Int, _ body: (RawCellKind, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool
}

/// Types a column of raw values with the CSV reader's rule, so CSV, JSON and SQL agree.
///
/// Each value's text goes through the same column builder the CSV reader uses: the column
/// is boolean if every present value is `true`/`false` (any letter case), integer if every
/// one parses as `Int64`, number if every one parses as a `Double`, date if every one is a
/// `YYYY-MM-DD` date, and otherwise labels — a category when the distinct count is at most
/// max(20, 5% of the present values), else text. Strings equal to a missing token are
/// missing. A column that mixes kinds (numbers and words) becomes labels, the numbers
/// written as their text, exactly like a CSV column that mixes them. An explicit type skips
/// inference; a value that does not fit it is reported as a ``Mismatch``.
package enum ColumnInference {
    /// A value that does not fit the column's explicit type.
    package struct Mismatch: Error, Sendable {
        /// The 0-based row of the value.
        package var index: Int
        /// The value as text, shortened to 40 characters.
        package var text: String
    }

    /// Builds one typed column.
    ///
    /// - Parameters:
    ///   - name: The column's name.
    ///   - cells: The raw values, one per row.
    ///   - explicitType: The type from `types:`, or `nil` to infer it.
    ///   - missingTokens: Strings that mean "missing" (applied to ``RawCellKind/string`` values only).
    /// - Returns: The column, with one row per value.
    /// - Throws: ``Mismatch`` for the first value that does not fit `explicitType`.
    package static func column(
        named name: String, cells: some RawCells, explicitType: ColumnType?, missingTokens: Set<String>
    ) throws(Mismatch) -> Column {
        let matcher = MissingTokenMatcher(missingTokens)
        var parser = DoubleParser()
        var builder = CSVColumnBuilder(explicitType: explicitType)
        builder.reserve(rows: cells.count)
        try feed(cells, into: &builder, matcher: matcher, parser: &parser)
        if builder.state == .deferred {
            // Values of different kinds: rebuild the column from every value's text, as the CSV reader does.
            builder = CSVColumnBuilder(forceStrings: ())
            builder.reserve(rows: cells.count)
            try feed(cells, into: &builder, matcher: matcher, parser: &parser)
        }
        return builder.finish(name: name)
    }

    /// Appends every value to `builder`, stopping early once the column is known to mix kinds.
    private static func feed(
        _ cells: some RawCells, into builder: inout CSVColumnBuilder, matcher: MissingTokenMatcher,
        parser: inout DoubleParser
    ) throws(Mismatch) {
        for index in 0..<cells.count {
            let fits = cells.withCell(at: index) { kind, bytes in
                switch kind {
                case .missing: builder.append(bytes, isMissing: true, parser: &parser)
                case .string: builder.append(bytes, isMissing: matcher.matches(bytes), parser: &parser)
                case .literal: builder.append(bytes, isMissing: false, parser: &parser)
                }
            }
            guard fits else {
                var text = ""
                _ = cells.withCell(at: index) { _, bytes in
                    text = String(decoding: bytes, as: UTF8.self)
                    return true
                }
                throw Mismatch(index: index, text: text.count > 40 ? String(text.prefix(40)) + "…" : text)
            }
            if builder.state == .deferred { return }
        }
    }
}
