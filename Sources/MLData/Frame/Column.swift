#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One named, typed column of a ``DataFrame``.
///
/// Storage is columnar and typed. Numbers keep `.nan` in missing slots *and* a set bit in
/// ``missing``, so numeric kernels can read the buffer directly while every type answers
/// ``isMissing(_:)`` the same way. Categories are dictionary-encoded: `codes[i]` indexes
/// `levels`, and `-1` marks a missing value.
public struct Column: Sendable, Hashable {
    /// The typed values of a column.
    public enum Storage: Sendable, Hashable {
        /// Floating-point values; missing slots hold `.nan`.
        case number([Double])
        /// Whole numbers; missing slots hold 0.
        case integer([Int64])
        /// Booleans; missing slots hold `false`.
        case boolean([Bool])
        /// Codes into `levels`; `-1` is missing.
        case category(codes: [Int32], levels: [String])
        /// Strings; missing slots hold `""`.
        case text([String])
        /// Days since 1970-01-01; missing slots hold 0.
        case date([Int32])
    }

    /// The column's name, unique within its frame.
    public var name: String
    /// The values.
    public private(set) var storage: Storage
    /// Which rows are missing.
    public private(set) var missing: MissingMask

    /// Creates a column; `missing` marks the rows whose value is absent.
    ///
    /// For `.number` storage, rows holding `.nan` are missing whether or not `missing` says so.
    /// For `.category`, rows whose code is `-1` are missing.
    public init(name: String, storage: Storage, missing: MissingMask = .none) {
        self.name = name
        switch storage {
        case .number(let values):
            var mask = missing
            for (i, v) in values.enumerated() where v.isNaN { mask.setMissing(i, count: values.count) }
            var stored = values
            // Write only where needed: readers already store NaN there, and a write would copy the buffer.
            if mask.hasMissing {
                for i in stored.indices where mask.isMissing(i) && !stored[i].isNaN { stored[i] = .nan }
            }
            self.storage = .number(stored)
            self.missing = mask
        case .category(let codes, let levels):
            var mask = missing
            for (i, c) in codes.enumerated() where c < 0 { mask.setMissing(i, count: codes.count) }
            var stored = codes
            if mask.hasMissing {
                for i in stored.indices where mask.isMissing(i) && stored[i] >= 0 { stored[i] = -1 }
            }
            self.storage = .category(codes: stored, levels: levels)
            self.missing = mask
        default:
            self.storage = storage
            self.missing = missing
        }
    }

    /// Creates a number column from optional values (`nil` is missing).
    public init(name: String, numbers: [Double?]) {
        self.init(name: name, storage: .number(numbers.map { $0 ?? .nan }))
    }

    /// Creates a category column from optional labels, levels in order of first appearance.
    public init(name: String, categories: [String?]) {
        var levels: [String] = []
        var index: [String: Int32] = [:]
        let codes: [Int32] = categories.map { label in
            guard let label else { return -1 }
            if let code = index[label] { return code }
            let code = Int32(levels.count)
            index[label] = code
            levels.append(label)
            return code
        }
        self.init(name: name, storage: .category(codes: codes, levels: levels))
    }

    /// The logical type.
    public var type: ColumnType {
        switch storage {
        case .number: .number
        case .integer: .integer
        case .boolean: .boolean
        case .category: .category
        case .text: .text
        case .date: .date
        }
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .number(let v): v.count
        case .integer(let v): v.count
        case .boolean(let v): v.count
        case .category(let codes, _): codes.count
        case .text(let v): v.count
        case .date(let v): v.count
        }
    }

    /// Whether row `row` is missing.
    @inline(__always)
    public func isMissing(_ row: Int) -> Bool { missing.isMissing(row) }

    /// The number of missing rows.
    public var missingCount: Int { missing.missingCount }

    /// The values as doubles (`.nan` where missing) for numeric types, else `nil`.
    ///
    /// Booleans become 0 and 1; dates become days since 1970-01-01.
    public var doubles: [Double]? {
        switch storage {
        case .number(let v): return v
        case .integer(let v):
            return v.indices.map { missing.isMissing($0) ? .nan : Double(v[$0]) }
        case .boolean(let v):
            return v.indices.map { missing.isMissing($0) ? .nan : (v[$0] ? 1 : 0) }
        case .date(let v):
            return v.indices.map { missing.isMissing($0) ? .nan : Double(v[$0]) }
        case .category, .text:
            return nil
        }
    }

    /// The non-missing values as doubles, for numeric types; `nil` otherwise.
    public var presentDoubles: [Double]? {
        guard let all = doubles else { return nil }
        return missing.hasMissing ? all.filter { !$0.isNaN } : all
    }

    /// The value at `row` as a typed cell.
    public func value(at row: Int) -> CellValue {
        if missing.isMissing(row) { return .missing }
        switch storage {
        case .number(let v): return .number(v[row])
        case .integer(let v): return .integer(v[row])
        case .boolean(let v): return .boolean(v[row])
        case .category(let codes, let levels): return .string(levels[Int(codes[row])])
        case .text(let v): return .string(v[row])
        case .date(let v): return .date(v[row])
        }
    }

    /// The value at `row` as text for labels and grouping (`nil` when missing).
    ///
    /// Numbers use the shortest representation that round-trips.
    public func string(at row: Int) -> String? {
        value(at: row).text
    }

    /// The rows at `indices`, in that order (indices may repeat, as in a bootstrap sample).
    public func selecting(_ indices: some Collection<Int>) -> Column {
        let mask = missing.selecting(indices)
        let storage: Storage
        switch self.storage {
        case .number(let v): storage = .number(indices.map { v[$0] })
        case .integer(let v): storage = .integer(indices.map { v[$0] })
        case .boolean(let v): storage = .boolean(indices.map { v[$0] })
        case .category(let codes, let levels): storage = .category(codes: indices.map { codes[$0] }, levels: levels)
        case .text(let v): storage = .text(indices.map { v[$0] })
        case .date(let v): storage = .date(indices.map { v[$0] })
        }
        var column = self
        column.storage = storage
        column.missing = mask
        return column
    }

    /// A copy with another name.
    public func renamed(_ newName: String) -> Column {
        var copy = self
        copy.name = newName
        return copy
    }
}

