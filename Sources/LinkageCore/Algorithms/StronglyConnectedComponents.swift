//===----------------------------------------------------------------------===//
// stronglyConnectedComponents()
//===----------------------------------------------------------------------===//

extension CompressedAdjacency {
  /// Returns the strongly connected components.
  ///
  /// Tarjan's algorithm (1972) run with an explicit stack, so a chain of a million nodes
  /// does not overflow the call stack. Components are numbered in the order Tarjan completes
  /// them, which is a reverse topological order of the condensation: every entry between two
  /// components goes from a higher number to a lower one.
  ///
  /// - Returns: The component of every node and each component's size.
  /// - Complexity: O(*V* + *E*) time and O(*V*) extra space.
  package func stronglyConnectedComponents() -> ComponentPartition {
    let n = nodeCount
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var component = [Int32](repeating: -1, count: n)
    var sizes: [Int] = []
    var stack: [NodeIndex] = []
    // Call stack frames: the node and the position of the next entry to scan.
    var frames: [(node: NodeIndex, next: Int)] = []
    var counter: Int32 = 0
    for root in 0..<n where index[root] < 0 {
      frames.append((NodeIndex(root), Int(offsets[root])))
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(NodeIndex(root))
      onStack[root] = true
      while let top = frames.last {
        let v = Int(top.node)
        let end = Int(offsets[v + 1])
        var next = top.next
        var descended = false
        while next < end {
          let w = Int(neighbors[next])
          next += 1
          if index[w] < 0 {
            frames[frames.count - 1].next = next
            index[w] = counter
            low[w] = counter
            counter += 1
            stack.append(NodeIndex(w))
            onStack[w] = true
            frames.append((NodeIndex(w), Int(offsets[w])))
            descended = true
            break
          } else if onStack[w] {
            low[v] = min(low[v], index[w])
          }
        }
        if descended { continue }
        frames.removeLast()
        if let parent = frames.last {
          low[Int(parent.node)] = min(low[Int(parent.node)], low[v])
        }
        if low[v] == index[v] {
          let c = Int32(sizes.count)
          var size = 0
          while true {
            let w = Int(stack.removeLast())
            onStack[w] = false
            component[w] = c
            size += 1
            if w == v { break }
          }
          sizes.append(size)
        }
      }
    }
    return ComponentPartition(component: component, sizes: sizes)
  }
}
