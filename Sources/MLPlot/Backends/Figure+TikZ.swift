extension Figure {
    /// Writes the figure as a TikZ picture for pdflatex, drawn from the same scene as the SVG.
    ///
    /// One scene point is one TeX point (`x=1pt,y=1pt`), with `y` flipped so the picture is upright. Colours are
    /// defined with `\definecolor` under names derived from their role or hex value (`mlpgrid`, `mlp0072B2`); theme
    /// colours take their light values. Text is set in `\sffamily` with `\node`s anchored on the baseline like the
    /// SVG's text, and escaped for LaTeX. Only core TikZ is used (no pgfplots, no libraries).
    ///
    /// By default the picture is wrapped in `\resizebox{\linewidth}{!}{…}`, which scales the whole picture —
    /// text included — to the line width, so the layout is exactly the SVG's; that needs `graphicx`, besides
    /// `tikz`, in the preamble.
    ///
    /// - Parameter width: The LaTeX width to scale the picture to, such as `\linewidth` or `0.8\textwidth`; `nil`
    ///   for the natural size (the figure's width in points) without `graphicx`.
    /// - Returns: The LaTeX text, ending with a newline.
    public func tikz(width: String? = "\\linewidth") -> String {
        var writer = TikZWriter(height: height)
        for mark in scene.marks { writer.collectColors(mark) }
        var out = ""
        if let width { out += "\\resizebox{\(width)}{!}{%\n" }
        out += "\\begin{tikzpicture}[x=1pt,y=1pt,inner sep=0pt,outer sep=0pt]\n"
        for (name, color) in writer.colors { out += "\\definecolor{\(name)}{HTML}{\(color.hexDigits)}\n" }
        let w = NumberFormatting.coordinate(self.width)
        let h = NumberFormatting.coordinate(height)
        out += "\\useasboundingbox (0,0) rectangle (\(w),\(h));\n"
        for mark in scene.marks { writer.write(mark, into: &out) }
        out += "\\end{tikzpicture}%\n"
        if width != nil { out += "}%\n" }
        return out
    }
}

/// Writes marks as TikZ commands.
private struct TikZWriter {
    var height: Double
    /// Colour names and values, in first-use order.
    var colors: [(String, Color)] = []
    private var names: Set<String> = []

    init(height: Double) {
        self.height = height
    }

    /// The colour name of a paint.
    static func name(_ paint: Paint) -> String {
        switch paint {
        case .color(let color): "mlp" + color.hexDigits
        case .theme(let theme): "mlp" + theme.rawValue
        }
    }

    mutating func collectColors(_ mark: Mark) {
        func add(_ paint: Paint?) {
            guard let paint else { return }
            let name = Self.name(paint)
            guard !names.contains(name) else { return }
            names.insert(name)
            switch paint {
            case .color(let color): colors.append((name, color))
            case .theme(let theme): colors.append((name, theme.light))
            }
        }
        func add(_ style: Style, filled: Bool = true) {
            if filled, style.fillOpacity > 0 { add(style.fill) }
            if style.strokeOpacity > 0, style.strokeWidth > 0 { add(style.stroke) }
        }
        switch mark {
        case .rect(let rect): add(rect.style)
        case .line(let line): add(line.style, filled: false)
        case .path(let path): add(path.style)
        case .circle(let circle): add(circle.style)
        case .text(let text): add(text.fill)
        case .group(let group): for child in group.marks { collectColors(child) }
        }
    }

