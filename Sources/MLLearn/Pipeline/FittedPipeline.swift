public import MLData

/// What a fitted pipeline does to one input column.
public struct FeatureStep: Sendable, Codable, Hashable {
    /// How the column becomes model inputs.
    public enum Transform: Sendable, Codable, Hashable {
        /// Fill missing values with `fill`, then output `(x − center) / scale`.
        case numeric(fill: Double, center: Double, scale: Double)
        /// Fill missing values with `fill`, then one 0/1 output per level (all zeros for an unseen level).
        ///
        /// `fill` is `nil` when the training rows had no value at all.
        case oneHot(levels: [String], fill: String?)
        /// Fill missing values with `fill`, then output the level's index (−1 for an unseen level).
        case ordinal(levels: [String], fill: String?)
    }

    /// The input column's name.
    public var name: String
    /// The input column's type in the training frame.
    public var inputType: ColumnType
    /// The learned transformation.
    public var transform: Transform

    /// The names of the outputs: the column name, or `name=level` for each one-hot level.
    public var outputNames: [String] {
        switch transform {
        case .numeric, .ordinal: [name]
        case .oneHot(let levels, _): levels.map { "\(name)=\($0)" }
        }
    }
}

/// A preprocessing pipeline learned from training rows: imputation values, scaling statistics and
/// category levels, one ``FeatureStep`` per input column.
///
/// Numeric columns (number, integer, boolean; dates as days since 1970-01-01) are imputed, then
/// scaled. Category and text columns are imputed with their most frequent training level, then
/// encoded. The fitted value is immutable: transforming test rows never changes it.
public struct FittedPipeline: Sendable, Codable, Hashable {
    /// The specification it was fitted from.
    public private(set) var spec: PipelineSpec
    /// One step per input column, in input order.
    public private(set) var steps: [FeatureStep]
    /// Remarks made while fitting (an all-missing column, a very high-cardinality one).
    public private(set) var warnings: [String]

    /// The input column names, in order.
    public var inputNames: [String] { steps.map(\.name) }

    /// The names of the output columns in order, such as `bill_length_mm` or `island=Biscoe`.
    public var outputNames: [String] { steps.flatMap(\.outputNames) }

    /// The number of output columns.
    public var outputCount: Int { outputNames.count }

    /// The output names, with the level counts of ordinal-encoded columns.
    public var inputSchema: InputSchema {
        var levels: [Int: Int] = [:]
        var offset = 0
        for step in steps {
            if case .ordinal(let stepLevels, _) = step.transform { levels[offset] = stepLevels.count }
            offset += step.outputNames.count
        }
        return InputSchema(names: outputNames, categoricalLevels: levels)
    }

    /// Learns imputation values, scaling statistics and levels from `frame`.
    ///
    /// Pass only training rows: everything the pipeline learns comes from `frame`.
    ///
    /// - Parameters:
    ///   - spec: What to impute, how to scale and encode.
    ///   - frame: The training rows.
    ///   - features: The input columns, in the order their outputs should appear.
    /// - Returns: The fitted pipeline.
    /// - Throws: `DataError` `.unknownColumn` for a feature the frame lacks, `.duplicateColumn`
    ///   for a repeated feature; ``LearnError`` `.emptyTrainingData` when there are no rows or no
    ///   features.
    public static func fit(_ spec: PipelineSpec, on frame: DataFrame, features: [String]) throws -> FittedPipeline {
        guard !features.isEmpty else {
            throw LearnError(.emptyTrainingData, "the pipeline has no feature columns to learn from")
        }
        guard frame.rowCount > 0 else {
            throw LearnError(.emptyTrainingData, "the pipeline cannot be fitted on a frame with no rows")
        }
        var seen = Set<String>()
        var steps: [FeatureStep] = []
        var warnings: [String] = []
        for name in features {
            guard seen.insert(name).inserted else {
                throw DataError(.duplicateColumn, "feature '\(name)' is listed twice")
            }
            _ = try frame.column(name)
        }
        // Columns are learned independently, so in parallel; steps and warnings keep the feature order.
        let learned = Parallel.map(features.count) { index -> (FeatureStep, [String]) in
            // Checked above: every feature is a column of the frame.
            guard let column = try? frame.column(features[index]) else { preconditionFailure("checked column") }
            var notes: [String] = []
            if let values = column.doubles {
                return (fitNumeric(column, values: values, spec: spec, warnings: &notes), notes)
            }
            return (fitCategorical(column, spec: spec, rowCount: frame.rowCount, warnings: &notes), notes)
        }
        for (step, notes) in learned {
            steps.append(step)
            warnings += notes
        }
        return FittedPipeline(spec: spec, steps: steps, warnings: warnings)
    }

