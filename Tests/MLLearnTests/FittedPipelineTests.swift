import Foundation
import Testing

@testable import MLData
@testable import MLLearn

@Suite struct FittedPipelineTests {
    /// The training frame of the scikit-learn cross-check below.
    static func trainingFrame() throws -> DataFrame {
        try DataFrame(columns: [
            Column(name: "x", numbers: [1.0, nil, 3.0, 10.0, 4.0]),
            Column(
                name: "n", storage: .integer([1, 2, 2, 5, 0]), missing: MissingMask([false, false, false, false, true])),
            Column(name: "island", categories: ["Biscoe", "Dream", nil, "Biscoe", "Torgersen"]),
            Column(name: "flag", storage: .boolean([true, false, true, true, false])),
            Column(name: "c", numbers: [2, 2, 2, 2, 2]),
        ])
    }

    /// Two new rows: an unseen island, missing values, a constant column that moved.
    static func testFrame() throws -> DataFrame {
        try DataFrame(columns: [
            Column(name: "x", numbers: [nil, 0.0]),
            Column(name: "n", storage: .integer([3, 0]), missing: MissingMask([false, true])),
            Column(name: "island", categories: ["Shetland", nil]),
            Column(name: "flag", storage: .boolean([false, true])),
            Column(name: "c", numbers: [2, 5]),
        ])
    }

    static let features = ["x", "n", "flag", "c", "island"]

