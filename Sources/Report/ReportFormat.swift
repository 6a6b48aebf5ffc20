/// An output format.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case html
    case markdown = "md"
    case latex

    /// Accepts `html`, `md`/`markdown`/`gfm` and `latex`/`tex`/`pdf`-less spellings.
    public init?(name: String) {
        switch name.lowercased() {
        case "html": self = .html
        case "md", "markdown", "gfm": self = .markdown
        case "latex", "tex": self = .latex
        default: return nil
        }
    }

    /// The file extension.
    public var fileExtension: String {
        switch self {
        case .html: "html"
        case .markdown: "md"
        case .latex: "tex"
        }
    }

    /// The template folder name under `templates/`.
    public var templateFolder: String {
        switch self {
        case .html: "html"
        case .markdown: "md"
        case .latex: "latex"
        }
    }
}

/// A rendered report: the main file and any files it links to (figures for Markdown).
public struct RenderedReport: Sendable, Hashable {
    /// A file to write, relative to the output folder.
    public struct File: Sendable, Hashable {
        /// Relative path, such as `breast-cancer.html` or `breast-cancer_files/fig-1.svg`.
        public var path: String
        /// The bytes, as UTF-8 text.
        public var contents: String
    }

    /// The report itself.
    public var main: File
    /// Files the report refers to.
    public var attachments: [File] = []
}
