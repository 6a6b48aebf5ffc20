/// What kind of value a name holds, as far as checking without running can tell.
public enum ValueKind: String, Sendable, Hashable {
    case frame, model, number, string, bool, list, record, none
    /// Not known before running (such as a path into a model's results).
    case unknown

    /// The kind with an article, for messages ("a frame").
    var phrase: String {
        switch self {
        case .frame: "a frame"
        case .model: "a model"
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

    /// The type described for messages.
    var phrase: String {
        switch self {
        case .frame: "a frame"
        case .frames: "a frame or a list of frames"
        case .model: "a model"
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
    /// The kinds of values bound by `names = verb …`, given the command.
    public var results: @Sendable (Command) -> [ValueKind] = { _ in [] }

    /// The labels accepted by `command`, including kind-specific ones.
    func labels(for command: Command) -> [ParameterSpec] {
        guard !labelsByKind.isEmpty, let first = command.positional.first, case .path(let p) = first.kind,
            p.count == 1, let extra = labelsByKind[p[0]]
        else { return labels }
        return labels + extra
    }
}

/// The verbs of the language.
public struct VerbTable: Sendable {
    /// The verbs by name.
    public var verbs: [String: VerbSpec]

    /// Whether `verb` takes a modifier word.
    public func takesModifier(_ verb: String) -> Bool { !(verbs[verb]?.modifiers.isEmpty ?? true) }

    /// The model kinds `fit` knows.
    public static let modelKinds = ["logistic"]

    /// The verbs this version implements.
    public static let standard = VerbTable(
        verbs: Dictionary(
            uniqueKeysWithValues: [
                VerbSpec(
                    name: "load", summary: "read a CSV file into a frame",
                    positional: [ParameterSpec("path", .string, required: true, "the file, relative to the notebook")],
                    labels: [
                        ParameterSpec("target", .column, "the column models learn to predict"),
                        ParameterSpec(
                            "separator", .string, "field separator: \",\", \";\" or \"\\t\" (detected when absent)"),
                        ParameterSpec("missing", .strings, "extra tokens that mean a missing value"),
                        ParameterSpec("types", .record, "explicit column types, e.g. {zip: category}"),
                        ParameterSpec("header", .bool, "whether the first row holds column names (default true)"),
                    ],
                    results: { _ in [.frame] }),
                VerbSpec(
                    name: "head", summary: "show the first rows of a frame",
                    positional: [ParameterSpec("frame", .frame, required: true, "the frame")],
                    labels: [ParameterSpec("rows", .integer, "how many rows (default 5)")],
                    results: { _ in [.frame] }),
                VerbSpec(
                    name: "describe", summary: "summary statistics of the numeric columns",
                    positional: [ParameterSpec("frame", .frame, required: true, "the frame")],
                    results: { _ in [.frame] }),
                VerbSpec(
                    name: "split", summary: "split a frame into train/test or train/valid/test",
                    positional: [ParameterSpec("frame", .frame, required: true, "the frame")],
                    labels: [
                        ParameterSpec("test", .fraction, "share of rows for testing (default 0.2)"),
                        ParameterSpec("valid", .fraction, "share of rows for validation (default none)"),
                        ParameterSpec(
                            "stratify", .bool, "keep the target's class balance in every part (default false)"),
                        ParameterSpec("seed", .integer, "random seed (default 42)"),
                    ],
                    results: { command in
                        command.argument("valid") == nil ? [.frame, .frame] : [.frame, .frame, .frame]
                    }),
                VerbSpec(
                    name: "fit", summary: "fit a model: fit KIND, on: frame",
                    positional: [ParameterSpec("kind", .choice(modelKinds), required: true, "the model kind")],
                    labels: [
                        ParameterSpec("on", .frame, required: true, "the training frame"),
                        ParameterSpec("target", .column, "the column to predict (default: the frame's target)"),
                    ],
                    labelsByKind: [
                        "logistic": [
                            ParameterSpec("C", .number, "inverse regularisation strength (default 1.0)"),
                            ParameterSpec("penalty", .choice(["l2", "none"]), "regularisation (default l2)"),
                            ParameterSpec("max_iter", .integer, "iteration limit of the solver (default 1000)"),
                        ]
                    ],
                    results: { _ in [.model] }),
                VerbSpec(
                    name: "evaluate", summary: "score models on one or more frames",
                    positional: [ParameterSpec("model", .model, required: true, "a fitted model")],
                    variadic: true,
                    labels: [ParameterSpec("on", .frames, required: true, "the frame(s) to score on")],
                    results: { _ in [.frame] }),
                VerbSpec(
                    name: "histogram", summary: "histogram of a numeric column",
                    positional: [ParameterSpec("frame", .frame, required: true, "the frame")],
                    labels: [
                        ParameterSpec("x", .column, required: true, "the numeric column"),
                        ParameterSpec("by", .column, "a column whose groups are overlaid"),
                        ParameterSpec("bins", .integer, "number of bins (default: Freedman–Diaconis)"),
                        ParameterSpec("title", .string, "chart title"),
                    ],
                    results: { _ in [] }),
                VerbSpec(
                    name: "show", summary: "show a value as a metric card: show \"AUC\", lr.test.auc",
                    positional: [
                        ParameterSpec("label", .string, required: true, "the card's label"),
                        ParameterSpec("value", .any, required: true, "the value"),
                    ],
                    results: { _ in [] }),
            ].map { ($0.name, $0) }))
}
