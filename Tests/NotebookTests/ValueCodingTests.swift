import Foundation
import MLData
import MLLearn
import Testing

@testable import Notebook

/// The block cache stores session values as JSON: every kind of value must come back exactly.
@Suite struct ValueCodingTests {
    private func roundTrip(_ value: Value) throws -> Value {
        try JSONDecoder().decode(Value.self, from: try JSONEncoder().encode(value))
    }

    @Test func framesOfEveryColumnTypeRoundTripBitForBit() throws {
        let frame = try DataFrame(
            columns: [
                Column(name: "x", numbers: [1.5, nil, -0.0, .infinity, .leastNonzeroMagnitude]),
                Column(
                    name: "n", storage: .integer([1, -2, .max, .min, 0]),
                    missing: MissingMask([false, false, false, false, true])),
                Column(name: "flag", storage: .boolean([true, false, true, true, false])),
                Column(name: "kind", categories: ["a", nil, "b", "a", "ç"]),
                Column(name: "note", storage: .text(["x", "", "\"q\"", "line\nbreak", "é"])),
                Column(name: "day", storage: .date([0, -1, 19_000, 1, 2])),
            ], target: "kind", provenance: Provenance(path: "d.csv", rows: 5, sha256: "abc"))
        guard case .frame(let back) = try roundTrip(.frame(frame)) else {
            Issue.record("not a frame")
            return
        }
        // NaN is not equal to itself, so compare the encodings (which hold every double's bits).
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(back) == encoder.encode(frame))
        #expect(back.columns.map(\.type) == frame.columns.map(\.type))
        #expect(back.columns[1] == frame.columns[1])
        #expect(back.columns[3] == frame.columns[3])
        #expect(back.columns[4] == frame.columns[4])
        #expect(back.columns[0].doubles?[4] == .leastNonzeroMagnitude)
        #expect(back.target == "kind")
        #expect(back.provenance == frame.provenance)
        #expect(back.columns[0].isMissing(1))
        #expect(back.columns[0].doubles?[2].sign == .minus)
    }

    @Test func modelsNumbersListsAndRecordsRoundTrip() throws {
        let frame = try DataFrame(columns: [
            Column(name: "a", numbers: [0, 1, 2, 3, 4, 5, 6, 7]),
            Column(name: "y", categories: ["n", "n", "n", "y", "n", "y", "y", "y"]),
        ])
        let model = try TrainedModel.fit(.logistic, on: frame, target: "y")
        let value = Value.list([
            .model(model), .number(.nan), .number(0.1 + 0.2), .string("s"), .bool(true), .none,
            .record([("b", .number(2)), ("a", .string("x"))]), .pipeline(PipelineSpec()),
        ])
        guard case .list(let items) = try roundTrip(value) else {
            Issue.record("not a list")
            return
        }
        guard case .model(let back) = items[0] else {
            Issue.record("not a model")
            return
        }
        #expect(back == model)
        if case .number(let nan) = items[1] { #expect(nan.isNaN) } else { Issue.record("not NaN") }
        if case .number(let sum) = items[2] { #expect(sum == 0.1 + 0.2) } else { Issue.record("not a number") }
        if case .record(let fields) = items[6] {
            #expect(fields.map(\.0) == ["b", "a"])
        } else {
            Issue.record("not a record")
        }
        if case .none = items[5] {} else { Issue.record("not none") }
        if case .pipeline(let spec) = items[7] {
            #expect(spec == PipelineSpec())
        } else {
            Issue.record("not a pipeline")
        }
    }
}
