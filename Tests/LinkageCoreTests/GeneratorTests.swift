import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Ecosystem generator")
struct GeneratorTests {
  @Test(
    "the same size and seed give the same graph; another seed another", arguments: [100, 2_000])
  func deterministic(nodes: Int) {
    let a = EcosystemGenerator(nodeCount: nodes, seed: 11).generate()
    let b = EcosystemGenerator(nodeCount: nodes, seed: 11).generate()
    let c = EcosystemGenerator(nodeCount: nodes, seed: 12).generate()
    #expect(
      a.ids == b.ids && a.sources == b.sources && a.targets == b.targets
        && a.partCodes == b.partCodes)
    #expect(
      a.edgeAttributes["lead_time"].map { c in (0..<c.count).map { c[$0] } }
        == b.edgeAttributes["lead_time"].map { c in (0..<c.count).map { c[$0] } })
    #expect(a.sources != c.sources || a.targets != c.targets)
  }

  @Test("it looks like a real ecosystem", arguments: [300, 5_000, 50_000])
  func shape(nodes: Int) {
    let g = EcosystemGenerator(nodeCount: nodes, seed: 3).generate()
    #expect(g.nodeCount == nodes)
    let flowEdges = g.isFlow.filter { $0 }.count
    let degree = Double(flowEdges) / Double(nodes)
    #expect(degree >= 3 && degree <= 5, "average flow out-degree \(degree)")
    let s = g.summary()
    #expect(s.isFlowAcyclic)
    #expect(s.hasPartStructure)
    for kind in NodeKind.known where kind != .input && kind != .region {
      #expect(s.kinds.contains { $0.label == kind.name && $0.count > 0 }, "no \(kind.name)")
    }
    #expect(s.buyersBySector.map(\.label).sorted() == ["defense", "industry"])
    // No duplicate edges (same source, target, relation, part).
    var seen: Set<[Int32]> = []
    for e in 0..<g.edgeCount {
      #expect(
        seen.insert([g.sources[e], g.targets[e], g.relationCodes[e], g.partCodes[e]]).inserted)
    }
    #expect(g.edgeAttributes["lead_time"] != nil && g.edgeAttributes["confidence"] != nil)
    // At scale: a heavy tail (the largest integrator has many times the median integrator's
    // inputs) and single-sourced parts at small integrators.
    guard nodes >= 5_000 else { return }
    let integrators = g.nodes.filter { g.kind(of: $0) == .integrator }.map {
      g.flowIn.degree(of: $0)
    }.sorted()
    #expect(integrators.last! >= 5 * integrators[integrators.count / 2])
    // Some integrator parts are single-sourced.
    var singleSourced = 0
    for v in g.nodes where g.kind(of: v) == .integrator {
      for group in g.partGroups.groups(of: v) where g.partGroups.members(of: group).count == 1 {
        singleSourced += 1
      }
    }
    #expect(singleSourced > 0)
  }
}

@Suite("Number text")
struct NumberFormatTests {
  @Test("canonical text reads back as the same double", arguments: 0..<20)
  func roundTrip(seed: Int) {
    var rng = SeededRandom(seed: UInt64(seed))
    for _ in 0..<2000 {
      let kind = rng.below(4)
      let value: Double
      switch kind {
      case 0: value = Double(rng.below(1_000_000)) / 100
      case 1:
        value =
          Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (rng.below(2) == 0 ? 1 : -1)
      case 2: value = rng.unit()
      default: value = Double(Int64(truncatingIfNeeded: rng.next()) >> 12)
      }
      let text = NumberFormat.canonical(value)
      #expect(NumberFormat.parse(text) == value, "\(value) → \(text)")
      #expect(Double(text) == value, "\(value) → \(text)")
    }
  }

  @Test("short forms for everyday numbers")
  func shortForms() {
    #expect(NumberFormat.canonical(7) == "7")
    #expect(NumberFormat.canonical(-0.0) == "0")
    #expect(NumberFormat.canonical(0.61) == "0.61")
    #expect(NumberFormat.canonical(2.5) == "2.5")
    #expect(NumberFormat.canonical(1e20) == "1e+20")
    #expect(NumberFormat.parse("12.50") == 12.5)
    #expect(NumberFormat.parse(".5") == 0.5)
    #expect(NumberFormat.parse("1e-3") == 0.001)
    for bad in ["", "-", "1.2.3", "nan", "inf", "0x10", "+1", "1e", "12abc", " 1"] {
      #expect(NumberFormat.parse(bad) == nil, "\(bad)")
    }
  }
}
