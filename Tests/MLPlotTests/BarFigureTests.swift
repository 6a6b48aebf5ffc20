import Testing

@testable import MLPlot

@Suite struct BarFigureTests {
    /// Penguins per island (`df.island.value_counts()` of the Palmer penguins: 168, 124, 52).
    static let counts = Charts.bar(
        categories: ["Biscoe", "Dream", "Torgersen"], values: [168, 124, 52], categoryLabel: "island"
    )
    /// Long names and two series: the names must rotate, the series get a legend.
    static let groupedLong = Charts.bar(
        categories: [
            "Mean radius of the nuclei", "Texture (standard deviation of gray-scale values)", "Perimeter", "Area",
            "Smoothness", "Compactness", "Concave points", "Fractal dimension",
        ],
        series: [
            ("benign", [12.1, 17.9, 78.1, 462.8, 0.09, 0.08, 0.03, 0.06]),
            ("malignant", [17.5, 21.6, 115.4, 978.4, 0.1, 0.15, 0.09, 0.06]),
        ],
        valueLabel: "Mean", title: "Cell nuclei by diagnosis", legendTitle: "diagnosis"
    )
    /// Permutation importances with their standard deviations, most important first.
    static let importance = Charts.horizontalBar(
        labels: ["flipper_length_mm", "bill_length_mm", "bill_depth_mm", "body_mass_g", "island=Biscoe", "year"],
        values: [0.312, 0.254, 0.131, 0.082, 0.041, 0.002],
        errors: [0.021, 0.018, 0.015, 0.011, 0.008, 0.003],
        valueLabel: "Mean decrease in accuracy", title: "Permutation importance"
    )
    /// Coefficients of both signs, one label too long to show whole.
    static let coefficients = Charts.horizontalBar(
        labels: [
            "radius_mean", "texture_mean", "a feature name far too long to show in full on the left of the chart",
            "compactness_mean", "intercept",
        ],
        values: [1.82, 0.94, -0.41, -1.27, -0.05], valueLabel: "Coefficient", categoryLabel: "Feature"
    )

    private func bars(_ figure: Figure, group: String = "bars") -> [RectMark] {
        figure.group(named: group).compactMap { mark in
            if case .rect(let rect) = mark { return rect }
            return nil
        }
    }

    @Test func countsMatchGoldens() throws {
        try expectMatchesGolden(Self.counts.svg(id: "bar-counts"), named: "bar-counts.svg")
        try expectMatchesGolden(Self.counts.tikz(), named: "bar-counts.tex")
    }

    @Test func groupedLongNamesMatchGoldens() throws {
        try expectMatchesGolden(Self.groupedLong.svg(id: "bar-grouped"), named: "bar-grouped-long.svg")
        try expectMatchesGolden(Self.groupedLong.tikz(), named: "bar-grouped-long.tex")
    }

    @Test func horizontalMatchesGoldens() throws {
        try expectMatchesGolden(Self.importance.svg(id: "hbar-importance"), named: "hbar-importance.svg")
        try expectMatchesGolden(Self.importance.tikz(), named: "hbar-importance.tex")
        try expectMatchesGolden(Self.coefficients.svg(id: "hbar-coefficients"), named: "hbar-coefficients.svg")
        try expectMatchesGolden(Self.coefficients.tikz(), named: "hbar-coefficients.tex")
    }

