#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds the marks of one axis: grid lines, axis line, tick marks, tick labels and title.
///
/// An axis knows only scene positions and label strings, so continuous (``LinearScale``) and categorical
/// (``BandScale``) axes share it.
struct Axis: Sendable, Hashable {
    /// Which side of the plot area the axis sits on.
    enum Edge: Sendable, Hashable {
        /// Below the plot area; labels are horizontal.
        case bottom
        /// Left of the plot area; labels are right-aligned, the title reads bottom to top.
        case left
    }

    /// One labelled position along the axis.
    struct Tick: Sendable, Hashable {
        /// The scene coordinate (x for a bottom axis, y for a left axis).
        var position: Double
        /// The label; ignored for a minor tick.
        var label: String
        /// Whether the tick is minor (log axes): a shorter mark, a fainter grid line and no label.
        var minor = false
    }

    /// The side of the plot area.
    var edge: Edge
    /// The ticks, in any order.
    var ticks: [Tick]
    /// The axis title, empty for none.
    var title: String
    /// Whether to draw grid lines across the plot area at the ticks.
    var showsGrid: Bool
    /// Whether to draw the axis line and tick marks (a left axis usually relies on its grid instead).
    var showsLine: Bool
    /// Sizes and spacing.
    var theme: Theme = .standard

    /// The widest tick label, in points.
    var maxLabelWidth: Double {
        ticks.filter { !$0.minor }.map { TextMetrics.width(of: $0.label, fontSize: theme.tickLabelSize) }.max() ?? 0
    }

    /// The space the axis needs outside the plot area, in points.
    var extent: Double {
        let titleExtent =
            title.isEmpty
            ? 0 : theme.axisTitleGap + theme.axisTitleSize * (TextMetrics.capHeight + TextMetrics.descent)
        switch edge {
        case .bottom:
            let tick = showsLine ? theme.tickLength : 0
            return tick + theme.tickLabelGap + theme.tickLabelSize * (TextMetrics.capHeight + TextMetrics.descent)
                + titleExtent
        case .left:
            let tick = showsLine ? theme.tickLength : 0
            return tick + theme.tickLabelGap + 2 + maxLabelWidth + titleExtent
        }
    }

    /// Grid lines across the plot area, to paint under the data.
    ///
    /// - Parameter plot: The plot area.
    /// - Returns: One line per tick.
    func gridMarks(plot: Rect) -> [Mark] {
        guard showsGrid else { return [] }
        let style = Style.stroked(.theme(.grid))
        // Minor ticks (log axes) get no grid line: 2…9 lines per decade would make a mesh.
        return ticks.filter { !$0.minor }.map { tick in
            let at = crisp(tick.position)
            switch edge {
            case .bottom: return .segment(Point(x: at, y: plot.y), Point(x: at, y: plot.maxY), style)
            case .left: return .segment(Point(x: plot.x, y: at), Point(x: plot.maxX, y: at), style)
            }
        }
    }

    /// The axis line, tick marks, labels and title, to paint over the data.
    ///
    /// - Parameter plot: The plot area.
    /// - Returns: The marks, in a group named after the edge.
    func marks(plot: Rect) -> [Mark] {
        var lines: [Mark] = []
        var labels: [Mark] = []
        let axisStyle = Style.stroked(.theme(.axis))
        let size = theme.tickLabelSize
        let titleSize = theme.axisTitleSize
        let tickLength = showsLine ? theme.tickLength : 0
        switch edge {
        case .bottom:
            let axisY = crisp(plot.maxY)
            let tickBottom = plot.maxY + tickLength
            if showsLine {
                lines.append(.segment(Point(x: plot.x, y: axisY), Point(x: plot.maxX, y: axisY), axisStyle))
                for tick in ticks {
                    let x = crisp(tick.position)
                    let bottom = tick.minor ? plot.maxY + tickLength * 0.6 : tickBottom
                    lines.append(.segment(Point(x: x, y: axisY), Point(x: x, y: bottom), axisStyle))
                }
            }
            let labelBaseline = tickBottom + theme.tickLabelGap + size * TextMetrics.capHeight
            for tick in ticks where !tick.minor {
                let position = Point(x: tick.position, y: labelBaseline)
                labels.append(.label(tick.label, at: position, size: size, anchor: .middle, fill: .theme(.secondary)))
            }
            if !title.isEmpty {
                let baseline =
                    labelBaseline + size * TextMetrics.descent + theme.axisTitleGap
                    + titleSize * TextMetrics.capHeight
                let text = TextMetrics.truncated(title, toWidth: plot.width, fontSize: titleSize)
                labels.append(.label(text, at: Point(x: plot.midX, y: baseline), size: titleSize, anchor: .middle))
            }
        case .left:
            let axisX = crisp(plot.x)
            let tickLeft = plot.x - tickLength
            if showsLine {
                lines.append(.segment(Point(x: axisX, y: plot.y), Point(x: axisX, y: plot.maxY), axisStyle))
                for tick in ticks {
                    let y = crisp(tick.position)
                    let left = tick.minor ? plot.x - tickLength * 0.6 : tickLeft
                    lines.append(.segment(Point(x: left, y: y), Point(x: axisX, y: y), axisStyle))
                }
            }
            let labelRight = tickLeft - theme.tickLabelGap - 2
            for tick in ticks where !tick.minor {
                // Centre the digits' cap height on the tick.
                let position = Point(x: labelRight, y: tick.position + size * TextMetrics.capHeight / 2)
                labels.append(.label(tick.label, at: position, size: size, anchor: .end, fill: .theme(.secondary)))
            }
            if !title.isEmpty {
                // Rotated to read upwards, the title's descenders point right, towards the labels.
                let baseline = labelRight - maxLabelWidth - theme.axisTitleGap - titleSize * TextMetrics.descent
                let text = TextMetrics.truncated(title, toWidth: plot.height, fontSize: titleSize)
                let position = Point(x: baseline, y: plot.midY)
                labels.append(.label(text, at: position, size: titleSize, anchor: .middle, rotation: -90))
            }
        }
        return [.group(GroupMark(name: edge == .bottom ? "x-axis" : "y-axis", marks: lines + labels))]
    }
}

/// Formats the labels of a log axis.
///
/// Ticks between 0.0001 and 1,000,000 are written as plain numbers (`0.01`, `0.5`, `1`, `20`, `1,000`) — on a
/// log axis each label needs only its own digits, so decimals are not padded to a common count. Wider or more
/// extreme ranges use powers of ten: `10⁻⁶`, `10³`, and `2×10³` for ticks at 2 or 5 times a power. The
/// superscripts become `$^{…}$` in TikZ.
enum LogTickLabels {
    /// The labels of log ticks.
    ///
    /// - Parameter values: The tick values, positive (powers of ten, or 2 or 5 times them).
    /// - Returns: One label per value.
    static func labels(_ values: [Double]) -> [String] {
        let plain = values.allSatisfy { $0 >= 1e-4 * (1 - 1e-9) && $0 < 1e6 }
        if plain {
            let grouping = values.contains { $0 >= 10_000 }
            return values.map { value in
                let decimals = max(0, -Int(log10(value).rounded(.down)))
                return NumberFormatting.fixed(value, decimals: decimals, grouping: grouping)
            }
        }
        return values.map { value in
            let exponent = Int(log10(value * (1 + 1e-9)).rounded(.down))
            let mantissa = (value / powerOfTenDouble(exponent)).rounded()
            let power = "10" + NumberFormatting.superscript(exponent)
            return mantissa == 1 ? power : NumberFormatting.fixed(mantissa, decimals: 0) + "×" + power
        }
    }
}
