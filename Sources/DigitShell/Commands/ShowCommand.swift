import ArgumentParser
import DigitKit
import Foundation
import TextArt

/// What `show` displayed: `next` and `prev` turn its pages.
struct GridQuery: Codable {
  var set: MNIST.Split
  var digits: [Int]
  var model: String?
  var wrongOnly: Bool
  var page: Int
  var columns: Int?
  var scale: Int?
}

struct ShowCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract:
      "Browse MNIST as text art: 100 digits a page, filtered by digit, or one digit up close.",
    discussion: """
      Examples:
        show                          the first page of the test set
        show --digit 6 --page 3       page 3 of the sixes (next / prev turn pages)
        show --digit 4 9 --random     a random page of fours and nines
        show --model net2 --wrong     the test digits Net2 gets wrong (caption 9→7: a 9 read as 7)
        show --index 0 --values       one digit at full size with its pixel values
        show --index 0 --big          one digit as big as the screen, with net3's reading
      """)

  @Option(help: "test or train.") var set = "test"
  @Option(parsing: .upToNextOption, help: "Only these digits (one or more).") var digit: [Int] = []
  @Option(parsing: .unconditional, help: "Page number, from 1.") var page = 1
  @Flag(help: "A random page.") var random = false
  @Option(help: "Label each digit with this model's prediction.") var model: String?
  @Flag(help: "Only the digits the model gets wrong (needs --model).") var wrong = false
  @Option(parsing: .unconditional, help: "One image by number, at full size.") var index: Int?
  @Flag(help: "With --index: the pixel values, 0–255.") var values = false
  @Flag(help: "With --index --values: the normalised values the net sees.") var normalised = false
  @Flag(
    help: "With --index: the digit as big as the screen and a model's probabilities beside it.")
  var big = false
  @Option(
    parsing: .unconditional,
    help: "With --index: this many random distortions of it, as train --augment makes them.")
  var augmented: Int?
  @Flag(help: "With --augmented: written the ways people write, as train --augment-people does.")
  var people = false
  @Option(parsing: .unconditional, help: "Digits per row (default: what fits).") var columns: Int?
  @Option(parsing: .unconditional, help: "Size of each digit: 1 (full) to 4 (smallest).") var scale:
    Int?
  @OptionGroup var art: ArtOptions

  func validate() throws {
    guard set == "test" || set == "train" else {
      throw userError("--set must be test or train, not \(set)")
    }
    if let bad = digit.first(where: { !(0...9).contains($0) }) {
      throw userError("--digit takes digits 0 to 9, not \(bad)")
    }
    if wrong && model == nil {
      throw userError("--wrong needs a model to be wrong: add --model net3")
    }
    if page < 1 { throw userError("--page starts at 1") }
    if let columns, !(1...50).contains(columns) {
      throw userError("--columns must be from 1 to 50")
    }
    if let scale, !(1...4).contains(scale) { throw userError("--scale must be from 1 to 4") }
    if big && index == nil {
      throw userError("--big shows one digit: add --index I (random --big picks one)")
    }
    if people && augmented == nil {
      throw userError("--people goes with --augmented N (show --index 0 --augmented 9 --people)")
    }
    if big && (values || augmented != nil) {
      throw userError("--big draws the digit; leave out --values and --augmented")
    }
  }

  func run(in session: Session) throws {
    let split: MNIST.Split = set == "train" ? .train : .test
    if let index { return try showOne(index, split, in: session) }
    var query = GridQuery(
      set: split, digits: digit, model: model, wrongOnly: wrong, page: page,
      columns: columns, scale: scale)
    if random {
      let total = try GridPages.indices(for: query, in: session).count
      query.page = Int.random(in: 1...GridPages.pageCount(total))
    }
    try GridPages.show(query, art: art, in: session)
  }

  private func showOne(_ index: Int, _ split: MNIST.Split, in session: Session) throws {
    let data = try session.mnist(split)
    guard (0..<data.count).contains(index) else {
      throw userError("--index must be from 0 to \(data.count - 1) for the \(set) set")
    }
    let pixels = Array(data.image(index))
    if big {
      let caption = "\(set) image \(index): a \(data.labels[index])"
      try BigView.show(
        pixels: pixels, caption: caption, footer: nil, model: model, art: art, in: session)
      return
    }
    if let augmented {
      guard (1...100).contains(augmented) else {
        throw userError("--augmented must be from 1 to 100")
      }
      var random = SeededGenerator(seed: UInt64(index) &+ 17)
      var styles = PeopleStyles()
      styles.chance = 1  // every one written by a person, to see what that means
      let augmentation = people ? Augmentation(people: styles) : Augmentation()
      let variants =
        [pixels]
        + (0..<augmented).map { _ in
          Preprocess.bytes(augmentation.apply(pixels[...], random: &random))
        }
      let how = people ? "ways people might write it" : "random distortions of it"
      session.console.line(
        "\(set) image \(index) (a \(data.labels[index])), then \(augmented) \(how):")
      try art.emit(to: session.console) { style in
        DigitGrid.render(
          images: variants, captions: ["original"] + (1...augmented).map { "#\($0)" },
          options: DigitGridOptions(
            style: style, width: min(Terminal.width, 200), columns: columns, scale: scale))
      }
      return
    }
    session.console.line("\(set) image \(index): a \(data.labels[index])")
    try art.emit(to: session.console) { style in
      if values {
        return DigitArt.values(
          pixels: pixels, format: normalised ? .normalised : .raw, style: style,
          maxWidth: Terminal.width)
      }
      return DigitArt.render(
        pixels: pixels, style: style, scale: scale ?? (Terminal.height >= 32 ? 1 : 2),
        maxWidth: Terminal.width)
    }
  }
}

