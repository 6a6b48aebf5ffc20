/// An error raised by the learning engine: a bad hyperparameter, a target a model cannot learn,
/// a numerical failure.
///
/// Data problems (an unknown column, a column of the wrong type) are reported with MLData's
/// `DataError` instead, so the notebook layer sees one error type per concern.
public struct LearnError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case unknownModelKind, unknownHyperparameter, invalidHyperparameter, unsupportedTarget, notYetAvailable
            case emptyTrainingData, shapeMismatch, numericalFailure
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A model kind that does not exist (`fit logistc`).
        public static let unknownModelKind = Code(.unknownModelKind)
        /// A hyperparameter name the model does not have.
        public static let unknownHyperparameter = Code(.unknownHyperparameter)
        /// A hyperparameter value of the wrong type or outside its range.
        public static let invalidHyperparameter = Code(.invalidHyperparameter)
        /// A target the model cannot learn (a regression target for a classifier, one class only).
        public static let unsupportedTarget = Code(.unsupportedTarget)
        /// An option that is planned but not implemented in this version.
        public static let notYetAvailable = Code(.notYetAvailable)
        /// No usable training rows or no features.
        public static let emptyTrainingData = Code(.emptyTrainingData)
        /// Arrays or matrices whose sizes do not fit together.
        public static let shapeMismatch = Code(.shapeMismatch)
        /// A linear-algebra routine failed (a singular matrix, a non-finite value).
        public static let numericalFailure = Code(.numericalFailure)

        /// The code's name, such as `unknownHyperparameter`.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// A one-line, human-readable explanation.
    public var message: String
    /// The Swift source location that raised the error, for debugging.
    public var thrownAt: String
    /// The hyperparameter whose value is at fault, so a notebook can point at it; `nil` when none is.
    public var hyperparameter: String?

    /// Creates an error; `fileID` and `line` record where it was thrown.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: A one-line explanation for the notebook author.
    ///   - hyperparameter: The hyperparameter whose value is at fault, if one is.
    ///   - fileID: The throwing file, filled in by the compiler.
    ///   - line: The throwing line, filled in by the compiler.
    public init(
        _ code: Code, _ message: String, hyperparameter: String? = nil, fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.hyperparameter = hyperparameter
        self.thrownAt = "\(fileID):\(line)"
    }

    /// The message.
    public var description: String { message }
}
