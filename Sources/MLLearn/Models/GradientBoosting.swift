import MLData

/// Histogram-based gradient boosting, as scikit-learn's `HistGradientBoostingClassifier` and
/// `HistGradientBoostingRegressor` (and LightGBM) build it.
///
/// Every input column is cut once into at most 255 quantile bins (see ``FeatureBinning``). Each round fits one
/// regression tree per output to the gradients of the loss: the squared error for numbers, the log-loss for
/// two classes (one tree per round on the log-odds) and the softmax cross-entropy for more (one tree per class
/// per round). Trees grow best-first from gradient and hessian histograms (``HistogramTreeGrower``), splitting
/// the leaf whose best split reduces the loss most, G²ₗ/(Hₗ+λ) + G²ᵣ/(Hᵣ+λ) − G²/(H+λ), until `maxLeaves`
/// leaves; a leaf's value is −G/(H+λ) times the learning rate. The first raw prediction is the mean, the
/// log-odds or the centred log class frequencies of the training target.
///
/// With early stopping (by default when there are more than 10 000 rows), a stratified fraction of the rows is
/// held out and boosting stops once the loss on it has not improved by more than `tolerance` for `patience`
/// rounds; the rounds fitted so far are kept.
public struct GradientBoosting: Sendable, Codable, Hashable {
    /// When to stop early.
    public enum EarlyStopping: String, Sendable, Codable, Hashable, CaseIterable {
        /// When there are more than 10 000 training rows (scikit-learn's `"auto"`).
        case auto
        /// Always.
        case on
        /// Never: every round is fitted.
        case off
    }

    /// How a model is fitted (scikit-learn's parameter names in the descriptions).
    public struct Settings: Sendable, Codable, Hashable {
        /// The most boosting rounds (`max_iter`), ≥ 1.
        public var rounds = 100
        /// The factor on every leaf value (`learning_rate`), > 0.
        public var learningRate = 0.1
        /// The most leaves per tree (`max_leaf_nodes`), ≥ 2; `nil` for no limit.
        public var maxLeaves: Int? = 31
        /// The deepest a leaf may be, the root at depth 0 (`max_depth`), ≥ 1; `nil` for no limit.
        public var maxDepth: Int?
        /// The fewest training rows in a leaf (`min_samples_leaf`), ≥ 1.
        public var minSamplesLeaf = 20
        /// The L2 penalty on leaf values (`l2_regularization`), ≥ 0.
        public var l2 = 0.0
        /// The most bins per column (`max_bins`), in 2…255.
        public var maxBins = 255
        /// When to stop early (`early_stopping`).
        public var earlyStopping = EarlyStopping.auto
        /// The fraction of rows held out for early stopping (`validation_fraction`), in (0, 1); `nil` scores the
        /// training rows instead.
        public var validationFraction: Double? = 0.1
        /// The rounds without improvement that stop the fit (`n_iter_no_change`), ≥ 1.
        public var patience = 10
        /// The smallest loss decrease that counts as an improvement (`tol`), ≥ 0.
        public var tolerance = 1e-7
        /// The seed of the validation split and of the bin sample of very large inputs.
        public var seed: UInt64 = 42

        /// The defaults, which are scikit-learn's.
        public init() {}
    }

    /// The row count above which ``EarlyStopping/auto`` turns early stopping on.
    public static let earlyStoppingRowLimit = 10_000

    /// The loss minimised.
    let loss: BoostingLoss
    /// The trees, round after round; a round has ``outputs`` trees (one per class for several classes).
    var trees: [BoostedTree]
    /// The number of classes (0 for regression).
    public private(set) var classCount: Int
    /// The raw prediction before any tree, one per output.
    public private(set) var baseline: [Double]
    /// The settings used.
    public private(set) var settings: Settings
    /// The number of boosting rounds fitted (scikit-learn's `n_iter_`).
    public private(set) var rounds: Int
    /// Whether early stopping was on for this fit.
    public private(set) var usedEarlyStopping: Bool
    /// Whether early stopping ended the fit before ``Settings/rounds``.
    public private(set) var stoppedEarly: Bool
    /// The number of rows held out for early stopping (0 when none were).
    public private(set) var validationRows: Int
    /// The early-stopping losses: before the first round, then after each (validation rows, or training rows
    /// without a validation fraction); empty without early stopping.
    public private(set) var stoppingLosses: [Double]
    /// The share of each input column in the total loss reduction of all splits; sums to 1 unless no tree split.
    public private(set) var featureImportances: [Double]

    /// The number of input columns.
    public var featureCount: Int { featureImportances.count }

