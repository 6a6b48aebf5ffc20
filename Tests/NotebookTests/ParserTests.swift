import CommonMark
import Testing

@testable import Notebook

private typealias Location = CommonMark.SourceLocation

/// Parses one code block's text as if it started on line 10, column 1 of a notebook.
private func parse(
    _ code: String, takesModifier: @escaping (String) -> Bool = { VerbTable.standard.takesModifier($0) }
) -> (statements: [Statement], errors: [String]) {
    let origin = Location(line: 10, column: 1)
    let (tokens, lexErrors) = Lexer(code: code, origin: origin).tokenize()
    var parser = Parser(tokens: tokens, takesModifier: takesModifier)
    let (statements, errors) = parser.parse()
    return (statements, (lexErrors + errors).map { "\($0.location): \($0.message)" })
}

private func command(_ statement: Statement) throws -> Command {
    guard case .command(let command) = statement.kind else {
        Issue.record("expected a command")
        throw CancellationError()
    }
    return command
}

@Suite struct ParserTests {
    @Test func parsesAnAssignmentWithLabelledArguments() throws {
        let (statements, errors) = parse(#"cancer = load "data/breast_cancer.csv", target: "diagnosis""#)
        #expect(errors.isEmpty)
        let c = try command(try #require(statements.first))
        #expect(c.targets.map(\.name) == ["cancer"])
        #expect(c.verb.name == "load")
        #expect(c.verb.location == Location(line: 10, column: 10))
        #expect(c.positional.first?.kind == .string("data/breast_cancer.csv"))
        #expect(c.argument("target")?.value.kind == .string("diagnosis"))
        #expect(c.argument("target")?.label?.location == Location(line: 10, column: 41))
    }

    @Test func parsesSeveralTargetsAndParameterPaths() throws {
        let (statements, errors) = parse("train, test = split d, test: 0.2, stratify: true, seed: params.seed")
        #expect(errors.isEmpty)
        let c = try command(try #require(statements.first))
        #expect(c.targets.map(\.name) == ["train", "test"])
        #expect(c.argument("test")?.value.kind == .number(0.2, text: "0.2"))
        #expect(c.argument("stratify")?.value.kind == .bool(true))
        #expect(c.argument("seed")?.value.kind == .path(["params", "seed"]))
    }

    @Test func parsesListsRecordsCallsAndNegativeNumbers() throws {
        let code =
            "best = tune forest, on: train, grid: {trees: [100, 200], depth: [4, none]}, space: {rate: loguniform(0.0001, 0.1)}, shift: -1.5e-3"
        let (statements, errors) = parse(code)
        #expect(errors.isEmpty)
        let c = try command(try #require(statements.first))
        guard case .record(let fields) = c.argument("grid")?.value.kind else {
            Issue.record("grid is not a record")
            return
        }
        #expect(fields.map(\.label.name) == ["trees", "depth"])
        #expect(
            fields[1].value.kind
                == .list([
                    Expression(.number(4, text: "4"), at: Location(line: 10, column: 66)),
                    Expression(.none, at: Location(line: 10, column: 69)),
                ]))
        guard case .record(let space) = c.argument("space")?.value.kind,
            case .call(let name, let args) = space[0].value.kind
        else {
            Issue.record("space is not a record holding a call")
            return
        }
        #expect(name.name == "loguniform")
        #expect(args.count == 2)
        #expect(c.argument("shift")?.value.kind == .number(-0.0015, text: "-1.5e-3"))
    }

    @Test func continuesAStatementAfterATrailingCommaAndInsideBrackets() throws {
        let code = """
            model = fit logistic,
                on: train,
                C: 0.5
            evaluate model, on: [train,
                test]
            """
        let (statements, errors) = parse(code)
        #expect(errors.isEmpty)
        #expect(statements.count == 2)
        let second = try command(statements[1])
        #expect(second.location(of: "on") == Location(line: 13, column: 17))
    }

    @Test func keepsTheModifierOfLoad() throws {
        let (statements, errors) = parse(
            #"d = load sql "select * from t", from: "x.sqlite""#, takesModifier: { $0 == "load" })
        #expect(errors.isEmpty)
        let c = try command(try #require(statements.first))
        #expect(c.modifier?.name == "sql")
        #expect(c.positional.first?.kind == .string("select * from t"))
    }

    @Test func parsesABareNameOrPathAsADisplay() throws {
        let (statements, errors) = parse("cancer\nlr.test.auc  # the AUC")
        #expect(errors.isEmpty)
        #expect(statements.count == 2)
        #expect(
            statements[1].kind == .display(Expression(.path(["lr", "test", "auc"]), at: .init(line: 11, column: 1))))
    }

    @Test func ignoresCommentsAndBlankLines() {
        let (statements, errors) = parse("# a comment\n\n   \nhead d  # trailing\n")
        #expect(errors.isEmpty)
        #expect(statements.count == 1)
    }

    @Test(arguments: [
        ("head d,, rows: 3", "10:8: expected a value, found ','"),
        ("x = ", "10:5: expected a verb, found end of line"),
        ("head d rows: 3", "10:8: expected ',' or end of line after the argument, found 'rows'"),
        ("d = load \"x.csv", "10:10: unterminated string: add a closing \""),
        ("split d, test: ", "10:16: expected a value after 'test:'"),
        ("histogram d, x: @col", "10:17: unexpected character '@'"),
        ("f = fit logistic, grid: {a 1}", "10:28: expected ':' after 'a', found '1'"),
    ])
    func reportsSyntaxErrorsAtTheirExactPosition(code: String, expected: String) {
        let (_, errors) = parse(code)
        #expect(errors.first == expected)
    }

    @Test func reportsEveryBadStatementNotJustTheFirst() {
        let (statements, errors) = parse("head d,, rows: 2\ndescribe d\nsplit d, test:\nhead d")
        #expect(errors.count == 2)
        #expect(statements.count == 2)
    }
}

extension Command {
    fileprivate func location(of label: String) -> Location? { argument(label)?.label?.location }
}
