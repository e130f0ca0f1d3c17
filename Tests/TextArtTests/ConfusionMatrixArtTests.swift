import TextArt
import XCTest

final class ConfusionMatrixArtTests: XCTestCase {
  let study: [[Int]] = [
    [975, 0, 1, 0, 0, 0, 2, 1, 1, 0], [0, 1130, 2, 1, 0, 0, 1, 1, 0, 0],
    [1, 0, 1025, 1, 0, 0, 0, 4, 1, 0], [0, 0, 1, 1003, 0, 3, 0, 1, 2, 0],
    [0, 0, 0, 0, 973, 0, 2, 0, 0, 7], [1, 0, 0, 5, 0, 884, 1, 0, 1, 0],
    [3, 2, 0, 0, 1, 2, 949, 0, 1, 0], [0, 2, 6, 1, 0, 0, 0, 1015, 1, 3],
    [1, 0, 2, 1, 0, 1, 0, 1, 966, 2], [0, 0, 0, 1, 5, 3, 0, 5, 2, 993],
  ]

  func testSmallMatrix() {
    let expected = """
               predicted
      actual   0    1    2
          0 [ 50]   2!   .
          1    1 [ 45]   4!
          2    .    9![ 41]

      Correct: 136 of 152 (89.47%), on the [bracketed] diagonal.
      Most frequent mistakes (marked !): 2 read as 1 (9 times), 1 read as 2 (4 times),
      0 read as 1 (2 times).
      """
    XCTAssertEqual(
      ConfusionMatrixArt.render(matrix: [[50, 2, 0], [1, 45, 4], [0, 9, 41]], style: .ascii),
      expected)
  }

  func testTenClasses() {
    let expected = """
                                     predicted
      actual    0     1     2     3     4     5     6     7     8     9
          0 [ 975]    .     1     .     .     .     2     1     1     .
          1     . [1130]    2     1     .     .     1     1     .     .
          2     1     . [1025]    1     .     .     .     4     1     .
          3     .     .     1 [1003]    .     3     .     1     2     .
          4     .     .     .     . [ 973]    .     2     .     .     7!
          5     1     .     .     5!    . [ 884]    1     .     1     .
          6     3     2     .     .     1     2 [ 949]    .     1     .
          7     .     2     6!    1     .     .     . [1015]    1     3
          8     1     .     2     1     .     1     .     1 [ 966]    2
          9     .     .     .     1     5     3     .     5     2 [ 993]

      Correct: 9,913 of 10,000 (99.13%), on the [bracketed] diagonal.
      Most frequent mistakes (marked !): 4 read as 9 (7 times), 7 read as 2 (6 times),
      5 read as 3 (5 times).
      """
    XCTAssertEqual(ConfusionMatrixArt.render(matrix: study, style: .ascii), expected)
  }

  func testCountsUpTo99999FitEightyColumns() {
    let big = study.map { row in row.map { min(99_999, $0 * 97) } }
    for style in allStyles {
      let text = ConfusionMatrixArt.render(matrix: big, style: style)
      assertFits(text, width: 80)
      XCTAssertFalse(stripANSI(text).contains("k "), "no abbreviation needed")
      XCTAssertTrue(stripANSI(text).contains("99999"))
    }
  }

  func testLargerCountsAreAbbreviatedToFit() {
    let huge = study.map { row in row.map { $0 * 1000 } }
    let text = ConfusionMatrixArt.render(matrix: huge, style: .ascii)
    assertFits(text, width: 80)
    XCTAssertTrue(text.contains("[  1M]"))
    XCTAssertTrue(text.contains("7000!"))
    let extremes = ConfusionMatrixArt.render(
      matrix: [[123_456, 999_600], [Int.max, 5]], style: .ascii, width: 30)
    XCTAssertTrue(
      extremes.hasPrefix(
        """
               predicted
        actual    0     1
            0 [123k]   1M!
            1    9E![   5]
        """))
  }

  func testNarrowWidthPrintsColumnsInBands() {
    let text = ConfusionMatrixArt.render(matrix: study, style: .ascii, width: 40)
    assertFits(text, width: 40)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines[1], "actual    0     1     2     3     4")
    XCTAssertEqual(lines[14], "actual    5     6     7     8     9")
    XCTAssertEqual(lines[19], "    4     .     2     .     .     7!")
  }

  func testRichColoursDiagonalAndMistakes() {
    let text = ConfusionMatrixArt.render(matrix: study, style: .rich)
    XCTAssertTrue(text.contains("\u{1B}[0;1;38;5;77m  975 "), "diagonal in bold green")
    XCTAssertTrue(text.contains("\u{1B}[0;1;38;5;203m    7"), "worst mistake in bold red")
    XCTAssertFalse(stripANSI(text).contains("["))
    assertColourClosed(text)
  }

  func testOddInputs() {
    XCTAssertEqual(ConfusionMatrixArt.render(matrix: [], style: .ascii), "(empty confusion matrix)")
    XCTAssertEqual(
      ConfusionMatrixArt.render(matrix: [[]], style: .ascii), "(empty confusion matrix)")
    let ragged = ConfusionMatrixArt.render(matrix: [[3], [1, 2, 5]], style: .ascii)
    XCTAssertTrue(ragged.contains("    0 [  3]   .    ."))
    XCTAssertTrue(ragged.contains("Correct: 5 of 11"))
    let perfect = ConfusionMatrixArt.render(matrix: [[5, 0], [0, 5]], style: .ascii)
    XCTAssertTrue(perfect.hasSuffix("No mistakes."))
    assertFits(
      ConfusionMatrixArt.render(
        matrix: [[Int.max, Int.max], [Int.min, 0]], style: .rich, width: 30),
      width: 30)
  }
}
