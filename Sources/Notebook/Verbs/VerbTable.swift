import MLData
import MLLearn

/// What kind of value a name holds, as far as checking without running can tell.
public enum ValueKind: String, Sendable, Hashable {
    case frame, model, pipeline, number, string, bool, list, record, none
    /// Not known before running (such as a path into a model's results).
    case unknown

    /// The kind with an article, for messages ("a frame").
    var phrase: String {
        switch self {
        case .frame: "a frame"
        case .model: "a model"
        case .pipeline: "a pipeline"
        case .number: "a number"
        case .string: "text"
        case .bool: "true or false"
        case .list: "a list"
        case .record: "a record"
        case .none: "none"
        case .unknown: "a value"
        }
    }
}

/// The type an argument must have.
public indirect enum ArgumentType: Sendable, Hashable {
    /// A data frame held in a name.
    case frame
    /// One frame or a list of frames.
    case frames
    /// A fitted model held in a name.
    case model
    /// A preprocessing pipeline made by `pipeline`.
    case pipeline
    /// An expression in a string, such as `"age >= 18 and sex == 'F'"`.
    case expression
    /// A column name, bare (`radius_mean`) or quoted (`"mean radius"`).
    case column
    /// One column or a list of columns.
    case columns
    case integer
    case number
    /// A number strictly between 0 and 1.
    case fraction
    case bool
    case string
    /// One of a fixed set of words, bare or quoted.
    case choice([String])
    /// A `{label: value}` record.
    case record
    /// A list of strings.
    case strings
    /// Anything.
    case any
    /// A hyperparameter value: a number, a word (bare words name nothing: `features: sqrt`), true/false,
    /// none or a list.
    case hyperparameter
    /// A `{name: values}` record of hyperparameters to search: lists, distributions such as
    /// `loguniform(0.001, 1)`, or single values.
    case search
    /// Metric names: one, or a list such as `[accuracy, f1_weighted, recall.malignant]` (bare, dotted or
    /// quoted; they name metrics, not values of the notebook).
    case metricNames
    /// A value of the wrapped type, or `none` (`leaves: none`).
    case orNone(ArgumentType)

    /// The wrapped type of ``orNone(_:)``; any other type itself.
    var withoutNone: ArgumentType {
        if case .orNone(let type) = self { type } else { self }
    }

    /// The type described for messages.
    var phrase: String {
        switch self {
        case .frame: "a frame"
        case .frames: "a frame or a list of frames"
        case .model: "a model"
        case .pipeline: "a pipeline (made with 'pipeline')"
        case .expression: "an expression in quotes, such as \"age >= 18\""
        case .column: "a column name"
        case .columns: "a column name or a list of them"
        case .integer: "an integer"
        case .number: "a number"
        case .fraction: "a fraction between 0 and 1"
        case .bool: "true or false"
        case .string: "a quoted string"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .record: "a {label: value} record"
        case .strings: "a list of strings"
        case .any: "a value"
        case .hyperparameter: "a number, a word, true/false, none or a list"
        case .search: "a {name: values} record, such as {depth: [4, 8, none]}"
        case .orNone(let type): type.phrase + " or none"
        case .metricNames: "a metric name or a list of them, such as [accuracy, f1]"
        }
    }
}

/// One argument a verb accepts.
public struct ParameterSpec: Sendable, Hashable {
    /// The label (for positional arguments, the name used in messages).
    public var name: String
    /// The required type.
    public var type: ArgumentType
    /// Whether the argument must be given.
    public var required: Bool
    /// One line of help.
    public var help: String

    init(_ name: String, _ type: ArgumentType, required: Bool = false, _ help: String) {
        self.name = name
        self.type = type
        self.required = required
        self.help = help
    }
}

