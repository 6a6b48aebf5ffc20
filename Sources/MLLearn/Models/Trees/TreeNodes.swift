/// One node of a fitted tree, packed into 16 bytes so prediction walks a compact array.
///
/// `feature` says what the node is: a column index ≥ 0 for a threshold split, −1 for a leaf, and
/// −2 − column for a split on the levels of a category column (ordinal codes 0 … 63), whose
/// `threshold` then holds the bit pattern of the set of levels that go left.
struct TreeNode: Sendable, Hashable {
    /// The input column of a threshold split, −1 for a leaf, −2 − column for a category split.
    var feature: Int32
    /// For a split node, the index of its left child (the right child follows it); for a leaf, the leaf's
    /// row in ``TreeNodes/leafValues``.
    var child: Int32
    /// Rows with `x[feature] <= threshold` go left; for a category split, the left levels as a bit set.
    var threshold: Double

    /// A leaf holding the values at row `leaf` of ``TreeNodes/leafValues``.
    static func leaf(_ leaf: Int) -> TreeNode { TreeNode(feature: -1, child: Int32(leaf), threshold: 0) }

    /// A split node: `split` sends rows to `left` or to `left + 1`.
    static func split(_ split: TreeSplit, left: Int) -> TreeNode {
        switch split.rule {
        case .threshold(let threshold):
            TreeNode(feature: Int32(split.feature), child: Int32(left), threshold: threshold)
        case .levels(let mask):
            TreeNode(feature: -2 - Int32(split.feature), child: Int32(left), threshold: Double(bitPattern: mask))
        }
    }

    /// Whether the node is a leaf.
    var isLeaf: Bool { feature == -1 }

    /// The column a split node tests (threshold or category split).
    var column: Int { feature >= 0 ? Int(feature) : Int(-2 - feature) }
}

/// How a split node sends a row left.
enum SplitRule: Sendable, Hashable {
    /// `x <= threshold` goes left.
    case threshold(Double)
    /// A category code `c` in 0 … 63 goes left when bit `c` of the mask is set; other codes (an unseen
    /// level is −1) go right.
    case levels(UInt64)

    /// Whether a value goes left.
    @inline(__always)
    func goesLeft(_ value: Double) -> Bool {
        switch self {
        case .threshold(let threshold): return value <= threshold
        case .levels(let mask): return categoryGoesLeft(value, mask: mask)
        }
    }
}

/// A chosen split: the column and the rule.
struct TreeSplit: Sendable, Hashable {
    /// The input column.
    var feature: Int
    /// How rows are sent left.
    var rule: SplitRule
}

/// Whether category code `value` is in the level set `mask` (codes outside 0 … 63 never are).
@inline(__always)
func categoryGoesLeft(_ value: Double, mask: UInt64) -> Bool {
    guard value >= 0, value < 64 else { return false }
    return mask & (1 << UInt64(value)) != 0
}

/// The nodes of one fitted CART tree (a ``DecisionTree`` or one tree of a ``RandomForest``) and the values
/// of its leaves.
///
/// Node 0 is the root. The two children of a split node are stored next to each other. A leaf holds
/// `width` numbers: class probabilities for a classifier, the mean target for a regressor.
struct TreeNodes: Sendable, Hashable {
    /// The nodes, root first.
    private(set) var nodes: [TreeNode]
    /// The leaf values, `width` per leaf, in leaf order.
    private(set) var leafValues: [Double]
    /// The number of values per leaf: the class count, or 1 for regression.
    let width: Int

    /// Creates a tree from its nodes and leaf values.
    ///
    /// - Parameters:
    ///   - nodes: The nodes, root first; children of split nodes must be valid indices.
    ///   - leafValues: `width` values per leaf.
    ///   - width: The number of values per leaf (≥ 1).
    init(nodes: [TreeNode], leafValues: [Double], width: Int) {
        precondition(width >= 1 && leafValues.count % width == 0, "leaf values must come in rows of \(width)")
        self.nodes = nodes
        self.leafValues = leafValues
        self.width = width
    }

    /// The number of nodes, leaves included.
    var nodeCount: Int { nodes.count }

    /// The number of leaves.
    var leafCount: Int { leafValues.count / width }

    /// The length of the longest path from the root to a leaf (0 for a single leaf).
    var depth: Int {
        var deepest = 0
        var stack: [(node: Int, depth: Int)] = [(0, 0)]
        while let (index, level) = stack.popLast() {
            let node = nodes[index]
            if node.isLeaf {
                deepest = max(deepest, level)
            } else {
                stack.append((Int(node.child), level + 1))
                stack.append((Int(node.child) + 1, level + 1))
            }
        }
        return deepest
    }

    /// Walks one row down the tree.
    ///
    /// - Parameters:
    ///   - nodes: The tree's nodes (``nodes`` as a buffer, so a caller can hold it across many rows).
    ///   - row: The row's first value; the row has at least as many values as the training inputs.
    ///   - width: The number of values per leaf.
    /// - Returns: The first index of the leaf's values in ``leafValues``.
    @inline(__always)
    static func leafOffset(_ nodes: UnsafeBufferPointer<TreeNode>, row: UnsafePointer<Double>, width: Int) -> Int {
        var index = 0
        while true {
            let node = nodes[index]
            let left: Bool
            if node.feature >= 0 {
                left = row[Int(node.feature)] <= node.threshold
            } else if node.feature == -1 {
                return Int(node.child) * width
            } else {
                left = categoryGoesLeft(row[Int(-2 - node.feature)], mask: node.threshold.bitPattern)
            }
            index = left ? Int(node.child) : Int(node.child) + 1
        }
    }

