import CommonMark
import Foundation
import MLData
import MLLearn

/// How to run a notebook.
public struct RunOptions: Sendable {
    /// `--param name=value` overrides, as text; typed by the default's type.
    public var parameters: [(name: String, value: String)] = []
    /// Render errors into the report and go on, for every cell.
    public var keepGoing = false
    /// The swiftml version recorded in the appendix (and part of every cache key).
    public var version = "0.0.0"
    /// Whether blocks with `cache=true` reuse and store results in `.swiftml-cache/` (`--no-cache` turns it off
    /// and leaves the cache as it is).
    public var cache = true

    /// Creates options.
    public init(
        parameters: [(name: String, value: String)] = [], keepGoing: Bool = false, version: String = "0.0.0",
        cache: Bool = true
    ) {
        self.parameters = parameters
        self.keepGoing = keepGoing
        self.version = version
        self.cache = cache
    }
}

/// A problem with `--param`: a usage error, not a notebook error.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
}

/// Runs a parsed notebook and returns the executed document.
///
/// Cells run top to bottom in one ``Session``. A failing statement stops the run with a
/// ``Diagnostic`` unless its cell has `error=true` or ``RunOptions/keepGoing`` is set; then
/// the error becomes an output and the run goes on.
public struct Executor {
    private let notebook: Notebook
    private let options: RunOptions
    private var session: Session
    /// The notebook's block cache, opened when a block asks for it.
    private var cache: BlockCache?
    /// For each bound name, the latest block that bound it (or changed its scores) and that block's result key.
    private var binders: [String: (cell: Int, key: String)] = [:]
    /// What the cache did, block by block.
    private var decisions: [CacheDecision] = []

    /// Runs `notebook`.
    ///
    /// - Parameters:
    ///   - notebook: The parsed notebook.
    ///   - directory: The folder the notebook's relative paths start from.
    ///   - options: Parameters and error handling.
    /// - Returns: The executed document.
    /// - Throws: ``ParameterError`` for a bad `--param`; ``DiagnosticList`` when checking
    ///   finds problems or a statement fails outside an `error=true` cell.
    public static func run(_ notebook: Notebook, directory: String, options: RunOptions) throws -> ExecutedNotebook {
        let parameters = try resolveParameters(notebook.frontMatter.params, overrides: options.parameters)
        var executor = Executor(
            notebook: notebook, options: options,
            session: Session(parameters: parameters, directory: directory))
        if options.cache, notebook.cells.contains(where: { $0.options.cache && $0.options.eval }) {
            executor.cache = BlockCache(directory: directory, name: baseName(notebook.path))
        }
        var document = try executor.run()
        executor.cache?.finish()
        document.cacheDecisions = executor.decisions
        // Per-class values (`recall.malignant`, kept for inline text) stay out of the record: a ten-class model
        // would add forty rows per data set to every run. Only cross-validation names its summaries with a dot.
        document.scores = executor.session.scores.keys.sorted().flatMap { model in
            (executor.session.scores[model] ?? []).flatMap { set in
                set.metrics.filter { set.set == "cv" || !$0.0.contains(".") }.map {
                    ModelScore(model: model, dataset: set.set, metric: $0.0, value: $0.1)
                }
            }
        }
        return document
    }

    private init(notebook: Notebook, options: RunOptions, session: Session) {
        self.notebook = notebook
        self.options = options
        self.session = session
    }

    static func resolveParameters(
        _ defaults: [(name: String, value: ParameterValue)], overrides: [(name: String, value: String)]
    ) throws -> [(name: String, value: ParameterValue)] {
        var result = defaults
        for (name, text) in overrides {
            guard let index = result.firstIndex(where: { $0.name == name }) else {
                var message = "unknown parameter '\(name)'"
                if let near = nearestName(to: name, in: defaults.map(\.name)) {
                    message += "; did you mean '\(near)'?"
                } else if defaults.isEmpty {
                    message += "; the notebook declares no params in its front matter"
                } else {
                    message += "; the notebook's parameters are " + defaults.map(\.name).joined(separator: ", ")
                }
                throw ParameterError(description: message)
            }
            guard let value = result[index].value.coercing(text) else {
                throw ParameterError(
                    description: "parameter '\(name)' must be \(result[index].value.typeName), not '\(text)'")
            }
            result[index].value = value
        }
        return result
    }

