import Foundation
import MLData
import Testing

@testable import MLLearn

/// One case of Reference/mlp_backprop.json: scikit-learn's loss and gradients at fixed weights.
struct MLPBackpropCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var alpha: Double
    var x: [[Double]]
    var targets: [[Double]]
    var coefs: [[[Double]]]
    var intercepts: [[Double]]
    var output: String
    var loss: Double
    var coefGrads: [[[Double]]]
    var interceptGrads: [[Double]]
    var testDescription: String { name }

    private enum CodingKeys: String, CodingKey {
        case name, alpha, x, targets, coefs, intercepts, output, loss
        case coefGrads = "coef_grads"
        case interceptGrads = "intercept_grads"
    }

    /// The layer sizes, input first.
    var units: [Int] { [coefs[0].count] + coefs.map { $0[0].count } }

    /// Weights and biases packed as ``MultilayerPerceptron/parameters``: each layer's weights, then its biases.
    static func pack(_ weights: [[[Double]]], _ biases: [[Double]]) -> [Double] {
        zip(weights, biases).flatMap { $0.flatMap { $0 } + $1 }
    }
}

private struct MLPBackpropReference: Decodable {
    var cases: [MLPBackpropCase]
}

/// One data set of Reference/mlp_parity.json.
private struct MLPParityCase: Decodable {
    var file: String
    var target: String
    var testIndices: [Int]
    var scoreSeed42: Double
    var epochsSeed42: Int
    var seeds: [UInt64]
    var scores: [Double]

    private enum CodingKeys: String, CodingKey {
        case file, target, seeds, scores
        case testIndices = "test_indices"
        case scoreSeed42 = "score_seed42"
        case epochsSeed42 = "epochs_seed42"
    }
}

private struct MLPParityReference: Decodable {
    var cases: [MLPParityCase]
}

/// Reads a data set with MLData's CSV reader and splits it at the reference's test rows.
private func split(_ reference: MLPParityCase) throws -> (train: DataFrame, test: DataFrame) {
    let path = repositoryRoot().appendingPathComponent("notebooks/data/\(reference.file)").path
    let frame = try CSVReader.read(path: path, displayName: reference.file).withTarget(reference.target)
    let testRows = Set(reference.testIndices)
    return (
        frame.selecting(rows: (0..<frame.rowCount).filter { !testRows.contains($0) }),
        frame.selecting(rows: reference.testIndices)
    )
}

@Suite struct MultilayerPerceptronTests {
    // Reference/mlp_backprop.json and mlp_parity.json, written by
    // `python3 Tests/MLLearnTests/Reference/mlp_reference.py` (scikit-learn 1.9.1).
    static let backpropCases: [MLPBackpropCase] =
        (try? loadReference(MLPBackpropReference.self, "mlp_backprop.json").cases) ?? []

    private static func parity(_ file: String) throws -> MLPParityCase {
        let cases = try loadReference(MLPParityReference.self, "mlp_parity.json").cases
        return try #require(cases.first { $0.file == file })
    }

    @Test func referenceFilesArePresent() throws {
        #expect(Self.backpropCases.count == 3)
        #expect(try loadReference(MLPParityReference.self, "mlp_parity.json").cases.count == 4)
    }

    /// Loss and gradients at fixed weights equal scikit-learn's `_backprop` (its Adam step's input).
    @Test(arguments: backpropCases) func backpropagationMatchesScikitLearn(reference: MLPBackpropCase) throws {
        let activation: MultilayerPerceptron.OutputActivation =
            switch reference.output {
            case "logistic": .logistic
            case "softmax": .softmax
            default: .identity
            }
        let result = MultilayerPerceptron.lossAndGradient(
            units: reference.units, parameters: MLPBackpropCase.pack(reference.coefs, reference.intercepts),
            x: Matrix(rowArrays: reference.x), targets: Matrix(rowArrays: reference.targets), l2: reference.alpha,
            activation: activation)
        #expect(isClose(result.loss, reference.loss, tolerance: 1e-12))
        let expected = MLPBackpropCase.pack(reference.coefGrads, reference.interceptGrads)
        #expect(isClose(result.gradient, expected, tolerance: 1e-12))
    }

