/// Lesson files: parsing, running cells, progress and exercise checks. Runs headless.
public enum LessonKit {}
