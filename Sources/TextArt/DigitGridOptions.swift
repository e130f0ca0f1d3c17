/// Settings for `DigitGrid.render`.
public struct DigitGridOptions: Sendable, Equatable {
  /// Characters and colours to use.
  public var style: ArtStyle
  /// Terminal columns available; no line is wider.
  public var width: Int
  /// Digits per row; `nil` fits as many as `width` allows.
  public var columns: Int?
  /// Pixels per character column (1 = full size, 2 = half, 4 = quarter);
  /// `nil` picks the largest digits that still fit ten to a row (a page of
  /// 100 as 10×10), or the row of `columns` if given.
  public var scale: Int?
  /// Digits to mark, for example wrong predictions; indexes match `images`.
  public var highlight: [Bool]?
  /// Width of every image in pixels.
  public var imageWidth: Int
  /// Height of every image in pixels.
  public var imageHeight: Int

  /// Creates options; every argument has a sensible default.
  public init(
    style: ArtStyle = .ascii, width: Int = 80, columns: Int? = nil, scale: Int? = nil,
    highlight: [Bool]? = nil, imageWidth: Int = 28, imageHeight: Int = 28
  ) {
    self.style = style
    self.width = width
    self.columns = columns
    self.scale = scale
    self.highlight = highlight
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
  }
}
