extension DataFrame {
    /// The first `n` rows (all of them when the frame is shorter), keeping the target.
    ///
    /// - Parameter n: The number of rows; negative counts as 0.
    /// - Returns: A frame with `min(max(n, 0), rowCount)` rows.
    public func head(_ n: Int) -> DataFrame {
        selecting(rows: Array(0..<min(max(n, 0), rowCount)))
    }

    /// A numeric summary with one row per number or integer column, like pandas' `describe()`.
    ///
    /// The result has the columns `column` (text), `count` and `missing` (integers, present and
    /// missing values), then `mean`, `std`, `min`, `25%`, `50%`, `75%` and `max` (numbers) over
    /// the present values:
    /// - `std` is the sample standard deviation (ddof = 1, as pandas), missing with fewer than 2 values;
    /// - quantiles interpolate linearly between order statistics (numpy's default `linear`
    ///   method, which pandas uses): position `q·(n − 1)` in the sorted values;
    /// - every statistic of a column without present values is missing.
    ///
    /// The mean uses compensated (Neumaier) summation and the deviation is a two-pass sum, so
    /// both agree with numpy to within a few ulps.
    ///
    /// - Returns: The summary; 0 rows when the frame has no number or integer column.
    public func describe() -> DataFrame {
        let numeric = columns.filter { $0.type == .number || $0.type == .integer }
        var names: [String] = []
        var counts: [Int64] = []
        var missing: [Int64] = []
        var stats: [[Double]] = Array(repeating: [], count: Summary.statisticNames.count)
        for column in numeric {
            let values = column.presentDoubles ?? []
            let summary = Summary(values)
            names.append(column.name)
            counts.append(Int64(values.count))
            missing.append(Int64(column.count - values.count))
            for (k, value) in summary.statistics.enumerated() { stats[k].append(value) }
        }
        var result = [
            Column(name: "column", storage: .text(names)),
            Column(name: "count", storage: .integer(counts)),
            Column(name: "missing", storage: .integer(missing)),
        ]
        for (k, name) in Summary.statisticNames.enumerated() {
            result.append(Column(name: name, storage: .number(stats[k])))
        }
        // The names are fixed and distinct and every column has one entry per numeric column.
        guard let frame = try? DataFrame(columns: result) else {
            preconditionFailure("describe built an inconsistent frame")
        }
        return frame
    }
}

/// The statistics of one column for ``DataFrame/describe()``.
private struct Summary {
    static let statisticNames = ["mean", "std", "min", "25%", "50%", "75%", "max"]

    /// The values in ``statisticNames`` order; `.nan` where undefined.
    let statistics: [Double]

    init(_ values: [Double]) {
        guard !values.isEmpty else {
            statistics = Array(repeating: .nan, count: Self.statisticNames.count)
            return
        }
        let sorted = values.sorted()
        let mean = Self.mean(values)
        var std = Double.nan
        if values.count > 1 {
            var sum = 0.0
            var compensation = 0.0
            for value in values {
                let deviation = value - mean
                Self.neumaierAdd(deviation * deviation, to: &sum, compensation: &compensation)
            }
            std = ((sum + compensation) / Double(values.count - 1)).squareRoot()
        }
        statistics = [
            mean, std, sorted[0],
            Self.quantile(sorted, 0.25), Self.quantile(sorted, 0.5), Self.quantile(sorted, 0.75),
            sorted[sorted.count - 1],
        ]
    }

    private static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values { neumaierAdd(value, to: &sum, compensation: &compensation) }
        return (sum + compensation) / Double(values.count)
    }

    @inline(__always)
    private static func neumaierAdd(_ value: Double, to sum: inout Double, compensation: inout Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// numpy's `quantile(method="linear")` on sorted values, with its `lerp` rounding.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let t = position - Double(lower)
        let a = sorted[lower]
        let b = sorted[upper]
        // numpy's _lerp: a + (b - a)·t, computed from b's side when t ≥ 0.5 for monotonicity.
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }
}
