import Foundation
import Testing

/// Writes a notebook and data files into a fresh folder.
private func project(_ notebook: String, files: [String: [UInt8]] = [:]) throws -> URL {
    let folder = try temporaryFolder("bad")
    try notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    for (name, bytes) in files {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }
    return folder
}

private func notebook(_ code: String) -> String {
    "---\ntitle: Bad input\nparams:\n  seed: 1\n---\n\n# Test\n\n```swiftml\n\(code)\n```\n"
}

private let goodCSV = Array("a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n".utf8)

@Suite(.serialized) struct BadInputTests {
    /// Renders `code` and checks: exit 1, one line naming nb.md:line:column, no stack trace,
    /// and an earlier report left untouched.
    private func expectFailure(
        _ code: String, files: [String: [UInt8]] = [:], message: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let folder = try project(notebook(code), files: files.merging(["good.csv": goodCSV]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let earlier = Data("earlier report".utf8)
        try earlier.write(to: output.appendingPathComponent("nb.html"))
        let result = try swiftml(["render", "nb.md", "-o", "out"], in: folder)
        #expect(result.status == 1, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got:\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("nb.md:"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        #expect(
            try Data(contentsOf: output.appendingPathComponent("nb.html")) == earlier, sourceLocation: sourceLocation)
        #expect(
            !FileManager.default.fileExists(atPath: output.appendingPathComponent("nb.md").path),
            sourceLocation: sourceLocation)
    }

    @Test func aSyntaxError() throws {
        try expectFailure(
            "d = load \"good.csv\",, target: \"label\"", message: "nb.md:10:21: error: expected a value, found ','")
    }

    @Test func anUnknownVerb() throws {
        try expectFailure(
            "d = lod \"good.csv\"", message: "nb.md:10:5: error: unknown verb 'lod'; did you mean 'load'?")
    }

    @Test func anUnknownColumn() throws {
        try expectFailure(
            "d = load \"good.csv\"\nhistogram d, x: lable",
            message: "nb.md:11:17: error: unknown column 'lable'; did you mean 'label'?")
    }

    @Test func aBadHyperparameterValueIsPointedAt() throws {
        try expectFailure(
            "d = load \"good.csv\", target: \"label\"\nrf = fit forest, on: d, trees: -3",
            message: "nb.md:11:32: error: trees must be a whole number ≥ 1, got -3")
        try expectFailure(
            "d = load \"good.csv\", target: \"label\"\nrf = fit forest, on: d, features: sqr",
            message: "nb.md:11:35: error: features must be sqrt, log2, all")
    }

    @Test func aCurveOfAClusteringModelSaysWhatItPredicts() throws {
        try expectFailure(
            "d = load \"good.csv\", target: \"label\"\nkm = fit kmeans, on: d, k: 2\nroc km, on: d",
            message:
                "nb.md:12:1: error: 'roc' needs a classifier; 'km' predicts clusters (it is a k-means clustering model")
    }

    @Test func aMissingFile() throws {
        try expectFailure("d = load \"missing.csv\"", message: "nb.md:10:10: error: missing.csv: file not found")
    }

    @Test func aRaggedCSV() throws {
        try expectFailure(
            "d = load \"ragged.csv\"", files: ["ragged.csv": Array("a,b\n1,2\n3,4,5\n".utf8)],
            message: "nb.md:10:10: error: ragged.csv:3")
    }

    @Test func anEmptyCSV() throws {
        try expectFailure("d = load \"empty.csv\"", files: ["empty.csv": []], message: "nb.md:10:10: error: empty.csv")
    }

    @Test func aBinaryFilePassedAsCSV() throws {
        try expectFailure(
            "d = load \"image.csv\"",
            files: ["image.csv": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF]],
            message: "nb.md:10:10: error: image.csv")
    }

    @Test func anUnknownParameterIsAUsageError() throws {
        let folder = try project(notebook("d = load \"good.csv\""), files: ["good.csv": goodCSV])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out", "--param", "sed=3"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown parameter 'sed'; did you mean 'seed'?"))
    }

    @Test func aParameterOfTheWrongTypeIsAUsageError() throws {
        let folder = try project(notebook("d = load \"good.csv\""), files: ["good.csv": goodCSV])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out", "--param", "seed=seven"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("parameter 'seed' must be an integer, not 'seven'"))
    }

    @Test func errorTrueShowsTheErrorInTheReportAndGoesOn() throws {
        let text =
            "# T\n\n```swiftml error=true\nd = load \"nope.csv\"\n```\n\n```swiftml\nx = load \"good.csv\"\nhead x\n```\n"
        let folder = try project(text, files: ["good.csv": goodCSV])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out", "--to", "html"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("out/nb.html"), encoding: .utf8)
        #expect(html.contains("nb.md:4:10: error: nope.csv: file not found"))
        #expect(html.contains("<th>label</th>"))
    }

    @Test func keepGoingRendersEveryError() throws {
        let folder = try project(notebook("d = load \"nope.csv\"\nhead good"), files: ["good.csv": goodCSV])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out", "--to", "md", "--keep-going"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let md = try String(contentsOf: folder.appendingPathComponent("out/nb.md"), encoding: .utf8)
        #expect(md.contains("unknown name 'good'"))
    }

    @Test func checkReportsEveryProblem() throws {
        let folder = try project(notebook("d = lod \"good.csv\"\nhead dd, rowz: 2\nsplit d, test: 2"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["check", "nb.md"], in: folder)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "nb.md:10:5: error: unknown verb 'lod'; did you mean 'load'?",
                "nb.md:11:6: error: unknown name 'dd'; did you mean 'd'?",
                "nb.md:11:10: error: 'head' has no label 'rowz'; did you mean 'rows'?",
                "nb.md:12:16: error: 'test' must be a fraction between 0 and 1 (exclusive), not 2",
                "4 problems found",
            ])
    }

    @Test func helpExplainsTheSubcommands() throws {
        let result = try swiftml(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("render"))
        #expect(result.stdout.contains("check"))
    }
}

@Suite struct InlineValueTests {
    @Test func aBadInlineValueFailsTheRenderAtItsPosition() throws {
        let folder = try temporaryFolder("inline")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# T\n\nThe value is `swiftml nothing.here`.\n".write(
            to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let result = try swiftml(["render", "nb.md", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "nb.md:3:23: error: unknown name 'nothing'\n")
        let kept = try swiftml(["render", "nb.md", "-o", "out", "--keep-going", "--to", "md"], in: folder)
        #expect(kept.status == 0, "\(kept.stderr)")
        let md = try String(contentsOf: folder.appendingPathComponent("out/nb.md"), encoding: .utf8)
        #expect(md.contains("⚠ unknown name 'nothing'"))
    }
}

@Suite struct CrossReferenceTests {
    @Test func anUnknownReferenceIsAnErrorAtItsLine() throws {
        let folder = try temporaryFolder("refs")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# T\n\nAs @fig-sizes shows.\n\n```swiftml label=fig-size\nshow \"x\", 1\n```\n".write(
            to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let result = try swiftml(["render", "nb.md", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "nb.md:3:1: error: unknown reference '@fig-sizes'; did you mean 'fig-size'?\n")
    }
}
