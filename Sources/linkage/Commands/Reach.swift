import ArgumentParser
import LinkageCore
import LinkageIO

struct Reach: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Dual-use reach: which nodes reach defense buyers, industry buyers, or both.",
    discussion: """
      Reach follows flow edges (one route is enough; supply semantics do not apply). A node does \
      not reach itself. Classes: dual, defense-only, industry-only, none. Counts are exact \
      (batched bit vectors over the strongly connected components) unless the graph is too \
      large for that in reasonable time; then they are estimated from a sample of buyers, \
      labeled "estimated", with a 95% margin — classes stay exact, and --node or --exact gives \
      exact counts. --robust adds, for every node, the nodes whose single failure would take \
      its reach to a sector away.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(name: .customLong("max-hops"), help: "Only buyers within this many flow edges count.")
  var maxHops: Int?

  @Option(
    name: .customLong("max-lead-time"),
    help: "Only buyers within this many days (summed lead_time; edges without one count 0).")
  var maxLeadTime: Double?

  @Flag(help: "Find the nodes whose single failure removes a node's reach to a sector.")
  var robust = false

  @Option(help: "Show one node in full (exact counts, every buyer reached, witnesses, fragility).")
  var node: String?

  @Option(help: "Only list nodes of these kinds (comma-separated), e.g. startup,supplier.")
  var kind: String?

  @Option(
    help: "Rows in the node table (table output); with json/csv, the first N nodes when given.")
  var top: Int?

  @Option(help: "Buyers listed per node and sector, nearest first.")
  var list: Int = 5

  @Flag(help: "Always count exactly, however long it takes.")
  var exact = false

  @OptionGroup var options: GlobalOptions

  func validate() throws {
    if let maxHops, maxHops < 0 { throw ValidationError("--max-hops must not be negative") }
    if let maxLeadTime, maxLeadTime < 0 {
      throw ValidationError("--max-lead-time must not be negative")
    }
    if maxHops != nil && maxLeadTime != nil {
      throw ValidationError("give --max-hops or --max-lead-time, not both")
    }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if list < 0 { throw ValidationError("--list must not be negative") }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options)
    let graph = input.graph
    var focus: NodeIndex? = nil
    if let node {
      guard let v = graph.index(of: node) else {
        try unknownID(node, graph: graph, option: "--node")
      }
      focus = v
    }
    var kinds: Set<String>? = nil
    if let kind {
      kinds = Set(kind.split(separator: ",").map { String($0) })
      let known = Set(graph.kindLabels + NodeKind.allCases.map(\.name))
      for k in kinds! where !known.contains(k) {
        throw ValidationError(
          "--kind: no node has kind '\(k)' (kinds here: \(Set(graph.kindLabels).sorted().joined(separator: ", ")))"
        )
      }
    }
    let progress = Progress(enabled: !options.quiet && stderrIsTerminal)
    progress.say("reach of \(graph.nodeCount) nodes…")
    let bounds = DualUseReach.Bounds(maximumHops: maxHops, maximumLeadTime: maxLeadTime)
    let reach = DualUseReach(
      graph: graph, bounds: bounds, robust: robust, countWorkLimit: exact ? .infinity : 2e9)
    let view = ReachView(
      input: input, reach: reach, focus: focus, kinds: kinds, top: top, listLimit: list)
    switch options.format {
    case .json: emit(jsonEnvelope(command: "reach", input: input, result: view.json()))
    case .csv: emit(view.csv())
    case .table: emit(view.table())
    }
  }
}
