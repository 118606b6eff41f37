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
package struct NearestSourceLists: Sendable {
  /// How many sources each list holds at most.
  package let count: Int
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
  package func sources(of node: NodeIndex) -> ArraySlice<NodeIndex> {
    let start = Int(node) * stride
    return items[start..<(start + min(Int(filled[Int(node)]), count))]
  }

  /// Calls `body` with each of ``sources(of:)`` in order, without making a slice.
  /// - Complexity: O(``count``).
  @inline(__always)
  package func forEachSource(of node: NodeIndex, _ body: (NodeIndex) -> Void) {
    let start = Int(node) * stride
    for i in start..<(start + min(Int(filled[Int(node)]), count)) { body(items[i]) }
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
  package func nearestSourceLists(
    _ sources: [NodeIndex], count: Int, maximumHops: Int = .max
  ) -> NearestSourceLists {
    precondition(count >= 1, "nearestSourceLists needs count >= 1")
    var labels = LabelTable(nodeCount: nodeCount, count: count)
    // A frontier of (source, node) pairs at one distance. Processing it in source order and
    // appending in that order keeps the next frontier sorted by source as well.
    var frontierSource: [NodeIndex] = sources
    var frontierNode: [NodeIndex] = sources
    var nextSource: [NodeIndex] = []
    var nextNode: [NodeIndex] = []
    // The last source handed to each node. A frontier is in source order, so one source's
    // pairs are contiguous and a repeat of (source, node) in the next frontier is always the
    // last pair handed to that node: skipping it keeps every frontier free of duplicates.
    var lastHanded = [NodeIndex](repeating: -1, count: nodeCount)
    var level = 0
    while !frontierNode.isEmpty {
      let expand = level < maximumHops
      for k in 0..<frontierNode.count {
        let b = frontierSource[k]
        let u = frontierNode[k]
        // Level 0 holds the sources themselves: handed on, never listed.
        if level > 0 && !labels.accept(b, at: u) { continue }
        guard expand else { continue }
        for i in Int(offsets[Int(u)])..<Int(offsets[Int(u) + 1]) {
          let p = neighbors[i]
          if p != b && lastHanded[Int(p)] != b && labels.hasRoom(p) {
            lastHanded[Int(p)] = b
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
    return labels.lists
  }

  /// Like ``nearestSourceLists(_:count:maximumHops:)`` but by the sum of a non-negative edge
  /// weight, `weight[e]` the cost of edge `e`: a Dijkstra search over (distance, source)
  /// labels.
  /// - Complexity: O(*k* (*V* + *E*) log(*k* *E*)) time and O(*k* (*V* + *E*)) space.
  package func nearestSourceLists(
    _ sources: [NodeIndex], count: Int, weight: [Double], maximumDistance: Double = .infinity
  ) -> NearestSourceLists {
    precondition(count >= 1, "nearestSourceLists needs count >= 1")
    var labels = LabelTable(nodeCount: nodeCount, count: count)
    // The heap orders by (distance, source, node); the source rides in the tiebreak.
    var heap = KeyedHeap()
    for b in sources { heap.push(0, Double(b), b) }
    while let (d, tie, u) = heap.pop() {
      let b = NodeIndex(tie)
      // (0, b, b) is a source itself: handed on, never listed.
      if (d > 0 || b != u) && !labels.accept(b, at: u) { continue }
      for i in range(of: u) {
        let p = neighbors[i]
        let nd = d + weight[Int(edges[i])]
        if nd <= maximumDistance && p != b && labels.hasRoom(p) {
          heap.push(nd, Double(b), p)
        }
      }
    }
    return labels.lists
  }
}

/// The labels found so far: up to `count` + 1 sources per node, in the order they settle.
/// One label more than listed, because a node's own label may arrive through a neighbour,
/// and the neighbour must still hand on `count` others.
private struct LabelTable {
  let count: Int
  let stride: Int
  var items: [NodeIndex]
  var filled: [Int32]

  init(nodeCount: Int, count: Int) {
    self.count = count
    stride = count + 1
    items = [NodeIndex](repeating: -1, count: nodeCount * stride)
    filled = [Int32](repeating: 0, count: nodeCount)
  }

  /// Whether `node` can take another label.
  func hasRoom(_ node: NodeIndex) -> Bool { Int(filled[Int(node)]) < stride }

  /// Records that `node` reaches `source`, unless it is the node itself, already listed, or
  /// the node is full. Returns whether the label was taken (and so is to be handed on).
  /// - Complexity: O(*k*).
  mutating func accept(_ source: NodeIndex, at node: NodeIndex) -> Bool {
    let u = Int(node)
    let have = Int(filled[u])
    guard source != node, have < stride else { return false }
    let base = u * stride
    for j in base..<(base + have) where items[j] == source { return false }
    items[base + have] = source
    filled[u] = Int32(have + 1)
    return true
  }

  var lists: NearestSourceLists {
    NearestSourceLists(count: count, stride: stride, items: items, filled: filled)
  }
}
