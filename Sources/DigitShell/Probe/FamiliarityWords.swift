import Foundation

/// The familiarity gauge in words for a learner, together with the net's confidence: a
/// net can be 99% sure of a digit it has never seen the like of, and that is the point.
///
/// Confident means the top probability is at least 90%; then an unfamiliar drawing gets a
/// "but" ("99% sure, but it has never seen a 9 like this").
public enum FamiliarityWords {
  /// The top probability from which the net counts as sure.
  static let sure = 0.9

  /// "net3 is 99% sure it is a 9, but it has never seen a 9 like this."
  public static func headline(_ f: Familiarity, probabilities p: [Double], model: String)
    -> String
  {
    "\(model) is \(clause(f, probabilities: p, digitNamed: true))."
  }

  /// "Familiarity 0.620 (mean cosine similarity of its 10 nearest training digits; 1 = the
  /// same pattern): only 0.4% of MNIST test digits are less familiar."
  public static func detail(_ f: Familiarity) -> String {
    "Familiarity \(score(f.score)) (the mean cosine similarity of its \(Familiarity.neighbours) "
      + "nearest training digits inside the net; 1 = the same pattern): "
      + lessFamiliar(f.percentile) + "."
  }

  /// One line for the draw editor, at most `width` columns: the longest of a few versions
  /// that fits, e.g. "99% sure, but it has never seen a 9 like this · familiarity 0.620".
  public static func line(_ f: Familiarity, probabilities p: [Double], width: Int) -> String {
    let said = clause(f, probabilities: p, digitNamed: false)
    let versions = [
      "\(said) · familiarity \(score(f.score)), \(lowest(f.percentile))",
      "\(said) · familiarity \(score(f.score))",
      said,
      "\(name(f.verdict)) · familiarity \(score(f.score))",
    ]
    let fitting = versions.first { $0.count <= width } ?? versions[versions.count - 1]
    return String(fitting.prefix(width))
  }

  /// "familiar", "unusual", "never seen": the verdict in a word or two.
  public static func name(_ verdict: Familiarity.Verdict) -> String {
    switch verdict {
    case .familiar: return "familiar"
    case .unusual: return "unusual"
    case .unlike: return "never seen"
    }
  }

  /// "99% sure it is a 9, but it has never seen a 9 like this" (without "it is a 9" when
  /// `digitNamed` is false: the editor's bars say it already).
  static func clause(_ f: Familiarity, probabilities p: [Double], digitNamed: Bool) -> String {
    let best = p.indices.max { p[$0] < p[$1] } ?? 0
    let confidence = p.indices.contains(best) ? p[best] : 0
    let sure = confidence >= Self.sure
    // Rounded as the bars round, but never "100% sure" short of certainty.
    let percent = min(Int((100 * confidence).rounded()), confidence < 1 ? 99 : 100)
    var text = sure ? "\(percent)% sure" : "only \(percent)% sure"
    if digitNamed { text += " it is \(a(best))" }
    switch (f.verdict, sure) {
    case (.familiar, true): return text + ", and it has seen many digits like this"
    case (.familiar, false): return text + ", though it has seen many digits like this"
    case (.unusual, true): return text + ", but it has seen few \(best)s like this"
    case (.unusual, false): return text + ", and it has seen few digits like this"
    case (.unlike, true): return text + ", but it has never seen \(a(best)) like this"
    case (.unlike, false): return text + ", and it has never seen anything like this"
    }
  }

  /// "a 9", "an 8".
  static func a(_ digit: Int) -> String { digit == 8 ? "an 8" : "a \(digit)" }

  /// "62% of MNIST test digits are less familiar", "only 0.4% of …", "none of …".
  static func lessFamiliar(_ percentile: Double) -> String {
    if percentile <= 0 { return "no MNIST test digit in the sample is less familiar" }
    let share = percent(percentile)
    return percentile < Double(FamiliarityCalibration.unusualPercentile)
      ? "only \(share) of MNIST test digits are less familiar"
      : "\(share) of MNIST test digits are less familiar"
  }

  /// "below all MNIST", "lowest 0.4% of MNIST" below the 10th percentile, else
  /// "above 62% of MNIST" (of the MNIST test sample).
  static func lowest(_ percentile: Double) -> String {
    if percentile <= 0 { return "below all MNIST" }
    return percentile < Double(FamiliarityCalibration.unusualPercentile)
      ? "lowest \(percent(percentile)) of MNIST" : "above \(percent(percentile)) of MNIST"
  }

  /// "0.4%" below 10, else "62%".
  static func percent(_ value: Double) -> String {
    value < 10 ? String(format: "%.1f%%", value) : String(format: "%.0f%%", value)
  }

  /// Three decimals: a narrow net (Net1) puts nearly all digits between 0.95 and 1, where
  /// two decimals would round most of them to 1.00.
  static func score(_ s: Float) -> String { String(format: "%.3f", s) }
}
