public import CommonMark

/// A parsed notebook: front matter and blocks, with cells parsed into statements.
///
/// Nothing has run yet.
public struct Notebook: Sendable {
    /// The path as the user gave it (used in every message).
    public var path: String
    /// The front matter.
    public var frontMatter: FrontMatter
    /// The blocks, in document order.
    public var blocks: [NotebookBlock]
    /// Problems outside cells (front matter, block defaults).
    public var problems: [Diagnostic] = []

    /// The executable cells, in order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    /// The title as known before running: the front matter's, else the first heading's text (inline values
    /// left out), else `nil`.
    public var title: String? {
        frontMatter.title ?? blocks.lazy.compactMap { if case .heading(let h) = $0 { h.plainText } else { nil } }.first
    }

    /// The language word of executable blocks.
    public static let language = "swiftml"

    /// Parses notebook text.
    ///
    /// - Parameters:
    ///   - text: The whole `.md` file.
    ///   - path: The path to show in messages.
    /// - Returns: The notebook and every problem found while parsing (syntax errors, bad
    ///   block options, bad front matter). The notebook is usable for checking even when
    ///   problems were found.
    public static func parse(_ text: String, path: String) -> (Notebook, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ error: LocatedError) {
            diagnostics.append(Diagnostic(file: path, location: error.location, message: error.message))
        }
        var frontMatter = FrontMatter()
        var body = Substring(text)
        do {
            (frontMatter, body) = try FrontMatter.split(text)
        } catch let error as LocatedError {
            report(error)
            body = ""
        } catch {
            body = ""
        }
        var defaults = CellOptions()
        for (key, value, location) in frontMatter.execute {
            do {
                try defaults.set(key, value, at: location)
            } catch let error as LocatedError {
                report(error)
            } catch {}
        }

        let parser = MarkdownParser(language: language)
        var blocks: [NotebookBlock] = []
        var cellIndex = 0
        for block in parser.parse(String(body), firstLine: frontMatter.lineCount + 1) {
            switch block {
            case .heading(let heading): blocks.append(.heading(heading))
            case .prose(let prose): blocks.append(.prose(prose))
            case .code(let code):
                var (cell, errors) = Cell.parse(code, index: cellIndex, defaults: defaults)
                cell.problems = errors.map { Diagnostic(file: path, location: $0.location, message: $0.message) }
                diagnostics += cell.problems
                blocks.append(.cell(cell))
                cellIndex += 1
            }
        }
        var notebook = Notebook(path: path, frontMatter: frontMatter, blocks: blocks)
        notebook.problems = diagnostics.filter { problem in !notebook.cells.contains { $0.problems.contains(problem) } }
        return (notebook, diagnostics)
    }
}

/// A block of the notebook.
public enum NotebookBlock: Sendable {
    case heading(Heading)
    case prose(Prose)
    case cell(Cell)
}

/// An executable `swiftml` block.
public struct Cell: Sendable {
    /// 0-based position among the notebook's cells.
    public var index: Int
    /// Where the opening fence is.
    public var location: SourceLocation
    /// The line of the closing fence (or the last line of the block).
    public var endLine: Int
    /// Syntax and option errors found while parsing this cell.
    public var problems: [Diagnostic] = []
    /// The block's code as shown in the report (without `#|` option lines).
    public var code: String
    /// The code as written, option lines included (for cache keys).
    public var rawCode: String
    /// The block's options, after front-matter defaults, `#|` lines and the info string.
    public var options: CellOptions
    /// The statements, in order.
    public var statements: [Statement]

    static func parse(_ block: CodeBlock, index: Int, defaults: CellOptions) -> (Cell, [LocatedError]) {
        var errors: [LocatedError] = []
        var options = defaults
        let lines = block.content.split(separator: "\n", omittingEmptySubsequences: false)
        // `#| key: value` lines at the top (the Quarto habit).
        var optionLines = 0
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("#|") else { break }
            let location = SourceLocation(
                line: block.contentLocation.line + optionLines,
                column: block.contentLocation.column + (line.count - trimmed.count) + 3)
            let entry = trimmed.dropFirst(2)
            if let colon = entry.firstIndex(of: ":") {
                let key = entry[..<colon].trimmingCharacters()
                var value = entry[entry.index(after: colon)...].trimmingCharacters()
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                do { try options.set(key, value, at: location) } catch let e as LocatedError { errors.append(e) } catch
                {}
            } else if !entry.trimmingCharacters().isEmpty {
                errors.append(LocatedError("a '#|' option line needs 'key: value'", at: location))
            }
            optionLines += 1
        }
        // Info-string options (`swiftml echo=false label=fig-x`) win over `#|` lines.
        let infoColumn = block.fenceLocation.column + 3 + Notebook.language.utf8.count + 1
        do {
            for (key, value, offset) in try CellOptions.pairs(inInfo: block.options) {
                let location = SourceLocation(line: block.fenceLocation.line, column: infoColumn + offset)
                do { try options.set(key, value, at: location) } catch let e as LocatedError { errors.append(e) }
            }
        } catch var e as LocatedError {
            e.location = SourceLocation(line: block.fenceLocation.line, column: infoColumn + e.location.column)
            errors.append(e)
        } catch {}

        let code = lines.dropFirst(optionLines).joined(separator: "\n")
        let origin = SourceLocation(
            line: block.contentLocation.line + optionLines, column: block.contentLocation.column)
        let (tokens, lexErrors) = Lexer(code: code, origin: origin).tokenize()
        errors += lexErrors
        var parser = Parser(tokens: tokens, takesModifier: { VerbTable.standard.takesModifier($0) })
        let (statements, parseErrors) = parser.parse()
        errors += parseErrors
        let shown = code.hasSuffix("\n") ? String(code.dropLast()) : code
        let cell = Cell(
            index: index, location: block.fenceLocation, endLine: block.endLine, code: shown, rawCode: block.content,
            options: options,
            statements: statements)
        return (cell, errors)
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
