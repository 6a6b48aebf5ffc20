// The model command of swiftml-bench (see main.swift):
//
//     swiftml-bench fit KIND TRAIN.csv TEST.csv TARGET [name=value …]
//
// Loads both files with MLData's CSV reader (timed apart, not part of the fit), fits
// `TrainedModel.fit(KIND, on: train, target: TARGET, hyperparameters:)` (timed: the default pipeline, the
// estimator and the training metrics, everything a notebook's `fit` pays), predicts the test rows (timed:
// `predict` on the raw test frame, preprocessing included) and scores them with `evaluate` (not timed).
//
// Hyperparameters are written as in a notebook, one `name=value` argument each: `trees=100` (a whole
// number), `C=0.5` (a real number), `penalty=l2` (a word), `depth=none`, `early_stop=true`, `layers=[64,32]`.
//
// The line holds: command, kind, target, rows (training rows used), test_rows, features (model inputs after
// the pipeline), classes (0 for regression and clustering), threads (MLData's Parallel.threadCount),
// load_s, fit_s, predict_s, accuracy, f1_macro, auc, r2, rmse, ari (null where they do not apply),
// peak_rss_kb (this program's peak resident memory, data included: see peakRSSKiB) and warnings (the
// model's remarks).
// A `LearnError` (a kind not built yet: `notYetAvailable`; an unknown hyperparameter) prints one JSON line
// `{"command":"fit","kind":…,"error":CODE,"message":…}` on standard output, the message on standard error,
// and exits 1.

import MLData
import MLLearn

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `swiftml-bench fit KIND TRAIN.csv TEST.csv TARGET [name=value …]` and prints its JSON line.
///
/// - Parameter arguments: The command line, `arguments[1] == "fit"`.
func runFitBenchmark(_ arguments: [String]) -> Never {
    let usage = "usage: swiftml-bench fit KIND TRAIN.csv TEST.csv TARGET [name=value …]"
    guard arguments.count >= 6 else { fail(usage, code: 2) }
    let kindName = arguments[2]
    let trainPath = arguments[3]
    let testPath = arguments[4]
    let target = arguments[5]
    var hyperparameters: [String: HyperValue] = [:]
    for argument in arguments.dropFirst(6) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            fail("\(usage)\n  '\(argument)' is not name=value", code: 2)
        }
        let name = String(argument[..<equals])
        hyperparameters[name] = parseHyperValue(String(argument[argument.index(after: equals)...]))
    }

    let train: DataFrame
    let test: DataFrame
    let loadSeconds: Double
    do {
        let loadTrain = try timed { try CSVReader.read(path: trainPath, displayName: trainPath) }
        let loadTest = try timed { try CSVReader.read(path: testPath, displayName: testPath) }
        train = loadTrain.value
        test = loadTest.value
        loadSeconds = loadTrain.seconds + loadTest.seconds
    } catch {
        fail("\(error)", code: 1)
    }

    do {
        let kind = try ModelKind(name: kindName)
        let fit = try timed {
            try TrainedModel.fit(kind, on: train, target: target, hyperparameters: hyperparameters)
        }
        let model = fit.value
        let predict = try timed { try model.predict(test) }
        let scores = try evaluate(model, on: test)
        let warnings = model.warnings.map { json($0) }.joined(separator: ",")
        let fields = [
            "\"command\":\"fit\"",
            "\"kind\":" + json(kind.rawValue),
            "\"target\":" + json(target),
            "\"rows\":\(model.trainingRows)",
            "\"test_rows\":\(predict.value.count)",
            "\"features\":\(model.pipeline.outputCount)",
            "\"classes\":\(model.task.classes.count)",
            "\"threads\":\(Parallel.threadCount)",
            "\"load_s\":" + json(loadSeconds),
            "\"fit_s\":" + json(fit.seconds),
            "\"predict_s\":" + json(predict.seconds),
            "\"accuracy\":" + json(scores["accuracy"]),
            "\"f1_macro\":" + json(scores["f1"]),
            "\"auc\":" + json(scores["auc"]),
            "\"r2\":" + json(scores["r2"]),
            "\"rmse\":" + json(scores["rmse"]),
            "\"ari\":" + json(scores["ari"]),
            "\"peak_rss_kb\":\(peakRSSKiB())",
            "\"warnings\":[" + warnings + "]",
        ]
        print("{" + fields.joined(separator: ",") + "}")
        exit(0)
    } catch let error as LearnError {
        let error = availabilityError(error, kindName: kindName, train: train, target: target)
        let fields = [
            "\"command\":\"fit\"",
            "\"kind\":" + json(kindName),
            "\"error\":" + json(error.code.description),
            "\"message\":" + json(error.message),
        ]
        print("{" + fields.joined(separator: ",") + "}")
        fail("fit \(kindName): \(error.code): \(error.message)", code: 1)
    } catch {
        fail("fit \(kindName): \(error)", code: 1)
    }
}

/// The error to report for a failed fit: `notYetAvailable` when the kind is not built yet.
///
/// `fit` checks hyperparameter names before anything else, so a kind that is not built (and so knows no
/// hyperparameter names) rejects `trees=100` as an unknown hyperparameter. In that case the fit is tried again
/// without hyperparameters, and the engine's own answer decides whether the kind is available.
///
/// - Parameters:
///   - error: The error the fit threw.
///   - kindName: The kind as given on the command line.
///   - train: The training rows.
///   - target: The target column.
/// - Returns: `error`, or the probe's `notYetAvailable` error.
func availabilityError(_ error: LearnError, kindName: String, train: DataFrame, target: String) -> LearnError {
    guard error.code == .unknownHyperparameter, let kind = try? ModelKind(name: kindName),
        kind.hyperparameterNames.isEmpty
    else { return error }
    let probe = Result { try TrainedModel.fit(kind, on: train, target: target) }
    if case .failure(let failure as LearnError) = probe, failure.code == .notYetAvailable {
        return failure
    }
    return error
}

/// A JSON number for a metric that may not apply: `null` when absent or not finite.
///
/// - Parameter value: The metric, `nil` when the evaluation has none of that name.
/// - Returns: The JSON text.
func json(_ value: Double?) -> String {
    value.map { json($0) } ?? "null"
}

/// `text` without leading and trailing spaces and tabs.
func trimmed(_ text: some StringProtocol) -> String {
    String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
}

/// Reads a hyperparameter value written on the command line as a notebook writes it.
///
/// `none` is the null literal, `true`/`false` booleans, `200` a whole number, `0.5` or `1e-3` a real number,
/// `[64, 32]` a list of such values, and anything else a word (`l2`, `sqrt`; quotes are removed).
///
/// - Parameter text: The text after `name=`.
/// - Returns: The value.
func parseHyperValue(_ text: String) -> HyperValue {
    let word = trimmed(text)
    if word.hasPrefix("["), word.hasSuffix("]") {
        let inner = trimmed(word.dropFirst().dropLast())
        guard !inner.isEmpty else { return .list([]) }
        return .list(inner.split(separator: ",").map { parseHyperValue(String($0)) })
    }
    switch word.lowercased() {
    case "none": return .null
    case "true": return .bool(true)
    case "false": return .bool(false)
    default: break
    }
    if let whole = Int(word) { return .integer(whole) }
    if let real = Double(word), real.isFinite { return .number(real) }
    if word.count >= 2, let first = word.first, first == "\"" || first == "'", word.last == first {
        return .string(String(word.dropFirst().dropLast()))
    }
    return .string(word)
}
