import LinkageCore
import LinkageTestSupport
import Testing

/// What-if scenarios against brute force: a failed node stays in the graph, never supplied
/// (deleting it would turn its customers into origins and supply them), and reach and routes
/// go around it exactly as if it were gone.
@Suite("Scenarios against brute force")
struct ScenarioTests {
  /// A random graph and a random scenario on it: up to three failed nodes, up to two cut edges.
  static func case_(_ seed: Int, parts: Bool) -> (SupplyGraph, Set<Int>, Set<Int>) {
    var spec = RandomGraphSpec(nodes: 3 + seed % 12, edges: 2 + seed % 30)
    spec.partFraction = parts ? 0.6 : 0
    spec.requiresAllFraction = parts ? 0.2 : 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 4242)
    var rng = SeededRandom(seed: UInt64(seed) &+ 17)
    var failed = Set<Int>()
    for _ in 0..<(1 + rng.below(3)) { failed.insert(rng.below(g.nodeCount)) }
    var cut = Set<Int>()
    if g.edgeCount > 0 { for _ in 0..<rng.below(3) { cut.insert(rng.below(g.edgeCount)) } }
    return (g, failed, cut)
  }

  static func applied(_ g: SupplyGraph, _ failed: Set<Int>, _ cut: Set<Int>) -> SupplyGraph {
    g.applying(failed: failed.map { NodeIndex($0) }, cut: cut.map { EdgeIndex($0) })
  }

  @Test(
    "supply under a scenario equals brute force that keeps failed nodes failed", arguments: 0..<200)
  func supply(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let (g, failed, cut) = Self.case_(seed, parts: semantics == .parts)
      let whatIf = Self.applied(g, failed, cut)
      let network = SupplyNetwork(graph: whatIf, semantics: semantics)
      let expected = Oracle.supplied(
        g, parts: semantics == .parts, failed: failed, removedEdges: cut)
      #expect(network.suppliedNodes() == expected, "seed \(seed) \(semantics)")
      for v in failed { #expect(!network.suppliedNodes()[v]) }
    }
  }

  @Test("spof under a scenario: each further failure equals brute force", arguments: 0..<150)
  func spof(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let (g, failed, cut) = Self.case_(seed, parts: parts)
      let whatIf = Self.applied(g, failed, cut)
      let network = SupplyNetwork(graph: whatIf, semantics: semantics)
      let targets = g.nodes.filter { $0 % 3 == 2 }
      let spof = SinglePointsOfFailure(network: network, targets: targets)
      let base = Oracle.supplied(g, parts: parts, failed: failed, removedEdges: cut)
      #expect(spof.unsuppliedTargets == targets.filter { !base[Int($0)] })
      for x in 0..<g.nodeCount where !failed.contains(x) {
        let after = Oracle.supplied(
          g, parts: parts, failed: failed.union([x]), removedEdges: cut)
        let expected = targets.filter { Int($0) != x && base[Int($0)] && !after[Int($0)] }
        #expect(
          spof.criticality(of: NodeIndex(x)).targetsCut == expected,
          "seed \(seed) node \(x) \(semantics)")
      }
      var linkCut: [Int: [NodeIndex]] = [:]
      for l in spof.criticalLinks { linkCut[Int(l.edge)] = l.targetsCut }
      for e in 0..<g.edgeCount {
        let after = Oracle.supplied(
          g, parts: parts, failed: failed, removedEdges: cut.union([e]))
        let expected = targets.filter { base[Int($0)] && !after[Int($0)] }
        #expect((linkCut[e] ?? []) == expected, "seed \(seed) edge \(e) \(semantics)")
      }
    }
  }

  @Test("deleting a failed node instead would supply its customers (the trap)")
  func deletingIsWrong() {
    var b = SupplyGraphBuilder()
    let s = b.addNode(id: "s", kind: "supplier").index
    let i = b.addNode(id: "i", kind: "integrator").index
    let buyer = b.addNode(id: "b", kind: "buyer", sector: "industry").index
    b.addEdge(from: s, to: i)
    b.addEdge(from: i, to: buyer, relation: "sells_to")
    let g = b.build()
    let failed = SupplyNetwork(graph: g.applying(failed: [s], cut: []), semantics: .or)
    #expect(failed.suppliedNodes() == [false, false, false])
    let deleted = SupplyNetwork(
      graph: RandomGraphs.removingEdges(g) { g.source(of: $0) == s }, semantics: .or)
    #expect(deleted.suppliedNodes()[Int(buyer)])  // the wrong answer the scenario avoids
  }

  @Test(
    "reach under a scenario equals reach on the graph without the failed nodes' links",
    arguments: 0..<120)
  func reach(seed: Int) {
    let (g, failed, cut) = Self.case_(seed, parts: false)
    let whatIf = DualUseReach(graph: Self.applied(g, failed, cut), robust: true)
    let without = RandomGraphs.removingEdges(g) { e in
      cut.contains(Int(e)) || failed.contains(Int(g.source(of: e)))
        || failed.contains(Int(g.target(of: e)))
    }
    let plain = DualUseReach(graph: without, robust: true)
    for v in 0..<g.nodeCount where !failed.contains(v) {
      #expect(whatIf.classes[v] == plain.classes[v], "seed \(seed) node \(v)")
      for sector in [Sector.defense, .industry] {
        #expect(whatIf.reach(sector).reaches[v] == plain.reach(sector).reaches[v])
        #expect(whatIf.reach(sector).distance[v] == plain.reach(sector).distance[v])
      }
    }
    for v in failed { #expect(whatIf.classes[v] == .none) }
  }

  @Test(
    "routes under a scenario avoid failed nodes and cut links, and no others", arguments: 0..<80)
  func routes(seed: Int) throws {
    let (g, failed, cut) = Self.case_(seed, parts: false)
    let whatIf = Self.applied(g, failed, cut)
    let without = RandomGraphs.removingEdges(g) { e in
      cut.contains(Int(e)) || failed.contains(Int(g.source(of: e)))
        || failed.contains(Int(g.target(of: e)))
    }
    let buyers = g.nodes.filter { g.kind(of: $0) == .buyer }
    for source in g.nodes where !failed.contains(Int(source)) {
      func all(_ graph: SupplyGraph) throws -> [[NodeIndex]] {
        var routes = RouteEnumerator(
          graph: graph, source: source, targets: buyers,
          weight: try RouteWeight(.hops, graph: graph))
        var out: [[NodeIndex]] = []
        while let r = routes.next(), out.count < 200 { out.append(r.path.nodes) }
        return out
      }
      let a = try all(whatIf)
      let b = try all(without)
      #expect(Set(a) == Set(b), "seed \(seed) from \(source)")
      #expect(a.map(\.count) == b.map(\.count))
      for route in a { #expect(!route.contains { failed.contains(Int($0)) }) }
    }
  }

  @Test("a scenario keeps indices, and applying nothing changes nothing", arguments: 0..<40)
  func neutral(seed: Int) {
    let (g, _, _) = Self.case_(seed, parts: true)
    let none = g.applying(failed: [], cut: [])
    for semantics in SupplySemantics.allCases {
      #expect(
        SupplyNetwork(graph: none, semantics: semantics).suppliedNodes()
          == SupplyNetwork(graph: g, semantics: semantics).suppliedNodes())
    }
    #expect(none.ids == g.ids)
  }

  @Test("an addition adds nodes and links and keeps every index", arguments: 0..<60)
  func addition(seed: Int) {
    let (g, _, _) = Self.case_(seed, parts: true)
    var b = SupplyGraphBuilder()
    let fresh = b.addNode(id: "fresh", kind: "supplier").index
    let existing = b.addNode(id: "n0").index
    b.addEdge(from: fresh, to: existing, part: "a")
    let joined = g.adding(b.build())
    #expect(joined.graph.nodeCount == g.nodeCount + 1)
    #expect(joined.graph.edgeCount == g.edgeCount + 1)
    #expect(Array(joined.graph.ids.prefix(g.nodeCount)) == g.ids)
    #expect(joined.addedNodes == [NodeIndex(g.nodeCount)])
    #expect(joined.restated.isEmpty)
    let e = EdgeIndex(g.edgeCount)
    #expect(joined.graph.id(of: joined.graph.source(of: e)) == "fresh")
    #expect(joined.graph.id(of: joined.graph.target(of: e)) == "n0")
    for f in g.edges {
      #expect(joined.graph.source(of: f) == g.source(of: f))
      #expect(joined.graph.part(of: f) == g.part(of: f))
    }
  }
}

