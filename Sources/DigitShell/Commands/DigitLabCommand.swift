import ArgumentParser
import DigitKit

/// The root of the one command grammar, shared by the command line and the shell prompt.
public struct DigitLabCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "digitlab",
    abstract: "Learn how neural networks read handwriting, on MNIST, in your terminal.",
    discussion: "Run `digitlab` with no arguments for the interactive shell.",
    subcommands: commandTypes)

  /// Every command, in the order `help` lists them.
  public static let commandTypes: [ParsableCommand.Type] = [
    DataCommand.self, ShowCommand.self, NextCommand.self, PrevCommand.self, NewCommand.self,
    AddCommand.self, PopCommand.self, SummaryCommand.self, PeekCommand.self, ModelsCommand.self,
    TrainCommand.self, EvalCommand.self, PredictCommand.self, SaveCommand.self, LoadCommand.self,
    RunsCommand.self, PlotCommand.self, ConfusionCommand.self, FiltersCommand.self,
    ActivationsCommand.self,
    DrawCommand.self, SaveDrawingCommand.self, RandomCommand.self, WhyCommand.self,
    FamiliarCommand.self,
    KeepCommand.self, FinetuneCommand.self,
    AboutCommand.self, BenchCommand.self, LessonsCommand.self, LessonCommand.self, RunCommand.self,
    AnswerCommand.self,
  ]

  public init() {}
}

/// Output options shared by commands that can print JSON.
struct JSONOption: ParsableArguments {
  @Flag(help: "Print JSON (one object per line) instead of text.")
  var json = false
}

extension OptimizerSettings.Kind: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}
extension TrainingRecipe: ExpressibleByArgument {}

/// A mistake in what the learner typed, worded for them: `CommandRunner` prints it as one
/// line with a pointer to the command's help, and the status is ArgumentParser's usage error.
func userError(_ message: String) -> ValidationError { ValidationError(message) }
