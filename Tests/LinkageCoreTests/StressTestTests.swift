import LinkageCore
import LinkageTestSupport
import Testing

/// Time to survive against time to recover: chains by hand, and on random acyclic graphs the
/// times equal a direct recursion (on cyclic ones, a direct computation of the cycle rule); more inventory never brings impact sooner; an exposure
/// disappears when recovery is faster than impact.
@Suite("Stress test: time to survive vs time to recover")
struct StressTestTests {
  static func graph(
    _ seed: Int, parts: Bool, ttr: Double? = nil, extra: (Int, Double)? = nil, acyclic: Bool = true
  ) -> SupplyGraph {
    var spec = RandomGraphSpec(nodes: 3 + seed % 12, edges: 2 + seed % 30)
    spec.partFraction = parts ? 0.6 : 0
    spec.requiresAllFraction = parts ? 0.1 : 0
    spec.acyclic = acyclic
    spec.contextFraction = 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 7070)
    var rng = SeededRandom(seed: UInt64(seed) &+ 5)
    var b = SupplyGraphBuilder()
    for v in g.nodes {
      var inventory = Double(rng.below(20))
      if let extra, extra.0 == Int(v) { inventory += extra.1 }
      b.addNode(
        id: g.id(of: v), kind: g.kindLabel(of: v), sector: g.sectorLabel(of: v),
        requires: g.requirement(of: v),
        attributes: [
          Attribute(name: "inventory_days", value: .number(inventory)),
          Attribute(name: "ttr", value: .number(ttr ?? Double(rng.below(120)))),
          Attribute(name: "value", value: .number(Double(1 + rng.below(5)))),
        ])
    }
    for e in g.edges {
      b.addEdge(
        from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
        part: g.part(of: e),
        attributes: [Attribute(name: "lead_time", value: .number(Double(rng.below(60))))])
    }
    return b.build()
  }

  /// The times by recursion on the DAG: the cascade from brute-force supply, then
  /// out(v) = inventory(v) + min over groups of max over sources of (out(u) + lead).
  static func oracle(_ g: SupplyGraph, parts: Bool, failing x: Int) -> [Double] {
    let base = Oracle.supplied(g, parts: parts)
    let after = Oracle.supplied(g, parts: parts, failed: [x])
    let lostSet = Set((0..<g.nodeCount).filter { base[$0] && !after[$0] })
    let lead = g.edgeAttributes["lead_time"]
    let stock = g.nodeAttributes["inventory_days"]
    var memo = [Double?](repeating: nil, count: g.nodeCount)
    func out(_ v: Int) -> Double {
      if !lostSet.contains(v) { return .infinity }
      if v == x { return 0 }
      if let m = memo[v] { return m }
      var groups: [String: [Double]] = [:]
      for e in 0..<g.edgeCount where g.isFlow[e] && Int(g.targets[e]) == v {
        let key: String
        if !parts { key = "all" } else if g.requirement(of: NodeIndex(v)) == .all { key = "e\(e)" } else {
          key = g.part(of: EdgeIndex(e)) ?? ""
        }
        groups[key, default: []].append(out(Int(g.sources[e])) + (lead?.number(at: e) ?? 0))
      }
      let value = (groups.values.map { $0.max() ?? -.infinity }.min() ?? 0) + (stock?.number(at: v) ?? 0)
      memo[v] = value
      return value
    }
    return (0..<g.nodeCount).map(out)
  }

  /// The documented rule for cycles, computed directly: components by mutual reachability
  /// (a BFS from every node), then a recursion over them. A member's group ignores sources
  /// inside its own cyclic component (except the failed node); the component's members the
  /// failure cuts off stop receiving when the first such group of theirs runs dry (0 when none
  /// does), then ship for their own inventory.
  static func cyclicOracle(_ g: SupplyGraph, parts: Bool, failing x: Int) -> [Double] {
    let n = g.nodeCount
    let base = Oracle.supplied(g, parts: parts)
    let after = Oracle.supplied(g, parts: parts, failed: [x])
    let lost = (0..<n).map { base[$0] && !after[$0] }
    let lead = g.edgeAttributes["lead_time"]
    let stock = g.nodeAttributes["inventory_days"]
    let flowEdges = (0..<g.edgeCount).filter { g.isFlow[$0] }
    var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
    for s in 0..<n {
      var stack = [s]
      while let v = stack.popLast() {
        for e in flowEdges where Int(g.sources[e]) == v && !reach[s][Int(g.targets[e])] {
          reach[s][Int(g.targets[e])] = true
          stack.append(Int(g.targets[e]))
        }
      }
    }
    func sameComponent(_ a: Int, _ b: Int) -> Bool { a == b || (reach[a][b] && reach[b][a]) }
    func cyclic(_ v: Int) -> Bool { reach[v][v] }
    var memo = [Double?](repeating: nil, count: n)
    func receivesUntil(_ w: Int) -> Double {
      var groups: [String: (dry: Double, fed: Bool, alive: Bool)] = [:]
      for e in flowEdges where Int(g.targets[e]) == w {
        let u = Int(g.sources[e])
        if cyclic(w) && sameComponent(u, w) && u != x { continue }
        guard base[u] else { continue }
        let key: String
        if !parts { key = "all" } else if g.requirement(of: NodeIndex(w)) == .all { key = "e\(e)" } else {
          key = g.part(of: EdgeIndex(e)) ?? ""
        }
        var entry = groups[key] ?? (-.infinity, false, false)
        entry.fed = true
        if !lost[u] { entry.alive = true } else {
          entry.dry = max(entry.dry, out(u) + (lead?.number(at: e) ?? 0))
        }
        groups[key] = entry
      }
      return groups.values.filter { $0.fed && !$0.alive }.map(\.dry).min() ?? .infinity
    }
    func out(_ v: Int) -> Double {
      if !lost[v] { return .infinity }
      if v == x { return 0 }
      if let m = memo[v] { return m }
      let members = cyclic(v) ? (0..<n).filter { sameComponent($0, v) && lost[$0] } : [v]
      var first = Double.infinity
      for w in members where w != x { first = min(first, receivesUntil(w)) }
      if cyclic(v) && first == .infinity { first = 0 }
      for w in members where w != x { memo[w] = first + (stock?.number(at: w) ?? 0) }
      return memo[v] ?? 0
    }
    return (0..<n).map(out)
  }

  @Test("times to impact follow the cycle rule on random cyclic graphs", arguments: 0..<120)
  func cyclicTimes(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let g = Self.graph(seed, parts: parts, acyclic: false)
      let targets = g.nodes.filter { $0 % 3 == 2 }
      let stress = StressTest(network: SupplyNetwork(graph: g, semantics: semantics), targets: targets)
      for impact in stress.impacts {
        let expected = Self.cyclicOracle(g, parts: parts, failing: Int(impact.point))
        for (t, tti) in impact.targets {
          #expect(abs(tti - expected[Int(t)]) < 1e-9, "seed \(seed) \(semantics) fail \(impact.point) target \(t)")
        }
      }
    }
  }

  @Test("times to impact equal a direct recursion on random acyclic graphs", arguments: 0..<120)
  func times(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let g = Self.graph(seed, parts: parts)
      let targets = g.nodes.filter { $0 % 3 == 2 }
      let stress = StressTest(network: SupplyNetwork(graph: g, semantics: semantics), targets: targets)
      for impact in stress.impacts {
        let expected = Self.oracle(g, parts: parts, failing: Int(impact.point))
        for (t, tti) in impact.targets {
          #expect(tti.isFinite)
          #expect(abs(tti - expected[Int(t)]) < 1e-9, "seed \(seed) \(semantics) fail \(impact.point) target \(t)")
        }
        // Exposures are exactly the pairs with ttr above the time to impact.
        let ttr = impact.timeToRecover ?? 0
        let exposed = impact.targets.filter { ttr > $0.timeToImpact }.map(\.target)
        #expect(exposed.sorted() == stress.exposures.filter { $0.point == impact.point }.map(\.target).sorted())
      }
    }
  }

  @Test("more inventory never brings impact sooner; fast recovery removes every exposure (acyclic and cyclic)", arguments: 0..<60)
  func properties(seed: Int) {
    for acyclic in [true, false] {
      let g = Self.graph(seed, parts: true, acyclic: acyclic)
      guard g.nodeCount > 0 else { return }
      let targets = g.nodes.filter { $0 % 3 == 2 }
      let before = StressTest(network: SupplyNetwork(graph: g, semantics: .parts), targets: targets)
      let more = Self.graph(seed, parts: true, extra: (seed % g.nodeCount, 30), acyclic: acyclic)
      let after = StressTest(network: SupplyNetwork(graph: more, semantics: .parts), targets: targets)
      for (a, b) in zip(before.impacts, after.impacts) {
        #expect(a.point == b.point)
        for (x, y) in zip(a.targets.sorted { $0.target < $1.target }, b.targets.sorted { $0.target < $1.target }) {
          #expect(y.timeToImpact >= x.timeToImpact - 1e-9)
        }
      }
      let instant = Self.graph(seed, parts: true, ttr: 0, acyclic: acyclic)
      let none = StressTest(network: SupplyNetwork(graph: instant, semantics: .parts), targets: targets)
      #expect(none.exposures.isEmpty)
    }
  }

  @Test("by hand: inventory and lead times along the route that lasts longest")
  func byHand() {
    var b = SupplyGraphBuilder()
    func node(_ id: String, _ kind: String, inventory: Double, ttr: Double? = nil) -> NodeIndex {
      var a = [Attribute(name: "inventory_days", value: .number(inventory))]
      if let ttr { a.append(Attribute(name: "ttr", value: .number(ttr))) }
      return b.addNode(id: id, kind: kind, sector: kind == "buyer" ? "defense" : nil, attributes: a).index
    }
    let chip = node("chip", "supplier", inventory: 0, ttr: 90)
    let board = node("board", "integrator", inventory: 10)
    let navy = node("navy", "buyer", inventory: 20)
    b.addEdge(from: chip, to: board, part: "npu", attributes: [Attribute(name: "lead_time", value: .number(30))])
    b.addEdge(from: board, to: navy, attributes: [Attribute(name: "lead_time", value: .number(5))])
    let g = b.build()
    let stress = StressTest(network: SupplyNetwork(graph: g, semantics: .parts), targets: [navy])
    let chipImpact = stress.impacts.first { $0.point == chip }!
    let expected: [Double] = [65]  // 30 days in transit, 10 at the board, 5 more, 20 at the navy
    #expect(chipImpact.targets.map(\.timeToImpact) == expected)
    #expect(stress.exposures.count == 1 && stress.exposures[0].shortfall == 25)
    #expect(stress.remedies.first?.days == 25)
  }
}
