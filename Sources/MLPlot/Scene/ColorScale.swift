#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A continuous colour ramp, and optionally the data interval it spans, for heat maps and colour bars.
///
/// The ramp is a list of colour stops spaced evenly over positions 0…1; ``color(at:)`` interpolates between the
/// two nearest stops in Oklab (Ottosson 2020), a perceptually uniform space, so that equal steps in position look
/// like equal steps in colour and no muddy midtones appear, as they do between sRGB stops.
///
/// A scale maps data to positions through ``domain`` and, for a diverging scale, ``center``: the domain's lower
/// bound goes to 0, the centre to ½ and the upper bound to 1, linearly on each side. A scale whose domain is `nil`
/// takes one from the data with ``fitted(to:)``.
public struct ColorScale: Sendable, Hashable, Codable {
    /// The colours at positions `0, 1/(n−1), …, 1`; at least two.
    public var stops: [Color]
    /// The data interval mapped onto the ramp, or `nil` to fit it to the data.
    public var domain: ClosedRange<Double>?
    /// The data value drawn in the ramp's middle colour, for a diverging scale; `nil` for a sequential one.
    public var center: Double?
    /// A short name for the ramp, such as "viridis", used in descriptions.
    public var name: String

    /// Creates a colour scale.
    ///
    /// - Parameters:
    ///   - stops: The colours at evenly spaced positions from 0 to 1; at least two.
    ///   - domain: The data interval mapped onto the ramp, or `nil` to fit it to the data.
    ///   - center: The data value at the ramp's middle (diverging scales), or `nil`.
    ///   - name: A short name for the ramp, used in descriptions.
    public init(stops: [Color], domain: ClosedRange<Double>? = nil, center: Double? = nil, name: String) {
        precondition(stops.count >= 2, "a colour scale needs at least two stops")
        self.stops = stops
        self.domain = domain
        self.center = center
        self.name = name
    }

    /// The perceptually uniform, colour-blind-friendly sequential map viridis (van der Walt and Smith, 2015),
    /// from dark purple (low) to yellow (high); its lightness rises steadily, so it also reads in grayscale.
    ///
    /// The 52 stops are entries 0, 5, 10, …, 255 of the 256-entry table `_viridis_data` in matplotlib's
    /// `lib/matplotlib/_cm_listed.py` (CC0), rounded to 8 bits as matplotlib's `to_hex` does. Between them,
    /// ``color(at:)`` reproduces the published entries to within one unit per channel (checked in the tests);
    /// sparser stops would not: the blue channel bends near the yellow end.
    public static let viridis = ColorScale(
        stops: [
            0x440154, 0x46085C, 0x471063, 0x481769, 0x481D6F, 0x482475, 0x472A7A, 0x46307E, 0x453781,
            0x433D84, 0x414287, 0x3F4889, 0x3D4E8A, 0x3A538B, 0x38598C, 0x355E8D, 0x33638D, 0x31688E,
            0x2E6D8E, 0x2C718E, 0x2A768E, 0x297B8E, 0x27808E, 0x25848E, 0x23898E, 0x218E8D, 0x20928C,
            0x1F978B, 0x1E9C89, 0x1FA188, 0x21A585, 0x24AA83, 0x28AE80, 0x2EB37C, 0x35B779, 0x3DBC74,
            0x46C06F, 0x50C46A, 0x5AC864, 0x65CB5E, 0x70CF57, 0x7CD250, 0x89D548, 0x95D840, 0xA2DA37,
            0xB0DD2F, 0xBDDF26, 0xCAE11F, 0xD8E219, 0xE5E419, 0xF1E51D, 0xFDE725,
        ].map { Color(hex: $0) },
        name: "viridis"
    )

