import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The impurity a tree's splits reduce, as scikit-learn's `criterion`.
public enum SplitCriterion: String, Sendable, Codable, Hashable, CaseIterable {
    /// Gini impurity 1 − Σ pₖ² (classification; the default).
    case gini
    /// Shannon entropy −Σ pₖ log₂ pₖ (classification).
    case entropy
    /// The variance of the target, i.e. the mean squared error around the mean (regression).
    case squaredError = "mse"

    /// Whether the criterion is for class targets.
    var isClassification: Bool { self != .squaredError }
}

/// The growth limits of one tree.
struct TreeSettings: Sendable, Hashable {
    /// The impurity to reduce.
    var criterion: SplitCriterion
    /// The deepest level a node may be split at (the root is level 0); `nil` for no limit.
    var maxDepth: Int?
    /// The fewest training rows a leaf may hold (≥ 1).
    var minLeaf: Int
    /// The fewest training rows a node needs to be split (≥ 2).
    var minSplit: Int
    /// How many columns are searched per split; more are drawn when some are constant in the node.
    var maxFeatures: Int
}

/// What a tree learns from: class indices (with the class count) or numbers.
enum TreeTarget: Sendable {
    /// Class indices in `0..<count`.
    case classes([Int32], count: Int)
    /// One number per row.
    case values([Double])

    /// The number of statistics kept per node: one weighted count per class, or (weight, Σ w·y, Σ w·y²).
    var width: Int {
        switch self {
        case .classes(_, let count): count
        case .values: 3
        }
    }

    /// The number of values a leaf stores: the class count, or 1.
    var leafWidth: Int {
        switch self {
        case .classes(_, let count): count
        case .values: 1
        }
    }
}

/// Node statistics and the impurity functions, written as scikit-learn's `_criterion.pyx` computes them
/// so that equal splits compare equal and ties break the same way.
///
/// A node's totals are the weighted class counts (classification) or (W, Σ w·y, Σ w·y²) (regression).
enum NodeImpurity {
    /// The total weight of a node.
    @inline(__always)
    static func weight(_ totals: UnsafePointer<Double>, width: Int, criterion: SplitCriterion) -> Double {
        if criterion == .squaredError { return totals[0] }
        var total = 0.0
        for k in 0..<width { total += totals[k] }
        return total
    }

    /// The impurity of a node with these totals.
    ///
    /// - Parameters:
    ///   - totals: The node's `width` totals.
    ///   - width: The number of totals.
    ///   - criterion: The impurity measure.
    /// - Returns: Gini, entropy (in bits) or variance; 0 for an empty node.
    static func impurity(_ totals: UnsafePointer<Double>, width: Int, criterion: SplitCriterion) -> Double {
        let total = weight(totals, width: width, criterion: criterion)
        guard total > 0 else { return 0 }
        switch criterion {
        case .gini:
            var squares = 0.0
            for k in 0..<width { squares += totals[k] * totals[k] }
            return 1 - squares / (total * total)
        case .entropy:
            var entropy = 0.0
            for k in 0..<width where totals[k] > 0 {
                let p = totals[k] / total
                entropy -= p * log2Scikit(p)
            }
            return entropy
        case .squaredError:
            let mean = totals[1] / total
            return max(0, totals[2] / total - mean * mean)
        }
    }

    /// Whether a node is pure enough that no split can help: scikit-learn's `impurity <= EPSILON`, with the
    /// variance compared relative to the squared mean (its rounding error grows with it).
    static func isPure(_ impurity: Double, totals: UnsafePointer<Double>, criterion: SplitCriterion) -> Bool {
        guard criterion == .squaredError else { return impurity <= Double.ulpOfOne }
        let mean = totals[0] > 0 ? totals[1] / totals[0] : 0
        return impurity <= 4 * Double.ulpOfOne * max(1, mean * mean)
    }

    /// scikit-learn's proxy for comparing two-class-or-more splits: −n_r·gini_r − n_l·gini_l, from the
    /// sums of squared class counts.
    @inline(__always)
    static func giniProxy(leftSquares: Double, leftWeight: Double, rightSquares: Double, rightWeight: Double) -> Double
    {
        let left = 1 - leftSquares / (leftWeight * leftWeight)
        let right = 1 - rightSquares / (rightWeight * rightWeight)
        return -rightWeight * right - leftWeight * left
    }

    /// The entropy (bits) of class counts with this total weight.
    @inline(__always)
    static func entropy(_ counts: UnsafePointer<Double>, width: Int, weight: Double) -> Double {
        var entropy = 0.0
        for k in 0..<width where counts[k] > 0 {
            let p = counts[k] / weight
            entropy -= p * log2Scikit(p)
        }
        return entropy
    }
}

/// log₂ as scikit-learn's tree code computes it, ln(x) / ln(2), so entropies match to the last bit.
@inline(__always)
func log2Scikit(_ x: Double) -> Double { log(x) / log(2.0) }