    /// Applies the learned steps to `frame`, one output row per frame row.
    ///
    /// Only the input columns are read; other columns (the target, for example) may be absent.
    ///
    /// - Parameter frame: The rows to transform.
    /// - Returns: A `frame.rowCount`×``outputCount`` matrix whose columns follow ``outputNames``.
    /// - Throws: `DataError` `.unknownColumn` when an input column is missing (with the nearest name
    ///   suggested), `.typeMismatch` when a numeric input is no longer numeric.
    public func transform(_ frame: DataFrame) throws -> Matrix {
        let width = outputCount
        let rowCount = frame.rowCount
        // Each step's input, read once: the raw numbers, or the level index of every row.
        enum Input {
            case numeric([Double], fill: Double, center: Double, scale: Double)
            case oneHot([Int])
            case ordinal([Int])
        }
        var inputs: [(input: Input, offset: Int)] = []
        var offset = 0
        for step in steps {
            let column = try frame.column(step.name)
            switch step.transform {
            case .numeric(let fill, let center, let scale):
                guard let raw = column.doubles else {
                    throw DataError(
                        .typeMismatch,
                        "column '\(step.name)' was \(step.inputType.rawValue) in the training data but is "
                            + "\(column.type.rawValue) here"
                    )
                }
                inputs.append((.numeric(raw, fill: fill, center: center, scale: scale), offset))
                offset += 1
            case .oneHot(let levels, let fill):
                inputs.append((.oneHot(levelIndices(column, levels: levels, fill: fill)), offset))
                offset += levels.count
            case .ordinal(let levels, let fill):
                inputs.append((.ordinal(levelIndices(column, levels: levels, fill: fill)), offset))
                offset += 1
            }
        }
        // Rows go in blocks so the block of output being written stays in cache while every step fills its
        // columns; writing one whole column at a time would stream the matrix through memory once per column.
        // The memory is written once: a block is zeroed first only where one-hot columns leave zeros.
        let blockRows = max(1, 32_768 / max(1, width))
        let zeroesBlocks = inputs.contains { if case .oneHot = $0.input { true } else { false } }
        let values = [Double](freshCount: rowCount * width) { output in
            for blockStart in stride(from: 0, to: rowCount, by: blockRows) {
                let rows = blockStart..<min(rowCount, blockStart + blockRows)
                if zeroesBlocks {
                    output[(rows.lowerBound * width)..<(rows.upperBound * width)].initialize(repeating: 0)
                }
                for (input, column) in inputs {
                    switch input {
                    case .numeric(let raw, let fill, let center, let scale):
                        raw.withUnsafeBufferPointer { raw in
                            for row in rows {
                                let x = raw[row].isNaN ? fill : raw[row]
                                output[row * width + column] = (x - center) / scale
                            }
                        }
                    case .oneHot(let levels):
                        for row in rows where levels[row] >= 0 { output[row * width + column + levels[row]] = 1 }
                    case .ordinal(let levels):
                        for row in rows { output[row * width + column] = Double(levels[row]) }
                    }
                }
            }
        }
        return Matrix(rows: rowCount, columns: width, values: values)
    }

