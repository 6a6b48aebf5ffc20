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

    /// The number of rows predicted.
    public var count: Int { classes.isEmpty ? values.count : classIndices.count }

    /// The predicted class names (empty for regression).
    public var labels: [String] { classIndices.map { classes[$0] } }
}
