//===----------------------------------------------------------------------===//
// neighborhood(of:hops:)
//===----------------------------------------------------------------------===//

extension SupplyGraph {
  /// `core` and the nodes within `hops` edges of it in either direction, in breadth-first
  /// order (out-neighbors before in-neighbors).
  /// - Complexity: O(*V* + edges reached); one dense depth array, no per-node objects.
  package func neighborhood(of core: [NodeIndex], hops: Int) -> [NodeIndex] {
    var depth = [Int32](repeating: -1, count: nodeCount)
    var queue: [NodeIndex] = []
    for v in core where depth[Int(v)] < 0 {
      depth[Int(v)] = 0
      queue.append(v)
    }
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      let d = depth[Int(v)]
      guard d < hops else { continue }
      for side in [outgoing, incoming] {
        for w in side.neighbors(of: v) where depth[Int(w)] < 0 {
          depth[Int(w)] = d + 1
          queue.append(w)
        }
      }
    }
    return queue
  }
}
