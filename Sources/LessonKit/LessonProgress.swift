/// Where a learner is in one lesson.
public struct LessonProgress: Codable, Equatable {
  /// How many steps are behind the learner: the index of the step Enter acts on next.
  /// An exercise counts as behind only once its checks passed or it was skipped.
  public var step: Int
  /// Whether the learner has reached the end of the lesson at least once.
  public var completed: Bool

  /// Progress at `step`, completed or not.
  public init(step: Int = 0, completed: Bool = false) {
    self.step = step
    self.completed = completed
  }

  private enum CodingKeys: String, CodingKey {
    case step, completed
  }

  /// Reads progress leniently: missing fields take their defaults, a negative step becomes 0.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    step = max(0, try container.decodeIfPresent(Int.self, forKey: .step) ?? 0)
    completed = try container.decodeIfPresent(Bool.self, forKey: .completed) ?? false
  }
}
