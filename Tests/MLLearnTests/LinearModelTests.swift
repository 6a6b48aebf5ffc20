import Foundation
import MLData
import Testing

@testable import MLLearn

/// Reference/linear_datasets.json.
private struct LinearDatasetsReference: Decodable {
    struct Fit: Decodable {
        var label: String
        var hyperparameters: [String: Double]
        var r2: Double
        var rmse: Double
        var coef: [Double]
        var intercept: Double
    }

    struct Dataset: Decodable {
        var name: String
        var target: String
        var drop: [String]
        var trainIndices: [Int]
        var testIndices: [Int]
        var fits: [Fit]

        private enum CodingKeys: String, CodingKey {
            case name, target, drop, fits
            case trainIndices = "train_indices"
            case testIndices = "test_indices"
        }
    }

    var datasets: [Dataset]
}

private struct LogisticL1Reference: Decodable {
    struct BreastCancer: Decodable {
        var testIndices: [Int]
        var accuracy: Double
        var logLoss: Double
        var nonzero: Int

        private enum CodingKeys: String, CodingKey {
            case accuracy, nonzero
            case testIndices = "test_indices"
            case logLoss = "log_loss"
        }
    }

    var cases: [LogisticReferenceCase]  // every L1 case has its C
    var breastCancer: BreastCancer

    private enum CodingKeys: String, CodingKey {
        case cases
        case breastCancer = "breast_cancer"
    }
}

/// Reads notebooks/data/`name`.csv with MLData's CSV reader and sets the target.
private func readDataset(_ name: String, target: String) throws -> DataFrame {
    let path = repositoryRoot().appendingPathComponent("notebooks/data/\(name).csv").path
    return try CSVReader.read(path: path, displayName: "\(name).csv").withTarget(target)
}

@Suite struct LinearModelTests {
    // A hand-worked line: x = 0, 1, 2, 3 and y = 1, 3, 2, 5. Centred, Σx² = 5 and Σxy = 5.5 (x̄ = 1.5,
    // ȳ = 2.75), so OLS gives w = 1.1; ridge w = 5.5 / (5 + l2); lasso w = (5.5 − n·l1) / 5 with n = 4;
    // elastic net w = (5.5 − n·l1) / (5 + l2); and the intercept is always 2.75 − 1.5·w.
    static let lineX = Matrix(rowArrays: [[0], [1], [2], [3]])
    static let lineY: [Double] = [1, 3, 2, 5]

    @Test(arguments: [
        (0.0, 0.0, 1.1), (0.0, 1.0, 5.5 / 6), (0.25, 0.0, 0.9), (0.25, 1.0, 0.75), (2.0, 0.0, 0.0),
    ])
    func fitsAHandWorkedLine(l1: Double, l2: Double, weight: Double) throws {
        let model = try LinearRegression.fit(Self.lineX, values: Self.lineY, l1: l1, l2: l2, tolerance: 1e-12)
        #expect(model.converged)
        #expect(isClose(model.coefficients[0], weight, tolerance: 1e-10))
        #expect(isClose(model.intercept, 2.75 - 1.5 * weight, tolerance: 1e-10))
        #expect(isClose(model.predict(Matrix(rowArrays: [[10]]))[0], 2.75 + 8.5 * weight, tolerance: 1e-9))
        let expected: LinearRegression.Solver = l1 > 0 ? .coordinateDescent : (l2 > 0 ? .cholesky : .leastSquares)
        #expect(model.solver == expected)
    }

    @Test func givesTheMinimumNormSolutionForCollinearColumns() throws {
        // Two copies of one column and y = 1 + 2x: every w₁ + w₂ = 2 fits exactly; the smallest is (1, 1).
        let x = Matrix(rowArrays: [[0, 0], [1, 1], [2, 2], [3, 3]])
        let model = try LinearRegression.fit(x, values: [1, 3, 5, 7])
        #expect(model.rank == 1)
        #expect(isClose(model.coefficients, [1, 1], tolerance: 1e-10))
        #expect(isClose(model.intercept, 1, tolerance: 1e-10))
        #expect(model.summaryLines.first?.1 == "least squares (SVD), rank 1 of 2")
    }

