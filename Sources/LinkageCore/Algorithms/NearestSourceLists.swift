//===----------------------------------------------------------------------===//
// nearestSourceLists(…)
//===----------------------------------------------------------------------===//

/// For every node, its *k* nearest sources (itself excluded), nearest first: the bounded
/// "which buyers does each node reach first" lists of a reach report, for all nodes at once.
///
///     let lists = graph.flowIn.nearestSourceLists(buyers, count: 5)
///     lists.sources(of: v)   // up to 5 buyers v reaches, by hops, ties by index
///
/// Found by label propagation from all sources at once (a multi-source search in which every
/// node keeps up to *k* + 1 labels): labels are settled in (distance, source index) order, so
/// each node's list is exactly the *k* smallest (distance, source) pairs over the sources it
/// reaches — the same answer as a search from every node, without one.
public struct NearestSourceLists: Sendable {
  /// How many sources each list holds at most.
  public let count: Int
  private let stride: Int
  private let items: [NodeIndex]
  private let filled: [Int32]

  fileprivate init(count: Int, stride: Int, items: [NodeIndex], filled: [Int32]) {
    self.count = count
    self.stride = stride
    self.items = items
    self.filled = filled
  }

  /// Up to ``count`` sources that `node` reaches (never `node` itself), nearest first, ties
  /// by index.
  /// - Complexity: O(1) to make the slice.
  public func sources(of node: NodeIndex) -> ArraySlice<NodeIndex> {
    let start = Int(node) * stride
    return items[start..<(start + min(Int(filled[Int(node)]), count))]
  }
}

extension CompressedAdjacency {
  /// Returns, for every node, up to `count` nearest of `sources` over this adjacency by hops
  /// (over an *incoming* adjacency: the sources each node reaches first), a node never
  /// listing itself.
  ///
  /// - Parameters:
  ///   - sources: the sources, in increasing index order (ties go to the smaller index).
  ///   - count: how many per node (at least 1).
  ///   - maximumHops: sources farther than this are not listed.
  /// - Complexity: O(*k* (*V* + *E*)) time and O(*k* *V*) space, where *k* is `count`.
  public func nearestSourceLists(
    _ sources: [NodeIndex], count: Int, maximumHops: Int = .max
  ) -> NearestSourceLists {
    precondition(count >= 1, "nearestSourceLists needs count >= 1")
    let n = nodeCount
    // One label more than listed: a node's own label may arrive through a neighbour, and the
    // neighbour must still hand on `count` others.
    let stride = count + 1
    var items = [NodeIndex](repeating: -1, count: n * stride)
    var filled = [Int32](repeating: 0, count: n)
    // A frontier of (source, node) pairs at one distance. Processing it in source order and
    // appending in that order keeps the next frontier sorted by source as well.
    var frontierSource: [NodeIndex] = sources
    var frontierNode: [NodeIndex] = sources
    var nextSource: [NodeIndex] = []
    var nextNode: [NodeIndex] = []
    var level = 0
    items.withUnsafeMutableBufferPointer { items in
      filled.withUnsafeMutableBufferPointer { filled in
        while !frontierNode.isEmpty {
          let expand = level < maximumHops
          for k in 0..<frontierNode.count {
            let b = frontierSource[k]
            let u = Int(frontierNode[k])
            if level > 0 {
              if Int(b) == u { continue }
              let have = Int(filled[u])
              if have >= stride { continue }
              let base = u * stride
              var seen = false
              for j in 0..<have where items[base + j] == b {
                seen = true
                break
              }
              if seen { continue }
              items[base + have] = b
              filled[u] = Int32(have + 1)
            }
            guard expand else { continue }
            for i in Int(offsets[u])..<Int(offsets[u + 1]) {
              let p = neighbors[i]
              if Int(filled[Int(p)]) < stride && p != b {
                nextSource.append(b)
                nextNode.append(p)
              }
            }
          }
          swap(&frontierSource, &nextSource)
          swap(&frontierNode, &nextNode)
          nextSource.removeAll(keepingCapacity: true)
          nextNode.removeAll(keepingCapacity: true)
          level += 1
        }
      }
    }
    return NearestSourceLists(count: count, stride: stride, items: items, filled: filled)
  }

  /// Like ``nearestSourceLists(_:count:maximumHops:)`` but by the sum of a non-negative edge
  /// weight, `weight[e]` the cost of edge `e`: a Dijkstra search over (distance, source)
  /// labels.
  /// - Complexity: O(*k* (*V* + *E*) log(*k* *E*)) time and O(*k* (*V* + *E*)) space.
  public func nearestSourceLists(
    _ sources: [NodeIndex], count: Int, weight: [Double], maximumDistance: Double = .infinity
  ) -> NearestSourceLists {
    precondition(count >= 1, "nearestSourceLists needs count >= 1")
    let n = nodeCount
    let stride = count + 1
    var items = [NodeIndex](repeating: -1, count: n * stride)
    var filled = [Int32](repeating: 0, count: n)
    // The heap orders by (distance, source, node); the source rides in the tiebreak.
    var heap = KeyedHeap()
    for b in sources { heap.push(0, Double(b), b) }
    while let (d, tie, node) = heap.pop() {
      let b = NodeIndex(tie)
      let u = Int(node)
      if d > 0 || Int(b) != u {
        if Int(b) == u { continue }
        let have = Int(filled[u])
        if have >= stride { continue }
        let base = u * stride
        if items[base..<(base + have)].contains(b) { continue }
        items[base + have] = b
        filled[u] = Int32(have + 1)
      }
      for i in range(of: node) {
        let p = neighbors[i]
        let nd = d + weight[Int(edges[i])]
        if nd <= maximumDistance && Int(filled[Int(p)]) < stride && p != b {
          heap.push(nd, Double(b), p)
        }
      }
    }
    return NearestSourceLists(count: count, stride: stride, items: items, filled: filled)
  }
}
