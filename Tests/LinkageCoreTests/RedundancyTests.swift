import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Redundancy: vertex-disjoint supply paths")
struct RedundancyTests {
  /// Whether failing `cut` leaves `target` without supply (OR semantics), by the oracle.
  static func cuts(_ g: SupplyGraph, _ cut: Set<Int>, _ target: Int) -> Bool {
    !Oracle.supplied(g, parts: false, failed: cut)[target]
  }

  /// The smallest cut by exhaustive search over subsets of the other nodes (small graphs).
  static func minimumCut(_ g: SupplyGraph, _ target: Int) -> Int? {
    let others = (0..<g.nodeCount).filter { $0 != target }
    for size in 0...min(others.count, 4) {
      var found = false
      func choose(_ from: Int, _ chosen: [Int]) {
        if found { return }
        if chosen.count == size {
          if cuts(g, Set(chosen), target) { found = true }
          return
        }
        guard from < others.count else { return }
        for i in from..<others.count { choose(i + 1, chosen + [others[i]]) }
      }
      choose(0, [])
      if found { return size }
    }
    return nil  // more than 4
  }

  @Test("the random graphs exercise every redundancy level")
  func coverage() {
    var seen: Set<Int> = []
    for seed in 0..<150 {
      var spec = RandomGraphSpec(nodes: 3 + seed % 9, edges: 4 + seed % 26)
      spec.partFraction = 0
      let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 555)
      let network = SupplyNetwork(graph: g, semantics: .or)
      var scratch = RedundancyScratch(nodeCount: g.nodeCount)
      for t in 0..<g.nodeCount {
        switch network.redundancy(of: NodeIndex(t), limit: 3, scratch: &scratch).value {
        case .exactly(let k): seen.insert(k)
        case .atLeast: seen.insert(4)
        case .unlimited: seen.insert(-1)
        }
      }
    }
    #expect(seen.isSuperset(of: [-1, 0, 1, 2, 3]), "\(seen.sorted())")
  }

  @Test("equals the exhaustive minimum cut, and the witness really cuts", arguments: 0..<150)
  func matchesExhaustive(seed: Int) {
    var spec = RandomGraphSpec(nodes: 3 + seed % 9, edges: 4 + seed % 26)
    spec.partFraction = 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 555)
    let network = SupplyNetwork(graph: g, semantics: .or)
    var scratch = RedundancyScratch(nodeCount: g.nodeCount)
    for t in 0..<g.nodeCount {
      let r = network.redundancy(of: NodeIndex(t), limit: 3, scratch: &scratch)
      if g.flowIn.degree(of: NodeIndex(t)) == 0 {
        #expect(r.value == .unlimited)
        continue
      }
      let expected = Self.minimumCut(g, t)
      switch r.value {
      case .exactly(let k):
        #expect(expected == k, "seed \(seed) target \(t)")
        #expect(r.witness.count == k)
        #expect(Self.cuts(g, Set(r.witness.map(Int.init)), t), "witness must cut")
        #expect(!r.witness.contains(NodeIndex(t)))
      case .atLeast(let k):
        #expect(k == 4)
        #expect(expected == nil || expected! >= 4)
      case .unlimited:
        Issue.record("only origins are unlimited")
      }
    }
  }
}
