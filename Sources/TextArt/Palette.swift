/// The colours and character ramps the renderers share, in one place so the
/// pictures agree with each other.
enum Palette {
  /// Ten ASCII characters from blank paper to full ink.
  static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
  /// Five Unicode shades from blank to full ink.
  static let shadeRamp: [Character] = [" ", "░", "▒", "▓", "█"]

  /// The ramp character for an intensity in 0...1.
  static func rampCharacter(_ intensity: Double, unicode: Bool) -> Character {
    let ramp = unicode ? shadeRamp : asciiRamp
    let clamped = intensity.isFinite ? min(1, max(0, intensity)) : 0
    let index = min(ramp.count - 1, Int(clamped * Double(ramp.count)))
    return ramp[index]
  }

  /// xterm grey (232 nearly black … 255 nearly white) for an intensity in 0...1.
  static func grey(_ intensity: Double) -> Int {
    let clamped = intensity.isFinite ? min(1, max(0, intensity)) : 0
    return 232 + Int((clamped * 23).rounded())
  }

  /// Distinct hues for chart series, readable on dark and light backgrounds.
  static let seriesColors = [39, 208, 76, 170, 220, 203, 45, 141]
  /// Distinct ASCII markers for chart series (not `+`, which marks the axis ticks).
  static let seriesMarkers: [Character] = ["*", "o", "x", "=", "#", "@", "%", "&"]

  static func seriesColor(_ index: Int) -> Int {
    seriesColors[abs(index) % seriesColors.count]
  }

  static func seriesMarker(_ index: Int) -> Character {
    seriesMarkers[abs(index) % seriesMarkers.count]
  }

  // Highlights.
  static let good = 77  // green: correct, most likely
  static let bad = 203  // red: mistakes
  static let dim = 244  // grey: axes, zeros, secondary text
  static let accent = 39  // blue: ordinary bars
  static let warm = 214  // orange: runners-up

  /// Reds of the 6×6×6 colour cube, dark to bright, for marked digits.
  static let reds = [16, 52, 88, 124, 160, 196, 203, 210, 217, 224]

  /// Diverging colour for a signed intensity in -1...1: blue for negative,
  /// black for zero, red for positive.
  static func diverging(_ signed: Double) -> Int {
    let clamped = signed.isFinite ? min(1, max(-1, signed)) : 0
    let level = Int((abs(clamped) * 5).rounded())
    if level == 0 { return 16 }
    return clamped < 0 ? 16 + level : 16 + 36 * level
  }
}
