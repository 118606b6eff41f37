//===----------------------------------------------------------------------===//
// adding(_:)
//===----------------------------------------------------------------------===//

/// What ``SupplyGraph/adding(_:)`` made: the combined graph and what in it is new.
package struct GraphAddition: Sendable {
  /// The base graph with the addition on top.
  package let graph: SupplyGraph
  /// Nodes the addition brought (indices in ``graph``), in the addition's order.
  package let addedNodes: [NodeIndex]
  /// Edges the addition brought (indices in ``graph``): every edge at or after the base's
  /// edge count.
  package let addedEdges: Range<EdgeIndex>
  /// Nodes of the base that the addition also lists with fields or attributes of its own,
  /// which are ignored: an addition adds, it does not edit (base indices).
  package let restated: [NodeIndex]
}

extension SupplyGraph {
  /// Returns this graph with `addition`'s nodes and edges added on top: a node whose id this
  /// graph has is that node (the addition may name it to link to it, and its fields there are
  /// ignored), any other is new; every edge of the addition is new. The name, description and
  /// existing nodes and edges keep their indices; context relations are joined.
  ///
  ///     let plus = base.adding(newSupplier)
  ///     plus.addedNodes    // the new supplier
  ///
  /// - Complexity: O(*V* + *E* + attribute values) of both graphs.
  package func adding(_ addition: SupplyGraph) -> GraphAddition {
    var builder = SupplyGraphBuilder(
      expectedNodes: nodeCount + addition.nodeCount, expectedEdges: edgeCount + addition.edgeCount)
    builder.name = name
    builder.description = description
    var context = contextRelations
    for r in addition.contextRelations where !context.contains(r) { context.append(r) }
    builder.contextRelations = context
    func copyNode(of g: SupplyGraph, _ v: NodeIndex) -> NodeIndex {
      let insertion = builder.addNode(
        id: g.id(of: v), name: g.writtenName(of: v), kind: g.kindLabel(of: v),
        sector: g.sectorLabel(of: v), stage: g.stageLabel(of: v), tier: g.tier(of: v),
        requires: g.requirement(of: v), attributes: g.nodeAttributes.values(at: Int(v)))
      return insertion.index
    }
    for v in nodes { _ = copyNode(of: self, v) }
    var map = [NodeIndex](repeating: -1, count: addition.nodeCount)
    var added: [NodeIndex] = []
    var restated: [NodeIndex] = []
    for v in addition.nodes {
      if let existing = index(of: addition.id(of: v)) {
        map[Int(v)] = existing
        if addition.hasOwnFields(v) { restated.append(existing) }
      } else {
        let w = copyNode(of: addition, v)
        map[Int(v)] = w
        added.append(w)
      }
    }
    func copyEdge(of g: SupplyGraph, _ e: EdgeIndex, _ s: NodeIndex, _ t: NodeIndex) {
      builder.addEdge(
        from: s, to: t, relation: g.relation(of: e).name, part: g.part(of: e),
        attributes: g.edgeAttributes.values(at: Int(e)))
    }
    for e in edges { copyEdge(of: self, e, sources[Int(e)], targets[Int(e)]) }
    for e in addition.edges {
      copyEdge(
        of: addition, e, map[Int(addition.sources[Int(e)])], map[Int(addition.targets[Int(e)])])
    }
    return GraphAddition(
      graph: builder.build(), addedNodes: added,
      addedEdges: EdgeIndex(edgeCount)..<EdgeIndex(edgeCount + addition.edgeCount),
      restated: restated)
  }

  /// Whether `node` has anything besides its id: a name, kind, sector, stage, tier,
  /// requirement or attribute.
  func hasOwnFields(_ node: NodeIndex) -> Bool {
    writtenName(of: node) != nil || kindLabel(of: node) != nil || sectorLabel(of: node) != nil
      || stageLabel(of: node) != nil || tier(of: node) != nil
      || requirement(of: node) != .unspecified
      || !nodeAttributes.values(at: Int(node)).isEmpty
  }
}
