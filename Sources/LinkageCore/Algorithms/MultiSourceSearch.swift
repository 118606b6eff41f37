//===----------------------------------------------------------------------===//
// nearestSources(…)
//===----------------------------------------------------------------------===//

/// For every node, the distance to the nearest of a set of nodes and the next step toward it:
/// a shortest-path forest grown from many sources at once.
package struct ShortestPathForest: Sendable {
  /// Distance to the nearest source (hops, or the edge weight sum); `.infinity` when none is
  /// reachable (within the bound).
  package let distance: [Double]
  /// The edge to follow from each node toward its nearest source (`-1` at sources and
  /// unreached nodes).
  package let next: [EdgeIndex]
  /// Which source each node's path ends at (`-1` when unreached).
  package let nearest: [NodeIndex]
  /// The node that `next` leads to (`-1` where `next` is): the path walks without looking
  /// edges up.
  package let following: [NodeIndex]

  package func reaches(_ node: NodeIndex) -> Bool { nearest[Int(node)] >= 0 }

  /// The path from `node` to its nearest source (nil when unreached).
  /// - Complexity: O(*d*) for a path of *d* edges.
  package func path(from node: NodeIndex) -> Path? {
    var nodes = [node]
    var edges: [EdgeIndex] = []
    let reached = walkPath(from: node) { e, v in
      edges.append(e)
      nodes.append(v)
    }
    return reached ? Path(nodes: nodes, edges: edges) : nil
  }

  /// Walks the path from `node` to its nearest source without storing it: `step(edge, node)`
  /// for each edge taken and the node it leads to. Returns false, calling nothing, when
  /// `node` is unreached.
  /// - Complexity: O(*d*) for a path of *d* edges; no allocation.
  @inline(__always)
  package func walkPath(from node: NodeIndex, _ step: (EdgeIndex, NodeIndex) -> Void) -> Bool {
    guard reaches(node) else { return false }
    var v = node
    while following[Int(v)] >= 0 {
      let e = next[Int(v)]
      v = following[Int(v)]
      step(e, v)
    }
    return true
  }
}

extension CompressedAdjacency {
  /// Returns, for every node, the nearest of `sources` over this adjacency, by hops: a
  /// breadth-first search from all sources at once. Over an *incoming* adjacency this answers
  /// "which target can each node reach first".
  ///
  /// Sources are taken in the order given, so ties go to the earlier source; with the same
  /// input the forest is always the same.
  ///
  /// - Parameters:
  ///   - sources: where the search starts (distance 0).
  ///   - maximumHops: nodes farther than this count as unreached.
  ///   - include: the edges that may be used (`nil`: all).
  /// - Complexity: O(*V* + *E*) time, O(*V*) extra space.
  package func nearestSources(
    _ sources: [NodeIndex], maximumHops: Int = .max, include: [Bool]? = nil
  ) -> ShortestPathForest {
    let n = nodeCount
    var hops = [Int32](repeating: -1, count: n)
    var next = [EdgeIndex](repeating: -1, count: n)
    var following = [NodeIndex](repeating: -1, count: n)
    var nearest = [NodeIndex](repeating: -1, count: n)
    let queue = UnsafeMutablePointer<NodeIndex>.allocate(capacity: max(n, 1))
    defer { queue.deallocate() }
    var tail = 0
    // Raw buffers: this search runs over every node and edge, and is the whole of a reach
    // class computation.
    hops.withUnsafeMutableBufferPointer { hops in
      next.withUnsafeMutableBufferPointer { next in
        following.withUnsafeMutableBufferPointer { following in
          nearest.withUnsafeMutableBufferPointer { nearest in
            for s in sources where hops[Int(s)] < 0 {
              hops[Int(s)] = 0
              nearest[Int(s)] = s
              queue[tail] = s
              tail += 1
            }
            var head = 0
            offsets.withUnsafeBufferPointer { offsets in
              neighbors.withUnsafeBufferPointer { neighbors in
                edges.withUnsafeBufferPointer { edges in
                  while head < tail {
                    let u = Int(queue[head])
                    head += 1
                    let d = hops[u]
                    if Int(d) >= maximumHops { continue }
                    let from = nearest[u]
                    for i in Int(offsets[u])..<Int(offsets[u + 1]) {
                      let w = Int(neighbors[i])
                      if hops[w] >= 0 { continue }
                      if let include, !include[Int(edges[i])] { continue }
                      hops[w] = d + 1
                      next[w] = edges[i]
                      following[w] = NodeIndex(u)
                      nearest[w] = from
                      queue[tail] = NodeIndex(w)
                      tail += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let distance = hops.map { $0 < 0 ? Double.infinity : Double($0) }
    return ShortestPathForest(
      distance: distance, next: next, nearest: nearest, following: following)
  }

  /// Like ``nearestSources(_:maximumHops:include:)`` but by the sum of a non-negative edge
  /// weight (Dijkstra with a binary heap); `weight[e]` is the cost of edge `e`.
  /// - Complexity: O((*V* + *E*) log *V*) time, O(*V*) extra space.
  package func nearestSources(
    _ sources: [NodeIndex], weight: [Double], maximumDistance: Double = .infinity,
    include: [Bool]? = nil
  ) -> ShortestPathForest {
    let n = nodeCount
    var distance = [Double](repeating: .infinity, count: n)
    var next = [EdgeIndex](repeating: -1, count: n)
    var following = [NodeIndex](repeating: -1, count: n)
    var nearest = [NodeIndex](repeating: -1, count: n)
    var done = [Bool](repeating: false, count: n)
    var heap = KeyedHeap()
    for s in sources where distance[Int(s)] > 0 {
      distance[Int(s)] = 0
      nearest[Int(s)] = s
      heap.push(0, 0, s)
    }
    while let (d, _, u) = heap.pop() {
      if done[Int(u)] { continue }
      done[Int(u)] = true
      for i in range(of: u) {
        let e = Int(edges[i])
        if let include, !include[e] { continue }
        let w = Int(neighbors[i])
        let nd = d + weight[e]
        if nd < distance[w] && nd <= maximumDistance {
          distance[w] = nd
          next[w] = EdgeIndex(e)
          following[w] = u
          nearest[w] = nearest[Int(u)]
          heap.push(nd, 0, NodeIndex(w))
        }
      }
    }
    return ShortestPathForest(
      distance: distance, next: next, nearest: nearest, following: following)
  }
}
