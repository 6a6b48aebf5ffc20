import Foundation
import Testing

@testable import MLPlot

/// Fixed data for the scatter figures, written so Python can rebuild it exactly for the cross-checks:
/// `i = np.arange(60); x = ((i*37) % 101) / 8; y = ((i*53) % 97) / 6 + ((i*37) % 101) / 16`.
private enum ScatterData {
    static let x: [Double] = (0..<60).map { Double(($0 * 37) % 101) / 8 }
    static let y: [Double] = (0..<60).map { (i: Int) -> Double in
        let first: Double = Double((i * 53) % 97) / 6
        let second: Double = Double((i * 37) % 101) / 16
        return first + second
    }
    static let kinds: [String] = (0..<60).map { ["alpha", "beta", "gamma"][$0 % 3] }
    /// Values −5…5 for continuous colour.
    static let scores: [Double] = (0..<60).map { Double($0 % 11) - 5 }
    /// Sizes 0…12.
    static let sizes: [Double] = (0..<60).map { Double(($0 * 7) % 13) }
}

extension Figure {
    /// Every circle mark outside the legend, in painting order.
    fileprivate var circles: [CircleMark] {
        scene.marks.filter { mark in
            if case .group(let group) = mark { return group.name != "legend" }
            return true
        }.flatMap { Scene(marks: [$0]).allMarks }.compactMap { mark in
            if case .circle(let circle) = mark { return circle }
            return nil
        }
    }

    /// The texts of the marks in the first group with this name.
    fileprivate func texts(in group: String) -> [String] {
        self.group(named: group).compactMap { mark in
            if case .text(let text) = mark { return text.text }
            return nil
        }
    }
}

/// `count` points of a correlated cloud from a seeded generator: x bell-shaped, y = 0.6 x + noise.
private func cloud(_ count: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
    var generator = SplitMix64(seed: seed)
    // Uniform on [−1, 1) from the top 53 bits.
    func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-52 - 1 }
    var x = [Double](repeating: 0, count: count)
    var y = [Double](repeating: 0, count: count)
    for index in 0..<count {
        // The sum of three uniforms: bell-shaped without transcendental functions.
        let a = uniform() + uniform() + uniform()
        x[index] = a
        y[index] = 0.6 * a + 0.8 * (uniform() + uniform())
    }
    return (x, y)
}

@Suite struct ScatterFigureTests {
    private let categorical = Charts.scatter(
        x: ScatterData.x, y: ScatterData.y, color: .categories(ScatterData.kinds), xLabel: "width",
        yLabel: "height", colorLabel: "kind", title: "Height against width"
    )
    private let continuous = Charts.scatter(
        x: ScatterData.x, y: ScatterData.y, color: .values(ScatterData.scores), size: ScatterData.sizes,
        xLabel: "width", yLabel: "height", colorLabel: "score", sizeLabel: "weight"
    )

    @Test func categoriesMatchGoldens() throws {
        try expectMatchesGolden(categorical.svg(id: "scatter-categories"), named: "scatter-categories.svg")
        try expectMatchesGolden(categorical.tikz(), named: "scatter-categories.tex")
    }

    @Test func valuesAndSizesMatchGoldens() throws {
        try expectMatchesGolden(continuous.svg(id: "scatter-values"), named: "scatter-values.svg")
        try expectMatchesGolden(continuous.tikz(), named: "scatter-values.tex")
    }

    @Test func svgIsWellFormedAndDescribesThePoints() throws {
        let parsed = ParsedSVG(categorical.svg(id: "s"))
        #expect(parsed.isWellFormed)
        #expect(parsed.texts["title"]?.first == "Height against width")
        let description = try #require(parsed.texts["desc"]?.first)
        #expect(description.hasPrefix("Scatter plot of height against width: 60 points, width from 0 to 12.5"))
        #expect(description.contains("coloured by kind: alpha (20), beta (20), gamma (20)"))
        // numpy: np.corrcoef(x, y)[0, 1] = 0.46556… with the arrays of ScatterData.
        #expect(description.hasSuffix("Pearson correlation 0.47."))
        // One circle per point, each with a tooltip naming its values (60 ≤ 1,000 points).
        #expect(categorical.circles.count(where: { $0.tooltip != nil }) == 60)
        #expect(categorical.circles.first?.tooltip == "width 0, height 0, kind alpha")
    }

