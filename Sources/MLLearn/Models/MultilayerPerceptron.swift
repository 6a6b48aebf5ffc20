#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A multilayer perceptron as scikit-learn's `MLPClassifier` / `MLPRegressor` with their default solver:
/// dense ReLU layers trained by Adam on shuffled mini-batches.
///
/// The output layer is a softmax over the classes (more than two classes), a single logistic unit (two
/// classes, as scikit-learn) or one identity unit (numbers). The loss is the mean log-loss or half the
/// mean squared error, plus (`l2` / 2) · ‖W‖² divided by the batch size on the weights (not the biases).
/// Weights and biases start uniform in ±√(6 / (fan-in + fan-out)) (Glorot; scikit-learn's factor for
/// ReLU networks). See ``fit(_:target:settings:)`` for the stopping rules.
public struct MultilayerPerceptron: Sendable, Codable, Hashable {
    /// The activation of the output layer.
    public enum OutputActivation: String, Sendable, Codable, Hashable {
        /// One logistic unit giving the probability of the second of two classes.
        case logistic
        /// One unit per class, normalised to probabilities.
        case softmax
        /// The unit's value is the prediction (regression).
        case identity
    }

    /// The units of every layer: the input width, each hidden layer's size, then the output units.
    public private(set) var layerUnits: [Int]
    /// Every weight and bias, layer after layer: layer *l*'s weights (a `layerUnits[l]`×`layerUnits[l + 1]`
    /// row-major matrix, as scikit-learn's `coefs_[l]`), then its `layerUnits[l + 1]` biases.
    public private(set) var parameters: [Double]
    /// The output activation.
    public private(set) var outputActivation: OutputActivation
    /// The number of classes (0 for regression).
    public private(set) var classCount: Int
    /// The epochs (passes over the training rows) run.
    public private(set) var epochs: Int
    /// Whether a stopping rule ended training before the epoch limit.
    public private(set) var converged: Bool
    /// The training loss of the last epoch (penalty included), as scikit-learn's `loss_`.
    public private(set) var finalLoss: Double
    /// The training loss after each epoch (scikit-learn's `loss_curve_`).
    public private(set) var lossCurve: [Double]
    /// With early stopping, the best validation score (accuracy or R²), whose weights were kept.
    public private(set) var bestValidationScore: Double?
    /// The mini-batch size used (clipped to the training rows).
    public private(set) var batchSize: Int
    /// The rows trained on (the rows given, less the validation rows with early stopping).
    public private(set) var trainingRowCount: Int

    /// The number of input columns.
    public var featureCount: Int { layerUnits[0] }

    /// The hidden layer sizes.
    public var hiddenLayers: [Int] { Array(layerUnits.dropFirst().dropLast()) }

    /// The weights of layer `index` (`layerUnits[index]` rows, `layerUnits[index + 1]` columns).
    ///
    /// - Parameter index: A layer in `0..<layerUnits.count - 1`.
    /// - Returns: The weight matrix, rows by input unit.
    public func weights(layer index: Int) -> Matrix {
        let layout = NetworkLayout(units: layerUnits)
        let start = layout.weightOffsets[index]
        let count = layerUnits[index] * layerUnits[index + 1]
        return Matrix(
            rows: layerUnits[index], columns: layerUnits[index + 1],
            values: Array(parameters[start..<(start + count)]))
    }

    /// The biases of layer `index`.
    ///
    /// - Parameter index: A layer in `0..<layerUnits.count - 1`.
    /// - Returns: `layerUnits[index + 1]` biases.
    public func biases(layer index: Int) -> [Double] {
        let start = NetworkLayout(units: layerUnits).biasOffsets[index]
        return Array(parameters[start..<(start + layerUnits[index + 1])])
    }

    /// The raw outputs of the network: probabilities of the second class (logistic), class probabilities
    /// (softmax) or predicted values (identity).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×(output units) matrix.
    /// - Complexity: O(*n* · Σ units(l) · units(l + 1)), through BLAS in chunks of rows.
    public func networkOutput(_ x: Matrix) -> Matrix {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        let layout = NetworkLayout(units: layerUnits)
        return parameters.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress else {
                return Matrix(rows: x.rows, columns: layerUnits[layerUnits.count - 1])
            }
            return layout.outputs(for: x, parameters: base, activation: outputActivation)
        }
    }

    /// The class probabilities of each row (classification only).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×``classCount`` matrix whose rows sum to 1.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        precondition(classCount >= 2, "a regression network has no class probabilities")
        let raw = networkOutput(x)
        guard outputActivation == .logistic else { return raw }
        var probabilities = Matrix(rows: x.rows, columns: 2)
        for i in 0..<x.rows {
            probabilities[i, 0] = 1 - raw[i, 0]
            probabilities[i, 1] = raw[i, 0]
        }
        return probabilities
    }

    /// The predicted number of each row (regression only).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predictValues(_ x: Matrix) -> [Double] {
        precondition(outputActivation == .identity, "a classification network predicts classes")
        return networkOutput(x).values
    }
}

