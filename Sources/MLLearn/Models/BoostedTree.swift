/// One regression tree of a gradient-boosting model, stored as flat arrays (node 0 is the root).
///
/// An inner node sends a row left when its value of ``features`` is at most ``thresholds`` (equivalently, when
/// its bin code is at most ``binThresholds``); a leaf adds ``values`` to the row's raw prediction. The leaf
/// values already include the learning rate.
struct BoostedTree: Sendable, Codable, Hashable {
    /// The input column each node splits on; −1 for a leaf.
    var features: [Int32]
    /// The raw-value threshold of each inner node (0 for a leaf).
    var thresholds: [Double]
    /// The bin threshold of each inner node (0 for a leaf).
    var binThresholds: [UInt8]
    /// The left child of each inner node (−1 for a leaf); the right child follows the same rule.
    var left: [Int32]
    /// The right child of each inner node (−1 for a leaf).
    var right: [Int32]
    /// The value a leaf adds (0 for an inner node).
    var values: [Double]

    /// The number of leaves.
    var leafCount: Int { features.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Adds the tree's value to the scores of rows of raw inputs.
    ///
    /// - Parameters:
    ///   - inputs: The first row's first value; rows are `columns` values apart.
    ///   - rows: The number of rows.
    ///   - columns: The number of values per row.
    ///   - scores: Receives the values: row `i` adds to `scores[i * stride]`.
    ///   - stride: The distance between two rows' scores.
    func add(
        inputs: UnsafePointer<Double>, rows: Int, columns: Int, to scores: UnsafeMutablePointer<Double>, stride: Int
    ) {
        features.withUnsafeBufferPointer { features in
            thresholds.withUnsafeBufferPointer { thresholds in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        values.withUnsafeBufferPointer { values in
                            for i in 0..<rows {
                                let row = inputs + i * columns
                                var node = 0
                                while features[node] >= 0 {
                                    let goesLeft = row[Int(features[node])] <= thresholds[node]
                                    node = Int(goesLeft ? left[node] : right[node])
                                }
                                scores[i * stride] += values[node]
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the tree's value to `raw[i]` for each row `i` of column-major bin codes.
    ///
    /// - Parameters:
    ///   - codes: Bin codes, `codes[feature * rows + row]`.
    ///   - rows: The number of rows.
    ///   - raw: The raw predictions to update, one per row.
    func add(codes: UnsafePointer<UInt8>, rows: Int, to raw: UnsafeMutablePointer<Double>) {
        features.withUnsafeBufferPointer { features in
            binThresholds.withUnsafeBufferPointer { bins in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        for i in 0..<rows {
                            var node = 0
                            while features[node] >= 0 {
                                let code = codes[Int(features[node]) * rows + i]
                                node = Int(code <= bins[node] ? left[node] : right[node])
                            }
                            raw[i] += values[node]
                        }
                    }
                }
            }
        }
    }
}
