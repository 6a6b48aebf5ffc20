import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loss a gradient-boosting model minimises: scikit-learn's half losses, with their gradients and hessians
/// with respect to the raw prediction.
enum BoostingLoss: String, Sendable, Codable, Hashable {
    /// ½(y − f)² for numbers; the gradient is f − y and the hessian 1.
    case squaredError
    /// log(1 + eᶠ) − y·f for two classes (y ∈ {0, 1}, f the log-odds of the second class).
    case binaryLogLoss
    /// log Σₖ e^fₖ − f_y for more classes, one raw prediction per class.
    case multinomialLogLoss

    /// Whether every hessian is 1.
    var hasConstantHessian: Bool { self == .squaredError }

    /// The raw prediction of a model with no trees: the mean, the log-odds of the second class, or the
    /// centred log class frequencies (scikit-learn's `fit_intercept_only`).
    ///
    /// - Parameters:
    ///   - y: The targets: numbers, or class indices as numbers.
    ///   - outputs: The raw predictions per row (1, or the class count).
    /// - Returns: One value per output.
    func baseline(_ y: [Double], outputs: Int) -> [Double] {
        let n = Double(max(y.count, 1))
        switch self {
        case .squaredError:
            return [y.reduce(0, +) / n]
        case .binaryLogLoss:
            let eps = 10 * Double.ulpOfOne
            let p = min(max(y.reduce(0, +) / n, eps), 1 - eps)
            return [log(p / (1 - p))]
        case .multinomialLogLoss:
            var counts = [Double](repeating: 0, count: outputs)
            for label in y { counts[Int(label)] += 1 }
            let logs = counts.map { log(min(max($0 / n, Double.ulpOfOne), 1 - Double.ulpOfOne)) }
            let mean = logs.reduce(0, +) / Double(outputs)
            return logs.map { $0 - mean }
        }
    }

    /// Writes the gradient and hessian of every row's loss, per output (output-major: `k * rows + i`), in
    /// parallel over blocks of rows when there are many.
    ///
    /// - Parameters:
    ///   - y: The targets of the rows.
    ///   - raw: The raw predictions, output-major.
    ///   - outputs: The number of outputs.
    ///   - gradients: Receives `outputs × rows` gradients (in single precision, as scikit-learn).
    ///   - hessians: Receives the hessians; left alone for the squared error.
    func derivatives(
        y: UnsafeBufferPointer<Double>, raw: UnsafePointer<Double>, outputs: Int,
        gradients: UnsafeMutablePointer<Float>, hessians: UnsafeMutablePointer<Float>
    ) {
        let blockSize = 8192
        let blocks = (y.count + blockSize - 1) / blockSize
        guard blocks > 1 else {
            derivatives(y: y, raw: raw, outputs: outputs, gradients: gradients, hessians: hessians, rows: 0..<y.count)
            return
        }
        nonisolated(unsafe) let (targets, r, g, h) = (y, raw, gradients, hessians)
        Parallel.forEach(blocks) { block in
            let rows = (block * blockSize)..<min(targets.count, (block + 1) * blockSize)
            derivatives(y: targets, raw: r, outputs: outputs, gradients: g, hessians: h, rows: rows)
        }
    }

    /// Writes the gradients and hessians of the rows `range` (see the other overload).
    private func derivatives(
        y: UnsafeBufferPointer<Double>, raw: UnsafePointer<Double>, outputs: Int,
        gradients: UnsafeMutablePointer<Float>, hessians: UnsafeMutablePointer<Float>, rows range: Range<Int>
    ) {
        let rows = y.count
        switch self {
        case .squaredError:
            for i in range { gradients[i] = Float(raw[i] - y[i]) }
        case .binaryLogLoss:
            for i in range {
                let target = y[i]
                let f = raw[i]
                if f > -37 {
                    let e = exp(-f)
                    gradients[i] = Float(((1 - target) - target * e) / (1 + e))
                    hessians[i] = Float(e / ((1 + e) * (1 + e)))
                } else {
                    let e = exp(f)
                    gradients[i] = Float(e - target)
                    hessians[i] = Float(e)
                }
            }
        case .multinomialLogLoss:
            var p = [Double](repeating: 0, count: outputs)
            for i in range {
                var largest = -Double.infinity
                for k in 0..<outputs { largest = max(largest, raw[k * rows + i]) }
                var total = 0.0
                for k in 0..<outputs {
                    p[k] = exp(raw[k * rows + i] - largest)
                    total += p[k]
                }
                let label = Int(y[i])
                for k in 0..<outputs {
                    let probability = p[k] / total
                    gradients[k * rows + i] = Float(probability - (k == label ? 1 : 0))
                    hessians[k * rows + i] = Float(probability * (1 - probability))
                }
            }
        }
    }

    /// The mean loss of the rows (scikit-learn's `loss(y_true, raw_prediction)`).
    ///
    /// - Parameters:
    ///   - y: The targets of the rows.
    ///   - raw: The raw predictions, output-major.
    ///   - outputs: The number of outputs.
    /// - Returns: The mean half loss.
    func meanLoss(y: UnsafeBufferPointer<Double>, raw: UnsafePointer<Double>, outputs: Int) -> Double {
        let rows = y.count
        guard rows > 0 else { return 0 }
        var total = 0.0
        switch self {
        case .squaredError:
            for i in 0..<rows {
                let residual = y[i] - raw[i]
                total += 0.5 * residual * residual
            }
        case .binaryLogLoss:
            for i in 0..<rows { total += logOnePlusExp(raw[i]) - y[i] * raw[i] }
        case .multinomialLogLoss:
            for i in 0..<rows {
                var largest = -Double.infinity
                for k in 0..<outputs { largest = max(largest, raw[k * rows + i]) }
                var sum = 0.0
                for k in 0..<outputs { sum += exp(raw[k * rows + i] - largest) }
                total += log(sum) + largest - raw[Int(y[i]) * rows + i]
            }
        }
        return total / Double(rows)
    }
}

/// log(1 + eˣ) without overflow or loss of precision (scikit-learn's `log1pexp`).
func logOnePlusExp(_ x: Double) -> Double {
    if x <= -37 { return exp(x) }
    if x <= -2 { return log1p(exp(x)) }
    if x <= 18 { return log(1 + exp(x)) }
    if x <= 33.3 { return x + exp(-x) }
    return x
}
