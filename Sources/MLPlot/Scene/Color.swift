/// An opaque sRGB colour with 8-bit channels.
///
/// Colours are plain values so that a ``Scene`` stays `Hashable` and renders to the same bytes every time.
public struct Color: Sendable, Hashable, Codable {
    /// The red channel, 0–255.
    public var red: UInt8
    /// The green channel, 0–255.
    public var green: UInt8
    /// The blue channel, 0–255.
    public var blue: UInt8

    /// Creates a colour from its three channels.
    ///
    /// - Parameters:
    ///   - red: The red channel, 0–255.
    ///   - green: The green channel, 0–255.
    ///   - blue: The blue channel, 0–255.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a `0xRRGGBB` literal.
    ///
    /// - Parameter hex: The colour as `0xRRGGBB`; bits above the low 24 are ignored.
    public init(hex: UInt32) {
        self.init(
            red: UInt8(truncatingIfNeeded: hex >> 16),
            green: UInt8(truncatingIfNeeded: hex >> 8),
            blue: UInt8(truncatingIfNeeded: hex)
        )
    }

    /// The six upper-case hexadecimal digits `RRGGBB`, without a leading `#`.
    public var hexDigits: String {
        let digits: [Character] = Array("0123456789ABCDEF")
        var result = ""
        for channel in [red, green, blue] {
            result.append(digits[Int(channel >> 4)])
            result.append(digits[Int(channel & 0x0F)])
        }
        return result
    }

    /// The colour as a CSS/SVG hex string such as `#0072B2`.
    public var cssHex: String { "#" + hexDigits }
}
