import Foundation
import LinkageCore
import LinkageIO
import LinkageReports
import LinkageTestSupport
import Testing

@Suite("Single points of failure on real and planted data")
struct SpofDatasetTests {
  static func report(
    _ path: String, semantics: SupplySemantics? = nil
  ) throws -> SinglePointsOfFailure {
    let g = try GraphLoader.load(path).graph
    let network = SupplyNetwork(graph: g, semantics: semantics ?? .automatic(for: g))
    return SinglePointsOfFailure(
      network: network, targets: TargetSelection.defaultTargets(in: g).nodes)
  }

  @Test("korea-ax: the planted hidden single source is found, and only under parts semantics")
  func koreaAX() throws {
    let spof = try Self.report(TestFiles.dataset("korea-ax"))
    let g = spof.network.graph
    #expect(spof.network.semantics == .parts)
    let first = try #require(spof.criticalNodes.first)
    #expect(g.id(of: first.node) == "kseed-silicon")
    #expect(first.targetsCut.map { g.id(of: $0) } == ["navy", "nuri-electronics"])
    #expect(spof.criticalNodes.count == 1)
    let hidden = Dictionary(
      uniqueKeysWithValues: spof.hiddenSingleSources.map { (g.id(of: $0.node), $0) })
    for buyer in ["navy", "nuri-electronics"] {
      let h = try #require(hidden[buyer])
      #expect(h.directSuppliers == 2)
      #expect(h.singlePoints.map { g.id(of: $0) } == ["kseed-silicon"])
    }
    #expect(hidden["hanul-defense"]?.singlePoints.map { g.id(of: $0) } == ["kseed-silicon"])
    // The why-chain names the NPU part of a board maker, then the integrator's compute part.
    let navy = try #require(g.index(of: "navy"))
    let steps = spof.explanation(of: first.node, for: navy)
    let sentence = WhyText.sentence(spof, failure: first.node, steps: steps)
    #expect(sentence.hasPrefix("kseed-silicon fails → part npu of "))
    #expect(sentence.contains("part compute of "))
    #expect(sentence.hasSuffix("navy loses supply"))
    // Under OR semantics the board makers' PCB suppliers hide the dependence entirely.
    let or = try Self.report(TestFiles.dataset("korea-ax"), semantics: .or)
    #expect(or.criticalNodes.isEmpty)
  }

  @Test(
    "eto-semiconductor: ASML is a single point of failure for the finished chip under parts, not under OR"
  )
  func etoASML() throws {
    let spof = try Self.report(TestFiles.dataset("eto-semiconductor"))
    let g = spof.network.graph
    let asml = try #require(g.index(of: "asml"))
    let chip = try #require(g.index(of: "finished-logic-chip"))
    #expect(spof.targets.contains(chip))
    #expect(spof.criticality(of: asml).targetsCut.contains(chip))
    let firms = spof.criticalNodes.filter { g.kind(of: $0.node) == .supplier }.map {
      g.id(of: $0.node)
    }
    #expect(firms == ["asml"])
    let sentence = WhyText.sentence(spof, failure: asml, steps: spof.explanation(of: asml, for: chip))
    #expect(
      sentence.hasPrefix(
        "asml fails → part producer of euv-scanners has no other supplier → part euv-scanners of advanced-photolithography-equipment"
      ))
    #expect(sentence.hasSuffix("finished-logic-chip loses supply"))
    let or = try Self.report(TestFiles.dataset("eto-semiconductor"), semantics: .or)
    #expect(or.criticality(of: asml).targetsCut.isEmpty)
  }

  @Test(
    "Willems chains 02, 22 and 30: one source stage every end stage depends on",
    .enabled(if: TestFiles.sharedDatasets != nil), arguments: ["02", "22", "30"])
  func willemsSingleSource(chain: String) throws {
    let spof = try Self.report(TestFiles.sharedDatasets! + "/willems/chain\(chain)_nodes.csv")
    #expect(spof.network.semantics == .or)
    let g = spof.network.graph
    let sinks = TargetSelection.defaultTargets(in: g)
    #expect(sinks.rule == "sinks")
    let source = try #require(g.nodes.first { g.flowIn.degree(of: $0) == 0 })
    #expect(g.nodes.filter { g.flowIn.degree(of: $0) == 0 }.count == 1)
    #expect(
      spof.criticality(of: source).targetsCut == sinks.nodes.sorted(),
      "the source stage cuts every end stage")
    // It ranks first (ties on count broken by value, then id).
    #expect(spof.criticalNodes.first?.targetsCut.count == sinks.nodes.count)
  }

  @Test(
    "no other Willems chain has a single stage that cuts every end stage unless it has one source",
    .enabled(if: TestFiles.sharedDatasets != nil))
  func willemsOthers() throws {
    for k in 1...38 {
      let chain = String(format: "%02d", k)
      let spof = try Self.report(TestFiles.sharedDatasets! + "/willems/chain\(chain)_nodes.csv")
      let g = spof.network.graph
      let origins = g.nodes.filter { g.flowIn.degree(of: $0) == 0 }
      let everything = spof.criticalNodes.contains {
        $0.targetsCut.count == spof.targets.count && spof.targets.count > 1
      }
      if origins.count == 1 { #expect(everything, "chain \(chain)") }
    }
  }
}
