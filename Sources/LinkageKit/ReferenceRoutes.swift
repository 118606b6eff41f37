import LinkageCore
import LinkageReports

/// One route from a node to a target, as ``SupplyChain/referenceRoutes(from:to:by:via:count:)``
/// finds them: best first, never visiting a node twice.
public struct ReferenceRoute: Sendable {
  /// 1 for the best route.
  public let rank: Int
  /// The nodes from the start to the target.
  public let nodes: [Node]
  /// The links between them (one fewer than the nodes).
  public let links: [Link]
  /// The cost in the measure's unit (for `confidence`: the product along the route).
  public let cost: Double
  /// Summed `lead_time`, when any link has one.
  public let leadTime: Double?
  public var hops: Int { links.count }
}

extension SupplyChain {
  /// The `count` best loopless routes from the node `from` to the nodes `to` selects.
  /// - Parameters:
  ///   - to: a selector (default `kind=buyer`).
  ///   - by: `hops`, `confidence`, or a numeric link attribute such as `lead_time`.
  ///   - via: a pattern the whole route must match, e.g.
  ///     `startup .* program[stage=verification] .* buyer[sector=industry]`.
  /// - Throws: ``LinkageError/invalidRequest(message:)`` for an unknown node, selector,
  ///   measure or a pattern that does not parse.
  /// - Complexity: best-first over route prefixes with the exact cost to go; near-linear in
  ///   the start's downstream cone for small `count`.
  public func referenceRoutes(
    from: String, to: String? = nil, by: String = "hops", via: String? = nil, count: Int = 1
  ) throws(LinkageError) -> [ReferenceRoute] {
    let asked = AnalysisRequest.Options.routes(from: from, to: to, by: by, via: via, prefix: "")
    let request: AnalysisRequest
    do throws(RequestError) {
      request = try AnalysisRequest(graph: graph, options: asked)
    } catch {
      throw LinkageError(error)
    }
    var options = PathsReport.Options()
    options.count = max(1, count)
    let report = PathsReport(input: input, request: request, options: options)
    return report.routes.map { r in
      ReferenceRoute(
        rank: r.rank, nodes: r.path.nodes.map { Node(graph, $0) },
        links: r.path.edges.map { Link(graph, $0) }, cost: r.cost, leadTime: r.leadTime)
    }
  }
}
