import Foundation
import MLData
import Testing

@testable import MLLearn

/// One case of Reference/boosting_small.json: a one-round, two-leaf fit on a handful of rows.
struct BoostingSmallCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var task: String
    var l2: Double
    var x: [[Double]]
    var y: [Double]
    var raw: RawPredictions
    var testDescription: String { name }

    /// scikit-learn's raw predictions: one number per row, or one row of class scores.
    enum RawPredictions: Decodable, Sendable {
        case single([Double])
        case perClass([[Double]])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let rows = try? container.decode([[Double]].self) {
                self = .perClass(rows)
            } else {
                self = .single(try container.decode([Double].self))
            }
        }

        /// The values row after row.
        var flat: [Double] {
            switch self {
            case .single(let values): values
            case .perClass(let rows): rows.flatMap { $0 }
            }
        }
    }
}

/// One dataset of Reference/boosting_parity.json.
struct BoostingParityCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var target: String
    var task: String
    var dropped: [String]
    var testIndices: [Int]
    var classes: [String]?
    var accuracy: Double?
    var r2: Double?
    var probabilities: [[Double]]?
    var predictions: [Double]?
    var testDescription: String { name }

    private enum CodingKeys: String, CodingKey {
        case name, target, task, dropped, classes, accuracy, r2, probabilities, predictions
        case testIndices = "test_indices"
    }
}

private struct BoostingSmallReference: Decodable { var cases: [BoostingSmallCase] }
private struct BoostingParityReference: Decodable { var datasets: [BoostingParityCase] }

@Suite struct GradientBoostingTests {
    // Reference/boosting_small.json and boosting_parity.json, written by
    // `python3 Tests/MLLearnTests/Reference/boosting_reference.py` (scikit-learn 1.9.1).
    static let smallCases: [BoostingSmallCase] =
        (try? loadReference(BoostingSmallReference.self, "boosting_small.json").cases) ?? []
    static let parityCases: [BoostingParityCase] =
        (try? loadReference(BoostingParityReference.self, "boosting_parity.json").datasets) ?? []

    /// Settings for one round of one split on tiny data.
    static var oneSplit: GradientBoosting.Settings {
        var settings = GradientBoosting.Settings()
        settings.rounds = 1
        settings.maxLeaves = 2
        settings.minSamplesLeaf = 1
        settings.earlyStopping = .off
        return settings
    }

    @Test func referenceFilesArePresent() {
        #expect(Self.smallCases.count == 4)
        #expect(Self.parityCases.count == 6)
    }

    /// A one-split regression tree matches the hand computation.
    ///
    /// Worked by hand: x = 1…6, y = 1, 1, 1, 5, 5, 5. The baseline is the mean, 3, so the gradients are f − y = 2, 2, 2, −2, −2, −2 with hessians 1. Bins are the six values (cuts at the midpoints 1.5 … 5.5);
    /// the root's value is 0, so a cut's gain is G²ₗ/Hₗ + G²ᵣ/Hᵣ, largest at x ≤ 3.5: 6²/3 + 6²/3 = 24
    /// (x ≤ 2.5 gives 4²/2 + 4²/4 = 12). The leaves are −G/(H + λ) × 0.1: −6/3 × 0.1 = −0.2 and +0.2, so the
    /// predictions are 2.8 and 3.2; with λ = 1 they are 3 ∓ 6/4 × 0.1 = 2.85 and 3.15.
    @Test(arguments: [(0.0, 2.8, 3.2), (1.0, 2.85, 3.15)])
    func regressionStumpMatchesTheHandComputation(l2: Double, low: Double, high: Double) throws {
        var settings = Self.oneSplit
        settings.l2 = l2
        let x = Matrix(rowArrays: (1...6).map { [Double($0)] })
        let model = try GradientBoosting.fit(x, target: .values([1, 1, 1, 5, 5, 5]), settings: settings)
        #expect(model.baseline == [3])
        let tree = try #require(model.trees.first)
        #expect(tree.features == [0, -1, -1])
        #expect(tree.thresholds[0] == 3.5)
        #expect(isClose(tree.values[1], low - 3, tolerance: 1e-12))
        #expect(isClose(model.predictValues(x), [low, low, low, high, high, high], tolerance: 1e-12))
        #expect(model.featureImportances == [1])
    }

