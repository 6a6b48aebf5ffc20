import CommonMark
import Foundation
import MLData
import MLLearn
import MLPlot

/// Confusion matrices, ROC curves, residuals, predictions and projections.
extension StatementContext {
    /// The model named by positional argument `index`.
    func model(positional index: Int) throws -> (TrainedModel, String) {
        let expression = command.positional[index]
        guard case .model(let model) = try session.evaluate(expression) else {
            throw LocatedError("'\(expression.sourceText)' is not a model", at: expression.location)
        }
        return (model, expression.sourceText)
    }

    /// Every positional argument as a model.
    func models() throws -> [(TrainedModel, String)] {
        try command.positional.indices.map { try model(positional: $0) }
    }

    /// The rows of `on:` a supervised model can be scored on, with their predictions; warnings are shown.
    mutating func scored(_ model: TrainedModel, name: String) throws -> (ScoredRows, Prediction) {
        let (frame, setName) = try frame("on")
        guard model.kind.learning.isSupervised else {
            throw LocatedError(
                "'\(name)' is a \(model.kind.displayName) model and has no target to score", at: command.verb.location)
        }
        let (rows, prediction) = try engine(at: location("on")) {
            let rows = try ScoredRows(model, on: frame)
            return (rows, try model.predict(rows.frame))
        }
        outputs += rows.warnings.map { .warning("\(name) on \(setName): \($0)") }
        return (rows, prediction)
    }

    /// The error for a verb that needs a classifier, saying what `model` predicts instead.
    func notAClassifier(_ model: TrainedModel, name: String) -> LocatedError {
        let predicts =
            switch model.task {
            case .classification: "classes"
            case .regression: "numbers"
            case .clustering: "clusters (it is a \(model.kind.displayName) model, with no target)"
            case .projection: "coordinates (it is a \(model.kind.displayName) model, with no target)"
            }
        return LocatedError(
            "'\(command.verb.name)' needs a classifier; '\(name)' predicts \(predicts)", at: command.verb.location)
    }

    mutating func confusion() throws -> Value {
        let (model, name) = try model(positional: 0)
        guard case .classification(let classes) = model.task else {
            throw notAClassifier(model, name: name)
        }
        let (rows, prediction) = try scored(model, name: name)
        guard case .classes(let truth) = rows.truth else { preconditionFailure("a classifier has class targets") }
        let matrix = ConfusionMatrix(truth: truth, predicted: prediction.classIndices, classCount: classes.count)
        let normalize = command.argument("normalize")?.value.word ?? "none"
        let counts = matrix.counts.map { $0.map(Double.init) }
        let shown: [[Double]]
        switch normalize {
        case "true":
            shown = counts.map { row in
                let total = row.reduce(0, +)
                return row.map { total > 0 ? $0 / total : 0 }
            }
        case "pred":
            let totals = classes.indices.map { j in counts.reduce(0) { $0 + $1[j] } }
            shown = counts.map { row in row.indices.map { totals[$0] > 0 ? row[$0] / totals[$0] : 0 } }
        case "all":
            let total = Double(max(1, matrix.total))
            shown = counts.map { row in row.map { $0 / total } }
        default:
            shown = counts
        }
        let isShare = normalize != "none"
        let title = cell.options.caption == nil ? "Confusion matrix of \(name)" : nil
        let figure = Charts.heatmap(
            matrix: shown, rowLabels: classes, columnLabels: classes,
            valueFormat: isShare ? .decimals(2) : .automatic, xLabel: "Predicted", yLabel: "Actual",
            colorLabel: isShare ? "Share" : "Count", title: try string("title") ?? title)
        outputs.append(.figure(nextFigure(figure)))
        // The counts as a table: one row per actual class, one column per predicted class, and the recall.
        var columns = [Column(name: "actual", categories: classes)]
        for (j, predicted) in classes.enumerated() {
            columns.append(Column(name: predicted, numbers: counts.map { $0[j] }))
        }
        let table = try DataFrame(columns: columns)
        outputs.append(
            .table(
                labelled(
                    TableOutput(
                        columns: [.init(name: "actual ＼ predicted", isNumeric: false)]
                            + classes.map { .init(name: $0, isNumeric: true) },
                        rows: classes.indices.map { i in
                            [classes[i]] + matrix.counts[i].map { NumberFormatting.grouped($0) }
                        },
                        note: "\(NumberFormatting.grouped(matrix.total)) rows; rows are the actual classes"))))
        outputs.append(.table(classReport(ClassScores(matrix), classes: classes)))
        return .frame(table)
    }

    /// Precision, recall, F1 and support per class, then their macro and support-weighted averages, as
    /// scikit-learn's `classification_report`.
    private func classReport(_ scores: ClassScores, classes: [String]) -> TableOutput {
        let fixed = { (value: Double) in NumberFormatting.fixed(value, decimals: 4) }
        let total = NumberFormatting.grouped(scores.support.reduce(0, +))
        return TableOutput(
            columns: [.init(name: "class", isNumeric: false)]
                + ["precision", "recall", "F1", "support"].map { .init(name: $0, isNumeric: true) },
            rows: classes.indices.map { k in
                [
                    classes[k], fixed(scores.precision[k]), fixed(scores.recall[k]), fixed(scores.f1[k]),
                    NumberFormatting.grouped(scores.support[k]),
                ]
            } + [
                [
                    "macro average", fixed(scores.macroPrecision), fixed(scores.macroRecall), fixed(scores.macroF1),
                    total,
                ],
                [
                    "weighted average", fixed(scores.weightedPrecision), fixed(scores.weightedRecall),
                    fixed(scores.weightedF1), total,
                ],
            ],
            note: "per class: the class against the rest; support: its rows; weighted by support")
    }

