/// The mean and the (population) variance of `values`, in two passes of four interleaved sums each.
///
/// One running sum would make every addition wait for the previous one; four independent ones let the
/// additions overlap. The order is fixed, so the result is the same on every run.
func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let n = values.count
    guard n > 0 else { return (0, 0) }
    return values.withUnsafeBufferPointer { x in
        var sums = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            sums.0 += x[i]
            sums.1 += x[i + 1]
            sums.2 += x[i + 2]
            sums.3 += x[i + 3]
            i += 4
        }
        while i < n {
            sums.0 += x[i]
            i += 1
        }
        let mean = ((sums.0 + sums.1) + (sums.2 + sums.3)) / Double(n)
        sums = (0, 0, 0, 0)
        i = 0
        while i + 4 <= n {
            let d = (x[i] - mean, x[i + 1] - mean, x[i + 2] - mean, x[i + 3] - mean)
            sums.0 += d.0 * d.0
            sums.1 += d.1 * d.1
            sums.2 += d.2 * d.2
            sums.3 += d.3 * d.3
            i += 4
        }
        while i < n {
            sums.0 += (x[i] - mean) * (x[i] - mean)
            i += 1
        }
        return (mean, ((sums.0 + sums.1) + (sums.2 + sums.3)) / Double(n))
    }
}
