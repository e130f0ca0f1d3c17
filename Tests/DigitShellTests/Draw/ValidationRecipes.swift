import DigitKit
import DigitShell
import Foundation

/// The drawn-digit validation set of `Data/drawings/validation`: handwriting-like digits in
/// deliberately varied styles, made by replaying pen strokes through the editor (`Recipe`),
/// never from MNIST. Each digit has a few base shapes (`ValidationStyle`: a 7 with and without
/// a crossbar, open and closed 4s, 9s with straight and curled tails …); every shape is drawn
/// in each of the `ValidationTransform`s (normal, small, small in a corner, large, slanted right
/// and left, off-centre) with one of the `ValidationPen`s (thin hard brush, soft brush, thick
/// soft strokes, bold hard strokes). On top, each drawing gets its own hand: a small random
/// rotation, width and wobble from a generator seeded by its name, so the set is the same on
/// every run and every machine. Names are `LABEL-style-transform-pen`.
enum ValidationRecipes {
  static let all: [Recipe] = {
    var recipes: [Recipe] = []
    for style in ValidationStyle.all {
      for (t, transform) in ValidationTransform.allCases.enumerated() {
        let pen = ValidationPen.forDrawing(
          style: style.index, transform: t, small: transform.isSmall)
        let name = "\(style.label)-\(style.name)-\(transform.rawValue)-\(pen.rawValue)"
        recipes.append(recipe(name: name, paths: style.paths, transform: transform, pen: pen))
      }
    }
    return recipes
  }()

  /// Draws `paths` (strokes in a nominal 28×28 frame) transformed and placed, with the pen.
  static func recipe(
    name: String, paths: [[ValidationPoint]], transform: ValidationTransform, pen: ValidationPen
  ) -> Recipe {
    var rng = ValidationHand(name: name)
    // The hand: a slow wobble along the stroke, a slight turn and a width of its own.
    let amp = rng.uniform(0.3, 0.65)
    let fx = rng.uniform(0.25, 0.5)
    let fy = rng.uniform(0.25, 0.5)
    let px = rng.uniform(0, 2 * .pi)
    let py = rng.uniform(0, 2 * .pi)
    let turn = rng.uniform(-4, 4) * .pi / 180
    let aspect = rng.uniform(0.9, 1.1)
    let shear: Double
    switch transform {
    case .slantRight: shear = rng.uniform(0.3, 0.45)
    case .slantLeft: shear = -rng.uniform(0.22, 0.32)
    default: shear = 0
    }
    var strokes: [[ValidationPoint]] = paths.map { path in
      densified(path).map { p in
        // Wobble, then width, slant (the top leans right for a positive shear) and turn.
        var x = p.x + amp * sin(fx * p.y + px)
        let y = p.y + amp * sin(fy * p.x + py)
        x = 14 + (x - 14) * aspect
        x += shear * (14 - y)
        let dx = x - 14
        let dy = y - 14
        return ValidationPoint(
          14 + dx * cos(turn) - dy * sin(turn), 14 + dx * sin(turn) + dy * cos(turn))
      }
    }
    // Size and place: scale the ink's box to the transform's height, then move it.
    let box = bounds(strokes)
    let height = transform.height(&rng)
    let margin = 1.0
    let room = Double(DrawEditor.side) - 2 - 2 * margin  // pens reach one cell right and down
    let scale = min(height / max(box.h, 1), room / max(box.w, 1), room / max(box.h, 1))
    let w = box.w * scale
    let h = box.h * scale
    let lowX = margin
    let highX = margin + room - w
    let lowY = margin
    let highY = margin + room - h
    let midX = (lowX + highX) / 2
    let midY = (lowY + highY) / 2
    var left = midX + rng.uniform(-1, 1)
    var top = midY + rng.uniform(-1, 1)
    switch transform {
    case .corner:
      let corner = rng.int(4)
      left = corner % 2 == 0 ? lowX + rng.uniform(0, 1.5) : highX - rng.uniform(0, 1.5)
      top = corner / 2 == 0 ? lowY + rng.uniform(0, 1.5) : highY - rng.uniform(0, 1.5)
    case .offCentre:
      switch rng.int(4) {
      case 0: left = lowX + rng.uniform(0, 1)
      case 1: left = highX - rng.uniform(0, 1)
      case 2: top = lowY + rng.uniform(0, 1)
      default: top = highY - rng.uniform(0, 1)
      }
    default: break
    }
    left = min(max(left, lowX), highX)
    top = min(max(top, lowY), highY)
    strokes = strokes.map {
      $0.map { ValidationPoint(left + ($0.x - box.x) * scale, top + ($0.y - box.y) * scale) }
    }
    // Cells, then the pen: one stroke per offset of the pen's nib.
    var cellStrokes: [Stroke] = []
    for offset in pen.offsets {
      for path in strokes {
        var cells: [CanvasPoint] = []
        for p in path {
          let c = CanvasPoint(Int(p.x.rounded()) + offset.0, Int(p.y.rounded()) + offset.1)
          if cells.last != c { cells.append(c) }
        }
        cellStrokes.append(Stroke(points: cells))
      }
    }
    return Recipe(name: name, strokes: cellStrokes, brush: pen.brush)
  }

