/// How a histogram chooses its bins.
public enum BinRule: Sendable, Hashable, Codable {
    /// The Freedman–Diaconis rule (bin width `2 · IQR · n^(−1/3)`), falling back to Sturges' rule
    /// (`log2(n) + 1` bins) when the interquartile range is 0; at most ``HistogramBins/maxAutomaticBins`` bins.
    case auto
    /// This many equal-width bins (clamped to 1…``HistogramBins/maxBins``).
    case count(Int)
}
