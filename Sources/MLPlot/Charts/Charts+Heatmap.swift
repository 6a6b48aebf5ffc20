extension Charts {
    /// The largest side of a heat-map cell; beyond it the figure gets shorter instead of the cells bigger.
    private static let maxCellSide = 110.0
    /// The smallest font size for values written in cells; below it values are left out.
    private static let minCellFontSize = 7.0

    /// Draws a matrix as a grid of coloured cells, such as a confusion matrix or a correlation matrix.
    ///
    /// Each cell is coloured by `scale` (fitted to the finite values when it has no domain) and, when the text
    /// fits, shows its value, in white on dark cells and black on light ones (whichever contrasts more; see
    /// ``ColorScale``). Cells are square, as large as the figure allows; when the width limits them, the figure
    /// is made shorter rather than leaving a band of empty space. Row names go on the left (first row at the
    /// top), column names underneath (rotated and shortened when long), and a colour bar with the scale's ticks
    /// on the right. A NaN cell is drawn in the grid colour with a dash.
    ///
    /// Use ``ColorScale/viridis`` (the default) for counts and other one-signed values, and
    /// ``ColorScale/correlation`` (or ``ColorScale/diverging(center:domain:)``) for signed values.
    ///
    /// - Parameters:
    ///   - matrix: The rows of values; short rows are padded with NaN to the number of column labels.
    ///   - rowLabels: The row names, top to bottom; missing names are numbered from 1.
    ///   - columnLabels: The column names, left to right; missing names are numbered from 1.
    ///   - scale: The colour scale.
    ///   - valueFormat: How values are written in cells.
    ///   - xLabel: The title under the column names (such as "Predicted"), or empty.
    ///   - yLabel: The title beside the row names (such as "Actual"), or empty.
    ///   - colorLabel: The colour bar's title (such as "Count"), or empty.
    ///   - title: A title drawn above the chart, or `nil`.
    ///   - width: The figure width in points.
    ///   - height: The largest figure height in points.
    /// - Returns: The figure.
    public static func heatmap(
        matrix: [[Double]],
        rowLabels: [String],
        columnLabels: [String],
        scale: ColorScale = .viridis,
        valueFormat: ValueFormat = .automatic,
        xLabel: String = "",
        yLabel: String = "",
        colorLabel: String = "",
        title: String? = nil,
        width: Double = defaultWidth,
        height: Double = defaultHeight
    ) -> Figure {
        let rowCount = max(matrix.count, rowLabels.count)
        let columnCount = max(matrix.map(\.count).max() ?? 0, columnLabels.count)
        let rows = (0..<rowCount).map { $0 < rowLabels.count ? rowLabels[$0] : String($0 + 1) }
        let columns = (0..<columnCount).map { $0 < columnLabels.count ? columnLabels[$0] : String($0 + 1) }
        let cells = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                row < matrix.count && column < matrix[row].count ? matrix[row][column] : .nan
            }
        }
        let finite = cells.joined().filter(\.isFinite)
        let scale = scale.fitted(to: finite)
        let format = valueFormat.formatter(for: finite)
        var label = "Heatmap"
        if !yLabel.isEmpty && !xLabel.isEmpty { label += " of \(yLabel) by \(xLabel)" }

        let layout = HeatmapLayout(
            width: width, maxHeight: height, title: title, rows: rows, columns: columns, xLabel: xLabel,
            yLabel: yLabel,
            colorBar: ColorBar(
                scale: scale, title: colorLabel,
                integerTicks: !finite.isEmpty && finite.allSatisfy { $0 == $0.rounded() }
            )
        )
        let side = layout.side
        let texts = cells.joined().map { $0.isFinite ? format($0) : "–" }
        let fontSize = cellFontSize(texts, side: side)

        let canvas = Rect(x: 0, y: 0, width: width, height: layout.height)
        var marks: [Mark] = [.rect(RectMark(canvas, style: .filled(.theme(.background))))]
        var cellMarks: [Mark] = []
        var valueMarks: [Mark] = []
        let inset = side >= 20 ? 0.5 : 0  // hairline gaps would only add noise to small cells
        for (row, values) in cells.enumerated() {
            for (column, value) in values.enumerated() {
                let rect = Rect(
                    x: layout.grid.x + Double(column) * side + inset, y: layout.grid.y + Double(row) * side + inset,
                    width: side - 2 * inset, height: side - 2 * inset
                )
                let text = value.isFinite ? format(value) : "–"
                var place = "\(rows[row]), \(columns[column])"
                if !yLabel.isEmpty && !xLabel.isEmpty {
                    place = "\(yLabel) \(rows[row]), \(xLabel) \(columns[column])"
                }
                let color = scale.color(for: value)
                let fill: Paint = value.isFinite ? .color(color) : .theme(.grid)
                cellMarks.append(.rect(RectMark(rect, style: .filled(fill), tooltip: "\(place): \(text)")))
                if let fontSize {
                    let ink: Paint = value.isFinite ? .color(color.contrastingText) : .theme(.secondary)
                    let baseline = rect.midY + fontSize * TextMetrics.capHeight / 2
                    valueMarks.append(
                        .label(text, at: Point(x: rect.midX, y: baseline), size: fontSize, anchor: .middle, fill: ink)
                    )
                }
            }
        }
        marks.append(.group(GroupMark(name: "cells", marks: cellMarks)))
        if !valueMarks.isEmpty { marks.append(.group(GroupMark(name: "values", marks: valueMarks))) }
        marks += layout.overlay

        var description = "\(label): \(rowCount) × \(columnCount) cells"
        if !yLabel.isEmpty { description += ", rows \(yLabel)" }
        if !xLabel.isEmpty { description += ", columns \(xLabel)" }
        if let domain = scale.domain {
            description += ", coloured \(scale.name) from \(NumberFormatting.general(domain.lowerBound))"
            description += " to \(NumberFormatting.general(domain.upperBound))"
            if let center = scale.center { description += " (centre \(NumberFormatting.general(center)))" }
        }
        description += "."
        let lines = cells.enumerated().map { row, values in
            "\(rows[row]): " + values.map { $0.isFinite ? format($0) : "missing" }.joined(separator: ", ")
        }
        if rowCount > 0 && columnCount > 0 {
            description += " Row by row (columns " + listed(columns, limit: 12) + "): "
            description += listed(lines, limit: 12, separator: "; ") + "."
        }
        if fontSize == nil && !finite.isEmpty { description += " The cells are too small to show their values." }
        return Figure(
            width: width, height: layout.height, title: title, label: label, description: description,
            scene: Scene(marks: marks)
        )
    }

    /// The largest font size, up to 2 points above the tick labels' and about a third of the cell, at which every
    /// text fits a cell; `nil` when that is below ``minCellFontSize``.
    private static func cellFontSize(_ texts: [String], side: Double) -> Double? {
        let theme = Theme.standard
        var size = min(theme.tickLabelSize + 2, (side * 0.34).rounded(.down))
        let room = side - 6
        while size >= minCellFontSize {
            if texts.allSatisfy({ TextMetrics.width(of: $0, fontSize: size) <= room }) { return size }
            size -= 0.5
        }
        return nil
    }

    /// The geometry and chrome of a heat map: title, axis titles, row and column names, grid and colour bar.
    private struct HeatmapLayout {
        /// The figure's height (at most the requested height).
        var height: Double
        /// The top-left corner of the grid.
        var grid: Point
        /// The side of a cell.
        var side: Double
        /// Titles, names and colour bar.
        var overlay: [Mark]

        init(
            width: Double, maxHeight: Double, title: String?, rows: [String], columns: [String], xLabel: String,
            yLabel: String, colorBar: ColorBar
        ) {
            let theme = Theme.standard
            let pad = theme.padding
            let (headerBottom, header) = headerMarks(width: width, title: title, legend: nil, theme: theme)
            let top = headerBottom.rounded() + 4
            let titleSize = theme.axisTitleSize
            let titleExtent = theme.axisTitleGap + titleSize * (TextMetrics.capHeight + TextMetrics.descent)
            let yTitleExtent = yLabel.isEmpty ? 0 : titleExtent
            let xTitleExtent = xLabel.isEmpty ? 0 : titleExtent
            let rowCount = Double(max(rows.count, 1))
            let columnCount = Double(max(columns.count, 1))
            let barGap = 18.0

            // Row names get at most 30 % of the width; column names at most 30 % of the height below the grid.
            var side = 10.0
            var rowNames = LeftCategoryLabels(rows, step: side, maxWidth: width * 0.3, theme: theme)
            var columnNames = BottomCategoryLabels(columns, step: side, maxExtent: maxHeight * 0.3, theme: theme)
            var barWidth = colorBar.width(height: maxHeight - top - pad)
            for _ in 0..<3 {
                let left = pad + yTitleExtent + rowNames.width + theme.tickLabelGap + 2
                let availableWidth = width - pad - left - barGap - barWidth
                let availableHeight = maxHeight - pad - top - columnNames.extent - xTitleExtent
                side = max(min(availableWidth / columnCount, availableHeight / rowCount, maxCellSide), 4)
                side = (side * 4).rounded(.down) / 4
                rowNames = LeftCategoryLabels(rows, step: side, maxWidth: width * 0.3, theme: theme)
                columnNames = BottomCategoryLabels(columns, step: side, maxExtent: maxHeight * 0.3, theme: theme)
                barWidth = colorBar.width(height: side * rowCount)
            }
            let gridWidth = side * columnCount
            let gridHeight = side * rowCount
            // Centre the block (titles, names, grid, colour bar) across the figure.
            let blockLeft = yTitleExtent + rowNames.width + theme.tickLabelGap + 2
            let blockWidth = blockLeft + gridWidth + barGap + barWidth
            let offset = max(pad, ((width - blockWidth) / 2).rounded())
            var gridX = offset + blockLeft
            // Rotated column names may reach left of the first column; keep them inside the figure.
            let firstReach = columnNames.leftOverhang(at: 0) - side / 2
            gridX = max(gridX, (pad / 3 + firstReach).rounded(.up))
            let grid = Point(x: gridX.rounded(), y: top)

            var overlay = header
            var axisMarks = rowNames.marks(
                centers: rows.indices.map { grid.y + (Double($0) + 0.5) * side },
                right: grid.x - theme.tickLabelGap - 2
            )
            let columnCenters = columns.indices.map { grid.x + (Double($0) + 0.5) * side }
            axisMarks += columnNames.marks(centers: columnCenters, top: grid.y + gridHeight)
            if !yLabel.isEmpty {
                let x =
                    grid.x - theme.tickLabelGap - 2 - rowNames.width - theme.axisTitleGap
                    - titleSize * TextMetrics.descent
                let text = TextMetrics.truncated(yLabel, toWidth: gridHeight, fontSize: titleSize)
                axisMarks.append(
                    .label(
                        text, at: Point(x: x, y: grid.y + gridHeight / 2), size: titleSize, anchor: .middle,
                        rotation: -90)
                )
            }
            var bottom = grid.y + gridHeight + columnNames.extent
            if !xLabel.isEmpty {
                let baseline = bottom + theme.axisTitleGap + titleSize * TextMetrics.capHeight
                let text = TextMetrics.truncated(xLabel, toWidth: max(gridWidth, 120), fontSize: titleSize)
                axisMarks.append(
                    .label(text, at: Point(x: grid.x + gridWidth / 2, y: baseline), size: titleSize, anchor: .middle)
                )
                bottom += xTitleExtent
            }
            overlay.append(.group(GroupMark(name: "axes", marks: axisMarks)))
            overlay += colorBar.marks(x: grid.x + gridWidth + barGap, top: grid.y, height: gridHeight)

            self.height = min(maxHeight, (bottom + pad).rounded(.up))
            self.grid = grid
            self.side = side
            self.overlay = overlay
        }
    }
}
