import MLData

/// A dense matrix of doubles stored row by row.
///
/// Element (*i*, *j*) is `values[i * columns + j]`. This is the layout BLAS calls "row-major" and
/// the layout of a NumPy array, so a design matrix has one row per sample. Products go through
/// OpenBLAS (see `Matrix+BLAS.swift`); everything else is plain Swift.
public struct Matrix: Sendable, Hashable, Codable {
    /// The number of rows.
    public private(set) var rows: Int
    /// The number of columns.
    public private(set) var columns: Int
    /// The elements, row after row; `values.count == rows * columns`.
    public private(set) var values: [Double]

    /// Creates a matrix from its elements, row after row.
    ///
    /// - Parameters:
    ///   - rows: The number of rows (≥ 0).
    ///   - columns: The number of columns (≥ 0).
    ///   - values: `rows * columns` elements in row-major order.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        precondition(values.count == rows * columns, "a \(rows)×\(columns) matrix needs \(rows * columns) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a matrix with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - rows: The number of rows (≥ 0).
    ///   - columns: The number of columns (≥ 0).
    ///   - value: The value of every element.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](freshRepeating: value, count: rows * columns))
    }

    /// Creates a matrix from an array of equally long rows.
    ///
    /// - Parameters:
    ///   - rowArrays: The rows; all must have the same length.
    ///   - columns: The column count, needed only when `rowArrays` is empty.
    public init(rowArrays: [[Double]], columns: Int? = nil) {
        let width = rowArrays.first?.count ?? columns ?? 0
        precondition(rowArrays.allSatisfy { $0.count == width }, "rows of a matrix must have equal lengths")
        self.init(rows: rowArrays.count, columns: width, values: Array(rowArrays.joined()))
    }

    /// Creates the `size`×`size` identity matrix.
    ///
    /// - Parameter size: The number of rows and columns.
    /// - Returns: A matrix with ones on the diagonal and zeros elsewhere.
    public static func identity(_ size: Int) -> Matrix {
        var matrix = Matrix(rows: size, columns: size)
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    /// The element in row `row` and column `column`.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            return values[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "matrix index out of range")
            values[row * columns + column] = newValue
        }
    }

    /// The elements of row `index`.
    ///
    /// - Parameter index: A row index in `0..<rows`.
    /// - Returns: `columns` values.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "row index out of range")
        return Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// The column of the largest element of each row (the first on a tie): the predicted class of each row of
    /// a probability or score matrix.
    ///
    /// - Returns: `rows` column indices; 0 for every row when there are no columns.
    public func rowArgmaxes() -> [Int] {
        guard columns > 1 else { return [Int](repeating: 0, count: rows) }
        return values.withUnsafeBufferPointer { v in
            (0..<rows).map { row in
                let base = row * columns
                var best = 0
                for j in 1..<columns where v[base + j] > v[base + best] { best = j }
                return best
            }
        }
    }

    /// The elements of column `index`, top to bottom.
    ///
    /// - Parameter index: A column index in `0..<columns`.
    /// - Returns: `rows` values.
    public func column(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < columns, "column index out of range")
        return (0..<rows).map { values[$0 * columns + index] }
    }

    /// The rows as separate arrays.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The transpose.
    ///
    /// - Returns: A `columns`×`rows` matrix with element (*j*, *i*) equal to this one's (*i*, *j*).
    public func transposed() -> Matrix {
        var result = [Double](repeating: 0, count: values.count)
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = values[i * columns + j] }
        }
        return Matrix(rows: columns, columns: rows, values: result)
    }

    /// The rows at `indices`, in that order (indices may repeat).
    ///
    /// - Parameter indices: Row indices in `0..<rows`.
    /// - Returns: An `indices.count`×`columns` matrix.
    public func selecting(rows indices: [Int]) -> Matrix {
        var result: [Double] = []
        result.reserveCapacity(indices.count * columns)
        for index in indices {
            precondition(index >= 0 && index < rows, "row index out of range")
            result.append(contentsOf: values[(index * columns)..<((index + 1) * columns)])
        }
        return Matrix(rows: indices.count, columns: columns, values: result)
    }

    /// Calls `body` with mutable access to the elements; the shape cannot change.
    mutating func withUnsafeMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    private enum CodingKeys: String, CodingKey { case rows, columns, values }

    /// Decodes a matrix, checking that the element count matches the shape.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the shape and the values disagree.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let values = try container.decode([Double].self, forKey: .values)
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container,
                debugDescription: "a \(rows)×\(columns) matrix needs \(rows * columns) values, found \(values.count)"
            )
        }
        self.init(rows: rows, columns: columns, values: values)
    }
}