    /// Diabetes and cars, 80/20 split identical to scikit-learn's (train_test_split(random_state=42) on the
    /// rows with a target), default pipeline (median impute + standard scale + one-hot).
    ///
    /// Reference numbers: `python3 Tests/MLLearnTests/Reference/linear_reference.py` (scikit-learn 1.9.1:
    /// LinearRegression, Ridge(alpha=1), Lasso(alpha=0.1), ElasticNet(alpha=0.05 + 10/n, l1_ratio=0.05/(0.05 +
    /// 10/n))) → diabetes R² 0.4526 / 0.4541 / 0.4555 / 0.4577, cars R² 0.8481 / 0.8479 / 0.8434 / 0.8445.
    @Test func matchesScikitLearnOnDiabetesAndCars() throws {
        let reference = try loadReference(LinearDatasetsReference.self, "linear_datasets.json")
        #expect(reference.datasets.count == 2)
        for dataset in reference.datasets {
            let frame = try readDataset(dataset.name, target: dataset.target).dropping(columns: dataset.drop)
            let train = frame.selecting(rows: dataset.trainIndices)
            let test = frame.selecting(rows: dataset.testIndices)
            for fit in dataset.fits {
                let hyperparameters = fit.hyperparameters.mapValues { HyperValue.number($0) }
                let model = try TrainedModel.fit(.linear, on: train, hyperparameters: hyperparameters)
                #expect(model.warnings.isEmpty)
                let evaluation = try evaluate(model, on: test)
                let r2 = try #require(evaluation["r2"])
                let rmse = try #require(evaluation["rmse"])
                print("\(dataset.name) \(fit.label): swiftml R² \(r2) rmse \(rmse), sklearn \(fit.r2) \(fit.rmse)")
                #expect(abs(r2 - fit.r2) <= 0.005, "\(dataset.name) \(fit.label)")
                #expect(abs(rmse - fit.rmse) <= 0.005 * fit.rmse, "\(dataset.name) \(fit.label)")
                guard case .linear(let linear) = model.estimator else {
                    Issue.record("expected a linear estimator")
                    continue
                }
                if dataset.name == "diabetes" {
                    // Same inputs in the same order: the weights themselves agree. OLS and ridge are exact
                    // solutions; coordinate descent makes scikit-learn's sweeps and stops at the same duality gap
                    // (measured: within 1e-9 of its weights too; 1e-6 leaves room for rounding).
                    let tolerance = linear.solver == .coordinateDescent ? 1e-6 : 1e-9
                    #expect(isClose(linear.coefficients, fit.coef, tolerance: tolerance), "\(fit.label)")
                    #expect(isClose(linear.intercept, fit.intercept, tolerance: tolerance), "\(fit.label)")
                }
            }
        }
    }

    @Test func warnsWhenCoordinateDescentStopsEarly() throws {
        let reference = try loadReference(LinearDatasetsReference.self, "linear_datasets.json")
        let dataset = try #require(reference.datasets.first)
        let frame = try readDataset(dataset.name, target: dataset.target)
        let model = try TrainedModel.fit(
            .linear, on: frame.selecting(rows: dataset.trainIndices),
            hyperparameters: ["l1": .number(0.1), "max_iter": .integer(2)])
        #expect(model.warnings.contains { $0.contains("did not converge after 2 iterations") })
        let solver = model.summary.first { $0.0 == "solver" }?.1
        #expect(solver == "coordinate descent, 2 iterations, did not converge")
        #expect(model.hyperparameter("l2") == .number(0))
        #expect(model.hyperparameter("tol") == .number(1e-4))
    }

