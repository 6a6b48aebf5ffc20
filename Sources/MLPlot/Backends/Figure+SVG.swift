extension Figure {
    /// The font stack for SVG text: the reader's system sans-serif.
    static let svgFontFamily =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"

    /// Writes the figure as a standalone SVG element, suitable for inlining in HTML or saving as a `.svg` file.
    ///
    /// The element has a `viewBox`, `role="img"`, a `<title>` and `<desc>` referenced by `aria-labelledby`, and a
    /// small `<style>` scoped to `#id` whose theme colours switch under `prefers-color-scheme: dark`; data colours
    /// are fixed. Text stays text. All strings are escaped, numbers have at most two decimals, and nothing
    /// depends on time or randomness, so equal figures give equal bytes.
    ///
    /// - Parameter id: A prefix for the element's ids, unique within the page. Characters other than ASCII
    ///   letters, digits, `-` and `_` become `-`, and a leading non-letter gets an `f` in front.
    /// - Returns: The `<svg>…</svg>` text, ending with a newline.
    public func svg(id: String) -> String {
        let id = Self.sanitizedID(id)
        var writer = SVGWriter(id: id)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"mlp\""
        let w = NumberFormatting.coordinate(width)
        let h = NumberFormatting.coordinate(height)
        out += " width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
        out += " font-family=\"\(Self.svgFontFamily)\">\n"
        out += "<title id=\"\(id)-title\">\(TextEscaping.xml(accessibleTitle))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(TextEscaping.xml(description))</desc>\n"
        var body = ""
        for mark in scene.marks { writer.write(mark, into: &body) }
        out += writer.style()
        out += body
        out += "</svg>\n"
        return out
    }

    /// Makes an id usable in XML and in a CSS `#id` selector.
    static func sanitizedID(_ id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            let allowed =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            result.unicodeScalars.append(allowed ? scalar : "-")
        }
        if let first = result.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            return result
        }
        return "f" + result
    }
}

/// Writes marks as SVG elements and remembers which theme colours they used, for the style sheet.
private struct SVGWriter {
    var id: String
    var fills: Set<ThemeColor> = []
    var strokes: Set<ThemeColor> = []

    init(id: String) {
        self.id = id
    }

    /// The `<style>` element with a rule per theme colour used, light first and dark under a media query.
    func style() -> String {
        guard !fills.isEmpty || !strokes.isEmpty else { return "" }
        func rules(_ color: (ThemeColor) -> Color) -> String {
            var text = ""
            for theme in ThemeColor.allCases {
                if fills.contains(theme) { text += "#\(id) .mlp-f-\(theme.rawValue){fill:\(color(theme).cssHex)}\n" }
                if strokes.contains(theme) {
                    text += "#\(id) .mlp-s-\(theme.rawValue){stroke:\(color(theme).cssHex)}\n"
                }
            }
            return text
        }
        return "<style>\n" + rules(\.light) + "@media (prefers-color-scheme: dark) {\n" + rules(\.dark) + "}\n"
            + "</style>\n"
    }

