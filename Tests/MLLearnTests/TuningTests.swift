import Foundation
import MLData
import Testing

@testable import MLLearn

@Suite struct TuningTests {
    /// Grid search on scikit-learn's folds (Reference/validation_breast_cancer.json, written by
    /// `python3 Tests/MLLearnTests/Reference/validation_reference.py`): GridSearchCV over C, scoring accuracy.
    @Test func gridSearchMatchesGridSearchCVOnTheSameFolds() throws {
        let reference = try ValidationReference.load()
        let frame = try ValidationData.breastCancer()
        let result = try tune(
            .logistic, on: frame, parameters: [SearchParameter("C", values: reference.grid.C.map { .number($0) })],
            splits: reference.splits, metric: "accuracy")
        #expect(result.candidates.map { $0.parameters[0].value.doubleValue } == reference.grid.C)
        #expect(isClose(result.candidates.map(\.mean), reference.grid.mean))
        #expect(isClose(result.candidates.map(\.standardDeviation), reference.grid.std))
        #expect(result.candidates.map(\.rank) == reference.grid.rank)
        #expect(result.bestCandidate.parameters == [Hyperparameter(name: "C", value: .number(reference.grid.bestC))])
        #expect(result.folds == 5)
    }

    @Test func gridCandidatesAreTheCartesianProductWithTheLastVaryingFastest() throws {
        let parameters = [
            SearchParameter("trees", values: [.integer(100), .integer(200)]),
            SearchParameter("depth", values: [.integer(4), .integer(8), .null]),
        ]
        let (candidates, warnings) = try searchCandidates(parameters, strategy: .grid, seed: 1)
        #expect(warnings.isEmpty)
        let pairs = candidates.map { $0.map(\.value.description).joined(separator: "/") }
        #expect(pairs == ["100/4", "100/8", "100/none", "200/4", "200/8", "200/none"])
        #expect(candidates.allSatisfy { $0.map(\.name) == ["trees", "depth"] })
    }

    @Test func eachCandidateIsCrossValidatedOnTheSameFolds() throws {
        let frame = try ValidationData.iris()
        let result = try tune(
            .logistic, on: frame,
            parameters: [
                SearchParameter("C", values: [.number(0.05), .number(1)]),
                SearchParameter("penalty", values: [.string("l2"), .string("none")]),
            ],
            folds: 3, metric: "log_loss", seed: 11)
        #expect(result.candidates.count == 4)
        for candidate in result.candidates {
            let settings = Dictionary(uniqueKeysWithValues: candidate.parameters.map { ($0.name, $0.value) })
            let direct = try crossValidate(
                .logistic, on: frame, hyperparameters: settings, folds: 3, metrics: ["log_loss"], seed: 11)
            #expect(direct.scores(.logLoss) == candidate.scores)
        }
        // log loss: lower is better, so rank 1 has the smallest mean.
        let best = try #require(result.candidates.map(\.mean).min())
        #expect(result.bestCandidate.mean == best)
        #expect(result.bestCandidate.rank == 1)
    }

    @Test func theRefittedWinnerEqualsFittingItsParametersDirectly() throws {
        let frame = try ValidationData.iris()
        let result = try tune(
            .logistic, on: frame, parameters: [SearchParameter("C", values: [.number(0.01), .number(0.5)])],
            hyperparameters: ["max_iter": .integer(500)], folds: 3, seed: 2)
        var settings = Dictionary(uniqueKeysWithValues: result.bestCandidate.parameters.map { ($0.name, $0.value) })
        settings["max_iter"] = .integer(500)
        let direct = try TrainedModel.fit(.logistic, on: frame, hyperparameters: settings, seed: 2)
        #expect(result.best == direct)
        #expect(result.best.hyperparameter("max_iter") == .integer(500))
    }

    @Test func aTrainedModelIsATemplateWithItsOtherSettingsFixed() throws {
        let frame = try ValidationData.iris()
        let model = try TrainedModel.fit(.logistic, on: frame, hyperparameters: ["max_iter": .integer(300)])
        let result = try tune(
            model, on: frame, parameters: [SearchParameter("C", values: [.number(0.1), .number(1)])], folds: 3)
        #expect(result.best.hyperparameter("max_iter") == .integer(300))
        #expect(result.best.target == "species")
    }