  /// Points at most half a cell apart, so the wobble bends lines instead of moving corners.
  static func densified(_ path: [ValidationPoint]) -> [ValidationPoint] {
    guard var previous = path.first else { return [] }
    var out = [previous]
    for p in path.dropFirst() {
      let n = max(1, Int((hypot(p.x - previous.x, p.y - previous.y) * 2).rounded(.up)))
      for i in 1...n {
        let f = Double(i) / Double(n)
        out.append(
          ValidationPoint(previous.x + (p.x - previous.x) * f, previous.y + (p.y - previous.y) * f))
      }
      previous = p
    }
    return out
  }

  static func bounds(_ strokes: [[ValidationPoint]]) -> (x: Double, y: Double, w: Double, h: Double)
  {
    let all = strokes.flatMap { $0 }
    let minX = all.map(\.x).min() ?? 0
    let maxX = all.map(\.x).max() ?? 0
    let minY = all.map(\.y).min() ?? 0
    let maxY = all.map(\.y).max() ?? 0
    return (minX, minY, maxX - minX, maxY - minY)
  }
}

/// A point of a stroke in the nominal frame (28×28, the digit about 20 cells tall).
struct ValidationPoint {
  var x: Double
  var y: Double
  init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// Stroke pieces in the nominal frame; join them with `+` to make one stroke.
enum ValidationPath {
  static func line(_ points: (Double, Double)...) -> [ValidationPoint] {
    points.map { ValidationPoint($0.0, $0.1) }
  }

  /// Part of an ellipse, angles in degrees: 0 is right, 90 down, so growing angles go clockwise.
  static func arc(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, from: Double, to: Double)
    -> [ValidationPoint]
  {
    spiral(cx, cy, rx, ry, rx, ry, from: from, to: to)
  }

  /// An arc whose radii change from (rx0, ry0) to (rx1, ry1) on the way.
  static func spiral(
    _ cx: Double, _ cy: Double, _ rx0: Double, _ ry0: Double, _ rx1: Double, _ ry1: Double,
    from: Double, to: Double
  ) -> [ValidationPoint] {
    let steps = max(2, Int((abs(to - from) / 6).rounded(.up)))
    return (0...steps).map { i in
      let f = Double(i) / Double(steps)
      let a = (from + (to - from) * f) * Double.pi / 180
      return ValidationPoint(
        cx + (rx0 + (rx1 - rx0) * f) * cos(a), cy + (ry0 + (ry1 - ry0) * f) * sin(a))
    }
  }

  /// An 8 in one stroke: down the right of the top loop, across, round the bottom loop and
  /// back up the left of the top loop.
  static func figureEight(
    _ cx: Double, top: Double, middle: Double, bottom: Double, rxTop: Double, rxBottom: Double
  ) -> [ValidationPoint] {
    let steps = 64
    return (0...steps + 3).map { i in
      let t = 2 * Double.pi * Double(i) / Double(steps)
      let upper = cos(t) > 0
      let x = cx + (upper ? rxTop : rxBottom) * sin(2 * t)
      let y = upper ? middle - (middle - top) * cos(t) : middle - (bottom - middle) * cos(t)
      return ValidationPoint(x, y)
    }
  }
}

/// A base shape of a digit: its strokes in the nominal frame.
struct ValidationStyle {
  var label: Int
  var name: String
  var paths: [[ValidationPoint]]
  /// Position among its digit's styles, to vary which pen goes with which transform.
  var index = 0

