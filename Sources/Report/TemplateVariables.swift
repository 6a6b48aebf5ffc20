import MLData
import Notebook

/// The variables every report template gets.
///
/// The names are the same in the three formats, and each value is already escaped or rendered for its format.
/// `docs/templates.md` documents them for template authors.
struct TemplateVariables {
    /// Every variable name, in the order the documentation lists them.
    static let names = [
        "title", "subtitle", "authors", "authorLine", "hasAuthors", "date", "description", "toc", "hasToc",
        "numberSections", "body", "appendix", "generator", "siteNav", "hasSiteNav",
    ]

    /// The parts of a report a renderer makes in its own format.
    struct Parts {
        /// Escapes plain text (a title, an author) for the format.
        var escape: (String) -> String
        /// Renders CommonMark (the description) to the format.
        var markdown: (String) -> String
        /// What goes between authors in `authorLine`.
        var authorSeparator: String
        /// The table of contents in the format (empty when there is none).
        var toc: String
        /// The rendered blocks.
        var body: String
        /// The reproducibility appendix.
        var appendix: String
        /// The site's navigation bar (HTML pages of `swiftml site`; empty otherwise).
        var siteNav = ""
    }

    /// The template context of `document`.
    ///
    /// Every name of ``names`` is present; absent values are empty strings (which ``TemplateSet`` leaves out
    /// so that `{{#date}}…{{/date}}` shows nothing) or `false`.
    static func context(_ document: ExecutedNotebook, _ parts: Parts) -> [String: Any] {
        let matter = document.frontMatter
        let authors = matter.authors.map(parts.escape)
        return [
            "title": parts.escape(document.title),
            "subtitle": matter.subtitle.map(parts.escape) ?? "",
            "authors": authors,
            "authorLine": authors.joined(separator: parts.authorSeparator),
            "hasAuthors": !authors.isEmpty,
            "date": matter.date.map(parts.escape) ?? "",
            "description": matter.description.map(parts.markdown) ?? "",
            "toc": parts.toc,
            "hasToc": !parts.toc.isEmpty,
            "numberSections": matter.numberSections,
            "body": parts.body,
            "appendix": parts.appendix,
            "generator": parts.escape("swiftml " + document.reproducibility.swiftmlVersion),
            "siteNav": parts.siteNav,
            "hasSiteNav": !parts.siteNav.isEmpty,
        ]
    }

    /// The headings the table of contents lists, or none when the front matter turns it off.
    static func tocHeadings(_ document: ExecutedNotebook) -> [DocumentHeading] {
        guard document.frontMatter.tableOfContents else { return [] }
        let depth = document.frontMatter.tableOfContentsDepth
        return document.blocks.compactMap { if case .heading(let h) = $0, h.level <= depth { h } else { nil } }
    }

    /// The section number of each heading (by id), such as `2.1`, when `number-sections` is on; empty otherwise.
    ///
    /// Numbering starts at the document's highest heading level, so a notebook whose sections are `##`
    /// headings numbers them 1, 2, … rather than 0.1, 0.2.
    static func sectionNumbers(_ document: ExecutedNotebook) -> [String: String] {
        guard document.frontMatter.numberSections else { return [:] }
        let headings: [DocumentHeading] = document.blocks.compactMap { if case .heading(let h) = $0 { h } else { nil } }
        guard let top = headings.map(\.level).min() else { return [:] }
        var counters: [Int] = []
        var numbers: [String: String] = [:]
        for heading in headings {
            let depth = heading.level - top + 1
            while counters.count < depth { counters.append(0) }
            counters.removeLast(counters.count - depth)
            counters[depth - 1] += 1
            numbers[heading.id] = counters.map(String.init).joined(separator: ".")
        }
        return numbers
    }

    /// Checks that every variable `source` uses is one of ``names``.
    ///
    /// Inside a section over `authors`, `{{.}}` is the author. Mustache renders an unknown name as nothing, so
    /// a misspelt variable would silently empty part of every report; it is an error instead.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - file: The template's name for messages, such as `html/report.mustache`.
    /// - Throws: ``TemplateError`` naming the template line of the first unknown variable, with the nearest
    ///   known name.
    static func check(_ source: String, file: String) throws {
        var line = 1
        var rest = source[...]
        while let open = rest.firstRange(of: "{{")?.lowerBound {
            line += rest[..<open].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            let triple = rest[open...].hasPrefix("{{{")
            let start = rest.index(open, offsetBy: triple ? 3 : 2)
            guard let close = rest[start...].firstRange(of: triple ? "}}}" : "}}") else { return }
            var tag = rest[start..<close.lowerBound].trimmingSpaces
            rest = rest[close.upperBound...]
            line += tag.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            guard let sigil = tag.first else { continue }
            switch sigil {
            case "!", ">", "/": continue  // comments, partials and section ends name nothing new
            case "=": return  // changed delimiters: not checked
            case "#", "^", "&": tag = String(tag.dropFirst()).trimmingSpaces
            default: break
            }
            let name = tag.split(separator: ".", maxSplits: 1).first.map(String.init) ?? tag
            guard tag != ".", !names.contains(name) else { continue }
            var message = "\(file):\(line): unknown template variable '\(tag)'"
            if let near = nearestName(to: name, in: names) { message += "; did you mean '\(near)'?" }
            throw TemplateError(message: message + " (the variables are listed in docs/templates.md)")
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingSpaces: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
