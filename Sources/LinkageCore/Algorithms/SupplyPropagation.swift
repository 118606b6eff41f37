//===----------------------------------------------------------------------===//
// suppliedNodes(failed:)
//===----------------------------------------------------------------------===//

extension SupplyNetwork {
  /// Returns which nodes are supplied when the nodes in `failed` fail.
  ///
  /// The least fixed point of the supply rule: an origin is supplied unless it failed; any
  /// other node is supplied when it has not failed and every group has a supplied source over
  /// a carrying edge. Supply that only goes around a cycle, with no origin feeding it, does not
  /// count. Computed by one forward sweep from the origins in which each group is satisfied by
  /// its first supplied source (AND–OR reachability).
  ///
  ///     let supplied = network.suppliedNodes(failed: [asml])
  ///     supplied[chip]  // false under parts semantics
  ///
  /// - Parameter failed: `failed[v]` is true for nodes that fail (besides those the graph's
  ///   scenario fails); `nil` for none.
  /// - Returns: `supplied[v]` for every node.
  /// - Complexity: O(*V* + *E*) time and O(*V* + *G*) extra space, where *G* counts groups.
  package func suppliedNodes(failed: [Bool]? = nil) -> [Bool] {
    var scratch = PropagationScratch(network: self)
    return scratch.run(self, failed: failed)
  }
}

/// Reusable buffers for repeated propagation (simulations run thousands of them).
struct PropagationScratch {
  var supplied: [Bool]
  var unsatisfied: [Int32]
  var satisfied: [Bool]
  var queue: [NodeIndex]

  init(network: SupplyNetwork) {
    supplied = [Bool](repeating: false, count: network.nodeCount)
    unsatisfied = network.groupCount
    satisfied = [Bool](repeating: false, count: network.nodeOfGroup.count)
    queue = []
    queue.reserveCapacity(network.nodeCount)
  }

  mutating func run(_ network: SupplyNetwork, failed asked: [Bool]?) -> [Bool] {
    let n = network.nodeCount
    // The scenario's failures hold in every propagation.
    var failed = asked
    if !network.graph.failedNodes.isEmpty {
      if var merged = asked {
        for v in 0..<n where network.graph.failedNodes[v] { merged[v] = true }
        failed = merged
      } else {
        failed = network.graph.failedNodes
      }
    }
    for v in 0..<n { supplied[v] = false }
    for g in 0..<satisfied.count { satisfied[g] = false }
    for v in 0..<n { unsatisfied[v] = network.groupCount[v] }
    queue.removeAll(keepingCapacity: true)
    for v in 0..<n where network.groupCount[v] == 0 && !(failed?[v] ?? false) {
      supplied[v] = true
      queue.append(NodeIndex(v))
    }
    var head = 0
    let out = network.supplyOut
    while head < queue.count {
      let u = queue[head]
      head += 1
      for i in out.range(of: u) {
        let g = Int(network.groupOfEdge[Int(out.edges[i])])
        if satisfied[g] { continue }
        satisfied[g] = true
        let w = Int(out.neighbors[i])
        unsatisfied[w] -= 1
        if unsatisfied[w] == 0 && !supplied[w] && !(failed?[w] ?? false) {
          supplied[w] = true
          queue.append(NodeIndex(w))
        }
      }
    }
    return supplied
  }
}
