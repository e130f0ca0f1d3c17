/// One thing Enter reveals in a lesson.
public enum LessonStep: Equatable {
  /// A Markdown block: a heading, a paragraph, a list, a quote or a plain fenced code block.
  case prose(String)
  /// A fenced block tagged `digitlab`: shell commands run one after another.
  case cell([String])
  /// A fenced block tagged `digitlab-exercise`: the learner types commands, the checks judge them.
  case exercise(Exercise)
}
