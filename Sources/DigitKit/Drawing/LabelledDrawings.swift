import Foundation

/// A folder of drawing files labelled by name (`9-looks-like-7.txt` is a 9), made MNIST-like.
public struct LabelledDrawings: Sendable {
  public var names: [String] = []
  public var labels: [Int] = []
  /// 28×28 ink (0…1) per drawing, after `Preprocess.mnistImage`.
  public var images: [[Float]] = []

  public init() {}
  public var count: Int { labels.count }

  /// Loads every `*.txt` file of `directory` whose name starts with a digit (its label).
  /// Other files (README.md) are ignored; a bad drawing is an error naming the file and line.
  public init(directory: URL) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw DigitKitError("\(directory.relativePath): no such folder of drawings")
    }
    let files = try fm.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
      .sorted()
    for file in files {
      guard let first = file.first, let label = first.wholeNumberValue else { continue }
      let drawing = try Drawing(contentsOf: directory.appendingPathComponent(file))
      do {
        images.append(try Preprocess.mnistImage(drawing))
      } catch let e as DigitKitError {
        throw DigitKitError("\(file): \(e.message)")
      }
      names.append(file)
      labels.append(label)
    }
    guard !labels.isEmpty else {
      throw DigitKitError("\(directory.relativePath): no labelled drawings (files like 3-mine.txt)")
    }
  }
}

extension Evaluator {
  /// The model's answer for each drawing, and how many are right.
  public static func evaluate(_ model: Model, on drawings: LabelledDrawings) -> (
    correct: Int, total: Int, predictions: [Int]
  ) {
    var predictions: [Int] = []
    let size = batchSize(for: model)
    var first = 0
    while first < drawings.count {
      let chunk = drawings.images[first..<min(first + size, drawings.count)]
      let x = Tensor(
        shape: [chunk.count, 1, 28, 28],
        data: chunk.flatMap { $0.map { ($0 - MNIST.mean) / MNIST.std } })
      predictions += argmaxRows(model.forward(x, training: false))
      first += size
    }
    let correct = zip(predictions, drawings.labels).filter { $0 == $1 }.count
    return (correct, drawings.count, predictions)
  }
}
