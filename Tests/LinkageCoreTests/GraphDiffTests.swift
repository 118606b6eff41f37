import LinkageCore
import LinkageTestSupport
import Testing

/// `linkage diff` in the data: a graph against itself is empty; against itself under a
/// scenario it lists exactly the scenario (failed nodes, cut links, additions); against an
/// edited copy it lists exactly the edits; matching by name survives regenerated ids.
@Suite("Graph diffs against the changes made")
struct GraphDiffTests {
  static func random(_ seed: Int) -> SupplyGraph {
    var spec = RandomGraphSpec(nodes: 2 + seed % 14, edges: seed % 35)
    spec.partFraction = 0.4
    return RandomGraphs.make(spec, seed: UInt64(seed) &+ 5151)
  }

  /// A copy of `g` built through the builder, with `edit` applied to each node's attributes
  /// and the edges `keep` says to keep.
  static func copy(
    _ g: SupplyGraph, id: (String) -> String = { $0 },
    attributes: (NodeIndex, [Attribute]) -> [Attribute] = { $1 },
    keep: (EdgeIndex) -> Bool = { _ in true }
  ) -> SupplyGraph {
    var b = SupplyGraphBuilder()
    b.contextRelations = g.contextRelations
    for v in g.nodes {
      b.addNode(
        id: id(g.id(of: v)), name: g.writtenName(of: v) ?? g.id(of: v), kind: g.kindLabel(of: v),
        sector: g.sectorLabel(of: v), stage: g.stageLabel(of: v), tier: g.tier(of: v),
        requires: g.requirement(of: v), attributes: attributes(v, g.nodeAttributes.values(at: Int(v))))
    }
    for e in g.edges where keep(e) {
      b.addEdge(
        from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
        part: g.part(of: e), attributes: g.edgeAttributes.values(at: Int(e)))
    }
    return b.build()
  }

  @Test("diff G G is empty", arguments: 0..<100)
  func itself(seed: Int) {
    let g = Self.random(seed)
    #expect(GraphDiff(old: g, new: g).isEmpty)
    #expect(GraphDiff(old: g, new: Self.copy(g)).isEmpty == (g.nodes.allSatisfy { g.writtenName(of: $0) != nil }))
    #expect(GraphDiff(old: g, new: g, match: .name).isEmpty)
  }

  @Test("diff G G is empty on generated ecosystems with string attribute columns")
  func itselfGenerated() {
    var options = EcosystemGenerator.Options.standard
    options.extraColumns = 4
    let g = EcosystemGenerator(nodeCount: 3_000, seed: 12, options: options).generate()
    #expect(GraphDiff(old: g, new: g).isEmpty)
  }

