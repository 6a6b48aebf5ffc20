import Foundation
import Testing

/// A folder holding `nb.md` with `code` in one block, the end-to-end fixtures and a small CSV.
private func project(_ code: String) throws -> URL {
    let folder = try temporaryFolder("data")
    let notebook = "---\ntitle: Data\n---\n\n# Test\n\n```swiftml\n\(code)\n```\n"
    try notebook.write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let fixtures = packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures")
    for name in ["penguins40.json", "penguins40.sqlite"] {
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let csv = "name,age,sex,label\nann,34,F,a\nbob,17,M,b\ncid,,M,a\ndee,51,F,b\neve,29,F,a\nann,34,F,a\n"
    try csv.write(to: folder.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
    return folder
}

/// Renders to Markdown and returns (status, stderr, report text).
private func render(_ code: String) throws -> (Int32, String, String) {
    let folder = try project(code)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try swiftml(["render", "nb.md", "-o", "out", "--to", "md", "--quiet"], in: folder)
    let report = (try? String(contentsOf: folder.appendingPathComponent("out/nb.md"), encoding: .utf8)) ?? ""
    return (result.status, result.stderr, report)
}

@Suite(.serialized) struct DataVerbTests {
    @Test func loadsJSONRecordsAndSQLiteQueries() throws {
        let (status, stderr, report) = try render(
            """
            j = load json "penguins40.json", target: "species"
            s = load sql "select species, body_mass_g from penguins where island = 'Dream'", from: "penguins40.sqlite"
            describe s
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("penguins40.json: 40 rows × 8 columns"))
        #expect(report.contains("penguins40.sqlite: 10 rows × 2 columns"))
        #expect(report.contains("| penguins40.sqlite | 10 |"))
        #expect(!report.contains("**Date:**"), "no date in the front matter, so no date line")
    }

    @Test func cleansAndDerives() throws {
        let (status, stderr, report) = try render(
            """
            p = load "people.csv", target: "label"
            p = dedupe p
            p = drop p, missing: any
            p = derive p, adult: "age >= 18", decade: "floor(age / 10) * 10"
            p = filter p, where: "adult and sex == 'F'"
            p = fix p, column: age, where: "age > 50", value: none
            p = cast p, decade: category
            head p
            """)
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("removed 1 duplicate row; 5 left"))
        #expect(report.contains("dropped 1 row with missing values in any column"))
        #expect(report.contains("kept 3 of 4 rows"))
        #expect(report.contains("set 1 value of age to missing"))
        #expect(report.contains("decade: number → category"))
    }

    @Test(arguments: [
        (
            "p = load \"people.csv\"\nq = filter p, where: \"agee > 3\"",
            "nb.md:9:23: error: unknown column 'agee'; did you mean 'age'?"
        ),
        ("p = load \"people.csv\"\nq = derive p, x: \"name + 1\"", "nb.md:9:24: error: "),
        ("p = load \"people.csv\"\nq = filter p, where: \"age > 100\"", "nb.md:9:22: error: the filter keeps no rows"),
        ("p = load \"people.csv\"\na, b = split p, test: 1.5", "nb.md:9:23: error: 'test' must be a fraction"),
        ("p = load \"people.csv\", target: \"name\"\na, b = split p, stratify: true", "nb.md:9:8: error: "),
        (
            "s = load sql \"select * from patients\", from: \"penguins40.sqlite\"",
            "nb.md:8:14: error: penguins40.sqlite: SQL error: no such table: patients"
        ),
        ("j = load json \"people.csv\"", "nb.md:8:15: error: people.csv"),
    ])
    func badDataInputIsAClearErrorAtTheNotebookLine(code: String, expected: String) throws {
        let (status, stderr, _) = try render(code)
        #expect(status == 1)
        #expect(stderr.hasPrefix(expected), "\(stderr)")
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
    }

    @Test func divisionByZeroIsAWarningNotAnError() throws {
        let (status, stderr, report) = try render("p = load \"people.csv\"\nq = derive p, r: \"age / (age - 34)\"")
        #expect(status == 0, "\(stderr)")
        #expect(report.contains("[!WARNING]"))
        #expect(report.contains("division"))
    }
}

@Suite(.serialized) struct ChartVerbTests {
    @Test func drawsBoxBarAndCorrelationCharts() throws {
        let folder = try project(
            """
            p = load "people.csv", target: "label"
            box p, y: age, by: sex
            bar p, x: sex
            bar p, x: sex, y: age
            j = load json "penguins40.json"
            correlation j, method: spearman, top: 3
            scatter j, x: bill_length_mm, y: body_mass_g, color: sex, size: flipper_length_mm
            line j, x: year, y: [bill_length_mm, bill_depth_mm]
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out", "--to", "md", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("out/nb_files").path)
        #expect(figures.sorted() == ["fig-1.svg", "fig-2.svg", "fig-3.svg", "fig-4.svg", "fig-5.svg", "fig-6.svg"])
        let report = try String(contentsOf: folder.appendingPathComponent("out/nb.md"), encoding: .utf8)
        #expect(report.contains("| first | second | r | rows |"))
        let heatmap = try String(contentsOf: folder.appendingPathComponent("out/nb_files/fig-4.svg"), encoding: .utf8)
        #expect(heatmap.contains("<title"))
    }

    @Test func aChartOfATextColumnIsAnError() throws {
        let folder = try project("p = load \"people.csv\"\nbox p, y: name")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try swiftml(["render", "nb.md", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("nb.md:9:11: error: 'name' is "), "\(result.stderr)")
    }
}
