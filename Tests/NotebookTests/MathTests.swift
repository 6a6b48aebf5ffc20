import CommonMark
import Testing

/// Math in prose: found by Pandoc's `tex_math_dollars` rules, hidden from cmark, and written back per format.
@Suite struct MathTests {
    private func found(_ markdown: String) -> [String] {
        MathSpan.scan(markdown).map { ($0.display ? "D:" : "I:") + $0.tex }
    }

    @Test func findsInlineAndDisplayMath() {
        #expect(found("Let $x_1 = a*b*c$ hold.") == ["I:x_1 = a*b*c"])
        #expect(found("$$\\sum_{i=1}^n x_i$$") == ["D:\\sum_{i=1}^n x_i"])
        #expect(found("two $a$ and $b$") == ["I:a", "I:b"])
        #expect(found("display over lines:\n$$\na \\\\\nb\n$$\nafter") == ["D:\na \\\\\nb\n"])
    }

    @Test func followsPandocsRulesForDollars() {
        // A space after the opening or before the closing dollar, or a digit after it: not math.
        #expect(found("It costs $20 and $30.").isEmpty)
        #expect(found("from $ 1 to 2 $ here").isEmpty)
        #expect(found("$5 and $x$").isEmpty == false)
        // An escaped dollar is a dollar.
        #expect(found("\\$x\\$ is money").isEmpty)
        // A blank line ends the paragraph and the math.
        #expect(found("$a\n\nb$").isEmpty)
        #expect(found("$$a\n\nb$$").isEmpty)
        // An opening without a closing is text.
        #expect(found("just $one dollar").isEmpty)
    }

    @Test func skipsCodeSpansAndFencedBlocks() {
        #expect(found("`$x$` and ``$y$``").isEmpty)
        #expect(found("```sh\necho $x$\n```\nthen $z$") == ["I:z"])
        #expect(found("~~~\n$a$\n~~~").isEmpty)
    }

    @Test func parsedProseKeepsTheMathVerbatim() throws {
        let text = "Loss $\\ell(y, \\hat{y}) = -\\{y \\log p\\}$ and *emphasis*, then `swiftml x` after.\n"
        let blocks = MarkdownParser(language: "swiftml").parse(text)
        guard case .prose(let prose) = try #require(blocks.first) else {
            Issue.record("expected prose")
            return
        }
        #expect(prose.markdown.contains("$\\ell(y, \\hat{y}) = -\\{y \\log p\\}$"))
        #expect(prose.markdown.contains("*emphasis*"))
        // The inline code after the math keeps its column (1-based, after "`swiftml ").
        let code = try #require(prose.inlineCode.first)
        #expect(code.location.line == 1)
        #expect(code.location.column == text.utf8.count - " after.\n".utf8.count - 1 - 1 + 1)
    }

    @Test func headingsShowTheirMathInPlainText() throws {
        let blocks = MarkdownParser(language: "swiftml").parse("# Fitting $y = Xw$\n\nText $a*b*c$.\n")
        guard case .heading(let heading) = try #require(blocks.first), case .prose(let prose) = blocks[1] else {
            Issue.record("expected a heading and prose")
            return
        }
        #expect(heading.plainText == "Fitting $y = Xw$")
        #expect(prose.markdown.contains("$a*b*c$"))
    }

    @Test func displayMathLinesKeepTheirLineNumbers() throws {
        let text = "$$\na*b\n$$\n\n```swiftml\nx = 1\n```\n"
        let blocks = MarkdownParser(language: "swiftml").parse(text)
        guard case .code(let code) = try #require(blocks.last) else {
            Issue.record("expected a code block")
            return
        }
        #expect(code.fenceLocation.line == 5)
    }

    @Test func rendersMathPerFormat() {
        let markdown = "Odds $p < 1 \\& q$ and\n\n$$a*b*c$$\n"
        let html = MarkdownRenderer.render(markdown, as: .html)
        #expect(html.contains(#"<span class="math inline">\(p &lt; 1 \&amp; q\)</span>"#))
        #expect(html.contains(#"<span class="math display">\[a*b*c\]</span>"#))
        #expect(!html.contains("<em>"))
        let latex = MarkdownRenderer.render(markdown, as: .latex)
        #expect(latex.contains("$p < 1 \\& q$"))
        #expect(latex.contains("\\[a*b*c\\]"))
        let commonMark = MarkdownRenderer.render(markdown, as: .commonMark)
        #expect(commonMark.contains("$p < 1 \\& q$"))
        #expect(commonMark.contains("$$a*b*c$$"))
    }

    @Test func dollarsThatAreNotMathStayEscapedText() {
        let latex = MarkdownRenderer.render("It costs $20 and $30.", as: .latex)
        #expect(latex.contains("\\$20 and \\$30"))
    }
}
