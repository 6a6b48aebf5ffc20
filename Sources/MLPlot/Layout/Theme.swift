/// Font sizes and spacing shared by every chart, in points.
struct Theme: Sendable, Hashable {
    /// Space between the figure's edge and its content.
    var padding = 14.0
    /// The chart title's font size (bold).
    var titleSize = 16.0
    /// Axis titles' font size.
    var axisTitleSize = 13.0
    /// Tick labels' font size.
    var tickLabelSize = 12.0
    /// Legend labels' font size.
    var legendSize = 12.0
    /// The length of tick marks outside the plot area.
    var tickLength = 5.0
    /// The gap between a tick (or the plot edge) and its label.
    var tickLabelGap = 4.0
    /// The gap between tick labels and the axis title.
    var axisTitleGap = 8.0
    /// The gap below the title and below the legend.
    var blockGap = 12.0
    /// The side of a legend swatch.
    var swatchSize = 12.0
    /// The least horizontal space between two neighbouring tick labels.
    var labelSpacing = 12.0

    /// The default theme.
    static let standard = Theme()

    /// Distance between baselines of consecutive lines of text of the given size.
    func lineHeight(_ fontSize: Double) -> Double { (fontSize * 1.25).rounded() }
}

/// Rounds a coordinate to the nearest half point, where a 1-point line drawn along it is crisp on screen.
///
/// - Parameter value: A scene coordinate.
/// - Returns: `n + 0.5` for the integer `n` nearest to `value - 0.5`.
func crisp(_ value: Double) -> Double { (value - 0.5).rounded() + 0.5 }
