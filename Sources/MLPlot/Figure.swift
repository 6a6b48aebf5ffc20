/// A finished chart: its size, accessible title and description, and the scene both backends draw.
///
/// Build one with ``Charts``, then write it with ``svg(id:)`` or ``tikz(width:)``. Coordinates are in points
/// (SVG user units), from the top-left corner.
public struct Figure: Sendable, Hashable, Codable {
    /// The width in points.
    public var width: Double
    /// The height in points.
    public var height: Double
    /// The title drawn above the chart, or `nil` for none.
    public var title: String?
    /// A short name for the chart such as "Histogram of age", used as the SVG `<title>` when ``title`` is `nil`.
    public var label: String
    /// What the chart shows, in one or two plain sentences (SVG `<desc>`, alt text).
    public var description: String
    /// The marks to draw.
    public var scene: Scene

    /// Creates a figure.
    ///
    /// - Parameters:
    ///   - width: The width in points.
    ///   - height: The height in points.
    ///   - title: The title drawn above the chart, or `nil`.
    ///   - label: A short name for the chart, used when `title` is `nil`.
    ///   - description: What the chart shows, for alt text.
    ///   - scene: The marks to draw.
    public init(width: Double, height: Double, title: String?, label: String, description: String, scene: Scene) {
        self.width = width
        self.height = height
        self.title = title
        self.label = label
        self.description = description
        self.scene = scene
    }

    /// The accessible name: the title when there is one, otherwise the label.
    public var accessibleTitle: String { title ?? label }
}