  static let all: [ValidationStyle] = {
    let P = ValidationPath.self
    let byDigit: [[(String, [[ValidationPoint]])]] = [
      // 0
      [
        ("oval", [P.arc(14, 14, 6, 9.5, from: -90, to: 275)]),
        ("narrow", [P.arc(14, 14, 3.5, 10, from: -80, to: 285)]),
        ("round", [P.arc(14, 14, 8.5, 9.5, from: -100, to: 265)]),
        ("gap", [P.arc(14, 14, 6.5, 9.5, from: -70, to: 255)]),
        ("overlap", [P.spiral(14, 14, 7, 9.8, 5.8, 9, from: -50, to: 340)]),
      ],
      // 1
      [
        ("stick", [P.line((14, 4), (14, 24))]),
        ("lean", [P.line((16, 4), (12.5, 24))]),
        ("flag", [P.line((10, 8.5), (15, 4), (15, 24))]),
        ("flag-base", [P.line((10, 8.5), (15, 4), (15, 24)), P.line((10.5, 24), (19.5, 24))]),
        ("base", [P.line((14, 4), (14, 24)), P.line((10, 24), (18, 24))]),
        ("short-flag", [P.line((12.5, 6), (15, 4), (14.5, 24))]),
      ],
      // 2
      [
        ("curve", [P.arc(14, 9, 6, 5, from: 190, to: 400) + P.line((8, 24), (21, 24))]),
        ("sharp", [P.line((8, 7), (13, 4), (19, 6), (8, 24), (21, 24))]),
        (
          "loop",
          [
            P.arc(14, 9, 6, 5, from: 190, to: 400) + P.arc(10, 21.5, 2.2, 2, from: 135, to: 450)
              + P.line((21, 23.5))
          ]
        ),
        (
          "swan",
          [
            P.arc(14, 9, 6, 5, from: 190, to: 360) + P.arc(6, 9, 14, 15, from: 0, to: 83)
              + P.line((21, 24))
          ]
        ),
        ("round", [P.arc(14, 10, 6.5, 6, from: 180, to: 420) + P.line((8, 24), (21, 23))]),
      ],
      // 3
      [
        (
          "round",
          [P.arc(13, 9, 6, 5, from: 200, to: 450) + P.arc(13, 19, 7, 5, from: 270, to: 500)]
        ),
        ("flat-top", [P.line((8, 5), (20, 5), (13, 12)) + P.arc(13, 18, 7, 6, from: 270, to: 500)]),
        (
          "big-bottom",
          [P.arc(13, 8, 5, 4, from: 200, to: 450) + P.arc(13, 17.5, 7.5, 6.5, from: 270, to: 510)]
        ),
        (
          "pointed",
          [
            P.arc(13, 9, 6, 5, from: 200, to: 440) + P.line((11, 14))
              + P.arc(13, 19, 7, 5, from: 250, to: 500)
          ]
        ),
        (
          "two-strokes",
          [P.arc(13.5, 9, 5.5, 5, from: 190, to: 460), P.arc(13, 19, 7, 5, from: 260, to: 505)]
        ),
      ],
      // 4
      [
        ("open", [P.line((11, 4), (9, 14), (20, 14)), P.line((17, 6), (17, 25))]),
        ("closed", [P.line((17, 4), (8, 16), (21, 16)), P.line((17, 4), (17, 25))]),
        ("closed-one-stroke", [P.line((17, 25), (17, 4), (8, 16), (21, 16))]),
        ("cross", [P.line((15, 4), (7, 17), (22, 17)), P.line((18, 9), (18, 25))]),
        ("open-leaning", [P.line((10, 5), (8, 15), (21, 14)), P.line((18, 4), (16, 25))]),
      ],
      // 5
      [
        ("plain", [P.line((20, 4), (10, 4), (9, 12)) + P.arc(13.5, 17, 7, 6, from: 225, to: 495)]),
        (
          "bar-last",
          [
            P.line((10, 4), (9, 12)) + P.arc(13.5, 17, 7, 6, from: 225, to: 495),
            P.line((10, 4), (20, 3.5)),
          ]
        ),
        (
          "angular",
          [P.line((20, 4), (10, 4), (9, 12), (16, 11.5), (20, 15), (20, 20), (16, 24), (8, 23))]
        ),
        (
          "big-bowl",
          [P.line((19, 4), (11, 4), (10, 10)) + P.arc(13, 16.5, 7.5, 7, from: 230, to: 500)]
        ),
        (
          "slanted-stem",
          [P.line((21, 4), (12, 4), (8, 13)) + P.arc(13.5, 17.5, 7, 6.5, from: 215, to: 490)]
        ),
      ],
      // 6
      [
        (
          "plain",
          [P.line((18, 4), (12, 8), (9, 14), (8, 19)) + P.arc(13, 19, 5, 5, from: 180, to: 540)]
        ),
        (
          "small-loop",
          [
            P.line((19, 3), (13, 9), (10, 16), (10, 21))
              + P.arc(13, 21, 3.5, 3.5, from: 180, to: 520)
          ]
        ),
        ("straight", [P.line((17, 4)) + P.arc(13.5, 19, 5, 5, from: 170, to: 530)]),
        (
          "curved",
          [P.arc(19, 18, 11, 14, from: 245, to: 180) + P.arc(13, 19, 5, 5, from: 180, to: 530)]
        ),
        ("big-loop", [P.line((17, 4), (11, 8)) + P.arc(14, 17, 6, 6.5, from: 200, to: 555)]),
      ],
      // 7
      [
        ("plain", [P.line((7, 5), (21, 5), (12, 25))]),
        ("serif", [P.line((7, 8), (7, 5), (21, 5), (12, 25))]),
        ("curved", [P.line((7, 5), (21, 5), (17.5, 12), (15, 18), (14, 25))]),
        ("crossbar", [P.line((7, 5), (21, 5), (12, 25)), P.line((11, 15), (20, 15))]),
        (
          "serif-crossbar",
          [P.line((7, 8), (7, 5), (21, 5), (12, 25)), P.line((11.5, 14.5), (19.5, 14.5))]
        ),
        (
          "curved-crossbar",
          [P.line((7, 5), (21, 5), (17.5, 12), (15, 18), (14, 25)), P.line((12, 14), (21, 14))]
        ),
      ],
      // 8
      [
        (
          "two-loops",
          [P.arc(14, 9, 5, 5, from: 90, to: 450), P.arc(14, 19, 6, 5, from: -90, to: 270)]
        ),
        (
          "one-stroke", [P.figureEight(14, top: 4, middle: 14, bottom: 24, rxTop: 6, rxBottom: 6.5)]
        ),
        (
          "small-top",
          [P.figureEight(14, top: 4, middle: 12.5, bottom: 24, rxTop: 4.5, rxBottom: 7)]
        ),
        (
          "slanted",
          [P.arc(16, 9, 5, 5, from: 90, to: 450), P.arc(12, 19, 6, 5, from: -90, to: 270)]
        ),
        ("narrow", [P.figureEight(14, top: 4, middle: 13.5, bottom: 24, rxTop: 4.5, rxBottom: 5)]),
      ],
      // 9
      [
        ("straight", [P.arc(12, 9, 5, 5, from: 10, to: 370) + P.line((17, 25))]),
        ("lean", [P.arc(13, 9, 5, 5, from: 0, to: 360) + P.line((14, 25))]),
        (
          "curl",
          [
            P.arc(13, 9, 5, 5, from: 0, to: 360) + P.line((18, 20))
              + P.arc(14, 20, 4, 4.5, from: 0, to: 150)
          ]
        ),
        ("bent", [P.arc(13, 9, 5, 5, from: 0, to: 360) + P.arc(8, 9, 10, 16, from: 0, to: 80)]),
        ("small-loop", [P.arc(13, 7.5, 4, 3.5, from: 0, to: 360) + P.line((16, 25))]),
      ],
    ]
    return byDigit.enumerated().flatMap { label, styles in
      styles.enumerated().map { i, s in
        ValidationStyle(label: label, name: s.0, paths: s.1, index: i)
      }
    }
  }()
}

/// Where and how big the digit is drawn, and how it leans.
enum ValidationTransform: String, CaseIterable {
  case normal, small, corner, large
  case slantRight = "slant-right"
  case slantLeft = "slant-left"
  case offCentre = "off-centre"

