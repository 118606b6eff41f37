import LinkageCore

/// The *k* best loopless routes from one node to a target set, optionally following a
/// pattern, for `paths --from`.
///
/// Routes come from ``LinkageCore/RouteEnumerator``: best-first over route prefixes with the
/// exact cost to go, which gives Yen's answer lazily.
public struct PathsReport: Sendable {
  /// Search budgets.
  public struct Options: Sendable {
    /// How many routes, best first.
    public var count = 1
    public var maximumHops: Int?
    /// Route prefixes the search may queue before it stops (marked truncated).
    public var maximumQueued = 5_000_000
    /// Seconds the search may take before it stops (marked truncated).
    public var timeLimit: Double = 10
    public init() {}
  }

  /// One route with what the outputs show of it.
  public struct RankedRoute: Sendable {
    public let rank: Int
    public let path: Path
    /// The cost in the measure's own unit (for confidence: the product), rounded to 1e-9.
    public let cost: Double
    /// Summed `lead_time` (nil when no edge has one).
    public let leadTime: Double?
  }

  public let input: AnalysisInput
  public let source: NodeIndex
  public let targets: AnalysisRequest.Targets
  public let measure: AnalysisRequest.Measure
  public let pattern: AnalysisRequest.Pattern?
  public let options: Options
  public let routes: [RankedRoute]
  /// Whether a budget stopped the search before `count` routes were found or ruled out.
  public let truncated: Bool

  public var graph: SupplyGraph { input.graph }

  /// - Precondition: `request` resolved a source, targets and a measure.
  /// - Complexity: O(*k* · *V* (*V* + *E*) log *V*) worst case for *k* routes; typically
  ///   near-linear in the source's downstream cone.
  public init(input: AnalysisInput, request: AnalysisRequest, options: Options = Options()) {
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
public struct ReadinessReport: Sendable {
  public let input: AnalysisInput
  public let readiness: ReferenceReadiness
  public var rows: [ReferenceReadiness.Row] { readiness.rows }

  /// - Complexity: see ``LinkageCore/ReferenceReadiness``.
  public init(input: AnalysisInput) {
    self.input = input
    self.readiness = ReferenceReadiness(graph: input.graph)
  }
}
