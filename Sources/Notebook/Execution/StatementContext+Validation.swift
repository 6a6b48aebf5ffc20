import CommonMark
import Foundation
import MLData
import MLLearn
import MLPlot

/// Cross-validation, hyperparameter search, learning curves and precision–recall curves.
extension StatementContext {
    /// A word or a list of words given to `label` (`metrics: [accuracy, f1]`, `metric: auc`).
    func words(_ label: String) -> [String]? {
        command.argument(label)?.value.listItems.map { $0.word ?? $0.sourceText }
    }

    /// A table of `frame` with every number shown to 4 decimals and integers as they are.
    func fixedTable(_ frame: DataFrame, note: String? = nil) -> TableOutput {
        TableOutput(
            columns: frame.columns.map { .init(name: $0.name, isNumeric: $0.doubles != nil) },
            rows: (0..<frame.rowCount).map { row in
                frame.columns.map { column -> String? in
                    switch column.storage {
                    case .number(let values):
                        values[row].isNaN ? nil : NumberFormatting.fixed(values[row], decimals: 4)
                    default:
                        column.string(at: row)
                    }
                }
            },
            note: note)
    }

    mutating func cv() throws -> Value {
        let (model, name) = try model(positional: 0)
        let (frame, frameName) = try frame("on")
        let folds = try integer("folds") ?? 5
        let seed = try seed(for: "cv \(name) on \(frameName)")
        let result = try engine(at: location("on")) {
            try crossValidate(model, on: frame, folds: folds, metrics: words("metrics") ?? [], seed: seed)
        }
        outputs += result.warnings.map { .warning("cv \(name): \($0)") }
        let table = try result.foldTable()
        var rows = fixedTable(table).rows
        // Two summary rows under the folds: the mean and the (population) standard deviation.
        let blank = [String?](repeating: nil, count: 2)
        rows.append(["mean"] + blank + result.means.map { NumberFormatting.fixed($0, decimals: 4) })
        rows.append(["± std"] + blank + result.standardDeviations.map { NumberFormatting.fixed($0, decimals: 4) })
        let stratified = result.stratified ? "stratified " : ""
        outputs.append(
            .table(
                labelled(
                    TableOutput(
                        columns: table.columns.map { .init(name: $0.name, isNumeric: $0.name != "fold") }, rows: rows,
                        note: "\(result.folds.count)-fold \(stratified)cross-validation of \(name) on \(frameName)"))))
        var metrics: [(String, Double)] = []
        for (index, metric) in result.metrics.enumerated() {
            metrics.append(("\(metric.name).mean", result.means[index]))
            metrics.append(("\(metric.name).std", result.standardDeviations[index]))
        }
        session.scores[name, default: []].append(("cv", metrics))
        return .frame(table)
    }

    mutating func tune() throws -> Value {
        let kind = try modelKind()
        let (frame, frameName) = try frame("on")
        let target = try column("target", in: frame)
        let fixed = try hyperparameters(of: kind)
        let strategy: SearchStrategy
        let parameters: [SearchParameter]
        let search = command.argument("search")?.value.word ?? "grid"
        if search == "random" {
            guard let space = command.argument("space") else {
                throw LocatedError("a random search needs 'space:' with the distributions", at: command.verb.location)
            }
            parameters = try searchParameters(space.value)
            strategy = .random(trials: try integer("trials") ?? 10)
        } else {
            guard let grid = command.argument("grid") else {
                throw LocatedError(
                    "'tune' needs 'grid:' with the values to try (or 'search: random' with 'space:')",
                    at: command.verb.location)
            }
            parameters = try searchParameters(grid.value)
            strategy = .grid
        }
        var prep: PipelineSpec?
        if let argument = command.argument("prep") {
            guard case .pipeline(let spec) = try session.evaluate(argument.value) else {
                throw LocatedError("'prep' must be a pipeline made with 'pipeline'", at: argument.value.location)
            }
            prep = spec
        }
        let what = command.targets.first.map { "tune \($0.name)" } ?? "tune \(kind.rawValue)"
        let seed = try seed(for: "\(what) on \(frameName)")
        let folds = try integer("cv") ?? 5
        let metric = words("metric")?.first
        let result: TuningResult
        do {
            result = try MLLearn.tune(
                kind, on: frame, target: target, parameters: parameters, strategy: strategy, hyperparameters: fixed,
                pipeline: prep, folds: folds, metric: metric, seed: seed)
        } catch let error as DataError {
            throw LocatedError(error.description, at: location("on"))
        } catch let error as LearnError {
            let label = command.argument("grid") != nil ? "grid" : command.argument("space") != nil ? "space" : "on"
            // Not `located(_:else:)`: the hyperparameters are in the grid, and a label of the same name
            // (`seed:`) is tune's own.
            throw LocatedError(error.description, at: location(label))
        }
        outputs += result.warnings.map { .warning("tune \(kind.rawValue): \($0)") }
        let winner = result.bestCandidate
        let chosen = winner.parameters.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        let how = if case .random(let trials) = strategy { "random search, \(trials) trials" } else { "grid search" }
        // Hyperparameters as the notebook writes them (0.01, none, sqrt); scores to 4 decimals.
        let parameterNames = winner.parameters.map(\.name)
        let metricName = result.metric.name
        let rows = result.candidates.enumerated().map { index, candidate -> [String?] in
            [String(index + 1)] + candidate.parameters.map { $0.value.description }
                + [candidate.mean, candidate.standardDeviation].map {
                    $0.isNaN ? nil : NumberFormatting.fixed($0, decimals: 4)
                } + [String(candidate.rank)]
        }
        outputs.append(
            .table(
                labelled(
                    TableOutput(
                        columns: [.init(name: "candidate", isNumeric: true)]
                            + parameterNames.map { .init(name: $0, isNumeric: false) }
                            + ["mean \(metricName)", "std \(metricName)", "rank"].map {
                                .init(name: $0, isNumeric: true)
                            },
                        rows: rows,
                        note: "\(how), \(result.folds)-fold cross-validated \(metricName); best: \(chosen) "
                            + "(candidate \(result.bestIndex + 1)), refitted on all of \(frameName)"))))
        if let name = command.targets.first?.name {
            session.scores[name, default: []].append(
                (
                    "cv",
                    [
                        ("\(result.metric.name).mean", winner.mean),
                        ("\(result.metric.name).std", winner.standardDeviation),
                    ]
                ))
        }
        outputs += result.best.warnings.map { .warning($0) }
        return .model(result.best)
    }

