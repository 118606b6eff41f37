import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Dominator tree")
struct DominatorTests {
  /// Nodes the virtual root reaches (through origins) when `removed` is taken out.
  static func reachable(_ g: SupplyGraph, removing removed: Int?) -> Set<Int> {
    let adj = Oracle.adjacency(g, flowOnly: true)
    var seen: Set<Int> = []
    var stack: [Int] = []
    for v in 0..<g.nodeCount where g.flowIn.degree(of: NodeIndex(v)) == 0 && v != removed {
      seen.insert(v)
      stack.append(v)
    }
    while let v = stack.popLast() {
      for w in adj[v] where w != removed && seen.insert(w).inserted { stack.append(w) }
    }
    return seen
  }

  @Test(
    "dominance equals 'removing x disconnects v' on random graphs with cycles", arguments: 0..<200)
  func matchesBruteForce(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 14, edges: seed % 35), seed: UInt64(seed) &+ 4242)
    let tree = g.supplyDominatorTree()
    let base = Self.reachable(g, removing: nil)
    for v in 0..<g.nodeCount {
      #expect(tree.isReachable(Int32(v)) == base.contains(v))
    }
    for x in 0..<g.nodeCount {
      let without = Self.reachable(g, removing: x)
      for v in base where v != x {
        #expect(
          tree.dominates(Int32(x), Int32(v)) == !without.contains(v), "x=\(x) v=\(v) seed=\(seed)")
      }
    }
    // The immediate dominator is the nearest strict dominator.
    for v in base {
      let strict = (0..<g.nodeCount).filter { $0 != v && tree.dominates(Int32($0), Int32(v)) }
      if let d = tree.immediateDominator(of: Int32(v)), d != Int32(g.nodeCount) {
        #expect(strict.contains(Int(d)))
        #expect(strict.allSatisfy { tree.dominates(Int32($0), d) })
      } else {
        #expect(strict.isEmpty)
      }
    }
  }

  @Test("a million-node chain: every node dominates the rest, no stack overflow")
  func longChain() {
    var b = SupplyGraphBuilder(expectedNodes: 1_000_000, expectedEdges: 1_000_000)
    var previous = b.addNode(id: "c0").index
    for i in 1..<1_000_000 {
      let v = b.addNode(id: "c\(i)").index
      b.addEdge(from: previous, to: v)
      previous = v
    }
    let tree = b.build().supplyDominatorTree()
    #expect(tree.immediateDominator(of: 999_999) == 999_998)
    #expect(tree.dominates(0, 999_999))
    #expect(tree.dominators(of: 999_999).count == 999_999)
  }
}
