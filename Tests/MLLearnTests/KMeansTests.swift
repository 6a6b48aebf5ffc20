import Foundation
import MLData
import Testing

@testable import MLLearn

/// Reference/kmeans_reference.json.
private struct KMeansReference: Decodable {
    struct Iris: Decodable {
        var inertia: Double
        var iterations: Int
        var ari: Double
        var clusterSizes: [Int]
        var singleStartSeed42Inertia: Double

        private enum CodingKeys: String, CodingKey {
            case inertia, iterations, ari
            case clusterSizes = "cluster_sizes"
            case singleStartSeed42Inertia = "single_start_seed42_inertia"
        }
    }

    struct RandIndexCase: Decodable {
        var truth: [Int]
        var predicted: [Int]
        var ari: Double
    }

    struct SilhouetteCase: Decodable {
        var x: [[Double]]
        var labels: [Int]
        var silhouette: Double
    }

    var iris: Iris
    var ari: [RandIndexCase]
    var silhouette: [SilhouetteCase]
}

/// Iris with the species as the frame's target (so clustering leaves it out), read by MLData's CSV reader.
private func irisFrame() throws -> DataFrame {
    let path = repositoryRoot().appendingPathComponent("notebooks/data/iris.csv").path
    return try CSVReader.read(path: path, displayName: "iris.csv").withTarget("species")
}

@Suite struct KMeansTests {
    // Reference/kmeans_reference.json, written by `python3 Tests/MLLearnTests/Reference/kmeans_reference.py`
    // (scikit-learn 1.9.1).
    private static func reference() throws -> KMeansReference {
        try loadReference(KMeansReference.self, "kmeans_reference.json")
    }

    /// Two obvious groups worked by hand: centroids (0, 0.5) and (10, 0.5), each row 0.5 from its centroid,
    /// inertia 4 × 0.25 = 1.
    @Test func findsTwoObviousClusters() throws {
        let x = Matrix(rowArrays: [[0, 0], [10, 1], [0, 1], [10, 0]])
        let model = try KMeans.fit(x, k: 2, restarts: 3)
        #expect(model.converged)
        #expect(isClose(model.inertia, 1, tolerance: 1e-12))
        let labels = model.predict(x)
        #expect(labels[0] == labels[2] && labels[1] == labels[3] && labels[0] != labels[1])
        let centroids = model.centroids.rowArrays.sorted { $0[0] < $1[0] }
        #expect(isClose(centroids[0], [0, 0.5]) && isClose(centroids[1], [10, 0.5]))
        #expect(model.predict(Matrix(rowArrays: [[1, 0], [9, 2]])) == [labels[0], labels[1]])
    }

    /// An assignment step worked by hand: with centroids (0, 0) and (4, 0), the row (2, 0) is equally far
    /// from both and goes to the first, as NumPy's argmin does.
    @Test func assignsToTheNearestCentroidFirstOnATie() {
        let x = Matrix(rowArrays: [[0, 0], [1, 0], [2, 0], [3, 0]])
        let labels = KMeans.assign(x, centroids: Matrix(rowArrays: [[0, 0], [4, 0]]), parallelBlocks: false)
        #expect(labels == [0, 0, 0, 1])
    }

    /// Scaled iris, k = 3: inertia and adjusted Rand index match scikit-learn's.
    ///
    /// Inertia within 1% of KMeans(n_clusters=3, n_init=10, random_state=42) (139.82) and the adjusted Rand
    /// index against the species within 0.02 (0.6201). Ten starts on both sides: with one start
    /// (scikit-learn's default) scikit-learn's own inertia is 139.8 to 197.3 depending on random_state.
    @Test func irisMatchesScikitLearn() throws {
        let reference = try Self.reference().iris
        let frame = try irisFrame()
        let model = try TrainedModel.fit(
            .kmeans, on: frame, hyperparameters: ["k": .integer(3), "restarts": .integer(10)])
        #expect(model.task == .clustering(clusters: 3))
        #expect(model.estimator.clusterCount == 3)
        guard case .kmeans(let kmeans) = model.estimator else {
            Issue.record("expected k-means")
            return
        }
        print("iris: swiftml inertia \(kmeans.inertia), sklearn \(reference.inertia)")
        #expect(abs(kmeans.inertia - reference.inertia) <= 0.01 * reference.inertia)
        #expect(isClose(try #require(model.trainingMetrics["inertia"]), kmeans.inertia, tolerance: 1e-9))
        let clusters = try model.predict(frame).clusters
        let species = try #require(classLabels(of: try frame.column("species"))).indices
        let ari = adjustedRandIndex(truth: species, predicted: clusters)
        print("iris: swiftml ARI \(ari), sklearn \(reference.ari)")
        #expect(abs(ari - reference.ari) <= 0.02)
        var sizes = [Int](repeating: 0, count: 3)
        for c in clusters { sizes[c] += 1 }
        #expect(sizes.sorted() == reference.clusterSizes)
    }

