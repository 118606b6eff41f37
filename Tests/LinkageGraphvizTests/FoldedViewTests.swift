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

@Suite("The spof view marks everything drawn that falls")
struct SpofViewCascadeTests {
  /// Every drawn node other than the single points drawn and the targets they cut is marked
  /// as falling exactly when it loses supply (brute-force least fixed point) when one of the
  /// drawn single points fails alone.
  @Test("fallen marks against brute-force supply", arguments: 0..<40)
  func fallen(seed: Int) throws {
    var spec = RandomGraphSpec(nodes: 8 + seed % 30, edges: 12 + (seed * 5) % 70)
    spec.acyclic = seed % 2 == 0
    let graph = RandomGraphs.make(spec, seed: UInt64(seed) &+ 4242)
    let input = AnalysisInput(graph: graph, name: "random", diagnostics: DiagnosticLog())
    let request = try AnalysisRequest(
      graph: graph, options: .failures(targets: "kind=buyer", semantics: .parts))
    var options = SpofReport.Options()
    options.chains = .everyTarget
    options.includesRedundancy = false
    let report = SpofReport(input: input, request: request, options: options)
    let view = DiagramView.spof(report, top: 3, context: 1)
    let drawn = Set(view.nodes)
    let points = report.nodes.prefix(3).map(\.node)
    let intact = Oracle.supplied(graph, parts: true)
    var falls = Set<NodeIndex>()
    for x in points {
      let supplied = Oracle.supplied(graph, parts: true, failed: [Int(x)])
      for v in drawn where intact[Int(v)] && !supplied[Int(v)] && v != x { falls.insert(v) }
    }
    let targets = Set(report.nodes.prefix(3).flatMap(\.targetsCut))
    for v in drawn where !points.contains(v) && !targets.contains(v) {
      let marked = view.overlay.nodes[v]?.contains { $0 == ("style", "filled,dashed") } ?? false
      #expect(marked == falls.contains(v), "seed \(seed): \(graph.id(of: v))")
    }
  }
}
