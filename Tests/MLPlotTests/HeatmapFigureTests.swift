import Testing

@testable import MLPlot

@Suite struct HeatmapFigureTests {
    /// A 3-class confusion matrix of counts (rows actual, columns predicted).
    static let confusion = Charts.heatmap(
        matrix: [[50, 2, 0], [3, 41, 6], [0, 4, 46]], rowLabels: ["Adelie", "Chinstrap", "Gentoo"],
        columnLabels: ["Adelie", "Chinstrap", "Gentoo"], xLabel: "Predicted", yLabel: "Actual", colorLabel: "Count",
        title: "Confusion matrix"
    )
    /// Pearson correlations of four penguin measurements (`df.corr()` rounded to 3 decimals), one cell missing.
    static let correlation = Charts.heatmap(
        matrix: [
            [1, -0.235, 0.656, 0.595], [-0.235, 1, -0.584, -0.472], [0.656, -0.584, 1, .nan],
            [0.595, -0.472, 0.871, 1],
        ],
        rowLabels: ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"],
        columnLabels: ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"],
        scale: .correlation, colorLabel: "Pearson r"
    )

    private func cells(_ figure: Figure) -> [RectMark] {
        figure.group(named: "cells").compactMap { mark in
            if case .rect(let rect) = mark { return rect }
            return nil
        }
    }

    private func values(_ figure: Figure) -> [TextMark] {
        figure.group(named: "values").compactMap { mark in
            if case .text(let text) = mark { return text }
            return nil
        }
    }

    @Test func confusionMatchesGoldens() throws {
        try expectMatchesGolden(Self.confusion.svg(id: "heat-confusion"), named: "heatmap-confusion.svg")
        try expectMatchesGolden(Self.confusion.tikz(), named: "heatmap-confusion.tex")
    }

    @Test func correlationMatchesGoldens() throws {
        try expectMatchesGolden(Self.correlation.svg(id: "heat-correlation"), named: "heatmap-correlation.svg")
        try expectMatchesGolden(Self.correlation.tikz(), named: "heatmap-correlation.tex")
    }