    /// A one-split binary tree matches the hand computation.
    ///
    /// Worked by hand: y = 0, 0, 0, 1, 1, 1 gives a baseline log-odds of 0, so p = ½, gradients p − y = ±½ and
    /// hessians p(1 − p) = ¼. Split at x ≤ 3.5: the left leaf is −(3 · ½)/(3 · ¼) × 0.1 = −0.2, the right +0.2,
    /// so P(class 1) is σ(∓0.2) = 0.450166… and 0.549834….
    @Test func binaryStumpMatchesTheHandComputation() throws {
        let x = Matrix(rowArrays: (1...6).map { [Double($0)] })
        let model = try GradientBoosting.fit(
            x, target: .classes([0, 0, 0, 1, 1, 1], count: 2), settings: Self.oneSplit)
        #expect(model.baseline == [0])
        let raw = model.rawPredictions(x).values
        #expect(isClose(raw, [-0.2, -0.2, -0.2, 0.2, 0.2, 0.2], tolerance: 1e-12))
        let probabilities = model.predictProbabilities(x)
        #expect(isClose(probabilities[0, 1], 1 / (1 + exp(0.2)), tolerance: 1e-12))
        #expect(isClose(probabilities[0, 0] + probabilities[0, 1], 1, tolerance: 1e-15))
        #expect(model.predictClasses(x) == [0, 0, 0, 1, 1, 1])
    }

    @Test(arguments: smallCases)
    func smallFitsMatchScikitLearnRawPredictions(reference: BoostingSmallCase) throws {
        var settings = Self.oneSplit
        settings.l2 = reference.l2
        let x = Matrix(rowArrays: reference.x)
        let target: TrainingTarget =
            reference.task == "regression"
            ? .values(reference.y) : .classes(reference.y.map { Int($0) }, count: Set(reference.y).count)
        let model = try GradientBoosting.fit(x, target: target, settings: settings)
        // Gradients are single precision, as in scikit-learn: the multiclass hessians 2/9 round to 0.2222222…
        #expect(isClose(model.rawPredictions(x).values, reference.raw.flat, tolerance: 1e-12))
    }

    /// The parity tests: scikit-learn's HistGradientBoosting(random_state=42) on the notebook datasets,
    /// same 80/20 split, same preprocessing (swiftml's default tree pipeline), through `TrainedModel.fit`.
    ///
    /// Reference: `python3 Tests/MLLearnTests/Reference/boosting_reference.py` (scikit-learn 1.9.1): accuracy
    /// breast_cancer 0.9649, iris 0.9000, digits 0.9583, penguins 0.9855; R² diabetes 0.3866, cars 0.9101.
    /// Early stopping is off below 10 000 rows, so both fits are deterministic and follow the same algorithm
    /// (quantile bins, single-precision gradients, best-first growth, the same tie rules): besides the bar
    /// (0.02 accuracy, 0.03 R²) the test probabilities and predictions must agree with scikit-learn's to within
    /// the rounding of the reference file (12 and 10 decimals; measured gaps 5e-13 and 5e-11).
    @Test(arguments: parityCases)
    func matchesScikitLearnOnTheNotebookDatasets(reference: BoostingParityCase) throws {
        let path = repositoryRoot().appendingPathComponent("notebooks/data/\(reference.name).csv").path
        var frame = try CSVReader.read(path: path, displayName: reference.name).withTarget(reference.target)
        if !reference.dropped.isEmpty { frame = try frame.dropping(columns: reference.dropped) }
        let targetColumn = try frame.column(reference.target)
        frame = frame.selecting(rows: (0..<frame.rowCount).filter { !targetColumn.isMissing($0) })
        let testRows = Set(reference.testIndices)
        let train = frame.selecting(rows: (0..<frame.rowCount).filter { !testRows.contains($0) })
        let test = frame.selecting(rows: reference.testIndices)

        let model = try TrainedModel.fit(.boosting, on: train)
        let prediction = try model.predict(test)
        let evaluation = try evaluate(model, on: test)
        if let accuracy = reference.accuracy, let expected = reference.probabilities {
            #expect(model.task == .classification(classes: reference.classes ?? []))
            let measured = try #require(evaluation["accuracy"])
            let probabilities = try #require(prediction.probabilities)
            let gap = zip(probabilities.values, expected.flatMap { $0 }).map { abs($0 - $1) }.max() ?? .infinity
            print("\(reference.name): accuracy swiftml \(measured) sklearn \(accuracy); largest probability gap \(gap)")
            #expect(abs(measured - accuracy) <= 0.02)
            #expect(gap < 1e-9)
        } else {
            let r2 = try #require(reference.r2)
            let expected = try #require(reference.predictions)
            let measured = try #require(evaluation["r2"])
            let gap = zip(prediction.values, expected).map { abs($0 - $1) }.max() ?? .infinity
            print("\(reference.name): R² swiftml \(measured) sklearn \(r2); largest prediction gap \(gap)")
            #expect(abs(measured - r2) <= 0.03)
            #expect(gap < 1e-8)
        }
    }

