public import CommonMark
public import MLPlot

/// A notebook after running: the one document model every renderer reads.
///
/// Renderers never call the engine; everything they show is here, already computed and
/// formatted as plain text (renderers escape it for their format).
public struct ExecutedNotebook: Sendable {
    /// The notebook path as the user gave it.
    public var path: String
    /// The base name used for output files (`breast-cancer` for `breast-cancer.md`).
    public var name: String
    /// The front matter.
    public var frontMatter: FrontMatter
    /// The parameters in effect (defaults overridden by `--param`), in front-matter order.
    public var parameters: [(name: String, value: ParameterValue)]
    /// The document, in order.
    public var blocks: [DocumentBlock]
    /// The reproducibility appendix.
    public var reproducibility: Reproducibility
    /// What the block cache did for each evaluated block, in order (for `--explain-cache`).
    public var cacheDecisions: [CacheDecision] = []
    /// Every score a model got in the run (`evaluate`, `cv`, `tune`), by model name, then data set in the order
    /// scored, then metric: what the run registry records.
    public var scores: [ModelScore] = []

    /// The report title: the front matter's, else the first heading's, else the file name.
    public var title: String {
        if let title = frontMatter.title { return title }
        for block in blocks {
            if case .heading(let heading) = block { return heading.plainText }
        }
        return name
    }

    /// Every figure, in order (for lists of figures and file export).
    public var figures: [FigureOutput] {
        blocks.flatMap { block -> [FigureOutput] in
            guard case .cell(let cell) = block else { return [] }
            return cell.outputs.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
        }
    }
}

/// A block of the executed document.
public enum DocumentBlock: Sendable {
    /// A heading with a stable anchor id.
    case heading(DocumentHeading)
    /// Prose as CommonMark, inline values already substituted.
    case prose(String)
    /// An executed cell.
    case cell(ExecutedCell)
}

/// A heading of the report.
public struct DocumentHeading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// A unique anchor id derived from the text (`data-and-methods`).
    public var id: String
    /// The text without markup.
    public var plainText: String
    /// The heading as CommonMark (`## Data and methods`).
    public var markdown: String
}

/// One cell after running.
public struct ExecutedCell: Sendable {
    /// 0-based position among the cells.
    public var index: Int
    /// Where the cell's fence is in the notebook.
    public var location: SourceLocation
    /// The code as shown.
    public var code: String
    /// The options in effect.
    public var options: CellOptions
    /// What the cell produced, in order.
    public var outputs: [Output]

    /// Whether the code is shown.
    public var showsCode: Bool { options.include && options.echo }

    /// The outputs to show, after the `output`, `include` and `warning` options.
    public var visibleOutputs: [Output] {
        guard options.include else { return [] }
        return outputs.filter { output in
            switch output {
            case .error: return true
            case .warning: return options.output && options.warning
            default: return options.output
            }
        }
    }
}

/// A typed output of a statement.
public enum Output: Sendable, Codable {
    case table(TableOutput)
    case figure(FigureOutput)
    /// One or more metric cards shown together.
    case metrics([MetricCard])
    /// A data profile: one row per column with a small distribution chart.
    case profile(ProfileOutput)
    /// Preformatted text.
    case text(String)
    /// A warning the analysis can go on after ("3 rows dropped").
    case warning(String)
    /// An error shown in the report (`error=true` or `--keep-going`), as `file:line:column: error: …`.
    case error(String)
}

/// A table ready to render: header, cells as text, alignment per column.
public struct TableOutput: Sendable, Hashable, Codable {
    /// One column of a table.
    public struct Column: Sendable, Hashable, Codable {
        /// The header.
        public var name: String
        /// Whether the cells are numbers (right-aligned, tabular figures).
        public var isNumeric: Bool