    func write(_ mark: Mark, into out: inout String) {
        switch mark {
        case .rect(let mark):
            guard let options = options(mark.style, cornerRadius: mark.cornerRadius) else { return }
            let r = mark.rect
            out += "\\path[\(options)] \(p(r.x, r.maxY)) rectangle \(p(r.maxX, r.y));\n"
        case .line(let mark):
            var style = mark.style
            style.fill = nil
            guard let options = options(style) else { return }
            out += "\\path[\(options)] \(p(mark.from.x, mark.from.y)) -- \(p(mark.to.x, mark.to.y));\n"
        case .path(let mark):
            guard !mark.points.isEmpty, let options = options(mark.style) else { return }
            var path = mark.points.map { p($0.x, $0.y) }.joined(separator: " -- ")
            if mark.closed { path += " -- cycle" }
            out += "\\path[\(options)] \(path);\n"
        case .circle(let mark):
            guard let options = options(mark.style) else { return }
            out += "\\path[\(options)] \(p(mark.center.x, mark.center.y)) circle[radius=\(n(mark.radius))];\n"
        case .text(let mark):
            let anchor =
                switch mark.anchor {
                case .start: "base west"
                case .middle: "base"
                case .end: "base east"
                }
            var options = "anchor=\(anchor),text=\(Self.name(mark.fill))"
            if mark.rotation != 0 { options += ",rotate=\(n(-mark.rotation))" }
            let size = n(mark.fontSize)
            let leading = n(mark.fontSize * 1.2)
            let weight = mark.weight == .bold ? "\\bfseries" : ""
            options += ",font=\\fontsize{\(size)}{\(leading)}\\selectfont\\sffamily\(weight)"
            out += "\\node[\(options)] at \(p(mark.position.x, mark.position.y)) {\(TextEscaping.latex(mark.text))};\n"
        case .group(let group):
            if let name = group.name {
                let safe = String(
                    String.UnicodeScalarView(
                        name.unicodeScalars.filter { scalar in
                            scalar.isASCII
                                && (scalar.properties.isAlphabetic || scalar == "-" || ("0"..."9").contains(scalar))
                        }))
                out += "% \(safe)\n"
            }
            if let shared = sharedCircleStyle(group.marks), let dot = dotOptions(shared, group.marks) {
                // Many plain dots of one style and size (a scatter series): each is a zero-length line with round
                // caps, drawn with PGF's quick path commands. That takes a quarter of the TeX memory of a TikZ
                // circle and a tenth of the time, so 20,000 dots fit pdflatex's default memory and take a second.
                out += "\\begin{scope}[\(dot)]\n"
                out += "\\def\\mlpdot#1 #2;{\\pgfpathqmoveto{#1pt}{#2pt}\\pgfpathqlineto{#1pt}{#2pt}"
                out += "\\pgfusepathqstroke}\n"
                for child in group.marks {
                    guard case .circle(let circle) = child else { continue }
                    out += "\\mlpdot \(n(circle.center.x)) \(n(height - circle.center.y));\n"
                }
                out += "\\end{scope}\n"
                return
            }
            if let shared = sharedCircleStyle(group.marks), let options = options(shared) {
                // Many circles of one style (a scatter series): name the style once in a scope.
                out += "\\begin{scope}[mlpdot/.style={\(options)}]\n"
                for child in group.marks {
                    guard case .circle(let circle) = child else { continue }
                    out += "\\path[mlpdot] \(p(circle.center.x, circle.center.y)) circle[radius=\(n(circle.radius))];\n"
                }
                out += "\\end{scope}\n"
                return
            }
            for child in group.marks { write(child, into: &out) }
        }
    }

    /// The style shared by a group of at least two circles, or `nil`.
    private func sharedCircleStyle(_ marks: [Mark]) -> Style? {
        guard marks.count >= 2, case .circle(let first) = marks[0] else { return nil }
        for mark in marks {
            guard case .circle(let circle) = mark, circle.style == first.style else { return nil }
        }
        return first.style
    }

    /// The scope options that draw filled, unstroked circles of one radius as round dots, or `nil` when the
    /// circles are stroked, unfilled or of several sizes.
    private func dotOptions(_ style: Style, _ marks: [Mark]) -> String? {
        guard let fill = style.fill, style.fillOpacity > 0, style.stroke == nil || style.strokeOpacity == 0,
            case .circle(let first) = marks.first, first.radius > 0
        else { return nil }
        for mark in marks {
            guard case .circle(let circle) = mark, circle.radius == first.radius else { return nil }
        }
        var options = "draw=\(Self.name(fill)),line width=\(n(2 * first.radius))pt,line cap=round"
        if style.fillOpacity < 1 { options += ",draw opacity=\(n(style.fillOpacity))" }
        return options
    }

    /// The options of a `\path`, or `nil` when it would paint nothing.
    private func options(_ style: Style, cornerRadius: Double = 0) -> String? {
        var parts: [String] = []
        if let fill = style.fill, style.fillOpacity > 0 {
            parts.append("fill=\(Self.name(fill))")
            if style.fillOpacity < 1 { parts.append("fill opacity=\(n(style.fillOpacity))") }
        }
        if let stroke = style.stroke, style.strokeOpacity > 0, style.strokeWidth > 0 {
            parts.append("draw=\(Self.name(stroke))")
            parts.append("line width=\(n(style.strokeWidth))pt")
            if style.strokeOpacity < 1 { parts.append("draw opacity=\(n(style.strokeOpacity))") }
            if !style.dash.isEmpty {
                // SVG repeats an odd-length dash list to make it even; do the same.
                let lengths = style.dash.count % 2 == 1 ? style.dash + style.dash : style.dash
                let pattern = lengths.enumerated().map { index, length in
                    (index % 2 == 0 ? "on " : "off ") + n(length) + "pt"
                }
                parts.append("dash pattern=" + pattern.joined(separator: " "))
            }
        }
        guard !parts.isEmpty else { return nil }
        if cornerRadius > 0 { parts.append("rounded corners=\(n(cornerRadius))pt") }
        return parts.joined(separator: ",")
    }

    /// A point with `y` flipped to TikZ's upward axis.
    private func p(_ x: Double, _ y: Double) -> String { "(\(n(x)),\(n(height - y)))" }

    private func n(_ value: Double) -> String { NumberFormatting.coordinate(value) }
}
