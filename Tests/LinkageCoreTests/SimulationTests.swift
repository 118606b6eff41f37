import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Monte Carlo failure simulation")
struct SimulationTests {
  /// s1 (p) and s2 (q) both supply a; a supplies buyer t. t survives unless both fail.
  static func graph(p: Double, q: Double) -> (SupplyGraph, NodeIndex) {
    var b = SupplyGraphBuilder()
    let s1 = b.addNode(
      id: "s1", attributes: [Attribute(name: "failure_probability", value: .number(p))]
    ).index
    let s2 = b.addNode(
      id: "s2", attributes: [Attribute(name: "failure_probability", value: .number(q))]
    ).index
    let a = b.addNode(id: "a").index
    let t = b.addNode(
      id: "t", kind: "buyer", sector: "defense",
      attributes: [Attribute(name: "value", value: .number(5))]
    ).index
    b.addEdge(from: s1, to: a)
    b.addEdge(from: s2, to: a)
    b.addEdge(from: a, to: t)
    return (b.build(), t)
  }

  @Test("a seed gives the same numbers; the estimate's interval holds the truth")
  func reproducibleAndCalibrated() {
    let (g, t) = Self.graph(p: 0.5, q: 0.4)
    let network = SupplyNetwork(graph: g, semantics: .or)
    let a = FailureSimulation(network: network, targets: [t], trials: 5000, seed: 42)
    let b = FailureSimulation(network: network, targets: [t], trials: 5000, seed: 42)
    #expect(a.outcomes[0].supplied == b.outcomes[0].supplied)
    #expect(a.expectedValueLost == b.expectedValueLost)
    let truth = 1 - 0.5 * 0.4
    #expect(a.outcomes[0].lower <= truth && truth <= a.outcomes[0].upper, "\(a.outcomes[0])")
    #expect(a.valueLostLower <= 5 * 0.2 && 5 * 0.2 <= a.valueLostUpper)
    #expect(a.fallibleNodes == 2)
    let other = FailureSimulation(network: network, targets: [t], trials: 5000, seed: 43)
    #expect(
      other.outcomes[0].supplied != a.outcomes[0].supplied
        || other.expectedValueLost != a.expectedValueLost)
  }

  @Test("certain failures give certain answers under either semantics")
  func certain() {
    let (g, t) = Self.graph(p: 1, q: 1)
    for semantics in SupplySemantics.allCases {
      let s = FailureSimulation(
        network: SupplyNetwork(graph: g, semantics: semantics), targets: [t], trials: 200, seed: 1)
      #expect(s.outcomes[0].supplied == 0)
      #expect(s.expectedValueLost == 5)
    }
    let (safe, t2) = Self.graph(p: 0, q: 0)
    let s = FailureSimulation(
      network: SupplyNetwork(graph: safe, semantics: .or), targets: [t2], trials: 130, seed: 1)
    #expect(s.outcomes[0].supplied == 130 && s.fallibleNodes == 0)
  }

  @Test(
    "agrees with brute-force supply on random graphs: every trial's verdict matches the oracle",
    arguments: 0..<20)
  func matchesOracle(seed: Int) {
    // With probabilities 0 or 1 every trial is the same, so the count must be all or nothing,
    // as the oracle says for that failure set.
    var spec = RandomGraphSpec(nodes: 3 + seed % 10, edges: seed % 25)
    spec.partFraction = 0.5
    let base = RandomGraphs.make(spec, seed: UInt64(seed) &+ 5)
    var b = SupplyGraphBuilder()
    var failed: Set<Int> = []
    for v in base.nodes {
      let dies = (Int(v) * 7 + seed) % 4 == 0
      if dies { failed.insert(Int(v)) }
      b.addNode(
        id: base.id(of: v),
        attributes: [Attribute(name: "failure_probability", value: .number(dies ? 1 : 0))])
      b.setRequirement(base.requirement(of: v), for: v)
    }
    for e in base.edges {
      b.addEdge(
        from: base.source(of: e), to: base.target(of: e), relation: base.relation(of: e).name,
        part: base.part(of: e))
    }
    let g = b.build()
    for semantics in SupplySemantics.allCases {
      let s = FailureSimulation(
        network: SupplyNetwork(graph: g, semantics: semantics), targets: Array(g.nodes), trials: 70,
        seed: 9)
      let oracle = Oracle.supplied(g, parts: semantics == .parts, failed: failed)
      for o in s.outcomes { #expect(o.supplied == (oracle[Int(o.target)] ? 70 : 0)) }
    }
  }
}
