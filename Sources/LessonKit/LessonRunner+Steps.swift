/// How a `LessonRunner` shows, runs, checks and records single steps.
extension LessonRunner {
  /// Shows, runs or asks step `index`, moving there and saving.
  func present(_ index: Int) {
    switch step(at: index) {
    case .prose(let text):
      position = index + 1
      isExercisePending = false
      save()
      emitProse(text)
    case .cell(let cell):
      // Saved before running, so a command that brings the program down is not rerun on resume.
      position = index + 1
      isExercisePending = false
      save()
      runCell(cell, at: index)
    case .exercise(let exercise):
      ask(exercise, at: index)
      return
    }
    if isFinished { finish() }
  }

  /// Makes the exercise at `index` the one waiting for its checks and asks it; the world is
  /// recorded as it was before its first asking, so `skip` can undo a half-done attempt.
  func ask(_ exercise: Exercise, at index: Int) {
    position = index
    isExercisePending = true
    failedChecks = 0
    save()
    if world?.status(of: index) == nil { record { _ = try $0.willRun(step: index) } }
    emit(.exerciseAsk(exercise.ask))
  }

  /// Shows step `index` without side effects.
  func review(_ index: Int) {
    switch step(at: index) {
    case .prose(let text):
      emitProse(text)
    case .cell(let cell):
      emit(
        .info("This cell runs \(LessonRunner.quoted(cell.commands)); type again to run it."))
    case .exercise(let exercise):
      emit(.info("Exercise (done): \(exercise.ask)"))
    }
  }

  /// Prose with its `{{FACT}}` templates filled in from the session.
  func emitProse(_ text: String) {
    let (filled, missing) = LessonTemplate.fill(text, from: facts)
    emit(.prose(filled))
    if !missing.isEmpty {
      emit(
        .info(
          "Some values above are unknown (\(missing.joined(separator: ", "))): the cells before this step have not run to the end in this session (type back, then again, to run them)."
        ))
    }
  }

  /// Runs a cell as one unit (undoing what it did last time first), then checks its claims.
  /// Returns whether every command succeeded.
  @discardableResult
  func runCell(_ cell: Cell, at index: Int) -> Bool {
    record { _ = try $0.willRun(step: index) }
    for (offset, command) in cell.commands.enumerated() {
      emit(.command(command))
      let outcome = executor.execute(command)
      guard outcome == .succeeded else {
        record { try $0.didRun(step: index, completed: false) }
        stopped(command, outcome: outcome, notRun: Array(cell.commands[(offset + 1)...]), at: index)
        return false
      }
    }
    record { try $0.didRun(step: index, completed: true) }
    for claim in cell.claims {
      let outcome = claim.check.evaluate(with: facts)
      if !outcome.passed {
        emit(
          .info(
            "The lesson's text expects \(claim.check), but here \(claim.check.fact) is \(outcome.actual ?? "unknown"): what follows may not match your screen."
          ))
      }
    }
    return true
  }

  /// Says that a cell stopped at `command`, which later commands did not run, and what to do.
  func stopped(_ command: String, outcome: CommandOutcome, notRun: [String], at index: Int) {
    let what = outcome == .interrupted ? "You stopped `\(command)`" : "`\(command)` failed"
    let rest = notRun.isEmpty ? "" : ", so \(LessonRunner.quoted(notRun)) did not run"
    var text = "\(what)\(rest). Type again to run the cell from its start, or press Enter to go on."
    if outcome == .failed, let earlier = unfinishedStep(before: index) {
      text += " " + earlier
    }
    emit(.info(text))
  }

  /// Names the latest earlier cell that was skipped or stopped, with what to run: a later
  /// cell that fails probably needed what it builds.
  func unfinishedStep(before index: Int) -> String? {
    guard let world else { return nil }
    for earlier in stride(from: index - 1, through: 0, by: -1) {
      guard case .cell(let cell) = step(at: earlier),
        let status = world.status(of: earlier), status != .ran
      else { continue }
      let how = status == .skipped ? "was skipped" : "did not finish"
      return
        "Step \(earlier + 1) \(how); this cell may need what it builds: run \(LessonRunner.quoted(cell.commands)), then type again."
    }
    return nil
  }

  /// Passes over a cell without running it.
  func skipCell(_ cell: Cell, at index: Int) {
    position = index + 1
    isExercisePending = false
    save()
    record { try $0.didSkip(step: index) }
    emit(.info("Skipped step \(index + 1): \(LessonRunner.quoted(cell.commands)) did not run."))
    if isFinished { finish() }
  }

