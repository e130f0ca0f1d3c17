import TextArt
import XCTest

final class HeatmapTests: XCTestCase {
  func testSignedValuesShowSignByShape() {
    let expected = """
      %%==--
          ..
      ++####
      Key: %=- negative (strong to weak), blank near 0, .+# positive (weak to strong).
      # is +1.00 and % is -1.00.
      """
    XCTAssertEqual(
      Heatmap.render(
        values: [-1, -0.5, -0.2, 0, 0.1, 0.2, 0.5, 0.8, 1], width: 3, height: 3, style: .ascii),
      expected)
  }

  func testNonNegativeValuesUseTheInkRamp() {
    let expected = """
          ..
      ::++@@
      Key: " .:-=+*#%@" from 0 to 4.00.
      """
    XCTAssertEqual(
      Heatmap.render(values: [0, 0.25, 0.5, 1, 2, 4], width: 3, height: 2, style: .ascii), expected)
  }

  func testWideMapsGoCompact() {
    let values = (0..<50).map { Float($0 % 10) - 4.5 }
    let text = Heatmap.render(values: values, width: 10, height: 5, style: .ascii, maxWidth: 15)
    XCTAssertTrue(text.hasPrefix("%%=-  .+##\n%%=-  .+##\n%%=-  .+##\nKey:"))
    assertFits(text, width: 15)
  }

  func testTileScalesEachMap() {
    let expected = """
      ##      ##  ####
      %%      %%  ##%%
       a     b     c
      Key: %=- negative (strong to weak),
      blank near 0, .+# positive (weak to
      strong).
      Each map is scaled to its own largest
      |value|.
      """
    let maps: [[Float]] = [[1, 0, -1, 0], [0, 2, 0, -2], [0.5, 0.5, 0.5, -0.5]]
    XCTAssertEqual(
      Heatmap.tile(
        maps: maps, mapWidth: 2, mapHeight: 2, captions: ["a", "b", "c"], width: 40, style: .ascii),
      expected)
  }

  func testTileCanShareOneScale() {
    let expected = """
      ::      ++
              @@
      weak  stro
      Key: " .:-=+*#%@" from 0 to 4.00.
      """
    let text = Heatmap.tile(
      maps: [[1, 0, 0, 0], [0, 2, 0, 4]], mapWidth: 2, mapHeight: 2, captions: ["weak", "strong"],
      width: 40,
      style: .ascii, scaleEach: false)
    XCTAssertEqual(text, expected)
  }

  func testThirtyTwoFiltersAndFeatureMapsFit() {
    let filters = (0..<32).map { k in (0..<25).map { Float(($0 * 7 + k) % 11) - 5 } }
    let features = (0..<32).map { k in (0..<576).map { Float(($0 + k) % 13) } }
    for style in allStyles {
      for width in [80, 40] {
        let a = Heatmap.tile(
          maps: filters, mapWidth: 5, mapHeight: 5, captions: (0..<32).map { "f\($0)" },
          width: width,
          style: style)
        let b = Heatmap.tile(
          maps: features, mapWidth: 24, mapHeight: 24, captions: (0..<32).map { "map \($0)" },
          width: width,
          style: style)
        assertFits(a, width: width)
        assertFits(b, width: width)
        assertColourClosed(a)
        assertColourClosed(b)
      }
    }
    let rich = Heatmap.tile(
      maps: features, mapWidth: 24, mapHeight: 24, captions: [], width: 80, style: .rich)
    XCTAssertTrue(rich.contains("▀"), "large maps use half blocks")
    XCTAssertEqual(
      rich.split(separator: "\n", omittingEmptySubsequences: false).count, 11 * 13 + 2,
      "11 rows of 3 maps, each 12 lines and a caption line; then the key")
  }

  func testRichSignedUsesBlueAndRed() {
    let text = Heatmap.render(values: [-1, 0, 1], width: 3, height: 1, style: .rich)
    XCTAssertTrue(text.contains("48;5;21m"), "strong negative is blue")
    XCTAssertTrue(text.contains("48;5;196m"), "strong positive is red")
    XCTAssertTrue(text.contains("48;5;16m"), "zero is black")
  }

  func testOddInputs() {
    XCTAssertEqual(Heatmap.render(values: [], width: 0, height: 3, style: .ascii), "(empty map)")
    XCTAssertEqual(
      Heatmap.tile(maps: [], mapWidth: 5, mapHeight: 5, captions: [], style: .ascii), "(no maps)")
    let nan = Heatmap.render(values: [.nan, .infinity, 0], width: 3, height: 1, style: .ascii)
    XCTAssertTrue(nan.hasPrefix("\nKey:"), "one blank row of picture, then the key")
    for style in allStyles {
      assertFits(
        Heatmap.render(values: [1, -1], width: 2, height: 9, style: style, maxWidth: 1), width: 1)
      assertFits(
        Heatmap.tile(
          maps: [[1], [], [2, 3, 4, 5, 6]], mapWidth: 2, mapHeight: 2, captions: ["x"], width: 3,
          style: style
        ), width: 3)
    }
  }
}