/// A verb's signature: what it accepts and what it binds.
public struct VerbSpec: Sendable {
    /// The verb.
    public var name: String
    /// One line of help.
    public var summary: String
    /// Words allowed right after the verb (`load sql …`), with their help.
    public var modifiers: [String] = []
    /// Positional arguments, in order.
    public var positional: [ParameterSpec] = []
    /// Whether the last positional argument repeats (`evaluate lr, rf, on: test`).
    public var variadic = false
    /// Labelled arguments.
    public var labels: [ParameterSpec] = []
    /// Extra labels that depend on the first positional word (a model kind's hyperparameters).
    public var labelsByKind: [String: [ParameterSpec]] = [:]
    /// Extra labels that depend on the modifier (`from:` for `load sql`).
    public var labelsByModifier: [String: [ParameterSpec]] = [:]
    /// When set, any other label is accepted with this type (`derive d, bmi: "…"` names a new column).
    public var freeLabel: ParameterSpec?
    /// The kinds of values bound by `names = verb …`, given the command.
    public var results: @Sendable (Command) -> [ValueKind] = { _ in [] }

    /// The labels accepted by `command`, including kind-specific ones.
    func labels(for command: Command) -> [ParameterSpec] {
        var all = labels
        if let modifier = command.modifier?.name, let extra = labelsByModifier[modifier] { all += extra }
        if let word = command.positional.first?.word, let extra = labelsByKind[word] { all += extra }
        return all
    }
}

/// The verbs of the language.
public struct VerbTable: Sendable {
    /// The verbs by name.
    public var verbs: [String: VerbSpec]

    /// Whether `verb` takes a modifier word.
    public func takesModifier(_ verb: String) -> Bool { !(verbs[verb]?.modifiers.isEmpty ?? true) }

    /// The model kinds `fit` and `tune` know.
    public static let modelKinds = ModelKind.allCases.map(\.rawValue)

    /// The verbs this version implements.
    public static let standard = VerbTable(
        verbs: Dictionary(uniqueKeysWithValues: (dataVerbs + learningVerbs + displayVerbs).map { ($0.name, $0) }))

    static let frameArgument = ParameterSpec("frame", .frame, required: true, "the frame")