    /// Adds each row's leaf values to `output` (`width` values per row).
    ///
    /// Rows are walked down the tree eight at a time, one level per step, so the eight node loads of a
    /// step overlap instead of waiting on each other.
    ///
    /// - Parameters:
    ///   - rows: The rows to predict, row-major, `columns` values each.
    ///   - columns: The row width (the training input count).
    ///   - range: The rows to predict, as indices into `rows`.
    ///   - output: `width` accumulators per row of `range`, written from its start.
    ///   - training: For a forest's training rows (the rows of `rows`): the leaf each row the tree learnt
    ///     from ended in while the tree grew, which the walk would reach too, so it is taken as it is; and,
    ///     with bootstrap samples, accumulators like `output` plus a vote count per row, where the rows the
    ///     tree did *not* learn from add their leaf values, and a vote.
    func accumulate(
        rows: UnsafeBufferPointer<Double>, columns: Int, range: Range<Int>, into output: UnsafeMutablePointer<Double>,
        training: TrainingLeaves? = nil
    ) {
        guard let base = rows.baseAddress else { return }
        let width = width
        let first = range.lowerBound
        nodes.withUnsafeBufferPointer { nodes in
            leafValues.withUnsafeBufferPointer { values in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { buffer in
                    guard let current = buffer.baseAddress else { return }
                    // The rows of the group being walked, and the node each is at (−1: done).
                    let group = current + 8
                    var queued = 0

                    /// Adds leaf `offset`'s values for row `index`, out of bag too when the tree did not see it.
                    func add(leaf offset: Int, row index: Int, outOfBag: Bool) {
                        let slot = (index - first) * width
                        for k in 0..<width { output[slot + k] += values[offset + k] }
                        if outOfBag, let training, let sums = training.outOfBagSums, let votes = training.votes {
                            for k in 0..<width { sums[slot + k] += values[offset + k] }
                            votes[index - first] += 1
                        }
                    }

                    /// Walks the queued rows down together.
                    func walkGroup() {
                        for r in 0..<queued { current[r] = 0 }
                        var active = queued
                        while active > 0 {
                            for r in 0..<queued where current[r] >= 0 {
                                let node = nodes[current[r]]
                                let row = base + group[r] * columns
                                if node.feature >= 0 {
                                    current[r] = Int(node.child) + (row[Int(node.feature)] <= node.threshold ? 0 : 1)
                                } else if node.feature == -1 {
                                    add(leaf: Int(node.child) * width, row: group[r], outOfBag: true)
                                    current[r] = -1
                                    active -= 1
                                } else {
                                    let value = row[Int(-2 - node.feature)]
                                    let left = categoryGoesLeft(value, mask: node.threshold.bitPattern)
                                    current[r] = Int(node.child) + (left ? 0 : 1)
                                }
                            }
                        }
                        queued = 0
                    }

                    for index in range {
                        if let training {
                            let leaf = Int(training.leaves[index])
                            if leaf >= 0 {
                                add(leaf: leaf * width, row: index, outOfBag: false)
                                continue
                            }
                        }
                        group[queued] = index
                        queued += 1
                        if queued == 8 { walkGroup() }
                    }
                    if queued > 0 { walkGroup() }
                }
            }
        }
    }
}

/// What a forest's tree knows of its training rows while they are predicted: the leaf of each row it
/// learnt from, and where the rows it did not learn from add their leaf values.
struct TrainingLeaves {
    /// Per training row: the leaf it ended in while the tree grew, −1 for a row out of the tree's bag.
    var leaves: UnsafePointer<Int32>
    /// `width` sums per row of the walked range, for the out-of-bag rows (`nil` without bootstrap samples).
    var outOfBagSums: UnsafeMutablePointer<Double>?
    /// The number of trees added per row of the walked range (`nil` without bootstrap samples).
    var votes: UnsafeMutablePointer<Int>?
}

extension TreeNodes: Codable {
    /// The stored arrays.
    private enum CodingKeys: String, CodingKey { case features, children, thresholds, leafValues, width }

    /// Decodes a tree stored as parallel arrays, checking that every index is in range.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the arrays disagree or an index is out of range.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let features = try container.decode([Int32].self, forKey: .features)
        let children = try container.decode([Int32].self, forKey: .children)
        let thresholds = try container.decode([Double].self, forKey: .thresholds)
        let leafValues = try container.decode([Double].self, forKey: .leafValues)
        let width = try container.decode(Int.self, forKey: .width)
        let count = features.count
        guard width >= 1, leafValues.count % width == 0, children.count == count, thresholds.count == count,
            count > 0
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .features, in: container, debugDescription: "tree arrays of different lengths")
        }
        let leaves = leafValues.count / width
        var nodes: [TreeNode] = []
        nodes.reserveCapacity(count)
        for i in 0..<count {
            let isLeaf = features[i] == -1
            let valid =
                isLeaf ? (children[i] >= 0 && Int(children[i]) < leaves) : (children[i] > i && children[i] < count - 1)
            guard valid else {
                throw DecodingError.dataCorruptedError(
                    forKey: .children, in: container, debugDescription: "node \(i) points outside the tree")
            }
            nodes.append(TreeNode(feature: features[i], child: children[i], threshold: thresholds[i]))
        }
        self.init(nodes: nodes, leafValues: leafValues, width: width)
    }

    /// Encodes the tree as parallel arrays (features, children, thresholds) plus the leaf values.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodes.map(\.feature), forKey: .features)
        try container.encode(nodes.map(\.child), forKey: .children)
        try container.encode(nodes.map(\.threshold), forKey: .thresholds)
        try container.encode(leafValues, forKey: .leafValues)
        try container.encode(width, forKey: .width)
    }
}
