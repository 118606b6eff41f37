import LinkageCore
import LinkageReports

/// Which sectors' buyers a node reaches along flow links.
public enum ReachClass: Sendable, Hashable, CaseIterable {
  case dual, defenseOnly, industryOnly, none

  init(_ c: DualUseReach.ReachClass) {
    switch c {
    case .dual: self = .dual
    case .defenseOnly: self = .defenseOnly
    case .industryOnly: self = .industryOnly
    case .none: self = .none
    }
  }
}

/// Dual-use reach of every node: who reaches defense buyers, industry buyers or both, how
/// many, and (with robustness) which single failure would take a sector away.
public struct ReachAnalysis: Sendable {
  package let report: ReachReport

  /// One node's reach.
  public struct NodeReach: Sendable {
    public let node: Node
    public let reachClass: ReachClass
    /// Buyers reached in each sector (estimates on very large graphs: see `countsEstimated`).
    public let defenseBuyers: Int
    public let industryBuyers: Int
    /// A shortest route to a buyer of each sector (nil: not reached).
    public let defenseWitness: [Node]?
    public let industryWitness: [Node]?
    /// The nodes whose single failure removes the reach to each sector (nil: not reached or
    /// robustness not asked; empty: robust).
    public let defenseFragileTo: [Node]?
    public let industryFragileTo: [Node]?
  }

  /// Every node, most reach first: dual, defense-only, industry-only, none; then most buyers
  /// reached; then id.
  public let nodes: [NodeReach]
  /// Whether counts were estimated from a sample of buyers (classes are always exact).
  public let countsEstimated: Bool

  init(report: ReachReport) {
    self.report = report
    let graph = report.graph
    func list(_ l: (some Collection<NodeIndex>)?) -> [Node]? {
      l.map { $0.map { Node(graph, $0) } }
    }
    nodes = report.entries.map { e in
      NodeReach(
        node: Node(graph, e.node), reachClass: ReachClass(e.reachClass),
        defenseBuyers: e.defenseCount, industryBuyers: e.industryCount,
        defenseWitness: list(e.defenseWitness?.nodes),
        industryWitness: list(e.industryWitness?.nodes),
        defenseFragileTo: list(e.defenseFragile), industryFragileTo: list(e.industryFragile))
    }
    countsEstimated = report.estimated
  }

  /// The JSON document `linkage reach --format json` prints.
  public func json() -> String {
    JSONRenderer.documentText(command: "reach", input: report.input) {
      JSONRenderer.write(report, to: &$0)
    }
  }
}

extension SupplyChain {
  /// Dual-use reach of every node.
  /// - Parameters:
  ///   - robust: also find, per node and sector, the single failures that remove the reach.
  ///   - maximumHops: only buyers within this many flow links count.
  /// - Complexity: O(*V* + *E*) per sector for classes and witnesses; counts by batched bit
  ///   vectors over strongly connected components; robustness O(*E* log *V*) per sector.
  public func dualUseReach(robust: Bool = false, maximumHops: Int? = nil) -> ReachAnalysis {
    var options = ReachReport.Options()
    options.robust = robust
    options.bounds = DualUseReach.Bounds(maximumHops: maximumHops)
    options.listLimit = 0
    return ReachAnalysis(report: ReachReport(input: input, options: options))
  }
}
