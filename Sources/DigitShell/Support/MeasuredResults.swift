import DigitKit
import Foundation

/// What commands measured, kept in `session.results` for lesson claims (`expect:`),
/// templates (`{{FACT}}`) and exercise checks. Each value is written as the command prints it,
/// without thousands separators so claims compare it as a number (`9955`, `99.55`).
///
/// Most keys come twice: a plain one for the last command (`accuracy`) and one qualified by
/// the model's name (`accuracy net3`), so one cell can claim what two commands printed.
/// Lessons/README.md lists every key with its meaning and unit.
extension Session {
  /// Records a key and its model-qualified twin.
  private func note(_ key: String, model: String?, _ value: String) {
    results[key] = value
    if let model { results["\(key) \(model)"] = value }
  }

  /// `predict`, `peek` (and the editor's bars): `prediction` (the top digit), `probability`
  /// (its probability in percent, 1 decimal), `second` and `second probability` (the runner-up),
  /// `probability of D` (digit D's probability, percent), each also as `… MODEL`; `input` names
  /// what was read (`test[0]`, a file).
  ///
  /// - Parameter probabilities: 10 class probabilities (0…1), index = digit.
  func notePrediction(_ probabilities: [Double], model: String, input: String) {
    let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    guard ranked.count >= 2 else { return }
    let percent = { (digit: Int) in String(format: "%.1f", 100 * probabilities[digit]) }
    note("prediction", model: model, String(ranked[0]))
    note("probability", model: model, percent(ranked[0]))
    note("second", model: model, String(ranked[1]))
    note("second probability", model: model, percent(ranked[1]))
    for digit in probabilities.indices {
      note("probability of \(digit)", model: model, percent(digit))
    }
    results["input"] = input
  }

  /// `predict` with the familiarity gauge: `familiarity` (the mean cosine similarity of the
  /// 10 nearest training digits, 3 decimals), `familiarity percentile` (percent of the MNIST
  /// test sample below it, 1 decimal), `familiarity verdict` (`familiar`, `unusual` or
  /// `unlike`), each also as `… MODEL`.
  func noteFamiliarity(_ f: Familiarity, model: String) {
    note("familiarity", model: model, String(format: "%.3f", f.score))
    note("familiarity percentile", model: model, String(format: "%.1f", f.percentile))
    note("familiarity verdict", model: model, f.verdict.rawValue)
  }

  /// `familiar`: `familiar below share` and `familiar mnist below share` (percent of the
  /// folder's drawings and of the MNIST test sample below the unusual line, the 10th
  /// percentile of MNIST, 1 decimal), `familiar never share` and `familiar mnist never share`
  /// (below the never-seen line, the 1st percentile), `familiar median` and `familiar mnist
  /// median` (median scores, 3 decimals), each also as `… MODEL`; `familiar total` (drawings).
  ///
  /// - Parameters: mnist, drawings: familiarity scores (0…1) of each image.
  func noteFamiliarShares(
    mnist: [Float], drawings: [Float], calibration: FamiliarityCalibration, model: String
  ) {
    let share = { (scores: [Float], line: Float) in
      String(
        format: "%.1f",
        100 * Double(scores.filter { $0 < line }.count) / Double(max(scores.count, 1)))
    }
    let median = { (scores: [Float]) in
      String(format: "%.3f", scores.sorted()[scores.count / 2])
    }
    for (name, scores) in [("familiar", drawings), ("familiar mnist", mnist)] where !scores.isEmpty
    {
      note("\(name) below share", model: model, share(scores, calibration.unusualLine))
      note("\(name) never share", model: model, share(scores, calibration.unlikeLine))
      note("\(name) median", model: model, median(scores))
    }
    results["familiar total"] = String(drawings.count)
  }

  /// `eval` on MNIST: `accuracy` (percent, 2 decimals), `correct`, `wrong` (images),
  /// `test loss` (mean −log p of the right digit, 4 decimals), each also as `… MODEL`;
  /// `test total` (images tested).
  func noteEvaluation(_ e: Evaluation, model: String) {
    note("accuracy", model: model, String(format: "%.2f", e.accuracy))
    note("correct", model: model, String(e.correct))
    note("wrong", model: model, String(e.total - e.correct))
    note("test loss", model: model, String(format: "%.4f", e.loss))
    results["test total"] = String(e.total)
  }

  /// `eval --drawings`: `drawings correct`, `drawings wrong` (drawings), `drawings accuracy`
  /// (percent, 1 decimal), `drawings most missed` (the true digit of the most misses; the
  /// smallest on a tie; none when all are right), each also as `… MODEL`; `drawings total`.
  ///
  /// - Parameters: labels, predictions: the true and the read digit of each drawing.
  func noteDrawings(labels: [Int], predictions: [Int], model: String) {
    let total = labels.count
    let correct = zip(labels, predictions).filter { $0 == $1 }.count
    var misses = [Int](repeating: 0, count: 10)
    for (label, read) in zip(labels, predictions)
    where label != read && misses.indices.contains(label) {
      misses[label] += 1
    }
    // The first digit with the most misses: max(by:) keeps the last of equals, so reversed.
    let most = misses.indices.reversed().max { misses[$0] < misses[$1] }
    let mostMissed = most.flatMap { misses[$0] > 0 ? String($0) : nil } ?? "none"
    note("drawings most missed", model: model, mostMissed)
    note("drawings correct", model: model, String(correct))
    note("drawings wrong", model: model, String(total - correct))
    note(
      "drawings accuracy", model: model,
      String(format: "%.1f", 100 * Double(correct) / Double(max(total, 1))))
    results["drawings total"] = String(total)
  }

