import MLData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension MultilayerPerceptron {
    /// How a network is built and trained; the defaults are scikit-learn's `MLPClassifier` defaults.
    public struct Settings: Sendable, Hashable {
        /// The hidden layer sizes, each ≥ 1 (`hidden_layer_sizes`, default [100]); empty for no hidden layer.
        public var hiddenLayers: [Int] = [100]
        /// The most epochs (`max_iter`, default 200).
        public var maxEpochs = 200
        /// Adam's step size (`learning_rate_init`, default 0.001).
        public var learningRate = 0.001
        /// The mini-batch size, clipped to the training rows; `nil` means min(200, rows) (`batch_size="auto"`).
        public var batchSize: Int?
        /// The L2 penalty strength (`alpha`, default 0.0001).
        public var l2 = 0.0001
        /// Stop on a held-out validation score instead of the training loss (`early_stopping`, default false).
        public var earlyStopping = false
        /// The share of rows held out for early stopping (`validation_fraction`, default 0.1).
        public var validationFraction = 0.1
        /// The least improvement that counts (`tol`, default 10⁻⁴).
        public var tolerance = 1e-4
        /// The epochs without improvement tolerated before stopping (`n_iter_no_change`, default 10).
        public var patience = 10
        /// The seed of the initial weights, the validation split and the shuffles.
        public var seed: UInt64 = 42

        /// Creates the default settings.
        public init() {}
    }

    /// Adam's first-moment decay.
    static let beta1 = 0.9
    /// Adam's second-moment decay.
    static let beta2 = 0.999
    /// Adam's denominator guard.
    static let epsilon = 1e-8

    /// Trains a network on class indices or numbers.
    ///
    /// Each epoch shuffles the training rows and takes one Adam step per mini-batch; the epoch's loss is
    /// the batch losses weighted by batch size. Without early stopping, training stops once the epoch loss
    /// has failed to drop by `tolerance` below the best loss so far for more than `patience` epochs in a
    /// row. With early stopping, a stratified `validationFraction` of the rows (rounded up) is held out,
    /// training stops when its score (accuracy, or R² for numbers) has failed to rise by `tolerance` for
    /// more than `patience` epochs, and the weights of the best score are kept. Both rules are
    /// scikit-learn's. The seed's stream is split three ways (weights, validation split, shuffles), so the
    /// result depends on the seed alone.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample (scaled: the network is sensitive to scale).
    ///   - target: `.classes` (at least two) or `.values`.
    ///   - settings: Architecture and training settings.
    /// - Returns: The trained network; ``converged`` is false when it ran out of epochs.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for a bad setting or a validation set under two
    ///   rows, `.unsupportedTarget` without a target or with fewer than two classes, `.shapeMismatch`,
    ///   `.emptyTrainingData`.
    public static func fit(_ x: Matrix, target: TrainingTarget, settings: Settings = .init()) throws
        -> MultilayerPerceptron
    {
        try validate(settings)
        let n = x.rows
        guard n > 0 else { throw LearnError(.emptyTrainingData, "the network needs training rows") }
        guard x.columns > 0 else { throw LearnError(.emptyTrainingData, "the network needs input columns") }
        guard let count = target.count else {
            throw LearnError(.unsupportedTarget, "the network needs a target: classes or numbers")
        }
        guard count == n else { throw LearnError(.shapeMismatch, "\(n) input rows but \(count) targets") }

        // The target as a dense n×outputs matrix: 0/1 for two classes, one-hot for more, the values otherwise.
        let outputActivation: OutputActivation
        let outputs: Int
        var targets: [Double]
        var classes: [Int]?
        var classCount = 0
        switch target {
        case .classes(let y, let count):
            guard count >= 2 else {
                throw LearnError(.unsupportedTarget, "the network needs at least two classes, got \(count)")
            }
            classes = y
            classCount = count
            outputActivation = count == 2 ? .logistic : .softmax
            outputs = count == 2 ? 1 : count
            targets = [Double](repeating: 0, count: n * outputs)
            for (i, label) in y.enumerated() {
                precondition(label >= 0 && label < count, "class index \(label) outside 0..<\(count)")
                if count == 2 {
                    targets[i] = Double(label)
                } else {
                    targets[i * outputs + label] = 1
                }
            }
        case .values(let values):
            guard values.allSatisfy(\.isFinite) else {
                throw LearnError(.unsupportedTarget, "the network's target has a missing or infinite value")
            }
            outputActivation = .identity
            outputs = 1
            targets = values
        case .none:
            throw LearnError(.unsupportedTarget, "the network needs a target: classes or numbers")
        }

        let root = SeededGenerator(seed: settings.seed)
        var initStream = root.derived(0)
        var splitStream = root.derived(1)
        var shuffleStream = root.derived(2)

        let units = [x.columns] + settings.hiddenLayers + [outputs]
        let layout = NetworkLayout(units: units)
        var parameters = initialParameters(layout, using: &initStream)

        var trainRows = Array(0..<n)
        var validationRows: [Int] = []
        if settings.earlyStopping {
            validationRows = holdOut(
                n: n, fraction: settings.validationFraction, classes: classes, classCount: classCount,
                using: &splitStream)
            guard validationRows.count >= 2, validationRows.count < n else {
                throw LearnError(
                    .invalidHyperparameter,
                    "validation: \(formatNumber(settings.validationFraction)) holds out \(validationRows.count) of "
                        + "\(n) rows; early_stop needs at least 2 validation rows and 1 training row"
                )
            }
            let held = Set(validationRows)
            trainRows = trainRows.filter { !held.contains($0) }
        }
        let trainCount = trainRows.count
        let batch = min(max(settings.batchSize ?? 200, 1), trainCount)

        let scorer =
            settings.earlyStopping
            ? ValidationScorer(
                x: x.selecting(rows: validationRows), rows: validationRows, classes: classes, targets: targets)
            : nil
        let run = train(
            layout: layout, parameters: &parameters, x: x, targets: targets, trainRows: trainRows, batch: batch,
            settings: settings, activation: outputActivation, scorer: scorer, shuffleStream: &shuffleStream)
        return MultilayerPerceptron(
            layerUnits: units, parameters: parameters, outputActivation: outputActivation, classCount: classCount,
            epochs: run.epochs, converged: run.converged, finalLoss: run.lossCurve.last ?? .nan,
            lossCurve: run.lossCurve, bestValidationScore: run.bestScore, batchSize: batch,
            trainingRowCount: trainCount)
    }

    /// Checks every setting, naming the notebook hyperparameter in the error.
    private static func validate(_ settings: Settings) throws {
        if let bad = settings.hiddenLayers.first(where: { $0 < 1 }) {
            throw LearnError(
                .invalidHyperparameter,
                "layers must be a list of layer sizes ≥ 1, such as [100] or [64, 32], got a layer of \(bad) in "
                    + "\(settings.hiddenLayers)"
            )
        }
        guard settings.maxEpochs >= 1 else {
            throw LearnError(
                .invalidHyperparameter, "epochs must be a whole number ≥ 1, got \(settings.maxEpochs)",
                hyperparameter: "epochs")
        }
        guard settings.learningRate > 0, settings.learningRate.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "rate must be a positive number, got \(formatNumber(settings.learningRate))")
        }
        if let batch = settings.batchSize, batch < 1 {
            throw LearnError(
                .invalidHyperparameter, "batch must be a whole number ≥ 1, got \(batch)", hyperparameter: "batch")
        }
        guard settings.l2 >= 0, settings.l2.isFinite else {
            throw LearnError(
                .invalidHyperparameter, "l2 must be a number ≥ 0, got \(formatNumber(settings.l2))",
                hyperparameter: "l2")
        }
        guard settings.validationFraction > 0, settings.validationFraction < 1 else {
            throw LearnError(
                .invalidHyperparameter,
                "validation must be a fraction between 0 and 1 (exclusive), got "
                    + formatNumber(settings.validationFraction))
        }
        guard settings.tolerance >= 0, settings.patience >= 1 else {
            throw LearnError(.invalidHyperparameter, "the stopping tolerance must be ≥ 0 and the patience ≥ 1")
        }
    }

    /// Glorot-uniform weights and biases, layer by layer (weights row by row, then biases), as scikit-learn
    /// draws them: uniform in ±√(6 / (fan-in + fan-out)) for every layer, the output layer included
    /// (scikit-learn narrows the bound to √(2 / (fan-in + fan-out)) only for logistic *hidden* units).
    static func initialParameters(_ layout: NetworkLayout, using generator: inout SeededGenerator) -> [Double] {
        var parameters = [Double](repeating: 0, count: layout.parameterCount)
        for l in 0..<layout.layerCount {
            let fanIn = layout.units[l]
            let fanOut = layout.units[l + 1]
            let bound = (6 / Double(fanIn + fanOut)).squareRoot()
            let start = layout.weightOffsets[l]
            for i in start..<(layout.biasOffsets[l] + fanOut) {
                parameters[i] = -bound + 2 * bound * generator.nextUnit()
            }
        }
        return parameters
    }

    /// The validation rows for early stopping: ⌈fraction · n⌉ rows, stratified by class for classification
    /// (each class gets its share rounded down, the remainder going to the largest fractional shares).
    private static func holdOut(
        n: Int, fraction: Double, classes: [Int]?, classCount: Int, using generator: inout SeededGenerator
    ) -> [Int] {
        let total = min(n, Int((fraction * Double(n)).rounded(.up)))
        guard let classes else {
            var rows = Array(0..<n)
            rows.seededShuffle(using: &generator)
            return Array(rows.prefix(total)).sorted()
        }
        var members = [[Int]](repeating: [], count: classCount)
        for (i, label) in classes.enumerated() { members[label].append(i) }
        let exact = members.map { Double($0.count) * Double(total) / Double(n) }
        var shares = exact.map { Int($0.rounded(.down)) }
        let byRemainder = exact.indices.sorted {
            (exact[$0] - Double(shares[$0]), $1) > (exact[$1] - Double(shares[$1]), $0)
        }
        var missing = total - shares.reduce(0, +)
        for k in byRemainder where missing > 0 && shares[k] < members[k].count {
            shares[k] += 1
            missing -= 1
        }
        var rows: [Int] = []
        for k in members.indices {
            var group = members[k]
            group.seededShuffle(using: &generator)
            rows += group.prefix(shares[k])
        }
        return rows.sorted()
    }

    /// The parts a batch of `rows` is cut into for its gradient: one per 100 rows, at most 4.
    ///
    /// The parts are as equal as possible, and the cut depends only on the batch size, so the sums are the
    /// same on any number of cores.
    static func batchParts(_ rows: Int) -> [Range<Int>] {
        chunkRanges(rows, chunks: min(4, max(1, rows / 100)))
    }

    /// What a training run reports.
    private struct Run {
        var epochs: Int
        var converged: Bool
        var lossCurve: [Double]
        var bestScore: Double?
    }

    /// The epoch loop: shuffles, mini-batches, Adam steps and the stopping rules.
    private static func train(
        layout: NetworkLayout, parameters: inout [Double], x: Matrix, targets: [Double], trainRows: [Int],
        batch: Int, settings: Settings, activation: OutputActivation, scorer: ValidationScorer?,
        shuffleStream: inout SeededGenerator
    ) -> Run {
        let p = x.columns
        let outputs = layout.units[layout.units.count - 1]
        let count = layout.parameterCount
        // A batch is cut into parts that run in parallel, each with its own scratch and gradient sums. The
        // batches are full but for the last of an epoch, which may be shorter (and cut into fewer parts).
        let batchSizes = [min(batch, trainRows.count), trainRows.count % batch]
        let partCapacity = batchSizes.flatMap { batchParts($0).map(\.count) }.max() ?? batch
        let partCount = batchSizes.map { batchParts($0).count }.max() ?? 1
        // One allocation for every working buffer: gradient, Adam moments, the batch, the scratch and the
        // parts' gradients.
        let scratchCount = layout.scratchCount(batch: partCapacity)
        let total = 3 * count + batch * (p + outputs) + partCount * (scratchCount + count)
        let work = UnsafeMutablePointer<Double>.allocate(capacity: total)
        defer { work.deallocate() }
        work.initialize(repeating: 0, count: total)
        let gradient = work
        let firstMoment = work + count
        let secondMoment = work + 2 * count
        let batchX = work + 3 * count
        let batchY = batchX + batch * p
        let scratch = batchY + batch * outputs
        let partGradients = scratch + partCount * scratchCount

        var order = Array(0..<trainRows.count)
        var lossCurve: [Double] = []
        var bestLoss = Double.infinity
        var bestScore = -Double.infinity
        var bestParameters: [Double]?
        var stale = 0
        var step = 0
        var epochs = 0
        var converged = false
        x.values.withUnsafeBufferPointer { xBuffer in
            targets.withUnsafeBufferPointer { yBuffer in
                guard let xs = xBuffer.baseAddress, let ys = yBuffer.baseAddress else { return }
                for _ in 0..<settings.maxEpochs {
                    order.seededShuffle(using: &shuffleStream)
                    var accumulated = 0.0
                    var start = 0
                    while start < order.count {
                        let rows = min(batch, order.count - start)
                        for r in 0..<rows {
                            let source = trainRows[order[start + r]]
                            (batchX + r * p).update(from: xs + source * p, count: p)
                            for k in 0..<outputs { batchY[r * outputs + k] = ys[source * outputs + k] }
                        }
                        let loss = parameters.withUnsafeMutableBufferPointer { w -> Double in
                            guard let weights = w.baseAddress else { return 0 }
                            let parts = batchParts(rows)
                            precondition(
                                parts.count <= partCount && parts.allSatisfy { $0.count <= partCapacity },
                                "a batch part outgrew its scratch")
                            nonisolated(unsafe) let (input, target) = (batchX, batchY)
                            nonisolated(unsafe) let (weightsIn, scratches, sums) =
                                (UnsafePointer(weights), scratch, partGradients)
                            // Each part writes its own scratch and sums; they are added in part order, so the
                            // result does not depend on the number of threads.
                            let losses = Parallel.map(parts.count) { part -> Double in
                                let range = parts[part]
                                return accumulateGradient(
                                    layout, weightsIn, input: input + range.lowerBound * p,
                                    targets: target + range.lowerBound * outputs, rows: range.count,
                                    activation: activation, scratch: scratches + part * scratchCount,
                                    batchCapacity: partCapacity, gradient: sums + part * count)
                            }
                            gradient.update(from: partGradients, count: count)
                            for part in 1..<max(1, parts.count) {
                                let sum = partGradients + part * count
                                for j in 0..<count { gradient[j] += sum[j] }
                            }
                            let loss = finishGradient(
                                layout, weights, lossSum: losses.reduce(0, +), rows: rows, l2: settings.l2,
                                gradient: gradient)
                            step += 1
                            adamStep(
                                weights, gradient: gradient, firstMoment: firstMoment, secondMoment: secondMoment,
                                count: count, step: step, rate: settings.learningRate)
                            return loss
                        }
                        accumulated += loss * Double(rows)
                        start += rows
                    }
                    epochs += 1
                    let epochLoss = accumulated / Double(order.count)
                    lossCurve.append(epochLoss)
                    if let scorer {
                        let score = parameters.withUnsafeBufferPointer { w in
                            w.baseAddress.map { scorer.score(layout, parameters: $0, activation: activation) } ?? .nan
                        }
                        stale = score < bestScore + settings.tolerance ? stale + 1 : 0
                        if score > bestScore {
                            bestScore = score
                            bestParameters = parameters
                        }
                    } else {
                        stale = epochLoss > bestLoss - settings.tolerance ? stale + 1 : 0
                        bestLoss = min(bestLoss, epochLoss)
                    }
                    if stale > settings.patience {
                        converged = true
                        break
                    }
                }
            }
        }
        if let bestParameters { parameters = bestParameters }
        return Run(
            epochs: epochs, converged: converged, lossCurve: lossCurve,
            bestScore: scorer == nil ? nil : bestScore)
    }

    /// One Adam update of every parameter, with the bias-corrected step size of scikit-learn's `AdamOptimizer`.
    private static func adamStep(
        _ w: UnsafeMutablePointer<Double>, gradient: UnsafePointer<Double>, firstMoment m: UnsafeMutablePointer<Double>,
        secondMoment v: UnsafeMutablePointer<Double>, count: Int, step: Int, rate: Double
    ) {
        let t = Double(step)
        let size = rate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        for i in 0..<count {
            let g = gradient[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            w[i] -= size * m[i] / (v[i].squareRoot() + epsilon)
        }
    }

    /// The loss of one batch and its gradient with respect to every parameter (backpropagation).
    ///
    /// The loss is scikit-learn's: the mean log-loss (probabilities clipped to [ε, 1 − ε]) or half the
    /// mean squared error, plus (`l2` / 2) · ‖W‖² / `rows`. The output deltas are A − Y for every
    /// activation–loss pair used here.
    ///
    /// - Parameters:
    ///   - layout: The network's layout.
    ///   - w: The parameters.
    ///   - input: `rows`×`units[0]` inputs.
    ///   - targets: `rows`×`units.last` targets (0/1 or one-hot for classes).
    ///   - rows: The batch size.
    ///   - l2: The penalty strength.
    ///   - activation: The output activation.
    ///   - scratch: ``NetworkLayout/scratchCount(batch:)`` elements for `batchCapacity`.
    ///   - batchCapacity: The batch size the scratch was laid out for (≥ `rows`).
    ///   - gradient: Receives ``NetworkLayout/parameterCount`` partial derivatives.
    /// - Returns: The batch loss.
    static func backpropagate(
        _ layout: NetworkLayout, _ w: UnsafePointer<Double>, input: UnsafePointer<Double>,
        targets: UnsafePointer<Double>, rows: Int, l2: Double, activation: OutputActivation,
        scratch: UnsafeMutablePointer<Double>, batchCapacity: Int, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let lossSum = accumulateGradient(
            layout, w, input: input, targets: targets, rows: rows, activation: activation, scratch: scratch,
            batchCapacity: batchCapacity, gradient: gradient)
        return finishGradient(layout, w, lossSum: lossSum, rows: rows, l2: l2, gradient: gradient)
    }

    /// The sums over a batch's rows of the loss and of its gradient, without the penalty: Σ loss, Aᵀ·δ for
    /// each layer's weights and the column sums of δ for its biases.
    ///
    /// Rows add up: the sums of two halves of a batch, added, are the sums of the batch (up to rounding).
    ///
    /// - Parameters: As ``backpropagate(_:_:input:targets:rows:l2:activation:scratch:batchCapacity:gradient:)``,
    ///   without `l2`.
    /// - Returns: The summed loss of the rows.
    static func accumulateGradient(
        _ layout: NetworkLayout, _ w: UnsafePointer<Double>, input: UnsafePointer<Double>,
        targets: UnsafePointer<Double>, rows: Int, activation: OutputActivation,
        scratch: UnsafeMutablePointer<Double>, batchCapacity: Int, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let last = layout.layerCount
        let outputs = layout.units[last]
        let top = layout.forward(
            w, input: input, rows: rows, scratch: scratch, batchCapacity: batchCapacity, output: activation)
        let delta = scratch + layout.deltaOffset(last, batchCapacity: batchCapacity)
        var loss = 0.0
        let clip = Double.ulpOfOne
        let count = rows * outputs
        for i in 0..<count { delta[i] = top[i] - targets[i] }
        switch activation {
        case .identity:
            for i in 0..<count { loss += 0.5 * delta[i] * delta[i] }
        case .logistic:
            for i in 0..<count {
                let q = min(max(top[i], clip), 1 - clip)
                loss -= targets[i] * log(q) + (1 - targets[i]) * log(1 - q)
            }
        case .softmax:
            for i in 0..<count where targets[i] != 0 { loss -= targets[i] * log(min(max(top[i], clip), 1 - clip)) }
        }
        for l in stride(from: last - 1, through: 0, by: -1) {
            let fanIn = layout.units[l]
            let fanOut = layout.units[l + 1]
            let below =
                l == 0 ? input : UnsafePointer(scratch + layout.activationOffset(l, batchCapacity: batchCapacity))
            let layerDelta = scratch + layout.deltaOffset(l + 1, batchCapacity: batchCapacity)
            // Σ over rows of ∂loss/∂W = Aᵀ·δ.
            DenseKernels.gemm(
                m: fanIn, n: fanOut, k: rows, below, transposingA: true, layerDelta,
                into: gradient + layout.weightOffsets[l])
            // Σ over rows of ∂loss/∂b = column sums of δ.
            let biasGradient = gradient + layout.biasOffsets[l]
            for k in 0..<fanOut { biasGradient[k] = 0 }
            for i in 0..<rows {
                let row = layerDelta + i * fanOut
                for k in 0..<fanOut { biasGradient[k] += row[k] }
            }
            guard l > 0 else { continue }
            // δ below = δ·Wᵀ, zero where the ReLU was inactive.
            let lowerDelta = scratch + layout.deltaOffset(l, batchCapacity: batchCapacity)
            DenseKernels.gemm(
                m: rows, n: fanIn, k: fanOut, layerDelta, w + layout.weightOffsets[l], transposingB: true,
                into: lowerDelta)
            zeroInactive(lowerDelta, activations: below, count: rows * fanIn)
        }
        return loss
    }

    /// Turns the sums of ``accumulateGradient(_:_:input:targets:rows:activation:scratch:batchCapacity:gradient:)``
    /// into the batch's mean gradient with the L2 penalty: ∂/∂W = (Aᵀ·δ + `l2`·W) / `rows`, ∂/∂b = Σδ / `rows`.
    ///
    /// - Returns: The batch loss: `lossSum` / `rows` + (`l2` / 2) · ‖W‖² / `rows`.
    static func finishGradient(
        _ layout: NetworkLayout, _ w: UnsafePointer<Double>, lossSum: Double, rows: Int, l2: Double,
        gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let batchSize = Double(rows)
        var squaredWeights = 0.0
        for l in 0..<layout.layerCount {
            let weights = w + layout.weightOffsets[l]
            let weightGradient = gradient + layout.weightOffsets[l]
            for j in 0..<(layout.units[l] * layout.units[l + 1]) {
                squaredWeights += weights[j] * weights[j]
                weightGradient[j] = (weightGradient[j] + l2 * weights[j]) / batchSize
            }
            let biasGradient = gradient + layout.biasOffsets[l]
            for k in 0..<layout.units[l + 1] { biasGradient[k] /= batchSize }
        }
        // Half the mean squared error averages over outputs too; there is one output for numbers.
        return lossSum / batchSize + 0.5 * l2 * squaredWeights / batchSize
    }

    /// The loss and gradient of a whole data set taken as one batch (for gradient checks).
    ///
    /// - Parameters:
    ///   - units: Units per layer, input first.
    ///   - parameters: The flat parameter vector.
    ///   - x: Inputs, `units[0]` columns.
    ///   - targets: Targets, `units.last` columns (0/1 or one-hot for classes).
    ///   - l2: The penalty strength.
    ///   - activation: The output activation.
    /// - Returns: The loss and its gradient.
    static func lossAndGradient(
        units: [Int], parameters: [Double], x: Matrix, targets: Matrix, l2: Double, activation: OutputActivation
    ) -> (loss: Double, gradient: [Double]) {
        let layout = NetworkLayout(units: units)
        precondition(parameters.count == layout.parameterCount, "the parameter vector does not fit the layout")
        var gradient = [Double](repeating: 0, count: layout.parameterCount)
        var scratch = [Double](repeating: 0, count: layout.scratchCount(batch: x.rows))
        let loss = parameters.withUnsafeBufferPointer { w in
            x.values.withUnsafeBufferPointer { input in
                targets.values.withUnsafeBufferPointer { y in
                    gradient.withUnsafeMutableBufferPointer { g in
                        scratch.withUnsafeMutableBufferPointer { s in
                            guard let wb = w.baseAddress, let xb = input.baseAddress, let yb = y.baseAddress,
                                let gb = g.baseAddress, let sb = s.baseAddress
                            else { return Double.nan }
                            return backpropagate(
                                layout, wb, input: xb, targets: yb, rows: x.rows, l2: l2, activation: activation,
                                scratch: sb, batchCapacity: x.rows, gradient: gb)
                        }
                    }
                }
            }
        }
        return (loss, gradient)
    }
}

