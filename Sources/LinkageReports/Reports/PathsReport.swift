import LinkageCore

/// The *k* best loopless routes from one node to a target set, optionally following a
/// pattern, for `paths --from`.
///
/// Routes come from ``LinkageCore/RouteEnumerator``: best-first over route prefixes with the
/// exact cost to go, which gives Yen's answer lazily.
package struct PathsReport: Sendable {
  /// Search budgets.
  package struct Options: Sendable {
    /// How many routes, best first.
    package var count = 1
    package var maximumHops: Int?
    /// Route prefixes the search may queue before it stops (marked truncated).
    package var maximumQueued = 5_000_000
    /// Seconds the search may take before it stops (marked truncated).
    package var timeLimit: Double = 10
    package init() {}
  }

  /// One route with what the outputs show of it.
  package struct RankedRoute: Sendable {
    package let rank: Int
    package let path: Path
    /// The cost in the measure's own unit (for confidence: the product), rounded to 1e-9.
    package let cost: Double
    /// Summed `lead_time` (nil when no edge has one).
    package let leadTime: Double?
  }

  package let input: AnalysisInput
  package let source: NodeIndex
  package let targets: AnalysisRequest.Targets
  package let measure: AnalysisRequest.Measure
  package let pattern: AnalysisRequest.Pattern?
  package let options: Options
  package let routes: [RankedRoute]
  /// Whether a budget stopped the search before `count` routes were found or ruled out.
  package let truncated: Bool

  package var graph: SupplyGraph { input.graph }

  /// - Precondition: `request` resolved a source, targets and a measure.
  /// - Complexity: O(*k* · *V* (*V* + *E*) log *V*) worst case for *k* routes; typically
  ///   near-linear in the source's downstream cone.
  package init(input: AnalysisInput, request: AnalysisRequest, options: Options = Options()) {
    guard let source = request.source, let targets = request.targets,
      let measure = request.measure
    else { preconditionFailure("PathsReport needs a source, targets and a measure") }
    self.input = input
    self.source = source
    self.targets = targets
    self.measure = measure
    self.pattern = request.pattern
    self.options = options
    let graph = input.graph
    var enumerator = RouteEnumerator(
      graph: graph, source: source, targets: targets.nodes, weight: measure.weight,
      pattern: request.pattern?.pattern, maximumHops: options.maximumHops,
      maximumQueued: options.maximumQueued, timeLimit: options.timeLimit)
    let lead = graph.edgeAttributes["lead_time"]
    var routes: [RankedRoute] = []
    while routes.count < options.count, let r = enumerator.next() {
      let cost = (measure.weight.reported(r.cost) * 1e9).rounded() / 1e9
      let leadTime = lead.map { column in
        r.path.edges.reduce(0) { $0 + (column.number(at: Int($1)) ?? 0) }
      }
      routes.append(
        RankedRoute(rank: routes.count + 1, path: r.path, cost: cost, leadTime: leadTime))
    }
    self.routes = routes
    self.truncated = enumerator.truncated
  }
}

/// Per startup: the nearest defense and industry buyer, whether the route passes a
/// verification program, and the gateway on it, for `paths --readiness`.
package struct ReadinessReport: Sendable {
  package let input: AnalysisInput
  package let readiness: ReferenceReadiness
  package var rows: [ReferenceReadiness.Row] { readiness.rows }

  /// - Complexity: see ``LinkageCore/ReferenceReadiness``.
  package init(input: AnalysisInput) {
    self.input = input
    self.readiness = ReferenceReadiness(graph: input.graph)
  }
}
