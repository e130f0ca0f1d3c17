/// Drawing of one heatmap and of the key that explains it.
enum HeatmapPicture {
  /// Weak, medium and strong glyphs for signed ASCII maps.
  static let positiveGlyphs: [Character] = [".", "+", "#"]
  static let negativeGlyphs: [Character] = ["-", "=", "%"]

  /// The map's lines, each exactly as wide as the picture. `scale` is the
  /// value drawn at full strength.
  static func lines(_ map: HeatmapGrid, scale: Double, signed: Bool, wide: Bool, style: ArtStyle)
    -> [String]
  {
    let norm = { (value: Double) -> Double in
      scale > 0 && scale.isFinite ? max(-1, min(1, value / scale)) : 0
    }
    let color = { (t: Double) -> Int in signed ? Palette.diverging(t) : Palette.grey(t) }
    var lines: [String] = []
    if wide {
      for y in 0..<map.height {
        var line = StyledLine(color: style.color)
        for x in 0..<map.width {
          let t = norm(map[x, y])
          if style.color {
            line.append("  ", Ink(background: color(t)))
          } else {
            line.append(
              String(repeating: glyph(t, signed: signed, unicode: style.unicode), count: 2))
          }
        }
        lines.append(line.finished)
      }
      return lines
    }
    var y = 0
    while y < map.height {
      var line = StyledLine(color: style.color)
      for x in 0..<map.width {
        let top = norm(map[x, y])
        let bottom = y + 1 < map.height ? norm(map[x, y + 1]) : nil
        if style.usesHalfBlocks {
          let lower = bottom.map(color) ?? 16
          if color(top) == lower {
            line.append(" ", Ink(background: lower))
          } else {
            line.append("▀", Ink(foreground: color(top), background: lower))
          }
        } else {
          let mean = bottom.map { (top + $0) / 2 } ?? top
          if style.color {
            line.append(" ", Ink(background: color(mean)))
          } else {
            line.append(glyph(mean, signed: signed, unicode: style.unicode))
          }
        }
      }
      lines.append(line.finished)
      y += 2
    }
    return lines
  }

  /// The character for a normalised value (-1...1).
  static func glyph(_ t: Double, signed: Bool, unicode: Bool) -> Character {
    if !signed { return Palette.rampCharacter(t, unicode: unicode) }
    let size = abs(t)
    if size < 0.15 { return " " }
    let level = size < 0.45 ? 0 : (size < 0.75 ? 1 : 2)
    return t > 0 ? positiveGlyphs[level] : negativeGlyphs[level]
  }

  /// One or two lines saying what the glyphs or colours mean.
  static func key(signed: Bool, largest: Double, perMap: Bool, style: ArtStyle, width: Int)
    -> [String]
  {
    let amount = perMap ? "its own largest" : magnitudeText(largest)
    var line = StyledLine(color: style.color)
    line.append("Key: ")
    if style.color {
      let steps = signed ? Array(-5...5) : Array(0...5)
      if signed { line.append(perMap ? "-max " : "-" + amount + " ") } else { line.append("0 ") }
      for step in steps {
        let t = Double(step) / 5
        line.append(" ", Ink(background: signed ? Palette.diverging(t) : Palette.grey(t)))
      }
      line.append(perMap ? " +max" : " " + (signed ? "+" : "") + amount)
      var lines = [line.finished]
      if perMap { lines += wrapText("(each map scaled to its own largest |value|)", width: width) }
      return lines
    }
    var sentences: [String]
    if signed {
      sentences = [
        "%=- negative (strong to weak), blank near 0, .+# positive (weak to strong).",
        perMap
          ? "Each map is scaled to its own largest |value|."
          : "# is +\(amount) and % is -\(amount).",
      ]
    } else {
      let ramp = String(style.unicode ? Palette.shadeRamp : Palette.asciiRamp)
      sentences = ["\"\(ramp)\" from 0 to " + (perMap ? "each map's largest value." : amount + ".")]
    }
    line.append(sentences[0])
    var lines = wrapText(line.finished, width: width)
    for sentence in sentences.dropFirst() { lines += wrapText(sentence, width: width) }
    return lines
  }

  /// A magnitude with three significant digits or so: 0.523, 12.3, 1500.
  static func magnitudeText(_ value: Double) -> String {
    guard value.isFinite, value > 0 else { return "0" }
    let decimals = min(6, max(0, 2 - NumberFormat.decade(of: value)))
    return NumberFormat.fixed(value, decimals)
  }
}
