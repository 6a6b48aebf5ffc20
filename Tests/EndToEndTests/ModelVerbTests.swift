import Foundation
import Testing

/// A folder holding `nb.md` with `code` in one block and copies of the iris, diabetes and breast-cancer data.
private func project(_ code: String) throws -> URL {
    let folder = try temporaryFolder("models")
    let notebook = "---\ntitle: Models\n---\n\n# Test\n\n```swiftml\n\(code)\n```\n"
    try notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let data = packageRoot.appendingPathComponent("notebooks/data")
    for name in ["iris.csv", "diabetes.csv", "breast_cancer.csv"] {
        try FileManager.default.copyItem(at: data.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

/// Renders to Markdown and returns (status, stderr, report text, SVG files written).
private func render(_ code: String) throws -> (status: Int32, stderr: String, report: String, figures: [String]) {
    let folder = try project(code)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try swiftml(["render", "nb.md", "-o", "out", "--to", "md", "--quiet"], in: folder)
    let report = (try? String(contentsOf: folder.appendingPathComponent("out/nb.md"), encoding: .utf8)) ?? ""
    let figureFolder = folder.appendingPathComponent("out/nb_files")
    let figures = (try? FileManager.default.contentsOfDirectory(atPath: figureFolder.path))?.sorted() ?? []
    let svgs = try figures.map { try String(contentsOf: figureFolder.appendingPathComponent($0), encoding: .utf8) }
    return (result.status, result.stderr, report, svgs)
}

@Suite(.serialized) struct ModelVerbTests {
    @Test func confusionMatrixCountsEveryTestRow() throws {
        let (status, stderr, report, figures) = try render(
            """
            d = load "iris.csv", target: "species"
            train, test = split d, test: 0.3, stratify: true, seed: 1
            lr = fit logistic, on: train
            confusion lr, on: test
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("| actual ＼ predicted | setosa | versicolor | virginica |"))
        // 45 test rows, 15 of each species (stratified); setosa is always recognised.
        #expect(report.contains("| setosa | 15 | 0 | 0 |"))
        #expect(report.contains("45 rows; rows are the actual classes"))
        #expect(figures.count == 1 && figures[0].contains("Predicted") && figures[0].contains("Actual"))
    }

    /// The keywords none / true are the choices of those names, bare as quoted; per-class and weighted metrics
    /// are reachable through `evaluate … metrics:`, inline values and the report under the confusion matrix.
    @Test func bareKeywordChoicesAndPerClassMetrics() throws {
        let (status, stderr, report, _) = try render(
            """
            d = load "iris.csv", target: "species"
            train, test = split d, test: 0.3, stratify: true, seed: 1
            lr = fit logistic, on: train, penalty: none, C: 0.01
            l2 = fit logistic, on: train, C: 0.01
            raw = pipeline scale: none
            unscaled = fit logistic, on: train, prep: raw
            confusion l2, on: train, normalize: true
            evaluate l2, on: train, metrics: [accuracy, f1_weighted, recall.versicolor]
            show "weighted F1", l2.train.f1_weighted
            show "virginica recall", l2.train.recall.virginica
            show "penalty", lr.params.penalty
            b = load "breast_cancer.csv", target: "diagnosis"
            gb = fit boosting, on: b, leaves: none, depth: 2, validation: none, rounds: 5
            show "leaves", gb.params.leaves
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("| versicolor | 0 | 25 | 10 |") && report.contains("| virginica | 0 | 1 | 34 |"))
        // scikit-learn 1.9.1 classification_report(t, p, digits=4), with t and p spelled out from those counts:
        // versicolor 0.9615 / 0.7143 / 0.8197, virginica 0.7727 / 0.9714 / 0.8608, weighted avg F1 0.8935.
        #expect(report.contains("| versicolor | 0.9615 | 0.7143 | 0.8197 | 35 |"))
        #expect(report.contains("| virginica | 0.7727 | 0.9714 | 0.8608 | 35 |"))
        #expect(report.contains("| weighted average | 0.9114 | 0.8952 | 0.8935 | 105 |"))
        #expect(report.contains("| model | accuracy | f1\\_weighted | recall.versicolor |"))
        #expect(report.contains("| l2 | 0.8952 | 0.8935 | 0.7143 |"))
        #expect(report.contains("| **0.8935** | **0.9714** | **none** |"))
        #expect(report.contains("| leaves |\n|---:|\n| **none** |"))
        // `pipeline scale: none` scales nothing (it was read as the default, standard scaling).
        #expect(report.contains("pipeline: impute: median, scale: none, encode: onehot"))
    }

    /// The over-fitting warning compares the training score with the others whatever `metrics:` shows.
    @Test func overfittingIsWarnedWhateverMetricsAreShown() throws {
        let (status, stderr, report, _) = try render(
            """
            d = load "diabetes.csv", target: "progression"
            train, test = split d, test: 0.3, seed: 1
            t = fit tree, on: train
            evaluate t, on: [train, test], metrics: [mae]
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("| model | data | mae |"))
        // A fully grown tree fits its training rows exactly (R² 1.000) and generalises far worse.
        #expect(report.contains("t: r2 is 1.000 on train but"))
    }

    @Test func rocCurvesNameEachClassAgainstTheRest() throws {
        let (status, stderr, _, figures) = try render(
            """
            d = load "iris.csv", target: "species"
            train, test = split d, test: 0.3, stratify: true, seed: 1
            lr = fit logistic, on: train
            roc lr, on: test
            """)
        #expect(status == 0, "\(stderr)")
        let svg = try #require(figures.first)
        for name in ["setosa vs rest", "versicolor vs rest", "virginica vs rest"] { #expect(svg.contains(name)) }
    }

    @Test func binaryROCUsesTheChosenPositiveClass() throws {
        let (status, stderr, _, figures) = try render(
            """
            d = load "breast_cancer.csv", target: "diagnosis"
            train, test = split d, test: 0.2, stratify: true, seed: 42
            lr = fit logistic, on: train
            roc lr, on: test, positive: "benign"
            """)
        #expect(status == 0, "\(stderr)")
        let svg = try #require(figures.first)
        #expect(svg.contains("lr: benign (AUC = "))
    }

    @Test func predictAddsThePredictionAndOneProbabilityPerClass() throws {
        let (status, stderr, report, _) = try render(
            """
            d = load "iris.csv", target: "species"
            lr = fit logistic, on: d
            p = predict lr, on: d
            head p, rows: 2
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("| species | prediction | p\\_setosa | p\\_versicolor | p\\_virginica |"))
        #expect(report.contains("150 rows × 9 columns"))
    }

    @Test func crossValidationTuningAndLearningCurves() throws {
        let (status, stderr, report, figures) = try render(
            """
            d = load "breast_cancer.csv", target: "diagnosis"
            train, test = split d, test: 0.2, stratify: true, seed: 42
            lr = fit logistic, on: train
            cv lr, on: train, folds: 4, metrics: [accuracy, f1]
            best = tune logistic, on: train, grid: {C: [0.1, 1]}, cv: 3, metric: auc
            learning lr, on: train, folds: 3
            pr lr, best, on: test
            show "cv", lr.cv.f1.mean
            show "C", best.params.C
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("| fold | train rows | test rows | accuracy | f1 |"))
        #expect(report.contains("*4-fold stratified cross-validation of lr on train*"))
        #expect(report.contains("| candidate | C | mean auc | std auc | rank |"))
        #expect(report.contains("grid search, 3-fold cross-validated auc; best: C = "))
        #expect(figures.count == 2)
        #expect(figures.contains { $0.contains("Learning curve of lr") && $0.contains("cross-validation") })
        #expect(figures.contains { $0.contains("lr (AP = ") && $0.contains("best (AP = ") })
        #expect(report.contains("tune best on train: seed 42"))
    }

    @Test(arguments: [
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit forrest, on: d", "nb.md:9:9: error: ",
            "did you mean 'forest'?"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit logistic, on: d, C: -1",
            "nb.md:9:29: error: ", "C must be a positive number, got -1"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit logistic, on: d, cc: 1",
            "nb.md:9:26: error: ", "did you mean 'C'?"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit logistic, on: d\nresiduals m, on: d",
            "nb.md:10:1: error: ", "'residuals' needs a regression model"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit logistic, on: d\np = project d, with: m",
            "nb.md:10:22: error: ", "'project' needs one made with 'fit pca'"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nm = fit logistic, on: d\nroc m, on: d, positive: \"setosa\"",
            "nb.md:10:25: error: ", "'positive' picks one class of two, but 'm' has 3 classes"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nb = tune logistic, on: d, grid: {C: [1]}, metric: acuracy",
            "nb.md:9:", "did you mean 'accuracy'?"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nb = tune logistic, on: d, grid: {CC: [1, 2]}",
            "nb.md:9:", "did you mean 'C'?"
        ),
        (
            "d = load \"iris.csv\", target: \"species\"\nb = tune logistic, on: d, search: random, space: {C: logunif(1, 2)}",
            "nb.md:9:", "did you mean 'loguniform'?"
        ),
    ])
    func badModelInputIsAClearErrorAtTheNotebookLine(code: String, position: String, message: String) throws {
        let (status, stderr, _, _) = try render(code)
        #expect(status == 1)
        #expect(stderr.contains(position), "\(stderr)")
        #expect(stderr.contains(message), "\(stderr)")
    }
}