    @Test func sameSeedGivesTheSameModel() throws {
        let x = Self.twoMoons(rows: 600)
        var settings = GradientBoosting.Settings()
        settings.earlyStopping = .on
        settings.rounds = 60
        settings.seed = 7
        let first = try GradientBoosting.fit(x.x, target: .classes(x.y, count: 2), settings: settings)
        let second = try GradientBoosting.fit(x.x, target: .classes(x.y, count: 2), settings: settings)
        #expect(first == second)
        #expect(first.predictProbabilities(x.x) == second.predictProbabilities(x.x))
        settings.seed = 8
        let other = try GradientBoosting.fit(x.x, target: .classes(x.y, count: 2), settings: settings)
        #expect(other != first)
    }

    @Test func earlyStoppingHoldsOutAStratifiedFractionAndStops() throws {
        let data = Self.twoMoons(rows: 600)
        var settings = GradientBoosting.Settings()
        settings.earlyStopping = .on
        settings.rounds = 500
        settings.learningRate = 0.5
        let model = try GradientBoosting.fit(data.x, target: .classes(data.y, count: 2), settings: settings)
        // ⌈0.1 × 600⌉ = 60 validation rows, 30 of each class.
        #expect(model.validationRows == 60)
        #expect(model.stoppedEarly)
        #expect(model.rounds < 500)
        #expect(model.stoppingLosses.count == model.rounds + 1)
        let split = try GradientBoosting.validationSplit(
            data.y.map(Double.init), classCount: 2, fraction: 0.1, generator: SeededGenerator(seed: 1))
        #expect(split.validation.filter { data.y[$0] == 1 }.count == 30)
        #expect(Set(split.train).isDisjoint(with: split.validation))
        #expect(split.train.count + split.validation.count == 600)
    }

    /// The raw predictions boosting keeps for its training (and validation) rows are exactly what walking the
    /// trees gives, so `fit` can score the training rows from them.
    @Test(arguments: [false, true]) func keptTrainingScoresEqualPredictionsOnTheTrainingRows(regression: Bool) throws {
        let data = Self.twoMoons(rows: 400)
        var settings = GradientBoosting.Settings()
        settings.earlyStopping = .on
        settings.rounds = 30
        let target: TrainingTarget = regression ? .values(data.y.map(Double.init)) : .classes(data.y, count: 2)
        let fit = try GradientBoosting.fitKeepingTrainingScores(data.x, target: target, settings: settings)
        #expect(fit.model.validationRows == 40)
        #expect(fit.trainingScores == fit.model.rawPredictions(data.x))
        let three = Self.twoMoons(rows: 300)
        let labels = (0..<three.x.rows).map { three.x[$0, 0] > 1 ? 2 : three.y[$0] }
        let multi = try GradientBoosting.fitKeepingTrainingScores(
            three.x, target: .classes(labels, count: 3), settings: settings)
        #expect(multi.trainingScores == multi.model.rawPredictions(three.x))
    }

    @Test func stopsWhenTenRoundsFailToImproveByTheTolerance() {
        // scikit-learn's rule on losses: stop when none of the last 10 beats the one before them by > 1e-7.
        let flat = [1.0, 0.5] + [Double](repeating: 0.5, count: 10)
        #expect(GradientBoosting.shouldStop(flat, patience: 10, tolerance: 1e-7))
        #expect(!GradientBoosting.shouldStop(Array(flat.dropLast()), patience: 10, tolerance: 1e-7))
        var improving = flat
        improving[improving.count - 1] = 0.5 - 2e-7
        #expect(!GradientBoosting.shouldStop(improving, patience: 10, tolerance: 1e-7))
        improving[improving.count - 1] = 0.5 - 0.5e-7
        #expect(GradientBoosting.shouldStop(improving, patience: 10, tolerance: 1e-7))
    }

