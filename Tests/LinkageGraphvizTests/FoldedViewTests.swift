import LinkageCore
import LinkageReports
import LinkageTestSupport
import Testing

@Suite("Views restricted to some nodes (--only)")
struct FoldedViewTests {
  /// Every kept node's count line against brute force: the distinct hidden neighbours of the
  /// view (either direction, any relation), by kind.
  @Test("hidden neighbours are counted by kind on each kept node", arguments: 0..<60)
  func counts(seed: Int) {
    var spec = RandomGraphSpec(nodes: 5 + seed % 40, edges: 10 + (seed * 7) % 120)
    spec.contextFraction = 0.2
    let graph = RandomGraphs.make(spec, seed: UInt64(seed) &+ 900)
    var rng = SeededRandom(seed: UInt64(seed) &+ 17)
    let view = DiagramView(nodes: graph.nodes.filter { _ in rng.below(5) != 0 }, title: "t")
    let kept = graph.nodes.filter { _ in rng.below(3) == 0 }
    let folded = view.restricted(to: kept, rule: "kind=x", in: graph)
    let inView = Set(view.nodes)
    let keep = Set(kept).intersection(inView)
    #expect(folded.nodes == view.nodes.filter { keep.contains($0) })
    #expect(folded.title == "t — only kind=x, other nodes counted on their neighbours")
    for v in folded.nodes {
      var hidden = Set<NodeIndex>()
      for e in graph.edges {
        let (s, t) = (graph.source(of: e), graph.target(of: e))
        if s == v, inView.contains(t), !keep.contains(t) { hidden.insert(t) }
        if t == v, inView.contains(s), !keep.contains(s) { hidden.insert(s) }
      }
      var byKind: [NodeKind: Int] = [:]
      for u in hidden { byKind[graph.kind(of: u), default: 0] += 1 }
      let expected =
        byKind.isEmpty
        ? nil
        : "+"
          + byKind.sorted { $0.key < $1.key }.map { kind, n in
            "\(n) \(n == 1 ? kind.name : kind == .agency ? "agencies" : kind.name + "s")"
          }.joined(separator: " · ")
      #expect(folded.overlay.nodeLabels[v] == expected, "seed \(seed), node \(graph.id(of: v))")
    }
  }
}
