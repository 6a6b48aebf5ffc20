import Foundation
import Testing

@testable import MLPlot

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects what an SVG parse saw: element names, attributes, ids and the text of each element.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String: [String]] = [:]
    private var stack: [String] = []
    private var buffer = ""

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append((elementName, attributeDict))
        stack.append(elementName)
        buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        buffer += string
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        texts[elementName, default: []].append(buffer)
        buffer = ""
        stack.removeLast()
    }
}

/// Parses SVG text as XML.
private func parseSVG(_ svg: String) throws -> SVGCollector {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = SVGCollector()
    parser.delegate = collector
    let parsed = parser.parse()
    #expect(parsed, "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    return collector
}

@Suite struct HistogramFigureTests {
    private let oneSeries = Charts.histogram(
        series: [("spread", Fixtures.spread)], bins: .auto, xLabel: "radius_mean"
    )
    private let twoSeries = Charts.histogram(
        series: [("B", Fixtures.spread), ("M", Fixtures.shifted)],
        bins: .auto,
        xLabel: "radius_mean",
        title: "Mean radius by diagnosis",
        legendTitle: "diagnosis"
    )
    private let hostileLabel = "<script>alert(\"x\" & 'y')</script> \\end{document} 50% #1 _a_ {b} ~c^ |d|"

    @Test func oneSeriesMatchesGoldens() throws {
        try expectMatchesGolden(oneSeries.svg(id: "hist-one"), named: "histogram-one-series.svg")
        try expectMatchesGolden(oneSeries.tikz(), named: "histogram-one-series.tex")
    }

    @Test func twoSeriesMatchGoldens() throws {
        try expectMatchesGolden(twoSeries.svg(id: "hist-two"), named: "histogram-two-series.svg")
        try expectMatchesGolden(twoSeries.tikz(), named: "histogram-two-series.tex")
    }

    @Test func svgIsWellFormedAndAccessible() throws {
        let svg = twoSeries.svg(id: "fig-1")
        let collector = try parseSVG(svg)
        let root = try #require(collector.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 640 400")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "fig-1-title fig-1-desc")
        #expect(collector.texts["title"]?.first == "Mean radius by diagnosis")
        let description = try #require(collector.texts["desc"]?.first)
        // 13 bins from 0 to 22.47: see HistogramBinsTests.pooledBinsMatchNumpyForTwoSeries.
        #expect(description.contains("by diagnosis"))
        #expect(description.contains("B (300 values), M (200 values)"))
        #expect(description.contains("13 bins of width 1.728 from 0 to 22.47"))
        // Every id carries the prefix, so figures can share a page.
        let ids = collector.elements.compactMap { $0.attributes["id"] }
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { $0.hasPrefix("fig-1") })
        // Text is real text: the legend and axis titles are there.
        let texts = collector.texts["text"] ?? []
        #expect(texts.contains("diagnosis") && texts.contains("B") && texts.contains("M"))
        #expect(texts.contains("radius_mean") && texts.contains("Count"))
        // The style sheet switches theme colours in dark mode.
        #expect(svg.contains("@media (prefers-color-scheme: dark)"))
    }

    @Test func hostileLabelsAreEscapedInSVG() throws {
        let figure = Charts.histogram(
            series: [(hostileLabel, [1, 2, 3]), ("<b>", [2, 3])],
            bins: .count(3), xLabel: hostileLabel, yLabel: "a & b", title: hostileLabel
        )
        let svg = figure.svg(id: "x\"><script>")
        #expect(!svg.contains("<script"))
        let collector = try parseSVG(svg)
        // The texts round-trip through the XML parser unchanged.
        let texts = collector.texts["text"] ?? []
        #expect(texts.contains("a & b"))
        #expect(texts.contains("<b>"))
        #expect(collector.texts["title"]?.first == hostileLabel)
        #expect(collector.elements.first?.attributes["id"] == "x---script-")
    }

    @Test func hostileLabelsAreEscapedInTikZ() {
        let figure = Charts.histogram(
            series: [(hostileLabel, [1, 2, 3]), ("b", [2, 3])], bins: .count(3), xLabel: hostileLabel
        )
        let tikz = figure.tikz()
        #expect(!tikz.contains("\\end{document}"))
        #expect(!tikz.contains("<script>"))
        #expect(tikz.contains("\\textbackslash{}end\\{document\\}"))
        #expect(tikz.hasPrefix("\\resizebox{\\linewidth}{!}{%\n\\begin{tikzpicture}[x=1pt,y=1pt"))
    }

    @Test func oneSeriesHasNoLegendAndSeveralHaveOne() {
        func hasLegend(_ figure: Figure) -> Bool {
            figure.scene.marks.contains {
                if case .group(let group) = $0 { return group.name == "legend" }
                return false
            }
        }
        #expect(!hasLegend(oneSeries))
        #expect(hasLegend(twoSeries))
    }

    @Test func missingValuesAreIgnoredAndReported() throws {
        let figure = Charts.histogram(
            series: [("x", Fixtures.small + [.nan, .infinity])], bins: .count(7), xLabel: "x"
        )
        // 15 finite values; counts as in HistogramBinsTests.fixedCountMatchesNumpy, tallest bin [5.071, 7.843).
        #expect(
            figure.description == "Histogram of x: 15 values in 7 bins of width 2.771 from 2.3 to 21.7; "
                + "the tallest bar, [5.071, 7.843), holds 5 values. 2 missing or infinite values ignored.")
        let tooltips = figure.scene.allMarks.compactMap { mark -> String? in
            if case .rect(let rect) = mark { return rect.tooltip }
            return nil
        }
        #expect(tooltips.first == "4 values in [2.3, 5.071)")
        #expect(tooltips.last == "1 value in [18.93, 21.7]")
    }

    @Test func emptyDataSaysNoData() throws {
        let figure = Charts.histogram(series: [("x", [.nan])], bins: .auto, xLabel: "x", title: "T")
        #expect(figure.description == "Histogram of x: no data to plot (1 missing or infinite value ignored).")
        let texts = figure.scene.allMarks.compactMap { mark -> String? in
            if case .text(let text) = mark { return text.text }
            return nil
        }
        #expect(texts.contains("No data"))
        #expect(texts.contains("T") && texts.contains("x") && texts.contains("Count"))
        _ = try parseSVG(figure.svg(id: "empty"))
        #expect(Charts.histogram(series: [], bins: .auto, xLabel: "x").description.contains("no data"))
    }

    @Test func marksStayInsideTheFigure() {
        let figures = [
            oneSeries, twoSeries,
            Charts.histogram(series: [("x", [7, 7, 7])], bins: .auto, xLabel: "constant"),
            Charts.histogram(series: [("x", Fixtures.skewed.map { $0 * 1e7 })], bins: .auto, xLabel: "big"),
            Charts.histogram(
                series: [("a", Fixtures.spread), ("b", Fixtures.shifted), ("c", Fixtures.small)],
                bins: .count(12), xLabel: "small figure", width: 320, height: 240
            ),
        ]
        for figure in figures {
            for mark in figure.scene.allMarks {
                guard case .text(let text) = mark, text.rotation == 0 else { continue }
                let width = TextMetrics.width(of: text.text, fontSize: text.fontSize, weight: text.weight)
                let left =
                    switch text.anchor {
                    case .start: text.position.x
                    case .middle: text.position.x - width / 2
                    case .end: text.position.x - width
                    }
                #expect(left >= 0 && left + width <= figure.width, "\(text.text) overflows \(figure.label)")
                #expect(text.position.y <= figure.height && text.position.y >= text.fontSize * 0.7)
            }
        }
    }

    @Test(.enabled(if: executableOnPath("pdflatex") != nil, "pdflatex is not on PATH; skipping the compile test"))
    func tikzCompilesWithPdflatex() throws {
        let hostile = Charts.histogram(
            series: [(hostileLabel, Fixtures.spread), ("µ ± σ – é ≤ 中文", Fixtures.shifted)],
            bins: .auto, xLabel: hostileLabel, title: hostileLabel
        )
        let big = Charts.histogram(series: [("x", Fixtures.skewed.map { $0 * 1e7 })], bins: .auto, xLabel: "big")
        let (status, errors, log) = try compileWithPdflatex([twoSeries.tikz(), hostile.tikz(), big.tikz(width: nil)])
        #expect(status == 0, "pdflatex failed:\n\(errors)")
        #expect(log.contains("Output written on charts.pdf"))
        // A label's \end{document} would have ended the document inside the picture, an error under -halt-on-error,
        // so reaching the text after the pictures proves the escaping held.
    }
}

