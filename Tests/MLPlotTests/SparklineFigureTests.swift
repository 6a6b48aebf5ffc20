import Foundation
import Testing

@testable import MLPlot

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct SparklineFigureTests {
    /// `np.histogram(penguins['bill_length_mm'].dropna(), bins=20)[0]` (numpy 2.4.6): a profile's numeric cell.
    private let bins = Charts.sparkline(
        counts: [2, 7, 20, 20, 30, 27, 29, 19, 17, 32, 34, 21, 27, 34, 13, 3, 3, 2, 1, 1],
        description: "Distribution of bill_length_mm: 342 values in 20 bins from 32.1 to 59.6.")
    /// A category cell: five top values and the rest, with a zero to show the baseline.
    private let categories = Charts.sparkline(
        counts: [168, 124, 52, 0, 3], width: 60, height: 14, description: "Biscoe 168, Dream 124, Torgersen 52.")

    private func rects(_ figure: Figure) -> [RectMark] {
        figure.scene.allMarks.compactMap { mark in
            if case .rect(let rect) = mark { return rect }
            return nil
        }
    }

    @Test func binsMatchGoldens() throws {
        try expectMatchesGolden(bins.svg(id: "spark-bins"), named: "sparkline-bins.svg")
        try expectMatchesGolden(bins.tikz(width: nil), named: "sparkline-bins.tex")
    }

    @Test func categoriesMatchGoldens() throws {
        try expectMatchesGolden(categories.svg(id: "spark-categories"), named: "sparkline-categories.svg")
        try expectMatchesGolden(categories.tikz(width: nil), named: "sparkline-categories.tex")
    }

    @Test func barsAreProportionalAndStandOnTheBaseline() throws {
        let marks = rects(bins)
        // 20 bars and the baseline; 120 / 20 = 6 points a bar, with a 1.25-point gap (20% rounded to a quarter).
        #expect(marks.count == 21)
        let bars = marks.filter { $0.style.fill == .color(Palette.okabeIto.color(at: 0)) }
        #expect(bars.count == 20)
        let tallest = try #require(bars.max { $0.rect.height < $1.rect.height })
        // 34 is the largest count: full height, 28 − 1 point of baseline.
        #expect(tallest.rect.height == 27)
        #expect(tallest.rect.y == 0)
        for bar in bars {
            #expect(bar.rect.maxY == 27)
            #expect(abs(bar.rect.width - 4.75) < 1e-12)
        }
        // The smallest counts (1 of 34) would be 0.79 points tall; they are drawn 1 point tall.
        #expect(bars.last?.rect.height == 1)
        let baseline = try #require(marks.last)
        #expect(baseline.style.fill == .theme(.grid))
        #expect(baseline.rect == Rect(x: 0, y: 27, width: 120, height: 1))
    }

    @Test func zeroCountsDrawNoBar() {
        let marks = rects(categories)
        // Four nonzero counts and the baseline.
        #expect(marks.count == 5)
        let xs = marks.dropLast().map(\.rect.x)
        // 60 / 5 = 12 points a slot with a 2-point gap (capped): bars start at 1, 13, 25 and 49.
        #expect(xs == [1, 13, 25, 49])
    }

    @Test(arguments: [[Int](), [0, 0, 0]])
    func emptyCountsDrawOnlyTheBaseline(counts: [Int]) {
        let figure = Charts.sparkline(counts: counts, description: "No values.")
        #expect(rects(figure).count == 1)
        #expect(figure.svg(id: "empty").contains("<desc id=\"empty-desc\">No values.</desc>"))
    }

    @Test func narrowBarsHaveNoGap() {
        let figure = Charts.sparkline(counts: Array(repeating: 1, count: 60), width: 120, description: "d")
        let bars = rects(figure).dropLast()
        // 2 points a bar: too narrow for a gap, so the bars touch.
        #expect(bars.allSatisfy { $0.rect.width == 2 })
        #expect(bars.first?.rect.x == 0)
    }

    @Test func svgIsSmallWellFormedAndHasNoText() throws {
        let svg = bins.svg(id: "fig-1")
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"fig-1\" class=\"mlp\" width=\"120\" height=\"28\""))
        #expect(!svg.contains("<text"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(svg.contains("<title id=\"fig-1-title\">Distribution</title>"))
        let tikz = bins.tikz(width: nil)
        #expect(!tikz.contains("\\resizebox"))
        #expect(!tikz.contains("\\node"))
    }

    @Test(.enabled(if: executableOnPath("pdflatex") != nil, "pdflatex is not on PATH; skipping the compile test"))
    func tikzCompilesInsideATabularCell() throws {
        let pdflatex = try #require(executableOnPath("pdflatex"))
        let document = """
            \\documentclass{article}
            \\usepackage[T1]{fontenc}
            \\usepackage{lmodern}
            \\usepackage{booktabs}
            \\usepackage{tikz}
            \\begin{document}
            \\begin{tabular}{lrl}
            \\toprule
            column & distinct & distribution \\\\
            \\midrule
            bill\\_length\\_mm & 164 & \(bins.tikz(width: nil)) \\\\
            island & 3 & \(categories.tikz(width: nil)) \\\\
            \\bottomrule
            \\end{tabular}
            \\end{document}

            """
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "mlplot-spark-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try document.write(to: directory.appendingPathComponent("table.tex"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdflatex)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "table.tex"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let logData = (try? Data(contentsOf: directory.appendingPathComponent("table.log"))) ?? Data()
        let log = String(decoding: logData, as: UTF8.self)
        let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }.prefix(5).joined(separator: "\n")
        #expect(process.terminationStatus == 0, "pdflatex failed:\n\(errors)")
        #expect(log.contains("Output written on table.pdf"))
        // A picture taller or wider than its cell would show as an overfull box.
        #expect(!log.contains("Overfull"))
    }
}