    @Test func autoEarlyStoppingFollowsTheRowCount() throws {
        let small = try TrainedModel.fit(
            .boosting, on: Self.moonsFrame(rows: 300), hyperparameters: ["rounds": .integer(5)])
        #expect(small.summary.contains { $0.0 == "early stopping" && $0.1 == "off" })
        #expect(small.hyperparameter("early_stop") == .string("auto"))
        let forced = try TrainedModel.fit(
            .boosting, on: Self.moonsFrame(rows: 300),
            hyperparameters: ["rounds": .integer(5), "early_stop": .bool(true)])
        let line = forced.summary.first { $0.0 == "early stopping" }
        #expect(line?.1.hasPrefix("on (30 validation rows held out)") == true)
    }

    @Test func summaryReportsRoundsLeavesAndStopping() throws {
        let model = try TrainedModel.fit(
            .boosting, on: Self.moonsFrame(rows: 300), hyperparameters: ["rounds": .integer(20), "leaves": .integer(4)])
        let summary = Dictionary(model.summary, uniquingKeysWith: { first, _ in first })
        #expect(summary["rounds used"] == "20 of 20, log-loss")
        #expect(summary["leaves per tree"] == "4 each")
        #expect(summary["early stopping"] == "off")
        #expect(summary["leaves"] == "4")
        #expect(summary["depth"] == "none")
    }

    @Test func importancesAreNormalisedAndFavourTheInformativeColumn() throws {
        // Column 0 decides the class; column 1 is noise.
        var random = SeededGenerator(seed: 3)
        let rows = (0..<400).map { _ in [random.nextUnit(), random.nextUnit()] }
        let y = rows.map { $0[0] > 0.5 ? 1 : 0 }
        let model = try GradientBoosting.fit(Matrix(rowArrays: rows), target: .classes(y, count: 2))
        #expect(isClose(model.featureImportances.reduce(0, +), 1, tolerance: 1e-12))
        #expect(model.featureImportances[0] > 0.9)
    }

    @Test func depthLimitsTheTrees() throws {
        var settings = GradientBoosting.Settings()
        settings.maxDepth = 2
        settings.rounds = 5
        let data = Self.twoMoons(rows: 400)
        let model = try GradientBoosting.fit(data.x, target: .classes(data.y, count: 2), settings: settings)
        #expect(model.leafCounts.allSatisfy { $0 <= 4 })
    }

