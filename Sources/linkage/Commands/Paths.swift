import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Paths: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Reference paths: the best routes from a node to buyers, optionally following a pattern.",
    discussion: """
      --to takes ids, kind=…, sector=…, stage=… (comma: any; &: all), e.g. \
      --to 'kind=buyer&sector=industry'. Routes follow flow edges and never visit a node twice. \
      --by hops (default), lead_time, cost or any numeric edge attribute (edges without a value \
      cost 0), or confidence (the most credible route: the largest product of confidence; \
      edges without one count 1).

      --via PATTERN: the route must match a pattern over its nodes and edges, e.g.
        'startup supplies+ program[sector=defense,stage=verification] .* buyer[sector=industry]'
      Edge tests (a relation, or . for any edge) consume one edge; node tests (a kind, \
      kind[field=value,…], *[field=value], #id) check the node the route is at. *, +, ?, | and \
      parentheses as usual; the whole route must match.

      --readiness: one row per startup (no --from): nearest defense and industry buyer, whether \
      the route passes a verification program, and the gateway on it.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(help: "Where routes start (a node id).")
  var from: String?

  @Option(help: "Where routes may end: ids, kind=…, sector=…, stage=… (default: every buyer).")
  var to: String?

  @Option(
    help: "What a route costs: hops, lead_time, cost, confidence, or a numeric edge attribute.")
  var by: String = "hops"

  @Option(name: .customShort("k"), parsing: .unconditional, help: "How many routes, best first.")
  var k: Int = 1

  @Option(help: "A pattern the route must match.")
  var via: String?

  @Option(
    name: .customLong("max-hops"), parsing: .unconditional,
    help: "Routes have at most this many edges.")
  var maxHops: Int?

  @Option(
    name: .customLong("max-paths"),
    parsing: .unconditional,
    help: "Route prefixes the search may queue before it stops (marked truncated).")
  var maxPaths: Int = 5_000_000

  @Option(
    name: .customLong("time-limit"),
    parsing: .unconditional, help: "Seconds the search may take before it stops (marked truncated)."
  )
  var timeLimit: Double = 10

  @Flag(help: "One row per startup: nearest buyers per sector, verification, gateway.")
  var readiness = false

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if k < 1 { throw ValidationError("-k must be at least 1") }
    if let maxHops, maxHops < 1 { throw ValidationError("--max-hops must be at least 1") }
    if maxPaths < 1 { throw ValidationError("--max-paths must be at least 1") }
    if timeLimit <= 0 { throw ValidationError("--time-limit must be positive") }
    if readiness && from != nil {
      throw ValidationError("--readiness covers every startup; leave out --from")
    }
    if !readiness && from == nil { throw ValidationError("give --from ID (or --readiness)") }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let graph = input.graph
    if readiness {
      let report = ReadinessReport(input: input.analysisInput)
      switch options.format {
      case .json: emitJSON(command: "paths", input: input) { JSONRenderer.write(report, to: &$0) }
      case .csv: emit(CSVRenderer.render(report))
      case .table: emit(TableRenderer.render(report))
      }
      return
    }
    let request = try AnalysisRequest(graph: graph, options: requestOptions)
    let report = PathsReport(input: input.analysisInput, request: request, options: reportOptions)
    switch options.format {
    case .json: emitJSON(command: "paths", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report))
    }
  }

  /// What the route search is asked (shared with `render --view paths`).
  var requestOptions: AnalysisRequest.Options {
    .routes(from: from, to: to, by: by, via: via)
  }

  var reportOptions: PathsReport.Options {
    var o = PathsReport.Options()
    o.count = k
    o.maximumHops = maxHops
    o.maximumQueued = maxPaths
    o.timeLimit = timeLimit
    return o
  }
}
