/// How a node combines its suppliers.
package enum SupplySemantics: String, Sendable, CaseIterable {
  /// Plain reachability: a node is supplied when any supplier is.
  case or
  /// AND of ORs: every part group needs a supplied source (`part` labels, `requires: all`).
  case parts

  /// The semantics a graph asks for: `parts` when it has part labels or `requires: all`.
  package static func automatic(for graph: SupplyGraph) -> SupplySemantics {
    graph.hasPartStructure ? .parts : .or
  }
}

/// The supply view of a graph under one semantics: which edges carry supply, and how each
/// node's incoming supply edges group into parts. Every supply analysis runs on this view.
///
/// Under OR semantics each node with incoming flow has one group holding all of them; under
/// parts semantics the groups are the graph's ``PartGroups``. With a minimum share, edges whose
/// `share` is below it stay in their group but cannot supply it: a 1% supplier cannot stand in
/// for a 90% one.
package struct SupplyNetwork: Sendable {
  package let graph: SupplyGraph
  package let semantics: SupplySemantics
  package let minimumShare: Double?
  /// Whether each edge can carry supply (a flow edge not below the minimum share).
  package let carries: [Bool]
  /// Outgoing supply edges (carrying edges only).
  package let supplyOut: CompressedAdjacency
  /// Incoming supply edges (carrying edges only).
  package let supplyIn: CompressedAdjacency
  /// The group each flow edge belongs to at its target (`-1` for context edges).
  package let groupOfEdge: [Int32]
  /// The number of groups of each node (0 for origins: nodes without incoming flow edges).
  package let groupCount: [Int32]
  /// The node each group belongs to.
  package let nodeOfGroup: [NodeIndex]
  /// The part label code of each group (`-1` when unlabeled).
  package let groupLabel: [Int32]

  /// - Complexity: O(*V* + *E*).
  package init(graph: SupplyGraph, semantics: SupplySemantics, minimumShare: Double? = nil) {
    self.graph = graph
    self.semantics = semantics
    self.minimumShare = minimumShare
    // Flow edges in service: a scenario's cut links and the links of failed nodes carry
    // nothing, but stay in their groups.
    var carries = graph.isFlow
    if graph.hasScenario {
      for e in 0..<graph.edgeCount where graph.disabledEdges[e] { carries[e] = false }
    }
    let live = carries
    if let minimumShare, let share = graph.edgeAttributes["share"] {
      for e in 0..<graph.edgeCount where carries[e] {
        if let s = share.number(at: e), s < minimumShare { carries[e] = false }
      }
    }
    self.carries = carries
    if carries == live {
      supplyOut = graph.flowOut
      supplyIn = graph.flowIn
    } else {
      supplyOut = CompressedAdjacency(
        nodeCount: graph.nodeCount, from: graph.sources, to: graph.targets, include: carries)
      supplyIn = CompressedAdjacency(
        nodeCount: graph.nodeCount, from: graph.targets, to: graph.sources, include: carries)
    }
    var groupOfEdge = [Int32](repeating: -1, count: graph.edgeCount)
    var groupCount = [Int32](repeating: 0, count: graph.nodeCount)
    var nodeOfGroup: [NodeIndex] = []
    var groupLabel: [Int32] = []
    switch semantics {
    case .or:
      for v in graph.nodes where graph.dependencyIn.degree(of: v) > 0 {
        let g = Int32(nodeOfGroup.count)
        nodeOfGroup.append(v)
        groupLabel.append(-1)
        groupCount[Int(v)] = 1
        for e in graph.dependencyIn.edges(of: v) { groupOfEdge[Int(e)] = g }
      }
    case .parts:
      let pg = graph.partGroups
      nodeOfGroup = [NodeIndex](repeating: 0, count: pg.groupCount)
      for v in graph.nodes {
        let groups = pg.groups(of: v)
        groupCount[Int(v)] = Int32(groups.count)
        for g in groups {
          nodeOfGroup[g] = v
          for i in pg.members(of: g) { groupOfEdge[Int(pg.edges[i])] = Int32(g) }
        }
      }
      groupLabel = pg.labels
    }
    self.groupOfEdge = groupOfEdge
    self.groupCount = groupCount
    self.nodeOfGroup = nodeOfGroup
    self.groupLabel = groupLabel
  }

  package var nodeCount: Int { graph.nodeCount }

  /// The groups of `node` (ids into ``nodeOfGroup`` and ``groupLabel``).
  /// - Complexity: O(1) under parts semantics, O(log *V*) under OR.
  package func groups(of node: NodeIndex) -> Range<Int> {
    switch semantics {
    case .parts:
      return graph.partGroups.groups(of: node)
    case .or:
      guard groupCount[Int(node)] > 0 else { return 0..<0 }
      var lo = 0
      var hi = nodeOfGroup.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if nodeOfGroup[mid] < node { lo = mid + 1 } else { hi = mid }
      }
      return lo..<(lo + 1)
    }
  }

  /// Nodes without incoming flow edges that the applied scenario does not fail: supplied
  /// unless they fail.
  package var origins: [NodeIndex] {
    graph.nodes.filter { groupCount[Int($0)] == 0 && !graph.isFailed($0) }
  }
}
