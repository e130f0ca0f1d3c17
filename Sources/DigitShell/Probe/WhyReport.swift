import DigitKit
import Foundation
import TextArt

/// What `why` found out, and how it reads as text: the nearest training images in the last
/// hidden layer, then the occlusion map beside the image the net sees.
struct WhyReport {
  let modelName: String
  /// Where the image comes from: "MNIST test image 6906, …" or "your drawing, made MNIST-like …".
  let source: String
  /// The 28×28 image the net sees (ink 0…1) and its class probabilities.
  let seen: [Float]
  let probabilities: [Double]
  /// "the 50 activations that feed fc2".
  let hiddenLayer: String
  let neighbours: [Neighbour]
  let neighbourImages: [[UInt8]]
  let neighbourLabels: [Int]
  let occlusion: OcclusionMap

  var predicted: Int { occlusion.target }

  func render(style: ArtStyle, width: Int) -> String {
    var lines = header(width: width)
    lines.append("")
    lines += lookAlikes(style: style, width: width)
    lines.append("")
    lines += occlusionSection(style: style, width: width)
    return lines.joined(separator: "\n")
  }

  private func header(width: Int) -> [String] {
    let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    var text =
      "Why does \(modelName) say \(predicted)? It gives \(predicted) \(percent(probabilities[predicted]))"
    if let second = ranked.dropFirst().first, probabilities[second] >= 0.01 {
      text += ", then \(second) \(percent(probabilities[second]))"
    }
    return wrapText(text + ". It sees \(source).", width: width)
  }

  // MARK: (a) nearest training images

  private func lookAlikes(style: ArtStyle, width: Int) -> [String] {
    var lines = wrapText(
      "1. Look-alikes: the \(neighbours.count) training images nearest to your drawing inside \(modelName), "
        + "in its last hidden layer (\(hiddenLayer)), by cosine similarity (1 = the same pattern):",
      width: width)
    guard !neighbours.isEmpty else {
      return lines + ["   (that layer is all zeros for this drawing, so nothing is near it)"]
    }
    let captions = zip(neighbourLabels, neighbours).map {
      "\($0)  cos \(String(format: "%.2f", $1.similarity))"
    }
    let others = neighbourLabels.map { $0 != predicted }
    let options = DigitGridOptions(
      style: style, width: width, columns: neighbours.count,
      highlight: others)
    lines += TextColumns.lines(
      DigitGrid.render(images: neighbourImages, captions: captions, options: options))
    return lines
      + wrapText(agreement(marked: style.color ? "in red" : "marked with !"), width: width)
  }

  /// "All 5 are 7s: …", "3 of 5 are 7s; the others (…) are 9s and 4s: …", "None of the 5 is a 7: …".
  private func agreement(marked: String) -> String {
    let n = neighbours.count
    let others = neighbourLabels.filter { $0 != predicted }
    if others.isEmpty {
      return "All \(n) are \(predicted)s: to \(modelName) your drawing looks like these."
    }
    var counts = [Int: Int]()
    for label in others { counts[label, default: 0] += 1 }
    let digits = counts.keys.sorted {
      counts[$0, default: 0] > counts[$1, default: 0]
        || (counts[$0, default: 0] == counts[$1, default: 0] && $0 < $1)
    }
    let names = digits.map { "\($0)s" }.joined(separator: " and ")
    if others.count == n {
      return
        "None of the \(n) is a \(predicted); they are \(names) (\(marked)): inside \(modelName) your "
        + "drawing sits among other digits, though it answers \(predicted)."
    }
    return "\(n - others.count) of \(n) are \(predicted)s; the others (\(marked)) are \(names): "
      + "look-alikes from another digit."
  }

  // MARK: (b) occlusion map

  private func occlusionSection(style: ArtStyle, width: Int) -> [String] {
    let o = occlusion
    var lines = wrapText(
      "2. What it looks at: a \(o.patch)×\(o.patch) patch blanked at a time, every \(o.stride) pixels; "
        + "the map shows how far P(\(predicted)) drops without each part.", width: width)
    // The picture fits 30 columns: full size in half blocks, half size (framed) in ASCII,
    // so each line holds the same rows as a line of the map (one cell per 2×2 block).
    let picture = TextColumns.lines(
      DigitArt.render(
        pixels: Preprocess.bytes(seen), width: o.side, height: o.side,
        style: style, maxWidth: 30))
    let heat = TextColumns.lines(
      Heatmap.render(
        values: o.drops.map(Float.init), width: o.cells, height: o.cells,
        style: style, maxWidth: width))
    let mapLines = Array(heat.prefix(o.cells))
    let key = Array(heat.dropFirst(o.cells))
    let pictureWidth = picture.map { visibleWidth($0) }.max() ?? 0
    let gap = 4
    if pictureWidth + gap + 2 * o.cells > width {
      // Too narrow for side by side: the map goes below the picture.
      lines +=
        ["\(modelName) sees:"] + picture + ["Drop in P(\(predicted)) without each part:"] + mapLines
        + key
      return lines
        + wrapText(explanation(signed: o.drops.contains { $0 < 0 }, style: style), width: width)
    }
    let titles =
      TextColumns.padded(
        TextColumns.centred("\(modelName) sees", in: pictureWidth), to: pictureWidth + gap)
      + TextColumns.centred("drop in P(\(predicted))", in: o.cells * 2)
    lines.append(TextColumns.trimmed(titles))
    lines += TextColumns.beside(
      picture, mapLines, gap: gap, offset: max(0, (picture.count - mapLines.count) / 2))
    lines += key
    lines += wrapText(explanation(signed: o.drops.contains { $0 < 0 }, style: style), width: width)
    return lines
  }

  private func explanation(signed: Bool, style: ArtStyle) -> String {
    let o = occlusion
    guard let strongest = o.strongest, strongest.drop > 0.0005 else {
      return
        "No part matters on its own: blanking any one patch moves P(\(predicted)) by less than 0.1 points."
    }
    var text = "\(style.color ? "Red" : "#") marks ink that speaks for \(predicted)"
    text += signed ? ", \(style.color ? "blue" : "%") ink that speaks against it. " : ". "
    let r = strongest.rows
    let c = strongest.columns
    text +=
      "Blanking rows \(r.lowerBound + 1)-\(r.upperBound + 1), columns \(c.lowerBound + 1)-\(c.upperBound + 1) "
    text +=
      "takes P(\(predicted)) from \(percent(o.baseline)) to \(percent(o.baseline - strongest.drop))"
    if strongest.answer != predicted {
      return text + ", and then \(modelName) says \(strongest.answer)."
    }
    return text + (strongest.drop < 0.5 ? "; no single patch changes its answer." : ".")
  }

  private func percent(_ p: Double) -> String { String(format: "%.1f%%", 100 * p) }
}