    /// Backpropagation agrees with central finite differences of the loss on a tiny two-hidden-layer
    /// network, for each output activation.
    @Test(arguments: [
        MultilayerPerceptron.OutputActivation.softmax, .logistic, .identity,
    ]) func gradientMatchesFiniteDifferences(activation: MultilayerPerceptron.OutputActivation) {
        var generator = SeededGenerator(seed: 7)
        let outputs = activation == .softmax ? 3 : 1
        let units = [3, 5, 4, outputs]
        let rows = 7
        let x = Matrix(rows: rows, columns: 3, values: (0..<(rows * 3)).map { _ in 4 * generator.nextUnit() - 2 })
        var targets = Matrix(rows: rows, columns: outputs)
        for i in 0..<rows {
            switch activation {
            case .softmax: targets[i, i % 3] = 1
            case .logistic: targets[i, 0] = Double(i % 2)
            case .identity: targets[i, 0] = 3 * generator.nextUnit()
            }
        }
        let parameters = MultilayerPerceptron.initialParameters(NetworkLayout(units: units), using: &generator)
        let l2 = 0.3
        let analytic = MultilayerPerceptron.lossAndGradient(
            units: units, parameters: parameters, x: x, targets: targets, l2: l2, activation: activation)
        let h = 1e-6
        var numeric = [Double](repeating: 0, count: parameters.count)
        for i in parameters.indices {
            var plus = parameters
            var minus = parameters
            plus[i] += h
            minus[i] -= h
            let up = MultilayerPerceptron.lossAndGradient(
                units: units, parameters: plus, x: x, targets: targets, l2: l2, activation: activation)
            let down = MultilayerPerceptron.lossAndGradient(
                units: units, parameters: minus, x: x, targets: targets, l2: l2, activation: activation)
            numeric[i] = (up.loss - down.loss) / (2 * h)
        }
        // Central differences are accurate to O(h²) plus rounding ε·loss/h, about 1e-9 here.
        #expect(isClose(analytic.gradient, numeric, tolerance: 1e-7))
        #expect(analytic.gradient.contains { abs($0) > 1e-3 })
    }

    @Test func initialWeightsFollowGlorotBounds() {
        var generator = SeededGenerator(seed: 1)
        let layout = NetworkLayout(units: [30, 100, 1])
        let parameters = MultilayerPerceptron.initialParameters(layout, using: &generator)
        let first = (6.0 / 130).squareRoot()
        let second = (6.0 / 101).squareRoot()
        #expect(parameters[0..<layout.weightOffsets[1]].allSatisfy { abs($0) <= first })
        #expect(parameters[layout.weightOffsets[1]...].allSatisfy { abs($0) <= second })
        // The draws fill the interval: the largest is close to the bound.
        #expect((parameters[0..<layout.weightOffsets[1]].map(abs).max() ?? 0) > 0.99 * first)
    }

    /// Breast cancer and digits: test accuracy within 0.02 of MLPClassifier(random_state=42) with defaults
    /// (reference: breast cancer 0.9737 after 200 epochs, digits 0.9750 after 147 epochs).
    @Test(arguments: ["breast_cancer.csv", "digits.csv"]) func classifierMatchesScikitLearn(file: String) throws {
        let reference = try Self.parity(file)
        let (train, test) = try split(reference)
        let model = try TrainedModel.fit(.mlp, on: train)
        let accuracy = try #require(try evaluate(model, on: test)["accuracy"])
        print("\(file): swiftml accuracy \(accuracy), sklearn \(reference.scoreSeed42)")
        #expect(abs(accuracy - reference.scoreSeed42) <= 0.02)
        #expect(model.hyperparameter("layers") == .list([.integer(100)]))
        #expect(model.hyperparameter("batch") == .integer(200))
    }

    /// Iris: the mean test accuracy over seeds 0–9 is within 0.02 of scikit-learn's (0.9467).
    ///
    /// Iris has 30 test rows, so one row is 0.033 of accuracy and a single seed cannot be held to 0.02
    /// (scikit-learn itself gets 0.9333 or 0.9667 depending on random_state).
    @Test func irisMeanAccuracyMatchesScikitLearn() throws {
        let reference = try Self.parity("iris.csv")
        let (train, test) = try split(reference)
        var total = 0.0
        for seed in reference.seeds {
            let model = try TrainedModel.fit(.mlp, on: train, hyperparameters: ["seed": .integer(Int(seed))])
            total += try #require(try evaluate(model, on: test)["accuracy"])
        }
        let mean = total / Double(reference.seeds.count)
        let expected = reference.scores.reduce(0, +) / Double(reference.scores.count)
        print("iris: swiftml mean accuracy \(mean), sklearn \(expected)")
        #expect(abs(mean - expected) <= 0.02)
    }

