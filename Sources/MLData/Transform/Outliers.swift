/// How ``DataFrame/outliers(method:columns:)`` decides that a value is unusual.
public enum OutlierMethod: Sendable, Hashable {
    /// Tukey's fences: outside [Q1 − k·IQR, Q3 + k·IQR], with the quartiles interpolated
    /// linearly as numpy's default `quantile` does.
    case iqr(k: Double = 1.5)
    /// More than `threshold` population standard deviations (ddof = 0) from the mean, as
    /// `scipy.stats.zscore(x, nan_policy="omit")`.
    case zscore(threshold: Double = 3)

    /// The method's name as the notebook spells it: `iqr` or `zscore`.
    public var name: String {
        switch self {
        case .iqr: "iqr"
        case .zscore: "zscore"
        }
    }
}

/// The unusual values of a frame's numeric columns.
public struct OutlierReport: Sendable, Hashable {
    /// The outliers of one column.
    public struct ColumnOutliers: Sendable, Hashable {
        /// The column's name.
        public var name: String
        /// Values below this are outliers (`.nan` when the column has no present value).
        public var lower: Double
        /// Values above this are outliers (`.nan` when the column has no present value).
        public var upper: Double
        /// The 0-based rows holding an outlier in this column, ascending.
        public var rows: [Int]

        /// The number of outliers in this column.
        public var count: Int { rows.count }

        /// Creates a column's entry.
        ///
        /// - Parameters:
        ///   - name: The column's name.
        ///   - lower: The lower bound.
        ///   - upper: The upper bound.
        ///   - rows: The 0-based rows outside the bounds, ascending.
        public init(name: String, lower: Double, upper: Double, rows: [Int]) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.rows = rows
        }
    }

    /// The method used.
    public var method: OutlierMethod
    /// One entry per checked column, in the frame's order.
    public var columns: [ColumnOutliers]
    /// The 0-based rows with an outlier in any column, ascending.
    public var rows: [Int]

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - method: The method used.
    ///   - columns: The per-column entries.
    ///   - rows: The 0-based rows flagged in any column, ascending.
    public init(method: OutlierMethod, columns: [ColumnOutliers], rows: [Int]) {
        self.method = method
        self.columns = columns
        self.rows = rows
    }

    /// The report as a table with the columns `column` (text), `lower`, `upper` (numbers) and
    /// `outliers` (integer), one row per checked column.
    public func table() -> DataFrame {
        let result = [
            Column(name: "column", storage: .text(columns.map(\.name))),
            Column(name: "lower", storage: .number(columns.map(\.lower))),
            Column(name: "upper", storage: .number(columns.map(\.upper))),
            Column(name: "outliers", storage: .integer(columns.map { Int64($0.count) })),
        ]
        // The names are fixed and distinct and every column has one entry per checked column.
        guard let frame = try? DataFrame(columns: result) else {
            preconditionFailure("the outlier table is inconsistent")
        }
        return frame
    }
}

extension DataFrame {
    /// Finds unusual values in the number and integer columns.
    ///
    /// Only present values take part: quartiles, mean and deviation ignore missing values, and
    /// a missing value is never an outlier. A value is an outlier when it is strictly outside
    /// the bounds (for z-scores, when |x − mean| / std > threshold); a column whose values are
    /// all equal has none.
    ///
    /// - Parameters:
    ///   - method: ``OutlierMethod/iqr(k:)`` or ``OutlierMethod/zscore(threshold:)``.
    ///   - columns: The columns to check; `nil` checks every number and integer column.
    /// - Returns: Per column the bounds and the flagged rows, and all flagged rows.
    /// - Throws: ``DataError`` `.unknownColumn`; `.typeMismatch` for a named column that is not
    ///   number or integer, or a frame without one; `.invalidArgument` for a negative or
    ///   non-finite `k`, or a threshold that is not positive.
    /// - Complexity: O(*n*) expected per column (quartiles by selection).
    public func outliers(method: OutlierMethod = .iqr(), columns: [String]? = nil) throws -> OutlierReport {
        switch method {
        case .iqr(let k):
            guard k.isFinite, k >= 0 else {
                throw DataError(.invalidArgument, "the IQR factor k must be a number ≥ 0, not \(k)")
            }
        case .zscore(let threshold):
            guard threshold.isFinite, threshold > 0 else {
                throw DataError(.invalidArgument, "the z-score threshold must be a number > 0, not \(threshold)")
            }
        }
        let chosen: [Column]
        if let columns {
            chosen = try columns.map { name in
                let column = try self.column(name)
                guard column.type == .number || column.type == .integer else {
                    throw DataError(
                        .typeMismatch, "column '\(name)' is \(column.type); outliers are found in number columns")
                }
                return column
            }
        } else {
            chosen = self.columns.filter { $0.type == .number || $0.type == .integer }
            guard !chosen.isEmpty else {
                throw DataError(.typeMismatch, "the frame has no number columns to look for outliers in")
            }
        }
        var entries: [OutlierReport.ColumnOutliers] = []
        var flagged = [Bool](repeating: false, count: rowCount)
        for column in chosen {
            let entry = Self.outliers(in: column, method: method)
            for row in entry.rows { flagged[row] = true }
            entries.append(entry)
        }
        return OutlierReport(method: method, columns: entries, rows: flagged.indices.filter { flagged[$0] })
    }

    private static func outliers(in column: Column, method: OutlierMethod) -> OutlierReport.ColumnOutliers {
        let values = column.doubles ?? []
        let present = values.filter { !$0.isNaN }
        guard !present.isEmpty else {
            return OutlierReport.ColumnOutliers(name: column.name, lower: .nan, upper: .nan, rows: [])
        }
        switch method {
        case .iqr(let k):
            var scratch = present
            let quartiles = scratch.withUnsafeMutableBufferPointer {
                NumericStatistics.quantiles(of: $0, at: [0.25, 0.75])
            }
            let q1 = quartiles[0]
            let q3 = quartiles[1]
            let spread = q3 - q1
            let lower = q1 - k * spread
            let upper = q3 + k * spread
            let rows = values.indices.filter { values[$0] < lower || values[$0] > upper }
            return OutlierReport.ColumnOutliers(name: column.name, lower: lower, upper: upper, rows: rows)
        case .zscore(let threshold):
            let n = Double(present.count)
            let mean = compensatedSum(present) / n
            let std = (compensatedSum(present.map { ($0 - mean) * ($0 - mean) }) / n).squareRoot()
            let lower = mean - threshold * std
            let upper = mean + threshold * std
            guard std > 0 else {
                return OutlierReport.ColumnOutliers(name: column.name, lower: lower, upper: upper, rows: [])
            }
            let rows = values.indices.filter { abs((values[$0] - mean) / std) > threshold }
            return OutlierReport.ColumnOutliers(name: column.name, lower: lower, upper: upper, rows: rows)
        }
    }

    /// Neumaier's compensated sum.
    private static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values { NumericStatistics.neumaierAdd(value, to: &sum, compensation: &compensation) }
        return sum + compensation
    }
}