    @Test func theSameSeedGivesTheSameSearch() throws {
        let frame = try ValidationData.small()
        let parameters = [SearchParameter("C", .logUniform(low: 0.01, high: 10))]
        let first = try tune(
            .logistic, on: frame, parameters: parameters, strategy: .random(trials: 4), folds: 3, seed: 8)
        let second = try tune(
            .logistic, on: frame, parameters: parameters, strategy: .random(trials: 4), folds: 3, seed: 8)
        #expect(first == second)
        #expect(try first.table() == second.table())
        #expect(try first.table().columnNames == ["candidate", "C", "mean accuracy", "std accuracy", "rank"])
        let (other, _) = try searchCandidates(parameters, strategy: .random(trials: 4), seed: 9)
        #expect(other != first.candidates.map(\.parameters))
    }

    @Test func randomDrawsRespectBoundsAndTheLogScale() throws {
        let parameters = [
            SearchParameter(
                "rate",
                try HyperDistribution(
                    function: "loguniform", arguments: [.number(1e-4), .number(0.1)], parameter: "rate")),
            SearchParameter(
                "C",
                try HyperDistribution(function: "uniform", arguments: [.number(0.1), .integer(10)], parameter: "C")),
            SearchParameter(
                "depth",
                try HyperDistribution(function: "randint", arguments: [.integer(2), .integer(10)], parameter: "depth")),
            SearchParameter(
                "leaves",
                try HyperDistribution(
                    function: "choice", arguments: [.list([.integer(3), .integer(5), .null])], parameter: "leaves")),
        ]
        let (candidates, _) = try searchCandidates(parameters, strategy: .random(trials: 3000), seed: 42)
        let rates = candidates.compactMap { $0[0].value.doubleValue }
        let cs = candidates.compactMap { $0[1].value.doubleValue }
        let depths = candidates.compactMap { candidate -> Int? in
            if case .integer(let value) = candidate[2].value { return value }
            return nil
        }
        #expect(rates.count == 3000 && cs.count == 3000 && depths.count == 3000)
        #expect(rates.allSatisfy { $0 >= 1e-4 && $0 <= 0.1 })
        #expect(cs.allSatisfy { $0 >= 0.1 && $0 <= 10 })
        // Log scale: each of the three decades holds about a third of the draws (a uniform draw would put
        // 90 % in the last one); binomial standard error ≈ 0.009.
        for decade in [(1e-4, 1e-3), (1e-3, 1e-2), (1e-2, 1e-1)] {
            let share = Double(rates.filter { $0 >= decade.0 && $0 < decade.1 }.count) / 3000
            #expect(abs(share - 1.0 / 3.0) < 0.04, "\(decade): \(share)")
        }
        #expect(abs(cs.reduce(0, +) / 3000 - 5.05) < 0.2)
        // randint(2, 10) is scipy's: 2…9, never 10.
        #expect(Set(depths) == Set(2...9))
        let leaves = Set(candidates.map { $0[3].value })
        #expect(leaves == [.integer(3), .integer(5), .null])
    }

    @Test func randomSearchOverListsSamplesWithoutReplacement() throws {
        let parameters = [
            SearchParameter("C", values: [.number(0.1), .number(1)]),
            SearchParameter("penalty", values: [.string("l2"), .string("none")]),
        ]
        let (three, noWarnings) = try searchCandidates(parameters, strategy: .random(trials: 3), seed: 5)
        #expect(three.count == 3 && Set(three).count == 3 && noWarnings.isEmpty)
        let (all, warnings) = try searchCandidates(parameters, strategy: .random(trials: 10), seed: 5)
        #expect(Set(all) == Set(try searchCandidates(parameters, strategy: .grid, seed: 0).candidates))
        #expect(warnings == ["the lists have only 4 combinations, fewer than trials: 10; each is tried once"])
    }

    @Test func ranksShareTiesAndTheWinnerIsTheFirstCandidate() {
        // scikit-learn's rank_test_score: rankdata(-means, method="min"), undefined means last.
        #expect(rankCandidates([0.9, 0.95, 0.95, .nan, 0.8], higherIsBetter: true) == [3, 1, 1, 5, 4])
        #expect(rankCandidates([0.3, 0.2, 0.2], higherIsBetter: false) == [3, 1, 1])
        #expect(rankCandidates([.nan, .nan], higherIsBetter: true) == [1, 1])
    }

