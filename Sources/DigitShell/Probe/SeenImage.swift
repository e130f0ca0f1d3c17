import DigitKit

/// The 28×28 image a net sees for the current drawing.
///
/// `random` leaves an MNIST test image as the current drawing and reads it as it is (it is
/// MNIST-shaped already); a drawing of one's own is made MNIST-like first (crop, scale to
/// 20 pixels, centre by mass). `why` must explain the answer the learner saw, so it tells
/// the two apart exactly: an MNIST image is recognised by its bytes.
public enum SeenImage {
  /// The index of the image of `set` that `drawing` is, byte for byte (ink v ↦ round(255·v)), or nil.
  public static func mnistIndex(of drawing: Drawing, in set: MNISTSet) -> Int? {
    guard drawing.width == set.columns, drawing.height == set.rows, set.count > 0 else {
      return nil
    }
    let bytes = Preprocess.bytes(drawing.ink)
    let n = set.pixelsPerImage
    return set.images.withUnsafeBufferPointer { all -> Int? in
      bytes.withUnsafeBufferPointer { wanted -> Int? in
        for index in 0..<set.count {
          var same = true
          for i in 0..<n where all[index * n + i] != wanted[i] {
            same = false
            break
          }
          if same { return index }
        }
        return nil
      }
    }
  }

  /// The image the net sees and a few words on where it came from; nil for a blank drawing.
  static func of(_ drawing: Drawing, test: MNISTSet?) -> (image: [Float], source: String)? {
    if let test, let index = mnistIndex(of: drawing, in: test) {
      return (
        drawing.ink,
        "MNIST test image \(index), labelled \(test.labels[index]), read as it is (as random does)"
      )
    }
    guard let image = try? Preprocess.mnistImage(drawing) else { return nil }
    return (image, "your drawing, made MNIST-like (cropped, scaled to 20 pixels, centred by mass)")
  }
}
