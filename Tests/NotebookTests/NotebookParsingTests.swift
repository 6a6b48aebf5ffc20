import CommonMark
import Testing

@testable import Notebook

private typealias Location = CommonMark.SourceLocation

private let sample = """
    ---
    title: "A test: notebook"
    author: [Ada, Grace]
    date: 2026-11-20
    params:
      seed: 42
      rate: 0.5
      name: "x"
      flag: true
    execute:
      echo: false
    ---

    # Intro

    Some prose with `swiftml lr.test.auc` inline.

    ```python
    print("not run")
    ```

    ```swiftml label=fig-a caption="A caption"
    #| warning: false
    d = load "data/x.csv"
    ```
    """

@Suite struct NotebookParsingTests {
    @Test func readsTheFrontMatter() throws {
        let (notebook, problems) = Notebook.parse(sample, path: "nb.md")
        #expect(problems.isEmpty)
        let matter = notebook.frontMatter
        #expect(matter.title == "A test: notebook")
        #expect(matter.authors == ["Ada", "Grace"])
        #expect(matter.date == "2026-11-20")
        #expect(matter.params.map(\.name) == ["seed", "rate", "name", "flag"])
        #expect(matter.params.map(\.value) == [.integer(42), .number(0.5), .string("x"), .bool(true)])
        #expect(matter.lineCount == 12)
    }

    @Test func splitsHeadingsProseAndCellsWithFileLineNumbers() throws {
        let (notebook, _) = Notebook.parse(sample, path: "nb.md")
        #expect(notebook.blocks.count == 3)
        guard case .heading(let heading) = notebook.blocks[0] else {
            Issue.record("first block is not a heading")
            return
        }
        #expect(heading.plainText == "Intro")
        #expect(heading.location.line == 14)
        guard case .prose(let prose) = notebook.blocks[1] else {
            Issue.record("second block is not prose")
            return
        }
        #expect(prose.inlineCode.map(\.expression) == ["lr.test.auc"])
        #expect(prose.inlineCode.first?.location == Location(line: 16, column: 26))
        #expect(prose.markdown.contains("print(\"not run\")"))
        let cell = try #require(notebook.cells.first)
        #expect(cell.location.line == 22)
        #expect(cell.code == "d = load \"data/x.csv\"")
        #expect(cell.statements.first?.location == Location(line: 24, column: 1))
    }

    @Test func appliesDefaultsThenOptionLinesThenTheInfoString() throws {
        let (notebook, _) = Notebook.parse(sample, path: "nb.md")
        let options = try #require(notebook.cells.first).options
        #expect(options.echo == false)  // execute: defaults
        #expect(options.warning == false)  // #| line
        #expect(options.label == "fig-a")  // info string
        #expect(options.caption == "A caption")
    }

    @Test func reportsAnUnknownBlockOptionWithASuggestion() {
        let text = "```swiftml\n#| ecko: false\nhead d\n```\n"
        let (_, problems) = Notebook.parse(text, path: "nb.md")
        #expect(problems.map(\.description) == ["nb.md:2:4: error: unknown block option 'ecko'; did you mean 'echo'?"])
    }

    @Test func readsQuartoStyleBracedFences() throws {
        let text = "```{swiftml echo=false}\nd = load \"x.csv\"\n```\n\n```{python}\nprint(1)\n```\n"
        let (notebook, problems) = Notebook.parse(text, path: "nb.md")
        #expect(problems.isEmpty)
        #expect(notebook.cells.count == 1)
        let cell = try #require(notebook.cells.first)
        #expect(cell.options.echo == false)
        #expect(cell.statements.count == 1)
    }

    @Test func reportsABadExecuteDefaultAtItsLine() {
        let text = "---\ntitle: T\nexecute:\n  echo: false\n  ecko: true\n  cache: maybe\n---\n# x\n"
        let (_, problems) = Notebook.parse(text, path: "nb.md")
        #expect(
            problems.map(\.description) == [
                "nb.md:5:9: error: unknown block option 'ecko'; did you mean 'echo'?",
                "nb.md:6:10: error: option 'cache' takes true or false, not 'maybe'",
            ])
        let nested = Notebook.parse("---\nexecute:\n  echo: [a, b]\n---\n", path: "nb.md").1
        #expect(
            nested.map(\.description) == [
                "nb.md:3:9: error: execute option 'echo' must be a single value, like true or false"
            ])
    }

    @Test func reportsBadYAMLAtItsLine() {
        let text = "---\ntitle: [unclosed\n---\n# x\n"
        let (_, problems) = Notebook.parse(text, path: "nb.md")
        #expect(problems.count == 1)
        #expect(problems.first?.location.line ?? 0 >= 2)
        #expect(problems.first?.message.hasPrefix("invalid YAML in front matter") == true)
    }
}

@Suite struct InlineSubstitutionTests {
    @Test func aValueAtTheStartOfALineCannotBecomeAListMarker() {
        let markdown = "macro F1 of\n\(InlineCode.placeholder(0)). The end"
        let replaced = Executor.replace(InlineCode.placeholder(0), in: markdown, with: "1")
        #expect(replaced == "macro F1 of\n&#49;. The end")
        #expect(MarkdownRenderer.render(replaced, as: .html) == "<p>macro F1 of\n1. The end</p>\n")
    }

    @Test func valuesInsideALineAreEscapedForMarkdown() {
        let replaced = Executor.replace(
            InlineCode.placeholder(3), in: "a \(InlineCode.placeholder(3)) b", with: "*x*_1")
        #expect(replaced == "a \\*x\\*\\_1 b")
    }
}