    private static func fitNumeric(
        _ column: Column, values: [Double], spec: PipelineSpec, warnings: inout [String]
    ) -> FeatureStep {
        let present = values.contains(where: \.isNaN) ? values.filter { !$0.isNaN } : values
        let fill: Double
        if present.isEmpty {
            fill = 0
            warnings.append("column '\(column.name)' has no values in the training rows; it is filled with 0")
        } else {
            switch spec.impute {
            case .mean: fill = present.reduce(0, +) / Double(present.count)
            case .median: fill = median(present)
            case .mostFrequent: fill = mostFrequent(present)
            case .constant(let value): fill = value
            }
        }
        let imputed = present.count == values.count ? values : values.map { $0.isNaN ? fill : $0 }
        var center = 0.0
        var scale = 1.0
        switch spec.scale {
        case .none:
            break
        case .standard:
            let moments = meanAndVariance(imputed)
            center = moments.mean
            let variance = moments.variance
            // Only a (near-)zero variance can come from a constant column; check the values only then.
            let nearZero = variance <= 1e-12 * max(1, center * center)
            scale = nearZero && isConstant(imputed) ? 1 : variance.squareRoot()
        case .minMax:
            let low = imputed.min() ?? 0
            let high = imputed.max() ?? 0
            center = low
            scale = high > low ? high - low : 1
        case .robust:
            let sorted = imputed.sorted()
            center = quantile(sorted, 0.5)
            let spread = quantile(sorted, 0.75) - quantile(sorted, 0.25)
            scale = spread > 0 ? spread : 1
        }
        return FeatureStep(
            name: column.name, inputType: column.type, transform: .numeric(fill: fill, center: center, scale: scale))
    }

    private static func fitCategorical(
        _ column: Column, spec: PipelineSpec, rowCount: Int, warnings: inout [String]
    ) -> FeatureStep {
        var counts: [String: Int] = [:]
        if case .category(let codes, let categoryLevels) = column.storage {
            var codeCounts = [Int](repeating: 0, count: categoryLevels.count)
            for code in codes where code >= 0 { codeCounts[Int(code)] += 1 }
            for (code, count) in codeCounts.enumerated() where count > 0 {
                counts[categoryLevels[code], default: 0] += count
            }
        } else {
            for row in 0..<rowCount {
                if let label = column.string(at: row) { counts[label, default: 0] += 1 }
            }
        }
        let levels = counts.keys.sorted()
        // Most frequent; ties go to the smallest level, as scikit-learn's SimpleImputer.
        var fill: String?
        var fillCount = 0
        for level in levels {
            let count = counts[level, default: 0]
            if count > fillCount {
                fill = level
                fillCount = count
            }
        }
        if levels.isEmpty {
            warnings.append("column '\(column.name)' has no values in the training rows; it contributes no inputs")
        } else if spec.encode == .oneHot, levels.count > 50, levels.count * 2 > rowCount {
            warnings.append(
                "column '\(column.name)' has \(levels.count) distinct values in \(rowCount) training rows; "
                    + "one-hot encoding it adds \(levels.count) inputs (is it an identifier?)"
            )
        }
        let transform: FeatureStep.Transform =
            switch spec.encode {
            case .oneHot: .oneHot(levels: levels, fill: fill)
            case .ordinal: .ordinal(levels: levels, fill: fill)
            }
        return FeatureStep(name: column.name, inputType: column.type, transform: transform)
    }
}

/// The index in `levels` of each row's value (missing rows take `fill`); −1 for a value not in `levels`.
///
/// Category columns are mapped code by code, so the labels are looked up once, not once per row.
private func levelIndices(_ column: Column, levels: [String], fill: String?) -> [Int] {
    let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    let fillIndex = fill.flatMap { index[$0] } ?? -1
    if case .category(let codes, let categoryLevels) = column.storage {
        let table = categoryLevels.map { index[$0] ?? -1 }
        return codes.map { $0 >= 0 ? table[Int($0)] : fillIndex }
    }
    return (0..<column.count).map { row in column.string(at: row).map { index[$0] ?? -1 } ?? fillIndex }
}

/// The `p`-quantile of sorted values with linear interpolation (NumPy's default `linear` method).
///
/// - Parameters:
///   - sorted: Values in ascending order; must not be empty.
///   - p: A probability in [0, 1].
/// - Returns: The interpolated quantile.
func quantile(_ sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "quantile of no values")
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
}

/// The most frequent value; ties go to the smallest.
private func mostFrequent(_ values: [Double]) -> Double {
    var counts: [Double: Int] = [:]
    for value in values { counts[value, default: 0] += 1 }
    var best = (value: Double.infinity, count: 0)
    for (value, count) in counts where count > best.count || (count == best.count && value < best.value) {
        best = (value, count)
    }
    return best.value
}

/// Whether every value is the same (a zero-variance column, which scaling leaves unscaled).
private func isConstant(_ values: [Double]) -> Bool {
    guard let first = values.first else { return true }
    return values.allSatisfy { $0 == first }
}
