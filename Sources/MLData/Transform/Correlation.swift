/// How `correlation` measures association between two columns.
public enum CorrelationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Pearson's product-moment correlation of the values.
    case pearson
    /// Spearman's rank correlation: Pearson's on the ranks, ties sharing their average rank.
    case spearman
}

/// A symmetric matrix of correlations between numeric columns.
public struct CorrelationMatrix: Sendable, Hashable {
    /// One pair of columns and its correlation.
    public struct Pair: Sendable, Hashable {
        /// The first column (earlier in the frame).
        public var first: String
        /// The second column.
        public var second: String
        /// The correlation, in [-1, 1]; NaN when either column is constant over the shared rows.
        public var value: Double
        /// The number of rows where both columns are present.
        public var rows: Int
    }

    /// The method used.
    public var method: CorrelationMethod
    /// The numeric columns, in frame order.
    public var columns: [String]
    /// `values[i][j]` is the correlation of `columns[i]` and `columns[j]` (1 on the diagonal).
    public var values: [[Double]]
    /// Every pair once (i < j), in frame order.
    public var pairs: [Pair]

    /// The pairs ordered by |correlation|, strongest first (NaN last), ties in frame order.
    public var strongestPairs: [Pair] {
        pairs.enumerated().sorted { a, b in
            let x = a.element.value.isNaN ? -1 : abs(a.element.value)
            let y = b.element.value.isNaN ? -1 : abs(b.element.value)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}

extension DataFrame {
    /// The correlations between numeric columns (number, integer, boolean), like pandas' `DataFrame.corr`.
    ///
    /// Each pair uses the rows where both columns are present (pairwise-complete
    /// observations, as pandas does). For Spearman the ranks are computed on those rows.
    ///
    /// - Parameters:
    ///   - method: Pearson (default) or Spearman.
    ///   - names: The columns to correlate; `nil` means every numeric column but the target.
    /// - Returns: The matrix and the list of pairs.
    /// - Throws: ``DataError`` `.unknownColumn`, `.typeMismatch` for a non-numeric column, or
    ///   `.invalidArgument` with fewer than two columns.
    /// - Complexity: O(*k*² · *n*) for *k* columns of *n* rows (plus sorting for Spearman).
    public func correlation(
        method: CorrelationMethod = .pearson, columns names: [String]? = nil
    ) throws -> CorrelationMatrix {
        let chosen: [Column]
        if let names {
            chosen = try names.map { name in
                let column = try column(name)
                guard column.type.isNumeric else {
                    let type = column.type.rawValue
                    throw DataError(.typeMismatch, "'\(name)' is \(type); correlation needs numeric columns")
                }
                return column
            }
        } else {
            chosen = columns.filter { $0.type.isNumeric && $0.name != target }
        }
        guard chosen.count >= 2 else {
            throw DataError(.invalidArgument, "correlation needs at least two numeric columns; found \(chosen.count)")
        }
        let data = chosen.map { $0.doubles ?? [] }
        let complete = chosen.allSatisfy { !$0.missing.hasMissing }
        let ranked = method == .spearman && complete ? data.map(averageRanks) : data
        var values = [[Double]](repeating: [Double](repeating: 1, count: chosen.count), count: chosen.count)
        var pairs: [CorrelationMatrix.Pair] = []
        for i in chosen.indices {
            for j in (i + 1)..<chosen.count {
                var x: [Double]
                var y: [Double]
                if complete {
                    (x, y) = (ranked[i], ranked[j])
                } else {
                    x = []
                    y = []
                    for r in 0..<rowCount where !data[i][r].isNaN && !data[j][r].isNaN {
                        x.append(data[i][r])
                        y.append(data[j][r])
                    }
                    if method == .spearman { (x, y) = (averageRanks(x), averageRanks(y)) }
                }
                let r = pearson(x, y)
                values[i][j] = r
                values[j][i] = r
                pairs.append(.init(first: chosen[i].name, second: chosen[j].name, value: r, rows: x.count))
            }
        }
        return CorrelationMatrix(method: method, columns: chosen.map(\.name), values: values, pairs: pairs)
    }
}

/// Pearson's r of two equal-length vectors; NaN with fewer than two points or zero variance.
func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = x.count
    guard n >= 2 else { return .nan }
    let meanX = x.reduce(0, +) / Double(n)
    let meanY = y.reduce(0, +) / Double(n)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for k in 0..<n {
        let dx = x[k] - meanX
        let dy = y[k] - meanY
        sxy += dx * dy
        sxx += dx * dx
        syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return .nan }
    return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
}

/// Ranks 1…n, tied values sharing the average of their ranks (scipy's `rankdata(method="average")`).
func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
        let rank = Double(start + end) / 2 + 1
        for k in start...end { ranks[order[k]] = rank }
        start = end + 1
    }
    return ranks
}
