/// An error in a column expression: bad syntax, an unknown name, or values of the wrong type.
///
/// `offset` is the 0-based UTF-8 offset into the expression's text of the token or operand at
/// fault, and `length` is how many UTF-8 bytes it spans (0 at the end of the text), so a caller
/// that knows where the expression sits in a notebook can point at the exact column.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A one-line, human-readable explanation, such as `cannot add text and a number`.
    public var message: String
    /// The 0-based UTF-8 offset into the expression text where the problem starts.
    public var offset: Int
    /// The number of UTF-8 bytes the problem spans (0 when it is the end of the text).
    public var length: Int

    /// Creates an error at `offset`, spanning `length` UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - offset: The 0-based UTF-8 offset of the offending token or operand.
    ///   - length: The token's or operand's length in UTF-8 bytes.
    public init(_ message: String, offset: Int, length: Int = 1) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    /// Creates an error covering the UTF-8 byte range `range` of the expression text.
    init(_ message: String, at range: Range<Int>) {
        self.init(message, offset: range.lowerBound, length: range.count)
    }

    /// The message followed by the offset, such as `unexpected 'and' (at offset 4)`.
    public var description: String { "\(message) (at offset \(offset))" }
}
