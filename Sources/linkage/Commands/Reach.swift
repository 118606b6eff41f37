import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

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

  @Option(
    name: .customLong("max-hops"), parsing: .unconditional,
    help: "Only buyers within this many flow edges count.")
  var maxHops: Int?

  @Option(
    name: .customLong("max-lead-time"),
    parsing: .unconditional,
    help: "Only buyers within this many days (summed lead_time; edges without one count 0).")
  var maxLeadTime: Double?

  @Flag(help: "Find the nodes whose single failure removes a node's reach to a sector.")
  var robust = false

  @Option(help: "Show one node in full (exact counts, every buyer reached, witnesses, fragility).")
  var node: String?

  @Option(help: "Only list nodes of these kinds (comma-separated), e.g. startup,supplier.")
  var kind: String?

  @Option(
    parsing: .unconditional,
    help: "Rows in the node table (table output); with json/csv, the first N nodes when given.")
  var top: Int?

  @Option(parsing: .unconditional, help: "Buyers listed per node and sector, nearest first.")
  var list: Int = 5

  @Flag(help: "Always count exactly, however long it takes.")
  var exact = false

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

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
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let graph = input.graph
    var asked = AnalysisRequest.Options()
    asked.node = node.map { .init(text: $0, option: "--node") }
    asked.kinds = kind.map { .init(text: $0, option: "--kind") }
    let request = try AnalysisRequest(graph: graph, options: asked)
    let progress = Progress(enabled: !options.quiet && stderrIsTerminal)
    progress.say("reach of \(graph.nodeCount) nodes…")
    var reportOptions = ReachReport.Options()
    reportOptions.bounds = DualUseReach.Bounds(maximumHops: maxHops, maximumLeadTime: maxLeadTime)
    reportOptions.robust = robust
    reportOptions.exact = exact
    reportOptions.focus = request.node
    if options.format == .table {
      // The table lists startups and suppliers, 15 rows, and shows no buyer lists.
      reportOptions.kinds = request.kinds ?? ["startup", "supplier"]
      reportOptions.limit = top ?? 15
      reportOptions.listLimit = 0
    } else {
      reportOptions.kinds = request.kinds
      reportOptions.limit = top
      // CSV has no list columns.
      reportOptions.listLimit = options.format == .csv ? 0 : list
    }
    let report = ReachReport(input: input.analysisInput, options: reportOptions)
    progress.finishLine()
    switch options.format {
    case .json: emitJSON(command: "reach", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report))
    }
  }
}
