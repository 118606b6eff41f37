import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Dual-use reach against brute force")
struct DualUseReachTests {
  /// Buyers of `sector` reachable from v (v itself excluded, as NetworkX descendants), within
  /// `maxHops` hops, avoiding `removed`.
  static func reached(
    _ g: SupplyGraph, _ v: Int, _ sector: Sector, maxHops: Int = .max, removed: Int? = nil
  ) -> Set<Int> {
    let adj = Oracle.adjacency(g, flowOnly: true)
    var depth: [Int: Int] = [v: 0]
    var queue = [v]
    var head = 0
    var found: Set<Int> = []
    var seenOther: Set<Int> = []
    while head < queue.count {
      let u = queue[head]
      head += 1
      if depth[u]! >= maxHops { continue }
      for w in adj[u] where w != removed {
        if depth[w] == nil || (w == v && !seenOther.contains(w)) {
          if w == v {
            seenOther.insert(w)
            continue
          }
          depth[w] = depth[u]! + 1
          queue.append(w)
          if g.kind(of: NodeIndex(w)) == .buyer && g.sector(of: NodeIndex(w)) == sector {
            found.insert(w)
          }
        }
      }
    }
    return found
  }

  static func expectedClass(_ d: Bool, _ i: Bool) -> DualUseReach.ReachClass {
    d && i ? .dual : d ? .defenseOnly : i ? .industryOnly : .none
  }

