// The plot commands of swiftml-bench (see main.swift):
//
//     swiftml-bench scatter N [SEED]          build Charts.scatter of N points + svg(id:) (timed)
//     swiftml-bench scatter-points N [SEED]   the same with every point drawn (no binning above 20,000)
//     swiftml-bench histogram N [SEED]        build Charts.histogram of N values + svg(id:) (timed)
//
// The data come from SplitMix64 with the given seed (default 42), in a form numpy rebuilds bit for bit
// (benchmarks/bench.py does, for matplotlib): the k-th draw (k = 0, 1, …) is the SplitMix64 output for state
// seed + (k + 1) · 0x9E3779B97F4A7C15, and u = (draw >> 11) · 2⁻⁵³. Scatter point i takes draws 5i…5i+4:
// x = (u0 + u1 + u2) − 1.5, y = 0.6 · x + 0.8 · ((u3 + u4) − 1). Histogram value i takes draws 3i…3i+2:
// v = (u0 + u1 + u2) · 20 + 50. Only `+ − ·` in that order, so both languages get the same doubles.
//
// The line holds: command, n, seed, seconds (build + serialize), build_seconds, svg_seconds, svg_bytes,
// peak_rss_kb, and check (the sum of the data, which numpy can compare).

import MLPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SplitMix64 (Steele, Lea and Flood 2014): the benchmark's data generator, easy to rebuild in numpy.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A uniform double in [0, 1) from the top 53 bits of the next draw.
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}

/// Runs `swiftml-bench scatter|scatter-points|histogram N [SEED]` and prints its JSON line.
func runPlotBenchmark(_ arguments: [String]) -> Never {
    guard arguments.count == 3 || arguments.count == 4, let count = Int(arguments[2]), count > 0,
        arguments.count == 3 || UInt64(arguments[3]) != nil
    else {
        fail("usage: swiftml-bench scatter|scatter-points|histogram N [SEED]", code: 2)
    }
    let command = arguments[1]
    let seed = arguments.count == 4 ? UInt64(arguments[3]) ?? 42 : 42
    var random = BenchRandom(seed: seed)
    var check = 0.0
    let build: (seconds: Double, value: Figure)
    switch command {
    case "scatter", "scatter-points":
        var x = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let u0 = random.uniform()
            let u1 = random.uniform()
            let u2 = random.uniform()
            let u3 = random.uniform()
            let u4 = random.uniform()
            let a = (u0 + u1 + u2) - 1.5
            x[index] = a
            y[index] = 0.6 * a + 0.8 * ((u3 + u4) - 1)
            check += x[index] + y[index]
        }
        let maxPoints = command == "scatter" ? 20_000 : Int.max
        build = timed {
            Charts.scatter(x: x, y: y, xLabel: "x", yLabel: "y", title: "Scatter", maxPoints: maxPoints)
        }
    case "histogram":
        var values = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let u0 = random.uniform()
            let u1 = random.uniform()
            let u2 = random.uniform()
            values[index] = (u0 + u1 + u2) * 20 + 50
            check += values[index]
        }
        build = timed {
            Charts.histogram(series: [("values", values)], bins: .auto, xLabel: "value", title: "Histogram")
        }
    default:
        fail("usage: swiftml-bench scatter|scatter-points|histogram N [SEED]", code: 2)
    }
    let serialize = timed { build.value.svg(id: "bench") }
    let fields = [
        "\"command\":" + json(command),
        "\"n\":\(count)",
        "\"seed\":\(seed)",
        "\"seconds\":" + json(build.seconds + serialize.seconds),
        "\"build_seconds\":" + json(build.seconds),
        "\"svg_seconds\":" + json(serialize.seconds),
        "\"svg_bytes\":\(serialize.value.utf8.count)",
        "\"peak_rss_kb\":\(peakRSSKiB())",
        "\"check\":" + json(check),
    ]
    print("{" + fields.joined(separator: ",") + "}")
    exit(0)
}
