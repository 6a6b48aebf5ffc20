import Testing

@testable import MLPlot

@Suite struct BoxFigureTests {
    /// One variable split by group: one box per group, coloured by group, no legend.
    static let grouped = Charts.box(
        series: [("radius", BoxFixtures.grouped.values)], groups: BoxFixtures.grouped.groups, groupLabel: "cohort"
    )
    /// Two variables split by group: clusters of three boxes, with a legend.
    static let clustered = Charts.box(
        series: [("radius", BoxFixtures.grouped.values), ("half radius", BoxFixtures.half)],
        groups: BoxFixtures.grouped.groups, valueLabel: "mm", groupLabel: "cohort",
        title: "Two measurements by cohort"
    )

    private func boxes(_ figure: Figure) -> [[Mark]] {
        figure.scene.marks.compactMap { mark in
            if case .group(let group) = mark, group.name == "box" { return group.marks }
            return nil
        }
    }

    @Test func groupedMatchesGoldens() throws {
        try expectMatchesGolden(Self.grouped.svg(id: "box-grouped"), named: "box-grouped.svg")
        try expectMatchesGolden(Self.grouped.tikz(), named: "box-grouped.tex")
    }

    @Test func clusteredMatchesGoldens() throws {
        try expectMatchesGolden(Self.clustered.svg(id: "box-clustered"), named: "box-clustered.svg")
        try expectMatchesGolden(Self.clustered.tikz(), named: "box-clustered.tex")
    }

    @Test func svgIsWellFormedAndDescribesEachBox() throws {
        let parsed = ParsedSVG(Self.grouped.svg(id: "b"))
        #expect(parsed.isWellFormed)
        #expect(parsed.texts["title"]?.first == "Box plots of radius by cohort")
        let description = try #require(parsed.texts["desc"]?.first)
        // Statistics from BoxStatisticsTests.groupsOfTheBoxFixtureMatchNumpy, to 4 significant digits.
        #expect(
            description.contains(
                "alpha: 101 values, median 7.025, quartiles 4.15 and 10.23, whiskers 0 to 14.05, 1 outlier"))
        #expect(description.contains("gamma: 100 values, median 7.113, quartiles 4.013 and 10.21"))
        let texts = parsed.texts["text"] ?? []
        #expect(texts.contains("alpha") && texts.contains("beta") && texts.contains("gamma"))
        #expect(texts.contains("cohort") && texts.contains("radius"))
    }

    @Test func boxesFollowTheirStatistics() throws {
        let drawn = boxes(Self.grouped)
        #expect(drawn.count == 3)
        for (index, marks) in drawn.enumerated() {
            let rects = marks.compactMap { mark -> RectMark? in
                if case .rect(let rect) = mark { return rect }
                return nil
            }
            let lines = marks.compactMap { mark -> LineMark? in
                if case .line(let line) = mark { return line }
                return nil
            }
            let circles = marks.compactMap { mark -> CircleMark? in
                if case .circle(let circle) = mark { return circle }
                return nil
            }
            let box = try #require(rects.last)
            // Group colours in palette order; the box is translucent over an opaque background.
            #expect(box.style.stroke == .color(Palette.okabeIto.color(at: index)))
            #expect(rects.first?.style.fill == .theme(.background))
            // Whiskers (vertical) end beyond the box; the median (horizontal, thickest) lies inside it.
            let median = try #require(lines.max { $0.style.strokeWidth < $1.style.strokeWidth })
            #expect(median.from.y > box.rect.y && median.from.y < box.rect.maxY)
            let whiskers = lines.filter { $0.from.x == $0.to.x }
            #expect(whiskers.count == 2)
            #expect(
                whiskers.allSatisfy { min($0.from.y, $0.to.y) < box.rect.y || max($0.from.y, $0.to.y) > box.rect.maxY })
            // alpha has one high outlier (40), beta one low (−10), gamma none.
            #expect(circles.count == [1, 1, 0][index])
        }
        // The high outlier is drawn above the box, the low one below.
        let alphaPoint = try #require(
            boxes(Self.grouped)[0].compactMap { mark -> CircleMark? in
                if case .circle(let circle) = mark { return circle }
                return nil
            }.first)
        let betaPoint = try #require(
            boxes(Self.grouped)[1].compactMap { mark -> CircleMark? in
                if case .circle(let circle) = mark { return circle }
                return nil
            }.first)
        #expect(alphaPoint.center.y < betaPoint.center.y)
        #expect(alphaPoint.tooltip == "outlier: 40")
    }

    @Test func clustersSitSideBySideWithALegend() {
        let drawn = boxes(Self.clustered)
        #expect(drawn.count == 6)
        #expect(!Self.clustered.group(named: "legend").isEmpty)
        #expect(Self.grouped.group(named: "legend").isEmpty)
        // Two clusters (radius, half radius) of three boxes each, left to right.
        let centers = drawn.compactMap { marks -> Double? in
            for mark in marks { if case .line(let line) = mark, line.from.x == line.to.x { return line.from.x } }
            return nil
        }
        #expect(centers == centers.sorted())
        #expect(Self.clustered.label == "Box plots of radius and half radius by cohort")
    }

    @Test func missingValuesAndGroupsAreLeftOut() throws {
        let figure = Charts.box(
            series: [("x", [1, 2, 3, .nan, 5, 6, 100])], groups: ["a", "a", "a", "a", nil, "b", "b"]
        )
        #expect(boxes(figure).count == 2)
        #expect(figure.description.contains("1 missing or infinite value ignored"))
        #expect(figure.description.contains("a: 3 values") && figure.description.contains("b: 2 values"))
        // Without groups, one box in the first palette colour, labelled by the series.
        let single = Charts.box(series: [("flipper", Fixtures.small)])
        #expect(boxes(single).count == 1)
        #expect(single.label == "Box plot of flipper")
    }

    @Test func groupOrderIsRespected() {
        let figure = Charts.box(
            series: [("x", [1, 2, 3, 4])], groups: ["b", "a", "c", "a"], groupOrder: ["c", "a"]
        )
        let names = figure.group(named: "x-axis").compactMap { mark -> String? in
            if case .text(let text) = mark { return text.text }
            return nil
        }
        #expect(names == ["c", "a", "b"])
    }

    @Test func emptyDataSaysNoData() {
        let figure = Charts.box(series: [("x", [.nan])], title: "T")
        #expect(figure.description == "Box plot of x: no data to plot (1 missing or infinite value ignored).")
        #expect(figure.textMarks.contains { $0.text == "No data" })
    }

    @Test func textsStayApartAndInside() {
        expectTextsApartAndInside(Self.grouped)
        expectTextsApartAndInside(Self.clustered)
        let manyGroups = Charts.box(
            series: [("value", Fixtures.spread)],
            groups: (0..<300).map { "a rather long group name \($0 % 12)" }, groupLabel: "group", width: 480
        )
        expectTextsApartAndInside(manyGroups)
    }
}
