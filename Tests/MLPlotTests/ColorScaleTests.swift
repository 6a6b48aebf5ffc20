import Testing

@testable import MLPlot

@Suite struct ColorScaleTests {
    /// Entries of matplotlib's viridis table that fall between the scale's stops.
    ///
    /// From `_viridis_data` in lib/matplotlib/_cm_listed.py (the stops are every 5th entry), as
    /// `round(channel * 255)`: index → (r, g, b). E.g. entry 128 is [0.127568, 0.566949, 0.550556] → (33, 145, 140), matplotlib's `viridis(0.5)`, #21918C.
    private static let publishedViridis: [(index: Int, red: Int, green: Int, blue: Int)] = [
        (3, 69, 5, 89),  // [0.271305, 0.019942, 0.347269]
        (8, 71, 13, 96),  // [0.277018, 0.050344, 0.375715]
        (64, 59, 82, 139),  // [0.229739, 0.322361, 0.545706]
        (128, 33, 145, 140),  // [0.127568, 0.566949, 0.550556]
        (187, 84, 197, 104),  // [0.327796, 0.773980, 0.406640]
        (217, 155, 217, 60),  // [0.606045, 0.850733, 0.236712]
        (244, 226, 228, 24),  // [0.886271, 0.892374, 0.095374]
        (248, 236, 229, 27),  // [0.926106, 0.897330, 0.104071]
    ]

    @Test(arguments: publishedViridis)
    func viridisStaysWithinOneLevelOfMatplotlibBetweenStops(entry: (index: Int, red: Int, green: Int, blue: Int)) {
        let color = ColorScale.viridis.color(at: Double(entry.index) / 255)
        #expect(abs(Int(color.red) - entry.red) <= 1, "red of entry \(entry.index): \(color.cssHex)")
        #expect(abs(Int(color.green) - entry.green) <= 1, "green of entry \(entry.index): \(color.cssHex)")
        #expect(abs(Int(color.blue) - entry.blue) <= 1, "blue of entry \(entry.index): \(color.cssHex)")
    }

    @Test func viridisHitsItsStopsExactly() {
        // Entries 0 and 255 of _viridis_data: #440154 and #FDE725; entry 135 (stop 27 of 51, 9/17 of the way) is #1F978B.
        #expect(ColorScale.viridis.color(at: 0).cssHex == "#440154")
        #expect(ColorScale.viridis.color(at: 1).cssHex == "#FDE725")
        #expect(ColorScale.viridis.color(at: 9.0 / 17).cssHex == "#1F978B")
        // Outside 0…1 clamps; NaN is the middle.
        #expect(ColorScale.viridis.color(at: -3) == ColorScale.viridis.color(at: 0))
        #expect(ColorScale.viridis.color(at: 7) == ColorScale.viridis.color(at: 1))
        #expect(ColorScale.viridis.color(at: .nan) == ColorScale.viridis.color(at: 0.5))
    }

    @Test func viridisLightnessRisesSteadily() {
        // A sequential map must order values by lightness, so it reads in grayscale.
        let lightness = (0...255).map { Oklab(ColorScale.viridis.color(at: Double($0) / 255)).lightness }
        for (lower, higher) in zip(lightness, lightness.dropFirst()) {
            #expect(higher >= lower - 1e-3)
        }
        // Oklab L of #440154 is 0.2850 and of #FDE725 0.9177 (Ottosson's matrices, evaluated in Python).
        #expect(abs(lightness[0] - 0.2850) < 1e-3 && abs(lightness[255] - 0.9177) < 1e-3)
    }

    @Test func blueRedDarkensSymmetricallyAboutItsCentre() {
        // ColorBrewer RdBu's Oklab lightness differs by at most 0.014 between mirrored stops (computed with
        // Ottosson's matrices), so |value| reads the same on both sides in grayscale.
        let scale = ColorScale.blueRed
        for step in 0...50 {
            let t = Double(step) / 100
            let low = Oklab(scale.color(at: t)).lightness
            let high = Oklab(scale.color(at: 1 - t)).lightness
            #expect(abs(low - high) < 0.02, "t = \(t)")
        }
        #expect(scale.color(at: 0).cssHex == "#053061")
        #expect(scale.color(at: 0.5).cssHex == "#F7F7F7")
        #expect(scale.color(at: 1).cssHex == "#67001F")
    }