  @Test(
    "classes and exact counts equal descendants ∩ buyers, on graphs with cycles", arguments: 0..<150
  )
  func unbounded(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 2 + seed % 18, edges: seed % 40), seed: UInt64(seed) &+ 1234)
    let reach = DualUseReach(graph: g, robust: true)
    #expect(!reach.defense.counts.estimated && !reach.industry.counts.estimated)
    for v in 0..<g.nodeCount {
      let d = Self.reached(g, v, .defense)
      let i = Self.reached(g, v, .industry)
      #expect(
        reach.classes[v] == Self.expectedClass(!d.isEmpty, !i.isEmpty), "node \(v) seed \(seed)")
      #expect(Int(reach.defense.counts.counts[v]) == d.count, "defense count of \(v)")
      #expect(Int(reach.industry.counts.counts[v]) == i.count, "industry count of \(v)")
      for sector in [Sector.defense, .industry] {
        let buyers = sector == .defense ? d : i
        // The witness is a real route to a buyer of the sector, as short as any.
        if let w = reach.witness(from: NodeIndex(v), to: sector) {
          #expect(w.nodes.first == NodeIndex(v))
          let end = Int(w.nodes.last!)
          #expect(buyers.contains(end))
          for (k, e) in w.edges.enumerated() {
            #expect(
              g.sources[Int(e)] == w.nodes[k] && g.targets[Int(e)] == w.nodes[k + 1]
                && g.isFlow[Int(e)])
          }
          let shortest = (1...max(1, g.nodeCount)).first {
            !Self.reached(g, v, sector, maxHops: $0).isEmpty
          }
          #expect(w.hops == shortest)
        } else {
          #expect(buyers.isEmpty)
        }
        // Fragility: exactly the nodes whose removal takes the sector away.
        let fragile = Set((reach.reach(sector).fragile?[NodeIndex(v)] ?? []).map { Int($0) })
        if !buyers.isEmpty {
          for x in 0..<g.nodeCount where x != v {
            let gone = Self.reached(g, v, sector, removed: x).isEmpty
            #expect(fragile.contains(x) == gone, "node \(v) sector \(sector) x \(x) seed \(seed)")
          }
        }
      }
    }
  }

  /// Brute force: exact distances from `v` by relaxing every flow edge until nothing changes
  /// (hops, or summed lead_time with edges lacking one counting 0), then the buyers of
  /// `sector` within the bound other than `v`, sorted by (distance, index).
  static func nearestBuyers(
    _ g: SupplyGraph, _ v: NodeIndex, _ sector: Sector, bounds: DualUseReach.Bounds, limit: Int
  ) -> [NodeIndex] {
    let lead = g.edgeAttributes["lead_time"]
    var dist = [Double](repeating: .infinity, count: g.nodeCount)
    dist[Int(v)] = 0
    var changed = true
    while changed {
      changed = false
      for e in g.edges where g.isFlow[Int(e)] {
        let w = bounds.maximumLeadTime == nil ? 1 : (lead?.number(at: Int(e)) ?? 0)
        let nd = dist[Int(g.source(of: e))] + w
        if nd < dist[Int(g.target(of: e))] {
          dist[Int(g.target(of: e))] = nd
          changed = true
        }
      }
    }
    let limitDistance = bounds.maximumLeadTime ?? Double(bounds.maximumHops ?? Int.max)
    let found = g.nodes.filter { b in
      b != v && g.kind(of: b) == .buyer && g.sector(of: b) == sector
        && dist[Int(b)] <= limitDistance
    }
    return Array(
      found.sorted { (dist[Int($0)], $0) < (dist[Int($1)], $1) }.prefix(limit))
  }

  @Test(
    "nearest-buyer lists of every node from one search equal brute-force distances, ties by index",
    arguments: 0..<120)
  func nearestBuyerLists(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 2 + seed % 25, edges: seed % 60), seed: UInt64(seed) &+ 991)
    // Unbounded, hop-bounded and lead-time-bounded (zero-weight edges included).
    let bounds: [DualUseReach.Bounds] = [
      .init(), .init(maximumHops: 1 + seed % 3), .init(maximumLeadTime: Double(seed % 20)),
    ]
    for b in bounds {
      let reach = DualUseReach(graph: g, bounds: b)
      for sector in [Sector.defense, .industry] {
        for k in [1, 2, 5] {
          let lists = reach.nearestBuyerLists(sector: sector, limit: k)
          for v in g.nodes {
            let expected = Self.nearestBuyers(g, v, sector, bounds: b, limit: k)
            #expect(
              Array(lists.sources(of: v)) == expected,
              "seed \(seed) node \(v) sector \(sector) k \(k) bounds \(b)")
          }
        }
      }
    }
  }

  @Test("hop bounds: classes and counts within N hops", arguments: 0..<60)
  func hopBounded(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 3 + seed % 15, edges: 3 + seed % 35), seed: UInt64(seed) &+ 77)
    for hops in [1, 2, 3] {
      let reach = DualUseReach(graph: g, bounds: .init(maximumHops: hops))
      for v in 0..<g.nodeCount {
        let d = Self.reached(g, v, .defense, maxHops: hops)
        let i = Self.reached(g, v, .industry, maxHops: hops)
        #expect(reach.classes[v] == Self.expectedClass(!d.isEmpty, !i.isEmpty))
        #expect(
          Int(reach.defense.counts.counts[v]) == d.count
            && Int(reach.industry.counts.counts[v]) == i.count)
        #expect(
          reach.witness(from: NodeIndex(v), to: .defense).map { $0.hops <= hops } ?? d.isEmpty)
      }
    }
  }

  @Test("lead-time bounds sum lead_time along the route")
  func leadTime() {
    var b = SupplyGraphBuilder()
    let s = b.addNode(id: "s").index
    let m = b.addNode(id: "m").index
    let fast = b.addNode(id: "fast", kind: "buyer", sector: "defense").index
    let slow = b.addNode(id: "slow", kind: "buyer", sector: "industry").index
    b.addEdge(from: s, to: m, attributes: [Attribute(name: "lead_time", value: .number(10))])
    b.addEdge(from: m, to: fast, attributes: [Attribute(name: "lead_time", value: .number(5))])
    b.addEdge(from: m, to: slow, attributes: [Attribute(name: "lead_time", value: .number(50))])
    let g = b.build()
    let within20 = DualUseReach(graph: g, bounds: .init(maximumLeadTime: 20))
    #expect(within20.classes[Int(s)] == .defenseOnly)
    #expect(within20.defense.distance[Int(s)] == 15)
    let within100 = DualUseReach(graph: g, bounds: .init(maximumLeadTime: 100))
    #expect(within100.classes[Int(s)] == .dual)
    #expect(within100.industry.counts.counts[Int(s)] == 1)
  }

  @Test("sampled counts are labeled estimated and mostly within their stated 95% margin")
  func estimator() {
    let g = EcosystemGenerator(nodeCount: 20_000, seed: 4).generate()
    let exact = DualUseReach(graph: g)
    let estimated = DualUseReach(graph: g, countWorkLimit: 1, countSampleSize: 60)
    let e = estimated.industry.counts
    #expect(e.estimated && e.sampled < exact.industry.buyers.count)
    #expect(estimated.classes == exact.classes, "classes stay exact")
    var inside = 0
    var total = 0
    for v in 0..<g.nodeCount where exact.industry.reaches[v] {
      total += 1
      let truth = Double(exact.industry.counts.counts[v])
      let margin = e.margin(for: e.counts[v], total: exact.industry.buyers.count)
      if abs(Double(e.counts[v]) - truth) <= margin + 1 { inside += 1 }
    }
    #expect(Double(inside) >= 0.9 * Double(total), "\(inside) of \(total) within the margin")
  }
}
