//===----------------------------------------------------------------------===//
// GraphSearch
//===----------------------------------------------------------------------===//

/// The one per-query search of the package: from one or more sources over one or more
/// adjacencies (out, in, or both), breadth first by hops or nearest first by hops or a
/// non-negative edge weight (Dijkstra), within a distance bound, with the caller deciding at
/// each settled node whether to go on.
///
///     var search = GraphSearch(nodeCount: graph.nodeCount)
///     search.run(from: [v], over: [graph.flowOut])      // everything downstream of v
///     search.settled                                    // v first, in breadth-first order
///     search.reached(w), search.distance(of: w), search.path(to: w)
///
/// Its buffers are dense and reused across queries: a generation stamp marks what the current
/// query touched, so a query costs what it visits, not O(*V*). Whole-graph searches (a
/// multi-source forest over every node) are ``CompressedAdjacency/nearestSources(_:maximumHops:include:)``.
package struct GraphSearch {
  /// The order in which nodes are settled.
  package enum Order: Sendable {
    /// First in, first out: by hops, ties in discovery order (the cheapest; needs no heap).
    case breadthFirst
    /// By distance (hops, or the weight), ties by node index: a binary heap.
    case nearestFirst
  }

  /// What to do after settling a node.
  package enum Decision: Sendable {
    /// Queue its neighbours.
    case expand
    /// Settle it, but do not go on from it.
    case skip
    /// End the query here.
    case stop
  }

  private var stamp: [UInt32]
  private var settledStamp: [UInt32]
  private var distances: [Double]
  private var parentEdge: [EdgeIndex]
  private var parentNode: [NodeIndex]
  private var position: [Int32]
  private var generation: UInt32 = 0
  private var queue: [NodeIndex] = []
  /// The nodes of the last query in the order they were settled.
  package private(set) var settled: [NodeIndex] = []

  package init(nodeCount: Int) {
    stamp = [UInt32](repeating: 0, count: nodeCount)
    settledStamp = [UInt32](repeating: 0, count: nodeCount)
    distances = [Double](repeating: 0, count: nodeCount)
    parentEdge = [EdgeIndex](repeating: -1, count: nodeCount)
    parentNode = [NodeIndex](repeating: -1, count: nodeCount)
    position = [Int32](repeating: -1, count: nodeCount)
  }

  /// Whether the last query settled `node`.
  package func reached(_ node: NodeIndex) -> Bool { settledStamp[Int(node)] == generation }

  /// The distance of `node` in the last query (hops or weight; `.infinity` when not settled).
  package func distance(of node: NodeIndex) -> Double {
    reached(node) ? distances[Int(node)] : .infinity
  }

  /// Where `node` is in ``settled`` (nil when the last query did not settle it).
  package func rank(of node: NodeIndex) -> Int? {
    reached(node) ? Int(position[Int(node)]) : nil
  }

  /// The route of the last query from its source to `node` (nil when not settled): nodes in
  /// the order the search walked them, and the edges it took.
  /// - Complexity: O(*d*) for a route of *d* edges.
  package func path(to node: NodeIndex) -> Path? {
    guard reached(node) else { return nil }
    var nodes = [node]
    var edges: [EdgeIndex] = []
    var v = node
    while parentEdge[Int(v)] >= 0 {
      edges.append(parentEdge[Int(v)])
      v = parentNode[Int(v)]
      nodes.append(v)
    }
    return Path(nodes: nodes.reversed(), edges: edges.reversed())
  }

  /// Runs one query, replacing the last one's answers.
  ///
  /// - Parameters:
  ///   - sources: where the search starts, at distance 0.
  ///   - adjacencies: the edges to follow from a node, taken in this order (e.g.
  ///     `[graph.outgoing, graph.incoming]` for both directions).
  ///   - order: breadth first (by hops only) or nearest first.
  ///   - weight: the cost of each edge (nil: every edge costs 1, i.e. hops); non-negative.
  ///     Ignored by `.breadthFirst`.
  ///   - maximumDistance: nodes farther than this are not reached.
  ///   - include: which edges may be followed (nil: all).
  ///   - visit: called once per settled node with its distance, in settle order.
  /// - Complexity: O(*V'* + *E'*) for the *V'* nodes and *E'* edges reached breadth first;
  ///   O((*V'* + *E'*) log *E'*) nearest first. No O(*V*) work per query.
  package mutating func run(
    from sources: some Sequence<NodeIndex>, over adjacencies: [CompressedAdjacency],
    order: Order = .breadthFirst, weight: [Double]? = nil,
    maximumDistance: Double = .infinity, include: [Bool]? = nil,
    visit: (NodeIndex, Double) -> Decision = { _, _ in .expand }
  ) {
    generation &+= 1
    if generation == 0 {
      for i in stamp.indices {
        stamp[i] = 0
        settledStamp[i] = 0
      }
      generation = 1
    }
    let gen = generation
    settled.removeAll(keepingCapacity: true)
    func settle(_ u: NodeIndex) {
      settledStamp[Int(u)] = gen
      position[Int(u)] = Int32(settled.count)
      settled.append(u)
    }
    switch order {
    case .breadthFirst:
      queue.removeAll(keepingCapacity: true)
      for s in sources where stamp[Int(s)] != gen {
        discover(s, distance: 0, edge: -1, from: -1)
        queue.append(s)
      }
      var head = 0
      while head < queue.count {
        let u = queue[head]
        head += 1
        settle(u)
        let d = distances[Int(u)]
        switch visit(u, d) {
        case .stop: return
        case .skip: continue
        case .expand: break
        }
        guard d + 1 <= maximumDistance else { continue }
        for adjacency in adjacencies {
          for i in adjacency.range(of: u) {
            let w = adjacency.neighbors[i]
            if stamp[Int(w)] == gen { continue }
            let e = adjacency.edges[i]
            if let include, !include[Int(e)] { continue }
            discover(w, distance: d + 1, edge: e, from: u)
            queue.append(w)
          }
        }
      }
    case .nearestFirst:
      var heap = KeyedHeap()
      for s in sources where stamp[Int(s)] != gen {
        discover(s, distance: 0, edge: -1, from: -1)
        heap.push(0, 0, s)
      }
      while let (d, _, u) = heap.pop() {
        if settledStamp[Int(u)] == gen || d > distances[Int(u)] { continue }
        settle(u)
        switch visit(u, d) {
        case .stop: return
        case .skip: continue
        case .expand: break
        }
        for adjacency in adjacencies {
          for i in adjacency.range(of: u) {
            let w = adjacency.neighbors[i]
            let e = adjacency.edges[i]
            if let include, !include[Int(e)] { continue }
            let nd = d + (weight?[Int(e)] ?? 1)
            if nd > maximumDistance || settledStamp[Int(w)] == gen { continue }
            if stamp[Int(w)] != gen || nd < distances[Int(w)] {
              discover(w, distance: nd, edge: e, from: u)
              heap.push(nd, 0, w)
            }
          }
        }
      }
    }
  }

  private mutating func discover(
    _ w: NodeIndex, distance: Double, edge: EdgeIndex, from u: NodeIndex
  ) {
    stamp[Int(w)] = generation
    distances[Int(w)] = distance
    parentEdge[Int(w)] = edge
    parentNode[Int(w)] = u
  }
}
