/// A hash set of byte strings that gives each distinct value a dense id in order of first appearance.
///
/// The CSV reader uses it to dictionary-encode label columns straight from the file's bytes,
/// so a repeated label costs one hash lookup and no `String`. Values live back to back in one
/// arena; the table is open-addressed with linear probing and kept at most half full.
struct ByteInterner {
    /// All distinct values, concatenated.
    private var arena: [UInt8] = []
    /// `ends[id]` is where value `id` ends in `arena` (it starts at `ends[id - 1]`, or 0).
    private var ends: [Int] = []
    /// The FNV-1a hash of each value, so the table can grow without rehashing bytes.
    private var hashes: [UInt64] = []
    /// Slots holding ids, `-1` when empty; the count is a power of two.
    private var table = [Int32](repeating: -1, count: 64)

    /// The number of distinct values.
    var count: Int { ends.count }

    /// The id of `value`, adding it if it is new.
    @inline(__always)
    mutating func intern(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in value {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let mask = table.count - 1
        var slot = Self.slot(hash, tableSize: table.count)
        while true {
            let id = table[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && matches(Int(id), value) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(ends.count)
        arena.append(contentsOf: value)
        ends.append(arena.count)
        hashes.append(hash)
        table[slot] = id
        if ends.count * 2 > table.count { grow() }
        return id
    }

    /// The bytes of value `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> {
        arena[(id == 0 ? 0 : ends[id - 1])..<ends[id]]
    }

    /// Value `id` as a string (the reader has already checked that the input is UTF-8).
    func string(_ id: Int) -> String {
        bytes(id).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The ids ordered by their bytes (lexicographic byte order, which is code-point order for UTF-8).
    func idsInByteOrder() -> [Int] {
        (0..<count).sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }
    }

    private func matches(_ id: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : ends[id - 1]
        guard ends[id] - start == value.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for k in 0..<value.count where stored[start + k] != value[k] { return false }
            return true
        }
    }

    /// The home slot of `hash`: Fibonacci hashing keeps the high, well-mixed bits of the product.
    @inline(__always)
    private static func slot(_ hash: UInt64, tableSize: Int) -> Int {
        let bits = UInt64(tableSize.trailingZeroBitCount)
        return Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: table.count * 2)
        let mask = bigger.count - 1
        for id in 0..<ends.count {
            var slot = Self.slot(hashes[id], tableSize: bigger.count)
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id)
        }
        table = bigger
    }
}
