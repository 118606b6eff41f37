#if canImport(Glibc)
  import Glibc
#endif

//===----------------------------------------------------------------------===//
// shortestSimplePaths(from:)
//===----------------------------------------------------------------------===//

/// A route and its cost.
package struct Route: Sendable {
  package let path: Path
  /// The additive cost (for confidence: −Σ log c).
  package let cost: Double
}

/// Enumerates loopless routes from a source to a set of targets, cheapest first, lazily.
///
/// Best-first search over the tree of simple route prefixes (no node twice), ordered by
/// cost so far plus a lower bound of the cost to go: an exact enumeration of the k shortest
/// simple paths, in the spirit of Yen (1971) but without a separate spur search per prefix —
/// every prefix is one entry of a single priority queue. The bound is the distance to the
/// nearest target in one reverse shortest-path tree grown from the targets over the source's
/// downstream cone only (every route stays inside it), shared by the whole enumeration; it
/// stays a valid lower bound under the loopless and pattern constraints, which only make
/// routes longer, and it is exact without them, so the search walks straight down the best
/// routes. Routes are produced one at a time, on demand.
///
/// With a ``RoutePattern`` each prefix also carries the pattern automaton's state set, so the
/// search runs on the product of the graph and the automaton: exact for patterns too.
///
/// Work is bounded: `maximumHops`, a cap on queued prefixes, and a deadline; when one stops the
/// enumeration early, ``truncated`` says so.
///
/// - Complexity: O(*P* log *P*) for *P* prefixes queued, plus O((*V′* + *E′*) log *V′*) for the
///   cone of *V′* nodes and *E′* edges downstream of the source; *P* grows with k and the number
///   of near-ties, not with the graph's size.
package struct RouteEnumerator: IteratorProtocol, Sendable {
  let graph: SupplyGraph
  let weight: [Double]
  let isTarget: [Bool]
  let pattern: RoutePattern?
  let maximumHops: Int
  let maximumQueued: Int
  let deadline: Double
  /// Whether a cap or the deadline stopped the enumeration before it ran out of routes.
  package private(set) var truncated = false
  // The reverse tree over the cone.
  private var distance: [Double]
  private var settled: [Bool]
  private var inCone: [Bool] = []
  private var reverse = KeyedHeap()
  // Route prefixes.
  private var node: [NodeIndex] = []
  private var state: [UInt64] = []
  private var edge: [EdgeIndex] = []
  private var parent: [Int32] = []
  private var g: [Double] = []
  private var depth: [Int32] = []
  private var frontier = KeyedHeap()
  private var pendingExpansion: Int32 = -1
  private var exhausted = false

  package init(
    graph: SupplyGraph, source: NodeIndex, targets: [NodeIndex], weight: RouteWeight,
    pattern: RoutePattern? = nil,
    maximumHops: Int? = nil, maximumQueued: Int = 5_000_000, timeLimit: Double = 10
  ) {
    self.graph = graph
    self.weight = weight.cost
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    for t in targets { isTarget[Int(t)] = true }
    self.isTarget = isTarget
    self.pattern = pattern
    self.maximumHops = maximumHops ?? Int.max
    self.maximumQueued = maximumQueued
    self.deadline = RouteEnumerator.now() + timeLimit
    distance = [Double](repeating: .infinity, count: graph.nodeCount)
    settled = [Bool](repeating: false, count: graph.nodeCount)
    // Every route stays inside the source's downstream cone, so the reverse tree only needs
    // the cone: mark it, then grow the tree from the targets inside it, completely. The bound
    // is then exact for every node a route can visit, at a cost linear in the cone's size.
    var inCone = [Bool](repeating: false, count: graph.nodeCount)
    var stack = [source]
    inCone[Int(source)] = true
    let out = graph.flowOut
    while let u = stack.popLast() {
      for i in out.range(of: u) where weight.cost[Int(out.edges[i])].isFinite {
        let w = out.neighbors[i]
        if !inCone[Int(w)] {
          inCone[Int(w)] = true
          stack.append(w)
        }
      }
    }
    self.inCone = inCone
    for t in targets where inCone[Int(t)] && distance[Int(t)] > 0 {
      distance[Int(t)] = 0
      reverse.push(0, 0, Int32(t))
    }
    growReverse(Int.max)
    let startState = pattern?.start(at: source, in: graph) ?? 1
    guard startState != 0 else {
      exhausted = true
      return
    }
    push(node: source, state: startState, edge: -1, parent: -1, cost: 0, depth: 0)
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  // MARK: Lower bounds

  /// The cost from `v` to the nearest target ignoring the loopless and pattern constraints
  /// (a lower bound with them); infinite when no target can be reached.
  private func bound(_ v: NodeIndex) -> Double {
    settled[Int(v)] ? distance[Int(v)] : .infinity
  }

  /// Settles up to `count` more nodes of the reverse tree (within the cone).
  private mutating func growReverse(_ count: Int) {
    var left = count
    let inn = graph.flowIn
    while left > 0, let (d, _, v) = reverse.pop() {
      let u = Int(v)
      if settled[u] || d > distance[u] { continue }
      settled[u] = true
      left -= 1
      for i in inn.range(of: NodeIndex(u)) {
        let w = Int(inn.neighbors[i])
        if !inCone[w] { continue }
        let nd = d + weight[Int(inn.edges[i])]
        if nd < distance[w] {
          distance[w] = nd
          reverse.push(nd, 0, Int32(w))
        }
      }
    }
  }

  // MARK: Search

  private mutating func push(
    node v: NodeIndex, state s: UInt64, edge e: EdgeIndex, parent p: Int32, cost: Double,
    depth d: Int32
  ) {
    let h = bound(v)
    if !h.isFinite { return }
    let id = Int32(node.count)
    node.append(v)
    state.append(s)
    edge.append(e)
    parent.append(p)
    g.append(cost)
    depth.append(d)
    frontier.push(cost + h, -cost, id)
  }

  private func onPrefix(_ v: NodeIndex, _ id: Int32) -> Bool {
    var x = id
    while x >= 0 {
      if node[Int(x)] == v { return true }
      x = parent[Int(x)]
    }
    return false
  }

  private mutating func expand(_ id: Int32) {
    let u = node[Int(id)]
    guard Int(depth[Int(id)]) < maximumHops else { return }
    let out = graph.flowOut
    for i in out.range(of: u) {
      let e = out.edges[i]
      let c = weight[Int(e)]
      if !c.isFinite { continue }
      let w = out.neighbors[i]
      if onPrefix(w, id) { continue }
      var s = state[Int(id)]
      if let pattern {
        s = pattern.advance(s, over: e, in: graph)
        if s == 0 { continue }
      }
      push(node: w, state: s, edge: e, parent: id, cost: g[Int(id)] + c, depth: depth[Int(id)] + 1)
    }
  }

  private func route(_ id: Int32) -> Route {
    var nodes: [NodeIndex] = []
    var edges: [EdgeIndex] = []
    var x = id
    while x >= 0 {
      nodes.append(node[Int(x)])
      if edge[Int(x)] >= 0 { edges.append(edge[Int(x)]) }
      x = parent[Int(x)]
    }
    return Route(path: Path(nodes: nodes.reversed(), edges: edges.reversed()), cost: g[Int(id)])
  }

  /// The next cheapest loopless route, or `nil` when there is none (or a cap stopped the
  /// search: see ``truncated``).
  package mutating func next() -> Route? {
    if pendingExpansion >= 0 {
      expand(pendingExpansion)
      pendingExpansion = -1
    }
    var steps = 0
    while !exhausted {
      steps += 1
      if steps & 1023 == 0 && RouteEnumerator.now() > deadline || node.count > maximumQueued {
        truncated = true
        exhausted = true
        return nil
      }
      guard let (_, _, id) = frontier.pop() else {
        exhausted = true
        return nil
      }
      let v = node[Int(id)]
      let accepting = pattern.map { $0.accepts(state[Int(id)]) } ?? true
      if isTarget[Int(v)] && depth[Int(id)] >= 1 && accepting {
        pendingExpansion = id
        return route(id)
      }
      expand(id)
    }
    return nil
  }
}
