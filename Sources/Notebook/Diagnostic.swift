public import CommonMark
import MLData

/// A problem found in a notebook, with the notebook position it belongs to.
///
/// Printed as `file:line:column: error: message`, the form compilers use, so editors and
/// terminals can jump to it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    /// The notebook path as the user gave it.
    public var file: String
    /// Where in the notebook.
    public var location: SourceLocation
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, on one line; includes any "did you mean" hint.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, location: SourceLocation, severity: Severity = .error, message: String) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: error: message`.
    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

/// Several diagnostics at once: `swiftml check` reports every problem, not just the first.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The problems, in notebook order.
    public var diagnostics: [Diagnostic]

    /// Creates a list.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One line per problem.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// An error located in a notebook but not yet tied to a file name (the executor adds it).
public struct LocatedError: Error, Sendable, Hashable {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String

    /// Creates an error at `location`.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// Appends "; did you mean 'x'?" when a plausible candidate exists.
func withSuggestion(_ message: String, for name: String, among candidates: some Sequence<String>) -> String {
    guard let near = nearestName(to: name, in: candidates) else { return message }
    return "\(message); did you mean '\(near)'?"
}
