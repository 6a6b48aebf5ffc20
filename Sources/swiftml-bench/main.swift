// swiftml-bench: times one MLData, MLPlot or MLLearn step and prints one JSON line, for benchmarks/bench.py.
//
//     swiftml-bench csv PATH         load the CSV file (timed)
//     swiftml-bench describe PATH    load it (timed apart), then describe() (timed)
//     swiftml-bench profile PATH     load it (timed apart), then profile() (timed)
//     swiftml-bench scatter N [SEED], scatter-points N [SEED], histogram N [SEED]
//                                    build an MLPlot figure of N seeded values and write its SVG (timed);
//                                    see PlotBenchmark.swift for the data and the fields of the line
//     swiftml-bench fit KIND TRAIN.csv TEST.csv TARGET [name=value …]
//                                    fit a model on TRAIN (timed), predict TEST (timed) and score it;
//                                    see ModelBenchmark.swift for the fields of the line
//
// The line holds: command, path, seconds (the timed step), load_seconds, rows, columns, numeric_columns,
// peak_rss_kb (this program's peak resident memory, load included: see peakRSSKiB), decoded_bytes (the size
// of the data in its natural binary form: 8 bytes a number or integer cell, 4 a date or category code,
// 1 a boolean, the UTF-8 bytes of text) and a check value computed from the result, so the work cannot be skipped.
// Exit codes: 0 success, 1 the step failed (message on stderr; for fit, a LearnError such as a kind that is not
// built yet also prints a JSON line with its code), 2 usage error.

import MLData
import MLLearn

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints `message` to standard error and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    let line = "swiftml-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(code)
}

/// The peak resident set size of this process so far, in KiB.
///
/// On Linux this is `VmHWM` of `/proc/self/status`, the high-water mark of this program's own memory.
/// `getrusage`'s `ru_maxrss` is not: it keeps the peak of the process before `exec`, so a program started
/// by a 25 MB Python (bench.py) never reports less than 25 MB. Elsewhere it is `ru_maxrss`.
func peakRSSKiB() -> Int {
    #if os(Linux)
        if let status = fopen("/proc/self/status", "r") {
            defer { fclose(status) }
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, Int32(line.count), status) != nil {
                let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if text.hasPrefix("VmHWM:"), let kib = Int(text.dropFirst(6).filter(\.isNumber)) { return kib }
            }
        }
    #endif
    var usage = rusage()
    #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
        let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return -1 }
    #if canImport(Darwin)
        return Int(usage.ru_maxrss) / 1024  // bytes on macOS
    #else
        return Int(usage.ru_maxrss)  // KiB on Linux
    #endif
}

/// Seconds taken by `body`, and its result.
func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return (seconds, value)
}

/// The bytes the frame's values take in their natural binary form.
func decodedBytes(_ frame: DataFrame) -> Int {
    frame.columns.reduce(0) { total, column in
        switch column.storage {
        case .number(let v): total + 8 * v.count
        case .integer(let v): total + 8 * v.count
        case .boolean(let v): total + v.count
        case .date(let v): total + 4 * v.count
        case .category(let codes, let levels): total + 4 * codes.count + levels.reduce(0) { $0 + $1.utf8.count }
        case .text(let v): total + v.reduce(0) { $0 + $1.utf8.count }
        }
    }
}

/// A number that depends on the whole result, printed so the optimizer keeps the work.
func checkValue(_ frame: DataFrame) -> Double {
    var sum = 0.0
    for column in frame.columns {
        guard let values = column.presentDoubles else { continue }
        for value in values where value.isFinite { sum += value }
    }
    return sum
}

/// A JSON number: finite values as Swift prints them, anything else as `null`.
func json(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "null"
}

/// A JSON string literal.
func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

// OpenBLAS on the calling thread, as in swiftml (its idle threads would spin on a core the pool needs).
BLASThreads.confine()
let arguments = CommandLine.arguments
if arguments.count >= 2, ["scatter", "scatter-points", "histogram"].contains(arguments[1]) {
    runPlotBenchmark(arguments)
}
if arguments.count >= 2, arguments[1] == "fit" {
    runFitBenchmark(arguments)
}
guard arguments.count == 3, ["csv", "describe", "profile"].contains(arguments[1]) else {
    fail(
        "usage: swiftml-bench csv|describe|profile PATH, scatter|scatter-points|histogram N [SEED], "
            + "or fit KIND TRAIN.csv TEST.csv TARGET [name=value …]",
        code: 2
    )
}
let command = arguments[1]
let path = arguments[2]

let load: (seconds: Double, value: DataFrame)
do {
    load = try timed { try CSVReader.read(path: path, displayName: path) }
} catch {
    fail("\(path): \(error)", code: 1)
}
let frame = load.value
var seconds = load.seconds
var check = 0.0
switch command {
case "describe":
    let step = timed { frame.describe() }
    seconds = step.seconds
    check = checkValue(step.value)
case "profile":
    let step = timed { frame.profile() }
    seconds = step.seconds
    check = Double(step.value.duplicateRows + step.value.columns.reduce(0) { $0 + $1.distinct })
default:
    check = checkValue(frame)
}
let numericColumns = frame.columns.count { $0.type == .number || $0.type == .integer }
let fields = [
    "\"command\":" + json(command),
    "\"path\":" + json(path),
    "\"seconds\":" + json(seconds),
    "\"load_seconds\":" + json(load.seconds),
    "\"rows\":\(frame.rowCount)",
    "\"columns\":\(frame.columnCount)",
    "\"numeric_columns\":\(numericColumns)",
    "\"peak_rss_kb\":\(peakRSSKiB())",
    "\"decoded_bytes\":\(decodedBytes(frame))",
    "\"check\":" + json(check),
]
print("{" + fields.joined(separator: ",") + "}")