  @Test(
    "diff G (G with a scenario) lists exactly the failed nodes and cut links", arguments: 0..<150)
  func scenario(seed: Int) {
    let g = Self.random(seed)
    var rng = SeededRandom(seed: UInt64(seed) &+ 3)
    var failed = Set<NodeIndex>()
    for _ in 0..<rng.below(3) { failed.insert(NodeIndex(rng.below(g.nodeCount))) }
    var cut = Set<EdgeIndex>()
    if g.edgeCount > 0 { for _ in 0..<rng.below(4) { cut.insert(EdgeIndex(rng.below(g.edgeCount))) } }
    let whatIf = g.applying(failed: Array(failed), cut: Array(cut))
    let diff = GraphDiff(old: g, new: whatIf)
    #expect(diff.addedNodes.isEmpty && diff.removedNodes.isEmpty)
    #expect(diff.addedEdges.isEmpty && diff.removedEdges.isEmpty)
    #expect(Set(diff.changedNodes.map(\.old)) == failed, "seed \(seed)")
    for c in diff.changedNodes {
      #expect(c.fields == [.init(field: "failed", old: "false", new: "true")])
    }
    // Cut links whose ends both stand (a failed node's links fall with it).
    let expectedCuts = cut.filter {
      !failed.contains(g.source(of: $0)) && !failed.contains(g.target(of: $0))
    }
    #expect(diff.changedEdges.count == expectedCuts.count, "seed \(seed)")
    // Parallel links of one key may pair up in either order: compare by key.
    func key(_ e: EdgeIndex) -> String {
      "\(g.source(of: e))>\(g.target(of: e)):\(g.relation(of: e).name):\(g.part(of: e) ?? "")"
    }
    #expect(
      diff.changedEdges.map { key($0.old) }.sorted() == expectedCuts.map(key).sorted(),
      "seed \(seed)")
    for c in diff.changedEdges {
      #expect(c.fields == [.init(field: "cut", old: "false", new: "true")])
    }
    // And back: the scenario undone.
    let back = GraphDiff(old: whatIf, new: g)
    #expect(back.changedNodes.count == failed.count)
    #expect(back.changedEdges.count == expectedCuts.count)
  }

  @Test("diff G (G plus an addition) lists exactly the added nodes and links", arguments: 0..<80)
  func addition(seed: Int) {
    let g = Self.random(seed)
    // An addition that names some of the base's nodes and brings new ones.
    var b = SupplyGraphBuilder()
    var rng = SeededRandom(seed: UInt64(seed) &+ 11)
    let fresh = 1 + rng.below(3)
    var nodes: [NodeIndex] = []
    for k in 0..<fresh { nodes.append(b.addNode(id: "new\(k)", kind: "supplier").index) }
    for _ in 0..<2 { nodes.append(b.addNode(id: "n\(rng.below(g.nodeCount))").index) }
    let links = 1 + rng.below(4)
    for _ in 0..<links {
      b.addEdge(
        from: nodes[rng.below(nodes.count)], to: nodes[rng.below(nodes.count)], part: "a")
    }
    let joined = g.adding(b.build())
    let diff = GraphDiff(old: g, new: joined.graph)
    #expect(
      diff.addedNodes.map { joined.graph.id(of: $0) }.sorted()
        == (0..<fresh).map { "new\($0)" })
    #expect(diff.addedEdges.count == links)
    #expect(Set(diff.addedEdges) == Set(joined.addedEdges))
    #expect(diff.removedNodes.isEmpty && diff.removedEdges.isEmpty)
    #expect(diff.changedNodes.isEmpty && diff.changedEdges.isEmpty)
  }

  @Test("edits are listed exactly: removed links and changed attributes", arguments: 0..<80)
  func edits(seed: Int) {
    let base = Self.copy(Self.random(seed))
    guard base.edgeCount > 0 else { return }
    var rng = SeededRandom(seed: UInt64(seed) &+ 23)
    let dropped = Set((0..<rng.below(3)).map { _ in EdgeIndex(rng.below(base.edgeCount)) })
    let touched = NodeIndex(rng.below(base.nodeCount))
    let edited = Self.copy(
      base,
      attributes: { v, a in v == touched ? a + [Attribute(name: "country", value: .string("NLD"))] : a },
      keep: { !dropped.contains($0) })
    let diff = GraphDiff(old: base, new: edited)
    #expect(diff.removedEdges.count == dropped.count, "seed \(seed)")
    #expect(diff.addedEdges.isEmpty && diff.addedNodes.isEmpty && diff.removedNodes.isEmpty)
    #expect(diff.changedNodes.map(\.old) == [touched])
    #expect(diff.changedNodes.first?.fields == [.init(field: "country", old: nil, new: "NLD")])
  }

  @Test("matching by name pairs nodes whose ids were regenerated", arguments: 0..<40)
  func byName(seed: Int) {
    let g = Self.copy(Self.random(seed))
    let renamed = Self.copy(g, id: { "x-" + $0 })
    let byID = GraphDiff(old: g, new: renamed)
    #expect(byID.removedNodes.count == g.nodeCount && byID.addedNodes.count == g.nodeCount)
    let byName = GraphDiff(old: g, new: renamed, match: .name)
    #expect(byName.addedNodes.isEmpty && byName.removedNodes.isEmpty)
    #expect(byName.addedEdges.isEmpty && byName.removedEdges.isEmpty && byName.changedEdges.isEmpty)
    #expect(byName.changedNodes.count == g.nodeCount)
    #expect(byName.changedNodes.allSatisfy { $0.fields.map(\.field) == ["id"] })
  }
}