    /// The searched hyperparameters of a `grid:` or `space:` record.
    ///
    /// A list is a set of values, a call such as `loguniform(0.001, 1)` a distribution, anything else a single
    /// value. Bare words are words (`sqrt`).
    private func searchParameters(_ expression: Expression) throws -> [SearchParameter] {
        guard case .record(let fields) = expression.kind else {
            throw LocatedError(
                "expected a {name: values} record, such as {depth: [4, 8, none]}", at: expression.location)
        }
        return try fields.map { field in
            do {
                switch field.value.kind {
                case .call(let function, let arguments):
                    return SearchParameter(
                        field.label.name,
                        try HyperDistribution(
                            function: function.name, arguments: try arguments.map(searchValue),
                            parameter: field.label.name))
                default:
                    return SearchParameter(field.label.name, HyperDistribution(value: try searchValue(field.value)))
                }
            } catch let error as LearnError {
                throw LocatedError(error.description, at: field.value.location)
            }
        }
    }

    /// One value of a search space: numbers, words, true/false, none, lists of them, or a name bound to one.
    private func searchValue(_ expression: Expression) throws -> HyperValue {
        switch expression.kind {
        case .none: return .null
        case .list(let items): return .list(try items.map(searchValue))
        case .path(let parts) where parts.count == 1 && session.values[parts[0]] == nil && parts[0] != "params":
            return .string(parts[0])
        default:
            return try hyperValue(try session.evaluate(expression), at: expression.location)
        }
    }

    mutating func learningCurve() throws {
        let (model, name) = try model(positional: 0)
        let (frame, frameName) = try frame("on")
        let folds = try integer("folds") ?? 5
        let seed = try seed(for: "learning \(name) on \(frameName)")
        let result = try engine(at: location("on")) {
            try MLLearn.learningCurve(model, on: frame, folds: folds, metric: words("metric")?.first, seed: seed)
        }
        outputs += result.warnings.map { .warning("learning \(name): \($0)") }
        let sizes = result.trainSizes.map(Double.init)
        func band(_ means: [Double], _ spreads: [Double]) -> ([Double], [Double]) {
            (zip(means, spreads).map { $0 - $1 }, zip(means, spreads).map { $0 + $1 })
        }
        let (trainLow, trainHigh) = band(result.trainMeans, result.trainStandardDeviations)
        let (validLow, validHigh) = band(result.validationMeans, result.validationStandardDeviations)
        var title = try string("title")
        if title == nil && cell.options.caption == nil { title = "Learning curve of \(name)" }
        let figure = Charts.line(
            series: [
                LineSeries(name: "training", x: sizes, y: result.trainMeans, lower: trainLow, upper: trainHigh),
                LineSeries(
                    name: "cross-validation", x: sizes, y: result.validationMeans, lower: validLow, upper: validHigh),
            ], markers: true, xLabel: "Training rows", yLabel: result.metric.name, title: title)
        outputs.append(.figure(nextFigure(figure)))
    }

    mutating func precisionRecall() throws {
        var curves: [(name: String, recall: [Double], precision: [Double], averagePrecision: Double)] = []
        var baseline: Double?
        let models = try models()
        for (model, name) in models {
            for (label, positives, scores) in try oneVersusRest(model, name: name, several: models.count > 1) {
                let curve = PrecisionRecallCurve(positives: positives, scores: scores)
                curves.append((label, curve.recalls, curve.precisions, curve.averagePrecision))
                if model.task.classes.count == 2 {
                    baseline = Double(positives.filter { $0 }.count) / Double(max(1, positives.count))
                }
            }
        }
        let figure = Charts.precisionRecall(curves: curves, baseline: baseline, title: try string("title"))
        outputs.append(.figure(nextFigure(figure)))
    }
}