/// One cell's value, typed.
public enum CellValue: Sendable, Hashable {
    case missing
    case number(Double)
    case integer(Int64)
    case boolean(Bool)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)

    /// The value as a double when it is numeric.
    public var double: Double? {
        switch self {
        case .number(let v): v
        case .integer(let v): Double(v)
        case .boolean(let v): v ? 1 : 0
        case .date(let v): Double(v)
        case .missing, .string: nil
        }
    }

    /// A plain-text rendering (`nil` when missing): shortest round-trip numbers, ISO dates.
    public var text: String? {
        switch self {
        case .missing: return nil
        case .number(let v): return v.description
        case .integer(let v): return String(v)
        case .boolean(let v): return v ? "true" : "false"
        case .string(let s): return s
        case .date(let d): return isoDate(daysSinceEpoch: d)
        }
    }
}

/// Formats days since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian).
public func isoDate(daysSinceEpoch days: Int32) -> String {
    // Howard Hinnant's civil_from_days.
    let z = Int(days) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
}

// MARK: - Codable

extension Column: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, type, values, codes, levels, strings, missing
    }

    /// Numbers, integers, dates and category codes are encoded as their raw little-endian bytes (`Data`, which
    /// JSON writes as base64), so a frame round-trips bit for bit (NaN included) and a cached frame of many
    /// rows stays small and quick to read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(missing, forKey: .missing)
        switch storage {
        case .number(let values): try container.encode(Self.bytes(values.map(\.bitPattern)), forKey: .values)
        case .integer(let values):
            try container.encode(Self.bytes(values.map(UInt64.init(bitPattern:))), forKey: .values)
        case .date(let values): try container.encode(Self.bytes(values.map(UInt32.init(bitPattern:))), forKey: .values)
        case .boolean(let values): try container.encode(Data(values.map { $0 ? 1 : 0 }), forKey: .values)
        case .category(let codes, let levels):
            try container.encode(Self.bytes(codes.map(UInt32.init(bitPattern:))), forKey: .codes)
            try container.encode(levels, forKey: .levels)
        case .text(let values): try container.encode(values, forKey: .strings)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        missing = try container.decode(MissingMask.self, forKey: .missing)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = ColumnType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown column type '\(typeName)'")
        }
        switch type {
        case .number:
            storage = .number(try Self.words(container, .values, as: UInt64.self).map(Double.init(bitPattern:)))
        case .integer:
            storage = .integer(try Self.words(container, .values, as: UInt64.self).map(Int64.init(bitPattern:)))
        case .date:
            storage = .date(try Self.words(container, .values, as: UInt32.self).map(Int32.init(bitPattern:)))
        case .boolean:
            storage = .boolean(try container.decode(Data.self, forKey: .values).map { $0 != 0 })
        case .category:
            storage = .category(
                codes: try Self.words(container, .codes, as: UInt32.self).map(Int32.init(bitPattern:)),
                levels: try container.decode([String].self, forKey: .levels))
        case .text:
            storage = .text(try container.decode([String].self, forKey: .strings))
        }
    }

    /// The little-endian bytes of `words`.
    private static func bytes<Word: FixedWidthInteger>(_ words: [Word]) -> Data {
        var bytes = Data()
        bytes.reserveCapacity(words.count * Word.bitWidth / 8)
        for word in words {
            var value = word.littleEndian
            withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The words encoded by ``bytes(_:)`` under `key`.
    private static func words<Word: FixedWidthInteger>(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, as: Word.Type
    ) throws -> [Word] {
        let bytes = [UInt8](try container.decode(Data.self, forKey: key))
        let size = Word.bitWidth / 8
        guard bytes.count % size == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(bytes.count) bytes is not a whole number of values")
        }
        return stride(from: 0, to: bytes.count, by: size).map { start in
            var word = Word.zero
            for offset in 0..<size { word |= Word(bytes[start + offset]) << (8 * offset) }
            return word
        }
    }
}