/// Paging through filtered MNIST, shared by show, next and prev.
enum GridPages {
  /// Digits on one page.
  static let pageSize = 100

  /// Pages needed for `count` digits (at least one, so an empty filter still has page 1).
  static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

  static func indices(for q: GridQuery, in session: Session) throws -> [Int] {
    let data = try session.mnist(q.set)
    var result = Array(0..<data.count)
    if !q.digits.isEmpty { result = result.filter { q.digits.contains(Int(data.labels[$0])) } }
    if q.wrongOnly, let model = q.model {
      let predictions = try Predictions.all(model: model, set: q.set, in: session)
      result = result.filter { predictions[$0] != Int(data.labels[$0]) }
    }
    return result
  }

  static func show(_ q: GridQuery, art: ArtOptions, in session: Session) throws {
    let data = try session.mnist(q.set)
    let all = try indices(for: q, in: session)
    let pages = pageCount(all.count)
    guard q.page <= pages else {
      throw userError(
        "there is no page \(q.page): \(plural(all.count, "image")) make \(plural(pages, "page"))")
    }
    session.lastGrid = q
    session.notePage(q.page, of: pages, images: all.count)
    let shown = Array(all.dropFirst((q.page - 1) * pageSize).prefix(pageSize))
    let predictions = try q.model.map { try Predictions.all(model: $0, set: q.set, in: session) }
    var captions: [String] = []
    var wrong: [Bool] = []
    for i in shown {
      let label = Int(data.labels[i])
      if let p = predictions?[i], p != label {
        captions.append("\(label)→\(p)")
        wrong.append(true)
      } else {
        captions.append("\(label)")
        wrong.append(false)
      }
    }
    let filter =
      q.digits.isEmpty
      ? "all digits" : "digits " + q.digits.map(String.init).joined(separator: ", ")
    let what =
      q.wrongOnly
      ? " that \(q.model ?? "") gets wrong" : (q.model.map { " labelled by \($0)" } ?? "")
    session.console.line(
      "\(q.set == .test ? "Test" : "Training") set, \(filter)\(what): page \(q.page) of \(pages) (\(plural(all.count, "image")))"
    )
    try art.emit(to: session.console) { style in
      DigitGrid.render(
        images: shown.map { Array(data.image($0)) }, captions: captions,
        options: DigitGridOptions(
          style: style, width: min(Terminal.width, 200), columns: q.columns,
          scale: q.scale, highlight: predictions == nil ? nil : wrong))
    }
    session.console.line("next / prev turn the page.")
  }
}

/// A model's predictions for a whole split, kept by the session while the model is unchanged.
enum Predictions {
  static func all(model: String, set: MNIST.Split, in session: Session) throws -> [Int] {
    let named = try session.resolveModel(model)
    if let kept = session.predictions.value(for: named.model, key: set) { return kept }
    guard named.model.isClassifier else {
      throw userError("\(model) cannot classify yet (it must end in logsoftmax with 10 outputs)")
    }
    let data = try session.mnist(set)
    guard
      let e = Interrupts.whileRunning(
        session.cancel,
        {
          Evaluator.evaluate(named.model, on: data, cancel: session.cancel)
        })
    else { throw userError("stopped") }
    session.predictions.store(e.predictions, for: named.model, key: set)
    return e.predictions
  }
}

struct NextCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "next", abstract: "The next page of digits after show.")
  @OptionGroup var art: ArtOptions
  func run(in session: Session) throws {
    guard var q = session.lastGrid else {
      throw userError("nothing to page through yet: use show first")
    }
    let pages = GridPages.pageCount(try GridPages.indices(for: q, in: session).count)
    guard q.page < pages else {
      throw userError("no next page: this is the last one (page \(q.page) of \(pages))")
    }
    q.page += 1
    try GridPages.show(q, art: art, in: session)
  }
}

struct PrevCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "prev", abstract: "The previous page of digits after show.")
  @OptionGroup var art: ArtOptions
  func run(in session: Session) throws {
    guard var q = session.lastGrid else {
      throw userError("nothing to page through yet: use show first")
    }
    guard q.page > 1 else { throw userError("no previous page: this is page 1") }
    q.page -= 1
    try GridPages.show(q, art: art, in: session)
  }
}