    private mutating func run() throws -> ExecutedNotebook {
        let problems = try staticProblems()
        var blocks: [DocumentBlock] = []
        var headingIDs = Set<String>()
        for block in notebook.blocks {
            switch block {
            case .heading(let heading):
                let markdown = try substitute(heading.inlineCode, into: heading.markdown)
                let id = uniqueSlug(heading.plainText, taken: &headingIDs)
                blocks.append(
                    .heading(
                        DocumentHeading(
                            level: heading.level, id: id, plainText: heading.plainText, markdown: markdown)))
            case .prose(let prose):
                blocks.append(.prose(try substitute(prose.inlineCode, into: prose.markdown)))
            case .cell(let cell):
                if let shown = problems[cell.index] {
                    var executed = ExecutedCell(
                        index: cell.index, location: cell.location, code: cell.code, options: cell.options, outputs: [])
                    executed.outputs = shown.map { .error($0.description) }
                    blocks.append(.cell(executed))
                } else {
                    blocks.append(.cell(try run(cell)))
                }
            }
        }
        blocks = try resolveReferences(in: blocks)
        let reproducibility = Reproducibility(
            swiftmlVersion: options.version, platform: Self.platform, cmarkVersion: MarkdownRenderer.cmarkVersion,
            parameters: session.parameters.map { "\($0.name) = \($0.value)" },
            seeds: session.seeds, files: session.files)
        return ExecutedNotebook(
            path: notebook.path, name: Self.baseName(notebook.path), frontMatter: notebook.frontMatter,
            parameters: session.parameters, blocks: blocks, reproducibility: reproducibility)
    }

    /// Parses and checks everything before running anything, so a typo in the last cell
    /// fails the render before a long first cell runs.
    ///
    /// - Returns: The problems of cells that show their errors (`error=true` or keep-going),
    ///   by cell index; such cells are not run.
    /// - Throws: ``DiagnosticList`` with every problem outside such cells.
    private func staticProblems() throws -> [Int: [Diagnostic]] {
        var all = notebook.problems
        for cell in notebook.cells { all += cell.problems }
        all += Checker.check(notebook, parameters: session.parameters.map(\.name))
        var fatal: [Diagnostic] = []
        var shown: [Int: [Diagnostic]] = [:]
        for problem in all.sorted(by: { $0.location < $1.location }) {
            let line = problem.location.line
            let cell = notebook.cells.first { $0.location.line <= line && line <= $0.endLine }
            if let cell, cell.options.error || options.keepGoing {
                shown[cell.index, default: []].append(problem)
            } else if cell == nil && options.keepGoing {
                continue  // an inline value in prose: the run shows it in place
            } else if !fatal.contains(problem) {
                fatal.append(problem)
            }
        }
        if !fatal.isEmpty { throw DiagnosticList(fatal) }
        return shown
    }

