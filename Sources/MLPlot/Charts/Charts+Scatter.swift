#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a scatter plot colours its points.
public enum ScatterColor: Sendable, Hashable, Codable {
    /// One category name per point. Each category gets a palette colour, in order of first appearance, and a
    /// legend entry when there are at least two.
    case categories([String])
    /// One number per point, coloured on a continuous scale with a colour bar. NaN is drawn in grey.
    case values([Double])
}

extension Charts {
    /// The seed of the random sample a large coloured scatter plot draws; fixed, so the figure is reproducible.
    static let scatterSampleSeed: UInt64 = 0x5CA7_7E25_EED0_0001

    /// Draws a scatter plot of `y` against `x`, optionally coloured and sized by a third and fourth variable.
    ///
    /// Points whose `x` or `y` is NaN or infinite, or not positive on a log axis, are left out and counted in the
    /// description. Points are translucent, and smaller the more there are, so that overlaps show density. A
    /// legend appears only when it says something: categories get one when there are at least two, continuous
    /// colour gets a colour bar when the values vary, sizes get a key when they vary. In SVG, plots of up to 1,000
    /// points carry a tooltip on each point.
    ///
    /// Large data stays small: with more than `maxPoints` points, a plot without colour or size bins the points
    /// into a grid of about 8-point cells coloured by count (the colour scale, with a colour bar), and a plot
    /// coloured by category draws a random sample of `maxPoints / 2` points (a fixed seed, so the same data gives
    /// the same figure). Points with their own colour (``ScatterColor/values(_:)``) or size cost more to draw, so
    /// there the limit is `maxPoints / 4`, and a sample of that many is drawn beyond it. Either way a note under the
    /// title and the description say so, and the axes still span all the points. A million points give an SVG
    /// of at most a few hundred kilobytes, and a TikZ picture that pdflatex compiles with its default memory.
    ///
    /// - Parameters:
    ///   - x: The horizontal values.
    ///   - y: The vertical values; only the first `min(x.count, y.count)` pairs are used.
    ///   - color: How to colour the points, or `nil` for one colour.
    ///   - size: A value per point mapped to the circle's area, or `nil` for equal circles. NaN gets the smallest
    ///     circle.
    ///   - xLabel: The x-axis title.
    ///   - yLabel: The y-axis title.
    ///   - colorLabel: The legend or colour-bar title (the colouring variable's name), or empty.
    ///   - sizeLabel: The size key's title, or empty.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - logX: Whether the x axis is logarithmic.
    ///   - logY: Whether the y axis is logarithmic.
    ///   - width: The figure width in points.
    ///   - height: The figure height in points.
    ///   - palette: The category colours.
    ///   - colorScale: The continuous colour scale for ``ScatterColor/values(_:)`` and for binned counts; fitted to
    ///     the data when it has no domain.
    ///   - maxPoints: The most points of one colour and size drawn one by one (at least 100).
    /// - Returns: The figure.
    public static func scatter(
        x: [Double],
        y: [Double],
        color: ScatterColor? = nil,
        size: [Double]? = nil,
        xLabel: String,
        yLabel: String,
        colorLabel: String = "",
        sizeLabel: String = "",
        title: String? = nil,
        logX: Bool = false,
        logY: Bool = false,
        width: Double = defaultWidth,
        height: Double = defaultHeight,
        palette: Palette = .okabeIto,
        colorScale: ColorScale = .viridis,
        maxPoints: Int = 20_000
    ) -> Figure {
        let data = ScatterData(x: x, y: y, logX: logX, logY: logY)
        let label = "Scatter plot of \(yLabel.isEmpty ? "y" : yLabel) against \(xLabel.isEmpty ? "x" : xLabel)"
        guard let xExtent = data.xExtent, let yExtent = data.yExtent else {
            return noDataFigure(
                width: width, height: height, title: title, label: label,
                description: "\(label): no data to plot" + data.droppedText(xLabel: xLabel, yLabel: yLabel) + ".",
                xLabel: xLabel, yLabel: yLabel
            )
        }
        let maxPoints = max(maxPoints, 100)
        // Points of one colour and size are cheap (a dot each in TikZ); points with their own colour or size cost
        // more, so fewer are drawn one by one.
        let individual = size != nil || { if case .values = color { return true } else { return false } }()
        let budget = individual ? max(maxPoints / 4, 100) : maxPoints
        let xSpec = ContinuousAxisSpec(
            title: xLabel, extent: xExtent, fit: .padded(lower: 0.04, upper: 0.04), showsGrid: true, log: logX
        )
        let ySpec = ContinuousAxisSpec(
            title: yLabel, extent: yExtent, fit: .padded(lower: 0.05, upper: 0.05), showsGrid: true, log: logY
        )
        if data.valid.count > budget && color == nil && size == nil {
            return binnedScatter(
                data, xSpec: xSpec, ySpec: ySpec, label: label, title: title, width: width, height: height,
                colorScale: colorScale, xLabel: xLabel, yLabel: yLabel
            )
        }

        // Which points are drawn: all, or a seeded sample keeping the data order.
        var drawn = data.valid
        var note: String?
        if drawn.count > budget {
            drawn = seededSample(drawn, count: individual ? budget : budget / 2, seed: scatterSampleSeed)
            note =
                "\(grouped(drawn.count)) of \(grouped(data.valid.count)) points shown (a random sample with a fixed seed)"
        }
        let encoding = ScatterEncoding(
            color: color, size: size, count: data.count, valid: data.valid, palette: palette, colorScale: colorScale,
            colorLabel: colorLabel, sizeLabel: sizeLabel
        )
        let look = PointLook(count: drawn.count, sized: encoding.sizes != nil)
        let legend = encoding.legend(look: look)
        var frame = CartesianFrame(
            width: width, height: height, title: title, legend: legend, x: xSpec, y: ySpec, note: note
        )
        let guides = GuideColumn(colorBar: encoding.colorBar, sizeKey: encoding.sizeKey)
        let layout = guides.layout(&frame)

        var marks = layout.underlay
        let tooltips = drawn.count <= 1_000
        // Many points: centres to a tenth of a point, which keeps files small and is still sub-pixel.
        let precision = drawn.count > 1_000 ? 10.0 : 100.0
        func center(_ index: Int) -> Point {
            Point(
                x: (layout.x(x[index]) * precision).rounded() / precision,
                y: (layout.y(y[index]) * precision).rounded() / precision
            )
        }
        func tooltip(_ index: Int) -> String? {
            guard tooltips else { return nil }
            var parts = [
                "\(xLabel.isEmpty ? "x" : xLabel) \(NumberFormatting.general(x[index]))",
                "\(yLabel.isEmpty ? "y" : yLabel) \(NumberFormatting.general(y[index]))",
            ]
            if let text = encoding.tooltip(index) { parts.append(text) }
            return parts.joined(separator: ", ")
        }
        // Large circles first, so small ones stay visible on top of them.
        func ordered(_ indices: [Int]) -> [Int] {
            guard let sizes = encoding.sizes else { return indices }
            return indices.enumerated().sorted {
                let (a, b) = (sizes[$0.element], sizes[$1.element])
                return a != b ? a > b : $0.offset < $1.offset
            }.map(\.element)
        }
        for (index, group) in encoding.groups(drawn).enumerated() {
            let circles = ordered(group.indices).map { point -> Mark in
                let radius = encoding.sizes.map { SizeKey.radius(at: $0[point]) } ?? look.radius
                let style = look.style(encoding.paint(point, group: group))
                return .circle(CircleMark(center: center(point), radius: radius, style: style, tooltip: tooltip(point)))
            }
            let name = encoding.categorical ? "series-\(index + 1)" : "points"
            marks.append(.group(GroupMark(name: name, marks: circles)))
        }
        marks += layout.overlay
        marks += guides.marks(plot: layout.plot)

        var description = "\(label): \(plural(data.valid.count, "point"))"
        if drawn.count < data.valid.count {
            description += " (a random sample of \(grouped(drawn.count)) drawn)"
        }
        description += data.rangeText(xLabel: xLabel, yLabel: yLabel)
        description += encoding.describe()
        description += "."
        description += data.correlationText()
        description += data.droppedText(xLabel: xLabel, yLabel: yLabel, sentence: true)
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// A scatter plot of too many points drawn as a 2-D histogram: cells of about 8 points coloured by count.
    private static func binnedScatter(
        _ data: ScatterData, xSpec: ContinuousAxisSpec, ySpec: ContinuousAxisSpec, label: String, title: String?,
        width: Double, height: Double, colorScale: ColorScale, xLabel: String, yLabel: String
    ) -> Figure {
        let cellSide = 8.0
        // The grid is sized from a first layout, then fixed: the colour bar's labels depend on the counts.
        var probe = CartesianFrame(
            width: width, height: height, title: title, legend: nil, x: xSpec, y: ySpec, note: "probe",
            trailing: 70
        )
        let plot = probe.layout().plot
        let columns = min(max(Int((plot.width / cellSide).rounded()), 10), 200)
        let rows = min(max(Int((plot.height / cellSide).rounded()), 10), 200)
        let grid = DensityGrid(
            x: data.x, y: data.y, indices: data.valid, columns: columns, rows: rows, logX: xSpec.log,
            logY: ySpec.log
        )
        let highest = grid.counts.max() ?? 1
        let scale =
            colorScale.domain == nil
            ? colorScale.with(domain: 1...Double(max(highest, 2)), center: nil) : colorScale
        let note = "\(grouped(data.valid.count)) points binned in \(columns) × \(rows) cells"
        probe.note = note
        let guides = GuideColumn(
            colorBar: ColorBar(scale: scale, title: "Points per cell", integerTicks: true), sizeKey: nil
        )
        let layout = guides.layout(&probe)

        var marks = layout.underlay
        var cells: [Mark] = []
        func edge(_ value: Double, log: Bool) -> Double { log ? pow(10, value) : value }
        let xEdges = (0...columns).map { layout.x(edge(grid.xLow + Double($0) * grid.cellWidth, log: xSpec.log)) }
        let yEdges = (0...rows).map { layout.y(edge(grid.yLow + Double($0) * grid.cellHeight, log: ySpec.log)) }
        for row in 0..<rows {
            for column in 0..<columns {
                let count = grid.counts[row * columns + column]
                guard count > 0 else { continue }
                // Cells overlap their right and upper neighbours by a quarter point, so no seam shows.
                let left = xEdges[column]
                let right = xEdges[column + 1] + (column + 1 < columns ? 0.25 : 0)
                let top = yEdges[row + 1] - (row + 1 < rows ? 0.25 : 0)
                let bottom = yEdges[row]
                let rect = Rect(
                    x: (left * 100).rounded() / 100, y: (top * 100).rounded() / 100,
                    width: ((right - left) * 100).rounded() / 100, height: ((bottom - top) * 100).rounded() / 100
                )
                cells.append(.rect(RectMark(rect, style: .filled(.color(scale.color(for: Double(count)))))))
            }
        }
        marks.append(.group(GroupMark(name: "density", marks: cells)))
        marks += layout.overlay
        marks += guides.marks(plot: layout.plot)

        var description = "\(label): \(plural(data.valid.count, "point"))"
        description += data.rangeText(xLabel: xLabel, yLabel: yLabel)
        description += ". Too many to draw one by one, they are binned in a grid of \(columns) × \(rows) cells "
        description += "coloured by the number of points in each (\(scale.name), 1 to \(grouped(highest)))"
        if let densest = grid.counts.indices.max(by: { grid.counts[$0] < grid.counts[$1] }) {
            let cx = edge(grid.xLow + (Double(densest % columns) + 0.5) * grid.cellWidth, log: xSpec.log)
            let cy = edge(grid.yLow + (Double(densest / columns) + 0.5) * grid.cellHeight, log: ySpec.log)
            description += "; the densest cell is around \(xLabel.isEmpty ? "x" : xLabel) "
            description += NumberFormatting.general(cx) + ", \(yLabel.isEmpty ? "y" : yLabel) "
            description += NumberFormatting.general(cy)
        }
        description += "."
        description += data.correlationText()
        description += data.droppedText(xLabel: xLabel, yLabel: yLabel, sentence: true)
        return Figure(
            width: width, height: height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// A count with thousands separators from 10,000.
    static func grouped(_ count: Int) -> String {
        NumberFormatting.fixed(Double(count), decimals: 0, grouping: count >= 10_000)
    }

    /// `count` of `indices`, chosen uniformly at random without replacement (Knuth's selection sampling,
    /// Algorithm S), kept in their original order.
    ///
    /// - Parameters:
    ///   - indices: The candidates.
    ///   - count: How many to keep.
    ///   - seed: The generator's seed; the same seed gives the same sample.
    /// - Returns: The sample, in the order of `indices`.
    static func seededSample(_ indices: [Int], count: Int, seed: UInt64) -> [Int] {
        guard count < indices.count else { return indices }
        var generator = PlotRandom(seed: seed)
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        var needed = count
        for (offset, index) in indices.enumerated() {
            let remaining = indices.count - offset
            // Keep this one with probability needed / remaining.
            if Double(generator.next() >> 11) * 0x1p-53 * Double(remaining) < Double(needed) {
                chosen.append(index)
                needed -= 1
                if needed == 0 { break }
            }
        }
        return chosen
    }
}

/// A seeded generator (SplitMix64, Steele, Lea and Flood 2014), so that sampled figures are reproducible.
struct PlotRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator.
    ///
    /// - Parameter seed: The seed; equal seeds give equal sequences.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The plottable points of a scatter plot, and what was left out.
private struct ScatterData {
    var x: [Double]
    var y: [Double]
    var logX: Bool
    var logY: Bool
    /// The number of (x, y) pairs.
    var count: Int
    /// The indices of points with a position: finite, and positive on log axes.
    var valid: [Int] = []
    /// Points with a NaN or infinite coordinate.
    var nonFinite = 0
    /// Finite points left out because x is not positive on a log x axis.
    var nonPositiveX = 0
    /// Finite points left out because y is not positive on a log y axis.
    var nonPositiveY = 0
    var xExtent: ClosedRange<Double>?
    var yExtent: ClosedRange<Double>?

    init(x: [Double], y: [Double], logX: Bool, logY: Bool) {
        let count = min(x.count, y.count)
        self.x = x
        self.y = y
        self.logX = logX
        self.logY = logY
        self.count = count
        valid.reserveCapacity(count)
        var xLow = Double.infinity
        var xHigh = -Double.infinity
        var yLow = Double.infinity
        var yHigh = -Double.infinity
        for index in 0..<count {
            let (px, py) = (x[index], y[index])
            guard px.isFinite, py.isFinite else {
                nonFinite += 1
                continue
            }
            if logX && px <= 0 || logY && py <= 0 {
                if logX && px <= 0 { nonPositiveX += 1 } else { nonPositiveY += 1 }
                continue
            }
            valid.append(index)
            xLow = min(xLow, px)
            xHigh = max(xHigh, px)
            yLow = min(yLow, py)
            yHigh = max(yHigh, py)
        }
        if !valid.isEmpty {
            xExtent = xLow...xHigh
            yExtent = yLow...yHigh
        }
    }

    /// ", x from A to B, y from C to D" (with the axis names).
    func rangeText(xLabel: String, yLabel: String) -> String {
        guard let xExtent, let yExtent else { return "" }
        let xName = xLabel.isEmpty ? "x" : xLabel
        let yName = yLabel.isEmpty ? "y" : yLabel
        var text = ", \(xName) from \(NumberFormatting.general(xExtent.lowerBound)) to "
        text += NumberFormatting.general(xExtent.upperBound)
        if logX { text += " (log scale)" }
        text += ", \(yName) from \(NumberFormatting.general(yExtent.lowerBound)) to "
        text += NumberFormatting.general(yExtent.upperBound)
        if logY { text += " (log scale)" }
        return text
    }

    /// " Pearson correlation 0.87." — of the logs on log axes; empty for fewer than 3 points or no spread.
    func correlationText() -> String {
        guard valid.count >= 3 else { return "" }
        var sx = 0.0
        var sy = 0.0
        func tx(_ i: Int) -> Double { logX ? log10(x[i]) : x[i] }
        func ty(_ i: Int) -> Double { logY ? log10(y[i]) : y[i] }
        for index in valid {
            sx += tx(index)
            sy += ty(index)
        }
        let n = Double(valid.count)
        let (mx, my) = (sx / n, sy / n)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for index in valid {
            let (dx, dy) = (tx(index) - mx, ty(index) - my)
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return "" }
        let r = sxy / (sxx * syy).squareRoot()
        let on = logX || logY ? " (of the log-scaled values)" : ""
        return " Pearson correlation\(on) " + NumberFormatting.fixed(r, decimals: 2) + "."
    }

    /// The points left out, as a clause (" (3 … left out)") or, with `sentence`, as a sentence.
    func droppedText(xLabel: String, yLabel: String, sentence: Bool = false) -> String {
        var parts: [String] = []
        if nonFinite > 0 { parts.append(Charts.plural(nonFinite, "point") + " with a missing or infinite value") }
        if nonPositiveX > 0 {
            parts.append(
                Charts.plural(nonPositiveX, "point") + " with \(xLabel.isEmpty ? "x" : xLabel) ≤ 0 (log scale)"
            )
        }
        if nonPositiveY > 0 {
            parts.append(
                Charts.plural(nonPositiveY, "point") + " with \(yLabel.isEmpty ? "y" : yLabel) ≤ 0 (log scale)"
            )
        }
        guard !parts.isEmpty else { return "" }
        let list = parts.joined(separator: " and ")
        return sentence ? " Left out: \(list)." : " (\(list) left out)"
    }
}

/// Point radius, opacity and outline, by how many points are drawn: fewer points are larger and more opaque.
private struct PointLook {
    var radius: Double
    var opacity: Double
    var outlined: Bool

    init(count: Int, sized: Bool) {
        switch count {
        case ...150: (radius, opacity, outlined) = (4, 0.85, true)
        case ...1_500: (radius, opacity, outlined) = (3, 0.7, true)
        case ...6_000: (radius, opacity, outlined) = (2.2, 0.55, false)
        default: (radius, opacity, outlined) = (1.6, 0.45, false)
        }
        if sized { (opacity, outlined) = (0.6, true) }
    }

    /// The style of a point of this colour.
    func style(_ paint: Paint) -> Style {
        Style(
            fill: paint, fillOpacity: opacity, stroke: outlined ? .theme(.background) : nil,
            strokeWidth: outlined ? 0.6 : 1
        )
    }
}

/// How a scatter plot's points get their colour and size, and the guides that explain them.
private struct ScatterEncoding {
    /// The category levels in order of first appearance, for categorical colour.
    var levels: [String] = []
    /// The level index of each point, for categorical colour.
    var levelOf: [Int] = []
    /// The colour values, for continuous colour.
    var values: [Double]?
    /// The fitted continuous scale, for continuous colour.
    var scale: ColorScale?
    /// Each point's position 0…1 along the size range (NaN when missing), or `nil`.
    var sizes: [Double]?
    /// The size range of the valid points.
    var sizeExtent: ClosedRange<Double>?
    var palette: Palette
    var colorLabel: String
    var sizeLabel: String
    /// Valid points with no colour value.
    var missingColor = 0
    /// The number of valid points in each category.
    var levelCounts: [Int] = []
    /// Whether the continuous colour values vary.
    var varies = false
    /// Whether every continuous colour value is a whole number.
    var wholeNumbers = false

    /// The grey of points without a colour value.
    static let missingGrey = Color(hex: 0x999999)

    var categorical: Bool { !levels.isEmpty }

    init(
        color: ScatterColor?, size: [Double]?, count: Int, valid: [Int], palette: Palette, colorScale: ColorScale,
        colorLabel: String, sizeLabel: String
    ) {
        self.palette = palette
        self.colorLabel = colorLabel
        self.sizeLabel = sizeLabel
        switch color {
        case .categories(let names):
            var index: [String: Int] = [:]
            levelOf = Array(repeating: 0, count: count)
            for point in valid {
                let given = point < names.count ? names[point] : ""
                let name = given.isEmpty ? "(missing)" : given
                if let level = index[name] {
                    levelOf[point] = level
                    levelCounts[level] += 1
                } else {
                    index[name] = levels.count
                    levelOf[point] = levels.count
                    levels.append(name)
                    levelCounts.append(1)
                }
            }
        case .values(let numbers):
            let finite = valid.compactMap { $0 < numbers.count && numbers[$0].isFinite ? numbers[$0] : nil }
            values = (0..<count).map { $0 < numbers.count ? numbers[$0] : .nan }
            scale = colorScale.fitted(to: finite)
            missingColor = valid.count - finite.count
            varies = (finite.min() ?? 0) < (finite.max() ?? 0)
            wholeNumbers = finite.allSatisfy { $0 == $0.rounded() }
        case nil:
            break
        }
        if let size {
            let finite = valid.compactMap { $0 < size.count && size[$0].isFinite ? size[$0] : nil }
            if let low = finite.min(), let high = finite.max() {
                sizeExtent = low...high
                sizes = (0..<count).map { point in
                    guard point < size.count, size[point].isFinite else { return .nan }
                    return high > low ? (size[point] - low) / (high - low) : 0.5
                }
            }
        }
    }

    /// One drawing group: the points of one category, or all points.
    struct Group {
        var level: Int?
        var indices: [Int]
    }

    /// The drawn points split by category (in level order), or one group.
    func groups(_ drawn: [Int]) -> [Group] {
        guard categorical else { return [Group(level: nil, indices: drawn)] }
        var groups = levels.indices.map { Group(level: $0, indices: []) }
        for point in drawn { groups[levelOf[point]].indices.append(point) }
        return groups.filter { !$0.indices.isEmpty }
    }

    /// The fill of one point.
    func paint(_ point: Int, group: Group) -> Paint {
        if let level = group.level { return .color(palette.color(at: level)) }
        if let values, let scale {
            let value = point < values.count ? values[point] : .nan
            return .color(value.isFinite ? scale.color(for: value) : Self.missingGrey)
        }
        return .color(palette.color(at: 0))
    }

    /// The colour and size of one point, for its tooltip.
    func tooltip(_ point: Int) -> String? {
        var parts: [String] = []
        if categorical { parts.append((colorLabel.isEmpty ? "" : colorLabel + " ") + levels[levelOf[point]]) }
        if let values {
            parts.append((colorLabel.isEmpty ? "colour " : colorLabel + " ") + NumberFormatting.general(values[point]))
        }
        if let sizes, let sizeExtent, sizes[point].isFinite {
            let value = sizeExtent.lowerBound + sizes[point] * (sizeExtent.upperBound - sizeExtent.lowerBound)
            parts.append((sizeLabel.isEmpty ? "size " : sizeLabel + " ") + NumberFormatting.general(value))
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The category legend, when there are at least two categories.
    func legend(look: PointLook) -> Legend? {
        guard levels.count >= 2 else { return nil }
        let entries = levels.indices.map { level in
            let paint = Paint.color(palette.color(at: level))
            return Legend.Entry(
                label: levels[level], swatch: Style(fill: paint, fillOpacity: 0.9), symbol: .circle(radius: 5)
            )
        }
        return Legend(title: colorLabel.isEmpty ? nil : colorLabel, entries: entries)
    }

    /// The colour bar, when continuous colour values vary.
    var colorBar: ColorBar? {
        guard let scale, varies else { return nil }
        return ColorBar(scale: scale, title: colorLabel, integerTicks: wholeNumbers)
    }

    /// The size key, when sizes vary.
    var sizeKey: SizeKey? {
        guard let sizeExtent, sizeExtent.upperBound > sizeExtent.lowerBound else { return nil }
        return SizeKey(extent: sizeExtent, title: sizeLabel)
    }

    /// What colour and size show, as a clause for the description.
    func describe() -> String {
        var text = ""
        let colorName = colorLabel.isEmpty ? "category" : colorLabel
        if categorical {
            text += "; coloured by \(colorName): "
            let parts = zip(levels, levelCounts).map { "\($0) (\(Charts.grouped($1)))" }
            text += Charts.listed(parts, limit: 12)
        }
        if let scale, let domain = scale.domain {
            text += "; coloured by \(colorLabel.isEmpty ? "value" : colorLabel) on the \(scale.name) scale from "
            text += NumberFormatting.general(domain.lowerBound) + " to " + NumberFormatting.general(domain.upperBound)
            if missingColor > 0 { text += " (\(Charts.plural(missingColor, "point")) without a value in grey)" }
        }
        if let sizeExtent {
            text += "; circle area shows \(sizeLabel.isEmpty ? "size" : sizeLabel), from "
            text += NumberFormatting.general(sizeExtent.lowerBound) + " to "
            text += NumberFormatting.general(sizeExtent.upperBound)
        }
        return text
    }
}

/// Point counts on a regular grid over the data's extent (in log space on log axes), for binned scatter plots.
private struct DensityGrid {
    var columns: Int
    var rows: Int
    /// The grid's lower-left corner and cell size, in the axes' linear space (decades on log axes).
    var xLow = 0.0
    var yLow = 0.0
    var cellWidth = 1.0
    var cellHeight = 1.0
    /// The counts, row by row from the bottom (lowest y), `rows × columns`.
    var counts: [Int]

    init(x: [Double], y: [Double], indices: [Int], columns: Int, rows: Int, logX: Bool, logY: Bool) {
        self.columns = columns
        self.rows = rows
        counts = Array(repeating: 0, count: columns * rows)
        guard !indices.isEmpty else { return }
        var tx = [Double](repeating: 0, count: indices.count)
        var ty = [Double](repeating: 0, count: indices.count)
        for (offset, index) in indices.enumerated() {
            tx[offset] = logX ? log10(x[index]) : x[index]
            ty[offset] = logY ? log10(y[index]) : y[index]
        }
        var (xMin, xMax) = (tx.min() ?? 0, tx.max() ?? 1)
        var (yMin, yMax) = (ty.min() ?? 0, ty.max() ?? 1)
        if !(xMax > xMin) { (xMin, xMax) = (xMin - 0.5, xMin + 0.5) }
        if !(yMax > yMin) { (yMin, yMax) = (yMin - 0.5, yMin + 0.5) }
        xLow = xMin
        yLow = yMin
        cellWidth = (xMax - xMin) / Double(columns)
        cellHeight = (yMax - yMin) / Double(rows)
        for offset in tx.indices {
            let column = min(Int((tx[offset] - xMin) / cellWidth), columns - 1)
            let row = min(Int((ty[offset] - yMin) / cellHeight), rows - 1)
            counts[row * columns + column] += 1
        }
    }
}

/// The guides right of a scatter plot's area: a colour bar on top and a size key under it.
private struct GuideColumn {
    var colorBar: ColorBar?
    var sizeKey: SizeKey?
    /// The gap between the plot area and the guides.
    var gap: Double { 18 }
    /// The gap between the colour bar and the size key.
    var spacing: Double { 16 }

    var isEmpty: Bool { colorBar == nil && sizeKey == nil }

    /// The colour bar's height for a plot area height.
    private func colorBarHeight(_ plotHeight: Double) -> Double {
        let below = sizeKey.map { $0.height + spacing } ?? 0
        return max(plotHeight - below, 80)
    }

    /// The column's width for a plot area height.
    func width(plotHeight: Double) -> Double {
        max(colorBar?.width(height: colorBarHeight(plotHeight)) ?? 0, sizeKey?.width ?? 0)
    }

    /// Lays the frame out with room for the column on the right.
    func layout(_ frame: inout CartesianFrame) -> CartesianLayout {
        guard !isEmpty else { return frame.layout() }
        frame.trailing = (gap + width(plotHeight: frame.height * 0.6)).rounded(.up)
        var layout = frame.layout()
        let needed = (gap + width(plotHeight: layout.plot.height)).rounded(.up)
        if needed != frame.trailing {
            frame.trailing = needed
            layout = frame.layout()
        }
        return layout
    }

    /// The column's marks beside a plot area.
    func marks(plot: Rect) -> [Mark] {
        let x = plot.maxX + gap
        var marks: [Mark] = []
        var top = plot.y
        if let colorBar {
            let height = colorBarHeight(plot.height)
            marks += colorBar.marks(x: x, top: top, height: height)
            top += height + spacing
        }
        if let sizeKey { marks += sizeKey.marks(x: x, top: top) }
        return marks
    }
}