/// Sets `delta[i]` to 0 wherever `activations[i]` is not positive (the ReLU derivative).
private func zeroInactive(_ delta: UnsafeMutablePointer<Double>, activations: UnsafePointer<Double>, count: Int) {
    // A bit mask instead of a branch: the branch would mispredict on about half the elements.
    for i in 0..<count {
        let keep: UInt64 = activations[i] > 0 ? .max : 0
        delta[i] = Double(bitPattern: delta[i].bitPattern & keep)
    }
}

/// Scores held-out rows for early stopping: accuracy for classes, R² for numbers (scikit-learn's `score`).
private struct ValidationScorer {
    /// The held-out inputs.
    let x: Matrix
    /// The class of each held-out row, for classification.
    let classes: [Int]?
    /// The value of each held-out row, for regression.
    let values: [Double]

    /// Collects the held-out rows' targets.
    init(x: Matrix, rows: [Int], classes: [Int]?, targets: [Double]) {
        self.x = x
        self.classes = classes.map { all in rows.map { all[$0] } }
        self.values = classes == nil ? rows.map { targets[$0] } : []
    }

    /// The score of the network with parameters `w`.
    func score(
        _ layout: NetworkLayout, parameters w: UnsafePointer<Double>, activation: MultilayerPerceptron.OutputActivation
    )
        -> Double
    {
        let out = layout.outputs(for: x, parameters: w, activation: activation)
        if let classes {
            var correct = 0
            for i in 0..<x.rows {
                let predicted = activation == .logistic ? (out[i, 0] > 0.5 ? 1 : 0) : argmax(out.row(i))
                if predicted == classes[i] { correct += 1 }
            }
            return Double(correct) / Double(x.rows)
        }
        return r2Score(truth: values, predicted: out.values)
    }
}