  /// `confusion`: `confusion correct MODEL`, `confusion mistakes MODEL` (images on and off the
  /// diagonal), `confusion accuracy MODEL` (percent, 2 decimals), `weakest MODEL` (the digit
  /// with the lowest F1), `weakest f1 MODEL` and `f1 MODEL D` (percent, 2 decimals),
  /// `confusion MODEL T as P` (images of digit T the model read as P: row T, column P).
  ///
  /// - Parameter matrix: 10×10 counts, rows the true digit, columns the model's answer.
  func noteConfusion(_ matrix: [[Int]], scores: ClassScores, model: String) {
    let correct = matrix.indices.reduce(0) { $0 + matrix[$1][$1] }
    let total = matrix.reduce(0) { $0 + $1.reduce(0, +) }
    results["confusion correct \(model)"] = String(correct)
    results["confusion mistakes \(model)"] = String(total - correct)
    results["confusion accuracy \(model)"] = String(
      format: "%.2f", 100 * Double(correct) / Double(max(total, 1)))
    for (truth, row) in matrix.enumerated() {
      for (answer, count) in row.enumerated() {
        results["confusion \(model) \(truth) as \(answer)"] = String(count)
      }
    }
    for (digit, f1) in scores.f1.enumerated() {
      results["f1 \(model) \(digit)"] = String(format: "%.2f", 100 * f1)
    }
    if let weakest = scores.f1.indices.min(by: { scores.f1[$0] < scores.f1[$1] }) {
      results["weakest \(model)"] = String(weakest)
      results["weakest f1 \(model)"] = String(format: "%.2f", 100 * scores.f1[weakest])
    }
  }

  /// `bench`: `images per second NET batch B` (training images per second, whole number).
  func noteBench(net: String, batch: Int, imagesPerSecond: Double) {
    results["images per second \(net) batch \(batch)"] = String(Int(imagesPerSecond.rounded()))
  }

  /// `summary`: `summary parameters` (the total), `summary parameters X` and `summary share X`
  /// (percent of the total, whole number), where X is a layer's name (`fc1`, `conv2`) or a
  /// kind of layer summed over the model (`conv`, `linear`); `summary largest` (the name of the
  /// layer with the most parameters, else its number).
  func noteSummary(_ m: Model) {
    let total = m.parameterCount
    var byKey: [String: Int] = [:]
    for layer in m.layers {
      byKey[layer.spec.kind.rawValue, default: 0] += layer.parameterCount
      if let name = layer.spec.name { byKey[name, default: 0] += layer.parameterCount }
    }
    results["summary parameters"] = String(total)
    let largest = m.layers.indices.max { m.layers[$0].parameterCount < m.layers[$1].parameterCount }
    results["summary largest"] = largest.map { m.layers[$0].spec.name ?? String($0 + 1) }
    for (key, count) in byKey {
      results["summary parameters \(key)"] = String(count)
      results["summary share \(key)"] = String(
        Int((100 * Double(count) / Double(max(total, 1))).rounded()))
    }
  }

  /// `data`: `data training` and `data test` (images), `data training D` and `data test D`
  /// (images of digit D), `data training fewest` and `data training most` (the rarest and
  /// commonest digit's count), `pixel mean` and `pixel sd` (fractions of full ink, 4 decimals),
  /// `normalised paper` and `normalised ink` (what 0 and 255 become, 1 decimal).
  func noteData(train: MNISTSet, test: MNISTSet, mean: Double, sd: Double) {
    for (name, set) in [("training", train), ("test", test)] {
      results["data \(name)"] = String(set.count)
      for (digit, count) in set.classCounts.enumerated() {
        results["data \(name) \(digit)"] = String(count)
      }
    }
    results["data training fewest"] = train.classCounts.min().map(String.init)
    results["data training most"] = train.classCounts.max().map(String.init)
    results["pixel mean"] = String(format: "%.4f", mean)
    results["pixel sd"] = String(format: "%.4f", sd)
    let normalised = { (pixel: Double) in (pixel - Double(MNIST.mean)) / Double(MNIST.std) }
    results["normalised paper"] = String(format: "%.1f", normalised(0))
    results["normalised ink"] = String(format: "%.1f", normalised(1))
  }

  /// `show` (a page of digits): `page`, `pages` and `grid images` (how many digits match).
  func notePage(_ page: Int, of pages: Int, images: Int) {
    results["page"] = String(page)
    results["pages"] = String(pages)
    results["grid images"] = String(images)
  }

  /// `finetune`: `finetune drawings before|after` (the learner's drawings read right),
  /// `finetune drawings total`, `finetune test before|after` (MNIST accuracy on the first test
  /// images, percent, 2 decimals), `finetune test change` (after − before, points, 2 decimals).
  func noteFinetune(before: Score, after: Score) {
    results["finetune drawings before"] = String(before.own.correct)
    results["finetune drawings after"] = String(after.own.correct)
    results["finetune drawings total"] = String(after.own.total)
    guard let b = before.test, let a = after.test else { return }
    results["finetune test before"] = String(format: "%.2f", b.accuracy)
    results["finetune test after"] = String(format: "%.2f", a.accuracy)
    results["finetune test change"] = String(format: "%.2f", a.accuracy - b.accuracy)
  }
}
