/// How a preprocessing pipeline fills missing values in numeric columns.
///
/// Category and text columns always use the most frequent level, whatever this says.
public enum Imputation: Sendable, Hashable, Codable {
    /// The mean of the training values.
    case mean
    /// The median of the training values (the mean of the two middle ones for an even count).
    case median
    /// The most frequent training value; ties go to the smallest value (as scikit-learn).
    case mostFrequent
    /// A fixed value.
    case constant(Double)

    /// Reads the notebook spelling: `mean`, `median`, `mode` (or `most_frequent`).
    ///
    /// `constant(…)` takes a value, so the caller builds ``constant(_:)`` itself.
    ///
    /// - Parameter name: The notebook word.
    public init?(name: String) {
        switch name.lowercased() {
        case "mean": self = .mean
        case "median": self = .median
        case "mode", "most_frequent", "mostfrequent": self = .mostFrequent
        default: return nil
        }
    }

    /// The notebook spelling, such as `median` or `constant(0)`.
    public var name: String {
        switch self {
        case .mean: "mean"
        case .median: "median"
        case .mostFrequent: "mode"
        case .constant(let value): "constant(\(formatNumber(value)))"
        }
    }
}

/// How a preprocessing pipeline rescales numeric columns after imputation.
public enum Scaling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Subtract the mean, divide by the population standard deviation (scikit-learn's
    /// `StandardScaler`); a constant column is only centred.
    case standard
    /// Map the training range to [0, 1] (`MinMaxScaler`); a constant column is only shifted.
    case minMax
    /// Subtract the median, divide by the interquartile range (`RobustScaler`, linear percentiles);
    /// a column with zero IQR is only centred.
    case robust
    /// Leave values as they are.
    case none

    /// Reads the notebook spelling: `standard`, `minmax`, `robust`, `none`.
    ///
    /// - Parameter name: The notebook word (case-insensitive).
    public init?(name: String) {
        switch name.lowercased() {
        case "standard": self = .standard
        case "minmax", "min_max": self = .minMax
        case "robust": self = .robust
        case "none": self = .none
        default: return nil
        }
    }

    /// The notebook spelling.
    public var name: String { self == .minMax ? "minmax" : rawValue }
}

/// How a preprocessing pipeline turns category and text columns into numbers.
public enum Encoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// One 0/1 column per training level, in sorted order; an unseen level gives all zeros
    /// (scikit-learn's `OneHotEncoder(handle_unknown="ignore")`).
    case oneHot
    /// One column holding the level's index in the sorted training levels; an unseen level gives −1
    /// (`OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)`).
    case ordinal

    /// Reads the notebook spelling: `onehot` or `ordinal`.
    ///
    /// - Parameter name: The notebook word (case-insensitive).
    public init?(name: String) {
        switch name.lowercased() {
        case "onehot", "one_hot": self = .oneHot
        case "ordinal": self = .ordinal
        default: return nil
        }
    }

    /// The notebook spelling.
    public var name: String { self == .oneHot ? "onehot" : rawValue }
}

/// A preprocessing pipeline before it has seen data: what to impute, how to scale, how to encode.
///
/// Fit it on training rows with ``FittedPipeline/fit(_:on:features:)``; the fitted pipeline travels
/// inside the model, so no test row ever influences the preprocessing.
public struct PipelineSpec: Sendable, Hashable, Codable {
    /// How numeric columns are imputed.
    public var impute: Imputation
    /// How numeric columns are scaled.
    public var scale: Scaling
    /// How category and text columns are encoded.
    public var encode: Encoding

    /// Creates a pipeline specification.
    ///
    /// - Parameters:
    ///   - impute: Numeric imputation (default: median).
    ///   - scale: Numeric scaling (default: standard).
    ///   - encode: Categorical encoding (default: one-hot).
    public init(impute: Imputation = .median, scale: Scaling = .standard, encode: Encoding = .oneHot) {
        self.impute = impute
        self.scale = scale
        self.encode = encode
    }

    /// A one-line description such as `impute: median, scale: standard, encode: onehot`.
    public var summary: String {
        "impute: \(impute.name), scale: \(scale.name), encode: \(encode.name)"
    }
}
