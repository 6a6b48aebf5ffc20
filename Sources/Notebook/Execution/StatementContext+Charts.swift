import CommonMark
import Foundation
import MLData
import MLLearn
import MLPlot

/// Charts.
extension StatementContext {
    mutating func histogram() throws {
        let (frame, _) = try frame(positional: 0)
        guard let x = try column("x", in: frame) else {
            throw LocatedError("'histogram' needs 'x:' with a numeric column", at: command.verb.location)
        }
        let data = try frame.column(x)
        guard let values = data.doubles, data.type != .boolean else {
            throw LocatedError(
                "'histogram' needs a numeric column, but '\(x)' is \(data.type.rawValue)", at: location("x"))
        }
        var series: [(name: String, values: [Double])] = []
        var title = try string("title")
        let by = try column("by", in: frame)
        if let by {
            let groups = try frame.column(by)
            var order: [String] = []
            var buckets: [String: [Double]] = [:]
            for row in 0..<frame.rowCount {
                guard let key = groups.string(at: row) else { continue }
                if buckets[key] == nil { order.append(key) }
                buckets[key, default: []].append(values[row])
            }
            if case .category(_, let levels) = groups.storage { order = levels.filter { buckets[$0] != nil } }
            series = order.map { ($0, buckets[$0] ?? []) }
            // A caption already says what the figure shows; without one, a title does.
            if title == nil && cell.options.caption == nil { title = "\(x) by \(by)" }
        } else {
            series = [(x, values)]
        }
        let bins: BinRule
        if let count = try integer("bins") {
            guard (1...1000).contains(count) else {
                throw LocatedError("'bins' must be between 1 and 1000", at: location("bins"))
            }
            bins = .count(count)
        } else {
            bins = .auto
        }
        let stacked = try bool("stacked") ?? false
        let figure = Charts.histogram(
            series: series, bins: bins, xLabel: x, yLabel: "Count", title: title, legendTitle: by, stacked: stacked)
        outputs.append(.figure(nextFigure(figure)))
    }

    /// The rows of `frame` split by the category column `by`, in level order.
    private func groups(of frame: DataFrame, by name: String) throws -> (labels: [String?], order: [String]) {
        let column = try frame.column(name)
        let labels = (0..<frame.rowCount).map { column.string(at: $0) }
        let order: [String]
        if case .category(_, let levels) = column.storage {
            order = levels
        } else {
            var seen = Set<String>()
            order = labels.compactMap { $0 }.filter { seen.insert($0).inserted }.sorted()
        }
        return (labels, order)
    }

    /// The values of numeric column `name`, or an error at argument `label` naming its type.
    private func numbers(_ frame: DataFrame, _ name: String, label: String) throws -> [Double] {
        let data = try frame.column(name)
        guard let values = data.doubles, data.type == .number || data.type == .integer else {
            throw LocatedError(
                "'\(name)' is \(data.type.rawValue); this chart needs a numeric column", at: location(label))
        }
        return values
    }

    mutating func box() throws {
        let (frame, _) = try frame(positional: 0)
        guard let names = try columns("y", in: frame) else {
            throw LocatedError("'box' needs 'y:' with one or more numeric columns", at: command.verb.location)
        }
        let series = try names.map { (name: $0, values: try numbers(frame, $0, label: "y")) }
        var grouping: (labels: [String?], order: [String])?
        let by = try column("by", in: frame)
        if let by { grouping = try groups(of: frame, by: by) }
        var title = try string("title")
        if title == nil && cell.options.caption == nil, let by { title = "\(names.joined(separator: ", ")) by \(by)" }
        let figure = Charts.box(
            series: series, groups: grouping?.labels, groupOrder: grouping?.order,
            valueLabel: names.count == 1 ? names[0] : "", groupLabel: by, title: title)
        outputs.append(.figure(nextFigure(figure)))
    }

    mutating func bar() throws {
        let (frame, _) = try frame(positional: 0)
        guard let x = try column("x", in: frame) else {
            throw LocatedError("'bar' needs 'x:' with a category column", at: command.verb.location)
        }
        let (labels, order) = try groups(of: frame, by: x)
        var title = try string("title")
        let figure: Figure
        if let y = try column("y", in: frame) {
            let values = try numbers(frame, y, label: "y")
            var sums = [String: (Double, Int)]()
            for (row, label) in labels.enumerated() {
                guard let label, !values[row].isNaN else { continue }
                sums[label, default: (0, 0)].0 += values[row]
                sums[label, default: (0, 0)].1 += 1
            }
            let present = order.filter { sums[$0] != nil }
            let means = present.map { sums[$0].map { $0.0 / Double($0.1) } ?? .nan }
            if title == nil && cell.options.caption == nil { title = "Mean \(y) by \(x)" }
            figure = Charts.bar(
                categories: present, values: means, valueLabel: "Mean \(y)", categoryLabel: x, title: title)
        } else if let by = try column("by", in: frame) {
            let (inner, innerOrder) = try groups(of: frame, by: by)
            var counts = [String: [String: Int]]()
            for (label, group) in zip(labels, inner) {
                guard let label, let group else { continue }
                counts[group, default: [:]][label, default: 0] += 1
            }
            let series = innerOrder.map { group in
                (name: group, values: order.map { Double(counts[group]?[$0] ?? 0) })
            }
            if title == nil && cell.options.caption == nil { title = "\(x) by \(by)" }
            figure = Charts.bar(categories: order, series: series, categoryLabel: x, title: title, legendTitle: by)
        } else {
            var counts = [String: Int]()
            for label in labels { if let label { counts[label, default: 0] += 1 } }
            figure = Charts.bar(
                categories: order, values: order.map { Double(counts[$0] ?? 0) }, categoryLabel: x, title: title)
        }
        outputs.append(.figure(nextFigure(figure)))
    }

