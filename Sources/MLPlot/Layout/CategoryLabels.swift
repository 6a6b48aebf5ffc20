#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Category names under a horizontal band axis, placed so that neighbours never overlap.
///
/// From measured widths (``TextMetrics``) it picks the first layout that fits: horizontal on one line, horizontal
/// wrapped onto two lines at spaces, rotated 45° (reading up to the right, ending under the band), or rotated 90°
/// (reading upwards). Rotated names longer than the space allowed below the plot are shortened with "…", and when
/// even upright names are too tightly packed only every `stride`-th one is written.
struct BottomCategoryLabels: Sendable, Hashable {
    /// How the names are set.
    enum Placement: Sendable, Hashable {
        /// Horizontal, centred under the band, on one or two lines.
        case horizontal
        /// Rotated 45° counter-clockwise, ending under the band.
        case diagonal
        /// Rotated 90° counter-clockwise, ending under the band.
        case vertical
    }

    /// The lines of each name, after wrapping or shortening.
    var lines: [[String]]
    /// How the names are set.
    var placement: Placement
    /// Every `stride`-th name is written, from the first.
    var stride: Int
    /// Sizes and spacing.
    var theme: Theme

    /// The font size of the names.
    private var size: Double { theme.tickLabelSize }
    /// The cap height of the names.
    private var cap: Double { size * TextMetrics.capHeight }
    private static let diagonal = 0.5.squareRoot()

    /// Chooses a placement for names under bands `step` points apart.
    ///
    /// - Parameters:
    ///   - categories: The names.
    ///   - step: The distance between band centres.
    ///   - maxExtent: The most vertical space rotated names may take below the plot.
    ///   - theme: Sizes and spacing.
    init(_ categories: [String], step: Double, maxExtent: Double, theme: Theme) {
        self.theme = theme
        self.stride = 1
        let size = theme.tickLabelSize
        let room = step - theme.labelSpacing / 2
        let widths = categories.map { TextMetrics.width(of: $0, fontSize: size) }
        if widths.allSatisfy({ $0 <= room }) {
            placement = .horizontal
            lines = categories.map { [$0] }
            return
        }
        if step >= 48 {
            let wrapped = categories.map { TextMetrics.wrapped($0, toWidth: room, fontSize: size, maxLines: 2) }
            let whole = zip(categories, wrapped).allSatisfy { name, lines in
                lines.joined(separator: " ") == name.split(separator: " ").joined(separator: " ")
            }
            if whole {
                placement = .horizontal
                lines = wrapped
                return
            }
        }
        let cap = size * TextMetrics.capHeight
        let lineSpace = size * 1.15
        if step * Self.diagonal >= lineSpace {
            placement = .diagonal
            let longest = max((maxExtent - theme.tickLabelGap - cap * Self.diagonal) / Self.diagonal, size * 3)
            lines = categories.map { [TextMetrics.truncated($0, toWidth: longest, fontSize: size)] }
        } else {
            placement = .vertical
            stride = max(1, Int((lineSpace / max(step, 1e-9)).rounded(.up)))
            let longest = max(maxExtent - theme.tickLabelGap, size * 3)
            lines = categories.map { [TextMetrics.truncated($0, toWidth: longest, fontSize: size)] }
        }
    }

    /// The widest written line.
    private var longestLine: Double {
        lines.enumerated().filter { $0.offset % stride == 0 }
            .flatMap(\.element).map { TextMetrics.width(of: $0, fontSize: size) }.max() ?? 0
    }

    /// The vertical space the names take below the plot edge, including the gap above them.
    var extent: Double {
        let gap = theme.tickLabelGap
        switch placement {
        case .horizontal:
            let count = Double(lines.map(\.count).max() ?? 1)
            return gap + cap + size * TextMetrics.descent + (count - 1) * theme.lineHeight(size)
        case .diagonal:
            return gap + (cap + longestLine) * Self.diagonal
        case .vertical:
            return gap + longestLine
        }
    }

