/// Splits `0..<count` into about `chunks` contiguous ranges of nearly equal length.
///
/// - Parameters:
///   - count: The number of items.
///   - chunks: The wanted number of ranges (≥ 1).
/// - Returns: Non-empty ranges in order covering `0..<count` (none when `count` is 0).
func chunkRanges(_ count: Int, chunks: Int) -> [Range<Int>] {
    let pieces = max(1, min(chunks, count))
    guard count > 0 else { return [] }
    return (0..<pieces).map { i in (i * count / pieces)..<((i + 1) * count / pieces) }
}