    @Test func svgIsWellFormedAndDescribed() throws {
        for (figure, title) in [
            (Self.counts, "Bar chart of Count by island"), (Self.groupedLong, "Cell nuclei by diagnosis"),
            (Self.importance, "Permutation importance"),
            (Self.coefficients, "Horizontal bar chart of Coefficient by Feature"),
        ] {
            let parsed = ParsedSVG(figure.svg(id: "bar"))
            #expect(parsed.isWellFormed)
            #expect(parsed.texts["title"]?.first == title)
        }
        #expect(Self.counts.description == "Bar chart of Count by island: Biscoe 168, Dream 124, Torgersen 52.")
        #expect(
            Self.importance.description.hasPrefix(
                "Horizontal bar chart of Mean decrease in accuracy: 6 bars, top to bottom: "
                    + "flipper_length_mm 0.312 ± 0.021, bill_length_mm 0.254 ± 0.018"))
        #expect(Self.groupedLong.description.contains("Area (benign 462.8, malignant 978.4)"))
    }

    @Test func barHeightsAreProportionalAndStandOnZero() throws {
        let drawn = bars(Self.counts)
        #expect(drawn.count == 3)
        let bottoms = Set(drawn.map(\.rect.maxY))
        #expect(bottoms.count == 1)
        // 168 : 124 : 52, as given.
        let heights = drawn.map(\.rect.height)
        #expect(abs(heights[1] / heights[0] - 124.0 / 168) < 1e-9)
        #expect(abs(heights[2] / heights[0] - 52.0 / 168) < 1e-9)
        #expect(drawn.map(\.tooltip) == ["Biscoe: 168", "Dream: 124", "Torgersen: 52"])
        // Whole-number values: the ticks are whole numbers.
        let ticks = Self.counts.group(named: "y-axis").compactMap { mark -> String? in
            if case .text(let text) = mark, text.fill == .theme(.secondary) { return text.text }
            return nil
        }
        #expect(ticks.allSatisfy { !$0.contains(".") })
    }

    @Test func negativeBarsHangBelowTheZeroLine() throws {
        let figure = Charts.bar(categories: ["a", "b", "c"], values: [3, -2, .nan], valueLabel: "Change")
        let drawn = bars(figure)
        #expect(drawn.count == 2)  // NaN draws no bar
        let up = try #require(drawn.first)
        let down = try #require(drawn.last)
        #expect(abs(up.rect.maxY - down.rect.y) < 1e-9)  // both meet at the zero line
        #expect(abs(down.rect.height / up.rect.height - 2.0 / 3) < 1e-9)
        #expect(figure.description == "Bar chart of Change: a 3, b −2, c no value.")
    }

    @Test func longNamesRotateAndGroupsGetALegend() {
        let names = Self.groupedLong.group(named: "x-axis").compactMap { mark -> TextMark? in
            if case .text(let text) = mark, text.fill == .theme(.secondary) { return text }
            return nil
        }
        #expect(names.count == 8)
        #expect(names.allSatisfy { $0.rotation == -45 })
        // 30 % of the 400-point height bounds the names; the longest is shortened.
        #expect(names[1].text.hasSuffix("…"))
        #expect(names[2].text == "Perimeter")
        #expect(!Self.groupedLong.group(named: "legend").isEmpty)
        #expect(bars(Self.groupedLong, group: "series-1").count == 8)
        #expect(bars(Self.groupedLong, group: "series-2").count == 8)
    }

    /// Category counts and name lengths that exercise every placement: horizontal, wrapped, 45°, 90° and thinned.
    @Test(arguments: [3, 6, 12, 25, 60], [4, 14, 32])
    func categoryNamesNeverOverlap(count: Int, length: Int) {
        let names = (0..<count).map { index in
            String(repeating: "word ", count: max(1, length / 5)).prefix(length - 2) + "\(index % 10)"
        }.map { String($0) }
        let figure = Charts.bar(
            categories: names, values: (0..<count).map { Double(($0 * 7) % 11 + 1) }, categoryLabel: "category"
        )
        expectTextsApartAndInside(figure)
    }

    @Test func horizontalBarsKeepTheGivenOrderWithErrorBars() throws {
        let drawn = bars(Self.importance)
        #expect(drawn.count == 6)
        #expect(drawn.map(\.rect.y) == drawn.map(\.rect.y).sorted())  // first label on top
        #expect(Set(drawn.map(\.rect.x)).count == 1)  // all start at zero
        #expect(drawn.allSatisfy { $0.style.fill == .color(Palette.okabeIto.color(at: 0)) })
        // Each error bar spans value ± error: its length over the bar's length is 2 · error / value.
        let whiskers = Self.importance.group(named: "error-bars").compactMap { mark -> LineMark? in
            if case .line(let line) = mark, line.from.y == line.to.y { return line }
            return nil
        }
        #expect(whiskers.count == 6)
        let first = try #require(whiskers.first)
        let firstBar = try #require(drawn.first)
        #expect(abs((first.to.x - first.from.x) / firstBar.rect.width - 2 * 0.021 / 0.312) < 1e-9)
        #expect(firstBar.tooltip == "flipper_length_mm: 0.312 ± 0.021")
    }

    @Test func negativeCoefficientsExtendLeftInBlue() throws {
        let drawn = bars(Self.coefficients)
        let zero = try #require(drawn.first?.rect.x)
        for (bar, value) in zip(drawn, [1.82, 0.94, -0.41, -1.27, -0.05]) {
            if value > 0 {
                #expect(bar.rect.x == zero && bar.style.fill == .color(Palette.okabeIto.color(at: 3)))
            } else {
                #expect(abs(bar.rect.maxX - zero) < 1e-9 && bar.style.fill == .color(Palette.okabeIto.color(at: 0)))
            }
        }
        let labels = Self.coefficients.group(named: "y-axis").compactMap { mark -> String? in
            if case .text(let text) = mark, text.rotation == 0 { return text.text }
            return nil
        }
        #expect(labels.count == 5)
        #expect(labels[2].hasSuffix("…") && labels[2].hasPrefix("a feature name"))
        // At most 40 % of the 640-point width.
        #expect(TextMetrics.width(of: labels[2], fontSize: 12) <= 256)
    }

    @Test func automaticHeightGrowsWithTheLabels() {
        // 22 points a bar, between 160 and 900 points.
        let few = Charts.horizontalBar(labels: ["a"], values: [1])
        let some = Charts.horizontalBar(labels: (0..<20).map { "f\($0)" }, values: (0..<20).map(Double.init))
        let many = Charts.horizontalBar(labels: (0..<200).map { "f\($0)" }, values: (0..<200).map(Double.init))
        #expect(few.height == 160)
        #expect(some.height > 20 * 22 && some.height < 20 * 22 + 80)
        #expect(many.height == 900)
        expectTextsApartAndInside(many)
        #expect(Charts.horizontalBar(labels: ["a"], values: [1], height: 300).height == 300)
    }

    @Test func emptyInputsGiveValidFigures() {
        let figures = [
            Charts.bar(categories: [], values: []),
            Charts.bar(categories: ["a"], values: [.nan]),
            Charts.horizontalBar(labels: [], values: []),
            Charts.horizontalBar(labels: ["a", "b"], values: [0, 0], errors: [.nan, -1]),
        ]
        for figure in figures {
            #expect(ParsedSVG(figure.svg(id: "e")).isWellFormed)
            #expect(figure.scene.allMarks.count > 1)
        }
        #expect(figures[0].description == "Bar chart of Count: no categories.")
        #expect(figures[3].group(named: "error-bars").isEmpty)
    }

    @Test func overlapCheckSeesCollisions() {
        // The checker the layout tests rely on: two labels at the same spot overlap, side by side they do not,
        // and a 45° label reaching over its neighbour's start is caught.
        let a = TextMark("category", at: Point(x: 100, y: 100), fontSize: 12)
        let b = TextMark("category", at: Point(x: 120, y: 100), fontSize: 12)
        let c = TextMark("category", at: Point(x: 200, y: 100), fontSize: 12)
        #expect(polygonsOverlap(corners(of: a), corners(of: b)))
        #expect(!polygonsOverlap(corners(of: a), corners(of: c)))
        let tilted = TextMark(
            "a long rotated name", at: Point(x: 100, y: 100), fontSize: 12, anchor: .end, rotation: -45)
        let below = TextMark("x", at: Point(x: 60, y: 140), fontSize: 12)
        #expect(polygonsOverlap(corners(of: tilted), corners(of: below)))
    }

    @Test func textsStayApartAndInside() {
        for figure in [Self.counts, Self.groupedLong, Self.importance, Self.coefficients] {
            expectTextsApartAndInside(figure)
        }
    }
}