  var isSmall: Bool { self == .small || self == .corner }

  /// The height of the ink box, in cells (a slanted digit a little less, to leave room).
  func height(_ rng: inout ValidationHand) -> Double {
    switch self {
    case .normal: return rng.uniform(18, 21)
    case .small: return rng.uniform(10, 12)
    case .corner: return rng.uniform(10, 12.5)
    case .large: return 24
    case .slantRight, .slantLeft: return rng.uniform(17, 20)
    case .offCentre: return rng.uniform(13, 15.5)
    }
  }
}

/// The brush and how many side-by-side passes make a stroke.
enum ValidationPen: String, CaseIterable {
  /// Hard brush, one pass: a line one cell wide.
  case thin
  /// Soft brush, one pass: a pen nib.
  case soft
  /// Soft brush, three passes a cell apart: a felt tip.
  case thick
  /// Hard brush, four passes: a crisp line two cells wide.
  case bold

  var brush: DrawEditor.Brush { self == .thin || self == .bold ? .hard : .soft }

  var offsets: [(Int, Int)] {
    switch self {
    case .thin, .soft: return [(0, 0)]
    case .thick: return [(0, 0), (1, 0), (0, 1)]
    case .bold: return [(0, 0), (1, 0), (0, 1), (1, 1)]
    }
  }

  /// Pens go round the transforms so each shape gets all of them; small digits, where a
  /// wide pen would fill the loops, get the thin and soft ones.
  static func forDrawing(style: Int, transform: Int, small: Bool) -> ValidationPen {
    if small { return (style + transform) % 2 == 0 ? .thin : .soft }
    return allCases[(style + transform) % allCases.count]
  }
}

/// SplitMix64, seeded by a name (FNV-1a), so every drawing has its own hand on every machine.
struct ValidationHand {
  private var state: UInt64

  init(name: String) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    state = h
  }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// Uniform in [low, high).
  mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * Double(next() >> 11) / Double(1 << 53)
  }

  /// Uniform in 0..<n.
  mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
