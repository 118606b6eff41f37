import LinkageCore
import LinkageTestSupport
import Testing

@Suite("GraphSearch against brute force")
struct GraphSearchTests {
  /// Shortest distances from `sources` by relaxing every edge until nothing changes
  /// (Bellman–Ford), over the edges of `adjacency` whose `include` is true.
  static func bruteDistances(
    _ adjacency: CompressedAdjacency, from sources: [NodeIndex], weight: (EdgeIndex) -> Double,
    include: [Bool]?
  ) -> [Double] {
    var d = [Double](repeating: .infinity, count: adjacency.nodeCount)
    for s in sources { d[Int(s)] = 0 }
    var changed = true
    while changed {
      changed = false
      for u in 0..<adjacency.nodeCount where d[u].isFinite {
        for i in adjacency.range(of: NodeIndex(u)) {
          let e = adjacency.edges[i]
          if let include, !include[Int(e)] { continue }
          let w = Int(adjacency.neighbors[i])
          if d[u] + weight(e) < d[w] {
            d[w] = d[u] + weight(e)
            changed = true
          }
        }
      }
    }
    return d
  }

  /// A random graph and a random non-negative weight per edge (zeros included).
  static func graph(_ seed: Int) -> (SupplyGraph, [Double]) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 25, edges: seed % 70), seed: UInt64(seed) &+ 77)
    var rng = SeededRandom(seed: UInt64(seed) &* 31 &+ 5)
    let weight = (0..<g.edgeCount).map { _ in Double(rng.below(4)) }
    return (g, weight)
  }

  /// The route is a real walk over the adjacency from a source, of the stated length.
  static func checkPath(
    _ search: GraphSearch, to v: NodeIndex, in g: SupplyGraph, forward: Bool,
    sources: [NodeIndex], weight: (EdgeIndex) -> Double
  ) {
    guard let path = search.path(to: v) else {
      Issue.record("no path to a settled node \(v)")
      return
    }
    #expect(sources.contains(path.nodes[0]))
    #expect(path.nodes.last == v)
    var length = 0.0
    for (k, e) in path.edges.enumerated() {
      let (a, b) = forward ? (g.source(of: e), g.target(of: e)) : (g.target(of: e), g.source(of: e))
      #expect(a == path.nodes[k] && b == path.nodes[k + 1], "edge \(e) does not join the route")
      length += weight(e)
    }
    #expect(length == search.distance(of: v))
  }

  @Test("breadth first: hop distances, the hop bound, routes and order", arguments: 0..<120)
  func breadthFirst(seed: Int) {
    let (g, _) = Self.graph(seed)
    var search = GraphSearch(nodeCount: g.nodeCount)
    var rng = SeededRandom(seed: UInt64(seed))
    // Several queries on one search: nothing of one may leak into the next.
    for query in 0..<4 {
      let forward = query % 2 == 0
      let adjacency = forward ? g.flowOut : g.flowIn
      let sources = (0..<(1 + rng.below(2))).map { _ in NodeIndex(rng.below(g.nodeCount)) }
      let bound = query == 3 ? Double.infinity : Double(rng.below(4))
      search.run(from: sources, over: [adjacency], maximumDistance: bound)
      let truth = Self.bruteDistances(adjacency, from: sources, weight: { _ in 1 }, include: nil)
      var previous = 0.0
      for v in g.nodes {
        let expected = truth[Int(v)] <= bound ? truth[Int(v)] : .infinity
        #expect(search.distance(of: v) == expected, "seed \(seed) query \(query) node \(v)")
        #expect(search.reached(v) == expected.isFinite)
        if search.reached(v) {
          Self.checkPath(search, to: v, in: g, forward: forward, sources: sources) { _ in 1 }
        }
      }
      #expect(Set(search.settled).count == search.settled.count, "settled twice")
      for (k, v) in search.settled.enumerated() {
        #expect(search.rank(of: v) == k)
        #expect(search.distance(of: v) >= previous, "breadth-first order")
        previous = search.distance(of: v)
      }
    }
  }

  @Test("nearest first: weighted distances, ties by index, the edge filter", arguments: 0..<120)
  func nearestFirst(seed: Int) {
    let (g, weight) = Self.graph(seed)
    var search = GraphSearch(nodeCount: g.nodeCount)
    var rng = SeededRandom(seed: UInt64(seed) &+ 9)
    for query in 0..<3 {
      let source = NodeIndex(rng.below(g.nodeCount))
      let include: [Bool]? = query == 1 ? (0..<g.edgeCount).map { _ in rng.below(3) > 0 } : nil
      let bound = query == 2 ? Double(rng.below(6)) : .infinity
      let hops = query == 0
      let cost: (EdgeIndex) -> Double = { e in hops ? 1 : weight[Int(e)] }
      search.run(
        from: [source], over: [g.flowOut], order: .nearestFirst, weight: hops ? nil : weight,
        maximumDistance: bound, include: include)
      let truth = Self.bruteDistances(g.flowOut, from: [source], weight: cost, include: include)
      for v in g.nodes {
        let expected = truth[Int(v)] <= bound ? truth[Int(v)] : .infinity
        #expect(search.distance(of: v) == expected, "seed \(seed) query \(query) node \(v)")
        if search.reached(v) {
          Self.checkPath(search, to: v, in: g, forward: true, sources: [source], weight: cost)
        }
      }
      // Settled in distance order; by hops (every step costs 1) ties go to the smaller index.
      for (a, b) in zip(search.settled, search.settled.dropFirst()) {
        let (da, db) = (search.distance(of: a), search.distance(of: b))
        #expect(da <= db)
        if hops && da == db && a != source { #expect(a < b, "tie by index") }
      }
    }
  }

  @Test("both directions, skip and stop", arguments: 0..<60)
  func decisions(seed: Int) {
    let (g, _) = Self.graph(seed)
    var search = GraphSearch(nodeCount: g.nodeCount)
    let source: NodeIndex = 0
    // Both directions: the undirected hop distance.
    search.run(from: [source], over: [g.outgoing, g.incoming])
    var undirected = [[Int]](repeating: [], count: g.nodeCount)
    for e in g.edges {
      undirected[Int(g.source(of: e))].append(Int(g.target(of: e)))
      undirected[Int(g.target(of: e))].append(Int(g.source(of: e)))
    }
    let component = Oracle.reachable(from: 0, undirected)
    #expect(Set(search.settled.map(Int.init)) == component, "seed \(seed)")
    // Skip: nothing beyond a skipped node is reached through it.
    let skipped = NodeIndex(seed % g.nodeCount)
    search.run(from: [source], over: [g.flowOut]) { v, _ in v == skipped ? .skip : .expand }
    var adjacency = Oracle.adjacency(g, flowOnly: true)
    if skipped != source { adjacency[Int(skipped)] = [] } else { adjacency[0] = [] }
    #expect(Set(search.settled.map(Int.init)) == Oracle.reachable(from: 0, adjacency))
    // Stop: exactly as many nodes as asked, the first ones in order.
    search.run(from: [source], over: [g.flowOut])
    let all = search.settled
    var count = 0
    search.run(from: [source], over: [g.flowOut]) { _, _ in
      count += 1
      return count == 3 ? .stop : .expand
    }
    #expect(search.settled == Array(all.prefix(3)))
  }

  @Test("a million-node chain: no recursion, no quadratic work")
  func longChain() {
    var b = SupplyGraphBuilder()
    let n = 1_000_000
    for i in 0..<n { _ = b.addNode(id: "c\(i)", kind: "supplier") }
    for i in 0..<(n - 1) {
      b.addEdge(from: NodeIndex(i), to: NodeIndex(i + 1), relation: "supplies", part: nil)
    }
    let g = b.build()
    var search = GraphSearch(nodeCount: n)
    search.run(from: [0], over: [g.flowOut], order: .nearestFirst)
    #expect(search.settled.count == n)
    #expect(search.distance(of: NodeIndex(n - 1)) == Double(n - 1))
    #expect(search.path(to: NodeIndex(n - 1))?.hops == n - 1)
  }
}
