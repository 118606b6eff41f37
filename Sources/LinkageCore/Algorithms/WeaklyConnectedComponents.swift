//===----------------------------------------------------------------------===//
// weaklyConnectedComponents()
//===----------------------------------------------------------------------===//

/// A partition of the nodes into components.
package struct ComponentPartition: Sendable {
  /// The component of each node, numbered `0..<count` in order of each component's smallest
  /// node index.
  package let component: [Int32]
  /// The number of nodes in each component.
  package let sizes: [Int]

  package var count: Int { sizes.count }

  /// The size of the largest component (0 for an empty graph).
  package var largest: Int { sizes.max() ?? 0 }
}

extension SupplyGraph {
  /// Returns the weakly connected components over all edges (direction and role ignored).
  ///
  /// Union–find with path halving and union by size, then a relabeling pass so that the
  /// numbering depends only on node order.
  ///
  ///     let parts = graph.weaklyConnectedComponents()
  ///     parts.count     // 18 for the ETO semiconductor data
  ///
  /// - Returns: The component of every node and the size of every component.
  /// - Complexity: O(*E* α(*V*) + *V*) time and O(*V*) extra space, where *V* is the number of
  ///   nodes and *E* the number of edges.
  package func weaklyConnectedComponents() -> ComponentPartition {
    let n = nodeCount
    var parent = [Int32](0..<Int32(n))
    var size = [Int32](repeating: 1, count: n)
    parent.withUnsafeMutableBufferPointer { parent in
      size.withUnsafeMutableBufferPointer { size in
        @inline(__always) func find(_ x: Int32) -> Int32 {
          var x = x
          while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
          }
          return x
        }
        for e in 0..<edgeCount {
          var a = find(sources[e])
          var b = find(targets[e])
          if a == b { continue }
          if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
          parent[Int(b)] = a
          size[Int(a)] += size[Int(b)]
        }
        for v in 0..<n { parent[v] = find(Int32(v)) }
      }
    }
    var label = [Int32](repeating: -1, count: n)
    var component = [Int32](repeating: 0, count: n)
    var sizes: [Int] = []
    for v in 0..<n {
      let root = Int(parent[v])
      if label[root] < 0 {
        label[root] = Int32(sizes.count)
        sizes.append(0)
      }
      component[v] = label[root]
      sizes[Int(label[root])] += 1
    }
    return ComponentPartition(component: component, sizes: sizes)
  }
}
