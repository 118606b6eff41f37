import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

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

      To look like a real export: --buyer-share for many buyers, --numeric-ids, \
      --shuffle-edges and --extra-columns. Without them the output is the standard layout, \
      byte for byte. For example, a benchmark graph:

        linkage generate --nodes 1000000 --buyer-share 0.05 --numeric-ids --shuffle-edges \\
          --extra-columns 6 -o big/
      """)

  @Option(parsing: .unconditional, help: "How many nodes (at least 30).")
  var nodes: Int

  @Option(parsing: .unconditional, help: "Random seed.")
  var seed: UInt64 = 1

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Fraction of nodes that are buyers, 0–0.5 (at least 4, half defense, half industry;"
        + " default: 2%, the standard layout).", valueName: "fraction"))
  var buyerShare: Double?

  @Flag(help: "Ids are the numbers 1…N in a seeded random order (names stay readable).")
  var numericIds = false

  @Flag(help: "Edge rows in a seeded random order instead of the order they were made in.")
  var shuffleEdges = false

  @Option(
    help: ArgumentHelp(
      "Extra node and edge attribute columns (0–64): strings with repeated values (country,"
        + " owner, region, …; contract, currency, …) alternating with numbers (revenue_musd,"
        + " employees, …; volume, unit_price, …).", valueName: "count"))
  var extraColumns = 0

  @Option(name: .shortAndLong, help: "Output folder (CSV pair) or .yaml/.json file.")
  var output: String

  @Option(help: "Output encoding: csv (default for folders), yaml or json.")
  var to: GraphEncoding?

  @OptionGroup var options: GlobalOptions

  func validate() throws {
    guard nodes >= 30 else { throw ValidationError("--nodes must be at least 30") }
    guard nodes <= 50_000_000 else { throw ValidationError("--nodes must be at most 50,000,000") }
    if let buyerShare, !(0...0.5).contains(buyerShare) {
      throw ValidationError(
        "--buyer-share must be between 0 and 0.5 (a fraction of the nodes), got \(buyerShare)")
    }
    let maxColumns = EcosystemGenerator.Options.maxExtraColumns
    guard (0...maxColumns).contains(extraColumns) else {
      throw ValidationError(
        "--extra-columns must be between 0 and \(maxColumns), got \(extraColumns)")
    }
  }

  private var generatorOptions: EcosystemGenerator.Options {
    .init(
      buyerShare: buyerShare, numericIDs: numericIds, shuffledEdges: shuffleEdges,
      extraColumns: extraColumns)
  }

  func run() throws {
    let progress = !options.quiet && stderrIsTerminal
    let start = clock()
    if progress { printError("generating \(nodes) nodes (seed \(seed))…") }
    let graph = EcosystemGenerator(nodeCount: nodes, seed: seed, options: generatorOptions)
      .generate()
    if progress { printError("writing \(graph.edgeCount) edges to \(output)…") }
    guard let encoding = to ?? GraphEncoding.forPath(output) else {
      throw CommandFailure(
        message:
          "cannot tell the encoding from '\(output)': use .yaml, .yml or .json, a folder (or .csv) for the CSV pair, or --to",
        code: 64)
    }
    guard encoding.isWritable else {
      throw CommandFailure(
        message:
          "Linkage reads \(encoding.rawValue) but does not write it: choose one of \(GraphEncoding.writable.map(\.rawValue).joined(separator: ", "))",
        code: 64)
    }
    do {
      try encoding.writer.write(graph, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
    switch options.format {
    case .json:
      emitJSON(command: "generate", input: nil) { json in
        json.value(
          .object([
            ("output", .string(output)), ("encoding", .string(encoding.rawValue)),
            ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
            ("seed", .unsigned(seed)),
          ]))
      }
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
