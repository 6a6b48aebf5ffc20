/// Collects one CSV column's values, inferring its type as it goes.
///
/// The first present value picks a tentative type: boolean, integer, number, date or strings.
/// Later values either fit it, widen it (integer → number, converted in place), or contradict
/// it; a contradiction turns the column into strings, which needs the earlier values' text, so
/// the builder drops what it has and becomes ``State-swift.enum/deferred``: the reader rebuilds
/// such columns in a second pass with ``init(forceStrings:)``. A column with an explicit type
/// never changes type; ``append(_:isMissing:parser:)`` reports values that do not fit it.
struct CSVColumnBuilder {
    /// What the builder currently stores.
    enum State {
        /// Only missing values so far.
        case empty
        case boolean
        case integer
        case number
        case date
        /// Dictionary-encoded labels (becomes category or text at the end).
        case strings
        /// Contradictory values: to be rebuilt as strings in a second pass.
        case deferred
    }

    /// The type requested with `types:`, if any.
    let explicitType: ColumnType?
    private(set) var state: State
    private(set) var rowCount = 0
    private var missingRows: [Int] = []
    private var booleans: [Bool] = []
    private var integers: [Int64] = []
    private var numbers: [Double] = []
    private var dates: [Int32] = []
    private var codes: [Int32] = []
    private var interner = ByteInterner()
    /// The expected number of rows, for reserving capacity (0 when unknown).
    private var expectedRows = 0

    /// A builder that infers the type, or keeps to `explicitType` when given.
    init(explicitType: ColumnType?) {
        self.explicitType = explicitType
        switch explicitType {
        case nil: state = .empty
        case .boolean: state = .boolean
        case .integer: state = .integer
        case .number: state = .number
        case .date: state = .date
        case .category, .text: state = .strings
        }
    }

    /// A builder that stores every value as a label (the second pass for deferred columns).
    init(forceStrings: Void) {
        explicitType = nil
        state = .strings
    }

    /// How many values the current storage holds without growing.
    var capacity: Int {
        switch state {
        case .empty, .deferred: Int.max
        case .boolean: booleans.capacity
        case .integer: integers.capacity
        case .number: numbers.capacity
        case .date: dates.capacity
        case .strings: codes.capacity
        }
    }

    /// Reserves room for about `rows` values, so the column's storage grows without copying.
    mutating func reserve(rows: Int) {
        expectedRows = rows
        switch state {
        case .empty, .deferred: break
        case .boolean: booleans.reserveCapacity(rows)
        case .integer: integers.reserveCapacity(rows)
        case .number: numbers.reserveCapacity(rows)
        case .date: dates.reserveCapacity(rows)
        case .strings: codes.reserveCapacity(rows)
        }
    }