    /// The raw predictions per row: 1, or the class count when there are more than two classes.
    var outputs: Int { baseline.count }

    /// The number of leaves of every tree, in fitting order.
    public var leafCounts: [Int] { trees.map(\.leafCount) }

    /// Fits a model.
    ///
    /// - Parameters:
    ///   - x: The inputs, one row per sample; every value finite.
    ///   - target: Class indices (at least two classes) or numbers.
    ///   - settings: How to fit (default: scikit-learn's defaults).
    /// - Returns: The fitted model.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` for a setting out of range (named as in the notebook),
    ///   `.shapeMismatch`, `.emptyTrainingData`, `.unsupportedTarget` (no target, a single class), or
    ///   `.invalidHyperparameter` when the validation fraction leaves too few rows on either side.
    public static func fit(_ x: Matrix, target: TrainingTarget, settings: Settings = Settings()) throws
        -> GradientBoosting
    {
        try fitKeepingTrainingScores(x, target: target, settings: settings).model
    }

    /// Fits the model and also returns the raw predictions of the training rows, which boosting keeps up to
    /// date while it grows trees: the same values as ``rawPredictions(_:)`` on `x`, without walking every tree
    /// again.
    ///
    /// - Parameters:
    ///   - x: The inputs, as for ``fit(_:target:settings:)``.
    ///   - target: Class indices or numbers.
    ///   - settings: How to fit.
    /// - Returns: The model and an `x.rows`×outputs matrix of raw predictions.
    /// - Throws: As ``fit(_:target:settings:)``.
    static func fitKeepingTrainingScores(_ x: Matrix, target: TrainingTarget, settings: Settings) throws
        -> (model: GradientBoosting, trainingScores: Matrix)
    {
        try validate(settings)
        let y: [Double]
        let loss: BoostingLoss
        let classCount: Int
        switch target {
        case .classes(let labels, let count):
            guard count >= 2 else {
                throw LearnError(.unsupportedTarget, "gradient boosting needs at least two classes, got \(count)")
            }
            precondition(labels.allSatisfy { $0 >= 0 && $0 < count }, "class index outside 0..<\(count)")
            y = labels.map(Double.init)
            loss = count == 2 ? .binaryLogLoss : .multinomialLogLoss
            classCount = count
        case .values(let values):
            guard values.allSatisfy(\.isFinite) else {
                throw LearnError(.unsupportedTarget, "gradient boosting needs finite target values")
            }
            y = values
            loss = .squaredError
            classCount = 0
        case .none:
            throw LearnError(.unsupportedTarget, "gradient boosting needs a target")
        }
        guard x.rows == y.count else { throw LearnError(.shapeMismatch, "\(x.rows) input rows but \(y.count) targets") }
        guard x.rows > 0 else { throw LearnError(.emptyTrainingData, "gradient boosting needs training rows") }
        guard x.values.allSatisfy(\.isFinite) else {
            throw LearnError(.unsupportedTarget, "gradient boosting needs finite inputs; impute missing values first")
        }

        let earlyStopping: Bool =
            switch settings.earlyStopping {
            case .auto: x.rows > earlyStoppingRowLimit
            case .on: true
            case .off: false
            }
        let random = SeededGenerator(seed: settings.seed)
        var trainRows = Array(0..<x.rows)
        var validation: [Int] = []
        if earlyStopping, let fraction = settings.validationFraction {
            (trainRows, validation) = try validationSplit(
                y, classCount: classCount, fraction: fraction, generator: random.derived(0))
        }
        let (binning, trainCodes) = FeatureBinning.fit(
            x, rows: trainRows, maxBins: settings.maxBins, generator: random.derived(1))
        let validationCodes = binning.code(x, rows: validation)
        let trainY = trainRows.count == x.rows ? y : trainRows.map { y[$0] }
        let validationY = validation.map { y[$0] }

        // With several classes, the trees of a round are independent: they grow side by side, a grower per
        // thread, each tree on one thread (splitting a small tree's nodes over threads costs more than it
        // saves). A tree does not depend on the thread it grows on, nor on how many its grower may use.
        let outputs = loss == .multinomialLogLoss ? classCount : 1
        let growerCount = min(outputs, Parallel.threadCount)
        let limits = TreeGrowthLimits(
            maxLeaves: settings.maxLeaves, maxDepth: settings.maxDepth, minSamplesLeaf: settings.minSamplesLeaf,
            l2: settings.l2, shrinkage: settings.learningRate)
        let growers = (0..<growerCount).map { _ in
            HistogramTreeGrower(
                data: trainCodes, cuts: binning.thresholds, limits: limits, constantHessian: loss.hasConstantHessian,
                threads: Parallel.threadCount / growerCount)
        }
        let baseline = loss.baseline(trainY, outputs: outputs)
        let n = trainRows.count
        let m = validation.count
        let buffers = BoostingBuffers(
            trainY: trainY, validationY: validationY, validationCodes: validationCodes.codes, outputs: outputs,
            baseline: baseline, constantHessian: loss.hasConstantHessian)
        var trees: [BoostedTree] = []
        var gains = [Double](repeating: 0, count: x.columns)
        var stoppingLosses: [Double] = []
        var stoppedEarly = false
        var rounds = 0

        /// The loss early stopping watches: on the validation rows, or on the training rows without any.
        func currentLoss() -> Double {
            m > 0
                ? loss.meanLoss(y: buffers.validationTargets, raw: buffers.validationRaw, outputs: outputs)
                : loss.meanLoss(y: buffers.targets, raw: buffers.raw, outputs: outputs)
        }
        if earlyStopping { stoppingLosses.append(currentLoss()) }

        for _ in 0..<settings.rounds {
            loss.derivatives(
                y: buffers.targets, raw: buffers.raw, outputs: outputs, gradients: buffers.gradients,
                hessians: buffers.hessians)
            // Grower g grows classes g, g + growerCount, …; each tree writes only its own class's predictions.
            nonisolated(unsafe) let (workers, shared) = (growers, buffers)
            let grownByGrower = Parallel.map(growerCount) { g in
                stride(from: g, to: outputs, by: growerCount).map { k in
                    workers[g].grow(
                        gradients: shared.gradients + k * n, hessians: shared.hessians + k * n,
                        raw: shared.raw + k * n)
                }
            }
            for k in 0..<outputs {
                let grown = grownByGrower[k % growerCount][k / growerCount]
                for j in gains.indices { gains[j] += grown.gains[j] }
                trees.append(grown.tree)
                if m > 0 { grown.tree.add(codes: buffers.validationCodes, rows: m, to: buffers.validationRaw + k * m) }
            }
            rounds += 1
            if earlyStopping {
                stoppingLosses.append(currentLoss())
                if shouldStop(stoppingLosses, patience: settings.patience, tolerance: settings.tolerance) {
                    stoppedEarly = rounds < settings.rounds
                    break
                }
            }
        }
        let totalGain = gains.reduce(0, +)
        let model = GradientBoosting(
            loss: loss, trees: trees, classCount: classCount, baseline: baseline, settings: settings,
            rounds: rounds, usedEarlyStopping: earlyStopping, stoppedEarly: stoppedEarly,
            validationRows: m, stoppingLosses: stoppingLosses,
            featureImportances: totalGain > 0 ? gains.map { $0 / totalGain } : gains)
        // The kept raw predictions are output-major and split into training and validation rows; put them back
        // in row order, one row per input row.
        var scores = Matrix(rows: x.rows, columns: outputs)
        scores.withUnsafeMutableValues { s in
            for k in 0..<outputs {
                for (i, row) in trainRows.enumerated() { s[row * outputs + k] = buffers.raw[k * n + i] }
                for (i, row) in validation.enumerated() { s[row * outputs + k] = buffers.validationRaw[k * m + i] }
            }
        }
        return (model, scores)
    }

