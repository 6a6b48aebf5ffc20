import Testing

@testable import MLPlot

@Suite struct ScalesTests {
    @Test func linearScaleMapsAndInvertsAReversedRange() {
        // A y axis: data 0…50 onto scene 346 (bottom) … 18 (top); 25 lands half-way, at 182.
        let scale = LinearScale(domain: 0...50, rangeStart: 346, rangeEnd: 18)
        #expect(scale(0) == 346)
        #expect(scale(25) == 182)
        #expect(scale(50) == 18)
        #expect(scale.invert(182) == 25)
        // A degenerate domain maps to the middle of the range.
        #expect(LinearScale(domain: 3...3, rangeStart: 0, rangeEnd: 10)(3) == 5)
    }

    @Test func bandScaleMatchesD3() {
        // d3.scaleBand().domain(["a","b","c"]).range([0,100]).paddingInner(0.2).paddingOuter(0.1):
        // step = 100 / (3 − 0.2 + 0.2) = 33.33, bandwidth = 26.67, first band at (100 − 33.33·2.8) / 2 = 3.33.
        let scale = BandScale(
            categories: ["a", "b", "c"], rangeStart: 0, rangeEnd: 100, paddingInner: 0.2, paddingOuter: 0.1
        )
        #expect(abs(scale.step - 100.0 / 3) < 1e-12)
        #expect(abs(scale.bandwidth - 80.0 / 3) < 1e-12)
        #expect(abs(scale.start(at: 0) - 10.0 / 3) < 1e-12)
        #expect(abs(scale.start(at: 2) - 70) < 1e-12)
        #expect(abs(scale.center(at: 1) - 50) < 1e-12)
        #expect(scale.index(of: "c") == 2)
        #expect(scale.index(of: "z") == nil)
    }

    @Test func paletteCyclesThroughOkabeIto() {
        // Okabe & Ito (2008): blue #0072B2 first, orange #E69F00 second; then Tol's wine #882255 as the ninth;
        // 12 colours, so index 12 wraps to blue.
        let palette = Palette.okabeIto
        #expect(palette.color(at: 0).cssHex == "#0072B2")
        #expect(palette.color(at: 1).cssHex == "#E69F00")
        #expect(palette.color(at: 8).cssHex == "#882255")
        #expect(Set((0..<12).map { palette.color(at: $0).cssHex }).count == 12)
        #expect(palette.color(at: 12) == palette.color(at: 0))
        #expect(palette.color(at: -1) == palette.color(at: 11))
    }
}
