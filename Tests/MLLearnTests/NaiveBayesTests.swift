import Foundation
import MLData
import Testing

@testable import MLLearn

/// Reference/bayes_datasets.json.
private struct BayesDatasetsReference: Decodable {
    struct Dataset: Decodable {
        var name: String
        var target: String
        var classes: [String]
        var categorical: [String]
        var testIndices: [Int]
        var accuracy: Double
        var logLoss: Double
        var auc: Double
        var firstProbabilities: [[Double]]

        private enum CodingKeys: String, CodingKey {
            case name, target, classes, categorical, accuracy
            case testIndices = "test_indices"
            case logLoss = "log_loss"
            case auc
            case firstProbabilities = "first_probabilities"
        }
    }

    var datasets: [Dataset]
}

@Suite struct NaiveBayesTests {
    @Test func matchesAHandWorkedGaussianCase() throws {
        // Class 0 at x = 0, 2 and class 1 at x = 4, 6: means 1 and 5, (biased) variances 1 and 1. The variance
        // of all four values is 5, so smoothing 0.1 adds 0.5 to both: σ² = 1.5. At x = 2 the log-odds of
        // class 0 are ((2 − 5)² − (2 − 1)²) / (2 · 1.5) = 8/3; at x = 3 the classes tie.
        let x = Matrix(rowArrays: [[0], [2], [4], [6]])
        let model = try GaussianNaiveBayes.fit(x, classes: [0, 0, 1, 1], classCount: 2, smoothing: 0.1)
        #expect(isClose(model.epsilon, 0.5))
        #expect(isClose(model.variances.values, [1.5, 1.5]))
        let probabilities = model.predictProbabilities(Matrix(rowArrays: [[2], [3]]))
        #expect(isClose(probabilities[0, 0], 1 / (1 + exp(-8.0 / 3)), tolerance: 1e-14))
        #expect(isClose(probabilities[1, 0], 0.5, tolerance: 1e-14))
        // The joint log likelihood itself: log ½ − ½ log(2π · 1.5) − (2 − 1)² / 3.
        let joint = model.jointLogLikelihood(Matrix(rowArrays: [[2]]))
        #expect(isClose(joint[0, 0], log(0.5) - 0.5 * log(2 * Double.pi * 1.5) - 1.0 / 3, tolerance: 1e-14))
    }

    @Test func matchesAHandWorkedCategoricalCase() throws {
        // Class 0 has codes 0, 0, 1 and class 1 has codes 1, 2, 2, 2 (3 levels, α = 1): priors 3/7 and 4/7,
        // P(level | 0) = 3/6, 2/6, 1/6 and P(level | 1) = 1/7, 2/7, 4/7. So P(0 | code 0) = (3/7 · 1/2) /
        // (3/7 · 1/2 + 4/7 · 1/7) = 21/29, P(0 | code 2) = 7/39, and an unseen code (−1) leaves the prior 3/7.
        let x = Matrix(rowArrays: [[0], [0], [1], [1], [2], [2], [2]])
        let model = try GaussianNaiveBayes.fit(
            x, classes: [0, 0, 0, 1, 1, 1, 1], classCount: 2, categoricalLevels: [0: 3])
        #expect(model.numericColumns.isEmpty)
        let probabilities = model.predictProbabilities(Matrix(rowArrays: [[0], [2], [-1]]))
        #expect(isClose(probabilities.column(0), [21.0 / 29, 7.0 / 39, 3.0 / 7], tolerance: 1e-14))
        #expect(model.summaryLines.first?.1 == "1 categorical")
    }

    @Test func ignoresConstantColumns() throws {
        // A constant column adds the same term to each class; with it alone, the prior decides.
        let x = Matrix(rowArrays: [[1, 0], [1, 2], [1, 4], [1, 6]])
        let model = try GaussianNaiveBayes.fit(x, classes: [0, 0, 0, 1], classCount: 2)
        #expect(model.numericColumns == [1])
        let constant = try GaussianNaiveBayes.fit(
            Matrix(rowArrays: [[1], [1], [1], [1]]), classes: [0, 0, 0, 1], classCount: 2)
        #expect(isClose(constant.predictProbabilities(Matrix(rowArrays: [[7]])).values, [0.75, 0.25]))
    }

