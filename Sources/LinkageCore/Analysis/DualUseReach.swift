/// Which nodes reach defense buyers, industry buyers, or both along flow edges — the dual-use
/// reach of an ecosystem — with a shortest witness route to each sector, exact (or estimated,
/// and labeled so) counts, and which single failures would take the reach away.
///
/// Reach is plain reachability along flow edges (supply semantics do not apply: reaching a
/// buyer needs one route, not every part). A node does not reach itself: counts and classes
/// equal NetworkX `descendants(v)` intersected with each sector's buyers.
///
/// - The class of every node is exact: one multi-source search per sector, backwards from that
///   sector's buyers (breadth first by hops, or Dijkstra by `lead_time`, within the bounds).
/// - Counts come from ``CompressedAdjacency/reachCounts(to:components:workLimit:sampleSize:seed:)``
///   (exact by batched bitsets over the condensation, or a labeled sample estimate on very
///   large graphs); with a hop or lead-time bound, from one bounded search per buyer (exact).
/// - Robustness: the nodes whose single failure removes a node's reach to a sector are its
///   strict dominators in the reversed flow graph rooted at a virtual sink joined to that
///   sector's buyers (computed on unbounded reach).
///
/// - Complexity: O(*V* + *E*) per sector for classes and witnesses (O((*V* + *E*) log *V*) by
///   lead time); counts as above; robustness O(*E* log *V*) per sector.
package struct DualUseReach: Sendable {
  /// Which sectors' buyers a node reaches (outputs spell these; see LinkageReports).
  package enum ReachClass: Sendable, CaseIterable, Hashable {
    case dual
    case defenseOnly
    case industryOnly
    case none
  }

  /// Limits on what counts as reaching.
  package struct Bounds: Sendable, Equatable {
    package var maximumHops: Int?
    /// Days, summing `lead_time` along the route (edges without one count 0).
    package var maximumLeadTime: Double?
    package init(maximumHops: Int? = nil, maximumLeadTime: Double? = nil) {
      self.maximumHops = maximumHops
      self.maximumLeadTime = maximumLeadTime
    }
    package var isBounded: Bool { maximumHops != nil || maximumLeadTime != nil }
  }

  /// One sector's reach of every node.
  package struct SectorReach: Sendable {
    package let sector: Sector
    package let buyers: [NodeIndex]
    /// Whether each node reaches a buyer of this sector (itself excluded).
    package let reaches: [Bool]
    /// Distance to the nearest such buyer (hops, or days with a lead-time bound).
    package let distance: [Double]
    package let forest: ShortestPathForest
    /// Witness routes of buyers that reach other buyers of the sector.
    package let buyerWitness: [NodeIndex: Path]
    /// Edge weights (`lead_time`) when bounded by lead time, else empty.
    package let weight: [Double]
    package let counts: ReachCounts
    /// Single points of failure of each node's reach (empty: robust or not reaching), when
    /// robustness was computed.
    package let fragile: NodeLists?
  }

  package let graph: SupplyGraph
  package let bounds: Bounds
  package let defense: SectorReach
  package let industry: SectorReach
  package let classes: [ReachClass]
  package let robustnessComputed: Bool

  /// - Parameters:
  ///   - bounds: limits on hops or lead time.
  ///   - robust: whether to compute single points of failure of the reach.
  ///   - countWorkLimit, countSampleSize: when exact counting would take more word operations
  ///     than `countWorkLimit`, counts are estimated from `countSampleSize` sampled buyers.
  ///   - countsBuyers: whether to count the buyers each node reaches (false: classes,
  ///     witnesses and robustness only; every count is 0).
  package init(
    graph: SupplyGraph, bounds: Bounds = Bounds(), robust: Bool = false,
    countWorkLimit: Double = 2e9,
    countSampleSize: Int = 4096,
    countsBuyers: Bool = true
  ) {
    self.graph = graph
    self.bounds = bounds
    self.robustnessComputed = robust
    let scc =
      bounds.isBounded || !countsBuyers ? nil : graph.flowOut.stronglyConnectedComponents()
    func sector(_ s: Sector) -> SectorReach {
      let buyers = graph.nodes.filter { graph.kind(of: $0) == .buyer && graph.sector(of: $0) == s }
      let n = graph.nodeCount
      let forest: ShortestPathForest
      var weight: [Double] = []
      if let days = bounds.maximumLeadTime {
        let column = graph.edgeAttributes["lead_time"]
        weight = (0..<graph.edgeCount).map { column?.number(at: $0) ?? 0 }
        forest = graph.flowIn.nearestSources(buyers, weight: weight, maximumDistance: days)
      } else {
        forest = graph.flowIn.nearestSources(buyers, maximumHops: bounds.maximumHops ?? .max)
      }
      var isBuyer = [Bool](repeating: false, count: n)
      for b in buyers { isBuyer[Int(b)] = true }
      var reaches = [Bool](repeating: false, count: n)
      var distance = forest.distance
      var buyerWitness: [NodeIndex: Path] = [:]
      var searcher = GraphSearch(nodeCount: n)
      for v in 0..<n where !isBuyer[v] { reaches[v] = forest.reaches(NodeIndex(v)) }
      for b in buyers {
        // A buyer reaches *other* buyers: search forward from it (buyers are few, and most
        // have no outgoing flow at all).
        distance[Int(b)] = .infinity
        guard graph.flowOut.degree(of: b) > 0 else { continue }
        let found = Self.forwardSearch(
          &searcher, graph, from: b, isTarget: isBuyer, limit: 1, weight: weight, bounds: bounds)
        if let hit = found.first {
          reaches[Int(b)] = true
          distance[Int(b)] = hit.distance
          buyerWitness[b] = hit.path
        }
      }
      // Counts.
      var counts: ReachCounts
      if !countsBuyers {
        counts = ReachCounts(
          counts: [Int32](repeating: 0, count: n), estimated: false, errorFactor: 0, sampled: 0)
      } else if bounds.isBounded {
        var c = [Int32](repeating: 0, count: n)
        var ball = GraphSearch(nodeCount: n)
        for b in buyers {
          // Every node within the bound upstream of b reaches b (b itself excluded).
          bounds.search(&ball, from: b, over: graph.flowIn, weight: weight)
          for v in ball.settled where v != b { c[Int(v)] += 1 }
        }
        counts = ReachCounts(counts: c, estimated: false, errorFactor: 0, sampled: buyers.count)
      } else {
        let raw = graph.flowOut.reachCounts(
          to: buyers, components: scc, workLimit: countWorkLimit, sampleSize: countSampleSize)
        var c = raw.counts
        // Exclude the node itself (descendants semantics).
        if !raw.estimated {
          for b in buyers { c[Int(b)] -= 1 }
        }
        for v in 0..<n where !reaches[v] { c[v] = 0 }
        counts = ReachCounts(
          counts: c, estimated: raw.estimated, errorFactor: raw.errorFactor, sampled: raw.sampled)
      }
      // Robustness.
      var fragile: NodeLists? = nil
      if robust {
        let tree = DominatorTree(
          successors: graph.flowIn, predecessors: graph.flowOut, root: NodeIndex(n),
          virtualRootSuccessors: buyers)
        var map: [(node: NodeIndex, list: [NodeIndex])] = []
        for v in graph.nodes where reaches[Int(v)] {
          let doms: [NodeIndex]
          if isBuyer[Int(v)] {
            doms = Self.buyerFragility(graph, v, sectorBuyers: isBuyer, search: &searcher)
          } else {
            doms = tree.dominators(of: v)
          }
          if !doms.isEmpty { map.append((v, doms)) }
        }
        fragile = NodeLists(nodeCount: n, lists: map)
      }
      return SectorReach(
        sector: s, buyers: buyers, reaches: reaches, distance: distance, forest: forest,
        buyerWitness: buyerWitness,
        weight: weight, counts: counts, fragile: fragile)
    }
    let d = sector(.defense)
    let i = sector(.industry)
    defense = d
    industry = i
    classes = (0..<graph.nodeCount).map { v in
      switch (d.reaches[v], i.reaches[v]) {
      case (true, true): .dual
      case (true, false): .defenseOnly
      case (false, true): .industryOnly
      case (false, false): .none
      }
    }
  }

  /// A buyer's reach to *other* buyers of its sector: the dominators of the buyer in the
  /// reversed flow graph restricted to its downstream, rooted at a virtual sink joined to the
  /// other buyers there (itself excluded, so a route back to itself does not count).
  /// - Complexity: O(*D* log *D*) for a downstream of *D* nodes and edges.
  static func buyerFragility(
    _ graph: SupplyGraph, _ v: NodeIndex, sectorBuyers: [Bool], search: inout GraphSearch
  ) -> [NodeIndex] {
    // The downstream of v, with local numbers: the breadth-first ranks (v is 0).
    search.run(from: [v], over: [graph.flowOut])
    let nodes = search.settled
    var from: [NodeIndex] = []
    var to: [NodeIndex] = []
    for (k, u) in nodes.enumerated() {
      for w in graph.flowOut.neighbors(of: u) {
        guard let local = search.rank(of: w) else { continue }
        from.append(NodeIndex(k))
        to.append(NodeIndex(local))
      }
    }
    let forward = CompressedAdjacency(nodeCount: nodes.count, from: from, to: to)
    let backward = CompressedAdjacency(nodeCount: nodes.count, from: to, to: from)
    let others = (1..<max(nodes.count, 1)).filter { sectorBuyers[Int(nodes[$0])] }.map {
      NodeIndex($0)
    }
    guard !others.isEmpty else { return [] }
    let reversed = DominatorTree(
      successors: backward, predecessors: forward, root: NodeIndex(nodes.count),
      virtualRootSuccessors: others)
    return reversed.dominators(of: 0).map { nodes[Int($0)] }.sorted()
  }

  package func reach(_ sector: Sector) -> SectorReach { sector == .defense ? defense : industry }

  /// The shortest witness route from `node` to a buyer of `sector`, or `nil`.
  /// - Complexity: O(*d*) for a route of *d* edges.
  package func witness(from node: NodeIndex, to sector: Sector) -> Path? {
    var nodes = [node]
    var edges: [EdgeIndex] = []
    let reached = walkWitness(from: node, to: sector) { e, v in
      edges.append(e)
      nodes.append(v)
    }
    return reached ? Path(nodes: nodes, edges: edges) : nil
  }

  /// Walks the witness route from `node` to a buyer of `sector` without storing it:
  /// `step(edge, node)` for each edge and the node it leads to. Returns false, calling
  /// nothing, when `node` reaches no buyer of `sector`.
  /// - Complexity: O(*d*) for a route of *d* edges; no allocation.
  @inline(__always)
  package func walkWitness(
    from node: NodeIndex, to sector: Sector, _ step: (EdgeIndex, NodeIndex) -> Void
  ) -> Bool {
    sector == .defense
      ? defense.walkWitness(from: node, in: graph, step)
      : industry.walkWitness(from: node, in: graph, step)
  }

  /// Up to `limit` buyers of `sector` that `node` reaches within the bounds, nearest first
  /// (by hops, or by lead time under a lead-time bound; ties by index).
  package func reachedBuyers(from node: NodeIndex, sector: Sector, limit: Int) -> [NodeIndex] {
    let r = reach(sector)
    guard r.reaches[Int(node)], limit > 0 else { return [] }
    var isBuyer = [Bool](repeating: false, count: graph.nodeCount)
    for b in r.buyers { isBuyer[Int(b)] = true }
    var search = GraphSearch(nodeCount: graph.nodeCount)
    return Self.forwardSearch(
      &search, graph, from: node, isTarget: isBuyer, limit: limit, weight: r.weight,
      bounds: bounds
    )
    .map(\.node)
  }

  /// A target found by a forward search: the node, its distance, and the route to it.
  struct ForwardHit {
    let node: NodeIndex
    let distance: Double
    let path: Path
  }

  /// Searches forward from `source` (itself excluded) for up to `limit` targets, nearest
  /// first (ties by index): by hops, or by `weight` (when not empty), within `bounds`.
  /// - Complexity: O((*V'* + *E'*) log *E'*) for the part of the graph searched.
  static func forwardSearch(
    _ search: inout GraphSearch, _ graph: SupplyGraph, from source: NodeIndex, isTarget: [Bool],
    limit: Int, weight: [Double], bounds: Bounds
  ) -> [ForwardHit] {
    var found: [NodeIndex] = []
    bounds.search(&search, from: source, over: graph.flowOut, weight: weight, order: .nearestFirst)
    {
      v, _ in
      guard v != source && isTarget[Int(v)] else { return .expand }
      found.append(v)
      return found.count >= limit ? .stop : .expand
    }
    return found.compactMap { v in
      search.path(to: v).map { ForwardHit(node: v, distance: search.distance(of: v), path: $0) }
    }
  }

  /// Up to `limit` buyers of `sector` that every node reaches within the bounds, nearest
  /// first (by hops, or by lead time under a lead-time bound; ties by index): the same lists
  /// as ``reachedBuyers(from:sector:limit:)`` for every node, from one search.
  /// - Complexity: O(*k* (*V* + *E*)) time and O(*k* *V*) space for *k* = `limit` (times
  ///   log *E* under a lead-time bound).
  package func nearestBuyerLists(sector: Sector, limit: Int) -> NearestSourceLists {
    let r = reach(sector)
    if let days = bounds.maximumLeadTime {
      return graph.flowIn.nearestSourceLists(
        r.buyers, count: limit, weight: r.weight, maximumDistance: days)
    }
    return graph.flowIn.nearestSourceLists(
      r.buyers, count: limit, maximumHops: bounds.maximumHops ?? .max)
  }

  /// Exact counts for one node by a forward search (for `--node` when counts are estimates).
  /// - Complexity: O(*V* + *E*).
  package func exactCount(from node: NodeIndex, sector: Sector) -> Int {
    var isBuyer = [Bool](repeating: false, count: graph.nodeCount)
    for b in reach(sector).buyers { isBuyer[Int(b)] = true }
    var search = GraphSearch(nodeCount: graph.nodeCount)
    search.run(from: [node], over: [graph.flowOut])
    return search.settled.count { $0 != node && isBuyer[Int($0)] }
  }

  /// Counts of each class, and of dual nodes one failure away from losing a sector, per label.
  package struct Aggregate: Sendable {
    package let label: String
    package let total: Int
    package let byClass: [ReachClass: Int]
    /// Dual nodes whose reach to some sector hangs on one node (nil without robustness).
    package let fragileDual: Int?
  }

  /// Aggregates by kind and by stage.
  package struct Aggregates: Sendable {
    package let byKind: [Aggregate]
    package let byStage: [Aggregate]
  }

  /// Aggregates by kind (in the design's order) and by stage.
  package func aggregates() -> Aggregates {
    let classIndex = Dictionary(
      uniqueKeysWithValues: ReachClass.allCases.enumerated().map { ($1, $0) })
    let ordinal = classes.map { UInt8(classIndex[$0]!) }
    func make(_ label: String, _ members: [NodeIndex]) -> Aggregate {
      var tally = [Int](repeating: 0, count: ReachClass.allCases.count)
      var fragile = 0
      for v in members {
        let c = ordinal[Int(v)]
        tally[Int(c)] += 1
        if classes[Int(v)] == .dual && robustnessComputed
          && !((defense.fragile?[v].isEmpty ?? true) && (industry.fragile?[v].isEmpty ?? true))
        {
          fragile += 1
        }
      }
      var byClass: [ReachClass: Int] = [:]
      for (k, c) in ReachClass.allCases.enumerated() where tally[k] > 0 { byClass[c] = tally[k] }
      return Aggregate(
        label: label, total: members.count, byClass: byClass,
        fragileDual: robustnessComputed ? fragile : nil)
    }
    var byKind = [[NodeIndex]](repeating: [], count: NodeKind.allCases.count)
    var byStage = [[NodeIndex]](repeating: [], count: Stage.allCases.count)
    for v in graph.nodes {
      byKind[Int(graph.kinds[Int(v)].rawValue)].append(v)
      if let s = graph.stages[Int(v)] { byStage[Int(s.rawValue)].append(v) }
    }
    var kinds: [Aggregate] = []
    for k in NodeKind.allCases where !byKind[Int(k.rawValue)].isEmpty {
      kinds.append(make(k.name, byKind[Int(k.rawValue)]))
    }
    var stages: [Aggregate] = []
    for s in Stage.allCases where !byStage[Int(s.rawValue)].isEmpty {
      stages.append(make(s.name, byStage[Int(s.rawValue)]))
    }
    return Aggregates(byKind: kinds, byStage: stages)
  }
}

