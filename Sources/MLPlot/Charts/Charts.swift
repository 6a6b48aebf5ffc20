/// Factories for finished charts.
///
/// Each takes plain numbers and strings and returns a ``Figure``.
public enum Charts {
    /// The default figure width in points (CSS pixels in SVG; `tikz()` scales the picture to the line width).
    public static let defaultWidth = 640.0
    /// The default figure height in points.
    public static let defaultHeight = 400.0
}
