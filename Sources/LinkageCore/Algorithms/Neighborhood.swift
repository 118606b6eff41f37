//===----------------------------------------------------------------------===//
// neighborhood(of:hops:)
//===----------------------------------------------------------------------===//

extension SupplyGraph {
  /// `core` and the nodes within `hops` edges of it in either direction, in breadth-first
  /// order (out-neighbors before in-neighbors).
  /// - Complexity: O(*V* + edges reached): one breadth-first ``GraphSearch``.
  package func neighborhood(of core: [NodeIndex], hops: Int) -> [NodeIndex] {
    var search = GraphSearch(nodeCount: nodeCount)
    search.run(from: core, over: [outgoing, incoming], maximumDistance: Double(hops))
    return search.settled
  }
}
