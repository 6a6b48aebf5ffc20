/// Distinct values and duplicate rows counted by hashing, a cache-sized part at a time.
///
/// Keys are first mixed with a bijection (so distinct keys stay distinct), then scattered into 256 parts by their
/// top byte, and each part is counted in a small open-addressed table that stays in cache. That is a few
/// sequential passes over the keys instead of one random access per key into a table of millions of slots.
enum HashCounting {
    /// The number of parts keys are scattered into (by their top byte).
    private static let partBits = 8

    /// murmur3's 64-bit finalizer: a bijection on `UInt64` in which every input bit affects every output bit.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var z = key
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    /// The key of a double for distinct counting: its bit pattern, with `-0.0` counted as `0.0`.
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        value == 0 ? 0 : value.bitPattern
    }

    /// The FNV-1a hash of a string's UTF-8 bytes (stable across runs, unlike `hashValue`).
    static func key(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The number of distinct values among `mixed`, which holds ``mix(_:)`` of each key.
    ///
    /// - Parameter mixed: The mixed keys; reordered.
    /// - Returns: The number of distinct keys.
    static func distinctCount(mixed: inout [UInt64]) -> Int {
        let n = mixed.count
        guard n > 1 else { return n }
        guard n > 4096 else {
            return mixed.withUnsafeMutableBufferPointer { distinctInPart($0) }
        }
        var parts = [UInt64](repeating: 0, count: n)
        let bounds = scatter(mixed, into: &parts)
        return parts.withUnsafeMutableBufferPointer { buffer in
            var total = 0
            for part in 0..<(1 << partBits) {
                let range = bounds[part]..<bounds[part + 1]
                total += distinctInPart(UnsafeMutableBufferPointer(rebasing: buffer[range]))
            }
            return total
        }
    }

    /// The number of rows equal to an earlier row, as pandas' `duplicated(keep="first").sum()`.
    ///
    /// - Parameters:
    ///   - hashes: One hash per row; equal rows must have equal hashes.
    ///   - rowsEqual: Whether two rows (earlier first) are equal; called only for rows with equal hashes.
    /// - Returns: The number of duplicate rows.
    static func duplicateCount(hashes: [UInt64], rowsEqual: (Int, Int) -> Bool) -> Int {
        let n = hashes.count
        guard n > 1 else { return 0 }
        // Rows are scattered by the top byte of their hash, keeping row order within each part.
        var rows = [Int32](repeating: 0, count: n)
        var partHashes = [UInt64](repeating: 0, count: n)
        let partCount = n > 4096 ? 1 << partBits : 1
        var bounds = [Int](repeating: 0, count: partCount + 1)
        let shift = UInt64(64 - partBits)
        if partCount > 1 {
            for hash in hashes { bounds[Int(hash >> shift) + 1] += 1 }
            for part in 0..<partCount { bounds[part + 1] += bounds[part] }
            var next = Array(bounds.dropLast())
            for (row, hash) in hashes.enumerated() {
                let part = Int(hash >> shift)
                rows[next[part]] = Int32(row)
                partHashes[next[part]] = hash
                next[part] += 1
            }
        } else {
            bounds[1] = n
            for row in 0..<n {
                rows[row] = Int32(row)
                partHashes[row] = hashes[row]
            }
        }
        var largest = 0
        for part in 0..<partCount { largest = max(largest, bounds[part + 1] - bounds[part]) }
        // Slots hold a position in the part plus one; 0 is empty.
        var table = [Int32](repeating: 0, count: tableSize(for: largest))
        var duplicates = 0
        for part in 0..<partCount {
            let start = bounds[part]
            let count = bounds[part + 1] - start
            guard count > 1 else { continue }
            let size = tableSize(for: count)
            let mask = size - 1
            for slot in 0..<size { table[slot] = 0 }
            for position in start..<(start + count) {
                let hash = partHashes[position]
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let stored = Int(table[slot])
                    if stored == 0 {
                        table[slot] = Int32(position - start + 1)
                        break
                    }
                    let other = start + stored - 1
                    if partHashes[other] == hash && rowsEqual(Int(rows[other]), Int(rows[position])) {
                        duplicates += 1
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return duplicates
    }

    /// A power-of-two table size at least twice `count` (and at least 16).
    private static func tableSize(for count: Int) -> Int {
        var size = 16
        while size < 2 * count { size <<= 1 }
        return size
    }

    /// Scatters keys into `parts` grouped by their top byte; returns the 257 part boundaries.
    private static func scatter(_ keys: [UInt64], into parts: inout [UInt64]) -> [Int] {
        let partCount = 1 << partBits
        let shift = UInt64(64 - partBits)
        var bounds = [Int](repeating: 0, count: partCount + 1)
        for key in keys { bounds[Int(key >> shift) + 1] += 1 }
        for part in 0..<partCount { bounds[part + 1] += bounds[part] }
        var next = Array(bounds.dropLast())
        parts.withUnsafeMutableBufferPointer { out in
            for key in keys {
                let part = Int(key >> shift)
                out[next[part]] = key
                next[part] += 1
            }
        }
        return bounds
    }

    /// The number of distinct keys in one part, with a table sized for it (0 marks an empty slot).
    private static func distinctInPart(_ keys: UnsafeMutableBufferPointer<UInt64>) -> Int {
        guard keys.count > 1 else { return keys.count }
        let size = tableSize(for: keys.count)
        let mask = size - 1
        var sawZero = false
        var distinct = 0
        var table = [UInt64](repeating: 0, count: size)
        table.withUnsafeMutableBufferPointer { slots in
            for key in keys {
                if key == 0 {
                    sawZero = true
                    continue
                }
                var slot = Int(truncatingIfNeeded: key) & mask
                while true {
                    let stored = slots[slot]
                    if stored == key { break }
                    if stored == 0 {
                        slots[slot] = key
                        distinct += 1
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return distinct + (sawZero ? 1 : 0)
    }
}