/// A split a search found for a node: the rule, its score and how the search partitions the rows.
struct ScoredSplit: Sendable {
    /// The column and the rule.
    var split: TreeSplit
    /// The score compared between candidates (larger is better).
    var proxy: Double
    /// Search-specific partition data: the left row count (exact search) or the last left bin (binned).
    var cut: Int
}

/// A node as a split search sees it: its rows, its memo and those of its parent and sibling.
struct SearchNode {
    /// The node's rows (a segment of the search's row order).
    var segment: Range<Int>
    /// The node's memo (see ``SplitSearch/openMemo()``), −1 for none.
    var memo: Int
    /// The parent's memo, −1 for the root or none.
    var parentMemo: Int
    /// The sibling's memo, −1 for the root or none.
    var siblingMemo: Int
    /// The sibling's rows (empty for the root).
    var siblingSegment: Range<Int>
    /// What the parent's search passed on to its children (the exact search: the number of columns known
    /// to be constant).
    var inherited: Int
}

/// A way of finding and applying the splits of one tree over some row layout;
/// ``growTree(_:settings:target:featureCount:generator:)`` does the rest (node order, stopping rules, leaf
/// values, importances).
///
/// A node is a `segment` of the search's row order: the rows of a node are contiguous, and splitting it
/// partitions the segment into the left rows followed by the right rows. A search may keep a memo per node
/// (histograms) that the node's children and sibling read; memos are reference-counted by the grower.
protocol SplitSearch {
    /// The number of distinct rows at the root.
    var rootCount: Int { get }

    /// Writes the root node's totals.
    ///
    /// - Parameter totals: Room for the target's `width` totals.
    func rootTotals(into totals: UnsafeMutableBufferPointer<Double>)

    /// A new, empty memo with one reference, or −1 when the search keeps none.
    mutating func openMemo() -> Int

    /// Adds a reference to a memo (−1 is ignored).
    mutating func retain(memo: Int)

    /// Drops a reference to a memo, freeing it with the last one (−1 is ignored).
    mutating func release(memo: Int)

    /// Finds the best split of a node.
    ///
    /// - Parameters:
    ///   - node: The node's rows and memos.
    ///   - totals: The node's totals.
    ///   - generator: The tree's random stream.
    /// - Returns: The best split, or `nil` when no column can split the node; and what to pass on to the
    ///   node's children.
    mutating func bestSplit(
        of node: SearchNode, totals: UnsafeBufferPointer<Double>, generator: inout SeededGenerator
    ) -> (candidate: ScoredSplit?, passedOn: Int)

    /// Partitions a node's rows: left rows first, then right rows; writes both children's totals.
    ///
    /// - Returns: The number of rows going left.
    mutating func partition(
        _ segment: Range<Int>, by candidate: ScoredSplit, left: UnsafeMutableBufferPointer<Double>,
        right: UnsafeMutableBufferPointer<Double>
    ) -> Int
}

/// A node of a growing tree waiting on the stack.
private struct PendingNode {
    /// The node's index in the tree.
    var index: Int
    /// The node's level (the root is 0).
    var depth: Int
    /// What the search sees of it.
    var view: SearchNode
}

/// A grown tree with its unnormalised impurity-decrease importance per column.
struct TreeGrowth: Sendable {
    /// The nodes and leaf values.
    var tree: TreeNodes
    /// Σ over the splits on each column of W·impurity − W_left·impurity_left − W_right·impurity_right.
    var importances: [Double]
    /// Each leaf's rows: its segment of the search's row order at the end of the growth, in leaf order.
    var leafSegments: [Range<Int>]
}