    @Test func legendsAppearOnlyWhenTheySaySomething() {
        // Three categories: a legend with the title and three entries; no colour bar.
        #expect(categorical.texts(in: "legend") == ["kind", "alpha", "beta", "gamma"])
        #expect(categorical.group(named: "color-bar").isEmpty)
        // One category says nothing: no legend.
        let one = Charts.scatter(
            x: ScatterData.x, y: ScatterData.y, color: .categories(Array(repeating: "all", count: 60)),
            xLabel: "width", yLabel: "height"
        )
        #expect(one.group(named: "legend").isEmpty)
        // Continuous colour that varies: a colour bar titled "score"; varying sizes: a size key titled "weight".
        #expect(continuous.texts(in: "color-bar").first == "score")
        #expect(continuous.texts(in: "size-key").first == "weight")
        // Sizes 0…12: nice reference values 0, 5, 10 (TickSet.within, at most 4).
        #expect(continuous.texts(in: "size-key").dropFirst() == ["0", "5", "10"])
        // Constant colour values and sizes: neither guide.
        let constant = Charts.scatter(
            x: ScatterData.x, y: ScatterData.y, color: .values(Array(repeating: 3, count: 60)),
            size: Array(repeating: 1, count: 60), xLabel: "width", yLabel: "height"
        )
        #expect(constant.group(named: "color-bar").isEmpty)
        #expect(constant.group(named: "size-key").isEmpty)
    }

    @Test func largerCirclesAreDrawnFirst() {
        // Sized points are painted largest first, so small ones stay visible.
        let radii = continuous.group(named: "points").compactMap { mark -> Double? in
            if case .circle(let circle) = mark { return circle.radius }
            return nil
        }
        #expect(radii.count == 60)
        #expect(radii == radii.sorted(by: >))
        // Area grows linearly: size 12 (the largest) gets radius 10, size 0 radius 2 (SizeKey.radii).
        #expect(radii.first == 10)
        #expect(radii.last == 2)
    }