    @Test func tiedCandidatesKeepTheFirstAsWinner() throws {
        // The same candidate written twice (C as 1 and as 1.0) scores the same on every fold: both rank 1, and the
        // first one wins.
        let result = try tune(
            .logistic, on: try ValidationData.small(),
            parameters: [SearchParameter("C", values: [.integer(1), .number(1)])], folds: 3)
        #expect(result.candidates[0].scores == result.candidates[1].scores)
        #expect(result.candidates.map(\.rank) == [1, 1])
        #expect(result.bestIndex == 0)
        #expect(result.best.hyperparameter("C") == .number(1))
    }

    @Test func distributionsAreParsedWithClearErrors() throws {
        #expect(
            try HyperDistribution(function: "loguniform", arguments: [.number(1e-4), .number(0.1)], parameter: "rate")
                == .logUniform(low: 1e-4, high: 0.1))
        #expect(
            try HyperDistribution(function: "choice", arguments: [.integer(3), .null], parameter: "depth")
                == .choice([.integer(3), .null]))
        #expect(HyperDistribution.randomInteger(low: 2, high: 10).description == "randint(2, 10)")
        #expect(HyperDistribution.choice([.integer(3), .null]).description == "choice([3, none])")
        let cases: [(String, [HyperValue], String)] = [
            (
                "logunifrom", [.number(1), .number(2)],
                "rate: unknown distribution 'logunifrom'; did you mean 'loguniform'?"
            ),
            (
                "loguniform", [.number(0), .number(0.1)],
                "rate: loguniform(low, high) needs 0 < low < high, got loguniform(0, 0.1)"
            ),
            ("uniform", [.number(5), .number(1)], "rate: uniform(low, high) needs low < high, got uniform(5, 1)"),
            ("uniform", [.number(1)], "rate: uniform(low, high) takes two finite numbers, got uniform(1)"),
            ("randint", [.number(2.5), .integer(4)], "rate: randint(low, high) takes two whole numbers"),
            (
                "randint", [.integer(4), .integer(4)],
                "rate: randint(low, high) draws low ≤ n < high, so it needs low < high"
            ),
            ("choice", [.list([])], "rate: choice needs at least one value"),
        ]
        for (function, arguments, message) in cases {
            let error = try #require(throws: LearnError.self) {
                try HyperDistribution(function: function, arguments: arguments, parameter: "rate")
            }
            #expect(error.code == .invalidHyperparameter)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func badSearchesAreRejectedBeforeAnyFit() throws {
        let frame = try ValidationData.small()
        let unknown = try #require(throws: LearnError.self) {
            try tune(.logistic, on: frame, parameters: [SearchParameter("CC", values: [.number(1)])])
        }
        #expect(unknown.code == .unknownHyperparameter)
        #expect(unknown.message.contains("did you mean 'C'?"))
        let distributionInGrid = try #require(throws: LearnError.self) {
            try tune(.logistic, on: frame, parameters: [SearchParameter("C", .uniform(low: 0.1, high: 1))])
        }
        #expect(distributionInGrid.message.contains("use search: random"))
        let both = try #require(throws: LearnError.self) {
            try tune(
                .logistic, on: frame, parameters: [SearchParameter("C", values: [.number(1)])],
                hyperparameters: ["C": .number(2)])
        }
        #expect(both.message == "C is both fixed and searched; give it in one place only")
        let noTrials = try #require(throws: LearnError.self) {
            try tune(
                .logistic, on: frame, parameters: [SearchParameter("C", .uniform(low: 0.1, high: 1))],
                strategy: .random(trials: 0))
        }
        #expect(noTrials.message == "trials must be a whole number ≥ 1, got 0")
        #expect(throws: LearnError.self) { try tune(.logistic, on: frame, parameters: []) }
        let empty = try #require(throws: LearnError.self) {
            try tune(.logistic, on: frame, parameters: [SearchParameter("C", HyperDistribution(value: .list([])))])
        }
        #expect(empty.message == "C lists no values to try")
        let badValue = try #require(throws: LearnError.self) {
            try tune(.logistic, on: frame, parameters: [SearchParameter("C", values: [.number(1), .number(-1)])])
        }
        #expect(badValue.message == "candidate 2 (C: -1), fold 1: C must be a positive number, got -1")
    }
}
