/// Finds the candidate closest to `name`, for "did you mean" hints.
///
/// Distance is the optimal-string-alignment (Damerau–Levenshtein) distance on
/// lower-cased Unicode scalars. A candidate is offered only when it is close enough to
/// be a plausible typo: at most a third of the longer name's length (and at least 1)
/// edits away, or when one name is a prefix of the other.
///
/// - Parameters:
///   - name: The unknown name the user wrote.
///   - candidates: The names that exist.
/// - Returns: The nearest candidate, or `nil` when none is plausible. Ties go to the
///   candidate that comes first in `candidates`.
/// - Complexity: O(*n* · *m* · *k*) for *k* candidates of length *m*.
public func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased().unicodeScalars)
        let distance = editDistance(target, other)
        let limit = max(1, max(target.count, other.count) / 3)
        let isPrefix =
            min(target.count, other.count) >= 3 && (other.starts(with: target) || target.starts(with: other))
        guard distance <= limit || isPrefix else { continue }
        if let current = best, current.distance <= distance { continue }
        best = (candidate, distance)
    }
    return best?.name
}

/// The optimal-string-alignment distance between two scalar arrays.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previous2[j - 2] + 1)
            }
            current[j] = value
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
