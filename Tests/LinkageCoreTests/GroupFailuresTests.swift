import LinkageCore
import LinkageTestSupport
import Testing

/// `spof --group-by`: a value's nodes failing together equals failing them together in brute
/// force, on random graphs with cycles, both semantics.
@Suite("Group failures against brute force")
struct GroupFailuresTests {
  static func graph(_ seed: Int, parts: Bool) -> SupplyGraph {
    var spec = RandomGraphSpec(nodes: 3 + seed % 14, edges: 2 + seed % 32)
    spec.partFraction = parts ? 0.6 : 0
    spec.requiresAllFraction = parts ? 0.15 : 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 8080)
    var rng = SeededRandom(seed: UInt64(seed) &+ 2)
    var b = SupplyGraphBuilder()
    b.contextRelations = g.contextRelations
    let countries = ["KOR", "NLD", "USA", "JPN"]
    for v in g.nodes {
      var attributes = [Attribute(name: "value", value: .number(Double(1 + rng.below(5))))]
      if rng.below(5) > 0 {
        attributes.append(Attribute(name: "country", value: .string(countries[rng.below(4)])))
      }
      b.addNode(
        id: g.id(of: v), kind: g.kindLabel(of: v), sector: g.sectorLabel(of: v),
        requires: g.requirement(of: v), attributes: attributes)
    }
    for e in g.edges {
      b.addEdge(
        from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
        part: g.part(of: e))
    }
    return b.build()
  }

  @Test("each value's joint failure cuts exactly what brute force says", arguments: 0..<150)
  func joint(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let g = Self.graph(seed, parts: parts)
      let network = SupplyNetwork(graph: g, semantics: semantics)
      let targets = g.nodes.filter { $0 % 3 != 0 }
      let units = GroupFailures(network: network, targets: targets, attribute: "country")
      let values = GroupFailures.values(of: "country", in: g)
      #expect(units.unassigned == values.filter { $0 == nil }.count)
      let base = Oracle.supplied(g, parts: parts)
      for unit in units.ranked {
        let members = Set(g.nodes.filter { values[Int($0)] == unit.value }.map { Int($0) })
        #expect(Set(unit.nodes.map { Int($0) }) == members)
        let after = Oracle.supplied(g, parts: parts, failed: members)
        let expected = targets.filter {
          !members.contains(Int($0)) && base[Int($0)] && !after[Int($0)]
        }
        #expect(unit.targetsCut == expected, "seed \(seed) \(semantics) \(unit.value)")
        if let first = unit.targetsCut.first {
          #expect(unit.chain.last == first)
          #expect(unit.chain.first.map { members.contains(Int($0)) } == true)
        }
      }
      // Ranked by targets cut, then value, then the value's text.
      let keys = units.ranked.map { (-$0.targetsCut.count, -$0.valueCut, $0.value) }
      #expect(keys.map { "\($0)" } == keys.sorted { $0 < $1 }.map { "\($0)" })
    }
  }
}
