import Foundation
import MLData
import Testing

@testable import MLLearn

/// Reference/validation_breast_cancer.json, written by
/// `python3 Tests/MLLearnTests/Reference/validation_reference.py` (scikit-learn 1.9.1): scikit-learn's
/// StratifiedKFold(5, shuffle=True, random_state=0) folds of breast_cancer.csv and what cross_validate,
/// GridSearchCV and learning_curve give on them for StandardScaler + LogisticRegression.
struct ValidationReference: Decodable, Sendable {
    struct Fold: Decodable, Sendable {
        var train: [Int]
        var test: [Int]
    }
    struct CrossValidated: Decodable, Sendable {
        var scores: [String: [Double]]
        var accuracyMean: Double
        var accuracyStd: Double
        private enum CodingKeys: String, CodingKey {
            case scores
            case accuracyMean = "accuracy_mean"
            case accuracyStd = "accuracy_std"
        }
    }
    struct Grid: Decodable, Sendable {
        var C: [Double]
        var mean: [Double]
        var std: [Double]
        var rank: [Int]
        var bestC: Double
        private enum CodingKeys: String, CodingKey {
            case C, mean, std, rank
            case bestC = "best_C"
        }
    }
    struct Curve: Decodable, Sendable {
        var sizes: [Int]
        var train: [[Double]]
        var test: [[Double]]
    }

    var folds: [Fold]
    var crossValidated: CrossValidated
    var grid: Grid
    var learningCurve: Curve

    private enum CodingKeys: String, CodingKey {
        case folds, grid
        case crossValidated = "cross_validate"
        case learningCurve = "learning_curve"
    }

    /// The folds as splits.
    var splits: [FoldSplit] { folds.map { FoldSplit(train: $0.train, test: $0.test) } }

    static func load() throws -> ValidationReference {
        try loadReference(ValidationReference.self, "validation_breast_cancer.json")
    }
}

/// Data files read with MLData's CSV reader.
enum ValidationData {
    /// notebooks/data/NAME.csv with `target` as the target.
    static func frame(_ name: String, target: String) throws -> DataFrame {
        let path = repositoryRoot().appendingPathComponent("notebooks/data/\(name).csv").path
        return try CSVReader.read(path: path, displayName: "\(name).csv").withTarget(target)
    }

    static func breastCancer() throws -> DataFrame { try frame("breast_cancer", target: "diagnosis") }
    static func iris() throws -> DataFrame { try frame("iris", target: "species") }

    /// A small two-feature frame: classes a (10 rows), b (10 rows) and c (`rare` rows).
    static func small(rare: Int = 10) throws -> DataFrame {
        var x: [[Double]] = []
        var labels: [String] = []
        for (k, label) in ["a", "b", "c"].enumerated() {
            for i in 0..<(label == "c" ? rare : 10) {
                x.append([Double(k) * 2 + Double(i % 5) * 0.3, Double(i % 3) - Double(k)])
                labels.append(label)
            }
        }
        return try numericFrame(x, target: ("label", labels))
    }
}

@Suite struct CrossValidationTests {
    /// The parity test: on scikit-learn's own folds, every fold's scores match `cross_validate`.
    @Test func perFoldScoresMatchScikitLearnOnTheSameFolds() throws {
        let reference = try ValidationReference.load()
        let frame = try ValidationData.breastCancer()
        let metrics = ["accuracy", "balanced_accuracy", "f1", "auc", "average_precision", "log_loss"]
        // The reference is the exact optimum (newton-cholesky, tol=1e-10): solve as tightly.
        let result = try crossValidate(
            .logistic, on: frame, hyperparameters: ["tol": .number(1e-8)], splits: reference.splits, metrics: metrics)
        #expect(result.metrics.map(\.name) == metrics)
        #expect(result.folds.map(\.heldOutRows) == reference.folds.map(\.test.count))
        for name in metrics {
            let ours = try #require(result.scores(try ValidationMetric(name: name, classification: true)))
            let theirs = try #require(reference.crossValidated.scores[name])
            // Same predictions give the same counts; the probabilities of L-BFGS and newton-cholesky agree
            // to ~1e-7, which moves log loss by less than 1e-6 and leaves the rankings (AUC, AP) unchanged.
            let tolerance = name == "log_loss" ? 1e-6 : 1e-12
            #expect(isClose(ours, theirs, tolerance: tolerance), "\(name): \(ours) vs \(theirs)")
        }
        let accuracy = try #require(result.summary(.accuracy))
        #expect(isClose(accuracy.mean, reference.crossValidated.accuracyMean))
        // numpy's scores.std(): the population standard deviation.
        #expect(isClose(accuracy.standardDeviation, reference.crossValidated.accuracyStd))
    }

