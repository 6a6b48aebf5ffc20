public import Notebook

/// Renders `document` in each of `formats` with `templates`.
///
/// Rendering is pure: nothing is written until every format has rendered, so a template
/// error cannot leave one format new and another old.
///
/// - Throws: ``TemplateError``.
public func render(
    _ document: ExecutedNotebook, formats: [ReportFormat], templates: TemplateSet = .standard
) throws -> [RenderedReport] {
    try formats.map { format in
        switch format {
        case .html: try HTMLRenderer(templates: templates).render(document)
        case .markdown: try MarkdownReportRenderer(templates: templates).render(document)
        case .latex: try LaTeXRenderer(templates: templates).render(document)
        }
    }
}
