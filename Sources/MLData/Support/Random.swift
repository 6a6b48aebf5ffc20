/// The engine's one random number generator: xoshiro256** seeded through SplitMix64.
///
/// Every random step (splits, shuffles, bootstrap samples, initial weights) takes one of
/// these, so the same seed gives the same result on every machine. Never use
/// `SystemRandomNumberGenerator` in the engine.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A generator for an independent stream, such as one per tree, derived from this one.
    public func derived(_ index: Int) -> SeededGenerator {
        var copy = self
        let salt = copy.next() ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        return SeededGenerator(seed: salt)
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.state == rhs.state
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }

    private enum CodingKeys: String, CodingKey { case state }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(forKey: .state, in: container, debugDescription: "need 4 words")
        }
        state = (words[0], words[1], words[2], words[3])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([state.0, state.1, state.2, state.3], forKey: .state)
    }
}

extension Array {
    /// Shuffles in place with Fisher–Yates, drawing from `generator` in a fixed order.
    ///
    /// Unlike the standard library's `shuffle(using:)`, whose algorithm may change
    /// between releases, this one is part of swiftml's reproducibility contract.
    @inlinable
    public mutating func seededShuffle(using generator: inout SeededGenerator) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            swapAt(i, j)
        }
    }
}
