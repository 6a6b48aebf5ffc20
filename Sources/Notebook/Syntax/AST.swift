public import CommonMark

/// A name as written in the notebook, with its position.
public struct Identifier: Sendable, Hashable {
    /// The name.
    public var name: String
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an identifier.
    public init(_ name: String, at location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// A value expression: a literal, a name or path, a list, a record or a call.
public struct Expression: Sendable, Hashable {
    /// The shape of the expression.
    public indirect enum Kind: Sendable, Hashable {
        case number(Double, text: String)
        case string(String)
        case bool(Bool)
        case none
        /// `name` or `name.field.field`.
        case path([String])
        case list([Expression])
        case record([RecordField])
        /// `name(arg, arg)`, such as `loguniform(0.001, 10)`.
        case call(Identifier, [Expression])
    }

    /// The expression.
    public var kind: Kind
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an expression.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A single bare word or a quoted string: the spellings of a column name or a choice.
    ///
    /// The keywords `none`, `true` and `false` are words too, so `scale: none`, `penalty: none` and
    /// `normalize: true` pick the choices of those names, as their quoted forms do.
    public var word: String? {
        switch kind {
        case .path(let parts) where parts.count == 1: parts[0]
        case .string(let s): s
        case .none: "none"
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// The items of a list, or the expression itself: a label that takes one value or a list of them
    /// (`columns: a` or `columns: [a, b]`).
    public var listItems: [Expression] {
        if case .list(let items) = kind { items } else { [self] }
    }

    /// How the expression reads in source form, for messages and cache keys.
    public var sourceText: String {
        switch kind {
        case .number(_, let text): text
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .none: "none"
        case .path(let parts): parts.joined(separator: ".")
        case .list(let items): "[" + items.map(\.sourceText).joined(separator: ", ") + "]"
        case .record(let fields):
            "{" + fields.map { "\($0.label.name): \($0.value.sourceText)" }.joined(separator: ", ") + "}"
        case .call(let name, let args): name.name + "(" + args.map(\.sourceText).joined(separator: ", ") + ")"
        }
    }
}

/// One `label: value` pair inside `{…}`.
public struct RecordField: Sendable, Hashable {
    /// The label.
    public var label: Identifier
    /// The value.
    public var value: Expression
}

/// One argument of a verb: positional or labelled.
public struct Argument: Sendable, Hashable {
    /// The label, or `nil` for a positional argument.
    public var label: Identifier?
    /// The value.
    public var value: Expression

    /// Creates an argument.
    public init(label: Identifier?, value: Expression) {
        self.label = label
        self.value = value
    }
}

/// `[names =] verb [modifier] [argument {, argument}]`.
public struct Command: Sendable, Hashable {
    /// Names bound to the verb's results, left of `=`.
    public var targets: [Identifier]
    /// The verb.
    public var verb: Identifier
    /// A word qualifying the verb, such as `sql` in `load sql "select …"`.
    public var modifier: Identifier?
    /// The arguments, in order.
    public var arguments: [Argument]

    /// The positional arguments, in order.
    public var positional: [Expression] { arguments.filter { $0.label == nil }.map(\.value) }

    /// The argument labelled `label`, if present.
    public func argument(_ label: String) -> Argument? { arguments.first { $0.label?.name == label } }
}

/// One statement of a code block.
public struct Statement: Sendable, Hashable {
    /// A command, or a bare value to show.
    public enum Kind: Sendable, Hashable {
        case command(Command)
        /// A bare `name` or `name.path` on its own line: show that value.
        case display(Expression)
    }

    /// The statement.
    public var kind: Kind
    /// Where it starts.
    public var location: SourceLocation
}
