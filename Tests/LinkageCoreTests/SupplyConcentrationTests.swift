import LinkageCore
import LinkageTestSupport
import Testing

/// HHI, effective sources and the worst group upstream, by hand and against a direct
/// computation on random graphs.
@Suite("Sourcing concentration")
struct SupplyConcentrationTests {
  @Test("by hand: shares normalized, missing shares assumed, countries added up")
  func byHand() {
    var b = SupplyGraphBuilder()
    let a = b.addNode(id: "a", kind: "supplier", attributes: [Attribute(name: "country", value: .string("KOR"))]).index
    let c = b.addNode(id: "c", kind: "supplier", attributes: [Attribute(name: "country", value: .string("KOR"))]).index
    let d = b.addNode(id: "d", kind: "supplier", attributes: [Attribute(name: "country", value: .string("JPN"))]).index
    let m = b.addNode(id: "m", kind: "integrator").index
    let buyer = b.addNode(id: "buyer", kind: "buyer", sector: "defense").index
    b.addEdge(from: a, to: m, part: "x", attributes: [Attribute(name: "share", value: .number(0.5))])
    b.addEdge(from: c, to: m, part: "x", attributes: [Attribute(name: "share", value: .number(0.3))])
    b.addEdge(from: d, to: m, part: "x")  // assumed 0.2: what the others leave
    b.addEdge(from: a, to: m, part: "y")  // alone: 100%
    b.addEdge(from: m, to: buyer)
    let g = b.build()
    let network = SupplyNetwork(graph: g, semantics: .parts)
    let bySupplier = SupplyConcentration(network: network, targets: [buyer])
    let x = bySupplier.groups.first { $0.part == "x" }!
    #expect(abs(x.hhi - (0.25 + 0.09 + 0.04) * 10_000) < 1e-9)
    #expect(abs(x.effectiveSources - 1 / 0.38) < 1e-9)
    #expect(x.sources.map(\.key) == ["a", "c", "d"] && x.sources[2].assumed)
    #expect(bySupplier.linksWithoutShare == 3)  // d→m, a→m (y), m→buyer
    let worst = bySupplier.targets[0].worst.map { bySupplier.groups[$0] }
    // Two groups with one source (the buyer's own, m's part y): the first by node id.
    #expect(worst?.hhi == 10_000 && worst.map { g.id(of: $0.node) } == "buyer")
    let byCountry = SupplyConcentration(network: network, targets: [buyer], by: "country")
    let xc = byCountry.groups.first { $0.part == "x" }!
    #expect(xc.sources.map(\.key) == ["KOR", "JPN"])
    #expect(abs(xc.hhi - (0.64 + 0.04) * 10_000) < 1e-9)
    // m → buyer: m has no country, so that group says nothing by country.
    #expect(byCountry.groupsWithoutAttribute == 1)
  }

  @Test("by hand: a region node's share declares its value's share; the rest goes to the other values")
  func declaredByRegion() {
    var b = SupplyGraphBuilder()
    b.contextRelations = ["provides"]
    func country(_ c: String) -> [Attribute] { [Attribute(name: "country", value: .string(c))] }
    let a = b.addNode(id: "a", kind: "supplier", attributes: country("KOR")).index
    let c = b.addNode(id: "c", kind: "supplier", attributes: country("JPN")).index
    let d = b.addNode(id: "d", kind: "supplier", attributes: country("USA")).index
    let kor = b.addNode(id: "country-kor", kind: "region", attributes: country("KOR")).index
    let m = b.addNode(id: "m", kind: "input").index
    b.addEdge(from: a, to: m, relation: "supplies", part: "x")
    b.addEdge(from: c, to: m, relation: "supplies", part: "x")
    b.addEdge(from: d, to: m, relation: "supplies", part: "x")
    // KOR declares 70% of m; JPN and USA share the 30% left (assumed).
    b.addEdge(from: kor, to: m, relation: "provides", attributes: [Attribute(name: "share", value: .number(0.7))])
    let g = b.build()
    let network = SupplyNetwork(graph: g, semantics: .parts)
    let byCountry = SupplyConcentration(network: network, targets: [m], by: "country")
    #expect(byCountry.groupsWithDeclaredShares == 1)
    let x = byCountry.groups.first { $0.part == "x" }!
    #expect(x.sources.map(\.key) == ["KOR", "JPN", "USA"])
    #expect(x.sources[0].declared && !x.sources[0].assumed)
    #expect(x.sources[1].assumed && !x.sources[1].declared)
    #expect(abs(x.hhi - (0.49 + 0.0225 + 0.0225) * 10_000) < 1e-9)
    // By supplier nothing is declared: three equal assumed shares.
    let bySupplier = SupplyConcentration(network: network, targets: [m])
    #expect(bySupplier.groupsWithDeclaredShares == 0)
    #expect(abs(bySupplier.groups.first { $0.part == "x" }!.hhi - 10_000 / 3) < 1e-6)
  }

  @Test("on random graphs: HHI is the sum of squared normalized shares; worst is the maximum upstream", arguments: 0..<80)
  func random(seed: Int) {
    var spec = RandomGraphSpec(nodes: 3 + seed % 12, edges: 2 + seed % 30)
    spec.partFraction = 0.5
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 4444)
    let network = SupplyNetwork(graph: g, semantics: .parts)
    let targets = Array(g.nodes)
    let c = SupplyConcentration(network: network, targets: targets)
    for group in c.groups {
      let total = group.sources.reduce(0) { $0 + $1.share }
      #expect(abs(total - 1) < 1e-9)
      #expect(abs(group.hhi - group.sources.reduce(0) { $0 + $1.share * $1.share } * 10_000) < 1e-6)
      #expect(group.hhi <= 10_000 + 1e-6 && group.hhi >= 10_000 / Double(group.sources.count) - 1e-6)
    }
    // Worst upstream: the largest HHI among groups of nodes with a supply path to the target.
    let up = Oracle.adjacency(g, flowOnly: true, reversed: true)
    for view in c.targets {
      let ancestors = Oracle.reachable(from: Int(view.target), up)
      let hhis = c.groups.filter { ancestors.contains(Int($0.node)) }.map(\.hhi)
      #expect(view.worst.map { c.groups[$0].hhi } == hhis.max(), "seed \(seed) target \(view.target)")
    }
  }
}