    @Test(arguments: [
        (["leaves": HyperValue.integer(1)], "leaves must be a whole number ≥ 2 or none, got 1"),
        (["rate": .number(0)], "rate must be a positive number, got 0"),
        (["rounds": .integer(0)], "rounds must be a whole number ≥ 1, got 0"),
        (["min_leaf": .number(2.5)], "min_leaf must be a whole number ≥ 1, got 2.5"),
        (["l2": .number(-1)], "l2 must be a non-negative number, got -1"),
        (["depth": .integer(0)], "depth must be a whole number ≥ 1 or none, got 0"),
        (["bins": .integer(256)], "bins must be a whole number from 2 to 255, got 256"),
        (["early_stop": .string("sometimes")], "early_stop must be auto, true or false, got sometimes"),
        (["validation": .number(1)], "validation must be a fraction between 0 and 1 (exclusive) or none, got 1"),
        (["seed": .integer(-3)], "seed must be a whole number ≥ 0, got -3"),
    ])
    func rejectsBadHyperparametersClearly(hyperparameters: [String: HyperValue], message: String) throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.boosting, on: Self.moonsFrame(rows: 100), hyperparameters: hyperparameters)
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.message == message)
    }

    @Test func suggestsTheNotebookNameForScikitLearnNames() throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.boosting, on: Self.moonsFrame(rows: 100), hyperparameters: ["leave": .integer(10)])
        }
        #expect(error.code == .unknownHyperparameter)
        #expect(error.message.contains("did you mean 'leaves'?"))
    }

    @Test func tooSmallAValidationSetIsAnError() throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(
                .boosting, on: Self.moonsFrame(rows: 12),
                hyperparameters: ["early_stop": .bool(true), "validation": .number(0.05)])
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.message.contains("set early_stop: false"))
    }

    @Test func roundTripsThroughJSON() throws {
        let frame = try Self.moonsFrame(rows: 200)
        let model = try TrainedModel.fit(.boosting, on: frame, hyperparameters: ["rounds": .integer(10)])
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.predict(frame) == model.predict(frame))
    }

    @Test func constantInputsGiveTheBaseline() throws {
        // No column can split, so every tree is a single leaf of value 0 (scikit-learn's root value).
        let x = Matrix(rows: 50, columns: 2, repeating: 1)
        let y = (0..<50).map { Double($0) }
        let model = try GradientBoosting.fit(x, target: .values(y))
        #expect(model.leafCounts.allSatisfy { $0 == 1 })
        #expect(model.predictValues(x).allSatisfy { $0 == 24.5 })
        #expect(model.featureImportances == [0, 0])
    }

    @Test func regressionEarlyStoppingHoldsOutAPlainFraction() throws {
        let data = Self.twoMoons(rows: 333)
        var settings = GradientBoosting.Settings()
        settings.earlyStopping = .on
        settings.validationFraction = 0.2
        let model = try GradientBoosting.fit(data.x, target: .values(data.y.map(Double.init)), settings: settings)
        // ⌈0.2 × 333⌉ = 67.
        #expect(model.validationRows == 67)
        #expect(model.stoppingLosses.count == model.rounds + 1)
    }

    @Test func earlyStoppingWithoutValidationScoresTheTrainingRows() throws {
        let data = Self.twoMoons(rows: 300)
        var settings = GradientBoosting.Settings()
        settings.earlyStopping = .on
        settings.validationFraction = nil
        settings.rounds = 30
        let model = try GradientBoosting.fit(data.x, target: .classes(data.y, count: 2), settings: settings)
        #expect(model.validationRows == 0)
        // The training loss keeps falling, so all 30 rounds run.
        #expect(model.rounds == 30)
        #expect(zip(model.stoppingLosses, model.stoppingLosses.dropFirst()).allSatisfy { $1 < $0 })
    }

    @Test func binsFollowScikitLearnsQuantiles() {
        // Few distinct values: midpoints. Many: numpy's averaged-inverted-CDF percentiles at i/255.
        #expect(FeatureBinning.cuts(sorted: [1, 1, 2, 4], maxBins: 255) == [1.5, 3])
        let values = (0..<1000).map { Double($0) }
        let cuts = FeatureBinning.cuts(sorted: values, maxBins: 255)
        #expect(cuts.count == 254)
        // 1000 · 1/255 − 1 = 2.92…: a fractional index takes the next value, sorted[3].
        #expect(cuts[0] == 3)
        // 1000 · 51/255 − 1 = 199 exactly (0.2 · 1000): the mean of sorted[199] and sorted[200].
        #expect(cuts[50] == 199.5)
        let shuffled = values.reversed() + [-0.5, -2, 1e300, -1e-300]
        let (sorted, positions) = FeatureBinning.sortedWithPositions(shuffled)
        #expect(sorted == shuffled.sorted())
        #expect(positions.map { shuffled[Int($0)] } == sorted)
        // Codes from the sorted walk agree with the binary search.
        let x = Matrix(rowArrays: shuffled.map { [$0] })
        let (binning, codes) = FeatureBinning.fit(
            x, rows: Array(0..<x.rows), maxBins: 16, generator: SeededGenerator(seed: 1))
        #expect(codes.codes == binning.code(x, rows: Array(0..<x.rows)).codes)
        #expect(binning.thresholds[0].count == 15)
    }

    // MARK: - Data

    /// Two interleaved half circles with noise, seeded: a classic nonlinear two-class problem.
    static func twoMoons(rows: Int) -> (x: Matrix, y: [Int]) {
        var random = SeededGenerator(seed: 11)
        var x: [[Double]] = []
        var y: [Int] = []
        for i in 0..<rows {
            let label = i % 2
            let angle = Double.pi * random.nextUnit()
            let noise = (random.nextUnit() - 0.5) * 0.6
            x.append(
                label == 0
                    ? [cos(angle) + noise, sin(angle) + noise]
                    : [1 - cos(angle) + noise, 0.5 - sin(angle) + noise])
            y.append(label)
        }
        return (Matrix(rowArrays: x), y)
    }

    /// ``twoMoons(rows:)`` as a frame with a yes/no target.
    static func moonsFrame(rows: Int) throws -> DataFrame {
        let data = twoMoons(rows: rows)
        return try numericFrame(
            data.x.rowArrays, names: ["a", "b"], target: ("label", data.y.map { $0 == 1 ? "yes" : "no" }))
    }
}
