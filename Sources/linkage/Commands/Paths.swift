import ArgumentParser
import LinkageCore
import LinkageIO

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

  @Option(name: .customShort("k"), help: "How many routes, best first.")
  var k: Int = 1

  @Option(help: "A pattern the route must match.")
  var via: String?

  @Option(name: .customLong("max-hops"), help: "Routes have at most this many edges.")
  var maxHops: Int?

  @Option(
    name: .customLong("max-paths"),
    help: "Route prefixes the search may queue before it stops (marked truncated).")
  var maxPaths: Int = 5_000_000

  @Option(
    name: .customLong("time-limit"),
    help: "Seconds the search may take before it stops (marked truncated).")
  var timeLimit: Double = 10

  @Flag(help: "One row per startup: nearest buyers per sector, verification, gateway.")
  var readiness = false

  @OptionGroup var options: GlobalOptions

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
    let input = try GraphInput.load(path, options: options)
    let graph = input.graph
    if readiness {
      let view = ReadinessView(input: input, readiness: ReferenceReadiness(graph: graph))
      switch options.format {
      case .json: emit(jsonEnvelope(command: "paths", input: input, result: view.json()))
      case .csv: emit(view.csv())
      case .table: emit(view.table())
      }
      return
    }
    guard let from else { return }
    guard let source = graph.index(of: from) else {
      try unknownID(from, graph: graph, option: "--from")
    }
    var targets: [NodeIndex]
    let toText = to ?? "kind=buyer"
    do {
      let selection = try TargetSelection(parsing: toText)
      for id in selection.namedIDs where graph.index(of: id) == nil {
        try unknownID(id, graph: graph, option: "--to")
      }
      targets = selection.select(in: graph)
    } catch let error as TargetSelection.ParseError {
      throw ValidationError("--to: \(error)")
    }
    if targets.isEmpty { throw ValidationError("--to '\(toText)' selects no node") }
    let measure: RouteWeight.Measure
    switch by {
    case "hops": measure = .hops
    case "confidence": measure = .confidence
    default: measure = .attribute(by)
    }
    let weight: RouteWeight
    do {
      weight = try RouteWeight(measure, graph: graph)
    } catch {
      throw ValidationError("--by \(by): \(error)")
    }
    var pattern: RoutePattern? = nil
    if let via {
      do {
        pattern = try RoutePattern(parsing: via, graph: graph)
      } catch let error as RoutePattern.ParseError {
        printError(
          "linkage: --via: \(error.message)\n  \(via)\n  \(String(repeating: " ", count: error.column - 1))^"
        )
        throw ExitCode.usage
      }
    }
    var enumerator = RouteEnumerator(
      graph: graph, source: source, targets: targets, weight: weight, pattern: pattern,
      maximumHops: maxHops,
      maximumQueued: maxPaths, timeLimit: timeLimit)
    var routes: [Route] = []
    while routes.count < k, let r = enumerator.next() { routes.append(r) }
    let view = PathsView(
      input: input, source: source, toText: toText, targetCount: targets.count, weight: weight,
      by: by,
      pattern: via, k: k, routes: routes, truncated: enumerator.truncated)
    switch options.format {
    case .json: emit(jsonEnvelope(command: "paths", input: input, result: view.json()))
    case .csv: emit(view.csv())
    case .table: emit(view.table())
    }
  }
}
