//===----------------------------------------------------------------------===//
// longestFlowChain()
//===----------------------------------------------------------------------===//

extension SupplyGraph {
  /// Returns a longest chain of flow edges (most edges), or `nil` when the flow graph has a
  /// cycle (the question has no finite answer then).
  ///
  /// Dynamic programming over a topological order. Among chains of equal length the one
  /// ending at the smallest node index, reached through the smallest predecessor, is returned,
  /// so the answer is deterministic. An edgeless graph gives a one-node chain.
  ///
  /// - Returns: The chain, or `nil` for a cyclic flow graph or a graph without nodes.
  /// - Complexity: O(*V* + *E*) time and O(*V*) extra space, over flow edges.
  package func longestFlowChain() -> Path? {
    guard nodeCount > 0, let order = flowTopologicalOrder() else { return nil }
    var length = [Int32](repeating: 0, count: nodeCount)
    var via = [EdgeIndex](repeating: -1, count: nodeCount)
    for v in order {
      for i in flowIn.range(of: v) {
        let u = Int(flowIn.neighbors[i])
        let candidate = length[u] + 1
        let e = flowIn.edges[i]
        if candidate > length[Int(v)]
          || (candidate == length[Int(v)] && via[Int(v)] >= 0 && u < Int(sources[Int(via[Int(v)])]))
        {
          length[Int(v)] = candidate
          via[Int(v)] = e
        }
      }
    }
    var end = 0
    for v in 0..<nodeCount where length[v] > length[end] { end = v }
    var nodes: [NodeIndex] = [NodeIndex(end)]
    var edges: [EdgeIndex] = []
    var v = end
    while via[v] >= 0 {
      edges.append(via[v])
      v = Int(sources[Int(via[v])])
      nodes.append(NodeIndex(v))
    }
    return Path(nodes: nodes.reversed(), edges: edges.reversed())
  }
}
