/// What a graph holds at a glance: counts by kind, sector, stage and relation; origins,
/// buyers and sinks of the flow graph; components; whether flow is acyclic and its longest
/// chain.
package struct GraphSummary: Sendable {
  /// A label and how many nodes or edges carry it.
  package struct Count: Hashable, Sendable {
    package let label: String
    package let count: Int
  }

  /// Relation counts also say the role the relation plays.
  package struct RelationCount: Hashable, Sendable {
    package let relation: String
    package let role: RelationRole
    package let isKnown: Bool
    package let count: Int
  }

  /// The cycles of the flow graph, when it has any.
  package struct Cycles: Sendable {
    /// Strongly connected components with more than one node, or a self-loop.
    package let componentCount: Int
    /// Nodes that lie on a cycle.
    package let nodeCount: Int
    /// The largest such component's nodes, by index.
    package let largest: [NodeIndex]
  }

  package let name: String?
  package let nodeCount: Int
  package let edgeCount: Int
  package let flowEdgeCount: Int
  /// Kinds in the design's order, then unknown kinds by label; only those present.
  package let kinds: [Count]
  package let sectors: [Count]
  package let stages: [Count]
  package let relations: [RelationCount]
  /// Nodes with outgoing but no incoming flow edges.
  package let origins: [NodeIndex]
  /// Nodes with incoming but no outgoing flow edges.
  package let sinks: [NodeIndex]
  /// Nodes with no flow edge at all.
  package let isolated: [NodeIndex]
  /// Buyers, and their count per sector.
  package let buyers: [NodeIndex]
  package let buyersBySector: [Count]
  package let weakComponents: ComponentPartition
  /// A topological order exists.
  package let isFlowAcyclic: Bool
  /// A longest flow chain, when acyclic.
  package let longestChain: Path?
  package let cycles: Cycles?
  /// Whether the data asks for AND-of-ORs supply semantics (`part` labels or `requires: all`).
  package let hasPartStructure: Bool
}

extension SupplyGraph {
  /// Returns the summary of this graph.
  ///
  /// - Complexity: O(*V* + *E*) time and O(*V*) extra space.
  package func summary() -> GraphSummary {
    func tally<T: Hashable>(_ values: some Sequence<T>) -> [T: Int] {
      var counts: [T: Int] = [:]
      for v in values { counts[v, default: 0] += 1 }
      return counts
    }
    // Kinds: known kinds in design order, then unknown labels alphabetically.
    var kindCounts: [GraphSummary.Count] = []
    let byKind = tally(kinds)
    for k in NodeKind.known where byKind[k] != nil {
      kindCounts.append(.init(label: k.name, count: byKind[k]!))
    }
    if byKind[.other] != nil {
      let otherLabels = tally(
        nodes.lazy.filter { self.kinds[Int($0)] == .other }.map {
          self.kindLabel(of: $0) ?? "(none)"
        })
      for (label, count) in otherLabels.sorted(by: { $0.key < $1.key }) {
        kindCounts.append(.init(label: label, count: count))
      }
    }
    func labelCounts(_ codes: [Int32], _ labels: [String], order: [String]) -> [GraphSummary.Count]
    {
      let byCode = tally(codes.lazy.filter { $0 >= 0 })
      var byLabel: [String: Int] = [:]
      for (c, n) in byCode { byLabel[labels[Int(c)], default: 0] += n }
      let known = order.filter { byLabel[$0] != nil }
      let unknown = byLabel.keys.filter { !order.contains($0) }.sorted()
      return (known + unknown).map { .init(label: $0, count: byLabel[$0]!) }
    }
    let sectorCounts = labelCounts(sectorCodes, sectorLabels, order: Sector.allCases.map(\.name))
    let stageCounts = labelCounts(stageCodes, stageLabels, order: Stage.allCases.map(\.name))
    let byRelation = tally(relationCodes)
    let relationCounts = relations.indices.compactMap { c -> GraphSummary.RelationCount? in
      guard let n = byRelation[Int32(c)] else { return nil }
      let r = relations[c]
      return .init(relation: r.name, role: r.role, isKnown: r.isKnown, count: n)
    }.sorted { a, b in
      let ia = Relation.knownNames.firstIndex(of: a.relation) ?? Int.max
      let ib = Relation.knownNames.firstIndex(of: b.relation) ?? Int.max
      return ia != ib ? ia < ib : a.relation < b.relation
    }
    var origins: [NodeIndex] = []
    var sinks: [NodeIndex] = []
    var isolated: [NodeIndex] = []
    for v in nodes {
      let i = flowIn.degree(of: v)
      let o = flowOut.degree(of: v)
      if i == 0 && o == 0 {
        isolated.append(v)
      } else if i == 0 {
        origins.append(v)
      } else if o == 0 {
        sinks.append(v)
      }
    }
    let buyers = nodes.filter { kinds[Int($0)] == .buyer }
    let bySector = tally(buyers.map { sectors[Int($0)] })
    var buyersBySector: [GraphSummary.Count] = Sector.allCases.compactMap { s in
      bySector[s].map { .init(label: s.name, count: $0) }
    }
    if let none = bySector[nil] { buyersBySector.append(.init(label: "(none)", count: none)) }
    let order = flowTopologicalOrder()
    var cycles: GraphSummary.Cycles? = nil
    if order == nil {
      let scc = flowOut.stronglyConnectedComponents()
      var cyclic = [Bool](repeating: false, count: scc.count)
      for (c, size) in scc.sizes.enumerated() where size > 1 { cyclic[c] = true }
      for e in edges where isFlow[Int(e)] && sources[Int(e)] == targets[Int(e)] {
        cyclic[Int(scc.component[Int(sources[Int(e)])])] = true
      }
      var largest = -1
      for c in 0..<scc.count where cyclic[c] {
        if largest < 0 || scc.sizes[c] > scc.sizes[largest] { largest = c }
      }
      let onCycle = nodes.filter { cyclic[Int(scc.component[Int($0)])] }
      cycles = GraphSummary.Cycles(
        componentCount: cyclic.filter { $0 }.count,
        nodeCount: onCycle.count,
        largest: onCycle.filter { Int(scc.component[Int($0)]) == largest })
    }
    return GraphSummary(
      name: name, nodeCount: nodeCount, edgeCount: edgeCount,
      flowEdgeCount: isFlow.lazy.filter { $0 }.count,
      kinds: kindCounts, sectors: sectorCounts, stages: stageCounts, relations: relationCounts,
      origins: origins, sinks: sinks, isolated: isolated,
      buyers: buyers, buyersBySector: buyersBySector,
      weakComponents: weaklyConnectedComponents(),
      isFlowAcyclic: order != nil,
      longestChain: order != nil ? longestFlowChain() : nil,
      cycles: cycles, hasPartStructure: hasPartStructure)
  }
}