    @Test func rejectsBadHyperparameters() throws {
        let frame = try numericFrame([[0], [1], [2]], target: nil).adding(Column(name: "y", numbers: [1, 2, 4]))
            .withTarget("y")
        let negative = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.linear, on: frame, hyperparameters: ["l1": .integer(-1)])
        }
        #expect(negative.code == .invalidHyperparameter)
        #expect(negative.message == "l1 must be a number ≥ 0, got -1")
        let iterations = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.linear, on: frame, hyperparameters: ["max_iter": .integer(0)])
        }
        #expect(iterations.message == "max_iter must be a whole number ≥ 1, got 0")
        let unknown = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.linear, on: frame, hyperparameters: ["l3": .number(1)])
        }
        #expect(unknown.code == .unknownHyperparameter)
        #expect(unknown.message.contains("did you mean"))
    }

    // MARK: - Logistic regression with the L1 penalty

    // Reference/logistic_l1.json, written by `python3 Tests/MLLearnTests/Reference/logistic_l1_reference.py`
    // (scikit-learn 1.9.1 LogisticRegression(l1_ratio=1, solver="saga", C=…, tol=1e-12), optimality checked).
    static let l1References: [LogisticReferenceCase] =
        (try? loadReference(LogisticL1Reference.self, "logistic_l1.json").cases) ?? []

    @Test func logisticL1ReferenceFileIsPresent() {
        #expect(Self.l1References.count == 3)
    }

    @Test(arguments: l1References) func logisticL1MatchesScikitLearn(reference: LogisticReferenceCase) throws {
        let x = Matrix(rowArrays: reference.x)
        let model = try LogisticRegression.fit(
            x, classes: reference.y, classCount: Set(reference.y).count,
            c: try #require(reference.inverseRegularization),
            penalty: .l1, tolerance: 1e-8)  // the references are saga's optimum at tol=1e-12
        #expect(model.converged)
        #expect(model.solverName == "OWL-QN")
        let expected = reference.coef.flatMap { $0 }
        #expect(isClose(model.coefficients.values, expected, tolerance: 1e-6))
        #expect(isClose(model.intercepts, reference.intercept, tolerance: 1e-6))
        // The lasso's zeros are exact zeros.
        for (ours, theirs) in zip(model.coefficients.values, expected) where theirs == 0 { #expect(ours == 0) }
        let probabilities = model.predictProbabilities(x)
        #expect(isClose(probabilities.values, reference.proba.flatMap { $0 }, tolerance: 1e-6))
    }

    /// `fit logistic` with `penalty: l1` on breast cancer, split and scaled as scikit-learn's reference.
    ///
    /// Reference numbers: `python3 Tests/MLLearnTests/Reference/logistic_l1_reference.py` (scikit-learn 1.9.1
    /// StandardScaler + LogisticRegression(l1_ratio=1, solver="saga", C=1, tol=1e-10)) → accuracy 0.9737,
    /// log loss 0.0777, 14 nonzero weights of 30.
    @Test func logisticL1MatchesScikitLearnOnBreastCancer() throws {
        let reference = try loadReference(LogisticL1Reference.self, "logistic_l1.json").breastCancer
        let frame = try readDataset("breast_cancer", target: "diagnosis")
        let testRows = Set(reference.testIndices)
        let train = frame.selecting(rows: (0..<frame.rowCount).filter { !testRows.contains($0) })
        let model = try TrainedModel.fit(.logistic, on: train, hyperparameters: ["penalty": .string("l1")])
        #expect(model.warnings.isEmpty)
        #expect(model.hyperparameter("penalty") == .string("l1"))
        guard case .logistic(let logistic) = model.estimator else {
            Issue.record("expected a logistic estimator")
            return
        }
        #expect(logistic.coefficients.values.filter { $0 != 0 }.count == reference.nonzero)
        let evaluation = try evaluate(model, on: frame.selecting(rows: reference.testIndices))
        let accuracy = try #require(evaluation["accuracy"])
        let logLoss = try #require(evaluation["log_loss"])
        print("breast cancer l1: swiftml accuracy \(accuracy) log loss \(logLoss), sklearn \(reference.accuracy)")
        #expect(abs(accuracy - reference.accuracy) <= 0.005)
        #expect(abs(logLoss - reference.logLoss) <= 0.005)
    }

    @Test func roundTripsThroughJSON() throws {
        let frame = try numericFrame([[0, 1], [1, 0], [2, 2], [3, 1]]).adding(Column(name: "y", numbers: [1, 2, 4, 3]))
            .withTarget("y")
        let model = try TrainedModel.fit(.linear, on: frame, hyperparameters: ["l1": .number(0.1)])
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.predict(frame) == model.predict(frame))
    }
}
