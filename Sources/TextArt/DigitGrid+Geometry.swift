/// Size of one digit in the grid, in pixels per character and in characters.
struct CellGeometry {
  let imageWidth: Int
  let imageHeight: Int
  /// Pixels averaged into one character across and into one line (half-block
  /// lines hold two blocks of `blockHeight`).
  let blockWidth: Int
  let blockHeight: Int
  /// Characters across and lines down for one digit's picture.
  let width: Int
  let lines: Int

  init(scale: Int, style: ArtStyle, imageWidth: Int, imageHeight: Int) {
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
    blockWidth = scale
    width = (imageWidth + scale - 1) / scale
    if style.usesHalfBlocks {
      blockHeight = scale
      let pixelRows = (imageHeight + scale - 1) / scale
      lines = (pixelRows + 1) / 2
    } else {
      blockHeight = min(2 * scale, 4)
      lines = (imageHeight + blockHeight - 1) / blockHeight
    }
  }
}
