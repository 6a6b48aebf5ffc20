import Foundation
import MLData
import Testing

@testable import MLLearn

/// One data set of Reference/pca_reference.json.
struct PCAReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var target: String
    var mean: [Double]
    var components: [[Double]]
    var explainedVariance: [Double]
    var explainedVarianceRatio: [Double]
    var rows: [Int]
    var coordinates: [[Double]]
    var componentsFor95: Int
    var ratioFor2: [Double]
    var testDescription: String { file }

    private enum CodingKeys: String, CodingKey {
        case file, target, mean, components, rows, coordinates
        case explainedVariance = "explained_variance"
        case explainedVarianceRatio = "explained_variance_ratio"
        case componentsFor95 = "components_for_0.95"
        case ratioFor2 = "ratio_for_2"
    }

    /// The data set, read by MLData's CSV reader with its target marked (a projection leaves it out).
    func frame() throws -> DataFrame {
        let path = repositoryRoot().appendingPathComponent("notebooks/data/\(file)").path
        return try CSVReader.read(path: path, displayName: file).withTarget(target)
    }
}

private struct PCAReference: Decodable {
    var cases: [PCAReferenceCase]
}

@Suite struct PCATests {
    // Reference/pca_reference.json, written by `python3 Tests/MLLearnTests/Reference/pca_reference.py`
    // (scikit-learn 1.9.1: StandardScaler, then PCA() with its defaults, on every row).
    static let references: [PCAReferenceCase] =
        (try? loadReference(PCAReference.self, "pca_reference.json").cases) ?? []

    @Test func referenceFileIsPresent() {
        #expect(Self.references.map(\.file) == ["iris.csv", "breast_cancer.csv"])
    }

    /// Explained variance, ratios, components and coordinates equal scikit-learn's within 1e-8, signs
    /// included (svd_flip on the components).
    @Test(arguments: references) func matchesScikitLearn(reference: PCAReferenceCase) throws {
        let frame = try reference.frame()
        let model = try TrainedModel.fit(.pca, on: frame)
        let width = reference.mean.count
        #expect(model.task == .projection(components: width))
        guard case .pca(let pca) = model.estimator else {
            Issue.record("expected principal components")
            return
        }
        // The pipeline standardised the inputs, so the fitted mean is 0 up to rounding.
        #expect(isClose(pca.mean, reference.mean, tolerance: 1e-12))
        #expect(isClose(pca.explainedVariance, reference.explainedVariance, tolerance: 1e-8))
        #expect(isClose(pca.explainedVarianceRatio, reference.explainedVarianceRatio, tolerance: 1e-8))
        #expect(isClose(pca.components.values, reference.components.flatMap { $0 }, tolerance: 1e-8))
        let coordinates = try model.predict(frame.selecting(rows: reference.rows)).projection
        let expected = reference.coordinates.flatMap { $0 }
        let gap = zip(try #require(coordinates).values, expected).map { abs($0 - $1) }.max() ?? .nan
        print("\(reference.file): largest coordinate difference from scikit-learn \(gap)")
        #expect(gap <= 1e-8)

        // Training metrics: the total kept and each component's ratio.
        #expect(isClose(try #require(model.trainingMetrics["explained_variance"]), 1, tolerance: 1e-12))
        #expect(
            isClose(
                try #require(model.trainingMetrics["pc1_variance"]), reference.explainedVarianceRatio[0],
                tolerance: 1e-8))
        #expect(model.trainingMetrics["pc\(width)_variance"] != nil)
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: try JSONEncoder().encode(model))
        #expect(decoded == model)
    }

    /// A share of variance keeps the fewest components whose ratios add up to more than it (scikit-learn:
    /// 2 for iris, 10 for breast cancer at 0.95); a count keeps that many.
    @Test(arguments: references) func choosesTheComponentCount(reference: PCAReferenceCase) throws {
        let frame = try reference.frame()
        let share = try TrainedModel.fit(.pca, on: frame, hyperparameters: ["components": .number(0.95)])
        #expect(share.task == .projection(components: reference.componentsFor95))
        #expect(share.hyperparameter("components") == .number(0.95))
        let kept = reference.explainedVarianceRatio.prefix(reference.componentsFor95).reduce(0, +)
        #expect(isClose(try #require(share.trainingMetrics["explained_variance"]), kept, tolerance: 1e-8))

        let two = try TrainedModel.fit(.pca, on: frame, hyperparameters: ["components": .integer(2)])
        #expect(two.task == .projection(components: 2))
        guard case .pca(let pca) = two.estimator else {
            Issue.record("expected principal components")
            return
        }
        #expect(isClose(pca.explainedVarianceRatio, reference.ratioFor2, tolerance: 1e-8))
        let summary = Dictionary(two.summary, uniquingKeysWith: { first, _ in first })
        #expect(summary["components kept"] == "2 of \(reference.mean.count) inputs")
        #expect(summary["variance explained"] == formatNumber(100 * reference.ratioFor2.reduce(0, +)) + "%")
    }

    /// Fewer rows than columns: the SVD goes to dgesdd directly and keeps min(rows, columns) components, each
    /// a unit vector, and the projection reproduces the centred rows exactly.
    @Test func handlesWideInputs() throws {
        let x = Matrix(rowArrays: [[1, 2, 0, 4, 1], [0, 1, 3, 1, 2], [2, 2, 2, 0, 5]])
        let model = try PrincipalComponents.fit(x)
        #expect(model.componentCount == 3)
        let coordinates = model.transform(x)
        // Back-projection: coordinates · components + mean = x (the third singular value is 0 here, as three
        // centred rows span at most two directions).
        let rebuilt = coordinates.multiply(model.components)
        for i in 0..<3 {
            for j in 0..<5 {
                #expect(isClose(rebuilt[i, j] + model.mean[j], x[i, j], tolerance: 1e-12))
            }
        }
        #expect(isClose(model.explainedVarianceRatio.reduce(0, +), 1, tolerance: 1e-12))
        #expect(model.explainedVariance[2] < 1e-20)
    }

    /// A hand-worked case: points on the line y = 2x have one component, ±(1, 2)/√5, with its largest entry
    /// positive, and all the variance.
    @Test func findsTheDirectionOfALine() throws {
        let x = Matrix(rowArrays: [[0, 0], [1, 2], [2, 4], [3, 6]])
        let model = try PrincipalComponents.fit(x, components: .count(1))
        #expect(isClose(model.components.values, [1 / 5.0.squareRoot(), 2 / 5.0.squareRoot()], tolerance: 1e-14))
        // Variance along it: the centred coordinates are (−1.5, −0.5, 0.5, 1.5)·√5, so s²/(n−1) = 5·5/3.
        #expect(isClose(model.explainedVariance[0], 25.0 / 3, tolerance: 1e-12))
        #expect(isClose(model.explainedVarianceRatio[0], 1, tolerance: 1e-12))
    }

    @Test(arguments: [
        (HyperValue.integer(0), "got 0"),
        (.integer(5), "got 5"),
        (.number(1.5), "got 1.5"),
        (.number(-0.2), "got -0.2"),
        (.string("all"), "got all"),
    ]) func rejectsBadComponentCounts(value: HyperValue, ending: String) throws {
        let frame = try #require(Self.references.first).frame()
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.pca, on: frame, hyperparameters: ["components": value])
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.message.hasPrefix("components must be a whole number from 1 to 4"))
        #expect(error.message.hasSuffix(ending), "\(error.message)")
    }
}