/// Grows a CART tree depth first in scikit-learn's `DepthFirstTreeBuilder` order: a node is searched when
/// it leaves the stack, and its right child is pushed before its left, so nodes are searched in preorder.
///
/// A node becomes a leaf when it is at `maxDepth`, has fewer than `minSplit` rows or fewer than
/// 2·`minLeaf`, is pure, or the search finds no split.
///
/// - Parameters:
///   - search: The split search over the training rows.
///   - settings: The stopping rules and the criterion.
///   - target: The kind of target (for the totals' width and the leaf values).
///   - featureCount: The number of input columns.
///   - generator: The tree's random stream.
/// - Returns: The tree and its raw importances.
func growTree<Search: SplitSearch>(
    _ search: inout Search, settings: TreeSettings, target: TreeTarget, featureCount: Int,
    generator: inout SeededGenerator
) -> TreeGrowth {
    let width = target.width
    let leafWidth = target.leafWidth
    let criterion = settings.criterion
    var nodes = [TreeNode.leaf(0)]
    var totals = [Double](repeating: 0, count: width)
    var counts = [search.rootCount]
    var leafValues: [Double] = []
    var leafSegments: [Range<Int>] = []
    var importances = [Double](repeating: 0, count: featureCount)
    var scratch = [Double](repeating: 0, count: width)
    totals.withUnsafeMutableBufferPointer { search.rootTotals(into: $0) }

    /// The impurity of node `index` from its totals.
    func impurity(of index: Int) -> Double {
        totals.withUnsafeBufferPointer {
            NodeImpurity.impurity($0.baseAddress.unsafelyUnwrapped + index * width, width: width, criterion: criterion)
        }
    }

    /// The weight of node `index`.
    func weight(of index: Int) -> Double {
        totals.withUnsafeBufferPointer {
            NodeImpurity.weight($0.baseAddress.unsafelyUnwrapped + index * width, width: width, criterion: criterion)
        }
    }

    /// Turns node `index`, whose rows are `segment`, into a leaf holding its class shares or mean target.
    func makeLeaf(_ index: Int, segment: Range<Int>) {
        nodes[index] = .leaf(leafValues.count / leafWidth)
        leafSegments.append(segment)
        let base = index * width
        let total = weight(of: index)
        if criterion.isClassification {
            for k in 0..<width { leafValues.append(total > 0 ? totals[base + k] / total : 0) }
        } else {
            leafValues.append(total > 0 ? totals[base + 1] / total : 0)
        }
    }

    let rootView = SearchNode(
        segment: 0..<search.rootCount, memo: search.openMemo(), parentMemo: -1, siblingMemo: -1,
        siblingSegment: 0..<0, inherited: 0)
    var stack = [PendingNode(index: 0, depth: 0, view: rootView)]
    while let node = stack.popLast() {
        let index = node.index
        let view = node.view
        let nodeImpurity = impurity(of: index)
        let count = counts[index]
        let pure = totals.withUnsafeBufferPointer {
            NodeImpurity.isPure(
                nodeImpurity, totals: $0.baseAddress.unsafelyUnwrapped + index * width, criterion: criterion)
        }
        var candidate: ScoredSplit?
        var passedOn = 0
        if node.depth < (settings.maxDepth ?? Int.max) && count >= settings.minSplit && count >= 2 * settings.minLeaf
            && !pure
        {
            for k in 0..<width { scratch[k] = totals[index * width + k] }
            (candidate, passedOn) = scratch.withUnsafeBufferPointer {
                search.bestSplit(of: view, totals: $0, generator: &generator)
            }
        }
        // This node's search was the last use of its parent's and sibling's memos on its behalf.
        search.release(memo: view.parentMemo)
        search.release(memo: view.siblingMemo)
        guard let candidate else {
            makeLeaf(index, segment: view.segment)
            search.release(memo: view.memo)
            continue
        }
        let left = nodes.count
        nodes.append(.leaf(0))
        nodes.append(.leaf(0))
        totals.append(contentsOf: repeatElement(0, count: 2 * width))
        let leftCount = totals.withUnsafeMutableBufferPointer { all in
            search.partition(
                view.segment, by: candidate,
                left: UnsafeMutableBufferPointer(rebasing: all[(left * width)..<((left + 1) * width)]),
                right: UnsafeMutableBufferPointer(rebasing: all[((left + 1) * width)..<((left + 2) * width)]))
        }
        counts.append(leftCount)
        counts.append(view.segment.count - leftCount)
        nodes[index] = .split(candidate.split, left: left)
        importances[candidate.split.feature] +=
            weight(of: index) * nodeImpurity - weight(of: left) * impurity(of: left)
            - weight(of: left + 1) * impurity(of: left + 1)

        let start = view.segment.lowerBound
        let leftSegment = start..<(start + leftCount)
        let rightSegment = (start + leftCount)..<view.segment.upperBound
        let leftMemo = search.openMemo()
        let rightMemo = search.openMemo()
        // Each child's search reads the parent's memo and its sibling's.
        search.retain(memo: view.memo)
        search.retain(memo: view.memo)
        search.retain(memo: leftMemo)
        search.retain(memo: rightMemo)
        stack.append(
            PendingNode(
                index: left + 1, depth: node.depth + 1,
                view: SearchNode(
                    segment: rightSegment, memo: rightMemo, parentMemo: view.memo, siblingMemo: leftMemo,
                    siblingSegment: leftSegment, inherited: passedOn)))
        stack.append(
            PendingNode(
                index: left, depth: node.depth + 1,
                view: SearchNode(
                    segment: leftSegment, memo: leftMemo, parentMemo: view.memo, siblingMemo: rightMemo,
                    siblingSegment: rightSegment, inherited: passedOn)))
        search.release(memo: view.memo)
    }
    return TreeGrowth(
        tree: TreeNodes(nodes: nodes, leafValues: leafValues, width: leafWidth), importances: importances,
        leafSegments: leafSegments)
}

/// Normalises raw importances to sum to 1 (all zeros stay zeros), as scikit-learn's `feature_importances_`.
func normalizedImportances(_ raw: [Double]) -> [Double] {
    let total = raw.reduce(0, +)
    guard total > 0 else { return raw.map { _ in 0 } }
    return raw.map { $0 / total }
}
