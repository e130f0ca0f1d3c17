/// What a session holds that lesson steps change, as named items of bytes.
///
/// The shell's session is one world (its models, the current drawing, the runs, the page on
/// screen, the kept drawings, the last results); a test's dictionary is another. `WorldKeeper`
/// records worlds before and after each lesson step so a rerun step can first undo what it
/// did, and a lesson resumed in a new shell gets back what its steps built.
///
/// An item that is absent and an item that is empty mean the same to a lesson: a world leaves
/// out what it does not hold (no drawing, no runs) rather than storing an empty value.
public protocol LessonWorld: AnyObject {
  /// Every item the session holds now, by key (e.g. "model mine", "drawing", "runs", "page",
  /// "kept 9-001.txt", "results"). The same state must give the same bytes, so an unchanged
  /// item is recognised as unchanged.
  func capture() throws -> [String: [UInt8]]
  /// Sets each item to its bytes; a nil value removes the item. Keys not named are left
  /// alone. Every change that can be made is made, then the first error (if any) is thrown.
  func apply(_ changes: [String: [UInt8]?]) throws
}
