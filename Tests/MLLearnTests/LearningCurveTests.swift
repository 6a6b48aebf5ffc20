import Foundation
import MLData
import Testing

@testable import MLLearn

@Suite struct LearningCurveTests {
    /// learning_curve on scikit-learn's folds (Reference/validation_breast_cancer.json, written by
    /// `python3 Tests/MLLearnTests/Reference/validation_reference.py`; shuffle=False, so a size of n trains on the
    /// first n training rows of each fold in ascending order, exactly what the `splits:` variant does).
    @Test func matchesScikitLearnsLearningCurveOnTheSameFolds() throws {
        let reference = try ValidationReference.load()
        let curve = try learningCurve(
            .logistic, on: try ValidationData.breastCancer(), splits: reference.splits, metric: "accuracy")
        #expect(curve.trainSizes == reference.learningCurve.sizes)
        #expect(curve.trainScores.count == 5 && curve.validationScores.count == 5)
        for size in curve.trainSizes.indices {
            #expect(isClose(curve.trainScores[size], reference.learningCurve.train[size]), "size \(size)")
            #expect(isClose(curve.validationScores[size], reference.learningCurve.test[size]), "size \(size)")
        }
        let last = reference.learningCurve.test[4]
        let mean = last.reduce(0, +) / 5
        #expect(isClose(curve.validationMeans[4], mean))
        let deviation = (last.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
        #expect(isClose(curve.validationStandardDeviations[4], deviation))
    }

    @Test func defaultSizesAreFractionsOfAFoldsTrainingRows() throws {
        // iris: 150 rows, 5 stratified folds → 120 training rows; ⌊(0.1, 0.325, 0.55, 0.775, 1) · 120⌋.
        // The file is sorted by species, so only the seeded shuffle keeps the 12-row models from seeing one class.
        let curve = try learningCurve(.logistic, on: try ValidationData.iris(), seed: 3)
        #expect(curve.trainSizes == [12, 39, 66, 93, 120])
        #expect(curve.metric == .accuracy)
        #expect(curve.validationScores.allSatisfy { $0.count == 5 })
        #expect(
            try curve.table().columnNames == [
                "train rows", "train mean", "train std", "validation mean", "validation std",
            ])
        // The full-size column is plain cross-validation on the same folds.
        let cv = try crossValidate(.logistic, on: try ValidationData.iris(), seed: 3)
        #expect(curve.validationScores[4] == cv.scores(.accuracy))
    }

    @Test func theSameSeedGivesTheSameCurve() throws {
        let frame = try ValidationData.iris()
        let first = try learningCurve(.logistic, on: frame, trainSizes: [0.3, 1], folds: 3, seed: 6)
        let second = try learningCurve(.logistic, on: frame, trainSizes: [0.3, 1], folds: 3, seed: 6)
        #expect(first == second)
        let model = try TrainedModel.fit(.logistic, on: frame)
        let fromModel = try learningCurve(model, on: frame, trainSizes: [0.3, 1], folds: 3, seed: 6)
        #expect(fromModel.trainScores == first.trainScores)
    }

    @Test func sizesFollowScikitLearnsTranslation() throws {
        // numpy: (linspace(0.1, 1, 5) * 455).astype(int) → [45, 147, 250, 352, 455].
        #expect(try learningCurveSizes(defaultLearningCurveSizes, rows: 455).sizes == [45, 147, 250, 352, 455])
        // A tiny fraction still trains on one row; repeats merge with a warning.
        let merged = try learningCurveSizes([0.001, 0.5, 0.51, 1], rows: 10)
        #expect(merged.sizes == [1, 5, 10])
        #expect(merged.warnings.count == 1)
        for bad in [0.0, 1.5, -0.2] {
            let error = try #require(throws: LearnError.self) { try learningCurveSizes([bad], rows: 10) }
            #expect(error.message.hasPrefix("sizes must be fractions of the training rows in (0, 1]"))
        }
    }

    @Test func aSubsetWithOneClassNamesTheFoldAndSize() throws {
        // Given splits whose first two training rows share a class: the 2-row model cannot be fitted.
        let frame = try ValidationData.small()
        let split = FoldSplit(train: Array(0..<25), test: Array(25..<30))
        let error = try #require(throws: LearnError.self) {
            try learningCurve(.logistic, on: frame, splits: [split], trainSizes: [0.08, 1])
        }
        #expect(error.message.hasPrefix("fold 1, 2 rows of training: 'label' has a single class ('a')"))
    }
}