    /// Loading, inspecting, cleaning and splitting data.
    private static let dataVerbs: [VerbSpec] = [
        VerbSpec(
            name: "load", summary: "read a CSV (default), JSON or SQLite source into a frame",
            modifiers: ["csv", "json", "sql"],
            positional: [ParameterSpec("source", .string, required: true, "the file, or the query for 'load sql'")],
            labels: [
                ParameterSpec("target", .column, "the column models learn to predict"),
                ParameterSpec("types", .record, "explicit column types, such as {zip: category}"),
                ParameterSpec(
                    "separator", .string, "CSV field separator: \",\", \";\" or \"\\t\" (detected when absent)"),
                ParameterSpec("missing", .strings, "extra tokens that mean a missing value"),
                ParameterSpec("header", .bool, "whether the first CSV row holds column names (default true)"),
            ],
            labelsByModifier: [
                "sql": [ParameterSpec("from", .string, required: true, "the SQLite database file")]
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "head", summary: "show the first rows of a frame", positional: [frameArgument],
            labels: [ParameterSpec("rows", .integer, "how many rows (default 5)")],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "describe", summary: "summary statistics of the numeric columns", positional: [frameArgument],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "profile", summary: "per-column types, missing values, distinct values and distributions",
            positional: [frameArgument], results: { _ in [] }),
        VerbSpec(
            name: "outliers", summary: "rows with outlying values, per numeric column", positional: [frameArgument],
            labels: [
                ParameterSpec("method", .choice(["iqr", "zscore"]), "Tukey's fences (default) or z-scores"),
                ParameterSpec(
                    "threshold", .number, "fence multiplier (iqr, default 1.5) or |z| limit (zscore, default 3)"),
                ParameterSpec("columns", .columns, "the columns to check (default: every numeric column)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "dedupe", summary: "drop exact duplicate rows, keeping the first", positional: [frameArgument],
            labels: [ParameterSpec("columns", .columns, "compare only these columns")],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "drop", summary: "drop columns, or rows with missing values", positional: [frameArgument],
            labels: [
                ParameterSpec("columns", .columns, "columns to remove"),
                ParameterSpec("missing", .columns, "'any' (rows missing any value) or a list of columns"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "filter", summary: "keep the rows where a condition holds", positional: [frameArgument],
            labels: [ParameterSpec("where", .expression, required: true, "the condition")],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "derive", summary: "add columns computed from expressions: derive d, bmi: \"w / h ^ 2\"",
            positional: [frameArgument],
            freeLabel: ParameterSpec("column", .expression, "the new column's expression"),
            results: { _ in [.frame] }),
        VerbSpec(
            name: "cast", summary: "change column types: cast d, zip: category", positional: [frameArgument],
            freeLabel: ParameterSpec(
                "column", .choice(ColumnType.allCases.map(\.rawValue)), "the new type"),
            results: { _ in [.frame] }),
        VerbSpec(
            name: "fix", summary: "set a column's value where a condition holds", positional: [frameArgument],
            labels: [
                ParameterSpec("column", .column, required: true, "the column to correct"),
                ParameterSpec("where", .expression, required: true, "the rows to correct"),
                ParameterSpec("value", .any, required: true, "the new value (none for missing)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "split", summary: "split a frame into train/test or train/valid/test", positional: [frameArgument],
            labels: [
                ParameterSpec("test", .fraction, "share of rows for testing (default 0.2)"),
                ParameterSpec("valid", .fraction, "share of rows for validation (default none)"),
                ParameterSpec("stratify", .bool, "keep the target's class balance in every part (default false)"),
                ParameterSpec("seed", .integer, "random seed (default 42)"),
            ],
            results: { command in command.argument("valid") == nil ? [.frame, .frame] : [.frame, .frame, .frame] }),
    ]

    /// Charts and metric cards.
    private static let displayVerbs: [VerbSpec] = [
        VerbSpec(
            name: "histogram", summary: "histogram of a numeric column", positional: [frameArgument],
            labels: [
                ParameterSpec("x", .column, required: true, "the numeric column"),
                ParameterSpec("by", .column, "a column whose groups are overlaid"),
                ParameterSpec("bins", .integer, "number of bins (default: Freedman–Diaconis)"),
                ParameterSpec("stacked", .bool, "pile the groups of `by:` on one another (default: overlaid)"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "scatter", summary: "scatter plot of two numeric columns", positional: [frameArgument],
            labels: [
                ParameterSpec("x", .column, required: true, "the horizontal column"),
                ParameterSpec("y", .column, required: true, "the vertical column"),
                ParameterSpec("color", .column, "colour by a category (legend) or a number (colour bar)"),
                ParameterSpec("size", .column, "a numeric column for the point size"),
                ParameterSpec("log", .choice(["x", "y", "xy"]), "logarithmic axes"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "line", summary: "line chart of one or more numeric columns against x", positional: [frameArgument],
            labels: [
                ParameterSpec("x", .column, required: true, "the horizontal column (rows are sorted by it)"),
                ParameterSpec("y", .columns, required: true, "one numeric column or a list of them"),
                ParameterSpec("by", .column, "a category whose groups become separate lines"),
                ParameterSpec("log", .choice(["x", "y", "xy"]), "logarithmic axes"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "box", summary: "box plots of numeric columns, optionally by group", positional: [frameArgument],
            labels: [
                ParameterSpec("y", .columns, required: true, "one numeric column or a list of them"),
                ParameterSpec("by", .column, "a column whose groups get their own boxes"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "bar", summary: "bar chart: counts of a category, or values of y per category",
            positional: [frameArgument],
            labels: [
                ParameterSpec("x", .column, required: true, "the category column"),
                ParameterSpec("y", .column, "a numeric column shown per category (its mean); default: counts"),
                ParameterSpec("by", .column, "a second category whose counts sit side by side"),
                ParameterSpec("title", .string, "chart title"),
            ],
            results: { _ in [] }),
        VerbSpec(
            name: "correlation", summary: "correlation heatmap and the strongest pairs", positional: [frameArgument],
            labels: [
                ParameterSpec("method", .choice(["pearson", "spearman"]), "Pearson (default) or Spearman"),
                ParameterSpec("columns", .columns, "the columns (default: every numeric column but the target)"),
                ParameterSpec("top", .integer, "how many of the strongest pairs to list (default 10)"),
            ],
            results: { _ in [.frame] }),
        VerbSpec(
            name: "show", summary: "show a value as a metric card: show \"AUC\", lr.test.auc",
            positional: [
                ParameterSpec("label", .string, required: true, "the card's label"),
                ParameterSpec("value", .any, required: true, "the value"),
            ],
            results: { _ in [] }),
    ]
}
