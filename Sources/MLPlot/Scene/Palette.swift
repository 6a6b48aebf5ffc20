/// An ordered list of data colours, used in turn for categories or series.
public struct Palette: Sendable, Hashable, Codable {
    /// The colours in the order they are assigned; never empty.
    public var colors: [Color]

    /// Creates a palette.
    ///
    /// - Parameter colors: The colours in assignment order; must not be empty.
    public init(colors: [Color]) {
        precondition(!colors.isEmpty, "a palette needs at least one colour")
        self.colors = colors
    }

    /// The colour-blind-safe categorical palette of Okabe and Ito (2008).
    ///
    /// The order starts with the blue/orange pair, which stays distinct under every common colour-vision
    /// deficiency. The palette's black is replaced by a mid grey (`#999999`) because black data would vanish on the
    /// dark-scheme background. A ninth to twelfth category (ten digits, say) takes four darker colours from Paul
    /// Tol's colour-blind-safe "muted" scheme (wine, dark green, indigo, olive) before the palette cycles.
    public static let okabeIto = Palette(colors: [
        Color(hex: 0x0072B2),  // blue
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0x009E73),  // bluish green
        Color(hex: 0xD55E00),  // vermillion
        Color(hex: 0x56B4E9),  // sky blue
        Color(hex: 0xCC79A7),  // reddish purple
        Color(hex: 0xF0E442),  // yellow
        Color(hex: 0x999999),  // grey, in place of black
        Color(hex: 0x882255),  // wine (Tol)
        Color(hex: 0x117733),  // dark green (Tol)
        Color(hex: 0x332288),  // indigo (Tol)
        Color(hex: 0x999933),  // olive (Tol)
    ])

    /// The colour for the `index`-th category, cycling when there are more categories than colours.
    ///
    /// - Parameter index: The category's position, from 0.
    /// - Returns: A colour of the palette.
    public func color(at index: Int) -> Color {
        colors[((index % colors.count) + colors.count) % colors.count]
    }
}