    /// Appends one value.
    ///
    /// - Parameters:
    ///   - value: The trimmed, unquoted bytes.
    ///   - isMissing: Whether the value is a missing token.
    ///   - parser: The shared double parser.
    /// - Returns: `false` when the column has an explicit type and `value` does not fit it.
    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>, isMissing: Bool, parser: inout DoubleParser) -> Bool {
        if isMissing {
            appendMissing()
            return true
        }
        if state == .empty { startTyping(with: value, parser: &parser) }
        switch state {
        case .boolean:
            let parsed = explicitType == nil ? ValueParsing.strictBoolean(value) : ValueParsing.lenientBoolean(value)
            if let parsed {
                booleans.append(parsed)
            } else {
                return contradict()
            }
        case .integer:
            if let parsed = ValueParsing.int64(value) {
                integers.append(parsed)
            } else if explicitType == .integer {
                // An explicit integer column accepts integral decimals such as `3.0`.
                guard let parsed = parser.parse(value), let whole = Int64(exactly: parsed) else { return false }
                integers.append(whole)
            } else if let parsed = parser.parse(value) {
                numbers.reserveCapacity(max(expectedRows, integers.count + 1))
                numbers.append(contentsOf: integers.lazy.map { Double($0) })
                for row in missingRows { numbers[row] = .nan }
                integers = []
                state = .number
                numbers.append(parsed)
            } else {
                return contradict()
            }
        case .number:
            if let parsed = parser.parse(value) {
                numbers.append(parsed)
            } else {
                return contradict()
            }
        case .date:
            if let parsed = ValueParsing.date(value) {
                dates.append(parsed)
            } else {
                return contradict()
            }
        case .strings:
            codes.append(interner.intern(value))
        case .empty, .deferred:
            break
        }
        rowCount += 1
        return true
    }

    /// Whether the reader's fast path may convert this column's plain numbers itself and hand them over with
    /// ``appendPlain(_:)``: `.integer` for an integer column, `.number` for a number column, else `nil`.
    var plainType: ColumnType? {
        switch state {
        case .integer: .integer
        case .number: .number
        default: nil
        }
    }

    /// Where a number or integer column's values are stored, or `nil` for other columns.
    ///
    /// The values take 8 bytes each, with room for ``capacity``; the address is for faulting pages in ahead
    /// of time, and changes when the storage grows.
    var plainStorage: UnsafeMutableRawPointer? {
        switch state {
        case .integer: integers.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } }
        case .number: numbers.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } }
        default: nil
        }
    }

    /// Appends values the reader converted itself: `Int64` bit patterns when `type` is `.integer`, `Double`
    /// bit patterns when it is `.number` (what ``plainType`` was when they were read).
    ///
    /// A number column takes integers as numbers (a column joined from an integer chunk and a number chunk
    /// is a number column); a deferred column drops them.
    ///
    /// - Parameters:
    ///   - bits: The values, none of them missing.
    ///   - type: `.integer` or `.number`.
    mutating func appendPlain(_ bits: UnsafeBufferPointer<UInt64>, as type: ColumnType) {
        switch (state, type) {
        case (.integer, .integer):
            bits.withMemoryRebound(to: Int64.self) { integers.append(contentsOf: $0) }
        case (.number, .number):
            bits.withMemoryRebound(to: Double.self) { numbers.append(contentsOf: $0) }
        case (.number, .integer):
            bits.withMemoryRebound(to: Int64.self) { numbers.append(contentsOf: $0.lazy.map { Double($0) }) }
        case (.deferred, _):
            break
        default:
            preconditionFailure("plain \(type) values for a \(state) column builder")
        }
        rowCount += bits.count
    }

    /// Records a missing value with the state's placeholder.
    @inline(__always)
    private mutating func appendMissing() {
        rowCount += 1
        guard state != .deferred else { return }
        missingRows.append(rowCount - 1)
        switch state {
        case .empty, .deferred: break
        case .boolean: booleans.append(false)
        case .integer: integers.append(0)
        case .number: numbers.append(.nan)
        case .date: dates.append(0)
        case .strings: codes.append(-1)
        }
    }

    /// Picks the type of the first present value and back-fills placeholders for the missing rows before it.
    private mutating func startTyping(with value: UnsafeBufferPointer<UInt8>, parser: inout DoubleParser) {
        let count = rowCount
        if ValueParsing.strictBoolean(value) != nil {
            state = .boolean
            booleans = Array(repeating: false, count: count)
        } else if ValueParsing.int64(value) != nil {
            state = .integer
            integers = Array(repeating: 0, count: count)
        } else if parser.parse(value) != nil {
            state = .number
            numbers = Array(repeating: .nan, count: count)
        } else if ValueParsing.date(value) != nil {
            state = .date
            dates = Array(repeating: 0, count: count)
        } else {
            state = .strings
            codes = Array(repeating: -1, count: count)
        }
        rowCount = count
        if expectedRows > 0 { reserve(rows: expectedRows) }
    }

    /// Handles a value that does not fit the current type.
    private mutating func contradict() -> Bool {
        guard explicitType == nil else { return false }
        state = .deferred
        missingRows = []
        booleans = []
        integers = []
        numbers = []
        dates = []
        return true
    }

    /// A builder that only says its column must be read again as strings (the state ``State-swift.enum/deferred``).
    static func deferredMarker() -> CSVColumnBuilder {
        var builder = CSVColumnBuilder(explicitType: nil)
        builder.state = .deferred
        return builder
    }

    /// Appends the values of the next chunk of the column, `part`, typing the whole as one pass over all
    /// the values would have.
    ///
    /// One pass types a column by its first present value, widens integers to numbers, and turns into
    /// strings on any other disagreement, so: a chunk without values takes the other's type; integer and
    /// number make a number column; chunks of one type are concatenated (labels re-encoded through this
    /// builder's interner); any other mix, or a deferred chunk, makes this builder deferred, and the column
    /// must be read again as strings. Joining the chunks one after the other this way gives the same
    /// column as one pass, whatever the cuts.
    ///
    /// - Parameter part: The next chunk's builder; it is emptied, so its storage is freed.
    mutating func appendChunk(_ part: inout CSVColumnBuilder) {
        var chunk = CSVColumnBuilder(explicitType: nil)
        swap(&chunk, &part)
        guard state != .deferred else { return }
        var target = state
        if state == .empty {
            target = chunk.state
        } else if chunk.state != .empty && chunk.state != state {
            guard [state, chunk.state].allSatisfy({ $0 == .integer || $0 == .number }) else {
                self = .deferredMarker()
                return
            }
            target = .number
        }
        guard target != .deferred else {
            self = .deferredMarker()
            return
        }
        if state != target { retype(to: target, reserving: max(expectedRows, rowCount + chunk.rowCount)) }
        if chunk.state != target { chunk.retype(to: target, reserving: chunk.rowCount) }
        absorb(chunk)
    }

    /// Changes an empty builder to `target` (placeholders for its missing rows) or widens integers to
    /// numbers; other builders are already of type `target`.
    private mutating func retype(to target: State, reserving capacity: Int) {
        guard state != target else { return }
        let count = rowCount
        switch (state, target) {
        case (.empty, .boolean): booleans = Array(repeating: false, count: count)
        case (.empty, .integer): integers = Array(repeating: 0, count: count)
        case (.empty, .number): numbers = Array(repeating: .nan, count: count)
        case (.empty, .date): dates = Array(repeating: 0, count: count)
        case (.empty, .strings): codes = Array(repeating: -1, count: count)
        case (.integer, .number):
            numbers.reserveCapacity(max(capacity, count))
            numbers.append(contentsOf: integers.lazy.map { Double($0) })
            for row in missingRows { numbers[row] = .nan }
            integers = []
        default:
            preconditionFailure("cannot retype a \(state) column builder to \(target)")
        }
        state = target
        reserve(rows: capacity)
    }

    /// Appends the values of `part` (of the same state), which came after this builder's values.
    private mutating func absorb(_ part: CSVColumnBuilder) {
        let base = rowCount
        missingRows.append(contentsOf: part.missingRows.lazy.map { $0 + base })
        switch state {
        case .empty, .deferred: break
        case .boolean: booleans.append(contentsOf: part.booleans)
        case .integer: integers.append(contentsOf: part.integers)
        case .number: numbers.append(contentsOf: part.numbers)
        case .date: dates.append(contentsOf: part.dates)
        case .strings:
            let ids = (0..<part.interner.count).map { id in
                part.interner.bytes(id).withUnsafeBufferPointer { interner.intern($0) }
            }
            codes.append(contentsOf: part.codes.lazy.map { $0 < 0 ? -1 : ids[Int($0)] })
        }
        rowCount += part.rowCount
    }

    /// The finished column (not for a deferred builder).
    ///
    /// Labels become a category when the distinct count is at most max(20, 5% of the present
    /// values), else text; category levels are sorted by their UTF-8 bytes.
    func finish(name: String) -> Column {
        precondition(state != .deferred, "a deferred column must be rebuilt as strings first")
        var mask = MissingMask.none
        for row in missingRows { mask.setMissing(row, count: rowCount) }
        let storage: Column.Storage
        switch state {
        case .empty:
            storage = Self.allMissing(explicitType ?? .number, count: rowCount)
        case .boolean:
            storage = .boolean(booleans)
        case .integer:
            storage = .integer(integers)
        case .number:
            storage = .number(numbers)
        case .date:
            storage = .date(dates)
        case .strings:
            storage = labels()
        case .deferred:
            storage = .number([])
        }
        return Column(name: name, storage: storage, missing: mask)
    }

    /// The strings as a category (sorted levels) or as text.
    private func labels() -> Column.Storage {
        let present = rowCount - missingRows.count
        let distinct = interner.count
        let isCategory =
            switch explicitType {
            case .category: true
            case .text: false
            default: distinct <= 20 || distinct * 20 <= present
            }
        if isCategory {
            let order = interner.idsInByteOrder()
            var newCode = [Int32](repeating: -1, count: distinct)
            for (rank, id) in order.enumerated() { newCode[id] = Int32(rank) }
            let levels = order.map { interner.string($0) }
            return .category(codes: codes.map { $0 < 0 ? -1 : newCode[Int($0)] }, levels: levels)
        }
        let strings = (0..<distinct).map { interner.string($0) }
        return .text(codes.map { $0 < 0 ? "" : strings[Int($0)] })
    }

    /// Storage for `count` missing values of `type`.
    private static func allMissing(_ type: ColumnType, count: Int) -> Column.Storage {
        switch type {
        case .number: .number(Array(repeating: .nan, count: count))
        case .integer: .integer(Array(repeating: 0, count: count))
        case .boolean: .boolean(Array(repeating: false, count: count))
        case .category: .category(codes: Array(repeating: -1, count: count), levels: [])
        case .text: .text(Array(repeating: "", count: count))
        case .date: .date(Array(repeating: 0, count: count))
        }
    }
}

