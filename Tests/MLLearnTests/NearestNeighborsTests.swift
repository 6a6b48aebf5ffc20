import Foundation
import MLData
import Testing

@testable import MLLearn

/// Reference/knn_datasets.json.
private struct NeighborsDatasetsReference: Decodable {
    struct Fit: Decodable {
        var k: Int
        var weights: String
        var score: Double
        var firstOutputs: [[Double]]

        private enum CodingKeys: String, CodingKey {
            case k, weights, score
            case firstOutputs = "first_outputs"
        }
    }

    struct Dataset: Decodable {
        var name: String
        var target: String
        var classification: Bool
        var trainIndices: [Int]
        var testIndices: [Int]
        var fits: [Fit]

        private enum CodingKeys: String, CodingKey {
            case name, target, classification, fits
            case trainIndices = "train_indices"
            case testIndices = "test_indices"
        }
    }

    var datasets: [Dataset]
}

/// The neighbours by definition: every distance computed directly, sorted by (distance, row).
private func naiveNeighbors(_ training: Matrix, _ query: [Double], k: Int) -> [Int] {
    let distances = (0..<training.rows).map { i in
        zip(training.row(i), query).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    let order = (0..<training.rows).sorted {
        distances[$0] < distances[$1] || (distances[$0] == distances[$1] && $0 < $1)
    }
    return Array(order.prefix(k))
}

@Suite struct NearestNeighborsTests {
    @Test func matchesAHandWorkedCase() throws {
        // Training points 0, 1, 2, 3, 10 (classes 0, 0, 1, 1, 1); the 3 nearest of 0.4 are 0, 1 and 2 at
        // distances 0.4, 0.6, 1.6: uniform votes 2/3 for class 0; distance votes (1/0.4 + 1/0.6) / (1/0.4 +
        // 1/0.6 + 1/1.6) = 4.1667 / 4.7917.
        let x = Matrix(rowArrays: [[0], [1], [2], [3], [10]])
        let uniform = try NearestNeighbors.fit(x, targets: .classes([0, 0, 1, 1, 1], count: 2), k: 3)
        let query = Matrix(rowArrays: [[0.4]])
        let found = uniform.neighbors(of: query)
        #expect(found.indices == [0, 1, 2])
        #expect(isClose(found.distances, [0.4, 0.6, 1.6], tolerance: 1e-15))
        #expect(isClose(uniform.predictProbabilities(query).values, [2.0 / 3, 1.0 / 3], tolerance: 1e-15))
        let weighted = try NearestNeighbors.fit(
            x, targets: .classes([0, 0, 1, 1, 1], count: 2), k: 3, weighting: .distance)
        let share = (1 / 0.4 + 1 / 0.6) / (1 / 0.4 + 1 / 0.6 + 1 / 1.6)
        #expect(isClose(weighted.predictProbabilities(query).values, [share, 1 - share], tolerance: 1e-14))
        // Regression on targets 1, 2, 3, 4, 100: the uniform mean of the three nearest is 2.
        let regression = try NearestNeighbors.fit(x, targets: .values([1, 2, 3, 4, 100]), k: 3)
        #expect(isClose(regression.predictValues(query), [2], tolerance: 1e-15))
    }

    @Test func breaksDistanceTiesByTheLowerTrainingRow() throws {
        // Rows 1, −1, 1, −1 are all at distance 1 from 0.
        let x = Matrix(rowArrays: [[1], [-1], [1], [-1]])
        let model = try NearestNeighbors.fit(x, targets: .values([10, 20, 30, 40]), k: 3)
        #expect(model.neighbors(of: Matrix(rowArrays: [[0]])).indices == [0, 1, 2])
        // 1 200 identical rows span three training tiles; the first three rows win.
        let many = Matrix(rows: 1200, columns: 2, repeating: 1)
        let wide = try NearestNeighbors.fit(many, targets: .values((0..<1200).map(Double.init)), k: 3)
        #expect(wide.neighbors(of: Matrix(rowArrays: [[0, 0], [1, 1]])).indices == [0, 1, 2, 0, 1, 2])
    }

    @Test func agreesWithTheDefinitionOnTiedIntegerData() throws {
        // Small integer coordinates make many exact ties; 130 queries span three parallel blocks and the
        // 600 training rows two tiles.
        var generator = SeededGenerator(seed: 7)
        func draw(_ rows: Int) -> Matrix {
            Matrix(rows: rows, columns: 3, values: (0..<(rows * 3)).map { _ in Double(generator.next() % 5) })
        }
        let training = draw(600)
        let queries = draw(130)
        let model = try NearestNeighbors.fit(training, targets: .values([Double](repeating: 0, count: 600)), k: 7)
        let found = model.neighbors(of: queries)
        for i in 0..<queries.rows {
            #expect(Array(found.indices[(i * 7)..<(i * 7 + 7)]) == naiveNeighbors(training, queries.row(i), k: 7))
        }
    }

    @Test func distanceWeightsUseOnlyNeighboursAtDistanceZero() throws {
        // Rows 0 and 1 coincide with the query: only they count, equally (as scikit-learn).
        let x = Matrix(rowArrays: [[0], [0], [1]])
        let classifier = try NearestNeighbors.fit(
            x, targets: .classes([0, 1, 1], count: 2), k: 3, weighting: .distance)
        #expect(isClose(classifier.predictProbabilities(Matrix(rowArrays: [[0]])).values, [0.5, 0.5]))
        let regression = try NearestNeighbors.fit(x, targets: .values([1, 3, 100]), k: 3, weighting: .distance)
        #expect(isClose(regression.predictValues(Matrix(rowArrays: [[0]])), [2]))
    }

    /// Breast cancer, iris and digits (classification) and diabetes (regression), 80/20 split identical to
    /// scikit-learn's (stratified for classes), default pipeline (median impute + standard scale).
    ///
    /// Reference numbers: `python3 Tests/MLLearnTests/Reference/knn_reference.py` (scikit-learn 1.9.1
    /// KNeighborsClassifier / KNeighborsRegressor, algorithm="brute") → k=5 uniform: accuracy 0.9561, 0.9333,
    /// 0.9639, diabetes R² 0.4248; k=7 distance: 0.9561, 1.0, 0.9667, R² 0.4446.
    @Test func matchesScikitLearnOnFourDatasets() throws {
        let reference = try loadReference(NeighborsDatasetsReference.self, "knn_datasets.json")
        #expect(reference.datasets.count == 4)
        for dataset in reference.datasets {
            let path = repositoryRoot().appendingPathComponent("notebooks/data/\(dataset.name).csv").path
            let frame = try CSVReader.read(path: path, displayName: "\(dataset.name).csv").withTarget(dataset.target)
            let train = frame.selecting(rows: dataset.trainIndices)
            let test = frame.selecting(rows: dataset.testIndices)
            for fit in dataset.fits {
                let model = try TrainedModel.fit(
                    .knn, on: train, hyperparameters: ["k": .integer(fit.k), "weights": .string(fit.weights)])
                let evaluation = try evaluate(model, on: test)
                let score = try #require(evaluation[dataset.classification ? "accuracy" : "r2"])
                print("\(dataset.name) k=\(fit.k) \(fit.weights): swiftml \(score), sklearn \(fit.score)")
                #expect(abs(score - fit.score) <= 0.005, "\(dataset.name) \(fit.weights)")
                let prediction = try model.predict(test.selecting(rows: Array(0..<5)))
                let outputs = dataset.classification ? prediction.probabilities?.values ?? [] : prediction.values
                #expect(isClose(outputs, fit.firstOutputs.flatMap { $0 }, tolerance: 1e-9), "\(dataset.name)")
            }
        }
    }

    @Test func rejectsBadHyperparameters() throws {
        let frame = try numericFrame([[0], [1], [2], [3]], target: ("y", ["a", "a", "b", "b"]))
        let zero = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.knn, on: frame, hyperparameters: ["k": .integer(0)])
        }
        #expect(zero.code == .invalidHyperparameter)
        #expect(zero.message == "k must be a whole number ≥ 1, got 0")
        let tooMany = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.knn, on: frame, hyperparameters: ["k": .integer(5)])
        }
        #expect(tooMany.message == "k must be a whole number from 1 to the 4 training rows, got 5")
        let misspelt = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.knn, on: frame, hyperparameters: ["weights": .string("distanse")])
        }
        #expect(misspelt.message == "weights must be one of uniform, distance, got distanse; did you mean 'distance'?")
        let bogus = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.knn, on: frame, hyperparameters: ["weights": .string("bogus")])
        }
        #expect(bogus.message.hasPrefix("weights must be one of uniform, distance, got bogus"))
    }

    @Test func roundTripsThroughJSON() throws {
        let frame = try numericFrame([[0, 1], [1, 0], [2, 2], [3, 1]], target: ("y", ["a", "a", "b", "b"]))
        let model = try TrainedModel.fit(.knn, on: frame, hyperparameters: ["k": .integer(3)])
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.predict(frame) == model.predict(frame))
    }
}