    mutating func correlation() throws -> Value {
        let (frame, _) = try frame(positional: 0)
        let method = command.argument("method")?.value.word.flatMap(CorrelationMethod.init(rawValue:)) ?? .pearson
        let names = try columns("columns", in: frame)
        let top = try integer("top") ?? 10
        let matrix = try engine(at: command.verb.location) { try frame.correlation(method: method, columns: names) }
        let title = cell.options.caption == nil ? "\(method == .pearson ? "Pearson" : "Spearman") correlation" : nil
        let figure = Charts.heatmap(
            matrix: matrix.values, rowLabels: matrix.columns, columnLabels: matrix.columns, scale: .correlation,
            valueFormat: .decimals(2), colorLabel: "r", title: title)
        outputs.append(.figure(nextFigure(figure)))
        let strongest = Array(matrix.strongestPairs.prefix(max(0, top)))
        let pairs = try DataFrame(columns: [
            Column(name: "first", categories: strongest.map(\.first)),
            Column(name: "second", categories: strongest.map(\.second)),
            Column(name: "r", numbers: strongest.map { $0.value.isNaN ? nil : $0.value }),
            Column(name: "rows", numbers: strongest.map { Double($0.rows) }),
        ])
        let table = TableOutput(
            columns: [
                .init(name: "first", isNumeric: false), .init(name: "second", isNumeric: false),
                .init(name: "r", isNumeric: true), .init(name: "rows", isNumeric: true),
            ],
            rows: strongest.map { pair in
                [
                    pair.first, pair.second, pair.value.isNaN ? nil : NumberFormatting.fixed(pair.value, decimals: 3),
                    NumberFormatting.grouped(pair.rows),
                ]
            })
        outputs.append(.table(labelled(table)))
        return .frame(pairs)
    }

    mutating func scatter() throws {
        let (frame, _) = try frame(positional: 0)
        guard let x = try column("x", in: frame), let y = try column("y", in: frame) else {
            throw LocatedError("'scatter' needs 'x:' and 'y:' with numeric columns", at: command.verb.location)
        }
        // Points are drawn group by group in level order, so every chart of a notebook gives a
        // category the same palette colour (the scatter colours groups by first appearance).
        var rows = Array(0..<frame.rowCount)
        var color: ScatterColor?
        let colorName = try column("color", in: frame)
        if let colorName {
            let data = try frame.column(colorName)
            if data.type == .number || data.type == .integer, let values = data.doubles {
                color = .values(values)
            } else {
                let (labels, order) = try groups(of: frame, by: colorName)
                let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                let key = labels.map { label in label.flatMap { rank[$0] } ?? order.count }
                rows.sort { (key[$0], $0) < (key[$1], $1) }
                color = .categories(rows.map { labels[$0] ?? "missing" })
            }
        }
        let xs = try numbers(frame, x, label: "x")
        let ys = try numbers(frame, y, label: "y")
        let sizeName = try column("size", in: frame)
        let sizes = try sizeName.map { try numbers(frame, $0, label: "size") }
        let log = command.argument("log")?.value.word ?? ""
        var title = try string("title")
        if title == nil && cell.options.caption == nil { title = "\(y) against \(x)" }
        if case .values(let values)? = color { color = .values(rows.map { values[$0] }) }
        let figure = Charts.scatter(
            x: rows.map { xs[$0] }, y: rows.map { ys[$0] }, color: color, size: sizes.map { s in rows.map { s[$0] } },
            xLabel: x, yLabel: y, colorLabel: colorName ?? "",
            sizeLabel: sizeName ?? "", title: title, logX: log.contains("x"), logY: log.contains("y"))
        outputs.append(.figure(nextFigure(figure)))
    }

    mutating func line() throws {
        let (frame, _) = try frame(positional: 0)
        guard let x = try column("x", in: frame), let names = try columns("y", in: frame) else {
            throw LocatedError("'line' needs 'x:' and 'y:' with numeric columns", at: command.verb.location)
        }
        let xs = try numbers(frame, x, label: "x")
        let order = xs.indices.filter { !xs[$0].isNaN }.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
        var series: [(name: String, x: [Double], y: [Double])] = []
        let by = try column("by", in: frame)
        for name in names {
            let ys = try numbers(frame, name, label: "y")
            if let by {
                let (labels, groups) = try groups(of: frame, by: by)
                for group in groups {
                    let rows = order.filter { labels[$0] == group }
                    guard !rows.isEmpty else { continue }
                    let label = names.count == 1 ? group : "\(name), \(group)"
                    series.append((label, rows.map { xs[$0] }, rows.map { ys[$0] }))
                }
            } else {
                series.append((name, order.map { xs[$0] }, order.map { ys[$0] }))
            }
        }
        let log = command.argument("log")?.value.word ?? ""
        let title = try string("title")
        let figure = Charts.line(
            series: series, xLabel: x, yLabel: names.count == 1 ? names[0] : "", title: title, legendTitle: by,
            logX: log.contains("x"), logY: log.contains("y"))
        outputs.append(.figure(nextFigure(figure)))
    }
}