    /// A diverging map from dark blue (low) through near-white (centre) to dark red (high), centred on 0, for
    /// signed quantities such as correlations and coefficients.
    ///
    /// The stops are ColorBrewer's 11-class "RdBu" (Cynthia Brewer, colorbrewer2.org, Apache-2.0), reversed so
    /// that negative is blue and positive red, as in most correlation plots. Both arms darken symmetrically away
    /// from the centre, so in grayscale print a cell's lightness still shows the size of the value (its sign is
    /// in the number written on it), and the light centre stays distinct from a dark page. Blue and red are told
    /// apart under the common colour-vision deficiencies (ColorBrewer marks RdBu colour-blind safe).
    public static let blueRed = ColorScale(
        stops: [
            0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
            0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
        ].map { Color(hex: $0) },
        center: 0,
        name: "blue–red"
    )

    /// ``blueRed`` over the fixed domain −1…1, for correlation matrices.
    public static let correlation = blueRed.with(domain: -1...1, center: 0)

    /// A sequential scale (``viridis``) over a fixed domain, or over the data's range when `domain` is `nil`.
    ///
    /// - Parameter domain: The data interval from the darkest to the lightest colour, or `nil`.
    /// - Returns: The scale.
    public static func sequential(domain: ClosedRange<Double>? = nil) -> ColorScale {
        viridis.with(domain: domain, center: nil)
    }

    /// A diverging scale (``blueRed``) centred on a value.
    ///
    /// - Parameters:
    ///   - center: The data value drawn near-white.
    ///   - domain: The data interval, or `nil` for the smallest interval symmetric about `center` that holds the
    ///     data (so equal distances from the centre get equal colour strength on both sides).
    /// - Returns: The scale.
    public static func diverging(center: Double = 0, domain: ClosedRange<Double>? = nil) -> ColorScale {
        blueRed.with(domain: domain, center: center)
    }

    /// The same ramp over another domain.
    ///
    /// - Parameters:
    ///   - domain: The data interval, or `nil` to fit it to the data.
    ///   - center: The data value at the ramp's middle, or `nil` for a sequential mapping.
    /// - Returns: The scale with its domain and centre replaced.
    public func with(domain: ClosedRange<Double>?, center: Double?) -> ColorScale {
        ColorScale(stops: stops, domain: domain, center: center, name: name)
    }

    /// The scale with its domain taken from data when it has none.
    ///
    /// A sequential scale spans the finite values' minimum to maximum. A diverging scale spans
    /// `center ± max |value − center|`. A single value (or no finite value) is widened to a unit interval around
    /// it, so the mapping is never degenerate.
    ///
    /// - Parameter values: The data; NaN and infinities are ignored.
    /// - Returns: The scale with a domain.
    public func fitted(to values: [Double]) -> ColorScale {
        guard domain == nil else { return self }
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if let center, center.isFinite {
            let reach = max(abs(low - center), abs(high - center))
            low = center - reach
            high = center + reach
        }
        if !(high > low) {
            low -= 0.5
            high = low + 1
        }
        return with(domain: low...high, center: center)
    }

    /// The ramp position of a data value: 0 at the domain's lower bound, ½ at the centre (diverging), 1 at the
    /// upper bound, clamped to 0…1.
    ///
    /// - Parameter value: A data value.
    /// - Returns: A position in 0…1; 0.5 for NaN or a degenerate domain.
    public func position(of value: Double) -> Double {
        guard !value.isNaN else { return 0.5 }
        let domain = domain ?? 0...1
        let low = domain.lowerBound
        let high = domain.upperBound
        guard high > low else { return 0.5 }
        let t: Double
        if let center, center > low, center < high {
            t =
                value <= center
                ? 0.5 * (value - low) / (center - low)
                : 0.5 + 0.5 * (value - center) / (high - center)
        } else {
            t = (value - low) / (high - low)
        }
        return min(max(t, 0), 1)
    }

    /// The colour of a data value, through ``domain`` (0…1 when `nil`).
    ///
    /// - Parameter value: A data value; values outside the domain get the end colours.
    /// - Returns: The colour.
    public func color(for value: Double) -> Color { color(at: position(of: value)) }

