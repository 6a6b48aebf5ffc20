import Foundation
import Testing

@testable import Report

@Suite struct SiteNavigationTests {
    /// A page summary as the site's manifest stores it.
    static func page(_ file: String, _ title: String) throws -> PageSummary {
        let json = #"{"notebook":"\#(file).md","page":"\#(file).html","title":"\#(title)","metrics":[],"targets":{}}"#
        return try JSONDecoder().decode(PageSummary.self, from: Data(json.utf8))
    }

    /// Titles and the site's name are escaped; the current page is marked; a title two notebooks share is
    /// followed by each one's file name.
    @Test func sharedTitlesAreToldApartByFileName() throws {
        let pages = [
            try Self.page("iris", "Iris <species>"), try Self.page("iris-2", "Iris <species>"),
            try Self.page("digits", "Digits"),
        ]
        let html = Site.navigation(pages, current: "iris-2.html", siteTitle: "Lab & co")
        #expect(
            html == """
                <a class="site-home" href="index.html">Lab &amp; co</a>
                <ul>
                <li><a href="iris.html">Iris &lt;species&gt; <span class="site-file">(iris)</span></a></li>
                <li><a href="iris-2.html" aria-current="page">Iris &lt;species&gt; <span class="site-file">(iris-2)</span></a></li>
                <li><a href="digits.html">Digits</a></li>
                </ul>
                """)
    }
}
