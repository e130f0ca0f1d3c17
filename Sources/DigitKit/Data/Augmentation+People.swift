#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// The ways people's digits differ from MNIST's, as random changes to a training digit
/// (`train --augment-people`). Designed from how people write and draw, listed in issue 21
/// and `Data/drawings/handwriting/README.md`, never from that set's individual drawings:
///
/// - **a writer's hand:** slant (shear), width against height, rotation;
/// - **the pen:** a thick marker (3×3 dilation, once or twice) or a thin one;
/// - **small grids:** the digit resampled to 8–16 cells on its longer side, as a learner
///   draws in a small terminal, often with every cell fully inked (blocky);
/// - **ink:** faint pencil (all ink × 0.35…0.85);
/// - **defects:** broken strokes (small gaps erased on the stroke), a digit cut off where
///   it touched the frame.
///
/// The result goes through `Preprocess.mnistImage`, the same crop, scale-to-20-pixels and
/// centring that every drawing gets, with ink in tenths as drawing files store it. So the
/// net trains on what it will be shown, not on MNIST's own framing.
public struct PeopleStyles: Codable, Equatable, Sendable {
  /// Share of the training images written this way; the rest get MNIST-like distortions.
  public var chance: Float = 0.5
  /// Largest slant, as a shear (x += slant · y), either way.
  public var slant: Float = 0.4
  /// Width against height: the digit's x is scaled by a factor in 1 ± `width`.
  public var width: Float = 0.3
  /// Largest rotation, in degrees either way.
  public var rotation: Float = 15
  /// Probabilities of a thick marker, and of a thin pen.
  public var markerChance: Float = 0.3
  public var thinChance: Float = 0.15
  /// Probability of a small grid, and of its cells being fully inked (blocky) when it is one.
  public var smallGridChance: Float = 0.35
  public var blockyChance: Float = 0.6
  /// Probability of faint pencil.
  public var pencilChance: Float = 0.25
  /// Probabilities of broken strokes, and of a digit cut off at the frame.
  public var breakChance: Float = 0.2
  public var cutChance: Float = 0.1

  public init() {}

  /// The 28×28 image (ink 0…1) of `ink` (n×n, 0…1) written in a random person's style, or
  /// nil when the changes left no ink (the caller then distorts it the MNIST way).
  func apply(
    _ ink: [Float], n: Int, distortions: Augmentation, random: inout SeededGenerator
  ) -> [Float]? {
    var image = ink
    let pen = random.nextUnitFloat()
    if pen < markerChance {
      image = dilate(image, n: n)
      if random.nextUnitFloat() < 0.4 { image = dilate(image, n: n) }
    } else if pen < markerChance + thinChance {
      image = distortions.morph(image, n: n, dilate: false)
    }
    let side = 40  // room for a wide, slanted digit; cropping to the ink comes later
    image = writersHand(image, n: n, side: side, distortions: distortions, random: &random)
    if random.nextUnitFloat() < breakChance { breakStrokes(&image, side: side, random: &random) }
    if random.nextUnitFloat() < cutChance { cutAtFrame(&image, side: side, random: &random) }
    var drawing = Drawing(width: side, height: side, ink: image)
    if random.nextUnitFloat() < smallGridChance, let small = smallGrid(drawing, random: &random) {
      drawing = small
    }
    let pencil = random.nextUnitFloat() < pencilChance ? random.nextFloat(in: 0.35, 0.85) : 1
    // Ink in tenths, as a drawing file holds it; a trace below a tenth is no ink.
    drawing.ink = drawing.ink.map { (min(1, $0) * pencil * 9).rounded() / 9 }
    return try? Preprocess.mnistImage(drawing)
  }

