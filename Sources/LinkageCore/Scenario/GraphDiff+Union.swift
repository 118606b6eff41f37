//===----------------------------------------------------------------------===//
// union(old:new:)
//===----------------------------------------------------------------------===//

/// Both sides of a ``GraphDiff`` in one graph, for drawing: the new graph (its scenario
/// included) with the removed nodes and links put back.
package struct DiffUnion: Sendable {
  package let graph: SupplyGraph
  /// The removed nodes, as indices in ``graph``.
  package let removedNodes: [NodeIndex]
  /// The removed links, as indices in ``graph``.
  package let removedEdges: [EdgeIndex]
}

extension GraphDiff {
  /// The new graph with what the old one had and the new one lacks put back. Nodes and links
  /// of `new` keep their indices (and its scenario's failures and cuts); the removed ones
  /// come after them.
  /// - Complexity: O(*V* + *E*) of both graphs.
  package func union(old: SupplyGraph, new: SupplyGraph) -> DiffUnion {
    var b = SupplyGraphBuilder()
    b.contextRelations = old.contextRelations
    var inPart = [NodeIndex](repeating: -1, count: old.nodeCount)
    func place(_ v: NodeIndex, withFields: Bool) -> NodeIndex {
      if inPart[Int(v)] >= 0 { return inPart[Int(v)] }
      // A node still in the new graph enters under its new key, so the join finds it.
      let w = newOfOld[Int(v)]
      let id = w >= 0 ? new.id(of: w) : old.id(of: v)
      let i =
        withFields && w < 0
        ? b.addNode(
          id: id, name: old.writtenName(of: v), kind: old.kindLabel(of: v),
          sector: old.sectorLabel(of: v), stage: old.stageLabel(of: v), tier: old.tier(of: v),
          requires: old.requirement(of: v), attributes: old.nodeAttributes.values(at: Int(v))
        ).index
        : b.addNode(id: id).index
      inPart[Int(v)] = i
      return i
    }
    for v in removedNodes { _ = place(v, withFields: true) }
    for e in removedEdges {
      let s = place(old.source(of: e), withFields: true)
      let t = place(old.target(of: e), withFields: true)
      b.addEdge(
        from: s, to: t, relation: old.relation(of: e).name, part: old.part(of: e),
        attributes: old.edgeAttributes.values(at: Int(e)))
    }
    let joined = new.adding(b.build())
    var cut: [EdgeIndex] = []
    for e in new.edges where new.isDisabled(e) { cut.append(e) }
    let failed = new.nodes.filter { new.isFailed($0) }
    let graph =
      failed.isEmpty && cut.isEmpty ? joined.graph : joined.graph.applying(failed: failed, cut: cut)
    return DiffUnion(
      graph: graph, removedNodes: joined.addedNodes, removedEdges: Array(joined.addedEdges))
  }
}