    /// The colour at a ramp position, interpolated in Oklab between the two nearest stops.
    ///
    /// - Parameter t: The position, 0…1; values outside are clamped, NaN is treated as ½.
    /// - Returns: The colour.
    public func color(at t: Double) -> Color {
        let t = t.isNaN ? 0.5 : min(max(t, 0), 1)
        let scaled = t * Double(stops.count - 1)
        let index = min(Int(scaled.rounded(.down)), stops.count - 2)
        let fraction = scaled - Double(index)
        if fraction == 0 { return stops[index] }
        if fraction == 1 { return stops[index + 1] }
        let from = Oklab(stops[index])
        let to = Oklab(stops[index + 1])
        return Oklab(
            lightness: from.lightness + (to.lightness - from.lightness) * fraction,
            a: from.a + (to.a - from.a) * fraction,
            b: from.b + (to.b - from.b) * fraction
        ).color
    }
}

/// A colour in Björn Ottosson's Oklab space (2020): perceived lightness and two opponent axes.
struct Oklab: Sendable, Hashable {
    /// Perceived lightness, 0 (black) to 1 (white).
    var lightness: Double
    /// The green–red axis.
    var a: Double
    /// The blue–yellow axis.
    var b: Double

    /// Creates a colour from its coordinates.
    init(lightness: Double, a: Double, b: Double) {
        self.lightness = lightness
        self.a = a
        self.b = b
    }

    /// Converts an sRGB colour (Ottosson's reference matrices, after sRGB decoding).
    init(_ color: Color) {
        let r = Self.linear(color.red)
        let g = Self.linear(color.green)
        let b = Self.linear(color.blue)
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
        self.lightness = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s
        self.a = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s
        self.b = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
    }

    /// The nearest 8-bit sRGB colour (channels clamped to the gamut).
    var color: Color {
        let l = pow3(lightness + 0.3963377774 * a + 0.2158037573 * b)
        let m = pow3(lightness - 0.1055613458 * a - 0.0638541728 * b)
        let s = pow3(lightness - 0.0894841775 * a - 1.2914855480 * b)
        let red = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s
        let green = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s
        let blue = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s
        return Color(red: Self.encoded(red), green: Self.encoded(green), blue: Self.encoded(blue))
    }

    private func pow3(_ x: Double) -> Double { x * x * x }

    /// An 8-bit sRGB channel as linear light, 0…1.
    static func linear(_ channel: UInt8) -> Double {
        let c = Double(channel) / 255
        return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    /// Linear light as the nearest 8-bit sRGB channel.
    private static func encoded(_ linear: Double) -> UInt8 {
        let c = min(max(linear, 0), 1)
        let encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
        return UInt8((encoded * 255).rounded())
    }
}

extension Color {
    /// The WCAG 2 relative luminance: 0 for black, 1 for white.
    var relativeLuminance: Double {
        0.2126 * Oklab.linear(red) + 0.7152 * Oklab.linear(green) + 0.0722 * Oklab.linear(blue)
    }

    /// The WCAG 2 contrast ratio with another colour, from 1 (none) to 21 (black on white).
    ///
    /// - Parameter other: The other colour.
    /// - Returns: `(L1 + 0.05) / (L2 + 0.05)` with `L1` the lighter luminance.
    func contrastRatio(with other: Color) -> Double {
        let a = relativeLuminance
        let b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// White or black, whichever contrasts more with this colour, for text drawn on it.
    ///
    /// The better of the two always reaches a contrast ratio of at least 4.58 (above WCAG AA's 4.5 for normal
    /// text): the worst case is a background of luminance 0.179, equally far from both. A softer near-black would
    /// drop that floor below 4.5.
    var contrastingText: Color {
        let white = Color(hex: 0xFFFFFF)
        let black = Color(hex: 0x000000)
        return contrastRatio(with: white) >= contrastRatio(with: black) ? white : black
    }
}