/// Recognises missing-value tokens in field bytes without hashing or allocating.
///
/// Tokens are grouped by length and screened by their first byte, so a typical number is
/// rejected after one table lookup.
struct MissingTokenMatcher {
    /// Tokens of length `L` are stored back to back in `tokens[offsets[L]..<offsets[L + 1]]`.
    private let tokens: [UInt8]
    private let offsets: [Int]
    private let matchesEmpty: Bool
    /// One bit per possible first byte of a non-empty token.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    /// A matcher for `tokens`.
    init(_ tokens: Set<String>) {
        let byteTokens = tokens.map { Array($0.utf8) }
        let longest = byteTokens.map(\.count).max() ?? 0
        var flat: [UInt8] = []
        var offsets: [Int] = []
        for length in 0...longest {
            offsets.append(flat.count)
            for token in byteTokens.sorted(by: { $0.lexicographicallyPrecedes($1) }) where token.count == length {
                flat.append(contentsOf: token)
            }
        }
        offsets.append(flat.count)
        var bits: [UInt64] = [0, 0, 0, 0]
        for token in byteTokens {
            guard let first = token.first else { continue }
            bits[Int(first >> 6)] |= 1 << UInt64(first & 63)
        }
        self.tokens = flat
        self.offsets = offsets
        self.matchesEmpty = tokens.contains("")
        self.firstBytes = (bits[0], bits[1], bits[2], bits[3])
    }

    /// Whether `value` is exactly one of the tokens.
    @inline(__always)
    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = value.count
        if length == 0 { return matchesEmpty }
        guard length + 1 < offsets.count else { return false }
        let first = value[0]
        let word: UInt64
        switch first >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        guard word & (1 << UInt64(first & 63)) != 0 else { return false }
        var start = offsets[length]
        let end = offsets[length + 1]
        while start < end {
            var equal = true
            for k in 0..<length where tokens[start + k] != value[k] {
                equal = false
                break
            }
            if equal { return true }
            start += length
        }
        return false
    }
}