    /// The defaults: k = 8, one start, max_iter 300, tol 1e-4, as scikit-learn 1.9 (n_init="auto" is one
    /// start for k-means++).
    @Test func usesScikitLearnDefaults() throws {
        let model = try TrainedModel.fit(.kmeans, on: try irisFrame())
        #expect(model.task == .clustering(clusters: 8))
        #expect(model.hyperparameter("k") == .integer(8))
        #expect(model.hyperparameter("restarts") == .integer(1))
        #expect(model.hyperparameter("max_iter") == .integer(300))
        #expect(model.hyperparameter("tol") == .number(1e-4))
        let summary = Dictionary(model.summary, uniquingKeysWith: { first, _ in first })
        #expect(summary["initialisation"] == "k-means++ (1 start)")
    }

    @Test func sameSeedGivesTheSameClustering() throws {
        let frame = try irisFrame()
        // Four restarts run in parallel, each on its own derived stream: the result cannot depend on timing.
        let given: [String: HyperValue] = ["k": .integer(5), "restarts": .integer(4), "seed": .integer(3)]
        let first = try TrainedModel.fit(.kmeans, on: frame, hyperparameters: given)
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
        for _ in 0..<3 {
            #expect(try TrainedModel.fit(.kmeans, on: frame, hyperparameters: given).estimator == first.estimator)
        }
    }

    /// A cluster left empty by an assignment step takes the row farthest from its centroid.
    ///
    /// Worked by hand: from centroids (0, 0), (0, 0), (5, 0.5) the three rows at the origin all go to the
    /// first (a tie goes to the lower index) and the second is empty; the rows (5, 0) and (5, 1) are both
    /// 0.25 from their centroid, so the lower-index one, (5, 0), moves to the empty cluster. The next pass
    /// changes nothing.
    @Test func relocatesEmptyClustersToTheFarthestRow() {
        let x = Matrix(rowArrays: [[0, 0], [0, 0], [0, 0], [5, 0], [5, 1]])
        let run = KMeans.lloyd(
            x, centroids: Matrix(rowArrays: [[0, 0], [0, 0], [5, 0.5]]), squaredNorms: [0, 0, 0, 25, 26],
            maxIterations: 10, tolerance: 0, parallelBlocks: false)
        #expect(run.centroids.rowArrays == [[0, 0], [5, 0], [5, 1]])
        #expect(run.labels == [0, 0, 0, 1, 2])
        #expect(run.inertia == 0)
        #expect(run.converged)
    }

    @Test(arguments: [
        ("k", HyperValue.integer(0), "k must be a whole number ≥ 1, got 0"),
        ("k", .integer(200), "k must be at most the number of training rows (150), got 200"),
        ("restarts", .integer(0), "restarts must be a whole number ≥ 1, got 0"),
        ("max_iter", .integer(-3), "max_iter must be a whole number ≥ 1, got -3"),
        ("tol", .number(-1), "tol must be a number ≥ 0, got -1"),
    ]) func rejectsBadHyperparameters(name: String, value: HyperValue, message: String) throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.kmeans, on: try irisFrame(), hyperparameters: [name: value])
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.message == message)
    }

    /// adjustedRandIndex against scikit-learn's adjusted_rand_score.
    @Test func adjustedRandIndexMatchesScikitLearn() throws {
        for reference in try Self.reference().ari {
            let value = adjustedRandIndex(truth: reference.truth, predicted: reference.predicted)
            #expect(isClose(value, reference.ari, tolerance: 1e-12), "\(reference.truth) vs \(reference.predicted)")
        }
    }

    /// silhouetteScore against scikit-learn's silhouette_score (Euclidean, every row).
    @Test func silhouetteScoreMatchesScikitLearn() throws {
        for reference in try Self.reference().silhouette {
            let value = silhouetteScore(Matrix(rowArrays: reference.x), assignments: reference.labels)
            #expect(isClose(value, reference.silhouette, tolerance: 1e-12), "\(reference.labels)")
        }
    }
}
