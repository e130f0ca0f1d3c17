// libFuzzer target: lesson files and the prose formatter. Built by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let lesson = try? Lesson(markdown: text, id: "01-fuzz") {
    for step in lesson.steps {
      if case .prose(let p) = step {
        _ = ProseFormatter.format(p, width: 40, rich: false)
        _ = ProseFormatter.format(p, width: 80, rich: true)
      }
    }
  }
  return 0
}
