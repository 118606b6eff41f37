import ArgumentParser
import LinkageCore
import LinkageIO

#if canImport(Glibc)
  import Glibc
#endif

enum SemanticsOption: String, ExpressibleByArgument, CaseIterable {
  case auto
  case or
  case parts
}

struct Spof: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spof",
    abstract:
      "Single points of failure: which node or link, if it fails, cuts targets off from supply.",
    discussion: """
      Targets are the buyers, or the sinks of the flow graph when there are no buyers, unless \
      --targets names others: ids, kind=…, sector=…, stage=…, joined by commas (any) or & (all), \
      e.g. --targets 'kind=buyer&sector=defense,acme'.

      Semantics: parts (AND of ORs: an integrator needs every part, any supplier of a part will \
      do) when the data has part labels or requires: all, else or (plain reachability); \
      --semantics overrides. Every output says which was used.

      Reports the nodes and links whose single failure cuts targets off (ranked, with the \
      chain of dependence), each target's redundancy (how many nodes must fail together, with \
      a witness set), hidden single sourcing (two or more direct suppliers, one upstream point \
      of failure), the structural view of NetworkX/igraph (articulation points, bridges), and \
      with --simulate a Monte Carlo estimate from failure_probability.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(help: "Targets: ids, kind=…, sector=…, stage=… (comma: any; &: all).")
  var targets: String?

  @Option(help: "Supply semantics: auto, or, parts.")
  var semantics: SemanticsOption = .auto

  @Option(
    name: .customLong("min-share"),
    help: "Suppliers whose share is below this cannot substitute (0–1).")
  var minShare: Double?

  @Option(help: "Rows per table (table output); with json/csv, limits the ranked lists when given.")
  var top: Int?

  @Option(help: "Show one node's impact in full.")
  var node: String?

  @Option(
    name: .customLong("max-redundancy"),
    help: "Count independent supply paths up to this many per target.")
  var maxRedundancy: Int = 5

  @Option(help: "Monte Carlo trials with each node failing by its failure_probability.")
  var simulate: Int?

  @Option(help: "Seed for --simulate.")
  var seed: UInt64 = 1

  @OptionGroup var options: GlobalOptions

  func validate() throws {
    if let minShare, !(0...1).contains(minShare) {
      throw ValidationError("--min-share must be between 0 and 1")
    }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if maxRedundancy < 1 { throw ValidationError("--max-redundancy must be at least 1") }
    if let simulate, simulate < 1 { throw ValidationError("--simulate must be at least 1 trial") }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options)
    let graph = input.graph
    let progress = Progress(enabled: !options.quiet && stderrIsTerminal)
    // Targets.
    var targetRule: String
    var targetNodes: [NodeIndex]
    if let targets {
      let selection: TargetSelection
      do {
        selection = try TargetSelection(parsing: targets)
      } catch {
        throw ValidationError("\(error)")
      }
      for id in selection.namedIDs where graph.index(of: id) == nil {
        try unknownID(id, graph: graph, option: "--targets")
      }
      targetNodes = selection.select(in: graph)
      targetRule = "given: \(targets)"
      if targetNodes.isEmpty { throw ValidationError("--targets '\(targets)' selects no node") }
    } else {
      let d = TargetSelection.defaultTargets(in: graph)
      targetNodes = d.nodes
      targetRule = d.rule
    }
    var focus: NodeIndex? = nil
    if let node {
      guard let v = graph.index(of: node) else {
        try unknownID(node, graph: graph, option: "--node")
      }
      focus = v
    }
    // Semantics.
    let chosen: SupplySemantics
    let semanticsReason: String
    switch semantics {
    case .or: (chosen, semanticsReason) = (.or, "chosen with --semantics")
    case .parts: (chosen, semanticsReason) = (.parts, "chosen with --semantics")
    case .auto:
      chosen = SupplySemantics.automatic(for: graph)
      semanticsReason =
        chosen == .parts
        ? "auto: the data has part labels or requires: all"
        : "auto: no part labels or requires: all"
    }
    progress.say("analyzing \(graph.nodeCount) nodes under \(chosen.rawValue) semantics…")
    let network = SupplyNetwork(graph: graph, semantics: chosen, minimumShare: minShare)
    let report = SinglePointsOfFailure(network: network, targets: targetNodes)
    progress.say("redundancy of \(targetNodes.count) targets…")
    let redundancy = TargetRedundancy.compute(report: report, limit: maxRedundancy)
    let structure = graph.articulationPointsAndBridges()
    var simulation: FailureSimulation? = nil
    if let simulate {
      let total = simulate
      let reporter = progress
      simulation = FailureSimulation(
        network: network, targets: targetNodes, trials: simulate, seed: seed,
        progress: { done in reporter.say("simulating: \(done)/\(total) trials", overwrite: true) })
      progress.finishLine()
    }
    let view = SpofView(
      input: input, report: report, redundancy: redundancy, structure: structure,
      simulation: simulation,
      semanticsReason: semanticsReason, targetRule: targetRule, top: top, focus: focus)
    switch options.format {
    case .json: emit(jsonEnvelope(command: "spof", input: input, result: view.json()))
    case .csv: emit(view.csv())
    case .table: emit(view.table())
    }
  }
}

/// Reports an unknown id with the closest existing ones and exits 64.
func unknownID(_ id: String, graph: SupplyGraph, option: String) throws -> Never {
  let close = IDSuggestions.closest(to: id, in: graph.ids)
  var message = "linkage: \(option): no node with id '\(id)'"
  if !close.isEmpty {
    message += "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"
  }
  printError(message)
  throw ExitCode.usage
}

/// Progress lines on stderr, only when it is a terminal and not --quiet.
final class Progress: @unchecked Sendable {
  let enabled: Bool
  private var open = false
  init(enabled: Bool) { self.enabled = enabled }

  func say(_ text: String, overwrite: Bool = false) {
    guard enabled else { return }
    if overwrite {
      FileHandleOutput.standardError("\r\u{1B}[K" + text)
      open = true
    } else {
      finishLine()
      FileHandleOutput.standardError(text + "\n")
    }
  }

  func finishLine() {
    if enabled && open {
      FileHandleOutput.standardError("\n")
      open = false
    }
  }
}