    /// Whether the last `patience` losses all fail to beat the one before them by more than `tolerance`
    /// (scikit-learn's `_should_stop` on scores = −loss).
    static func shouldStop(_ losses: [Double], patience: Int, tolerance: Double) -> Bool {
        let reference = patience + 1
        guard losses.count >= reference else { return false }
        let bar = losses[losses.count - reference] - tolerance
        return !losses[(losses.count - patience)...].contains { $0 < bar }
    }

    /// The raw predictions: the log-odds of the second class, the class scores, or the predicted numbers.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×1 matrix, or *n*×``classCount`` for more than two classes.
    public func rawPredictions(_ x: Matrix) -> Matrix {
        precondition(x.columns == featureCount, "expected \(featureCount) input columns, got \(x.columns)")
        let rows = x.rows
        let columns = x.columns
        let outputs = self.outputs
        let blockSize = 2048
        let blocks = (rows + blockSize - 1) / blockSize
        let parts: [[Double]] = x.values.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let values = buffer
            return Parallel.map(blocks) { block in
                let start = block * blockSize
                let count = min(blockSize, rows - start)
                var scores = [Double](repeating: 0, count: count * outputs)
                for i in 0..<count {
                    for k in 0..<outputs { scores[i * outputs + k] = baseline[k] }
                }
                guard let base = values.baseAddress else { return scores }
                scores.withUnsafeMutableBufferPointer { scores in
                    guard let target = scores.baseAddress else { return }
                    for (t, tree) in trees.enumerated() {
                        tree.add(
                            inputs: base + start * columns, rows: count, columns: columns, to: target + t % outputs,
                            stride: outputs)
                    }
                }
                return scores
            }
        }
        return Matrix(rows: rows, columns: outputs, values: Array(parts.joined()))
    }

    /// The class probabilities of each row.
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: An *n*×``classCount`` matrix whose rows sum to 1.
    public func predictProbabilities(_ x: Matrix) -> Matrix {
        probabilities(fromRaw: rawPredictions(x))
    }

    /// The class probabilities of raw predictions: the sigmoid of the log-odds, or the softmax of the scores.
    ///
    /// - Parameter scores: Raw predictions, as ``rawPredictions(_:)`` returns them.
    /// - Returns: A matrix with a row per row of `scores`, ``classCount`` columns, rows summing to 1.
    func probabilities(fromRaw scores: Matrix) -> Matrix {
        precondition(classCount >= 2, "probabilities need a classification model")
        var probabilities = Matrix(rows: scores.rows, columns: classCount)
        for i in 0..<scores.rows {
            if classCount == 2 {
                let p = sigmoid(scores[i, 0])
                probabilities[i, 0] = 1 - p
                probabilities[i, 1] = p
            } else {
                let row = softmax(scores.row(i))
                for k in 0..<classCount { probabilities[i, k] = row[k] }
            }
        }
        return probabilities
    }

    /// The predicted class of each row (the most probable; the first on a tie).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: Class indices in `0..<classCount`.
    public func predictClasses(_ x: Matrix) -> [Int] {
        let probabilities = predictProbabilities(x)
        return probabilities.rowArgmaxes()
    }

    /// The predicted number of each row (regression).
    ///
    /// - Parameter x: Inputs with ``featureCount`` columns.
    /// - Returns: One value per row.
    public func predictValues(_ x: Matrix) -> [Double] {
        precondition(classCount == 0, "values come from a regression model")
        return rawPredictions(x).values
    }
}

