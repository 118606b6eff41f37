/// Per target: is it supplied, how many nodes must fail together to cut it off (with a witness
/// set), and which single points of failure hide behind its direct suppliers.
///
/// Under OR semantics the redundancy is exact (``SupplyNetwork/redundancy(of:limit:scratch:)``,
/// with the dominator tree answering 1 directly). Under parts semantics a single point of
/// failure still gives exactly 1; otherwise finding the smallest set is a hard AND–OR cut
/// problem, so the OR value is reported as an upper bound: a set that cuts every supply path
/// also cuts supply under parts, and parts supply can fail sooner. (With no single point the
/// redundancy is at least 2, so an OR value of 2 is exact.)
package struct TargetRedundancy: Sendable {
  /// How the value bounds the redundancy (outputs spell these; see LinkageReports).
  package enum Bound: Sendable, Hashable {
    /// The value is the redundancy.
    case exact
    /// The redundancy is at least the value (the search stopped at its limit).
    case atLeast
    /// The redundancy is at most the value (parts semantics, OR cut as a bound).
    case atMost
    /// Only the target's own failure cuts it off; the value is absent.
    case unlimited
  }

  package let target: NodeIndex
  package let supplied: Bool
  package let value: Int?
  package let bound: Bound
  /// Nodes whose joint failure cuts the target off (index order); empty when the bound is not
  /// exact or at-most.
  package let witness: [NodeIndex]
  /// Distinct direct suppliers over carrying edges.
  package let directSuppliers: Int
  /// Upstream single points of failure behind two or more direct suppliers.
  package let hiddenSingleSources: [NodeIndex]

  /// Computes every target of `report`, searching at most `limit` + 1 paths each.
  /// - Complexity: see ``SupplyNetwork/redundancy(of:limit:scratch:)``, per target without a
  ///   single point of failure.
  package static func compute(report: SinglePointsOfFailure, limit: Int) -> [TargetRedundancy] {
    let network = report.network
    let graph = network.graph
    let orNetwork =
      network.semantics == .or
      ? network : SupplyNetwork(graph: graph, semantics: .or, minimumShare: network.minimumShare)
    var scratch = RedundancyScratch(nodeCount: graph.nodeCount)
    var hidden: [NodeIndex: [NodeIndex]] = [:]
    for h in report.hiddenSingleSources { hidden[h.node] = h.singlePoints }
    let unsupplied = Set(report.unsuppliedTargets)
    let ids = graph.ids
    return report.targets.map { t in
      var direct: Set<NodeIndex> = []
      for u in network.supplyIn.neighbors(of: t) { direct.insert(u) }
      func make(
        _ value: Int?, _ bound: Bound, _ witness: [NodeIndex], supplied: Bool = true
      ) -> TargetRedundancy {
        TargetRedundancy(
          target: t, supplied: supplied, value: value, bound: bound, witness: witness,
          directSuppliers: direct.count,
          hiddenSingleSources: hidden[t] ?? [])
      }
      if unsupplied.contains(t) { return make(0, .exact, [], supplied: false) }
      if network.groupCount[Int(t)] == 0 { return make(nil, .unlimited, []) }
      if let points = report.singlePoints[t], !points.isEmpty {
        // Under OR the nearest dominator; under parts the single point nearest by id order.
        let witness =
          network.semantics == .or ? points[0] : points.min { ids[Int($0)] < ids[Int($1)] }!
        return make(1, .exact, [witness])
      }
      let r = orNetwork.redundancy(of: t, limit: limit, scratch: &scratch)
      switch r.value {
      case .unlimited:
        return make(nil, .unlimited, [])
      case .exactly(let k):
        // Under parts with no single point the redundancy is at least 2, so an OR cut of 2
        // (which cuts parts supply too) makes it exactly 2.
        return network.semantics == .or
          ? make(k, .exact, r.witness) : make(k, k <= 2 ? .exact : .atMost, r.witness)
      case .atLeast(let k):
        // Under parts without a single point of failure all that is known is "at least 2".
        return network.semantics == .or ? make(k, .atLeast, []) : make(2, .atLeast, [])
      }
    }
  }
}