    @Test func missingAndNonPositiveValuesAreLeftOutAndReported() throws {
        let x: [Double] = [1, 10, 100, 1000, -1, 0, 5, .nan]
        let y: [Double] = [2, 20, 200, 2000, 3, 4, -7, 1]
        let figure = Charts.scatter(x: x, y: y, xLabel: "area", yLabel: "price", logX: true, logY: true)
        // Points 0–3 are drawn; 4 and 5 have x ≤ 0, 6 has y ≤ 0, 7 has a NaN x.
        #expect(figure.circles.count == 4)
        #expect(
            figure.description.hasSuffix(
                "Left out: 1 point with a missing or infinite value and 2 points with area ≤ 0 (log scale) and "
                    + "1 point with price ≤ 0 (log scale)."))
        // Log ticks at the powers of ten inside the padded domain (1…1000, 2…2000; hand-worked).
        #expect(figure.texts(in: "x-axis") == ["1", "10", "100", "1000", "area"])
        #expect(figure.texts(in: "y-axis").contains("100"))
        let empty = Charts.scatter(x: [.nan], y: [1], xLabel: "a", yLabel: "b")
        #expect(
            empty.description == "Scatter plot of b against a: no data to plot (1 point with a missing or "
                + "infinite value left out).")
        #expect(ParsedSVG(empty.svg(id: "e")).isWellFormed)
    }

    @Test func aMillionPointsGiveASmallDeterministicDensity() throws {
        let data = cloud(1_000_000, seed: 7)
        let figure = Charts.scatter(x: data.x, y: data.y, xLabel: "x", yLabel: "y")
        let svg = figure.svg(id: "million")
        #expect(svg.utf8.count < 1_000_000, "a 1,000,000-point scatter gave \(svg.utf8.count) bytes")
        // The same data gives the same bytes.
        let again = Charts.scatter(x: data.x, y: data.y, xLabel: "x", yLabel: "y").svg(id: "million")
        #expect(again == svg)
        #expect(figure.circles.isEmpty)
        #expect(figure.description.contains("1,000,000 points"))
        #expect(figure.description.contains("binned in a grid of"))
        let note = try #require(figure.texts(in: "note").first)
        #expect(note.hasPrefix("1,000,000 points binned in "))
        #expect(figure.texts(in: "color-bar").first == "Points per cell")
        // A bell-shaped cloud fills a few hundred of the grid's cells.
        #expect(figure.group(named: "density").count > 300)
        #expect(ParsedSVG(svg).isWellFormed)
    }

    @Test func largeCategoricalDataIsSampledWithAFixedSeed() {
        let data = cloud(50_000, seed: 11)
        let groups = data.x.map { $0 > 0 ? "right" : "left" }
        func figure() -> Figure {
            Charts.scatter(x: data.x, y: data.y, color: .categories(groups), xLabel: "x", yLabel: "y")
        }
        let first = figure()
        // 50,000 > 20,000 points of one size: a sample of 10,000.
        #expect(first.group(named: "series-1").count + first.group(named: "series-2").count == 10_000)
        #expect(first.description.contains("50,000 points (a random sample of 10,000 drawn)"))
        #expect(first.texts(in: "note") == ["10,000 of 50,000 points shown (a random sample with a fixed seed)"])
        #expect(first.svg(id: "s") == figure().svg(id: "s"))
        #expect(first.svg(id: "s").utf8.count < 1_000_000)
        // The legend still counts every point.
        #expect(first.description.contains("left (") && first.description.contains("right ("))
    }

    @Test func seededSampleKeepsOrderAndIsReproducible() {
        let indices = Array(0..<1000)
        let sample = Charts.seededSample(indices, count: 100, seed: 3)
        #expect(sample.count == 100)
        #expect(sample == sample.sorted())
        #expect(Set(sample).count == 100)
        #expect(Charts.seededSample(indices, count: 100, seed: 3) == sample)
        #expect(Charts.seededSample(indices, count: 100, seed: 4) != sample)
        #expect(Charts.seededSample(indices, count: 2000, seed: 3) == indices)
        // Selection sampling is uniform: over 200 seeds each index is kept 10 % of the time, so the mean of the
        // kept indices is near 499.5 (hand-worked; ±15 is more than 5 standard errors).
        var sum = 0
        for seed in 0..<200 { sum += Charts.seededSample(indices, count: 100, seed: UInt64(seed)).reduce(0, +) }
        #expect(abs(Double(sum) / 20_000 - 499.5) < 15)
    }

    @Test func smallLimitsBinTooWithTheColourBarBesideThePlot() {
        // A limit below 100 counts as 100, so 300 points are binned (and the 60 of ScatterData are not).
        let data = cloud(300, seed: 1)
        let binned = Charts.scatter(x: data.x, y: data.y, xLabel: "x", yLabel: "y", maxPoints: 50)
        #expect(binned.texts(in: "note").first?.hasPrefix("300 points binned in ") == true)
        #expect(binned.circles.isEmpty)
        #expect(!binned.group(named: "density").isEmpty)
        let small = Charts.scatter(x: ScatterData.x, y: ScatterData.y, xLabel: "x", yLabel: "y", maxPoints: 50)
        #expect(small.circles.count == 60)
        expectTextsApartAndInside(binned)
    }

    @Test func hostileNamesAreEscaped() throws {
        let names = (0..<60).map { ["<b>&amp;", "50% _x_ {y} \\end{document}", "µ ± σ"][$0 % 3] }
        let figure = Charts.scatter(
            x: ScatterData.x, y: ScatterData.y, color: .categories(names), xLabel: "<x>", yLabel: "a & b",
            colorLabel: "\"kind\""
        )
        let parsed = ParsedSVG(figure.svg(id: "h"))
        #expect(parsed.isWellFormed)
        #expect(parsed.texts["text"]?.contains("<b>&amp;") == true)
        #expect(parsed.texts["text"]?.contains("a & b") == true)
        #expect(!figure.tikz().contains("\\end{document}"))
    }

    @Test func textsStayApartAndInsideTheFigure() {
        let log = Charts.scatter(
            x: ScatterData.x.map { $0 * 1000 + 1 }, y: ScatterData.y.map { $0 + 0.01 },
            color: .categories(ScatterData.kinds),
            xLabel: "area", yLabel: "price", colorLabel: "kind", title: "Price against area", logX: true, logY: true
        )
        for figure in [categorical, continuous, log] { expectTextsApartAndInside(figure) }
    }

    @Test(.enabled(if: executableOnPath("pdflatex") != nil, "pdflatex is not on PATH; skipping the compile test"))
    func tikzCompilesWithPdflatex() throws {
        let big = cloud(200_000, seed: 5)
        let binned = Charts.scatter(x: big.x, y: big.y, xLabel: "x", yLabel: "y", title: "Binned")
        // 20,000 points of one colour: the most drawn one by one, as dots (a TikZ circle each would exhaust
        // pdflatex's default memory).
        let dots = Charts.scatter(
            x: Array(big.x.prefix(20_000)), y: Array(big.y.prefix(20_000)), xLabel: "x", yLabel: "y"
        )
        let log = Charts.scatter(
            x: ScatterData.x.map { $0 + 1 }, y: ScatterData.y, xLabel: "x_% & #", yLabel: "y", logX: true
        )
        let hostile = Charts.scatter(
            x: ScatterData.x, y: ScatterData.y,
            color: .categories((0..<60).map { ["<b>&", "50% _x_ {y} \\end{document}", "µ ± σ ≤ 中"][$0 % 3] }),
            xLabel: "x_1 ^ ~", yLabel: "#y $", colorLabel: "kind"
        )
        let result = try compileWithPdflatex([
            categorical.tikz(), continuous.tikz(), binned.tikz(), dots.tikz(), log.tikz(), hostile.tikz(),
        ])
        #expect(result.status == 0, "pdflatex failed:\n\(result.errors)")
    }
}