    /// Breast cancer, iris, penguins (numeric + category inputs) and digits, 80/20 stratified split identical to
    /// scikit-learn's, default pipeline (median / most-frequent imputation, ordinal codes, no scaling).
    ///
    /// Reference numbers: `python3 Tests/MLLearnTests/Reference/bayes_reference.py` (scikit-learn 1.9.1
    /// GaussianNB on the numeric inputs, CategoricalNB(alpha=1) on the codes, joint log likelihoods summed) →
    /// accuracy 0.9386, 0.9667, 0.9710, 0.8111.
    @Test func matchesScikitLearnOnFourDatasets() throws {
        let reference = try loadReference(BayesDatasetsReference.self, "bayes_datasets.json")
        #expect(reference.datasets.count == 4)
        for dataset in reference.datasets {
            let path = repositoryRoot().appendingPathComponent("notebooks/data/\(dataset.name).csv").path
            let frame = try CSVReader.read(path: path, displayName: "\(dataset.name).csv").withTarget(dataset.target)
            let testRows = Set(dataset.testIndices)
            let train = frame.selecting(rows: (0..<frame.rowCount).filter { !testRows.contains($0) })
            let test = frame.selecting(rows: dataset.testIndices)
            let model = try TrainedModel.fit(.bayes, on: train)
            #expect(model.task == .classification(classes: dataset.classes))
            guard case .bayes(let bayes) = model.estimator else {
                Issue.record("expected a naive Bayes estimator")
                continue
            }
            #expect(bayes.categoricalColumns.count == dataset.categorical.count, "\(dataset.name)")
            let evaluation = try evaluate(model, on: test)
            let accuracy = try #require(evaluation["accuracy"])
            let logLoss = try #require(evaluation["log_loss"])
            print("\(dataset.name): swiftml accuracy \(accuracy) log loss \(logLoss), sklearn \(dataset.accuracy)")
            #expect(abs(accuracy - dataset.accuracy) <= 0.005, "\(dataset.name)")
            #expect(abs(logLoss - dataset.logLoss) <= 0.005 * max(1, dataset.logLoss), "\(dataset.name)")
            // The probabilities are normalised as scikit-learn does, so rows it rounds to exactly 1 tie here too.
            let auc = try #require(evaluation["auc"])
            #expect(abs(auc - dataset.auc) <= 0.001, "\(dataset.name): auc \(auc), scikit-learn \(dataset.auc)")
            let first = try #require(model.predict(test.selecting(rows: Array(0..<5))).probabilities)
            let expected = dataset.firstProbabilities.flatMap { $0 }
            #expect(isClose(first.values, expected, tolerance: 1e-6), "\(dataset.name)")
        }
    }

    @Test func rejectsBadHyperparameters() throws {
        let frame = try numericFrame([[0], [1], [2], [3]], target: ("y", ["a", "a", "b", "b"]))
        let smoothing = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.bayes, on: frame, hyperparameters: ["smoothing": .number(-1)])
        }
        #expect(smoothing.code == .invalidHyperparameter)
        #expect(smoothing.message == "smoothing must be a positive number, got -1")
        let alpha = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.bayes, on: frame, hyperparameters: ["alpha": .number(0)])
        }
        #expect(alpha.message == "alpha must be a positive number, got 0")
        let unknown = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.bayes, on: frame, hyperparameters: ["smothing": .number(1e-9)])
        }
        #expect(unknown.message.contains("did you mean 'smoothing'?"))
    }

    @Test func roundTripsThroughJSON() throws {
        let frame = try numericFrame([[0, 1], [1, 0], [2, 2], [3, 1]], target: ("y", ["a", "a", "b", "b"]))
            .adding(Column(name: "colour", categories: ["red", "blue", "red", "red"]))
        let model = try TrainedModel.fit(.bayes, on: frame)
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.predict(frame) == model.predict(frame))
    }
}