    // Reference: scikit-learn 1.9.1,
    //   ColumnTransformer([("num", make_pipeline(SimpleImputer(strategy=S), SCALER), ["x","n","flag","c"]),
    //                      ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
    //                                            OneHotEncoder(handle_unknown="ignore")), ["island"])])
    // .fit_transform(train) and .transform(test), on the frames above (flag as 1.0/0.0).
    static let cases: [(PipelineSpec, [[Double]], [[Double]])] = [
        (
            PipelineSpec(impute: .median, scale: .standard, encode: .oneHot),  // S="median", StandardScaler()
            [
                [-1.0903506907508982, -1.03209369308428, 0.816496580927726, 0.0, 1.0, 0.0, 0.0],
                [-0.26432744018203586, -0.2948839123097942, -1.224744871391589, 0.0, 0.0, 1.0, 0.0],
                [-0.4295320902958083, -0.2948839123097942, 0.816496580927726, 0.0, 1.0, 0.0, 0.0],
                [1.883333011297006, 1.9167454300136628, 0.816496580927726, 0.0, 1.0, 0.0, 0.0],
                [-0.09912279006826341, -0.2948839123097942, -1.224744871391589, 0.0, 0.0, 0.0, 1.0],
            ],
            [
                [-0.26432744018203586, 0.44232586846469146, -1.224744871391589, 0.0, 0.0, 0.0, 0.0],
                [-1.420759990978443, -0.2948839123097942, 0.816496580927726, 3.0, 1.0, 0.0, 0.0],
            ]
        ),
        (
            PipelineSpec(impute: .mean, scale: .minMax, encode: .oneHot),  // S="mean", MinMaxScaler()
            [
                [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0], [0.3888888888888889, 0.25, 0.0, 0.0, 0.0, 1.0, 0.0],
                [0.2222222222222222, 0.25, 1.0, 0.0, 1.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0],
                [0.3333333333333333, 0.375, 0.0, 0.0, 0.0, 0.0, 1.0],
            ],
            [
                [0.3888888888888889, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
                [-0.1111111111111111, 0.375, 1.0, 3.0, 1.0, 0.0, 0.0],
            ]
        ),
        (
            PipelineSpec(impute: .mostFrequent, scale: .robust, encode: .oneHot),  // "most_frequent", RobustScaler()
            [
                [-0.6666666666666666, -1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                [-0.6666666666666666, 0.0, -1.0, 0.0, 0.0, 1.0, 0.0],
                [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0], [2.3333333333333335, 3.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                [0.3333333333333333, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0],
            ],
            [[-0.6666666666666666, 1.0, -1.0, 0.0, 0.0, 0.0, 0.0], [-1.0, 0.0, 0.0, 3.0, 1.0, 0.0, 0.0]]
        ),
    ]

    @Test(arguments: 0..<3) func matchesScikitLearn(caseIndex: Int) throws {
        let (spec, expectedTrain, expectedTest) = Self.cases[caseIndex]
        let pipeline = try FittedPipeline.fit(spec, on: Self.trainingFrame(), features: Self.features)
        #expect(pipeline.outputNames == ["x", "n", "flag", "c", "island=Biscoe", "island=Dream", "island=Torgersen"])
        let train = try pipeline.transform(Self.trainingFrame())
        let test = try pipeline.transform(Self.testFrame())
        #expect(isClose(train.values, expectedTrain.flatMap { $0 }, tolerance: 1e-12))
        #expect(isClose(test.values, expectedTest.flatMap { $0 }, tolerance: 1e-12))
    }

    /// Hand-worked: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and population variance 4; 1 … 5 (a length that is
    /// not a multiple of the four sums) has mean 3 and variance 2.
    @Test func meanAndVarianceOfHandWorkedValues() {
        let eight = meanAndVariance([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(eight.mean == 5 && eight.variance == 4)
        let five = meanAndVariance([1, 2, 3, 4, 5])
        #expect(five.mean == 3 && five.variance == 2)
        let empty = meanAndVariance([])
        #expect(empty.mean == 0 && empty.variance == 0)
    }

    @Test func constantImputationFillsTheGivenValue() throws {
        // SimpleImputer(strategy="constant", fill_value=-1.0) on x, n → test rows [[-1, 3], [0, -1]].
        let spec = PipelineSpec(impute: .constant(-1), scale: .none)
        let pipeline = try FittedPipeline.fit(spec, on: Self.trainingFrame(), features: ["x", "n"])
        #expect(try pipeline.transform(Self.testFrame()).rowArrays == [[-1, 3], [0, -1]])
    }

    @Test func unseenCategoriesBecomeAllZeros() throws {
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: Self.trainingFrame(), features: ["island"])
        // Row 0 is "Shetland", never seen in training; row 1 is missing → the most frequent level, Biscoe.
        #expect(try pipeline.transform(Self.testFrame()).rowArrays == [[0, 0, 0], [1, 0, 0]])
    }

    @Test func ordinalEncodingUsesSortedLevelsAndMinusOneForUnseen() throws {
        let pipeline = try FittedPipeline.fit(
            PipelineSpec(encode: .ordinal), on: Self.trainingFrame(), features: ["island"])
        #expect(pipeline.outputNames == ["island"])
        // Levels Biscoe=0, Dream=1, Torgersen=2; the missing row is imputed with Biscoe.
        #expect(try pipeline.transform(Self.trainingFrame()).column(0) == [0, 1, 0, 0, 2])
        #expect(try pipeline.transform(Self.testFrame()).column(0) == [-1, 0])
    }

    @Test func testRowsDoNotInfluenceTheFittedPipeline() throws {
        let all = try DataFrame(columns: [Column(name: "x", numbers: [1, 2, 3, 4, 1000, -500])])
        let train = all.selecting(rows: [0, 1, 2, 3])
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: train, features: ["x"])
        let onlyTrain = try FittedPipeline.fit(
            PipelineSpec(), on: try DataFrame(columns: [Column(name: "x", numbers: [1, 2, 3, 4])]), features: ["x"])
        #expect(pipeline == onlyTrain)
        // Transforming test rows does not change the pipeline (it is a value) and uses training statistics:
        // mean 2.5, population std √1.25 (numpy: np.std([1,2,3,4])).
        let before = pipeline
        let transformed = try pipeline.transform(all)
        #expect(pipeline == before)
        #expect(isClose(transformed[4, 0], (1000 - 2.5) / 1.25.squareRoot()))
    }

    @Test func missingFeatureColumnAtTransformIsAnUnknownColumn() throws {
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: Self.trainingFrame(), features: Self.features)
        let lacking = try Self.testFrame().dropping(columns: ["island"]).adding(
            Column(name: "islands", categories: ["a", "b"]))
        let error = try #require(throws: DataError.self) { try pipeline.transform(lacking) }
        #expect(error.code == .unknownColumn)
        #expect(error.message.contains("did you mean 'islands'"))
    }

    @Test func numericFeatureThatTurnedCategoricalIsATypeMismatch() throws {
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: Self.trainingFrame(), features: ["x"])
        let frame = try DataFrame(columns: [Column(name: "x", categories: ["a"])])
        let error = try #require(throws: DataError.self) { try pipeline.transform(frame) }
        #expect(error.code == .typeMismatch)
    }

    @Test func allMissingTrainingColumnIsFilledWithZeroAndWarned() throws {
        let frame = try DataFrame(columns: [Column(name: "gone", numbers: [nil, nil, nil])])
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: frame, features: ["gone"])
        #expect(try pipeline.transform(frame).values == [0, 0, 0])
        #expect(pipeline.warnings.count == 1)
    }

