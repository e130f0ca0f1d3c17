/// Where a learner is in one lesson.
public struct LessonProgress: Codable, Equatable {
  /// How many steps are behind the learner: the index of the step Enter acts on next.
  /// An exercise counts as behind only once its checks passed or it was skipped.
  public var step: Int
  /// Whether the learner has reached the end of the lesson at least once.
  public var completed: Bool

  /// The largest step a progress file may hold: far beyond any lesson, far below overflow.
  /// Larger (or negative) steps are damage, not progress; `ProgressStore` drops them.
  public static let maximumStep = 100_000

  /// Progress at `step`, completed or not.
  public init(step: Int = 0, completed: Bool = false) {
    self.step = step
    self.completed = completed
  }

  private enum CodingKeys: String, CodingKey {
    case step, completed
  }

  /// Reads progress leniently: missing fields take their defaults. The step is kept as read,
  /// so that `ProgressStore` can tell an out-of-range one and say so.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    step = try container.decodeIfPresent(Int.self, forKey: .step) ?? 0
    completed = try container.decodeIfPresent(Bool.self, forKey: .completed) ?? false
  }
}
