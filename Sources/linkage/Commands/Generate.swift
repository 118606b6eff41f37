import ArgumentParser
import LinkageCore
import LinkageIO

#if canImport(Glibc)
  import Glibc
#endif

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write a synthetic ecosystem (suppliers in tiers, startups, integrators, programs, buyers).",
    discussion: """
      The same --nodes and --seed give the same bytes on every machine. Average flow \
      out-degree is about 4; integrator inputs carry part labels; edges carry lead_time and \
      confidence. A million nodes take a few seconds.
      """)

  @Option(help: "How many nodes (at least 30).")
  var nodes: Int

  @Option(help: "Random seed.")
  var seed: UInt64 = 1

  @Option(name: .shortAndLong, help: "Output folder (CSV pair) or .yaml/.json file.")
  var output: String

  @Option(help: "Output encoding: csv (default for folders), yaml or json.")
  var to: GraphEncoding?

  @OptionGroup var options: GlobalOptions

  func validate() throws {
    guard nodes >= 30 else { throw ValidationError("--nodes must be at least 30") }
    guard nodes <= 50_000_000 else { throw ValidationError("--nodes must be at most 50,000,000") }
  }

  func run() throws {
    let progress = !options.quiet && stderrIsTerminal
    let start = clock()
    if progress { printError("generating \(nodes) nodes (seed \(seed))…") }
    let graph = EcosystemGenerator(nodeCount: nodes, seed: seed).generate()
    if progress { printError("writing \(graph.edgeCount) edges to \(output)…") }
    let encoding = to ?? GraphEncoding.forPath(output)
    do {
      try encoding.writer.write(graph, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
    switch options.format {
    case .json:
      emit(
        jsonEnvelope(
          command: "generate", input: nil,
          result: .object([
            ("output", .string(output)), ("encoding", .string(encoding.rawValue)),
            ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
            ("seed", .unsigned(seed)),
          ])))
    default:
      if !options.quiet {
        printError(
          "wrote \(output) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges) in \(String(format1: seconds)) s CPU"
        )
      }
    }
  }
}

extension String {
  /// A number with one decimal.
  init(format1 value: Double) {
    let tenths = Int((value * 10).rounded())
    self = "\(tenths / 10).\(abs(tenths % 10))"
  }
}
