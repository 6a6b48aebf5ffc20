import Foundation
import Testing

@testable import MLPlot

/// The box, bar and heat-map charts in both backends with hostile labels, and through pdflatex.
@Suite struct CategoricalChartsTeXTests {
    private static let hostile = "<script>alert(\"x\" & 'y')</script> \\end{document} 50% #1 _a_ {b} ~c^ |d|"

    /// Every chart kind, with the hostile label in every text slot it has.
    private static let hostileFigures: [Figure] = [
        Charts.box(
            series: [(hostile, [1, 2, 3, 4, 30]), ("µ ± σ", [2, 3, 4])], groups: [hostile, "b", hostile, "b", "b"],
            valueLabel: hostile, groupLabel: hostile, title: hostile
        ),
        Charts.bar(
            categories: [hostile, "é ≤ 中文"], series: [(hostile, [1, 2]), ("b", [3, 4])], valueLabel: hostile,
            categoryLabel: hostile, title: hostile, legendTitle: hostile
        ),
        Charts.horizontalBar(
            labels: [hostile, "b"], values: [1, -2], errors: [0.5, 0.5], valueLabel: hostile, categoryLabel: hostile,
            title: hostile
        ),
        Charts.heatmap(
            matrix: [[1, 2], [3, .nan]], rowLabels: [hostile, "b"], columnLabels: [hostile, "d"], xLabel: hostile,
            yLabel: hostile, colorLabel: hostile, title: hostile
        ),
    ]

    @Test func hostileLabelsAreEscapedInSVG() {
        for figure in Self.hostileFigures {
            let svg = figure.svg(id: "x")
            #expect(!svg.contains("<script"))
            let parsed = ParsedSVG(svg)
            #expect(parsed.isWellFormed, "\(figure.label)")
            #expect(parsed.texts["title"]?.first == Self.hostile)
        }
    }

    @Test func hostileLabelsAreEscapedInTikZ() {
        for figure in Self.hostileFigures {
            let tikz = figure.tikz()
            #expect(!tikz.contains("\\end{document}"))
            #expect(tikz.contains("\\textbackslash{}end\\{document\\}"))
        }
    }

    @Test func outputIsDeterministic() {
        // Building the same chart twice gives the same bytes (no dictionary order or randomness leaks out).
        let first = Charts.box(
            series: [("x", BoxFixtures.grouped.values)], groups: BoxFixtures.grouped.groups, groupLabel: "g"
        )
        let second = Charts.box(
            series: [("x", BoxFixtures.grouped.values)], groups: BoxFixtures.grouped.groups, groupLabel: "g"
        )
        #expect(first.svg(id: "a") == second.svg(id: "a"))
        #expect(first.tikz() == second.tikz())
    }

    @Test(.enabled(if: executableOnPath("pdflatex") != nil, "pdflatex is not on PATH; skipping the compile test"))
    func everyChartCompilesWithPdflatex() throws {
        let figures =
            [
                BoxFigureTests.grouped, BoxFigureTests.clustered, BarFigureTests.counts, BarFigureTests.groupedLong,
                BarFigureTests.importance, BarFigureTests.coefficients, HeatmapFigureTests.confusion,
                HeatmapFigureTests.correlation,
            ] + Self.hostileFigures
        let result = try compileWithPdflatex(
            figures.map { $0.tikz() } + [HeatmapFigureTests.confusion.tikz(width: nil)])
        #expect(result.status == 0, "pdflatex failed:\n\(result.errors)")
        #expect(result.log.contains("Output written on charts.pdf"))
    }
}
