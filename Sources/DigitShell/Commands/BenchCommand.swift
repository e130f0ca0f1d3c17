import ArgumentParser
import DigitKit
import Foundation

struct BenchCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure training speed (images/s), prediction time and the machine's GEMM speed.",
    discussion: """
      Without --net and --batch it measures Net1, Net2 and Net3 at batch 16, 32 and 64. \
      The sgemm figure is for 1024×1024 matrices on all cores. \
      Compare with: python3 torch_reference.py speed --net net3 --batch 16
      """)

  @Option(help: "net1, net2 or net3 (default: all three).")
  var net: String?

  @Option(parsing: .unconditional, help: "Batch size (default: 16, 32 and 64).")
  var batch: Int?

  @Option(
    parsing: .unconditional,
    help:
      "Timed training steps per measurement (default: about 3,000 images' worth, 1,000 for net3).")
  var steps: Int?

  @Flag(help: "Also show milliseconds per batch in each layer.")
  var layers = false

  @Flag(help: "Also name the BLAS library, its kernel and the convolution algorithms.")
  var verbose = false

  @OptionGroup var output: JSONOption

  struct Row: Encodable { let net: String, batch: Int, images_per_s: Double }

  func validate() throws {
    if let net, NetName(rawValue: net) == nil {
      throw userError("--net must be net1, net2 or net3, not \(net)")
    }
    if let batch, !(1...4096).contains(batch) {
      throw userError("--batch must be from 1 to 4096, not \(batch)")
    }
    if let steps, !(1...100_000).contains(steps) {
      throw userError("--steps must be from 1 to 100000")
    }
  }

  func run(in session: Session) throws {
    let data = try session.mnist(.train)
    let nets = net.flatMap(NetName.init(rawValue:)).map { [$0] } ?? NetName.allCases
    let batches = batch.map { [$0] } ?? [16, 32, 64]
    let simd = SIMDLevel.current  // reads DIGITLAB_SIMD (a bad value warns on stderr first)
    if !output.json {
      session.console.line("How fast this machine trains (forward, backward and update):")
      session.console.line("SIMD: \(simd) (DIGITLAB_SIMD=avx512|avx2|portable)")
    }
    for n in nets {
      for b in batches {
        let steps = self.steps ?? max(5, (n == .net3 ? 1000 : 3000) / b)
        guard
          let r = Interrupts.whileRunning(
            session.cancel,
            {
              Benchmark.trainingSpeed(
                n, batchSize: b, steps: steps, data: data, layerTimes: layers,
                cancel: session.cancel)
            })
        else {
          session.console.line("Ctrl-C: benchmark stopped.")
          return
        }
        session.noteBench(net: n.rawValue, batch: b, imagesPerSecond: r.imagesPerSecond)
        if output.json {
          session.console.line(
            try JSONLine.encode(
              Row(net: n.rawValue, batch: b, images_per_s: (r.imagesPerSecond * 10).rounded() / 10))
          )
        } else {
          let epoch = Double(data.count) / max(r.imagesPerSecond, 1e-9)
          session.console.line(
            String(
              format: "  %@ batch %3d: %@ images/s, an epoch of %@ images in %@", n.rawValue, b,
              grouped(Int(r.imagesPerSecond.rounded())), grouped(data.count),
              EpochText.duration(epoch)))
          for (name, f, bw) in r.layers {
            session.console.line(
              "      " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(format: " forward %7.3f ms  backward %7.3f ms", f, bw))
          }
        }
      }
    }
    if !output.json { try printMachine(to: session.console) }
  }

  /// One drawing's prediction time, then with --verbose the libraries and kernels in use.
  private func printMachine(to console: Console) throws {
    if let ms = try? Benchmark.predictionMilliseconds(
      Model.make(.net3), drawing: Drawing(text: "#\n#\n#\n"))
    {
      console.line(String(format: "Reading one drawing with Net3 takes %.2f ms.", ms))
    }
    guard verbose else {
      console.line("(bench --verbose names the BLAS library and the convolution kernels)")
      return
    }
    // Under 80 columns, even with "kernel SkylakeX": sgemm measured on 1024×1024 matrices.
    let gflops = String(format: "%.0f", Benchmark.gemmGFLOPS())
    console.line(
      "BLAS: \(BLAS.description); \(BLAS.cores) cores × 1 thread; sgemm \(gflops) GFLOPS")
    console.line("Convolutions: \(ConvAlgorithm.inUse)")
    console.line(
      Model().fusesLayers
        ? "Fused passes: conv+pool+relu(+dropout), conv+relu; DIGITLAB_FUSE=0 turns off"
        : "Layers run one by one (DIGITLAB_FUSE=0); bench --layers shows each")
  }
}