    @Test func defaultFoldsAreMLDataStratifiedKFoldIndices() throws {
        // Independent path: the same folds built from MLData's stratifiedKFoldIndices and fitted one by one.
        let frame = try ValidationData.iris()
        let result = try crossValidate(.logistic, on: frame, folds: 4, metrics: ["accuracy", "f1"], seed: 7)
        let species = try frame.column("species")
        let labels = try #require(classLabels(of: species))
        let heldOut = stratifiedKFoldIndices(classes: labels.indices, folds: 4, seed: 7)
        #expect(result.stratified)
        #expect(result.folds.map(\.heldOutRows) == heldOut.map(\.count))
        for (fold, test) in heldOut.enumerated() {
            let testSet = Set(test)
            let train = (0..<frame.rowCount).filter { !testSet.contains($0) }
            let model = try TrainedModel.fit(.logistic, on: frame.selecting(rows: train), seed: 7)
            let evaluation = try evaluate(model, on: frame.selecting(rows: test))
            #expect(result.folds[fold].values[0] == evaluation["accuracy"])
            #expect(result.folds[fold].values[1] == evaluation["f1"])
            #expect(result.folds[fold].trainingRows == train.count)
        }
        // Each iris class has 50 rows: 12 or 13 per fold.
        #expect(result.folds.map(\.heldOutRows).allSatisfy { $0 == 37 || $0 == 38 })
    }

    @Test func theSameSeedGivesTheSameTable() throws {
        let frame = try ValidationData.iris()
        let first = try crossValidate(.logistic, on: frame, hyperparameters: ["C": .number(0.5)], seed: 3)
        let second = try crossValidate(.logistic, on: frame, hyperparameters: ["C": .number(0.5)], seed: 3)
        #expect(first == second)
        #expect(try first.foldTable() == second.foldTable())
        let other = try crossValidate(.logistic, on: frame, hyperparameters: ["C": .number(0.5)], seed: 4)
        #expect(other.folds != first.folds)
    }

    @Test func meanAndStandardDeviationArePopulationStatisticsOfTheFolds() throws {
        let result = try crossValidate(.logistic, on: try ValidationData.iris(), folds: 3, metrics: ["log_loss"])
        let values = try #require(result.scores(.logLoss))
        let mean = values.reduce(0, +) / 3
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
        #expect(isClose(result.means[0], mean))
        #expect(isClose(result.standardDeviations[0], variance.squareRoot()))
        let summary = try result.summaryTable()
        #expect(summary.columnNames == ["metric", "mean", "std"])
        #expect(try result.foldTable().columnNames == ["fold", "train rows", "test rows", "log_loss"])
    }

    @Test func aTrainedModelIsATemplate() throws {
        let frame = try ValidationData.iris()
        let model = try TrainedModel.fit(.logistic, on: frame, hyperparameters: ["C": .number(0.3)])
        let fromModel = try crossValidate(model, on: frame, folds: 3, metrics: ["accuracy"], seed: 5)
        let fromKind = try crossValidate(
            .logistic, on: frame, hyperparameters: ["C": .number(0.3)], folds: 3, metrics: ["accuracy"], seed: 5)
        #expect(fromModel.folds == fromKind.folds)
        #expect(fromModel.hyperparameters.contains(Hyperparameter(name: "C", value: .number(0.3))))
    }

