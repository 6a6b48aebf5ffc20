/// A bitmap with one bit per row, set where the value is missing.
///
/// An empty mask (`words.isEmpty`) means no value is missing, so columns without
/// missing values pay nothing.
public struct MissingMask: Sendable, Hashable, Codable {
    /// 64 rows per word; bit `i % 64` of word `i / 64` is row `i`.
    public private(set) var words: [UInt64]

    /// A mask with no missing rows.
    public static let none = MissingMask(words: [])

    private init(words: [UInt64]) { self.words = words }

    /// Creates a mask from one flag per row.
    public init(_ flags: some Collection<Bool>) {
        guard flags.contains(true) else {
            words = []
            return
        }
        var words = [UInt64](repeating: 0, count: (flags.count + 63) / 64)
        for (i, flag) in flags.enumerated() where flag {
            words[i >> 6] |= 1 << UInt64(i & 63)
        }
        self.words = words
    }

    /// Whether row `row` is missing.
    @inline(__always)
    public func isMissing(_ row: Int) -> Bool {
        let word = row >> 6
        guard word < words.count else { return false }
        return words[word] & (1 << UInt64(row & 63)) != 0
    }

    /// Marks row `row` (of a column of `count` rows) as missing.
    public mutating func setMissing(_ row: Int, count: Int) {
        if words.isEmpty { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
        words[row >> 6] |= 1 << UInt64(row & 63)
    }

    /// The number of missing rows.
    public var missingCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether any row is missing.
    public var hasMissing: Bool { words.contains { $0 != 0 } }

    /// The mask of the rows at `indices`, in that order.
    public func selecting(_ indices: some Collection<Int>) -> MissingMask {
        guard hasMissing else { return .none }
        return MissingMask(indices.lazy.map { isMissing($0) })
    }
}