    /// Runs `cell`, or restores its results from the cache when it has `cache=true` and an entry for its key
    /// whose files are unchanged.
    private mutating func run(_ cell: Cell) throws -> ExecutedCell {
        guard cell.options.eval else {
            return ExecutedCell(
                index: cell.index, location: cell.location, code: cell.code, options: cell.options, outputs: [])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parts = KeyParts(
            version: options.version, parameters: session.parameters.map { "\($0.name)=\($0.value)" },
            counters: [session.figureCount, session.tableCount],
            options: String(decoding: (try? encoder.encode(cell.options)) ?? Data(), as: UTF8.self),
            code: cell.rawCode,
            dependencies: cell.readNames.sorted().compactMap { name in
                binders[name].map { KeyParts.Dependency(name: name, cell: $0.cell, key: $0.key) }
            })
        let key = BlockCache.key(parts)
        var reason = "cache is off for this block"
        if cell.options.cache, var store = cache {
            store.note(parts, cell: cell.index)
            let found = store.lookup(key, cell: cell.index)
            cache = store
            switch found {
            case .success(let entry):
                restore(entry)
                for name in Set(entry.bindings.map(\.name) + entry.scores.map(\.model)) {
                    binders[name] = (cell.index, BlockCache.resultKey(key, inputs: entry.inputs))
                }
                decisions.append(
                    CacheDecision(cellIndex: cell.index, line: cell.location.line, reused: true, reason: "unchanged"))
                return ExecutedCell(
                    index: cell.index, location: cell.location, code: cell.code, options: cell.options,
                    outputs: entry.outputs)
            case .failure(let miss):
                reason = miss.reason
            }
        } else if cell.options.cache {
            reason = "caching is turned off (--no-cache)"
        }
        let before = (scores: session.scores.mapValues { "\($0)" }, seeds: session.seeds.count, files: session.files)
        session.inputsInCell = []
        let executed = try runStatements(cell)
        let inputs = session.inputsInCell.reduce(into: [CacheEntry.Input]()) { if !$0.contains($1) { $0.append($1) } }
        let scored = session.scores.keys.filter { before.scores[$0] != "\(session.scores[$0] ?? [])" }.sorted()
        let resultKey = BlockCache.resultKey(key, inputs: inputs)
        for name in cell.boundNames + scored { binders[name] = (cell.index, resultKey) }
        decisions.append(CacheDecision(cellIndex: cell.index, line: cell.location.line, reused: false, reason: reason))
        let failed = executed.outputs.contains { if case .error = $0 { true } else { false } }
        if cell.options.cache, !failed, var store = cache {
            let bound = Set(cell.boundNames)
            let entry = CacheEntry(
                key: key, inputs: inputs, outputs: executed.outputs,
                bindings: session.values.keys.filter(bound.contains).sorted().compactMap { name in
                    session.values[name].map { CacheEntry.Binding(name: name, value: $0) }
                },
                scores: scored.map { model in
                    CacheEntry.Scores(
                        model: model,
                        sets: (session.scores[model] ?? []).map { set in
                            .init(name: set.set, metrics: set.metrics.map { .init(name: $0.0, value: $0.1) })
                        })
                },
                seeds: Array(session.seeds[before.seeds...]),
                files: session.files.filter { !before.files.contains($0) },
                figureCount: session.figureCount, tableCount: session.tableCount)
            // A cache that cannot be written costs the next render time, not this one its report.
            try? store.store(entry)
            cache = store
        }
        return executed
    }

    /// Puts a cached block's effects back into the session, as running it would have.
    private mutating func restore(_ entry: CacheEntry) {
        for binding in entry.bindings { session.values[binding.name] = binding.value }
        for scores in entry.scores {
            session.scores[scores.model] = scores.sets.map { set in (set.name, set.metrics.map { ($0.name, $0.value) })
            }
        }
        session.seeds += entry.seeds
        for file in entry.files { session.record(file: file) }
        session.figureCount = entry.figureCount
        session.tableCount = entry.tableCount
    }

    private mutating func runStatements(_ cell: Cell) throws -> ExecutedCell {
        var executed = ExecutedCell(
            index: cell.index, location: cell.location, code: cell.code, options: cell.options, outputs: [])
        let tolerant = cell.options.error || options.keepGoing
        session.figuresInCell = 0
        session.labelledTableInCell = false
        for statement in cell.statements {
            do {
                var context = StatementContext(cell: cell, session: session)
                try context.run(statement)
                session = context.session
                for output in context.outputs {
                    // Metric cards from consecutive `show` statements sit side by side.
                    if case .metrics(let cards) = output, case .metrics(let previous)? = executed.outputs.last {
                        executed.outputs[executed.outputs.count - 1] = .metrics(previous + cards)
                    } else {
                        executed.outputs.append(output)
                    }
                }
            } catch let error as LocatedError {
                let diagnostic = Diagnostic(file: notebook.path, location: error.location, message: error.message)
                guard tolerant else { throw DiagnosticList([diagnostic]) }
                executed.outputs.append(.error(diagnostic.description))
            }
        }
        return executed
    }

    /// Replaces inline-value placeholders with the values, escaped for Markdown.
    private func substitute(_ inline: [InlineCode], into markdown: String) throws -> String {
        guard !inline.isEmpty else { return markdown }
        var result = markdown
        for (index, code) in inline.enumerated() {
            let text: String
            do {
                text = try inlineValue(code)
            } catch let error as LocatedError {
                let diagnostic = Diagnostic(file: notebook.path, location: error.location, message: error.message)
                guard options.keepGoing else { throw DiagnosticList([diagnostic]) }
                text = "⚠ " + error.message
            }
            result = Self.replace(InlineCode.placeholder(index), in: result, with: text)
        }
        return result
    }

    /// Turns `@fig-x` and `@tbl-x` in prose into links to the numbered figure or table.
    ///
    /// References may point forward, so this runs after every cell. A reference to a label
    /// no cell defines is an error at its line (shown in place with `--keep-going`).
    private func resolveReferences(in blocks: [DocumentBlock]) throws -> [DocumentBlock] {
        var targets: [String: String] = [:]
        for block in blocks {
            guard case .cell(let cell) = block else { continue }
            for output in cell.outputs {
                switch output {
                case .figure(let figure): targets[figure.id] = "Figure \(figure.number)"
                case .table(let table):
                    if let id = table.id, let number = table.number { targets[id] = "Table \(number)" }
                default: break
                }
            }
        }
        let proseLines: [Int] = notebook.blocks.compactMap {
            if case .prose(let prose) = $0 { prose.location.line } else { nil }
        }
        var proseIndex = 0
        return try blocks.map { block in
            guard case .prose(let markdown) = block else { return block }
            defer { proseIndex += 1 }
            let firstLine = proseIndex < proseLines.count ? proseLines[proseIndex] : 1
            return .prose(try linkReferences(in: markdown, targets: targets, firstLine: firstLine))
        }
    }

    private func linkReferences(in markdown: String, targets: [String: String], firstLine: Int) throws -> String {
        var output = ""
        var rest = markdown[...]
        for reference in CrossReference.scan(markdown) {
            output += rest[..<reference.range.lowerBound]
            rest = rest[reference.range.upperBound...]
            if let text = targets[reference.id] {
                output += "[\(text)](#\(reference.id))"
                continue
            }
            let message = withSuggestion(
                "unknown reference '@\(reference.id)'", for: reference.id, among: targets.keys.sorted())
            guard options.keepGoing else {
                let location = SourceLocation(line: firstLine + reference.lineOffset, column: 1)
                throw DiagnosticList([Diagnostic(file: notebook.path, location: location, message: message)])
            }
            output += "**⚠ \(MarkdownRenderer.escapeInline(message))**"
        }
        return output + rest
    }

    /// Replaces `placeholder` by `text`, escaped so it reads literally wherever it lands.
    ///
    /// At the start of a line a value such as `1` followed by the prose's `.` would turn
    /// into a list marker, so there the first character is written as a character
    /// reference, which Markdown never reads as block structure.
    static func replace(_ placeholder: String, in markdown: String, with text: String) -> String {
        let escaped = MarkdownRenderer.escapeInline(text)
        var output = ""
        var rest = markdown[...]
        while let range = rest.range(of: placeholder) {
            let before = rest[..<range.lowerBound]
            output += before
            let line = output.lastIndex(of: "\n").map { output[output.index(after: $0)...] } ?? output[...]
            if line.allSatisfy({ $0 == " " }), let first = escaped.unicodeScalars.first,
                first.properties.isAlphabetic || ("0"..."9").contains(first)
            {
                output += "&#\(first.value);" + String(escaped.unicodeScalars.dropFirst())
            } else {
                output += escaped
            }
            rest = rest[range.upperBound...]
        }
        return output + rest
    }

    private func inlineValue(_ code: InlineCode) throws -> String {
        let (tokens, lexErrors) = Lexer(code: code.expression, origin: code.location).tokenize()
        if let first = lexErrors.first { throw first }
        var parser = Parser(tokens: tokens, takesModifier: { _ in false })
        let (statements, errors) = parser.parse()
        if let first = errors.first { throw first }
        guard statements.count == 1, case .display(let expression) = statements[0].kind else {
            throw LocatedError("an inline value must be a name or a path such as lr.test.auc", at: code.location)
        }
        return try Display.inline(session.evaluate(expression), at: code.location)
    }

    private func uniqueSlug(_ text: String, taken: inout Set<String>) -> String {
        var slug = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug.append("-")
                lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "section" }
        var candidate = slug
        var n = 1
        while taken.contains(candidate) {
            candidate = "\(slug)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }

    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }

    static var platform: String {
        #if os(Linux)
            let os = "Linux"
        #elseif os(macOS)
            let os = "macOS"
        #else
            let os = "unknown OS"
        #endif
        #if arch(x86_64)
            return os + " x86_64"
        #elseif arch(arm64)
            return os + " arm64"
        #else
            return os
        #endif
    }
}