  /// Judges the pending exercise: on success moves on, else names what is wrong and hints.
  func check(_ exercise: Exercise) {
    let result = exercise.evaluate(with: facts)
    emit(.checkResult(result))
    guard result.passed else {
      failedChecks = min(failedChecks + 1, exercise.hints.count)
      emit(.hint(exercise.hint(afterFailures: failedChecks)))
      if failedChecks >= exercise.hints.count {
        emit(.info("That was the last hint. Type solution to see one way to do it."))
      }
      return
    }
    record { try $0.didRun(step: position, completed: true) }
    moveOn()
  }

  /// Shows and runs an exercise's solution, then moves on (even when a command fails: the
  /// learner is never stuck, and is told what did not run).
  func solve(_ exercise: Exercise, at index: Int) {
    position = index
    record { _ = try $0.willRun(step: index) }
    emit(.info("Skipped. One way to do it, run for you so the lesson can go on:"))
    for (offset, command) in exercise.solution.enumerated() {
      emit(.command(command))
      guard executor.execute(command) == .succeeded else {
        record { try $0.didRun(step: index, completed: false) }
        let rest = exercise.solution[(offset + 1)...]
        let notRun = rest.isEmpty ? "" : ", so \(LessonRunner.quoted(Array(rest))) did not run"
        emit(.info("`\(command)` failed\(notRun); later steps may need what it makes."))
        moveOn()
        return
      }
    }
    record { try $0.didRun(step: index, completed: true) }
    moveOn()
  }

  func moveOn() {
    isExercisePending = false
    failedChecks = 0
    position += 1
    save()
    if isFinished {
      finish()
    } else {
      present(position)
    }
  }

  /// A resumed lesson: brings back what the steps behind the learner built, from the records
  /// of the last session, rerunning quietly the cells that have none (progress kept before
  /// records existed, or records deleted).
  func rebuildWorld() {
    guard let world else { return }
    let unrecorded: [Int]
    do { unrecorded = try world.restore(before: position) } catch {
      emit(
        .info("Could not bring back this lesson's models: \(error). Type restart to rebuild them."))
      return
    }
    let cells = unrecorded.filter {
      if case .cell = lesson.steps[$0] { return true }
      if case .exercise = lesson.steps[$0] { return true }
      return false
    }
    guard !cells.isEmpty else { return }
    let earlier = cells.count == 1 ? "1 earlier cell" : "\(cells.count) earlier cells"
    emit(.info("Rebuilding what steps 1–\(position) made: rerunning \(earlier) quietly…"))
    for index in cells {
      let commands: [String]
      switch step(at: index) {
      case .cell(let cell): commands = cell.commands
      case .exercise(let exercise): commands = exercise.solution
      case .prose: continue
      }
      // One line per cell as it starts, so a long one (training) is not a silent wait.
      emit(.info("Step \(index + 1): \(Self.quoted(commands))…"))
      record { _ = try $0.willRun(step: index) }
      var completed = true
      for command in commands where executor.executeQuietly(command) != .succeeded {
        emit(
          .info(
            "Step \(index + 1): `\(command)` failed while rebuilding; type restart to start afresh."
          ))
        completed = false
        break
      }
      record { try $0.didRun(step: index, completed: completed) }
      if !completed { return }
    }
  }

  func finish() {
    let count = stepCount
    progress.update(lesson.id) {
      $0.step = count
      $0.completed = true
    }
    emit(.finished("You finished \(lesson.displayName)."))
  }

  func save() {
    let step = position
    progress.update(lesson.id) { $0.step = step }
  }

  /// Runs a record-keeping call; a record that cannot be written costs only the undo, so it
  /// is said once and the lesson goes on.
  func record(_ body: (WorldKeeper) throws -> Void) {
    guard let world else { return }
    do { try body(world) } catch {
      emit(
        .info("Could not record this step's changes (\(error)); back and again may repeat them."))
    }
  }

  // MARK: Output

  func emit(_ output: LessonOutput) {
    produced.append(output)
    onOutput?(output)
  }

  func perform(_ body: () -> Void) -> [LessonOutput] {
    let outer = produced
    produced = []
    body()
    let result = produced
    produced = outer
    return result
  }

  static func quoted(_ commands: [String]) -> String {
    commands.map { "`\($0)`" }.joined(separator: ", ")
  }
}

extension LessonRunner {
  /// Step `index` as the learner meets it: an exercise's `{{FACT}}`s filled in.
  func step(at index: Int) -> LessonStep {
    guard case .exercise(let exercise) = lesson.steps[index] else { return lesson.steps[index] }
    return .exercise(exercise.filled(from: facts))
  }
}