    @Test func oklabRoundTripsEverySRGBGray() {
        for level in stride(from: 0, through: 255, by: 5) {
            let gray = Color(red: UInt8(level), green: UInt8(level), blue: UInt8(level))
            #expect(Oklab(gray).color == gray)
        }
        for hex: UInt32 in [0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xFF0000, 0x00FF00, 0x0000FF] {
            #expect(Oklab(Color(hex: hex)).color == Color(hex: hex))
        }
    }

    @Test func divergingPositionsArePiecewiseLinearAboutTheCentre() {
        // Hand-worked: −0.5…0 maps to 0…½ and 0…2 to ½…1, so 1 is at ½ + ½ · 1/2 = 0.75.
        let scale = ColorScale.diverging(center: 0, domain: -0.5...2)
        #expect(scale.position(of: -0.5) == 0)
        #expect(scale.position(of: -0.25) == 0.25)
        #expect(scale.position(of: 0) == 0.5)
        #expect(scale.position(of: 1) == 0.75)
        #expect(scale.position(of: 2) == 1)
        #expect(scale.position(of: 9) == 1)
        #expect(scale.position(of: .nan) == 0.5)
        #expect(ColorScale.correlation.position(of: -1) == 0)
        #expect(ColorScale.correlation.position(of: 0.5) == 0.75)
    }

    @Test func fittingTakesTheDomainFromTheData() {
        #expect(ColorScale.viridis.fitted(to: [3, .nan, 9, 4]).domain == 3...9)
        // Diverging: symmetric about the centre, reaching the farthest value (0.8 from 0).
        #expect(ColorScale.diverging().fitted(to: [-0.2, 0.8]).domain == -0.8...0.8)
        #expect(ColorScale.diverging(center: 1).fitted(to: [0, 4]).domain == -2...4)
        // A single value is widened to a unit interval; a fixed domain is kept.
        #expect(ColorScale.viridis.fitted(to: [5, 5]).domain == 4.5...5.5)
        #expect(ColorScale.correlation.fitted(to: [0.1, 0.2]).domain == -1...1)
        #expect(ColorScale.viridis.fitted(to: []).domain == 0...1)
    }

    @Test func contrastRatiosFollowWCAG() {
        // WCAG 2: black on white is (1 + 0.05) / (0 + 0.05) = 21; #767676 is the lightest gray with 4.5:1 on
        // white (4.54), #777777 just fails (4.48).
        let white = Color(hex: 0xFFFFFF)
        #expect(abs(Color(hex: 0x000000).contrastRatio(with: white) - 21) < 1e-9)
        #expect(abs(Color(hex: 0x767676).contrastRatio(with: white) - 4.54) < 0.005)
        #expect(abs(Color(hex: 0x777777).contrastRatio(with: white) - 4.48) < 0.005)
    }

    @Test(arguments: [ColorScale.viridis, ColorScale.blueRed])
    func cellTextAlwaysContrastsAtLeastFourAndAHalf(scale: ColorScale) {
        for step in 0...255 {
            let cell = scale.color(at: Double(step) / 255)
            let text = cell.contrastingText
            let other = text == Color(hex: 0xFFFFFF) ? Color(hex: 0x000000) : Color(hex: 0xFFFFFF)
            #expect(cell.contrastRatio(with: text) >= 4.5, "\(text.cssHex) on \(cell.cssHex)")
            #expect(cell.contrastRatio(with: text) >= cell.contrastRatio(with: other))
        }
    }

    @Test func darkCellsGetWhiteTextAndLightCellsBlack() {
        let white = Color(hex: 0xFFFFFF)
        let black = Color(hex: 0x000000)
        #expect(ColorScale.viridis.color(at: 0).contrastingText == white)  // #440154, dark purple
        #expect(ColorScale.viridis.color(at: 1).contrastingText == black)  // #FDE725, yellow
        #expect(ColorScale.blueRed.color(at: 0).contrastingText == white)  // #053061, navy
        #expect(ColorScale.blueRed.color(at: 0.5).contrastingText == black)  // #F7F7F7, near-white
        #expect(ColorScale.blueRed.color(at: 1).contrastingText == white)  // #67001F, wine
    }
}
