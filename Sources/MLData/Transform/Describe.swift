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
    /// - Complexity: O(*n*) expected per column (quartiles by selection, not sorting); columns are
    ///   summarised in parallel and combined in column order.
    public func describe() -> DataFrame {
        let numeric = columns.filter { $0.type == .number || $0.type == .integer }
        let summaries = Parallel.map(numeric.count) { index -> (present: Int, statistics: [Double]) in
            let values = NumericStatistics.presentValues(of: numeric[index]) ?? []
            guard let summary = NumericStatistics(values) else {
                return (0, Array(repeating: .nan, count: Self.describeStatisticNames.count))
            }
            let statistics = [
                summary.mean, summary.std, summary.min, summary.q25, summary.median, summary.q75, summary.max,
            ]
            return (values.count, statistics)
        }
        var names: [String] = []
        var counts: [Int64] = []
        var missing: [Int64] = []
        var stats: [[Double]] = Array(repeating: [], count: Self.describeStatisticNames.count)
        for (column, summary) in zip(numeric, summaries) {
            names.append(column.name)
            counts.append(Int64(summary.present))
            missing.append(Int64(column.count - summary.present))
            for (k, value) in summary.statistics.enumerated() { stats[k].append(value) }
        }
        var result = [
            Column(name: "column", storage: .text(names)),
            Column(name: "count", storage: .integer(counts)),
            Column(name: "missing", storage: .integer(missing)),
        ]
        for (k, name) in Self.describeStatisticNames.enumerated() {
            result.append(Column(name: name, storage: .number(stats[k])))
        }
        // The names are fixed and distinct and every column has one entry per numeric column.
        guard let frame = try? DataFrame(columns: result) else {
            preconditionFailure("describe built an inconsistent frame")
        }
        return frame
    }

    /// The statistic columns of ``describe()`` after `column`, `count` and `missing`.
    private static let describeStatisticNames = ["mean", "std", "min", "25%", "50%", "75%", "max"]
}