    @Test func aClassAbsentFromAFoldCountsAsZeroInTheMacroF1() throws {
        // Class c has 2 rows and there are 4 folds: two folds hold none of it. With labels = every class, such a
        // fold's macro F1 is (F1(a) + F1(b) + 0) / 3, computed here from a direct fit on the same split.
        let frame = try ValidationData.small(rare: 2)
        let result = try crossValidate(.logistic, on: frame, folds: 4, metrics: ["f1"], seed: 1)
        #expect(
            result.warnings.contains("class 'c' has only 2 rows, fewer than the 4 folds, so some folds hold none of it")
        )
        let labels = try #require(classLabels(of: try frame.column("label")))
        let heldOut = stratifiedKFoldIndices(classes: labels.indices, folds: 4, seed: 1)
        var checked = 0
        for (fold, test) in heldOut.enumerated() where !test.contains(where: { labels.indices[$0] == 2 }) {
            let train = (0..<frame.rowCount).filter { !test.contains($0) }
            let model = try TrainedModel.fit(.logistic, on: frame.selecting(rows: train))
            let predicted = try model.predict(frame.selecting(rows: test)).classIndices
            let scores = ClassScores(truth: test.map { labels.indices[$0] }, predicted: predicted, classCount: 3)
            #expect(scores.f1[2] == 0)
            #expect(isClose(result.folds[fold].values[0], (scores.f1[0] + scores.f1[1]) / 3))
            checked += 1
        }
        #expect(checked == 2)
    }

    @Test func rowsWithoutATargetAreLeftOut() throws {
        let base = try ValidationData.small()
        var labels = (0..<base.rowCount).map { try? base.column("label").string(at: $0) }
        labels[0] = nil
        labels[15] = nil
        let frame = try base.dropping(columns: ["label"]).adding(Column(name: "label", categories: labels))
            .withTarget("label")
        let result = try crossValidate(.logistic, on: frame, folds: 2)
        #expect(result.warnings.first == "2 rows with a missing 'label' left out")
        #expect(result.folds.map(\.heldOutRows).reduce(0, +) == 28)
    }

    @Test func badFoldCountsAreRejected() throws {
        let frame = try ValidationData.small()
        let one = try #require(throws: LearnError.self) { try crossValidate(.logistic, on: frame, folds: 1) }
        #expect(one.message == "folds must be a whole number from 2 to 30 (the rows with a 'label'), got 1")
        let many = try #require(throws: LearnError.self) { try crossValidate(.logistic, on: frame, folds: 31) }
        #expect(many.code == .invalidHyperparameter)
        // More folds than the rows of every class: scikit-learn's StratifiedKFold refuses it too.
        let perClass = try #require(throws: LearnError.self) { try crossValidate(.logistic, on: frame, folds: 11) }
        #expect(perClass.message.contains("more than the rows of every class"))
    }

    @Test func unknownMetricsAndHyperparametersAreNamed() throws {
        let frame = try ValidationData.small()
        let metric = try #require(throws: LearnError.self) {
            try crossValidate(.logistic, on: frame, metrics: ["accuracy", "balanced_acuracy"])
        }
        #expect(metric.message.hasPrefix("unknown metric 'balanced_acuracy'; did you mean 'balanced_accuracy'?"))
        let parameter = try #require(throws: LearnError.self) {
            try crossValidate(.logistic, on: frame, hyperparameters: ["c": .number(1)])
        }
        #expect(parameter.code == .unknownHyperparameter)
    }

    @Test func fitErrorsNameTheFold() throws {
        let error = try #require(throws: LearnError.self) {
            try crossValidate(.logistic, on: try ValidationData.small(), hyperparameters: ["C": .number(-1)])
        }
        #expect(error.message == "fold 1: C must be a positive number, got -1")
    }

    @Test func givenSplitsAreChecked() throws {
        let frame = try ValidationData.small()
        let outside = try #require(throws: LearnError.self) {
            try crossValidate(.logistic, on: frame, splits: [FoldSplit(train: [0, 1, 40], test: [2])])
        }
        #expect(outside.message == "fold 1: training row 40 is outside the frame's 30 rows")
        #expect(throws: LearnError.self) {
            try crossValidate(.logistic, on: frame, splits: [FoldSplit(train: Array(0..<20), test: [])])
        }
    }

    @Test func unsupervisedKindsCannotBeCrossValidated() throws {
        let error = try #require(throws: LearnError.self) {
            try crossValidate(.kmeans, on: try ValidationData.small())
        }
        #expect(error.code == .unsupportedTarget)
    }

    @Test func numberTargetsUsePlainKFold() throws {
        // No regression kind is registered in this package, so this checks the split itself.
        let frame = try numericFrame((0..<10).map { [Double($0), Double($0 * $0)] }, names: ["x", "y"])
        let setup = try ValidationSetup(kind: .linear, frame: frame, target: "y", pipeline: nil, seed: 9)
        #expect(!setup.isClassification)
        let (splits, warnings) = try setup.kFoldSplits(folds: 3, seed: 9)
        #expect(warnings.isEmpty)
        #expect(splits.map(\.test) == kFoldIndices(n: 10, folds: 3, seed: 9))
        #expect(splits.allSatisfy { Set($0.train).union($0.test) == Set(0..<10) })
    }
}
