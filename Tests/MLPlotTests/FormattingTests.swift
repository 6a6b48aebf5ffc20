import Testing

@testable import MLPlot

@Suite struct FormattingTests {
    @Test(arguments: [
        (12.0, "12"), (12.5, "12.5"), (12.345, "12.35"), (-0.25, "-0.25"), (-0.001, "0"), (0.05, "0.05"),
        (640, "640"), (1.999, "2"), (-3.1, "-3.1"),
    ])
    func coordinatesHaveAtMostTwoDecimals(value: Double, expected: String) {
        #expect(NumberFormatting.coordinate(value) == expected)
    }

    @Test func fixedFormattingUsesTypographicMinusAndGrouping() {
        #expect(NumberFormatting.fixed(1234567.891, decimals: 2, grouping: true) == "1,234,567.89")
        #expect(NumberFormatting.fixed(-2.5, decimals: 1) == "\u{2212}2.5")
        #expect(NumberFormatting.fixed(-0.004, decimals: 2) == "0.00")
        #expect(NumberFormatting.fixed(999, decimals: 0, grouping: true) == "999")
    }

    @Test func generalFormattingKeepsFourSignificantDigits() {
        #expect(NumberFormatting.general(6.981) == "6.981")
        #expect(NumberFormatting.general(28.11) == "28.11")
        #expect(NumberFormatting.general(0.70433333) == "0.7043")
        #expect(NumberFormatting.general(123456.7) == "123,457")
        #expect(NumberFormatting.general(2.5e-7) == "2.5×10⁻⁷")
        #expect(NumberFormatting.general(9.99996e9) == "1×10¹⁰")
    }

    private func labels(_ low: Double, _ high: Double, maxCount: Int) throws -> [String] {
        let ticks = try #require(TickSet.covering(low, high, maxCount: maxCount))
        let format = TickLabelFormat(ticks: ticks.values, step: ticks.step)
        return ticks.values.map(format.label)
    }

    @Test func tickLabelsShareTheirFormat() throws {
        // Step 0.5: one decimal on every label, including the whole numbers.
        #expect(try labels(0, 1, maxCount: 5) == ["0.0", "0.5", "1.0"])
        // Step 5,000 up to 20,000: thousands separators on all labels.
        #expect(try labels(0, 18_000, maxCount: 5) == ["0", "5,000", "10,000", "15,000", "20,000"])
        // Below 10,000 no separators (years, small counts).
        #expect(try labels(1990, 2020, maxCount: 5) == ["1990", "2000", "2010", "2020"])
        // Negative values with the minus sign.
        #expect(try labels(-2, 2, maxCount: 5) == ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
        // Millions share the exponent of the largest tick and the decimals of the step (0.5×10⁶).
        #expect(try labels(0, 2_000_000, maxCount: 5) == ["0", "0.5×10⁶", "1.0×10⁶", "1.5×10⁶", "2.0×10⁶"])
        // Tiny values likewise.
        #expect(try labels(0, 0.0004, maxCount: 5) == ["0", "1×10⁻⁴", "2×10⁻⁴", "3×10⁻⁴", "4×10⁻⁴"])
    }

    @Test func xmlEscapingCoversMarkupAndControlCharacters() {
        #expect(
            TextEscaping.xml("<script>alert(\"x\" & 'y')</script>")
                == "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;")
        #expect(TextEscaping.xml("a\u{1}b\tc\nd") == "ab c d")
        #expect(TextEscaping.xml("µ ± 5 °C") == "µ ± 5 °C")
    }

    @Test func latexEscapingCoversEverySpecialCharacter() {
        let expected =
            ##"\textbackslash{} \# \$ \% \& \_ \{ \} "##
            + ##"\textasciitilde{} \textasciicircum{} \textless{} \textgreater{} \textbar{}"##
        #expect(TextEscaping.latex(##"\ # $ % & _ { } ~ ^ < > |"##) == expected)
        #expect(TextEscaping.latex("\\end{document}") == "\\textbackslash{}end\\{document\\}")
        #expect(TextEscaping.latex("1.5×10⁻³ \u{2212}2") == "1.5$\\times$10$^{-3}$ $-$2")
        #expect(TextEscaping.latex("two\n\nparagraphs") == "two  paragraphs")
        // Latin letters pass (also when decomposed), Greek becomes math, what pdflatex cannot set becomes [U+XXXX].
        #expect(TextEscaping.latex("café Zoë e\u{301} µ ±") == "café Zoë é µ $\\pm$")
        // Z + caron is Ž (Latin Extended-A); q + acute has no precomposed letter, so the mark shows as a code.
        #expect(TextEscaping.latex("Z\u{30C}ofia q\u{301}") == "Žofia q[U+301]")
        #expect(TextEscaping.latex("σ² ≤ Ω 中") == "$\\sigma$$^{2}$ $\\le$ $\\Omega$ [U+4E2D]")
    }

    @Test func textWrapsAtSpacesAndTruncatesTheLastLine() {
        let lines = TextMetrics.wrapped(
            "alpha beta gamma delta epsilon zeta", toWidth: 100, fontSize: 12, maxLines: 2
        )
        #expect(lines.count == 2)
        #expect(lines[0] == "alpha beta")
        #expect(lines[1].hasSuffix("…"))
        for line in lines { #expect(TextMetrics.width(of: line, fontSize: 12) <= 100) }
        #expect(TextMetrics.truncated("short", toWidth: 100, fontSize: 12) == "short")
    }
}

@Suite struct LegendLabelTests {
    /// A long ROC label loses letters of its name, never its score; short labels and labels without a trailing
    /// parenthesis are left to the plain truncation.
    @Test func truncationKeepsTheTrailingScore() {
        let label = "penguins model: Chinstrap vs rest (AUC = 0.996)"
        let cut = Legend.truncated(label, toWidth: 180, fontSize: 11)
        #expect(cut.hasSuffix("… (AUC = 0.996)"))
        #expect(cut.hasPrefix("penguins"))
        #expect(TextMetrics.width(of: cut, fontSize: 11) <= 180)
        #expect(Legend.truncated("short (AUC = 0.9)", toWidth: 180, fontSize: 11) == "short (AUC = 0.9)")
        let plain = Legend.truncated(String(repeating: "long name ", count: 10), toWidth: 100, fontSize: 11)
        #expect(plain == TextMetrics.truncated(String(repeating: "long name ", count: 10), toWidth: 100, fontSize: 11))
    }
}
