import LinkageCore
import LinkageTestSupport
import Testing

/// Share-weighted supply against a direct fixed-point iteration written independently of the
/// product, on random graphs with cycles, missing shares and both semantics; without shares it
/// must equal the yes/no answers exactly.
@Suite("Share-weighted supply and loss against brute force")
struct ShareWeightedSupplyTests {
  /// A random graph whose flow edges carry a random `share` with probability `shared`.
  static func graph(_ seed: Int, parts: Bool, shared: Double) -> SupplyGraph {
    var spec = RandomGraphSpec(nodes: 3 + seed % 12, edges: 2 + seed % 30)
    spec.partFraction = parts ? 0.6 : 0
    spec.requiresAllFraction = parts ? 0.15 : 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 6060)
    var rng = SeededRandom(seed: UInt64(seed) &+ 1)
    var b = SupplyGraphBuilder()
    b.contextRelations = g.contextRelations
    for v in g.nodes {
      b.addNode(
        id: g.id(of: v), kind: g.kindLabel(of: v), sector: g.sectorLabel(of: v),
        requires: g.requirement(of: v),
        attributes: [Attribute(name: "value", value: .number(Double(1 + rng.below(9))))])
    }
    for e in g.edges {
      var attributes: [Attribute] = []
      if rng.unit() < shared {
        attributes.append(Attribute(name: "share", value: .number(Double(rng.below(11)) / 10)))
      }
      b.addEdge(
        from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
        part: g.part(of: e), attributes: attributes)
    }
    return b.build()
  }

  /// Kleene iteration in Jacobi order from 0, over groups built here from the edge list.
  static func oracle(_ g: SupplyGraph, parts: Bool, failed: Set<Int> = []) -> [Double] {
    let n = g.nodeCount
    var groups = [[String: [(Int, Double)]]](repeating: [:], count: n)
    var hasFlowIn = [Bool](repeating: false, count: n)
    let share = g.edgeAttributes["share"]
    for e in 0..<g.edgeCount where g.isFlow[e] {
      let t = Int(g.targets[e])
      hasFlowIn[t] = true
      let key: String
      if !parts {
        key = "all"
      } else if g.requirement(of: NodeIndex(t)) == .all {
        key = "edge\(e)"
      } else {
        key = g.part(of: EdgeIndex(e)).map { "part:" + $0 } ?? "unlabeled"
      }
      groups[t][key, default: []].append((Int(g.sources[e]), share?.number(at: e) ?? 1))
    }
    var y = [Double](repeating: 0, count: n)
    for _ in 0..<200_000 {
      var next = y
      var change = 0.0
      for v in 0..<n {
        if failed.contains(v) {
          next[v] = 0
        } else if !hasFlowIn[v] {
          next[v] = 1
        } else {
          next[v] = groups[v].values.map { edges in
            min(1, edges.reduce(0) { $0 + $1.1 * y[$1.0] })
          }.min() ?? 1
        }
        change = max(change, abs(next[v] - y[v]))
      }
      y = next
      if change < 1e-14 { break }
    }
    return y
  }

  @Test("fractions equal the fixed point; each failure's changes equal it too", arguments: 0..<150)
  func fractions(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let g = Self.graph(seed, parts: parts, shared: 0.7)
      let network = SupplyNetwork(graph: g, semantics: semantics)
      let supply = ShareWeightedSupply(network: network)
      #expect(supply.converged)
      let expected = Self.oracle(g, parts: parts)
      for v in 0..<g.nodeCount {
        #expect(abs(supply.supplied[v] - expected[v]) < 1e-7, "seed \(seed) \(semantics) node \(v)")
      }
      var engine = supply.engine()
      for x in 0..<g.nodeCount {
        let change = engine.fail(NodeIndex(x))
        let after = Self.oracle(g, parts: parts, failed: [x])
        var fell: [Int: Double] = [:]
        for (k, v) in change.nodes.enumerated() { fell[Int(v)] = change.after[k] }
        for v in 0..<g.nodeCount {
          if expected[v] - after[v] > 1e-7 {
            #expect(
              fell[v].map { abs($0 - after[v]) < 1e-7 } == true,
              "seed \(seed) \(semantics) fail \(x): node \(v) should fall to \(after[v])")
          } else {
            #expect(fell[v] == nil || expected[v] - fell[v]! < 1e-7, "seed \(seed) fail \(x) node \(v)")
          }
        }
      }
      // The engine restores its state: the same failure twice gives the same answer.
      if g.nodeCount > 0 {
        let a = engine.fail(0)
        let b = engine.fail(0)
        #expect(a.nodes == b.nodes && a.after == b.after)
      }
    }
  }

  @Test("without shares: exactly the yes/no supply, and loss equals the value spof cuts", arguments: 0..<150)
  func withoutShares(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let g = Self.graph(seed, parts: parts, shared: 0)
      let network = SupplyNetwork(graph: g, semantics: semantics)
      let supply = ShareWeightedSupply(network: network)
      let yes = Oracle.supplied(g, parts: parts)
      #expect(supply.supplied == yes.map { $0 ? 1.0 : 0.0 }, "seed \(seed) \(semantics)")
      let targets = g.nodes.filter { $0 % 3 == 2 }
      let loss = SupplyLoss(network: network, targets: targets)
      let spof = SinglePointsOfFailure(network: network, targets: targets)
      let fromLoss = loss.ranked.map { "\($0.node):\($0.valueLost):\($0.targetsAffected)" }.sorted()
      let fromSpof = spof.criticalNodes.map {
        "\($0.node):\($0.valueCut):\($0.targetsCut.count)"
      }.sorted()
      #expect(fromLoss == fromSpof, "seed \(seed) \(semantics)")
    }
  }

  @Test("a 30% supplier's failure loses 30%; a cycle with no origin supplies nothing")
  func byHand() {
    var b = SupplyGraphBuilder()
    let big = b.addNode(id: "big", kind: "supplier").index
    let small = b.addNode(id: "small", kind: "supplier").index
    let maker = b.addNode(id: "maker", kind: "integrator").index
    let buyer = b.addNode(id: "buyer", kind: "buyer", sector: "defense",
                          attributes: [Attribute(name: "value", value: .number(10))]).index
    let a = b.addNode(id: "a", kind: "supplier").index
    let c = b.addNode(id: "c", kind: "supplier").index
    b.addEdge(from: big, to: maker, part: "x", attributes: [Attribute(name: "share", value: .number(0.7))])
    b.addEdge(from: small, to: maker, part: "x", attributes: [Attribute(name: "share", value: .number(0.3))])
    b.addEdge(from: maker, to: buyer)
    b.addEdge(from: a, to: c)
    b.addEdge(from: c, to: a)
    let g = b.build()
    let network = SupplyNetwork(graph: g, semantics: .parts)
    let loss = SupplyLoss(network: network, targets: [buyer])
    #expect(loss.supply.supplied[Int(buyer)] == 1)
    #expect(loss.supply.supplied[Int(a)] == 0 && loss.supply.supplied[Int(c)] == 0)
    let bySmall = loss.effects(of: small)
    #expect(bySmall.count == 1 && abs(bySmall[0].after - 0.7) < 1e-12)
    #expect(loss.ranked.map { g.id(of: $0.node) } == ["maker", "big", "small"])
    #expect(abs(loss.ranked[0].valueLost - 10) < 1e-9)  // the maker: everything
    #expect(abs(loss.ranked[1].valueLost - 7) < 1e-9)  // big: 0.3 left of 10
    #expect(abs(loss.ranked[2].valueLost - 3) < 1e-9)  // small: 0.7 left
  }
}
