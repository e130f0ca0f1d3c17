import TextArt
import XCTest

final class DigitGridTests: XCTestCase {
  func testCaptionsUnderDigitsAndMarkedMistakes() {
    let expected = """
                         #          ####
        @@@@@@@@       =@@        #@=  =@#
             =@=         @        @      @
           =@#           @        @      @
          #@=            @        #@=  =@#
          #-           #####        ####
           7            1          !0>6!
      """
    let options = DigitGridOptions(
      width: 40, scale: 1, highlight: [false, false, true], imageWidth: 12, imageHeight: 12)
    XCTAssertEqual(
      DigitGrid.render(images: [seven, one, zero], captions: ["7", "1", "0→6"], options: options),
      expected)
  }

  func testRowsWrapToWidth() {
    let expected = """
       +++#    +*    ++++
        .*+     #    #  #
        %.     =#:   ++++
        7      1      0
       +++#    +*
        .*+     #
        %.     =#:
        7      1
      """
    let options = DigitGridOptions(width: 20, scale: 2, imageWidth: 12, imageHeight: 12)
    let text = DigitGrid.render(
      images: [seven, one, zero, seven, one], captions: ["7", "1", "0", "7", "1"], options: options)
    XCTAssertEqual(text, expected)
  }

  func testPageOfHundredFitsEightyColumnsTenToARow() {
    let images = [[UInt8]](repeating: mnistSizedSeven, count: 100)
    let captions = (0..<100).map { $0 % 7 == 0 ? "7→1" : "7" }
    for style in allStyles {
      let text = DigitGrid.render(
        images: images, captions: captions, options: DigitGridOptions(style: style))
      assertFits(text, width: 80)
      let captionLines = text.split(separator: "\n").filter {
        stripANSI($0).contains("7") && !stripANSI($0).contains("#")
      }
      XCTAssertEqual(captionLines.count, 10, "ten rows of ten in \(style)")
    }
  }

  func testAutomaticScaleUsesWiderTerminals() {
    let ink = [UInt8](repeating: 255, count: 784)
    let firstLineWidth = { (count: Int, width: Int, columns: Int?) -> Int in
      let images = [[UInt8]](repeating: ink, count: count)
      let text = DigitGrid.render(
        images: images, captions: [], options: DigitGridOptions(width: width, columns: columns))
      return text.prefix { $0 != "\n" }.count
    }
    XCTAssertEqual(firstLineWidth(100, 80, nil), 10 * 7 + 9, "scale 4: 7 columns a digit")
    XCTAssertEqual(firstLineWidth(100, 120, nil), 11 * 10 + 10, "scale 3, as many as fit")
    XCTAssertEqual(firstLineWidth(100, 160, nil), 10 * 14 + 9, "scale 2")
    XCTAssertEqual(firstLineWidth(100, 300, nil), 10 * 28 + 9, "full size")
    XCTAssertEqual(firstLineWidth(2, 80, nil), 2 * 28 + 1, "few digits are drawn large")
    XCTAssertEqual(firstLineWidth(100, 80, 5), 5 * 14 + 4, "five columns asked for")
  }

  func testRichHighlightTintsTheDigitRed() {
    let options = DigitGridOptions(style: .rich, width: 40, highlight: [true])
    let text = DigitGrid.render(images: [mnistSizedSeven], captions: ["7→1"], options: options)
    XCTAssertTrue(text.contains("38;5;224") || text.contains("48;5;224"), "brightest red-white ink")
    XCTAssertTrue(stripANSI(text).contains("7→1"))
    assertColourClosed(text)
    assertFits(text, width: 40)
  }

  func testOddInputs() {
    XCTAssertEqual(DigitGrid.render(images: [], captions: []), "(no images)")
    let text = DigitGrid.render(
      images: [[], [1, 2, 3]], captions: [],
      options: DigitGridOptions(
        width: 0, columns: 0, scale: -2, highlight: [], imageWidth: -1, imageHeight: 0))
    assertFits(text, width: 1)
    assertFits(
      DigitGrid.render(
        images: [seven], captions: ["a very long caption indeed"],
        options: DigitGridOptions(width: 12)),
      width: 12)
  }
}
