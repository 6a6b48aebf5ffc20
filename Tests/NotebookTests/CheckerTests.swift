import CommonMark
import Testing

@testable import Notebook

private typealias Location = CommonMark.SourceLocation

private func check(_ code: String, params: [String] = []) -> [String] {
    let text = "```swiftml\n" + code + "\n```\n"
    let (notebook, problems) = Notebook.parse(text, path: "nb.md")
    return (problems + Checker.check(notebook, parameters: params)).map(\.description)
}

@Suite struct CheckerTests {
    @Test func acceptsAWellFormedAnalysis() {
        let code = """
            d = load "data/x.csv", target: "y"
            head d, rows: 3
            train, test = split d, test: 0.2, stratify: true, seed: params.seed
            lr = fit logistic, on: train, C: 0.5
            evaluate lr, on: [train, test]
            histogram d, x: "mean radius", by: y, bins: 20
            show "AUC", lr.test.auc
            """
        #expect(check(code, params: ["seed"]) == [])
    }

    @Test func acceptsKeywordsThatAreChoicesAndNoneWhereItIsAllowed() {
        let code = """
            d = load "x.csv", target: "y"
            raw = pipeline scale: none
            lr = fit logistic, on: d, penalty: none
            confusion lr, on: d, normalize: true
            gb = fit boosting, on: d, leaves: none, validation: none, depth: none
            evaluate lr, on: d, metrics: [accuracy, f1_weighted, recall.malignant]
            """
        #expect(check(code) == [])
        #expect(
            check("d = load \"x.csv\"\nfit mlp, on: d, validation: none\nfit logistic, on: d, penalty: true") == [
                "nb.md:3:29: error: 'validation' must be a fraction between 0 and 1, not none",
                "nb.md:4:31: error: 'penalty' must be one of l2, l1, none, not 'true'",
            ])
    }

    @Test func suggestsTheNearestVerb() {
        #expect(check("d = laod \"x.csv\"") == ["nb.md:2:5: error: unknown verb 'laod'; did you mean 'load'?"])
    }

    @Test func suggestsTheNearestLabel() {
        let problems = check("d = load \"x.csv\"\nhead d, rowz: 3")
        #expect(problems == ["nb.md:3:9: error: 'head' has no label 'rowz'; did you mean 'rows'?"])
    }

    @Test func reportsNamesUsedBeforeTheyAreBound() {
        let problems = check("d = load \"x.csv\"\nhead data\ndescribe dd")
        #expect(
            problems == [
                "nb.md:3:6: error: unknown name 'data'",
                "nb.md:4:10: error: unknown name 'dd'; did you mean 'd'?",
            ])
    }

    @Test func reportsArgumentsOfTheWrongType() {
        let problems = check(
            """
            d = load "x.csv"
            head d, rows: "ten"
            train, test = split d, test: 1.5
            lr = fit logistic, on: d
            histogram lr, x: a
            fit logistic, on: d, penalty: l3
            """)
        #expect(
            problems == [
                "nb.md:3:15: error: 'rows' must be an integer, but \"ten\" is text",
                "nb.md:4:30: error: 'test' must be a fraction between 0 and 1 (exclusive), not 1.5",
                "nb.md:6:11: error: 'frame' must be a frame, but lr is a model",
                "nb.md:7:31: error: 'penalty' must be one of l2, l1, none, not 'l3'; did you mean 'l2'?",
            ])
    }

    @Test func reportsMissingRequiredArgumentsAndBadArity() {
        let problems = check("d = load \"x.csv\"\nlr = fit logistic\na, b, c = split d")
        #expect(
            problems == [
                "nb.md:3:6: error: 'fit' needs 'on:' (the training frame)",
                "nb.md:4:1: error: 'split' gives 2 values, but 3 names are bound",
            ])
    }

    @Test func checksUnknownParameters() {
        #expect(
            check("d = load \"x.csv\"\nsplit d, seed: params.sed", params: ["seed"])
                == ["nb.md:3:16: error: unknown parameter 'sed'; did you mean 'seed'?"])
    }

    @Test func checksInlineValues() {
        let text = "```swiftml\nd = load \"x.csv\"\n```\n\nRows: `swiftml dd.rows`.\n"
        let (notebook, _) = Notebook.parse(text, path: "nb.md")
        #expect(
            Checker.check(notebook, parameters: []).map(\.description)
                == ["nb.md:5:16: error: unknown name 'dd'; did you mean 'd'?"])
    }
}
