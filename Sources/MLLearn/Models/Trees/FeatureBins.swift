import MLData

/// Every input column cut into at most 255 bins, each value replaced by its bin's one-byte code.
///
/// A column with at most `maxBins` distinct values gets one bin per value (so category codes and small
/// integers keep every split); a longer column gets quantile bins of about equal row counts, cut only
/// between distinct values. The edges are midpoints between consecutive distinct training values, and a
/// value goes to the first bin whose edge it does not exceed: `x <= edge[b]` ⇔ `code(x) <= b`, so a split
/// after bin `b` is the threshold split at `edge[b]` on the raw values.
struct FeatureBins: Sendable {
    /// The number of rows.
    let rowCount: Int
    /// The number of columns.
    let columnCount: Int
    /// The bin codes, row after row: `codes[i * columnCount + j]`, so the codes of one row share a cache line
    /// (a node's histograms for several columns are built in one pass over its rows).
    let codes: [UInt8]
    /// The upper edges of each column's bins but the last, ascending.
    let edges: [[Double]]
    /// For a column with one bin per distinct value, those values (the value of bin `b`); `nil` otherwise.
    let binValues: [[Double]?]
    /// The largest bin count of any column.
    let maxBinCount: Int

    /// Bins every column of `x` (in parallel over columns).
    ///
    /// - Parameters:
    ///   - x: The training rows; no missing values.
    ///   - maxBins: The most bins per column, 2 … 255 (default 255).
    init(_ x: Matrix, maxBins: Int = 255) {
        precondition(maxBins >= 2 && maxBins <= 255, "between 2 and 255 bins")
        let n = x.rows
        let columns = x.transposed()
        let binned = Parallel.map(x.columns) { j -> (codes: [UInt8], edges: [Double], values: [Double]?) in
            let column = Array(columns.values[(j * n)..<((j + 1) * n)])
            let (edges, values) = binEdges(column.sorted(), maxBins: maxBins)
            let codes = column.map { value -> UInt8 in
                // The first edge the value does not exceed (binary search).
                var low = 0
                var high = edges.count
                while low < high {
                    let middle = (low + high) / 2
                    if value <= edges[middle] { high = middle } else { low = middle + 1 }
                }
                return UInt8(low)
            }
            return (codes, edges, values)
        }
        rowCount = n
        columnCount = x.columns
        let p = x.columns
        let chunks = chunkRanges(n, chunks: 64)
        let rowMajor = Parallel.map(chunks.count) { c -> [UInt8] in
            let range = chunks[c]
            var part = [UInt8](repeating: 0, count: range.count * p)
            for j in 0..<p {
                let column = binned[j].codes
                for (offset, i) in range.enumerated() { part[offset * p + j] = column[i] }
            }
            return part
        }
        codes = rowMajor.flatMap { $0 }
        edges = binned.map(\.edges)
        binValues = binned.map(\.values)
        maxBinCount = (binned.map { $0.edges.count + 1 }.max() ?? 1)
    }
}

extension FeatureBins {
    /// The threshold of a split whose left side ends with bin `last` and whose right side starts with bin
    /// `next` (the bins between are empty in the node).
    ///
    /// With one bin per value it is the midpoint of the two values, scikit-learn's threshold for the same
    /// rows; with quantile bins, the midpoint of the gap between the two bins' edges. Either way the rows in
    /// bins ≤ `last` are at or below it and those in bins ≥ `next` above it.
    ///
    /// - Parameters:
    ///   - column: The column.
    ///   - last: The highest bin going left.
    ///   - next: The lowest bin going right (> `last`).
    /// - Returns: The threshold on the column's raw values.
    func threshold(_ column: Int, between last: Int, and next: Int) -> Double {
        if let values = binValues[column] { return midpoint(values[last], values[next]) }
        let edges = edges[column]
        return midpoint(edges[last], edges[next - 1])
    }
}

/// The bin edges of one sorted column and, when every distinct value has its own bin, those values.
///
/// - Parameters:
///   - sorted: The column's values, ascending.
///   - maxBins: The most bins.
/// - Returns: The ascending edges (bins − 1 of them) and the per-bin values or `nil`.
private func binEdges(_ sorted: [Double], maxBins: Int) -> (edges: [Double], values: [Double]?) {
    var distinct: [Double] = []
    var counts: [Int] = []
    for value in sorted {
        if distinct.last == value {
            counts[counts.count - 1] += 1
        } else {
            distinct.append(value)
            counts.append(1)
        }
    }
    if distinct.count <= maxBins {
        let edges = (0..<max(0, distinct.count - 1)).map { midpoint(distinct[$0], distinct[$0 + 1]) }
        return (edges, distinct)
    }
    // Quantile bins: close a bin after the distinct value that reaches the next 1/maxBins of the rows.
    let n = Double(sorted.count)
    var edges: [Double] = []
    var cumulative = 0
    for j in 0..<(distinct.count - 1) {
        cumulative += counts[j]
        let target = Double(edges.count + 1) * n / Double(maxBins)
        if Double(cumulative) >= target { edges.append(midpoint(distinct[j], distinct[j + 1])) }
    }
    return (edges, nil)
}