    mutating func roc() throws {
        var curves: [(name: String, fpr: [Double], tpr: [Double], auc: Double)] = []
        let models = try models()
        for (model, name) in models {
            for (label, positives, scores) in try oneVersusRest(model, name: name, several: models.count > 1) {
                let curve = ROCCurve(positives: positives, scores: scores)
                curves.append((label, curve.falsePositiveRates, curve.truePositiveRates, curve.area))
            }
        }
        let figure = Charts.roc(curves: curves, title: try string("title"))
        outputs.append(.figure(nextFigure(figure)))
    }

    /// The curves to draw for `model`: for two classes, the positive class (`positive:`, default the second)
    /// against the other; for more, each class against the rest.
    mutating func oneVersusRest(_ model: TrainedModel, name: String, several: Bool) throws
        -> [(label: String, positives: [Bool], scores: [Double])]
    {
        guard case .classification(let classes) = model.task else {
            throw notAClassifier(model, name: name)
        }
        let (rows, prediction) = try scored(model, name: name)
        guard case .classes(let truth) = rows.truth, let probabilities = prediction.probabilities else {
            preconditionFailure("a classifier has class targets and probabilities")
        }
        var chosen = Array(classes.indices)
        if classes.count > 2, command.argument("positive") != nil {
            throw LocatedError(
                "'positive' picks one class of two, but '\(name)' has \(classes.count) classes; "
                    + "each is drawn against the rest", at: location("positive"))
        }
        if classes.count == 2 {
            var positive = 1
            if let wanted = try string("positive") {
                guard let index = classes.firstIndex(of: wanted) else {
                    throw LocatedError(
                        withSuggestion("'\(name)' has no class '\(wanted)'", for: wanted, among: classes),
                        at: location("positive"))
                }
                positive = index
            }
            chosen = [positive]
        }
        return chosen.map { k in
            let label: String
            if classes.count == 2 {
                label = several ? name : "\(name): \(classes[k])"
            } else {
                label = several ? "\(name): \(classes[k]) vs rest" : "\(classes[k]) vs rest"
            }
            return (label, truth.map { $0 == k }, probabilities.column(k))
        }
    }

    mutating func residuals() throws {
        let (model, name) = try model(positional: 0)
        guard case .regression = model.task else {
            throw LocatedError(
                "'residuals' needs a regression model; '\(name)' is a \(model.kind.displayName) "
                    + "(use confusion or roc for classifiers)", at: command.verb.location)
        }
        let (rows, prediction) = try scored(model, name: name)
        guard case .values(let truth) = rows.truth else { preconditionFailure("regression has numeric targets") }
        let residuals = zip(truth, prediction.values).map { $0 - $1 }
        var title = try string("title")
        if title == nil && cell.options.caption == nil { title = "Residuals of \(name)" }
        let figure = Charts.scatter(
            x: prediction.values, y: residuals, xLabel: "Predicted \(model.target)",
            yLabel: "Residual (actual − predicted)", title: title)
        outputs.append(.figure(nextFigure(figure)))
    }

    mutating func predict() throws -> Value {
        let (model, name) = try model(positional: 0)
        let (frame, _) = try frame("on")
        let prediction = try engine(at: location("on")) { try model.predict(frame) }
        var result = frame
        try engine(at: location("on")) {
            switch model.task {
            case .classification(let classes):
                result = try result.adding(Column(name: "prediction", categories: prediction.labels))
                if let probabilities = prediction.probabilities {
                    for (k, label) in classes.enumerated() {
                        result = try result.adding(Column(name: "p_\(label)", numbers: probabilities.column(k)))
                    }
                }
            case .regression:
                result = try result.adding(Column(name: "prediction", numbers: prediction.values))
            case .clustering:
                result = try result.adding(
                    Column(name: "cluster", categories: prediction.clusters.map { "c\($0 + 1)" }))
            case .projection:
                throw LearnError(.unsupportedTarget, "'\(name)' is a projection; use 'project d, with: \(name)'")
            }
        }
        outputs.append(.text("predicted \(NumberFormatting.grouped(frame.rowCount)) rows with \(name)"))
        return .frame(result)
    }

    mutating func project() throws -> Value {
        let (frame, frameName) = try frame(positional: 0)
        guard let argument = command.argument("with"), case .model(let model) = try session.evaluate(argument.value)
        else {
            throw LocatedError("'project' needs 'with:' and a model made with 'fit pca'", at: command.verb.location)
        }
        guard case .projection = model.task else {
            throw LocatedError(
                "'\(argument.value.sourceText)' is a \(model.kind.displayName); 'project' needs one made with 'fit pca'",
                at: argument.value.location)
        }
        let prediction = try engine(at: location("with")) { try model.predict(frame) }
        guard let coordinates = prediction.projection else { preconditionFailure("a projection has coordinates") }
        var columns = (0..<coordinates.columns).map { Column(name: "PC\($0 + 1)", numbers: coordinates.column($0)) }
        var target: String?
        if let name = frame.target ?? (model.target.isEmpty ? nil : model.target),
            let column = try? frame.column(name)
        {
            columns.append(column)
            target = name
        }
        let result = try engine(at: location("with")) { try DataFrame(columns: columns, target: target) }
        outputs.append(
            .text(
                "projected \(frameName) (\(NumberFormatting.grouped(frame.rowCount)) rows) onto "
                    + "\(coordinates.columns) components"))
        return .frame(result)
    }
}
