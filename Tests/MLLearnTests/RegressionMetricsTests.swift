import Testing

@testable import MLLearn

@Suite struct RegressionMetricsTests {
    private let truth = [3, -0.5, 2, 7]
    private let predicted = [2.5, 0.0, 2, 8]

    @Test func matchScikitLearn() {
        // mean_absolute_error, root_mean_squared_error, r2_score([3,-0.5,2,7], [2.5,0.0,2,8])
        // → 0.5, 0.6123724356957945, 0.9486081370449679
        #expect(isClose(meanAbsoluteError(truth: truth, predicted: predicted), 0.5))
        #expect(isClose(rootMeanSquaredError(truth: truth, predicted: predicted), 0.6123724356957945))
        #expect(isClose(r2Score(truth: truth, predicted: predicted), 0.9486081370449679))
    }

    @Test func r2OfAConstantTruthIsOneOrZero() {
        // r2_score([2,2,2], [2,2,2]) → 1.0; r2_score([2,2,2], [2,2,3]) → 0.0 (force_finite=True).
        #expect(r2Score(truth: [2, 2, 2], predicted: [2, 2, 2]) == 1)
        #expect(r2Score(truth: [2, 2, 2], predicted: [2, 2, 3]) == 0)
    }

    @Test func evaluationListsRegressionMetricsInOrder() {
        #expect(Evaluation.regression(truth: truth, predicted: predicted).metrics.map(\.name) == ["mae", "rmse", "r2"])
    }
}
