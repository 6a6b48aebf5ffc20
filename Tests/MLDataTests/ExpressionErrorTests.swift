import MLData
import Testing

/// The error from parsing `text` and evaluating it on the expression fixture, or `nil`.
private func failure(_ text: String) throws -> ExpressionError? {
    let frame = try expressionFixture()
    do {
        _ = try ColumnExpression(parsing: text).evaluate(on: frame)
        return nil
    } catch let error as ExpressionError {
        return error
    }
}

@Suite struct ExpressionErrorTests {
    // Each case: the text, the message, the 0-based UTF-8 offset and the length of what is at fault
    // (counted by hand; `größe` is 7 UTF-8 bytes, a curly quote 3).
    @Test(arguments: [
        // Syntax
        ("", "the expression is empty", 0, 0),
        ("(age > 1", "expected ')'", 8, 0),
        ("age > 1 and (weight", "expected ')'", 19, 0),
        ("age > and 1", "unexpected 'and'", 6, 3),
        ("age 18", "unexpected '18'", 4, 2),
        ("(1 + 2))", "unexpected ')'", 7, 1),
        ("age >", "expected a value after '>'", 5, 0),
        ("log(1,", "expected a value after ','", 6, 0),
        ("log(age 2)", "expected ',' or ')'", 8, 1),
        ("age = 3", "use '==' to compare", 4, 1),
        ("age > 1 & sex == 'F'", "use 'and' (or '&&') to combine conditions", 8, 1),
        ("age @ 2", "unexpected character '@'", 4, 1),
        ("2e + 1", "malformed number '2e'", 0, 2),
        ("sex == 'F", "unterminated text; add the closing '", 7, 1),
        ("`abc", "unterminated column name; add the closing `", 0, 1),
        ("sex == \u{2018}F\u{2019}", "use straight quotes ' or \" around text, not curly ones", 7, 3),
        ("Sepal.Length > 1", "a name with a dot needs back-quotes: `Sepal.Length`", 0, 12),
        ("1 < age < 3", "comparisons cannot be chained; write 'a < b and b < c'", 8, 1),
        // Names
        ("agee > 1", "unknown column 'agee'; did you mean 'age'?", 0, 4),
        ("`mean radius` > 1", "unknown column 'mean radius'", 0, 13),
        ("lg(age)", "unknown function 'lg'; did you mean 'log'?", 0, 2),
        (
            "foo(1)",
            "unknown function 'foo'; the functions are abs, ceil, exp, floor, if, is_missing, log, log10, log2, "
                + "max, min, round, sqrt", 0, 3
        ),
        ("log(age, 2)", "log takes 1 argument, got 2", 0, 3),
        ("if(age > 1, 2)", "if takes 3 arguments (condition, value if true, value if false), got 2", 0, 2),
        ("min(age)", "min takes 2 or more arguments, got 1", 0, 3),
        ("round()", "round takes 1 or 2 arguments (value, optional digits), got 0", 0, 5),
        // Types
        ("\"age\" + 1", "cannot add text and a number", 6, 1),
        ("größe + \"x\"", "cannot add a number and text", 8, 1),
        ("joined + 1", "cannot add a date and a number", 7, 1),
        ("2 ^ 'a'", "cannot raise a number to the power of text", 2, 1),
        ("-sex", "cannot negate text", 0, 1),
        ("sex < 'F'", "text can only be compared with == or !=, not '<'", 4, 1),
        ("sex == 1", "cannot compare text and a number", 4, 2),
        ("sex == joined", "cannot compare text and a date", 4, 2),
        (
            "age == none", "a comparison with none is always missing; use is_missing(x) to test for missing values",
            4, 2
        ),
        ("age and true", "'and' needs true/false on both sides, not a number", 0, 3),
        ("age > 1 or 5", "'or' needs true/false on both sides, not a number", 11, 1),
        ("not age", "'not' needs true/false, not a number", 4, 3),
        ("log(sex)", "log needs a number, not text", 4, 3),
        ("if(age, 1, 2)", "the condition of if must be true/false, not a number", 3, 3),
        ("if(age > 1, 1, 'x')", "the two values of if have different types: a number and text", 15, 3),
        ("round(age, 1.5)", "round's digits must be a whole number such as 2", 11, 3),
        ("round(age, age)", "round's digits must be a whole number such as 2", 11, 3),
        ("joined > '2024-13-01'", "'2024-13-01' is not a date; write dates as 'YYYY-MM-DD'", 9, 12),
        ("(sex) + 1", "cannot add text and a number", 6, 1),
        ("not (age)", "'not' needs true/false, not a number", 4, 5),
    ])
    func errorsNameTheProblemAndWhereItIs(text: String, message: String, offset: Int, length: Int) throws {
        let error = try #require(try failure(text))
        #expect(error == ExpressionError(message, offset: offset, length: length))
    }

    @Test func descriptionShowsTheOffset() {
        #expect(
            ExpressionError("unexpected 'and'", offset: 6, length: 3).description == "unexpected 'and' (at offset 6)")
    }

    @Test func parseErrorsNeedNoFrame() {
        #expect(throws: ExpressionError("expected ')'", offset: 8, length: 0)) {
            try ColumnExpression(parsing: "(age > 1")
        }
    }
}