    /// Diabetes regression with epochs: 2000 on both sides (MLPRegressor(max_iter=2000, random_state=42):
    /// R² 0.4895; at the default 200 epochs neither side has converged and R² is about −1).
    @Test func regressorMatchesScikitLearn() throws {
        let reference = try Self.parity("diabetes.csv")
        let (train, test) = try split(reference)
        let model = try TrainedModel.fit(.mlp, on: train, hyperparameters: ["epochs": .integer(2000)])
        #expect(model.task == .regression)
        let r2 = try #require(try evaluate(model, on: test)["r2"])
        print("diabetes: swiftml R² \(r2), sklearn \(reference.scoreSeed42)")
        #expect(abs(r2 - reference.scoreSeed42) <= 0.03)
    }

    @Test func sameSeedGivesTheSameNetwork() throws {
        let reference = try Self.parity("iris.csv")
        let (train, _) = try split(reference)
        let given: [String: HyperValue] = ["layers": .list([.integer(8), .integer(4)]), "epochs": .integer(30)]
        let first = try TrainedModel.fit(.mlp, on: train, hyperparameters: given)
        let second = try TrainedModel.fit(.mlp, on: train, hyperparameters: given)
        #expect(first.estimator == second.estimator)
        // A saved model reads back identical.
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
        var other = given
        other["seed"] = .integer(7)
        #expect(try TrainedModel.fit(.mlp, on: train, hyperparameters: other).estimator != first.estimator)
    }

    @Test func warnsWhenTheEpochLimitIsReached() throws {
        let reference = try Self.parity("iris.csv")
        let (train, _) = try split(reference)
        let model = try TrainedModel.fit(.mlp, on: train, hyperparameters: ["epochs": .integer(5)])
        #expect(model.warnings.contains { $0.contains("reached epochs: 5 without converging") })
        let summary = Dictionary(model.summary, uniquingKeysWith: { first, _ in first })
        #expect(summary["network"] == "4 inputs → 100 (ReLU) → 3 softmax output")
        #expect(summary["training"]?.hasPrefix("Adam, 5 epochs, batches of 120") == true)
        #expect(summary["final loss"] != nil)
    }

    @Test func earlyStoppingKeepsTheBestValidationWeights() throws {
        let reference = try Self.parity("breast_cancer.csv")
        let (train, _) = try split(reference)
        let model = try TrainedModel.fit(.mlp, on: train, hyperparameters: ["early_stop": .bool(true)])
        guard case .mlp(let network) = model.estimator else {
            Issue.record("expected a network")
            return
        }
        // 455 rows: ⌈45.5⌉ = 46 held out, as scikit-learn's train_test_split(test_size=0.1).
        #expect(network.trainingRowCount == 409)
        #expect(network.converged)
        #expect(network.epochs < 200)
        #expect((network.bestValidationScore ?? 0) > 0.9)
        #expect(model.warnings.isEmpty)
    }

    @Test(arguments: [
        ("layers", HyperValue.list([.integer(0)]), "layers must be a list of layer sizes ≥ 1"),
        ("epochs", .integer(0), "epochs must be a whole number ≥ 1, got 0"),
        ("rate", .number(-0.1), "rate must be a positive number, got -0.1"),
        ("batch", .integer(0), "batch must be a whole number ≥ 1, got 0"),
        ("l2", .number(-1), "l2 must be a number ≥ 0"),
        ("validation", .number(1.5), "validation must be a fraction between 0 and 1 (exclusive), got 1.5"),
        ("early_stop", .string("yes"), "early_stop must be true or false, got yes"),
    ]) func rejectsBadHyperparameters(name: String, value: HyperValue, message: String) throws {
        let frame = try numericFrame(
            [[0, 1], [1, 0], [2, 1], [3, 0]], target: ("y", ["a", "b", "a", "b"]))
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.mlp, on: frame, hyperparameters: [name: value])
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.message.contains(message), "\(error.message)")
    }
}
