import ArgumentParser
import DigitKit
import TextArt

struct ConfusionCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "confusion",
    abstract: "Confusion matrix and precision / recall / F1 per digit, on a balanced test sample.",
    discussion: """
      As the study did: the same number of test images of every digit (850 by default), \
      rows the true digit, columns what the model said.
      Example: confusion --model net3 --per-digit 850
      """)

  @OptionGroup var choice: ModelChoice
  var model: String { choice.name }
  @Option(
    name: .customLong("per-digit"), parsing: .unconditional,
    help: "Test images of each digit (1–892).")
  var perDigit = 850
  @OptionGroup var art: ArtOptions

  func validate() throws {
    guard (1...892).contains(perDigit) else {
      throw userError("--per-digit must be from 1 to 892 (the test set has 892 fives)")
    }
  }

  func run(in session: Session) throws {
    let test = try session.mnist(.test)
    let predictions = try Predictions.all(model: model, set: .test, in: session)
    // The first `perDigit` test images of each digit.
    var taken = [Int](repeating: 0, count: 10)
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
    for i in 0..<test.count {
      let label = Int(test.labels[i])
      guard taken[label] < perDigit else { continue }
      taken[label] += 1
      matrix[label][predictions[i]] += 1
    }
    let report = ClassScores(matrix: matrix)
    session.noteConfusion(matrix, scores: report, model: model)
    session.console.line(
      "\(model) on \(perDigit) test images of each digit (\(grouped(perDigit * 10)) in all):")
    try art.emit(to: session.console) { style in
      ConfusionMatrixArt.render(matrix: matrix, style: style, width: min(Terminal.width, 120))
        + "\n\n"
        + ClassReportArt.render(
          precision: report.precision, recall: report.recall, f1: report.f1,
          support: report.support, style: style, width: min(Terminal.width, 120))
    }
  }
}

/// Precision, recall and F1 per class from a confusion matrix (rows actual, columns predicted), as fractions 0…1.
struct ClassScores {
  var precision: [Double] = [], recall: [Double] = [], f1: [Double] = [], support: [Int] = []

  init(matrix: [[Int]]) {
    let n = matrix.count
    for k in 0..<n {
      let truePositive = Double(matrix[k][k])
      let predicted = Double((0..<n).reduce(0) { $0 + matrix[$1][k] })
      let actual = Double(matrix[k].reduce(0, +))
      let p = predicted > 0 ? truePositive / predicted : 0
      let r = actual > 0 ? truePositive / actual : 0
      precision.append(p)
      recall.append(r)
      f1.append(p + r > 0 ? 2 * p * r / (p + r) : 0)
      support.append(Int(actual))
    }
  }
}