    @Test func roundTripsThroughJSON() throws {
        let pipeline = try FittedPipeline.fit(PipelineSpec(), on: Self.trainingFrame(), features: Self.features)
        let decoded = try JSONDecoder().decode(FittedPipeline.self, from: JSONEncoder().encode(pipeline))
        #expect(decoded == pipeline)
    }

    @Test(arguments: [
        // numpy.median of each list (hand-checked: sorted [1,1,1,2,4,5,6,9] → (2 + 4) / 2).
        ([5.0, 1, 4, 1, 1, 9, 2, 6], 3.0), ([3.0, 3, 3], 3.0), ([2.0, 7, 1], 2.0), ([4.0], 4.0), ([-1.0, 8], 3.5),
    ])
    func medianSelectsLikeNumPy(values: [Double], expected: Double) {
        #expect(median(values) == expected)
    }

    @Test(arguments: [1, 2, 3, 1000, 1001, 4096, 4097, 80_000, 80_001], [true, false])
    func medianSelectionAgreesWithSorting(count: Int, ties: Bool) {
        // Naive reference: sort and average the middle one or two values.
        var generator = SeededGenerator(seed: UInt64(count))
        let values = (0..<count).map { _ in
            ties ? (generator.nextUnit() * 20).rounded() : generator.nextUnit() * 1000 - 500
        }
        let sorted = values.sorted()
        let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        #expect(median(values) == expected)
        #expect(median(sorted) == expected && median(sorted.reversed()) == expected)
        if count >= NumericStatistics.sampledMedianMinimum && !ties {
            // Spread-out values: the answer came through the sample, not the fallback.
            #expect(values.withUnsafeBufferPointer(NumericStatistics.sampledMedian) == expected)
        }
    }

    @Test(arguments: [4096, 10_000, 80_001])
    func medianOfInputsThatMisleadTheSampleAgreesWithSorting(count: Int) {
        // Naive reference as above. Every value at a multiple of 3, 4, 5 or 7 (each count's sample stride is
        // one of those multiples: 8, 12 and 35) is an outlier far above the rest, and about two thirds of the
        // values are outliers, so the evenly spread sample sees only outliers and puts its bounds around the
        // wrong rank; the median must still be the true one.
        let values: [Double] = (0..<count).map { index in
            let outlier = index % 3 == 0 || index % 4 == 0 || index % 5 == 0 || index % 7 == 0
            return outlier ? 1e9 + Double(index) : Double(index)
        }
        let sorted = values.sorted()
        let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        #expect(values.withUnsafeBufferPointer(NumericStatistics.sampledMedian) == nil)
        #expect(median(values) == expected)
        #expect(median(Array(repeating: 2.5, count: count)) == 2.5)
    }

    @Test func readsNotebookSpellings() {
        #expect(Scaling(name: "minmax") == .minMax)
        #expect(Encoding(name: "onehot") == .oneHot)
        #expect(Imputation(name: "mode") == .mostFrequent)
        #expect(PipelineSpec(impute: .constant(0)).summary == "impute: constant(0), scale: standard, encode: onehot")
    }
}