    @Test func svgIsWellFormedAndDescribed() throws {
        let parsed = ParsedSVG(Self.confusion.svg(id: "h"))
        #expect(parsed.isWellFormed)
        #expect(parsed.texts["title"]?.first == "Confusion matrix")
        #expect(
            Self.confusion.description
                == "Heatmap of Actual by Predicted: 3 × 3 cells, rows Actual, columns Predicted, coloured viridis from 0 "
                + "to 50. Row by row (columns Adelie, Chinstrap, Gentoo): Adelie: 50, 2, 0; Chinstrap: 3, 41, 6; "
                + "Gentoo: 0, 4, 46.")
        #expect(Self.correlation.description.contains("coloured blue–red from −1 to 1 (centre 0)"))
        #expect(Self.correlation.description.contains("flipper_length_mm: 0.66, −0.58, 1.00, missing"))
        #expect(cells(Self.confusion).first?.tooltip == "Actual Adelie, Predicted Adelie: 50")
    }

    @Test func cellsAreSquareAndColouredByValue() throws {
        let drawn = cells(Self.confusion)
        #expect(drawn.count == 9)
        #expect(drawn.allSatisfy { abs($0.rect.width - $0.rect.height) < 1e-9 })
        // viridis over the data's 0…50: 0 is #440154 (dark purple), 50 is #FDE725 (yellow).
        #expect(drawn[0].style.fill == .color(Color(hex: 0xFDE725)))
        #expect(drawn[2].style.fill == .color(Color(hex: 0x440154)))
        // A diverging scale centres 0 on near-white and puts the NaN cell in the grid colour.
        let correlation = cells(Self.correlation)
        #expect(correlation[0].style.fill == .color(Color(hex: 0x67001F)))
        #expect(correlation[11].style.fill == .theme(.grid))
    }

    @Test func valueTextContrastsWithItsCell() throws {
        for figure in [Self.confusion, Self.correlation] {
            let drawn = cells(figure)
            let texts = values(figure)
            #expect(texts.count == drawn.count)
            for (cell, text) in zip(drawn, texts) {
                guard case .color(let background) = cell.style.fill else {
                    #expect(text.text == "–" && text.fill == .theme(.secondary))
                    continue
                }
                guard case .color(let ink) = text.fill else {
                    Issue.record("value text on a data cell must have a fixed colour")
                    continue
                }
                #expect(ink == background.contrastingText)
                #expect(background.contrastRatio(with: ink) >= 4.5, "\(text.text) on \(background.cssHex)")
                // Centred in its cell.
                #expect(abs(text.position.x - cell.rect.midX) < 1e-9)
            }
        }
        // White on the darkest cells, black on the lightest.
        let confusionTexts = values(Self.confusion)
        #expect(confusionTexts[0].text == "50" && confusionTexts[0].fill == .color(Color(hex: 0x000000)))
        #expect(confusionTexts[2].text == "0" && confusionTexts[2].fill == .color(Color(hex: 0xFFFFFF)))
    }

    @Test func valuesAreFormattedConsistently() {
        #expect(values(Self.confusion).map(\.text) == ["50", "2", "0", "3", "41", "6", "0", "4", "46"])
        #expect(values(Self.correlation).prefix(4).map(\.text) == ["1.00", "−0.24", "0.66", "0.60"])
        let percent = Charts.heatmap(
            matrix: [[0.25, 0.75]], rowLabels: ["r"], columnLabels: ["a", "b"], valueFormat: .percent(decimals: 0)
        )
        #expect(values(percent).map(\.text) == ["25%", "75%"])
    }

    @Test func colourBarShowsTheDomain() {
        let bar = Self.correlation.group(named: "color-bar")
        let labels = bar.compactMap { mark -> String? in
            if case .text(let text) = mark, text.fill == .theme(.secondary) { return text.text }
            return nil
        }
        #expect(labels == ["−1.0", "−0.5", "0.0", "0.5", "1.0"])
        let slices = bar.compactMap { mark -> RectMark? in
            if case .rect(let rect) = mark { return rect }
            return nil
        }
        // One slice per 3 points of bar (32 to 96), bottom (−1, navy) to top (+1, wine), with no gap between them.
        #expect(slices.count >= 32 && slices.count <= 96)
        #expect(slices.first?.style.fill == .color(ColorScale.correlation.color(at: 0.5 / Double(slices.count))))
        for (lower, upper) in zip(slices, slices.dropFirst()) {
            #expect(upper.rect.maxY >= lower.rect.y && upper.rect.y < lower.rect.y)
        }
        let title = bar.compactMap { mark -> String? in
            if case .text(let text) = mark, text.fill == .theme(.foreground) { return text.text }
            return nil
        }
        #expect(title == ["Pearson r"])
    }

    @Test func longColumnNamesRotateAndNothingOverlaps() {
        let names = Self.correlation.group(named: "axes").compactMap { mark -> TextMark? in
            if case .text(let text) = mark, text.rotation != 0 { return text }
            return nil
        }
        #expect(names.count == 4)
        expectTextsApartAndInside(Self.confusion)
        expectTextsApartAndInside(Self.correlation)
    }

    @Test func crowdedMatricesDropTheValuesAndThinTheNames() {
        let size = 40
        func value(_ row: Int, _ column: Int) -> Double {
            let residue = (column * 7 + row * 3) % 19
            return Double(residue) / 9 - 1
        }
        let matrix: [[Double]] = (0..<size).map { row in (0..<size).map { value(row, $0) } }
        let names = (0..<size).map { "feature_\($0)" }
        let figure = Charts.heatmap(matrix: matrix, rowLabels: names, columnLabels: names, scale: .correlation)
        #expect(values(figure).isEmpty)
        #expect(figure.description.hasSuffix("The cells are too small to show their values."))
        expectTextsApartAndInside(figure)
    }

    @Test func emptyAndRaggedMatricesGiveValidFigures() {
        let empty = Charts.heatmap(matrix: [], rowLabels: [], columnLabels: [])
        #expect(ParsedSVG(empty.svg(id: "e")).isWellFormed)
        // A short row is padded with NaN; missing names are numbered.
        let ragged = Charts.heatmap(matrix: [[1, 2], [3]], rowLabels: ["a"], columnLabels: [])
        #expect(cells(ragged).count == 4)
        #expect(values(ragged).map(\.text) == ["1", "2", "3", "–"])
        let names = ragged.group(named: "axes").compactMap { mark -> String? in
            if case .text(let text) = mark { return text.text }
            return nil
        }
        #expect(names == ["a", "2", "1", "2"])
    }

    @Test func wideMatricesMakeAShorterFigure() {
        // 2 × 12 square cells limited by the width leave the figure shorter than asked.
        let figure = Charts.heatmap(
            matrix: [Array(repeating: 1, count: 12), Array(repeating: 2, count: 12)],
            rowLabels: ["a", "b"], columnLabels: (1...12).map(String.init)
        )
        #expect(figure.height < Charts.defaultHeight)
        expectTextsApartAndInside(figure)
    }
}
