#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// A learning rate that changes at every step, not only between epochs.
public enum LearningRateSchedule: String, Codable, CaseIterable, Sendable {
  /// One cycle (Smith & Topin 2018), as PyTorch's `OneCycleLR` with `pct_start` 0.25:
  /// over the first quarter of all steps the rate rises from peak/25 to the peak while the
  /// momentum (Adam's β₁) falls from 0.95 to 0.85; over the rest the rate falls to
  /// peak/250,000 while the momentum climbs back. Each move follows half a cosine:
  /// anneal(a, b, t) = b + (a − b) · (1 + cos πt) / 2 for t from 0 to 1.
  case onecycle

  /// The learning rate and momentum for step `step` (from 0) of `total` steps, with the
  /// largest rate `peak`.
  public func values(step: Int, total: Int, peak: Float) -> (learningRate: Float, momentum: Float) {
    let initial = peak / 25
    let final = initial / 1e4
    let warmEnd = 0.25 * Float(total) - 1  // the step at the peak, as PyTorch counts
    let s = Float(min(step, total - 1))
    if s <= warmEnd && warmEnd > 0 {
      let t = s / warmEnd
      return (anneal(initial, peak, t), anneal(0.95, 0.85, t))
    }
    let t = total - 1 > Int(warmEnd) ? (s - warmEnd) / (Float(total - 1) - warmEnd) : 1
    return (anneal(peak, final, t), anneal(0.85, 0.95, t))
  }

  private func anneal(_ a: Float, _ b: Float, _ t: Float) -> Float {
    b + (a - b) * (1 + cosf(.pi * max(0, min(1, t)))) / 2
  }
}
