/// A colour role that the backend resolves from the theme, so that text, axes and grid lines can follow the
/// reader's light or dark colour scheme while data colours stay fixed.
public enum ThemeColor: String, Sendable, Hashable, Codable, CaseIterable {
    /// The figure's background.
    case background
    /// Titles and axis titles.
    case foreground
    /// Tick labels, legend labels and notes.
    case secondary
    /// Axis lines and tick marks.
    case axis
    /// Grid lines and frames.
    case grid

    /// The colour used on a light background (and by the TikZ backend, which targets paper).
    public var light: Color {
        switch self {
        case .background: Color(hex: 0xFFFFFF)
        case .foreground: Color(hex: 0x1F2328)
        case .secondary: Color(hex: 0x4A5058)
        case .axis: Color(hex: 0x6E7781)
        case .grid: Color(hex: 0xE4E7EB)
        }
    }

    /// The colour used when the reader prefers a dark colour scheme (SVG only).
    public var dark: Color {
        switch self {
        case .background: Color(hex: 0x15181D)
        case .foreground: Color(hex: 0xE6EDF3)
        case .secondary: Color(hex: 0xB1BAC4)
        case .axis: Color(hex: 0x8B949E)
        case .grid: Color(hex: 0x30363D)
        }
    }
}

/// What fills or strokes a mark: a fixed colour (data) or a theme role (chrome).
public enum Paint: Sendable, Hashable, Codable {
    /// A fixed colour, identical in every colour scheme; used for data.
    case color(Color)
    /// A colour resolved from the theme; used for text, axes, grid and background.
    case theme(ThemeColor)
}

/// How a shape is filled and stroked.
public struct Style: Sendable, Hashable, Codable {
    /// The fill paint, or `nil` for no fill.
    public var fill: Paint?
    /// The fill opacity, 0–1.
    public var fillOpacity: Double
    /// The stroke paint, or `nil` for no stroke.
    public var stroke: Paint?
    /// The stroke width in points.
    public var strokeWidth: Double
    /// The stroke opacity, 0–1.
    public var strokeOpacity: Double
    /// Alternating dash and gap lengths in points; empty for a solid line.
    public var dash: [Double]

    /// Creates a style.
    ///
    /// - Parameters:
    ///   - fill: The fill paint, or `nil` for none.
    ///   - fillOpacity: The fill opacity, 0–1.
    ///   - stroke: The stroke paint, or `nil` for none.
    ///   - strokeWidth: The stroke width in points.
    ///   - strokeOpacity: The stroke opacity, 0–1.
    ///   - dash: Dash and gap lengths in points; empty for a solid line.
    public init(
        fill: Paint? = nil,
        fillOpacity: Double = 1,
        stroke: Paint? = nil,
        strokeWidth: Double = 1,
        strokeOpacity: Double = 1,
        dash: [Double] = []
    ) {
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.strokeOpacity = strokeOpacity
        self.dash = dash
    }

    /// A fill-only style.
    ///
    /// - Parameters:
    ///   - paint: The fill paint.
    ///   - opacity: The fill opacity, 0–1.
    /// - Returns: A style with that fill and no stroke.
    public static func filled(_ paint: Paint, opacity: Double = 1) -> Style {
        Style(fill: paint, fillOpacity: opacity)
    }

    /// A stroke-only style.
    ///
    /// - Parameters:
    ///   - paint: The stroke paint.
    ///   - width: The stroke width in points.
    ///   - dash: Dash and gap lengths in points; empty for a solid line.
    /// - Returns: A style with that stroke and no fill.
    public static func stroked(_ paint: Paint, width: Double = 1, dash: [Double] = []) -> Style {
        Style(stroke: paint, strokeWidth: width, dash: dash)
    }
}

/// The weight of a text mark's font.
public enum FontWeight: String, Sendable, Hashable, Codable {
    /// The regular weight.
    case regular
    /// The bold weight.
    case bold
}

/// Which point of a text's baseline its position names.
public enum TextAnchor: String, Sendable, Hashable, Codable {
    /// The position is the start (left end) of the baseline.
    case start
    /// The position is the middle of the baseline.
    case middle
    /// The position is the end (right end) of the baseline.
    case end
}
