import Foundation
import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

@Suite("Bundled datasets")
struct DatasetTests {
  @Test("korea-ax loads cleanly with the shape its README promises")
  func koreaAX() throws {
    let loaded = try GraphLoader.load(TestFiles.dataset("korea-ax"))
    #expect(loaded.diagnostics.items.isEmpty, "\(loaded.diagnostics.sorted)")
    let g = loaded.graph
    let s = g.summary()
    func count(_ kind: NodeKind) -> Int { g.kinds.filter { $0 == kind }.count }
    #expect(
      count(.startup) >= 20 && count(.supplier) >= 15 && count(.integrator) >= 5
        && count(.buyer) >= 8)
    #expect(count(.agency) == 4)
    #expect(
      Set(g.nodes.filter { g.kind(of: $0) == .buyer }.compactMap { g.sector(of: $0) }) == [
        .defense, .industry,
      ])
    #expect(
      Set(g.nodes.filter { g.kind(of: $0) == .program }.compactMap { g.stage(of: $0) })
        == Set(Stage.allCases))
    #expect(s.isFlowAcyclic)
    #expect(s.hasPartStructure)
    #expect(s.weakComponents.count == 1)
    // Every name is bilingual: Hangul and an English name in parentheses.
    for v in g.nodes {
      let name = g.name(of: v)
      #expect(name.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(name)")
      #expect(g.nodeAttributes["name_en"]?[Int(v)] != nil)
    }
    // Integrator inputs carry parts; edges carry lead times and confidences.
    for e in g.edges where g.kind(of: g.target(of: e)) == .integrator {
      #expect(g.part(of: e) != nil)
    }
    #expect(g.edgeAttributes["lead_time"] != nil && g.edgeAttributes["confidence"] != nil)
  }

  @Test("the bundled copy compiled into the binary matches Datasets/korea-ax/graph.yaml")
  func bundledCopyIsCurrent() {
    #expect(
      BundledDatasets.koreaAX == TestFiles.read(TestFiles.dataset("korea-ax") + "/graph.yaml"))
  }

  @Test("eto-semiconductor: the source's counts, acyclic, 18 components, ASML sole EUV producer")
  func eto() throws {
    let loaded = try GraphLoader.load(TestFiles.dataset("eto-semiconductor"))
    #expect(loaded.diagnostics.items.isEmpty, "\(loaded.diagnostics.sorted)")
    let g = loaded.graph
    #expect(g.nodeCount == 376)
    #expect(g.edgeCount == 752)
    let s = g.summary()
    #expect(s.isFlowAcyclic)
    #expect(s.weakComponents.count == 18)
    #expect(g.kinds.filter { $0 == .supplier }.count == 274)
    #expect(g.kinds.filter { $0 == .region }.count == 20)
    #expect(g.kinds.filter { $0 == .input }.count == 82)
    // Country rows are context; firm rows are flow with part `producer`.
    #expect(g.relations.first { $0.name == "provides" }?.role == .context)
    let euv = try #require(g.index(of: "euv-scanners"))
    let producers = g.flowIn.edges(of: euv).filter { g.part(of: $0) == "producer" }.map {
      g.id(of: g.source(of: $0))
    }
    #expect(producers == ["asml"])
    // EUV scanners feed advanced photolithography equipment as a part of its own.
    let litho = try #require(g.index(of: "advanced-photolithography-equipment"))
    #expect(g.flowOut.neighbors(of: euv).contains(litho))
    let chip = try #require(g.index(of: "finished-logic-chip"))
    #expect(s.sinks.contains(chip))
  }

  @Test(
    "the ETO conversion is reproducible from the shared source",
    .enabled(if: TestFiles.sharedDatasets != nil))
  func etoConversionReproducible() throws {
    let out = TestFiles.scratchFolder() + "/graph.yaml"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", TestFiles.dataset("eto-semiconductor") + "/convert.py",
      TestFiles.sharedDatasets! + "/eto_semiconductor", out,
    ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(
      TestFiles.read(out) == TestFiles.read(TestFiles.dataset("eto-semiconductor") + "/graph.yaml"))
  }

  struct WillemsChain: Decodable {
    let chain: String
    let nodes: Int
    let edges: Int
    let isDAG: Bool
    let weakComponents: Int
    let sources: Int
    let sinks: Int
    let longestPathArcs: Int

    enum CodingKeys: String, CodingKey {
      case chain, nodes, edges, sources, sinks
      case isDAG = "is_dag"
      case weakComponents = "weak_components"
      case longestPathArcs = "longest_path_arcs"
    }
  }

  struct WillemsSummary: Decodable { let chains: [WillemsChain] }

  @Test(
    "all 38 Willems chains load with the published counts",
    .enabled(if: TestFiles.sharedDatasets != nil))
  func willems() throws {
    let folder = TestFiles.sharedDatasets! + "/willems"
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
    let summary = try JSONDecoder().decode(WillemsSummary.self, from: data)
    #expect(summary.chains.count == 38)
    for chain in summary.chains {
      let loaded = try GraphLoader.load(folder + "/chain\(chain.chain)_nodes.csv")
      #expect(
        !loaded.diagnostics.hasErrors,
        "chain \(chain.chain): \(loaded.diagnostics.sorted.prefix(3))")
      let g = loaded.graph
      #expect(g.nodeCount == chain.nodes && g.edgeCount == chain.edges, "chain \(chain.chain)")
      let s = g.summary()
      #expect(s.isFlowAcyclic == chain.isDAG)
      #expect(s.weakComponents.count == chain.weakComponents)
      #expect(s.longestChain?.hops == chain.longestPathArcs, "chain \(chain.chain)")
      #expect(s.origins.count + s.isolated.count == chain.sources)
      #expect(s.sinks.count + s.isolated.count == chain.sinks)
      // Stage classes (Part, Manuf, …) are not Linkage kinds: one warning per class, not per node.
      #expect(loaded.diagnostics.warningCount <= 5)
    }
  }
}