        /// Creates a column.
        public init(name: String, isNumeric: Bool) {
            self.name = name
            self.isNumeric = isNumeric
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The cells, row by row; `nil` is a missing value.
    public var rows: [[String?]]
    /// A note under the table ("569 rows × 31 columns; first 5 shown").
    public var note: String?
    /// An anchor id when the cell has a `tbl-` label.
    public var id: String?
    /// The caption.
    public var caption: String?
    /// The table's number among the report's labelled tables.
    public var number: Int?

    /// Creates a table.
    public init(columns: [Column], rows: [[String?]], note: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// A figure ready to render.
public struct FigureOutput: Sendable, Codable {
    /// A unique id within the report (the cell's `fig-` label, else `fig-N`).
    public var id: String
    /// The figure's number in the report.
    public var number: Int
    /// The caption, if any.
    public var caption: String?
    /// The plot scene, drawn by each renderer's backend (SVG or TikZ).
    public var figure: Figure
}

/// A data profile ready to render.
public struct ProfileOutput: Sendable, Codable {
    /// One column of the profiled frame.
    public struct Row: Sendable, Codable {
        /// The column's name.
        public var name: String
        /// Its type (`number`, `category`, …).
        public var type: String
        /// Missing values, such as `11 (3.2%)`.
        public var missing: String
        /// Distinct non-missing values.
        public var distinct: String
        /// A one-line summary: range and mean for numbers, the commonest values otherwise.
        public var summary: String
        /// Warnings about the column (`constant`, `high cardinality`, `id-like`, `high missing`).
        public var flags: [String]
        /// A small bar chart of the distribution, drawn by each renderer's backend.
        public var sparkline: Figure?
        /// The same distribution as Unicode block characters, for text formats.
        public var sparkText: String
    }

    /// The columns, in frame order.
    public var rows: [Row]
    /// Frame-level facts: size, duplicate rows, target balance.
    public var notes: [String]
    /// Frame-level warnings.
    public var warnings: [String]
}

/// One metric of one model on one data set, such as `lr` / `test` / `auc` / 0.9983.
public struct ModelScore: Sendable, Hashable, Codable {
    /// The model's name in the notebook.
    public var model: String
    /// The data set's name (`test`, `train`, `cv`, …).
    public var dataset: String
    /// The metric.
    public var metric: String
    /// The value.
    public var value: Double

    /// Creates a score.
    public init(model: String, dataset: String, metric: String, value: Double) {
        self.model = model
        self.dataset = dataset
        self.metric = metric
        self.value = value
    }
}

/// A headline number.
public struct MetricCard: Sendable, Hashable, Codable {
    /// What the number is ("Test AUC").
    public var label: String
    /// The number, formatted.
    public var value: String
}

/// What a reader needs to reproduce the report.
public struct Reproducibility: Sendable, Hashable {
    /// A data file the notebook read.
    public struct FileRecord: Sendable, Hashable, Codable {
        /// The path as written in the notebook.
        public var path: String
        /// Data rows read.
        public var rows: Int
        /// SHA-256 of the bytes, lower-case hex.
        public var sha256: String

        /// Creates a record.
        public init(path: String, rows: Int, sha256: String) {
            self.path = path
            self.rows = rows
            self.sha256 = sha256
        }
    }

    /// swiftml's version.
    public var swiftmlVersion: String
    /// The operating system and architecture.
    public var platform: String
    /// The linked libcmark's version.
    public var cmarkVersion: String
    /// Parameters as `name = value`.
    public var parameters: [String]
    /// Seeds used by random steps, with where they were used.
    public var seeds: [String]
    /// Files read, in the order first read.
    public var files: [FileRecord]

    /// The appendix as label–value lines in display order (``files`` are listed apart).
    public var entries: [(label: String, value: String)] {
        [
            ("swiftml", swiftmlVersion),
            ("Platform", "\(platform), cmark \(cmarkVersion)"),
            ("Parameters", parameters.isEmpty ? "none" : parameters.joined(separator: ", ")),
            ("Seeds", seeds.isEmpty ? "none" : seeds.joined(separator: "; ")),
        ]
    }
}
