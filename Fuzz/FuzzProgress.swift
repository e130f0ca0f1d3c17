import Foundation

// libFuzzer target: the lesson progress file (~/.digitlab/progress.json). Built by Fuzz/run.sh.
let progressURL = FileManager.default.temporaryDirectory.appendingPathComponent(
  "digitlab-fuzz-\(getpid())/progress.json")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgress(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  try? FileManager.default.createDirectory(
    at: progressURL.deletingLastPathComponent(), withIntermediateDirectories: true)
  try? Data(bytes: data, count: size).write(to: progressURL)
  let store = ProgressStore(url: progressURL)
  _ = store.progress(for: "01-fuzz")
  store.update("01-fuzz") { $0.step += 1 }
  _ = store.takeNotice()
  return 0
}
