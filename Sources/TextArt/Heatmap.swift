/// Grids of numbers as pictures: convolution filters, feature maps,
/// weights. Values may be signed.
public enum Heatmap {
  /// One map of `width`×`height` values (row by row) as a picture, with a
  /// key underneath.
  ///
  /// Values are divided by the largest |value|, so the strongest value is
  /// full strength whatever the units (NaN counts as 0).
  ///
  /// - If every value is ≥ 0 (say, after ReLU) the ASCII ramp is
  ///   ` .:-=+*#%@` from 0 to the largest value; in colour, greys.
  /// - If any value is negative, ASCII shows the sign by shape and the
  ///   size by weight: `.` `+` `#` for weak to strong positive, `-` `=` `%`
  ///   for weak to strong negative, blank for |v| below 15% of the largest;
  ///   in colour, blue for negative, black for 0, red for positive.
  ///
  /// Each value is two characters wide (square-looking) when that fits in
  /// `maxWidth`; otherwise one character, with pairs of rows averaged in
  /// ASCII or drawn as half blocks in colour.
  public static func render(
    values: [Float], width: Int, height: Int, style: ArtStyle, maxWidth: Int = 80
  ) -> String {
    let limit = TextLayout.columns(maxWidth)
    let map = HeatmapGrid(values: values, width: width, height: height)
    if map.isEmpty { return TextLayout.finish(["(empty map)"], width: limit) }
    let signed = map.hasNegative
    let wide = map.width * 2 <= limit
    var lines = HeatmapPicture.lines(
      map, scale: map.largestMagnitude, signed: signed, wide: wide, style: style)
    lines += HeatmapPicture.key(
      signed: signed, largest: map.largestMagnitude, perMap: false, style: style, width: limit)
    return TextLayout.finish(lines, width: limit)
  }

  /// Many maps of the same size side by side in rows that fit `width`, each
  /// with its caption (for example `"filter 3"`) centred underneath, and one
  /// key at the end.
  ///
  /// Maps of at most 12 columns (filters) are drawn two characters per
  /// value, larger ones (feature maps) one character per value, as in
  /// `render`. All maps use the signed picture if any value is negative.
  /// `scaleEach` divides each map by its own largest |value| (default, so
  /// every pattern is visible); otherwise all share the largest overall,
  /// so strengths can be compared.
  public static func tile(
    maps: [[Float]], mapWidth: Int, mapHeight: Int, captions: [String], width: Int = 80,
    style: ArtStyle, scaleEach: Bool = true
  ) -> String {
    let limit = TextLayout.columns(width)
    let grids = maps.map { HeatmapGrid(values: $0, width: mapWidth, height: mapHeight) }
    guard let first = grids.first, !first.isEmpty else {
      return TextLayout.finish(["(no maps)"], width: limit)
    }
    let signed = grids.contains { $0.hasNegative }
    let overall = grids.map { $0.largestMagnitude }.max() ?? 0
    let wide = first.width <= 12 && first.width * 2 <= limit
    let cellWidth = wide ? first.width * 2 : first.width
    let gap = 2
    let perRow = max(1, (limit + gap) / (cellWidth + gap))

    var lines: [String] = []
    var start = 0
    while start < grids.count {
      let indexes = Array(start..<min(grids.count, start + perRow))
      let pictures = indexes.map { index in
        HeatmapPicture.lines(
          grids[index], scale: scaleEach ? grids[index].largestMagnitude : overall,
          signed: signed, wide: wide, style: style)
      }
      let height = pictures.map { $0.count }.max() ?? 0
      for row in 0..<height {
        lines.append(
          pictures.map { row < $0.count ? $0[row] : String(repeating: " ", count: cellWidth) }
            .joined(separator: String(repeating: " ", count: gap)))
      }
      lines.append(
        indexes.map { index in
          let caption =
            index < captions.count
            ? TextLayout.sanitize(captions[index], unicode: style.unicode) : ""
          return TextLayout.center(TextLayout.clip(caption, to: cellWidth), in: cellWidth)
        }.joined(separator: String(repeating: " ", count: gap)))
      start += perRow
    }
    lines += HeatmapPicture.key(
      signed: signed, largest: overall, perMap: scaleEach && grids.count > 1, style: style,
      width: limit)
    return TextLayout.finish(lines, width: limit)
  }
}
