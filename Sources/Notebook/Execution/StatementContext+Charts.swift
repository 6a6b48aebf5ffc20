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
        if let by = try column("by", in: frame) {
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
        let figure = Charts.histogram(series: series, bins: bins, xLabel: x, yLabel: "Count", title: title)
        outputs.append(.figure(nextFigure(figure)))
    }
}
