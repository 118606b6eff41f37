import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Single points of failure against brute force")
struct SinglePointsOfFailureTests {
  static func check(_ g: SupplyGraph, semantics: SupplySemantics, minimumShare: Double? = nil) {
    let parts = semantics == .parts
    let network = SupplyNetwork(graph: g, semantics: semantics, minimumShare: minimumShare)
    let targets = g.nodes.filter { $0 % 3 == 2 }  // a third of the nodes, any kind
    let spof = SinglePointsOfFailure(network: network, targets: targets)
    let base = Oracle.supplied(g, parts: parts, minimumShare: minimumShare)
    #expect(network.suppliedNodes() == base)
    #expect(spof.unsuppliedTargets == targets.filter { !base[Int($0)] })
    for x in 0..<g.nodeCount {
      let after = Oracle.supplied(g, parts: parts, failed: [x], minimumShare: minimumShare)
      let expected = targets.filter { Int($0) != x && base[Int($0)] && !after[Int($0)] }
      #expect(spof.criticality(of: NodeIndex(x)).targetsCut == expected, "node \(x) \(semantics)")
      // Every reported pair has a checkable chain ending at the target.
      for t in expected {
        let steps = spof.explanation(of: NodeIndex(x), for: t)
        #expect(steps.last?.node == t)
        if semantics == .parts, let first = steps.first {
          #expect(
            g.sources[Int(first.edge)] == NodeIndex(x) || !after[Int(g.sources[Int(first.edge)])])
        }
        // The cascade is complete: every other supplier of each step's group is down, and the
        // step names exactly those that fell with it (so "no supplier left" checks by hand).
        for step in steps where semantics == .parts {
          var others: Set<NodeIndex> = []
          for f in 0..<g.edgeCount
          where Int(g.targets[f]) == Int(step.node) && network.carries[f]
            && network.groupOfEdge[f] == step.group
          {
            let u = g.sources[f]
            if u == g.sources[Int(step.edge)] || Int(u) == x { continue }
            #expect(!after[Int(u)], "supplier \(u) of a lost group survives (node \(x))")
            // Named when it fell now; one that was never supplied did not fall.
            if base[Int(u)] { others.insert(u) }
          }
          #expect(step.alsoFell == others.sorted(), "node \(x) step \(step.node)")
        }
      }
    }
    var linkCut: [Int: [NodeIndex]] = [:]
    for l in spof.criticalLinks { linkCut[Int(l.edge)] = l.targetsCut }
    for e in 0..<g.edgeCount {
      let after = Oracle.supplied(g, parts: parts, removedEdge: e, minimumShare: minimumShare)
      let expected = targets.filter { base[Int($0)] && !after[Int($0)] }
      #expect((linkCut[e] ?? []) == expected, "edge \(e) \(semantics)")
    }
  }

  @Test("OR semantics: node and link impact equal brute force", arguments: 0..<150)
  func orSemantics(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 2 + seed % 13, edges: seed % 32), seed: UInt64(seed) &+ 77)
    Self.check(g, semantics: .or)
  }

  @Test(
    "parts semantics (cycles, parallel edges, requires all): impact equals brute force",
    arguments: 0..<250)
  func partsSemantics(seed: Int) {
    var spec = RandomGraphSpec(nodes: 2 + seed % 12, edges: seed % 30)
    spec.partFraction = 0.6
    spec.requiresAllFraction = 0.2
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 991)
    Self.check(g, semantics: .parts)
  }

  @Test("acyclic graphs with many parts", arguments: 0..<100)
  func acyclicParts(seed: Int) {
    var spec = RandomGraphSpec(nodes: 3 + seed % 15, edges: 5 + seed % 40)
    spec.acyclic = true
    spec.partFraction = 0.7
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 31337)
    Self.check(g, semantics: .parts)
    Self.check(g, semantics: .or)
  }

  @Test("a supply cycle fed from outside is cut when its feed fails")
  func cycleNeedsGrounding() {
    var b = SupplyGraphBuilder()
    let src = b.addNode(id: "src").index
    let a = b.addNode(id: "a").index
    let c = b.addNode(id: "c").index
    let t = b.addNode(id: "t", kind: "buyer", sector: "defense").index
    b.addEdge(from: src, to: a)
    b.addEdge(from: c, to: a)
    b.addEdge(from: a, to: c)
    b.addEdge(from: c, to: t)
    let g = b.build()
    for semantics in SupplySemantics.allCases {
      let spof = SinglePointsOfFailure(
        network: SupplyNetwork(graph: g, semantics: semantics), targets: [t])
      #expect(
        spof.criticality(of: src).targetsCut == [t], "\(semantics): a and c only support each other"
      )
    }
  }

  @Test("a minimum share keeps a tiny supplier from standing in", arguments: 0..<60)
  func minimumShare(seed: Int) {
    var b = SupplyGraphBuilder()
    var rng = SeededRandom(seed: UInt64(seed))
    let n = 3 + rng.below(10)
    for i in 0..<n { b.addNode(id: "n\(i)") }
    for _ in 0..<(n * 2) {
      let s = rng.below(n)
      let t = rng.below(n)
      b.addEdge(
        from: NodeIndex(s), to: NodeIndex(t), part: rng.below(2) == 0 ? "p" : nil,
        attributes: rng.below(3) == 0
          ? [] : [Attribute(name: "share", value: .number(Double(rng.below(100)) / 100))])
    }
    let g = b.build()
    Self.check(g, semantics: .parts, minimumShare: 0.3)
    Self.check(g, semantics: .or, minimumShare: 0.3)
  }
}