extension ScenarioTests {
  @Test(
    "redundancy under a scenario equals the exhaustive minimum cut on top of it", arguments: 0..<100
  )
  func redundancy(seed: Int) {
    let (g, failed, cut) = Self.case_(seed, parts: false)
    let network = SupplyNetwork(graph: Self.applied(g, failed, cut), semantics: .or)
    var scratch = RedundancyScratch(nodeCount: g.nodeCount)
    let base = Oracle.supplied(g, parts: false, failed: failed, removedEdges: cut)
    for t in 0..<g.nodeCount where base[t] {
      let r = network.redundancy(of: NodeIndex(t), limit: 6, scratch: &scratch)
      // Exhaustive: the smallest set of other live nodes whose failure, with the scenario's,
      // cuts t.
      let others = (0..<g.nodeCount).filter { $0 != t && !failed.contains($0) }
      var best: Int? = nil
      func search(_ from: Int, _ chosen: [Int], _ size: Int) {
        if best != nil { return }
        if chosen.count == size {
          let after = Oracle.supplied(
            g, parts: false, failed: failed.union(chosen), removedEdges: cut)
          if !after[t] { best = size }
          return
        }
        guard from < others.count else { return }
        for k in from..<others.count { search(k + 1, chosen + [others[k]], size) }
      }
      for size in stride(from: 1, through: min(3, others.count), by: 1) where best == nil {
        search(0, [], size)
      }
      switch r.value {
      case .unlimited:
        #expect(best == nil, "seed \(seed) target \(t)")
      case .exactly(let k):
        if k <= 3 { #expect(best == k, "seed \(seed) target \(t)") } else { #expect(best == nil) }
      case .atLeast(let k):
        #expect(k > 3 || best == nil)
      }
    }
  }
}