    /// How far the name at `index` reaches left of its band centre (positive: to the left).
    ///
    /// - Parameter index: The category's position.
    /// - Returns: The overhang in points.
    func leftOverhang(at index: Int) -> Double {
        guard index < lines.count, index % stride == 0 else { return 0 }
        let width = lines[index].map { TextMetrics.width(of: $0, fontSize: size) }.max() ?? 0
        switch placement {
        case .horizontal: return width / 2
        case .diagonal: return (width + cap / 2) * Self.diagonal
        case .vertical: return cap / 2
        }
    }

    /// How far the name at `index` reaches right of its band centre.
    ///
    /// - Parameter index: The category's position.
    /// - Returns: The overhang in points.
    func rightOverhang(at index: Int) -> Double {
        guard index < lines.count, index % stride == 0 else { return 0 }
        let width = lines[index].map { TextMetrics.width(of: $0, fontSize: size) }.max() ?? 0
        switch placement {
        case .horizontal: return width / 2
        case .diagonal: return cap / 2 * Self.diagonal
        case .vertical: return cap / 2
        }
    }

    /// The text marks of the names.
    ///
    /// - Parameters:
    ///   - centers: The band centres, one per name.
    ///   - top: The plot's lower edge (scene y), below which the names go.
    /// - Returns: The marks.
    func marks(centers: [Double], top: Double) -> [Mark] {
        var marks: [Mark] = []
        let gap = theme.tickLabelGap
        let fill = Paint.theme(.secondary)
        for (index, (center, text)) in zip(centers, lines).enumerated() where index % stride == 0 {
            switch placement {
            case .horizontal:
                for (row, line) in text.enumerated() {
                    let baseline = top + gap + cap + Double(row) * theme.lineHeight(size)
                    marks.append(
                        .label(line, at: Point(x: center, y: baseline), size: size, anchor: .middle, fill: fill))
                }
            case .diagonal:
                // The end of the baseline, moved so that the middle of the text's end sits under the centre.
                let position = Point(x: center + cap / 2 * Self.diagonal, y: top + gap + cap * Self.diagonal)
                let line = text.first ?? ""
                marks.append(.label(line, at: position, size: size, anchor: .end, rotation: -45, fill: fill))
            case .vertical:
                let position = Point(x: center + cap / 2, y: top + gap)
                let line = text.first ?? ""
                marks.append(.label(line, at: position, size: size, anchor: .end, rotation: -90, fill: fill))
            }
        }
        return marks
    }
}

/// Category names to the left of a vertical band axis: right-aligned, vertically centred on their bands,
/// shortened with "…" to a maximum width, and thinned to every `stride`-th when bands are too close.
struct LeftCategoryLabels: Sendable, Hashable {
    /// The names after shortening.
    var names: [String]
    /// Every `stride`-th name is written, from the first.
    var stride: Int
    /// Sizes and spacing.
    var theme: Theme

    /// Fits names to a width and band spacing.
    ///
    /// - Parameters:
    ///   - categories: The names.
    ///   - step: The distance between band centres.
    ///   - maxWidth: The widest a name may be.
    ///   - theme: Sizes and spacing.
    init(_ categories: [String], step: Double, maxWidth: Double, theme: Theme) {
        let size = theme.tickLabelSize
        self.theme = theme
        self.names = categories.map { TextMetrics.truncated($0, toWidth: maxWidth, fontSize: size) }
        self.stride = max(1, Int((size * 1.15 / max(step, 1e-9)).rounded(.up)))
    }

    /// The widest written name.
    var width: Double {
        names.enumerated().filter { $0.offset % stride == 0 }
            .map { TextMetrics.width(of: $0.element, fontSize: theme.tickLabelSize) }.max() ?? 0
    }

    /// The text marks.
    ///
    /// - Parameters:
    ///   - centers: The band centres (scene y), one per name.
    ///   - right: The x where the names end.
    /// - Returns: The marks.
    func marks(centers: [Double], right: Double) -> [Mark] {
        let size = theme.tickLabelSize
        return zip(centers, names).enumerated().compactMap { index, pair in
            guard index % stride == 0 else { return nil }
            let position = Point(x: right, y: pair.0 + size * TextMetrics.capHeight / 2)
            return .label(pair.1, at: position, size: size, anchor: .end, fill: .theme(.secondary))
        }
    }
}