extension Scene {
    /// Every mark, with groups flattened, in painting order.
    var allMarks: [Mark] {
        func flatten(_ marks: [Mark]) -> [Mark] {
            marks.flatMap { mark -> [Mark] in
                if case .group(let group) = mark { return flatten(group.marks) }
                return [mark]
            }
        }
        return flatten(marks)
    }
}

@Suite struct StackedHistogramTests {
    /// The top edge (smallest y) of the bars of each series, by series group name.
    private func barTops(_ figure: Figure) -> [String: Double] {
        var tops: [String: Double] = [:]
        for mark in figure.scene.marks {
            guard case .group(let group) = mark, let name = group.name, name.hasPrefix("series-") else { continue }
            let ys = group.marks.compactMap { if case .rect(let rect) = $0 { rect.rect.y } else { nil } }
            tops[name] = ys.min()
        }
        return tops
    }

    @Test func stackedSeriesPileUpWhileOverlaidOnesStandOnTheAxis() throws {
        // Both series fill one bin: 3 and 2 values, so the stack is 5 high and the overlay 3.
        let series: [(name: String, values: [Double])] = [("a", [1, 1, 1]), ("b", [1, 1])]
        let stacked = Charts.histogram(series: series, bins: .count(1), xLabel: "x", stacked: true)
        let overlaid = Charts.histogram(series: series, bins: .count(1), xLabel: "x")
        let stackedTops = barTops(stacked)
        let overlaidTops = barTops(overlaid)
        let a = try #require(stackedTops["series-1"])
        let b = try #require(stackedTops["series-2"])
        #expect(b < a, "the second series sits on top of the first")
        #expect(try #require(overlaidTops["series-2"]) > (try #require(overlaidTops["series-1"])))
        #expect(stacked.description.contains("stacked"))
        #expect(!overlaid.description.contains("stacked"))
    }
}
