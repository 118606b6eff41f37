import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Articulation points and bridges of the undirected view")
struct StructureTests {
  /// Connected components of the undirected flow view, without `node` or `edge`.
  static func components(
    _ g: SupplyGraph, withoutNode node: Int? = nil, withoutEdge edge: Int? = nil
  ) -> Int {
    var adj = [[Int]](repeating: [], count: g.nodeCount)
    for e in 0..<g.edgeCount where g.isFlow[e] && e != edge {
      let a = Int(g.sources[e])
      let b = Int(g.targets[e])
      if a == node || b == node || a == b { continue }
      adj[a].append(b)
      adj[b].append(a)
    }
    var seen = Set<Int>()
    var count = 0
    for v in 0..<g.nodeCount where v != node && !seen.contains(v) {
      count += 1
      seen.formUnion(Oracle.reachable(from: v, adj))
    }
    return count
  }

  @Test("equal brute force (multi-edges are separate links)", arguments: 0..<200)
  func bruteForce(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 16, edges: seed % 28), seed: UInt64(seed) &+ 808)
    let s = g.articulationPointsAndBridges()
    let base = Self.components(g)
    for v in 0..<g.nodeCount {
      // Removing v drops it, so the count rises by at least one exactly when v is a cut node.
      let isolated = !g.edges.contains {
        g.isFlow[Int($0)] && g.sources[Int($0)] != g.targets[Int($0)]
          && (g.sources[Int($0)] == v || g.targets[Int($0)] == v)
      }
      let expected = !isolated && Self.components(g, withoutNode: v) > base
      #expect(s.articulationPoints.contains(NodeIndex(v)) == expected, "node \(v)")
    }
    for e in 0..<g.edgeCount {
      let expected =
        g.isFlow[e] && g.sources[e] != g.targets[e] && Self.components(g, withoutEdge: e) > base
      #expect(s.bridges.contains(EdgeIndex(e)) == expected, "edge \(e)")
    }
  }

  @Test("an antiparallel pair is not a bridge; a single link is")
  func antiparallel() {
    var b = SupplyGraphBuilder()
    let a = b.addNode(id: "a").index
    let c = b.addNode(id: "c").index
    let d = b.addNode(id: "d").index
    b.addEdge(from: a, to: c)
    b.addEdge(from: c, to: a)
    b.addEdge(from: c, to: d)
    let s = b.build().articulationPointsAndBridges()
    #expect(s.bridges == [2])
    #expect(s.articulationPoints == [c])
    #expect(s.biconnectedComponentCount == 2)
  }
}
