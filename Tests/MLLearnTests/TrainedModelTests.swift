import Foundation
import MLData
import Testing

@testable import MLLearn

@Suite struct TrainedModelTests {
    /// Iris from Reference/logistic_small.json as a frame with a category target `species`.
    static func iris() throws -> DataFrame {
        let reference = try #require(LogisticRegressionTests.references.last)
        let names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
        let species = ["setosa", "versicolor", "virginica"]
        return try numericFrame(reference.x, names: names, target: ("species", reference.y.map { species[$0] }))
    }

    /// A small mixed frame: a number, a category with a missing value, and a yes/no target.
    static func mixed() throws -> DataFrame {
        try DataFrame(
            columns: [
                Column(name: "size", numbers: [1, 2, 3, 4, 5, 6, 7, 8]),
                Column(name: "colour", categories: ["red", "blue", "red", nil, "blue", "green", "red", "blue"]),
                Column(name: "bought", categories: ["no", "no", "yes", "no", "yes", "yes", "no", "yes"]),
            ],
            target: "bought"
        )
    }

    @Test func fitsIrisWithTheDefaultPipeline() throws {
        let frame = try Self.iris()
        let model = try TrainedModel.fit(.logistic, on: frame)
        #expect(model.task == .classification(classes: ["setosa", "versicolor", "virginica"]))
        #expect(model.target == "species")
        #expect(model.features.map(\.name) == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        #expect(model.trainingRows == 150)
        #expect(model.hyperparameters.map(\.name) == ["C", "penalty", "max_iter", "tol"])
        #expect(model.hyperparameter("C") == .number(1))
        // The model is the estimator applied to the pipeline's output: the same as fitting by hand.
        let x = try model.pipeline.transform(frame)
        let direct = try LogisticRegression.fit(x, classes: LogisticRegressionTests.references[3].y, classCount: 3)
        let prediction = try model.predict(frame)
        #expect(prediction.probabilities == direct.predictProbabilities(x))
        #expect(prediction.labels.count == 150)
        // scikit-learn (StandardScaler + LogisticRegression()) scores 0.9733 on the iris training rows:
        // `make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y).score(X, y)`.
        #expect(model.trainingMetrics["accuracy"].map { isClose($0, 0.9733333333333334) } == true)
    }

