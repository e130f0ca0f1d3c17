import ArgumentParser
import DigitKit
import TextArt

struct RunsCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs", abstract: "The training runs of this session, for plot to compare.")
  func run(in session: Session) throws {
    let runs = session.runs
    if runs.isEmpty { session.console.line("No training runs in this session yet.") }
    for (i, run) in runs.enumerated() {
      let last =
        run.history.last.map {
          String(format: "test %.2f%%, test loss %.4f", $0.testAccuracy, $0.testLoss)
        } ?? "no full epoch"
      session.console.line(
        "  \(i + 1): \(run.label), \(plural(run.history.count, "epoch")), \(last)")
    }
  }
}

struct PlotCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Overlay training curves on one chart: this session's runs and trained models.",
    discussion: """
      Name runs by number (see runs) or models by name; with none, every run of this session.
      The chart fills the terminal; runs of one or two epochs show a bar per epoch with its value.
      Examples:
        plot                              all runs, test loss
        plot 1 2 --metric test-accuracy   runs 1 and 2
        plot net1 net2                    the shipped models' 20-epoch histories
      """)

  enum Metric: String, ExpressibleByArgument, CaseIterable {
    case testLoss = "test-loss"
    case trainLoss = "train-loss"
    case testAccuracy = "test-accuracy"
    case both
    case drawings
  }

  @Argument(help: "Run numbers or model names.") var names: [String] = []
  @Option(
    help: """
      test-loss, train-loss, test-accuracy, both (train and test loss: one colour per run, \
      train solid, test dotted) or drawings.
      """)
  var metric: Metric = .testLoss
  @OptionGroup var art: ArtOptions

  func run(in session: Session) throws {
    var curves: [(label: String, history: [EpochResult])] = []
    if names.isEmpty {
      curves = session.runs
      guard !curves.isEmpty else {
        throw userError("no runs to plot yet: train something, or name models (plot net1 net2)")
      }
    }
    for name in names {
      if let n = Int(name) {
        guard (1...max(session.runs.count, 1)).contains(n), n <= session.runs.count else {
          throw userError("there is no run \(n) (runs lists them)")
        }
        curves.append(session.runs[n - 1])
      } else {
        let named = try session.resolveModel(name)
        guard !named.info.history.isEmpty else {
          throw userError("\(name) has no training history to plot")
        }
        curves.append((name, named.info.history))
      }
    }
    var series: [ChartSeries] = []
    for (run, c) in curves.enumerated() {
      switch metric {
      case .testLoss:
        series.append(ChartSeries(name: c.label, values: c.history.map { $0.testLoss }))
      case .trainLoss:
        series.append(ChartSeries(name: c.label, values: c.history.map { $0.trainLoss }))
      case .testAccuracy:
        series.append(ChartSeries(name: c.label, values: c.history.map { $0.testAccuracy }))
      case .both:
        // One colour per run; train solid, test dotted.
        series.append(
          ChartSeries(
            name: "\(c.label) train", values: c.history.map { $0.trainLoss }, group: run))
        series.append(
          ChartSeries(
            name: "\(c.label) test", values: c.history.map { $0.testLoss }, group: run,
            stroke: .dotted))
      case .drawings:
        series.append(
          ChartSeries(
            name: c.label,
            values: c.history.map { r in
              r.watchTotal.flatMap { t in
                r.watchCorrect.map { 100 * Double($0) / Double(max(t, 1)) }
              }
            }))
      }
    }
    let titles: [Metric: (String, String)] = [
      .testLoss: ("Test loss per epoch", "loss"), .trainLoss: ("Training loss per epoch", "loss"),
      .testAccuracy: ("Test accuracy per epoch", "accuracy %"),
      .both: ("Training and test loss", "loss"),
      .drawings: ("Accuracy on the watched drawings", "accuracy %"),
    ]
    let (title, axis) = titles[metric] ?? ("", "")
    let chart = Chart(title: title, xLabel: "epoch", leftLabel: axis, series: series)
    // The whole screen but the command line and the prompt (80×24 when not a terminal).
    try art.emit(to: session.console) { style in
      LineChart.render(
        chart, width: Terminal.width, height: max(10, Terminal.height - 2), style: style)
    }
  }
}
