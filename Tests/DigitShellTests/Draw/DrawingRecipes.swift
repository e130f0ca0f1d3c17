import DigitKit
import DigitShell
import Foundation

/// One mouse stroke: a polyline in canvas cells, replayed as press, drags and release, so
/// the editor draws it exactly as a learner's hand would (the editor fills between points).
struct Stroke {
  var points: [CanvasPoint]

  static func + (a: Stroke, b: Stroke) -> Stroke { Stroke(points: a.points + b.points) }

  /// Straight segments through the points.
  static func line(_ points: (Int, Int)...) -> Stroke {
    Stroke(points: points.map { CanvasPoint($0.0, $0.1) })
  }

  /// Part of an ellipse around (cx, cy) with radii (rx, ry), from angle `from` to `to` in
  /// degrees: 0 is right, 90 down (screen rows grow downwards), so growing angles go clockwise.
  static func arc(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, from: Double, to: Double)
    -> Stroke
  {
    let steps = max(2, Int(abs(to - from) / 12))
    return Stroke(
      points: (0...steps).map { i in
        let a = (from + (to - from) * Double(i) / Double(steps)) * Double.pi / 180
        return CanvasPoint(Int((cx + rx * cos(a)).rounded()), Int((cy + ry * sin(a)).rounded()))
      })
  }
}

/// A drawing of `Data/drawings`, as the strokes that make it.
struct Recipe {
  var name: String
  var strokes: [Stroke]
  var brush: DrawEditor.Brush = .soft

  /// The drawing the editor makes from these strokes.
  var drawing: Drawing {
    var editor = DrawEditor()
    if brush == .hard { _ = editor.handle(.toggleBrush) }
    for stroke in strokes {
      guard let first = stroke.points.first, let last = stroke.points.last else { continue }
      _ = editor.handle(.mouse(MouseEvent(.press, x: first.x, y: first.y)))
      for p in stroke.points.dropFirst() {
        _ = editor.handle(.mouse(MouseEvent(.drag, x: p.x, y: p.y)))
      }
      _ = editor.handle(.mouse(MouseEvent(.release, x: last.x, y: last.y)))
    }
    return editor.drawing
  }
}

/// The drawings in `Data/drawings`: ordinary digits and the look-alikes the study met
/// (a 9 read as 7, a 3 read as 2) plus 4 vs 9 and 1 vs 7. Names are `LABEL-description`.
enum DrawingRecipes {
  static let all: [Recipe] = [
    Recipe(name: "0-plain", strokes: [.arc(14, 14, 6, 9, from: -90, to: 275)]),
    Recipe(name: "0-narrow", strokes: [.arc(14, 14, 3.5, 10, from: -80, to: 285)]),
    Recipe(name: "1-plain", strokes: [.line((15, 4), (13, 24))]),
    Recipe(
      name: "1-serif", strokes: [.line((11, 8), (15, 4), (15, 24)), .line((11, 24), (19, 24))]),
    Recipe(name: "1-vs-7-flag", strokes: [.line((9, 9), (16, 4), (15, 24))]),
    Recipe(
      name: "2-plain", strokes: [.arc(14, 9, 6, 5, from: 190, to: 400) + .line((8, 24), (21, 24))]),
    Recipe(name: "2-sharp-corner", strokes: [.line((8, 7), (13, 4), (19, 6), (8, 24), (21, 24))]),
    Recipe(
      name: "3-plain",
      strokes: [.arc(13, 9, 6, 5, from: 200, to: 450) + .arc(13, 19, 7, 5, from: 270, to: 500)]),
    Recipe(
      name: "3-looks-like-2",
      strokes: [
        .arc(14, 9, 6, 5, from: 190, to: 400) + .line((12, 15), (18, 17), (8, 24), (20, 24))
      ]),
    Recipe(
      name: "3-flat-top",
      strokes: [.line((8, 5), (20, 5), (13, 12)) + .arc(13, 18, 7, 6, from: 270, to: 500)]),
    Recipe(
      name: "4-plain", strokes: [.line((15, 4), (7, 17), (22, 17)), .line((18, 9), (18, 25))]),
    Recipe(
      name: "4-open-vs-9", strokes: [.line((12, 4), (9, 13), (19, 13)), .line((18, 3), (18, 25))]),
    Recipe(
      name: "4-closed-vs-9", strokes: [.line((17, 4), (9, 15), (21, 15)), .line((17, 4), (17, 25))]),
    Recipe(
      name: "5-plain",
      strokes: [.line((20, 4), (10, 4), (9, 12)) + .arc(13, 17, 7, 6, from: 220, to: 495)]),
    Recipe(
      name: "5-looks-like-6",
      strokes: [.line((19, 4), (11, 5), (8, 14)) + .arc(13, 18, 6, 6, from: 200, to: 530)]),
    Recipe(
      name: "6-plain",
      strokes: [.line((18, 4), (12, 8), (9, 14), (8, 19)) + .arc(13, 19, 5, 5, from: 180, to: 540)]),
    Recipe(
      name: "6-small-loop",
      strokes: [
        .line((19, 3), (13, 9), (10, 16), (10, 21)) + .arc(13, 21, 3.5, 3.5, from: 180, to: 520)
      ]),
    Recipe(name: "7-plain", strokes: [.line((7, 5), (21, 5), (12, 25))]),
    Recipe(
      name: "7-crossbar", strokes: [.line((7, 5), (21, 5), (12, 25)), .line((11, 15), (20, 15))]),
    Recipe(name: "7-vs-1-short-flag", strokes: [.line((12, 5), (18, 4), (14, 25))]),
    Recipe(
      name: "8-plain",
      strokes: [.arc(14, 9, 5, 5, from: 90, to: 450), .arc(14, 19, 6, 5, from: -90, to: 270)]),
    Recipe(
      name: "8-slanted",
      strokes: [.arc(16, 9, 5, 5, from: 90, to: 450), .arc(12, 19, 6, 5, from: -90, to: 270)]),
    Recipe(name: "9-plain", strokes: [.arc(13, 9, 5, 5, from: 0, to: 360) + .line((17, 25))]),
    Recipe(
      name: "9-looks-like-7", strokes: [.arc(13, 7, 6, 3, from: 160, to: 360) + .line((13, 25))]),
    Recipe(
      name: "9-straight-stem",
      strokes: [.arc(12, 9, 5, 5, from: 10, to: 370) + .line((17, 9), (17, 25))]),
    Recipe(
      name: "9-open-top-vs-4",
      strokes: [.arc(13, 10, 5, 5, from: 235, to: -5), .line((18, 3), (18, 25))]),
  ]
}
