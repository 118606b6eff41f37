import LinkageCore
import LinkageReports

/// How a buyer or integrator is supplied.
public enum SupplySemanticsChoice: Sendable, Hashable {
  /// Parts semantics when the data has part labels or `requires: all`, else OR.
  case automatic
  /// Any one supply route is enough (plain reachability).
  case or
  /// AND of ORs: a node needs every part; any supplier of a part will do.
  case parts
}

/// The single points of failure of a ``SupplyChain``: the nodes and links whose failure alone
/// cuts targets off from supply, each target's redundancy, and hidden single sourcing.
public struct FailureAnalysis: Sendable {
  package let report: SpofReport

  /// A node whose failure alone cuts targets off.
  public struct CriticalNode: Sendable {
    /// 1 for the node that cuts the most targets (then most value, then id).
    public let rank: Int
    public let node: Node
    /// The targets it cuts off, in target order.
    public let targetsCut: [Node]
    /// The summed `value` of the targets cut (1 each without values).
    public let valueCut: Double
    /// For each target cut, the chain of dependence from the failure to it (the failed node
    /// first, the target last).
    public let chains: [[Node]]
    /// The same chains as sentences.
    public let explanations: [String]
  }

  /// A link whose failure alone cuts targets off.
  public struct CriticalLink: Sendable {
    public let rank: Int
    public let link: Link
    public let targetsCut: [Node]
    public let valueCut: Double
  }

  /// How exposed one target is.
  public struct TargetExposure: Sendable {
    public let target: Node
    /// How many nodes must fail together to cut it off (nil: only its own failure does).
    public let redundancy: Int?
    /// Whether `redundancy` is exact (else a bound: see the CLI's `redundancy_bound`).
    public let redundancyIsExact: Bool
    /// A set of that many nodes whose joint failure cuts it off.
    public let witnessCut: [Node]
    /// Upstream nodes it hangs on although it has two or more direct suppliers.
    public let hiddenSingleSources: [Node]
  }

  /// Whether parts (AND of ORs) or OR semantics were used.
  public let usesPartsSemantics: Bool
  public let criticalNodes: [CriticalNode]
  public let criticalLinks: [CriticalLink]
  public let targets: [TargetExposure]

  init(report: SpofReport) {
    self.report = report
    let graph = report.graph
    func nodes(_ list: [NodeIndex]) -> [Node] { list.map { Node(graph, $0) } }
    usesPartsSemantics = report.semantics.semantics == .parts
    criticalNodes = report.nodes.enumerated().map { k, c in
      CriticalNode(
        rank: c.rank ?? k + 1, node: Node(graph, c.node), targetsCut: nodes(c.targetsCut),
        valueCut: c.valueCut,
        chains: c.why.map { nodes([c.node] + $0.steps.map(\.node)) },
        explanations: c.why.map {
          WhyText.sentence(report.analysis, failure: c.node, steps: $0.steps)
        })
    }
    criticalLinks = report.links.map { l in
      CriticalLink(
        rank: l.rank, link: Link(graph, l.edge), targetsCut: nodes(l.targetsCut),
        valueCut: l.valueCut)
    }
    targets = report.redundancy.map { t in
      TargetExposure(
        target: Node(graph, t.target), redundancy: t.value, redundancyIsExact: t.bound == .exact,
        witnessCut: nodes(t.witness), hiddenSingleSources: nodes(t.hiddenSingleSources))
    }
  }

  /// The table `linkage spof` prints (top 10 rows per list).
  public func table() -> String { TableRenderer.render(report) }
  /// The JSON document `linkage spof --format json` prints.
  public func json() -> String {
    JSONRenderer.documentText(command: "spof", input: report.input) {
      JSONRenderer.write(report, to: &$0)
    }
  }
}

extension SupplyChain {
  /// The single points of failure for `targets` (a selector: ids, `kind=…`, `sector=…`,
  /// `stage=…`, joined by `,` for any and `&` for all; nil: every buyer, or the sinks when
  /// there are none).
  /// - Parameters:
  ///   - semantics: how nodes are supplied.
  ///   - minimumShare: suppliers whose `share` is below this cannot substitute (0–1).
  /// - Throws: ``LinkageError/invalidRequest(message:)`` for a selector that names no node,
  ///   field or value here (with suggestions).
  /// - Complexity: O(*E* α(*V*)) under OR semantics (dominator tree); under parts semantics one
  ///   incremental supply propagation per candidate, O(*V* · *E*) worst case.
  public func singlePointsOfFailure(
    targets: String? = nil, semantics: SupplySemanticsChoice = .automatic,
    minimumShare: Double? = nil
  ) throws(LinkageError) -> FailureAnalysis {
    let choice: AnalysisRequest.SemanticsChoice
    switch semantics {
    case .automatic: choice = .auto
    case .or: choice = .or
    case .parts: choice = .parts
    }
    let asked = AnalysisRequest.Options.failures(
      targets: targets, semantics: choice, minimumShare: minimumShare, prefix: "")
    let request: AnalysisRequest
    do throws(RequestError) {
      request = try AnalysisRequest(graph: graph, options: asked)
    } catch {
      throw LinkageError(error)
    }
    return FailureAnalysis(report: SpofReport(input: input, request: request))
  }
}