    mutating func write(_ mark: Mark, into out: inout String) {
        switch mark {
        case .rect(let rect):
            var attributes = "x=\"\(n(rect.rect.x))\" y=\"\(n(rect.rect.y))\""
            attributes += " width=\"\(n(max(rect.rect.width, 0)))\" height=\"\(n(max(rect.rect.height, 0)))\""
            if rect.cornerRadius > 0 { attributes += " rx=\"\(n(rect.cornerRadius))\"" }
            element("rect", attributes, rect.style, tooltip: rect.tooltip, into: &out)
        case .line(let line):
            let attributes =
                "x1=\"\(n(line.from.x))\" y1=\"\(n(line.from.y))\""
                + " x2=\"\(n(line.to.x))\" y2=\"\(n(line.to.y))\""
            var style = line.style
            style.fill = nil
            element("line", attributes, style, tooltip: nil, into: &out, fillNone: false)
        case .path(let path):
            guard let first = path.points.first else { return }
            var d = "M\(n(first.x)) \(n(first.y))"
            for point in path.points.dropFirst() { d += "L\(n(point.x)) \(n(point.y))" }
            if path.closed { d += "Z" }
            element("path", "d=\"\(d)\"", path.style, tooltip: nil, into: &out)
        case .circle(let circle):
            let attributes = "cx=\"\(n(circle.center.x))\" cy=\"\(n(circle.center.y))\" r=\"\(n(circle.radius))\""
            element("circle", attributes, circle.style, tooltip: circle.tooltip, into: &out)
        case .text(let text):
            var attributes = "x=\"\(n(text.position.x))\" y=\"\(n(text.position.y))\""
            attributes += " font-size=\"\(n(text.fontSize))\""
            if text.weight == .bold { attributes += " font-weight=\"bold\"" }
            if text.anchor != .start { attributes += " text-anchor=\"\(text.anchor.rawValue)\"" }
            if text.rotation != 0 {
                attributes += " transform=\"rotate(\(n(text.rotation)) \(n(text.position.x)) \(n(text.position.y)))\""
            }
            var classes: [String] = []
            attributes += paint(text.fill, fill: true, classes: &classes)
            if !classes.isEmpty { attributes += " class=\"" + classes.joined(separator: " ") + "\"" }
            out += "<text \(attributes)>\(TextEscaping.xml(text.text))</text>\n"
        case .group(let group):
            var classes = group.name.map { ["mlp-" + TextEscaping.xml($0)] } ?? []
            if let shared = sharedCircleStyle(group.marks) {
                // Many dots of one style (a scatter series): the style goes on the group once, which keeps a
                // 20,000-point series small.
                let attributes = styleAttributes(shared, fillNone: true, classes: &classes)
                out += "<g" + (classes.isEmpty ? "" : " class=\"" + classes.joined(separator: " ") + "\"")
                out += attributes + ">\n"
                for child in group.marks {
                    guard case .circle(let circle) = child else { continue }
                    let center = "cx=\"\(n(circle.center.x))\" cy=\"\(n(circle.center.y))\""
                    out += "<circle \(center) r=\"\(n(circle.radius))\"/>\n"
                }
                out += "</g>\n"
                return
            }
            if !classes.isEmpty {
                out += "<g class=\"\(classes.joined(separator: " "))\">\n"
            } else {
                out += "<g>\n"
            }
            for child in group.marks { write(child, into: &out) }
            out += "</g>\n"
        }
    }

    /// The style shared by a group of at least two circles without tooltips, or `nil`.
    private func sharedCircleStyle(_ marks: [Mark]) -> Style? {
        guard marks.count >= 2, case .circle(let first) = marks[0] else { return nil }
        for mark in marks {
            guard case .circle(let circle) = mark, circle.tooltip == nil, circle.style == first.style else {
                return nil
            }
        }
        return first.style
    }

    private mutating func element(
        _ name: String,
        _ attributes: String,
        _ style: Style,
        tooltip: String?,
        into out: inout String,
        fillNone: Bool = true
    ) {
        var classes: [String] = []
        var text = "<\(name) \(attributes)" + styleAttributes(style, fillNone: fillNone, classes: &classes)
        if !classes.isEmpty { text += " class=\"" + classes.joined(separator: " ") + "\"" }
        if let tooltip {
            out += text + "><title>\(TextEscaping.xml(tooltip))</title></\(name)>\n"
        } else {
            out += text + "/>\n"
        }
    }

    /// The presentation attributes of a style; theme colours are added to `classes` instead.
    private mutating func styleAttributes(_ style: Style, fillNone: Bool, classes: inout [String]) -> String {
        var text = ""
        if let fill = style.fill {
            text += paint(fill, fill: true, classes: &classes)
            if style.fillOpacity < 1 { text += " fill-opacity=\"\(n(style.fillOpacity))\"" }
        } else if fillNone {
            text += " fill=\"none\""
        }
        if let stroke = style.stroke {
            text += paint(stroke, fill: false, classes: &classes)
            if style.strokeWidth != 1 { text += " stroke-width=\"\(n(style.strokeWidth))\"" }
            if style.strokeOpacity < 1 { text += " stroke-opacity=\"\(n(style.strokeOpacity))\"" }
            if !style.dash.isEmpty {
                text += " stroke-dasharray=\"" + style.dash.map { n($0) }.joined(separator: " ") + "\""
            }
        }
        return text
    }

    /// A data colour as an attribute, or a theme colour as a class name (recorded for the style sheet).
    private mutating func paint(_ paint: Paint, fill: Bool, classes: inout [String]) -> String {
        switch paint {
        case .color(let color):
            return " \(fill ? "fill" : "stroke")=\"\(color.cssHex)\""
        case .theme(let theme):
            if fill { fills.insert(theme) } else { strokes.insert(theme) }
            classes.append("mlp-\(fill ? "f" : "s")-\(theme.rawValue)")
            return ""
        }
    }

    private func n(_ value: Double) -> String { NumberFormatting.coordinate(value) }
}