  /// Slant, width, rotation and (sometimes) an elastic wobble, sampled bilinearly into a
  /// side×side canvas centred on the digit.
  private func writersHand(
    _ ink: [Float], n: Int, side: Int, distortions: Augmentation, random: inout SeededGenerator
  ) -> [Float] {
    let angle = random.nextFloat(in: -rotation, rotation) * .pi / 180
    let shear = random.nextFloat(in: -slant, slant)
    let stretch = 1 + random.nextFloat(in: -width, width)
    var fieldX: [Float] = []
    var fieldY: [Float] = []
    if random.nextUnitFloat() < distortions.elasticChance {
      fieldX = distortions.smoothField(n: side, random: &random)
      fieldY = distortions.smoothField(n: side, random: &random)
    }
    let c = cosf(angle)
    let s = sinf(angle)
    let inCentre = Float(n - 1) / 2
    let outCentre = Float(side - 1) / 2
    var out = [Float](repeating: 0, count: side * side)
    for y in 0..<side {
      for x in 0..<side {
        let px = Float(x) - outCentre
        let py = Float(y) - outCentre
        // Undo, in reverse order: rotation, then the width, then the slant (x += shear · y).
        var qx = (c * px + s * py) / stretch
        let qy = -s * px + c * py
        qx -= shear * qy
        var sx = qx + inCentre
        var sy = qy + inCentre
        if !fieldX.isEmpty {
          sx += fieldX[y * side + x]
          sy += fieldY[y * side + x]
        }
        out[y * side + x] = distortions.bilinear(ink, n: n, x: sx, y: sy)
      }
    }
    return out
  }

  /// Full 3×3 grey dilation (max): strokes about one pixel thicker each side.
  private func dilate(_ img: [Float], n: Int) -> [Float] {
    var out = img
    for y in 0..<n {
      for x in 0..<n {
        var v: Float = 0
        for yy in max(0, y - 1)...min(n - 1, y + 1) {
          for xx in max(0, x - 1)...min(n - 1, x + 1) { v = max(v, img[yy * n + xx]) }
        }
        out[y * n + x] = v
      }
    }
    return out
  }

  /// One or two gaps in the stroke: a 2–3 pixel square erased around an inked pixel.
  private func breakStrokes(_ img: inout [Float], side: Int, random: inout SeededGenerator) {
    let inked = img.indices.filter { img[$0] > 0.5 }
    guard !inked.isEmpty else { return }
    for _ in 0..<(random.nextUnitFloat() < 0.5 ? 1 : 2) {
      let at = inked[min(inked.count - 1, Int(random.nextUnitFloat() * Float(inked.count)))]
      let gap = random.nextUnitFloat() < 0.5 ? 2 : 3
      let x0 = at % side - gap / 2
      let y0 = at / side - gap / 2
      for y in max(0, y0)..<min(side, y0 + gap) {
        for x in max(0, x0)..<min(side, x0 + gap) { img[y * side + x] = 0 }
      }
    }
  }

  /// A digit that ran into the frame: 1–2 pixels of its ink cut off on one side.
  private func cutAtFrame(_ img: inout [Float], side: Int, random: inout SeededGenerator) {
    guard let b = Preprocess.inkBounds(Drawing(width: side, height: side, ink: img)) else {
      return
    }
    let cut = 1 + Int(random.nextUnitFloat() * 2)
    let edge = Int(random.nextUnitFloat() * 4)
    for y in 0..<side {
      for x in 0..<side {
        let gone =
          switch edge {
          case 0: x < b.minX + cut
          case 1: x > b.maxX - cut
          case 2: y < b.minY + cut
          default: y > b.maxY - cut
          }
        if gone { img[y * side + x] = 0 }
      }
    }
  }

  /// The digit redrawn on a small grid, 8–16 cells on its longer side (area-averaged), its
  /// cells often fully inked or left blank the way the editor draws; nil if nothing is left.
  private func smallGrid(_ d: Drawing, random: inout SeededGenerator) -> Drawing? {
    guard let b = Preprocess.inkBounds(d) else { return nil }
    let w = b.maxX - b.minX + 1
    let h = b.maxY - b.minY + 1
    let cells = 8 + Int(random.nextUnitFloat() * 9)
    let scale = Float(cells) / Float(max(w, h))
    let newW = max(1, Int((Float(w) * scale).rounded()))
    let newH = max(1, Int((Float(h) * scale).rounded()))
    var small = Drawing(
      width: newW, height: newH, ink: Preprocess.resample(d, bounds: b, toWidth: newW, height: newH)
    )
    if random.nextUnitFloat() < blockyChance {
      let threshold = random.nextFloat(in: 0.15, 0.3)  // a cell the stroke crosses is inked
      small.ink = small.ink.map { $0 >= threshold ? 1 : 0 }
    }
    return small.isBlank ? nil : small
  }
}