/// The working arrays of one fit: targets, raw predictions, gradients and hessians (output-major), and the
/// validation rows' codes and raw predictions.
private final class BoostingBuffers {
    /// The training targets.
    let targets: UnsafeBufferPointer<Double>
    /// The validation targets.
    let validationTargets: UnsafeBufferPointer<Double>
    /// The validation rows' bin codes, column after column.
    let validationCodes: UnsafeMutablePointer<UInt8>
    /// The training rows' raw predictions, `k * rows + i`.
    let raw: UnsafeMutablePointer<Double>
    /// The validation rows' raw predictions.
    let validationRaw: UnsafeMutablePointer<Double>
    /// The gradients of the training rows.
    let gradients: UnsafeMutablePointer<Float>
    /// The hessians of the training rows.
    let hessians: UnsafeMutablePointer<Float>

    /// Allocates the arrays and starts every raw prediction at the baseline.
    init(
        trainY: [Double], validationY: [Double], validationCodes codes: [UInt8], outputs: Int, baseline: [Double],
        constantHessian: Bool
    ) {
        let n = trainY.count
        let m = validationY.count
        targets = Self.copy(trainY)
        validationTargets = Self.copy(validationY)
        validationCodes = .allocate(capacity: max(codes.count, 1))
        for (index, code) in codes.enumerated() { validationCodes[index] = code }
        raw = .allocate(capacity: max(n * outputs, 1))
        validationRaw = .allocate(capacity: max(m * outputs, 1))
        for k in 0..<outputs {
            (raw + k * n).initialize(repeating: baseline[k], count: n)
            (validationRaw + k * m).initialize(repeating: baseline[k], count: m)
        }
        gradients = .allocate(capacity: max(n * outputs, 1))
        gradients.initialize(repeating: 0, count: n * outputs)
        hessians = .allocate(capacity: max(n * outputs, 1))
        hessians.initialize(repeating: constantHessian ? 1 : 0, count: n * outputs)
    }

    deinit {
        targets.deallocate()
        validationTargets.deallocate()
        validationCodes.deallocate()
        raw.deallocate()
        validationRaw.deallocate()
        gradients.deallocate()
        hessians.deallocate()
    }

    /// A new buffer holding `values` (never a nil base address).
    private static func copy(_ values: [Double]) -> UnsafeBufferPointer<Double> {
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(values.count, 1))
        for (index, value) in values.enumerated() { pointer[index] = value }
        return UnsafeBufferPointer(start: pointer, count: values.count)
    }
}

// MARK: - Checks and the validation split

