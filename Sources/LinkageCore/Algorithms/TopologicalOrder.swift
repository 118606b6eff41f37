//===----------------------------------------------------------------------===//
// topologicalOrder()
//===----------------------------------------------------------------------===//

extension CompressedAdjacency {
  /// Returns the nodes in an order where every entry's node comes before its neighbor, or
  /// `nil` when the adjacency has a cycle (a self-loop counts).
  ///
  /// Kahn's algorithm with a FIFO queue seeded in index order, so the order is deterministic.
  ///
  /// - Returns: A topological order of all nodes, or `nil` if there is a cycle.
  /// - Complexity: O(*V* + *E*) time and O(*V*) extra space.
  package func topologicalOrder() -> [NodeIndex]? {
    let n = nodeCount
    var indegree = [Int32](repeating: 0, count: n)
    for w in neighbors { indegree[Int(w)] += 1 }
    var order = [NodeIndex]()
    order.reserveCapacity(n)
    for v in 0..<n where indegree[v] == 0 { order.append(NodeIndex(v)) }
    var head = 0
    while head < order.count {
      let v = order[head]
      head += 1
      for i in range(of: v) {
        let w = Int(neighbors[i])
        indegree[w] -= 1
        if indegree[w] == 0 { order.append(NodeIndex(w)) }
      }
    }
    return order.count == n ? order : nil
  }
}

extension SupplyGraph {
  /// Returns a topological order of the flow graph, or `nil` when flow edges form a cycle.
  /// - Complexity: O(*V* + *E*) time and O(*V*) extra space, over flow edges.
  package func flowTopologicalOrder() -> [NodeIndex]? {
    flowOut.topologicalOrder()
  }
}
