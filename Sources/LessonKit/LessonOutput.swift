/// Something a lesson wants shown; the shell decides how it looks.
public enum LessonOutput: Equatable {
  /// The lesson's title, plain text without `#`.
  case heading(String)
  /// A Markdown block, headings included (format it with `ProseFormatter`).
  case prose(String)
  /// A cell line, echoed just before it runs, as the learner would type it.
  case command(String)
  /// What an exercise asks the learner to do.
  case exerciseAsk(String)
  /// An exercise's hint, shown after a failed check.
  case hint(String)
  /// One way to do an exercise, shown on request and not run.
  case solution([String])
  /// An exercise's checks, judged.
  case checkResult(ExerciseResult)
  /// A remark about the lesson itself: where the learner is, what a command did.
  case info(String)
  /// The end of the lesson.
  case finished(String)
}