/// Where each layer's weights and biases sit in the flat parameter vector, and where each layer's
/// activations and deltas sit in a scratch buffer for a batch.
struct NetworkLayout: Sendable, Hashable {
    /// Units per layer, input first.
    let units: [Int]
    /// The start of layer *l*'s weights in the parameter vector.
    let weightOffsets: [Int]
    /// The start of layer *l*'s biases in the parameter vector.
    let biasOffsets: [Int]
    /// The number of parameters.
    let parameterCount: Int

    /// Computes the offsets for `units` (input width, hidden sizes, output units).
    init(units: [Int]) {
        precondition(units.count >= 2, "a network needs an input and an output layer")
        self.units = units
        var weights: [Int] = []
        var biases: [Int] = []
        var offset = 0
        for l in 0..<(units.count - 1) {
            weights.append(offset)
            offset += units[l] * units[l + 1]
            biases.append(offset)
            offset += units[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        parameterCount = offset
    }

    /// The number of weight layers.
    var layerCount: Int { units.count - 1 }

    /// The scratch size for batches of up to `batch` rows: activations and deltas of every non-input layer.
    func scratchCount(batch: Int) -> Int {
        2 * batch * units.dropFirst().reduce(0, +)
    }

    /// The start of the activations of layer `l` (1…`layerCount`) in a scratch buffer.
    func activationOffset(_ l: Int, batchCapacity: Int) -> Int {
        batchCapacity * units[1..<l].reduce(0, +)
    }

    /// The start of the deltas (loss gradients before the activation) of layer `l` (1…`layerCount`).
    func deltaOffset(_ l: Int, batchCapacity: Int) -> Int {
        batchCapacity * (units.dropFirst().reduce(0, +) + units[1..<l].reduce(0, +))
    }

    /// Runs the network forward on every row of `x`, in chunks of 1024 rows.
    ///
    /// - Parameters:
    ///   - x: Inputs with `units[0]` columns.
    ///   - w: The parameter vector.
    ///   - activation: The output activation.
    /// - Returns: The output activations, *n*×`units.last`.
    func outputs(
        for x: Matrix, parameters w: UnsafePointer<Double>, activation: MultilayerPerceptron.OutputActivation
    ) -> Matrix {
        let width = units[units.count - 1]
        var result = Matrix(rows: x.rows, columns: width)
        guard x.rows > 0 else { return result }
        let capacity = min(1024, x.rows)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount(batch: capacity))
        defer { scratch.deallocate() }
        x.values.withUnsafeBufferPointer { input in
            result.withUnsafeMutableValues { out in
                guard let inputBase = input.baseAddress, let outBase = out.baseAddress else { return }
                var start = 0
                while start < x.rows {
                    let rows = min(capacity, x.rows - start)
                    let top = forward(
                        w, input: inputBase + start * units[0], rows: rows, scratch: scratch,
                        batchCapacity: capacity, output: activation)
                    (outBase + start * width).update(from: top, count: rows * width)
                    start += rows
                }
            }
        }
        return result
    }

    /// Runs the network forward on `rows` input rows, leaving every layer's activations in `scratch`.
    ///
    /// - Parameters:
    ///   - w: The parameter vector.
    ///   - input: `rows`×`units[0]` inputs.
    ///   - rows: The batch size (≤ `batchCapacity`).
    ///   - scratch: A buffer of ``scratchCount(batch:)`` elements for `batchCapacity`.
    ///   - batchCapacity: The batch size the scratch buffer was laid out for.
    ///   - output: The output activation.
    /// - Returns: The output activations, `rows`×`units.last`, inside `scratch`.
    func forward(
        _ w: UnsafePointer<Double>, input: UnsafePointer<Double>, rows: Int, scratch: UnsafeMutablePointer<Double>,
        batchCapacity: Int, output: MultilayerPerceptron.OutputActivation
    ) -> UnsafeMutablePointer<Double> {
        var previous = input
        var current = scratch
        for l in 0..<layerCount {
            let fanIn = units[l]
            let fanOut = units[l + 1]
            current = scratch + activationOffset(l + 1, batchCapacity: batchCapacity)
            DenseKernels.gemm(m: rows, n: fanOut, k: fanIn, previous, w + weightOffsets[l], into: current)
            let bias = w + biasOffsets[l]
            let hidden = l < layerCount - 1
            for i in 0..<rows {
                let z = current + i * fanOut
                if hidden {
                    // max(z + b, 0) without a branch, so the loop vectorises.
                    for k in 0..<fanOut { z[k] = max(z[k] + bias[k], 0) }
                } else {
                    for k in 0..<fanOut { z[k] += bias[k] }
                }
            }
            if !hidden {
                switch output {
                case .identity:
                    break
                case .logistic:
                    for i in 0..<(rows * fanOut) { current[i] = sigmoid(current[i]) }
                case .softmax:
                    for i in 0..<rows { softmaxInPlace(current + i * fanOut, count: fanOut) }
                }
            }
            previous = UnsafePointer(current)
        }
        return current
    }
}

/// Replaces `count` scores by their softmax, shifted by the maximum for stability.
private func softmaxInPlace(_ z: UnsafeMutablePointer<Double>, count: Int) {
    var largest = -Double.infinity
    for k in 0..<count { largest = max(largest, z[k]) }
    var total = 0.0
    for k in 0..<count {
        z[k] = exp(z[k] - largest)
        total += z[k]
    }
    for k in 0..<count { z[k] /= total }
}
