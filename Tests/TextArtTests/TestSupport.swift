import Foundation
import TextArt
import XCTest

/// Pixels from a drawing in DigitLab's drawing format: `.` blank, `#` full
/// ink, `1`–`9` grey n/9.
func pixels(_ rows: [String]) -> [UInt8] {
  rows.flatMap { row in
    row.map { character -> UInt8 in
      switch character {
      case "#", "@": return 255
      case "1"..."9": return UInt8((Int(String(character)) ?? 0) * 255 / 9)
      default: return 0
      }
    }
  }
}

/// A 12×12 seven.
let seven = pixels([
  "............",
  "............",
  "..########..",
  "..4444449#..",
  "........#5..",
  ".......5#...",
  "......##....",
  ".....5#.....",
  ".....#5.....",
  "....##......",
  "....#4......",
  "............",
])

/// A 12×12 one.
let one = pixels([
  "............",
  "......#.....",
  ".....##.....",
  "....5##.....",
  "......#.....",
  "......#.....",
  "......#.....",
  "......#.....",
  "......#.....",
  "......#.....",
  "....#####...",
  "............",
])

/// A 12×12 zero.
let zero = pixels([
  "............",
  "....####....",
  "...#5..5#...",
  "..#5....5#..",
  "..#......#..",
  "..#......#..",
  "..#......#..",
  "..#......#..",
  "..#5....5#..",
  "...#5..5#...",
  "....####....",
  "............",
])

/// A 28×28 digit made by scaling `seven` up (nearest neighbour), MNIST-sized.
let mnistSizedSeven: [UInt8] = {
  var result: [UInt8] = []
  for y in 0..<28 {
    for x in 0..<28 {
      let sourceRow: Int = y * 12 / 28
      let sourceColumn: Int = x * 12 / 28
      result.append(seven[sourceRow * 12 + sourceColumn])
    }
  }
  return result
}()

/// Every renderer's output must fit: no line wider than `width` columns.
func assertFits(
  _ text: String, width: Int, _ message: String = "", file: StaticString = #filePath,
  line: UInt = #line
) {
  for (number, row) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    let columns = visibleWidth(row)
    XCTAssertLessThanOrEqual(
      columns, width, "line \(number) is \(columns) wide: \(stripANSI(row)) \(message)", file: file,
      line: line)
  }
}

/// ASCII style must give 7-bit ASCII with no escape sequences.
func assertPlainASCII(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
  let bad = text.unicodeScalars.first { $0.value >= 0x80 || ($0.value < 0x20 && $0 != "\n") }
  XCTAssertNil(
    bad, "unexpected character U+\(String(bad?.value ?? 0, radix: 16))", file: file, line: line)
}

/// Rich output must end every line in the default colour: the last escape
/// sequence of a coloured line is a plain reset.
func assertColourClosed(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
  for row in text.split(separator: "\n") {
    guard let last = row.range(of: "\u{1B}[", options: .backwards) else { continue }
    XCTAssertTrue(
      row[last.lowerBound...].hasPrefix("\u{1B}[0m"), "colour left open: \(stripANSI(row))",
      file: file,
      line: line)
  }
}

/// The styles every renderer must support.
let allStyles: [ArtStyle] = [
  .ascii, .rich, .monochrome, ArtStyle(color: true, unicode: false),
]