extension DualUseReach.Bounds {
  /// Runs `search` from `source` over `adjacency` within these bounds: by lead time
  /// (`weight`, nearest first) under a lead-time bound, else by hops in `order`.
  func search(
    _ search: inout GraphSearch, from source: NodeIndex, over adjacency: CompressedAdjacency,
    weight: [Double], order: GraphSearch.Order = .breadthFirst,
    visit: (NodeIndex, Double) -> GraphSearch.Decision = { _, _ in .expand }
  ) {
    if let days = maximumLeadTime, !weight.isEmpty {
      search.run(
        from: [source], over: [adjacency], order: .nearestFirst, weight: weight,
        maximumDistance: days, visit: visit)
    } else {
      search.run(
        from: [source], over: [adjacency], order: order,
        maximumDistance: maximumHops.map(Double.init) ?? .infinity, visit: visit)
    }
  }
}

extension DualUseReach.SectorReach {
  /// Walks the shortest witness route from `node` to a buyer of this sector:
  /// `step(edge, node)` for each edge and the node it leads to; false when `node` reaches
  /// none.
  /// - Complexity: O(*d*) for a route of *d* edges.
  @inline(__always)
  package func walkWitness(
    from node: NodeIndex, in graph: SupplyGraph, _ step: (EdgeIndex, NodeIndex) -> Void
  ) -> Bool {
    guard reaches[Int(node)] else { return false }
    if graph.kind(of: node) == .buyer, let path = buyerWitness[node] {
      for (k, e) in path.edges.enumerated() { step(e, path.nodes[k + 1]) }
      return true
    }
    return forest.walkPath(from: node, step)
  }
}
