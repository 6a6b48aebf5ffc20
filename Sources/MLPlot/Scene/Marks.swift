/// A point in scene coordinates: points from the top-left corner, `y` growing downwards (as in SVG).
public struct Point: Sendable, Hashable, Codable {
    /// The horizontal coordinate, in points from the left edge.
    public var x: Double
    /// The vertical coordinate, in points from the top edge.
    public var y: Double

    /// Creates a point.
    ///
    /// - Parameters:
    ///   - x: Points from the left edge.
    ///   - y: Points from the top edge.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in scene coordinates.
public struct Rect: Sendable, Hashable, Codable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width, not negative.
    public var width: Double
    /// The height, not negative.
    public var height: Double

    /// Creates a rectangle from its top-left corner and size.
    ///
    /// - Parameters:
    ///   - x: The left edge.
    ///   - y: The top edge.
    ///   - width: The width, not negative.
    ///   - height: The height, not negative.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The right edge.
    public var maxX: Double { x + width }
    /// The bottom edge.
    public var maxY: Double { y + height }
    /// The horizontal centre.
    public var midX: Double { x + width / 2 }
    /// The vertical centre.
    public var midY: Double { y + height / 2 }
}

/// A filled and/or stroked rectangle, such as a histogram bar.
public struct RectMark: Sendable, Hashable, Codable {
    /// The rectangle.
    public var rect: Rect
    /// The radius of rounded corners; 0 for square corners.
    public var cornerRadius: Double
    /// How the rectangle is painted.
    public var style: Style
    /// A short text shown on hover in SVG (`<title>`); ignored by TikZ.
    public var tooltip: String?

    /// Creates a rectangle mark.
    ///
    /// - Parameters:
    ///   - rect: The rectangle.
    ///   - cornerRadius: The radius of rounded corners.
    ///   - style: How it is painted.
    ///   - tooltip: Text shown on hover in SVG.
    public init(_ rect: Rect, cornerRadius: Double = 0, style: Style, tooltip: String? = nil) {
        self.rect = rect
        self.cornerRadius = cornerRadius
        self.style = style
        self.tooltip = tooltip
    }
}

/// A straight line segment, such as a grid line or tick.
public struct LineMark: Sendable, Hashable, Codable {
    /// The start of the segment.
    public var from: Point
    /// The end of the segment.
    public var to: Point
    /// How the segment is stroked (its fill is ignored).
    public var style: Style

    /// Creates a line mark.
    ///
    /// - Parameters:
    ///   - from: The start of the segment.
    ///   - to: The end of the segment.
    ///   - style: How it is stroked.
    public init(from: Point, to: Point, style: Style) {
        self.from = from
        self.to = to
        self.style = style
    }
}

/// A polyline or polygon through a list of points, such as a curve or a histogram outline.
public struct PathMark: Sendable, Hashable, Codable {
    /// The vertices in drawing order.
    public var points: [Point]
    /// Whether the last point joins back to the first.
    public var closed: Bool
    /// How the path is painted.
    public var style: Style

    /// Creates a path mark.
    ///
    /// - Parameters:
    ///   - points: The vertices in drawing order.
    ///   - closed: Whether the path closes into a polygon.
    ///   - style: How it is painted.
    public init(points: [Point], closed: Bool = false, style: Style) {
        self.points = points
        self.closed = closed
        self.style = style
    }
}

/// A circle, such as a scatter-plot point.
public struct CircleMark: Sendable, Hashable, Codable {
    /// The centre.
    public var center: Point
    /// The radius in points.
    public var radius: Double
    /// How the circle is painted.
    public var style: Style
    /// A short text shown on hover in SVG (`<title>`); ignored by TikZ.
    public var tooltip: String?

    /// Creates a circle mark.
    ///
    /// - Parameters:
    ///   - center: The centre.
    ///   - radius: The radius in points.
    ///   - style: How it is painted.
    ///   - tooltip: Text shown on hover in SVG.
    public init(center: Point, radius: Double, style: Style, tooltip: String? = nil) {
        self.center = center
        self.radius = radius
        self.style = style
        self.tooltip = tooltip
    }
}

/// One line of text, positioned by a point on its baseline.
public struct TextMark: Sendable, Hashable, Codable {
    /// The text, unescaped; backends escape it for their format.
    public var text: String
    /// The anchor point on the baseline.
    public var position: Point
    /// The font size in points.
    public var fontSize: Double
    /// The font weight.
    public var weight: FontWeight
    /// Which point of the baseline ``position`` names.
    public var anchor: TextAnchor
    /// The rotation about ``position`` in degrees, clockwise on screen (−90 reads bottom to top).
    public var rotation: Double
    /// The text colour.
    public var fill: Paint

    /// Creates a text mark.
    ///
    /// - Parameters:
    ///   - text: The text, unescaped.
    ///   - position: The anchor point on the baseline.
    ///   - fontSize: The font size in points.
    ///   - weight: The font weight.
    ///   - anchor: Which point of the baseline `position` names.
    ///   - rotation: Degrees clockwise on screen.
    ///   - fill: The text colour.
    public init(
        _ text: String,
        at position: Point,
        fontSize: Double,
        weight: FontWeight = .regular,
        anchor: TextAnchor = .start,
        rotation: Double = 0,
        fill: Paint = .theme(.foreground)
    ) {
        self.text = text
        self.position = position
        self.fontSize = fontSize
        self.weight = weight
        self.anchor = anchor
        self.rotation = rotation
        self.fill = fill
    }
}

/// A named group of marks; SVG writes it as `<g class="mlp-NAME">`, TikZ as a comment and a scope.
public struct GroupMark: Sendable, Hashable, Codable {
    /// A short role name such as `grid`, `bars` or `legend` (letters, digits and `-`), or `nil`.
    public var name: String?
    /// The marks, painted in order.
    public var marks: [Mark]

    /// Creates a group.
    ///
    /// - Parameters:
    ///   - name: A short role name, or `nil`.
    ///   - marks: The marks, painted in order.
    public init(name: String? = nil, marks: [Mark]) {
        self.name = name
        self.marks = marks
    }
}

/// One drawing primitive of a ``Scene``.
public enum Mark: Sendable, Hashable, Codable {
    /// A rectangle.
    case rect(RectMark)
    /// A line segment.
    case line(LineMark)
    /// A polyline or polygon.
    case path(PathMark)
    /// A circle.
    case circle(CircleMark)
    /// A line of text.
    case text(TextMark)
    /// A group of marks.
    case group(GroupMark)
}

/// The backend-independent drawing of a figure: marks painted in order over a `width` × `height` canvas.
public struct Scene: Sendable, Hashable, Codable {
    /// The marks, painted first to last.
    public var marks: [Mark]

    /// Creates a scene.
    ///
    /// - Parameter marks: The marks, painted first to last.
    public init(marks: [Mark] = []) {
        self.marks = marks
    }
}

extension Mark {
    /// A line segment mark.
    static func segment(_ from: Point, _ to: Point, _ style: Style) -> Mark {
        .line(LineMark(from: from, to: to, style: style))
    }

    /// A text mark.
    static func label(
        _ text: String,
        at position: Point,
        size: Double,
        weight: FontWeight = .regular,
        anchor: TextAnchor = .start,
        rotation: Double = 0,
        fill: Paint = .theme(.foreground)
    ) -> Mark {
        .text(
            TextMark(
                text, at: position, fontSize: size, weight: weight, anchor: anchor, rotation: rotation, fill: fill
            ))
    }
}
