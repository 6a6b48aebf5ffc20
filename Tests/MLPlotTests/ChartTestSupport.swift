import Foundation
import Testing

@testable import MLPlot

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an XML parse of an SVG saw: the elements with their attributes, and the text inside each element name.
final class ParsedSVG: NSObject, XMLParserDelegate {
    /// The elements in document order.
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    /// The text content of elements, by element name, in document order.
    private(set) var texts: [String: [String]] = [:]
    /// Whether the document was well-formed.
    private(set) var isWellFormed = false
    private var buffer = ""

    /// Parses SVG text.
    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        isWellFormed = parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        elements.append((elementName, attributeDict))
        buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        buffer += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        texts[elementName, default: []].append(buffer)
        buffer = ""
    }
}

extension Figure {
    /// Every text mark, in painting order.
    var textMarks: [TextMark] {
        scene.allMarks.compactMap { mark in
            if case .text(let text) = mark { return text }
            return nil
        }
    }

    /// Every rectangle mark, in painting order.
    var rectMarks: [RectMark] {
        scene.allMarks.compactMap { mark in
            if case .rect(let rect) = mark { return rect }
            return nil
        }
    }

    /// The marks inside the first group with this name, or an empty list.
    func group(named name: String) -> [Mark] {
        func find(_ marks: [Mark]) -> [Mark]? {
            for mark in marks {
                guard case .group(let group) = mark else { continue }
                if group.name == name { return group.marks }
                if let found = find(group.marks) { return found }
            }
            return nil
        }
        return find(scene.marks) ?? []
    }
}

/// The corners of a text mark's estimated box (``TextMetrics`` width, cap height above the baseline, descent
/// below), rotated as drawn.
func corners(of text: TextMark) -> [Point] {
    let width = TextMetrics.width(of: text.text, fontSize: text.fontSize, weight: text.weight)
    let start: Double =
        switch text.anchor {
        case .start: 0
        case .middle: -width / 2
        case .end: -width
        }
    let top = -text.fontSize * TextMetrics.capHeight
    let bottom = text.fontSize * TextMetrics.descent
    let angle = text.rotation * Double.pi / 180
    return [(start, top), (start + width, top), (start + width, bottom), (start, bottom)].map { x, y in
        Point(
            x: text.position.x + x * cos(angle) - y * sin(angle),
            y: text.position.y + x * sin(angle) + y * cos(angle)
        )
    }
}

/// Whether two convex polygons overlap (separating-axis test; touching edges do not count).
func polygonsOverlap(_ a: [Point], _ b: [Point]) -> Bool {
    for polygon in [a, b] {
        for index in polygon.indices {
            let p = polygon[index]
            let q = polygon[(index + 1) % polygon.count]
            let normal = Point(x: q.y - p.y, y: p.x - q.x)
            let projectA = a.map { $0.x * normal.x + $0.y * normal.y }
            let projectB = b.map { $0.x * normal.x + $0.y * normal.y }
            guard let minA = projectA.min(), let maxA = projectA.max(), let minB = projectB.min(),
                let maxB = projectB.max()
            else { continue }
            if maxA <= minB + 1e-9 || maxB <= minA + 1e-9 { return false }
        }
    }
    return true
}

/// Records an issue for every pair of overlapping texts and every text reaching outside the figure.
func expectTextsApartAndInside(_ figure: Figure, sourceLocation: SourceLocation = #_sourceLocation) {
    let texts = figure.textMarks
    let boxes = texts.map(corners(of:))
    for (index, box) in boxes.enumerated() {
        for point in box {
            let inside =
                point.x >= -0.01 && point.x <= figure.width + 0.01 && point.y >= -0.01
                && point.y <= figure.height + 0.01
            #expect(inside, "'\(texts[index].text)' reaches outside \(figure.label)", sourceLocation: sourceLocation)
            if !inside { break }
        }
        for other in boxes.indices where other > index && polygonsOverlap(box, boxes[other]) {
            Issue.record(
                "'\(texts[index].text)' overlaps '\(texts[other].text)' in \(figure.label)",
                sourceLocation: sourceLocation)
        }
    }
}

/// Compiles TikZ pictures with pdflatex in a scratch directory.
///
/// - Parameter pictures: The pictures, each placed in its own paragraph.
/// - Returns: pdflatex's exit status, the first error lines of its log, and the log.
/// - Throws: When pdflatex is missing, or the scratch directory or file cannot be written.
func compileWithPdflatex(_ pictures: [String]) throws -> (status: Int32, errors: String, log: String) {
    let pdflatex = try #require(executableOnPath("pdflatex"))
    let document =
        """
        \\documentclass{article}
        \\usepackage[T1]{fontenc}
        \\usepackage{lmodern}
        \\usepackage{graphicx}
        \\usepackage{tikz}
        \\begin{document}

        """ + pictures.map { "\\noindent\n" + $0 + "\n" }.joined(separator: "\n") + "\nThe end.\n\\end{document}\n"
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent(
            "mlplot-charts-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try document.write(to: directory.appendingPathComponent("charts.tex"), atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: pdflatex)
    process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "charts.tex"]
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let logData = (try? Data(contentsOf: directory.appendingPathComponent("charts.log"))) ?? Data()
    let log = String(decoding: logData, as: UTF8.self)
    let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }.prefix(5).joined(separator: "\n")
    return (process.terminationStatus, errors, log)
}
