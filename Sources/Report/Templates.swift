import Foundation
import Mustache
public import Notebook

/// The report templates: one Mustache template per format.
///
/// The defaults are compiled in (``DefaultTemplates``, generated from the repository's
/// `templates/` folder by `make templates`, and checked equal by a test). A user's folder,
/// given with `--template DIR`, replaces any of `html/report.mustache`,
/// `md/report.mustache` and `latex/report.mustache` it contains.
public struct TemplateSet: Sendable {
    private var sources: [ReportFormat: String]

    /// The built-in templates.
    public static let standard = TemplateSet(sources: [
        .html: DefaultTemplates.html, .markdown: DefaultTemplates.markdown, .latex: DefaultTemplates.latex,
    ])

    private init(sources: [ReportFormat: String]) {
        self.sources = sources
    }

    /// The built-in templates overridden by those found in `directory`.
    ///
    /// - Throws: ``TemplateError`` when the folder does not exist, a file cannot be read, or a template uses a
    ///   variable that reports do not provide (named with its file and line; see `docs/templates.md`).
    public static func loading(from directory: String) throws -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(message: "template folder '\(directory)' does not exist")
        }
        var set = standard
        for format in ReportFormat.allCases {
            let path = directory + "/" + format.templateFolder + "/report.mustache"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw TemplateError(message: "cannot read template '\(path)'")
            }
            try TemplateVariables.check(text, file: path)
            set.sources[format] = text
        }
        return set
    }

    /// The templates for one notebook: `self` when `--template` was given (`chosenOnCommandLine`), else the
    /// front matter's `template:` folder (relative to the notebook's `directory`), else `self`.
    ///
    /// - Throws: ``TemplateError`` as ``loading(from:)``.
    public func forNotebook(_ frontMatter: FrontMatter, directory: String, chosenOnCommandLine: Bool) throws
        -> TemplateSet
    {
        guard !chosenOnCommandLine, let folder = frontMatter.template else { return self }
        return try Self.loading(from: NotebookPath.resolve(folder, from: directory))
    }

    /// The text of every template, for keys that must change when a template does.
    public var fingerprint: String {
        ReportFormat.allCases.map { sources[$0] ?? "" }.joined(separator: "\u{0}")
    }

    /// Renders the template of `format` with `context`.
    ///
    /// Empty strings are left out of the context, so `{{#date}}…{{/date}}` shows nothing for a
    /// notebook without a date (Mustache treats an empty string as present).
    ///
    /// - Throws: ``TemplateError`` when the template does not parse.
    func render(_ format: ReportFormat, _ context: [String: Any]) throws -> String {
        let source = sources[format] ?? ""
        let present = context.filter { !(($0.value as? String)?.isEmpty ?? false) }
        do {
            let template = try MustacheTemplate(string: source)
            return template.render(present)
        } catch {
            throw TemplateError(message: "the \(format.rawValue) template does not parse: \(error)")
        }
    }
}

/// A template that is missing or malformed.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}
