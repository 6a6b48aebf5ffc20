import Foundation
import MLData
import Testing

@testable import MLLearn

/// One case of Reference/logistic_small.json.
struct LogisticReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var inverseRegularization: Double?
    var x: [[Double]]
    var y: [Int]
    var coef: [[Double]]
    var intercept: [Double]
    var proba: [[Double]]
    var testDescription: String { name }

    private enum CodingKeys: String, CodingKey {
        case name, x, y, coef, intercept, proba
        case inverseRegularization = "C"
    }
}

private struct LogisticReference: Decodable {
    var cases: [LogisticReferenceCase]
}

/// Reference/breast_cancer_logistic.json.
private struct BreastCancerReference: Decodable {
    var classes: [String]
    var testIndices: [Int]
    var accuracy: Double
    var f1Macro: Double
    var rocAUC: Double
    var logLoss: Double

    private enum CodingKeys: String, CodingKey {
        case classes, accuracy
        case testIndices = "test_indices"
        case f1Macro = "f1_macro"
        case rocAUC = "roc_auc"
        case logLoss = "log_loss"
    }
}

@Suite struct LogisticRegressionTests {
    // Reference/logistic_small.json, written by `python3 Tests/MLLearnTests/Reference/logistic_reference.py`
    // (scikit-learn 1.9.1 LogisticRegression(C=…, solver="newton-cholesky", tol=1e-12); C=None means no penalty).
    static let references: [LogisticReferenceCase] =
        (try? loadReference(LogisticReference.self, "logistic_small.json").cases) ?? []

    @Test func referenceFileIsPresent() {
        #expect(Self.references.count == 4)
    }

    @Test(arguments: references) func matchesScikitLearnCoefficientsAndProbabilities(reference: LogisticReferenceCase)
        throws
    {
        let x = Matrix(rowArrays: reference.x)
        let classCount = Set(reference.y).count
        let model = try LogisticRegression.fit(
            x, classes: reference.y, classCount: classCount, c: reference.inverseRegularization ?? 1,
            penalty: reference.inverseRegularization == nil ? .none : .l2, tolerance: 1e-8
        )
        #expect(model.converged)
        // The references are the optimum to a gradient of ~1e-13. With tolerance 1e-8 (the default 1e-4 is
        // scikit-learn's, which stops as far from it as scikit-learn's lbfgs does) L-BFGS stops near 3e-8 on
        // unscaled iris, which leaves its coefficients within 1.5e-6 of it (measured), so 1e-5 is a fair bar.
        #expect(isClose(model.coefficients.values, reference.coef.flatMap { $0 }, tolerance: 1e-5))
        #expect(isClose(model.intercepts, reference.intercept, tolerance: 1e-5))
        let probabilities = model.predictProbabilities(x)
        #expect(isClose(probabilities.values, reference.proba.flatMap { $0 }, tolerance: 1e-6))
    }

    @Test func predictsTheMostProbableClass() throws {
        let reference = try #require(Self.references.last)  // iris
        let x = Matrix(rowArrays: reference.x)
        let model = try LogisticRegression.fit(x, classes: reference.y, classCount: 3)
        let probabilities = model.predictProbabilities(x)
        #expect(model.predict(x) == (0..<x.rows).map { argmax(probabilities.row($0)) })
        // Every row of probabilities sums to one.
        #expect((0..<x.rows).allSatisfy { isClose(probabilities.row($0).reduce(0, +), 1, tolerance: 1e-12) })
    }

    @Test func rejectsASingleClass() {
        #expect(throws: LearnError.self) {
            try LogisticRegression.fit(Matrix(rowArrays: [[0], [1]]), classes: [0, 0], classCount: 1)
        }
    }

    @Test func reportsWhenItStopsEarly() throws {
        // Separable data without a penalty has no finite optimum; two iterations cannot converge.
        let x = Matrix(rowArrays: [[0], [1], [2], [3]])
        let model = try LogisticRegression.fit(
            x, classes: [0, 0, 1, 1], classCount: 2, penalty: .none, maxIterations: 2)
        #expect(!model.converged)
        #expect(model.iterations == 2)
    }

    /// The parity test: breast cancer, 80/20 stratified split identical to scikit-learn's.
    ///
    /// Reference numbers: `python3 Tests/MLLearnTests/Reference/breast_cancer_reference.py` (scikit-learn 1.9.1,
    /// train_test_split(test_size=0.2, stratify=y, random_state=42) + StandardScaler + LogisticRegression(C=1,
    /// max_iter=1000)) → accuracy 0.9649, macro F1 0.9619, ROC-AUC 0.9960, log loss 0.0773.
    @Test func breastCancerMatchesScikitLearn() throws {
        let reference = try loadReference(BreastCancerReference.self, "breast_cancer_logistic.json")
        let csv = repositoryRoot().appendingPathComponent("notebooks/data/breast_cancer.csv")
        let frame = try readSimpleCSV(csv, target: "diagnosis")
        #expect(frame.rowCount == 569)
        let testRows = Set(reference.testIndices)
        let train = frame.selecting(rows: (0..<frame.rowCount).filter { !testRows.contains($0) })
        let test = frame.selecting(rows: reference.testIndices)

        let model = try TrainedModel.fit(.logistic, on: train)
        #expect(model.task == .classification(classes: reference.classes))
        #expect(model.warnings.isEmpty)
        let evaluation = try evaluate(model, on: test)
        let accuracy = try #require(evaluation["accuracy"])
        let auc = try #require(evaluation["auc"])
        let f1 = try #require(evaluation["f1"])
        let logLoss = try #require(evaluation["log_loss"])
        print("breast cancer: swiftml accuracy \(accuracy) auc \(auc) f1 \(f1) log_loss \(logLoss)")
        print(
            "breast cancer: sklearn accuracy \(reference.accuracy) auc \(reference.rocAUC) f1 \(reference.f1Macro) log_loss \(reference.logLoss)"
        )
        #expect(abs(accuracy - reference.accuracy) <= 0.01)
        #expect(abs(auc - reference.rocAUC) <= 0.01)
        #expect(abs(f1 - reference.f1Macro) <= 0.01)
        #expect(abs(logLoss - reference.logLoss) <= 0.01)
    }
}
