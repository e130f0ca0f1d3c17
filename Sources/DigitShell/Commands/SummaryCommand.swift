import ArgumentParser
import DigitKit

struct SummaryCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "A model's layers: output shape and parameter count after each.",
    discussion: "Examples: summary --net net3, summary mynet")

  @Argument(help: "A model from this shell, a shipped model, or a checkpoint file.")
  var model: String?

  @Option(help: "One of the study nets: net1, net2, net3.")
  var net: String?

  func validate() throws {
    if model == nil && net == nil {
      throw userError("name a model (summary mynet) or a study net (--net net3)")
    }
    if let net, NetName(rawValue: net) == nil {
      throw userError("--net must be net1, net2 or net3, not \(net)")
    }
  }

  func run(in session: Session) throws {
    let m: Model
    if let net, let name = NetName(rawValue: net) {
      m = Model.make(name)
      session.console.line("\(name.rawValue): \(name.about)")
    } else {
      m = try session.resolveModel(model ?? "").model
    }
    session.console.line(ModelTable.render(m))
    session.noteSummary(m)
  }
}

/// The layer table shown by `summary` and the lessons.
enum ModelTable {
  static func render(_ m: Model) -> String {
    var rows = [(" #", "layer", "output", "parameters")]
    rows.append(("", "input", describeShape(m.inputShape), ""))
    for (i, layer) in m.layers.enumerated() {
      let params = layer.parameterCount
      let name = layer.spec.name.map { "\($0): " } ?? ""
      rows.append(
        (
          String(format: "%2d", i + 1), name + layer.spec.summary, describeShape(m.shapes[i]),
          params > 0 ? grouped(params) : "-"
        ))
    }
    let w1 = rows.map(\.1.count).max() ?? 5
    let w2 = rows.map(\.2.count).max() ?? 6
    var lines = rows.map { r in
      r.0.padding(toLength: 3, withPad: " ", startingAt: 0) + " "
        + r.1.padding(toLength: w1 + 2, withPad: " ", startingAt: 0)
        + r.2.padding(toLength: w2 + 2, withPad: " ", startingAt: 0)
        + String(repeating: " ", count: max(0, 10 - r.3.count)) + r.3
    }
    lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
    lines.append("total parameters: \(grouped(m.parameterCount))")
    return lines.joined(separator: "\n")
  }
}

/// 1234567 → "1,234,567".
func grouped(_ n: Int) -> String {
  let s = String(n)
  var out = ""
  for (i, ch) in s.reversed().enumerated() {
    if i > 0 && i % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return String(out.reversed())
}