    @Test func oneHotEncodesCategoricalFeatures() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.mixed())
        #expect(model.pipeline.outputNames == ["size", "colour=blue", "colour=green", "colour=red"])
        #expect(model.features[1] == FeatureSchema(name: "colour", type: .category, levels: ["blue", "green", "red"]))
        #expect(model.task.classes == ["no", "yes"])
    }

    @Test func unknownHyperparameterSuggestsTheNearestName() throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.logistic, on: Self.mixed(), hyperparameters: ["max_iters": .integer(10)])
        }
        #expect(error.code == .unknownHyperparameter)
        #expect(error.message.contains("did you mean 'max_iter'?"))
    }

    @Test(arguments: [
        ["C": HyperValue.number(-1)], ["C": .string("big")], ["max_iter": .number(2.5)], ["penalty": .string("l3")],
    ])
    func rejectsBadHyperparameterValues(hyperparameters: [String: HyperValue]) throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.logistic, on: Self.mixed(), hyperparameters: hyperparameters)
        }
        #expect(error.code == .invalidHyperparameter)
    }

    @Test func acceptsTheNoneLiteralAsPenalty() throws {
        let model = try TrainedModel.fit(
            .logistic, on: Self.iris(), hyperparameters: ["penalty": .null, "C": .integer(2)])
        #expect(model.hyperparameter("penalty") == .string("none"))
        #expect(model.hyperparameter("C") == .number(2))
    }

    @Test func rejectsARegressionTarget() throws {
        let error = try #require(throws: LearnError.self) {
            try TrainedModel.fit(.logistic, on: Self.mixed(), target: "size")
        }
        #expect(error.code == .unsupportedTarget)
        #expect(error.message.contains("'size' is a number column"))
    }

    @Test func needsATarget() throws {
        let frame = try Self.mixed().withTarget(nil)
        #expect(throws: LearnError.self) { try TrainedModel.fit(.logistic, on: frame) }
    }

    @Test func dropsRowsWithAMissingTargetAndSaysSo() throws {
        let frame = try Self.mixed().adding(
            Column(name: "bought", categories: ["no", nil, "yes", "no", "yes", "yes", nil, "yes"])
        )
        let model = try TrainedModel.fit(.logistic, on: frame)
        #expect(model.trainingRows == 6)
        #expect(model.warnings == ["2 rows with a missing 'bought' dropped"])
    }

    @Test func integerTargetClassesSortNumerically() throws {
        let frame = try DataFrame(
            columns: [
                Column(name: "x", numbers: [0, 1, 2, 3, 4, 5]),
                Column(name: "grade", storage: .integer([10, 2, 1, 10, 2, 1])),
            ],
            target: "grade"
        )
        #expect(try TrainedModel.fit(.logistic, on: frame).task.classes == ["1", "2", "10"])
    }

    @Test func warnsWhenTheSolverStopsEarly() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.iris(), hyperparameters: ["max_iter": .integer(2)])
        #expect(model.warnings.contains { $0.hasPrefix("logistic regression did not converge after 2 iterations") })
    }

    @Test func predictionNeedsTheFeatureColumns() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.mixed())
        let error = try #require(throws: DataError.self) {
            try model.predict(try Self.mixed().dropping(columns: ["size"]))
        }
        #expect(error.code == .unknownColumn)
        // The target column is not needed.
        #expect(try model.predict(try Self.mixed().dropping(columns: ["bought"])).count == 8)
    }

    @Test func evaluationLeavesOutUnseenClassesWithAWarning() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.mixed())
        let frame = try Self.mixed().adding(
            Column(name: "bought", categories: ["no", "maybe", "yes", "no", "yes", "yes", "no", "yes"])
        )
        let evaluation = try evaluate(model, on: frame)
        #expect(evaluation.rowCount == 7)
        #expect(evaluation.warnings == ["1 row with a class not seen in training ('maybe') left out"])
    }

    @Test func roundTripsThroughJSON() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.mixed())
        let decoded = try JSONDecoder().decode(TrainedModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.predict(Self.mixed()) == model.predict(Self.mixed()))
    }

    /// The summaries' numbers: whole numbers as integers, others as C's `%.4g` (hand-worked).
    @Test func summaryNumbersHaveFourSignificantDigits() {
        #expect(formatNumber(3) == "3")
        #expect(formatNumber(-120) == "-120")
        #expect(formatNumber(0.123456) == "0.1235")
        #expect(formatNumber(2.5) == "2.5")
        #expect(formatNumber(1_234_567.5) == "1.235e+06")
        #expect(formatNumber(-2.5e-7) == "-2.5e-07")
        #expect(formatNumber(.nan) == "nan")
        #expect(formatNumber(-.infinity) == "-inf")
    }

    /// A thread whose locale writes decimal commas (one built here with glibc's `localedef`) still gets points:
    /// reports must not depend on the reader's locale.
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/localedef")
                && FileManager.default.fileExists(atPath: "/usr/share/i18n/charmaps/UTF-8.gz"),
            "needs glibc's localedef and the locales package's UTF-8 charmap"))
    func summaryNumbersIgnoreTheLocale() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swiftml-locale-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("comma")
        try "LC_NUMERIC\ndecimal_point \",\"\nthousands_sep \".\"\ngrouping 3;3\nEND LC_NUMERIC\n".write(
            to: source, atomically: true, encoding: .utf8)
        // Only the numbers are defined, so localedef warns and exits 1 (-c writes the files anyway).
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/localedef")
        build.arguments = ["-c", "-i", source.path, "-f", "UTF-8", folder.appendingPathComponent("comma.UTF-8").path]
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        setenv("LOCPATH", folder.path, 1)
        let comma = try #require(newlocale(LC_NUMERIC_MASK, "comma.UTF-8", nil))
        defer { freelocale(comma) }
        let previous = uselocale(comma)
        defer { uselocale(previous) }
        #expect(String(cString: localeconv().pointee.decimal_point) == ",")  // the thread writes commas now
        #expect(formatNumber(0.123456) == "0.1235")
        #expect(formatNumber(1_234_567.5) == "1.235e+06")
    }

    @Test func summaryReadsLikeAReport() throws {
        let model = try TrainedModel.fit(.logistic, on: Self.mixed())
        let summary = Dictionary(uniqueKeysWithValues: model.summary)
        #expect(model.summary.first?.1 == "logistic regression")
        #expect(summary["task"] == "classification, 2 classes: no, yes")
        #expect(summary["features"] == "2 columns → 4 inputs")
        #expect(summary["C"] == "1")
        #expect(summary["tol"] == "0.0001")
        #expect(summary["solver"]?.hasPrefix("L-BFGS") == true)
        #expect(summary["training accuracy"] != nil)
    }

    @Test func modelKindsAreReadWithSuggestions() throws {
        #expect(try ModelKind(name: "Logistic") == .logistic)
        let error = try #require(throws: LearnError.self) { try ModelKind(name: "logistc") }
        #expect(error.code == .unknownModelKind)
        #expect(error.message.contains("did you mean 'logistic'?"))
    }

    @Test func hyperValuesKeepTheirKindInJSON() throws {
        let values: [HyperValue] = [
            .number(1), .integer(1), .string("l2"), .bool(true), .list([.integer(64), .integer(32)]), .null,
        ]
        let decoded = try JSONDecoder().decode([HyperValue].self, from: JSONEncoder().encode(values))
        #expect(decoded == values)
        #expect(HyperValue.list([.integer(64), .integer(32)]).description == "[64, 32]")
    }
}
