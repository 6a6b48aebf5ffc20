/// A model's predictions for the rows of a frame, in row order.
public struct Prediction: Sendable, Hashable {
    /// The model's classes in index order (empty for regression).
    public var classes: [String]
    /// The predicted class index of each row (empty for regression).
    public var classIndices: [Int]
    /// The class probabilities, one row per frame row and one column per class (`nil` for regression).
    public var probabilities: Matrix?
    /// The predicted value of each row (empty for classification).
    public var values: [Double]
    /// The cluster index of each row (empty unless the model clusters).
    public var clusters: [Int] = []
    /// The projected coordinates, one row per frame row (`nil` unless the model projects).
    public var projection: Matrix?

    /// Creates a classification prediction.
    ///
    /// - Parameters:
    ///   - classes: The class names in index order.
    ///   - classIndices: The predicted class of each row.
    ///   - probabilities: The class probabilities of each row.
    public init(classes: [String], classIndices: [Int], probabilities: Matrix?) {
        self.classes = classes
        self.classIndices = classIndices
        self.probabilities = probabilities
        self.values = []
    }

    /// Creates a regression prediction.
    ///
    /// - Parameter values: The predicted value of each row.
    public init(values: [Double]) {
        self.classes = []
        self.classIndices = []
        self.probabilities = nil
        self.values = values
    }

    /// Creates a clustering prediction.
    ///
    /// - Parameter clusters: The cluster index of each row.
    public init(clusters: [Int]) {
        self.init(values: [])
        self.clusters = clusters
    }

    /// Creates a projection.
    ///
    /// - Parameter projection: The new coordinates of each row.
    public init(projection: Matrix) {
        self.init(values: [])
        self.projection = projection
    }

    /// The number of rows predicted.
    public var count: Int {
        if !classes.isEmpty { return classIndices.count }
        if let projection { return projection.rows }
        if !clusters.isEmpty { return clusters.count }
        return values.count
    }

    /// The predicted class names (empty for regression).
    public var labels: [String] { classIndices.map { classes[$0] } }
}
