import Foundation
import Testing

@testable import MLData

@Suite struct CorrelationTests {
    private func penguins() throws -> DataFrame {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("notebooks/data/penguins.csv")
        return try CSVReader.read(path: url.path, displayName: "penguins.csv").withTarget("species")
    }

    // Expected values from pandas 3.1.1 on the same file (pairwise-complete rows):
    //   df = pd.read_csv("penguins.csv")
    //   num = df[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]]
    //   num.corr().round(12); num.corr(method="spearman").round(12)
    @Test func pearsonMatchesPandas() throws {
        let matrix = try penguins().correlation()
        #expect(matrix.columns == ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"])
        let expected = [1.0, -0.235052870356, 0.656181340746, 0.595109824438, 0.054544582136]
        for (got, want) in zip(matrix.values[0], expected) { #expect(abs(got - want) < 1e-9) }
        #expect(abs(matrix.values[1][2] - -0.583851216465) < 1e-9)
        #expect(matrix.values[2][1] == matrix.values[1][2])
        #expect(matrix.pairs.count == 10)
        #expect(matrix.pairs.first { $0.first == "bill_length_mm" && $0.second == "year" }?.rows == 342)
    }

    @Test func spearmanRanksTiesByTheirAverage() throws {
        let matrix = try penguins().correlation(method: .spearman)
        let expected = [1.0, -0.221749151795, 0.672771941626, 0.583800319446, 0.06360232052]
        for (got, want) in zip(matrix.values[0], expected) { #expect(abs(got - want) < 1e-9) }
        #expect(abs(matrix.values[1][2] - -0.523267471161) < 1e-9)
        // Hand-worked: ranks of [10, 20, 20, 30] are [1, 2.5, 2.5, 4].
        #expect(averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
    }

    @Test func strongestPairsComeFirstAndConstantColumnsGiveNaN() throws {
        let frame = try DataFrame(columns: [
            Column(name: "a", numbers: [1, 2, 3, 4]), Column(name: "b", numbers: [2, 4, 6, 8.5]),
            Column(name: "c", numbers: [5, 5, 5, 5]), Column(name: "d", numbers: [4, 1, 3, 2]),
        ])
        let matrix = try frame.correlation()
        #expect(matrix.strongestPairs.first.map { [$0.first, $0.second] } == ["a", "b"])
        #expect(matrix.strongestPairs.last?.value.isNaN == true)
    }

    @Test func rejectsTextColumnsAndTooFewColumns() throws {
        let frame = try DataFrame(columns: [
            Column(name: "a", numbers: [1, 2]), Column(name: "t", categories: ["x", "y"]),
        ])
        #expect(throws: DataError.self) { try frame.correlation(columns: ["a", "t"]) }
        #expect(throws: DataError.self) { try frame.correlation() }
    }
}
