import CZlib
import Foundation

/// Decompresses a whole gzip stream with the system zlib.
///
/// Throws a one-line error for data that is not gzip, is corrupt, or ends early.
/// `limit` bounds the output size so a hostile file cannot exhaust memory.
public func gunzip(_ compressed: [UInt8], limit: Int = 256 << 20) throws -> [UInt8] {
  guard compressed.count >= 18, compressed[0] == 0x1f, compressed[1] == 0x8b else {
    throw DigitKitError("not a gzip file")
  }
  var stream = z_stream()
  guard
    inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
  else {
    throw DigitKitError("zlib could not start")
  }
  defer { inflateEnd(&stream) }
  var output: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  var status: Int32 = Z_OK
  try compressed.withUnsafeBufferPointer { input in
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
    stream.avail_in = uInt(input.count)
    repeat {
      try chunk.withUnsafeMutableBufferPointer { out in
        stream.next_out = out.baseAddress!
        stream.avail_out = uInt(out.count)
        status = inflate(&stream, Z_NO_FLUSH)
        guard status == Z_OK || status == Z_STREAM_END else {
          if status == Z_BUF_ERROR { throw DigitKitError("gzip data ends early (file truncated?)") }
          throw DigitKitError("gzip data is corrupt")
        }
        output.append(contentsOf: out.prefix(out.count - Int(stream.avail_out)))
      }
      guard output.count <= limit else {
        throw DigitKitError("gzip data expands past \(limit >> 20) MB")
      }
      if status != Z_STREAM_END && stream.avail_in == 0 && stream.avail_out != 0 {
        throw DigitKitError("gzip data ends early (file truncated?)")
      }
    } while status != Z_STREAM_END
  }
  return output
}