extension GradientBoosting {
    /// Checks every setting, naming it as the notebook does.
    private static func validate(_ s: Settings) throws {
        func fail(_ name: String, _ rule: String, _ value: String) -> LearnError {
            LearnError(.invalidHyperparameter, "\(name) must be \(rule), got \(value)", hyperparameter: name)
        }
        guard s.rounds >= 1 else { throw fail("rounds", "a whole number ≥ 1", "\(s.rounds)") }
        guard s.learningRate > 0, s.learningRate.isFinite else {
            throw fail("rate", "a positive number", formatNumber(s.learningRate))
        }
        if let leaves = s.maxLeaves, leaves < 2 { throw fail("leaves", "a whole number ≥ 2 or none", "\(leaves)") }
        if let depth = s.maxDepth, depth < 1 { throw fail("depth", "a whole number ≥ 1 or none", "\(depth)") }
        guard s.minSamplesLeaf >= 1 else { throw fail("min_leaf", "a whole number ≥ 1", "\(s.minSamplesLeaf)") }
        guard s.l2 >= 0, s.l2.isFinite else { throw fail("l2", "a non-negative number", formatNumber(s.l2)) }
        guard (2...FeatureBinning.binLimit).contains(s.maxBins) else {
            throw fail("bins", "a whole number from 2 to \(FeatureBinning.binLimit)", "\(s.maxBins)")
        }
        if let fraction = s.validationFraction, !(fraction > 0 && fraction < 1) {
            throw fail("validation", "a fraction between 0 and 1 (exclusive) or none", formatNumber(fraction))
        }
        guard s.patience >= 1 else { throw fail("patience", "a whole number ≥ 1", "\(s.patience)") }
        guard s.tolerance >= 0, s.tolerance.isFinite else {
            throw fail("tol", "a non-negative number", formatNumber(s.tolerance))
        }
    }

    /// Holds out `fraction` of the rows (rounded up), stratified by class for classification, as scikit-learn's
    /// `train_test_split(test_size=fraction, stratify=y)` sizes it; rows are drawn with `generator`.
    ///
    /// - Returns: The training and validation rows, each in increasing order.
    /// - Throws: ``LearnError`` `.invalidHyperparameter` when either side would be empty or, for classes, smaller
    ///   than the number of classes.
    static func validationSplit(_ y: [Double], classCount: Int, fraction: Double, generator: SeededGenerator)
        throws -> (train: [Int], validation: [Int])
    {
        let n = y.count
        let held = Int((fraction * Double(n)).rounded(.up))
        let kept = n - held
        let needed = max(classCount, 1)
        guard held >= needed, kept >= needed else {
            let what = classCount > 0 ? "at least \(classCount) rows (one per class)" : "at least one row"
            throw LearnError(
                .invalidHyperparameter,
                "validation \(formatNumber(fraction)) of \(n) rows leaves \(held) validation and \(kept) training rows; "
                    + "early stopping needs \(what) on each side: change validation or set early_stop: false")
        }
        var random = generator
        var validation: [Int] = []
        if classCount == 0 {
            var order = Array(0..<n)
            order.seededShuffle(using: &random)
            validation = Array(order[0..<held])
        } else {
            var members = [[Int]](repeating: [], count: classCount)
            for (row, label) in y.enumerated() { members[Int(label)].append(row) }
            let quotas = approximateMode(members.map(\.count), draws: held)
            for (label, rows) in members.enumerated() where quotas[label] > 0 {
                var shuffled = rows
                var stream = random.derived(label)
                shuffled.seededShuffle(using: &stream)
                validation.append(contentsOf: shuffled[0..<quotas[label]])
            }
        }
        validation.sort()
        var isHeld = [Bool](repeating: false, count: n)
        for row in validation { isHeld[row] = true }
        return ((0..<n).filter { !isHeld[$0] }, validation)
    }

    /// How many of `draws` rows each class gets, proportionally to `counts`, the remainders going to the
    /// largest fractional parts (the first classes on a tie); scikit-learn's `_approximate_mode`.
    static func approximateMode(_ counts: [Int], draws: Int) -> [Int] {
        let total = Double(counts.reduce(0, +))
        let continuous = counts.map { Double($0) * Double(draws) / total }
        var quotas = continuous.map { Int($0.rounded(.down)) }
        var missing = draws - quotas.reduce(0, +)
        let order = continuous.indices.sorted { a, b in
            let ra = continuous[a] - continuous[a].rounded(.down)
            let rb = continuous[b] - continuous[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        for label in order where missing > 0 && quotas[label] < counts[label] {
            quotas[label] += 1
            missing -= 1
        }
        return quotas
    }
}
