import LinkageCore
import LinkageIO
import LinkageReports
import LinkageTestSupport
import Testing

@Suite("Scenario specs: selectors, links, files and additions")
struct ScenarioSpecTests {
  static func korea() throws -> SupplyGraph {
    try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
  }

  static func spec(
    fail: [String] = [], failWhere: [String] = [], cut: [String] = [], add: [String] = []
  ) -> ScenarioSpec {
    var s = ScenarioSpec()
    s.fail = fail.map { .init($0) }
    s.failWhere = failWhere.map { .init($0) }
    s.cut = cut.map { .init($0) }
    s.add = add.map { .init($0) }
    return s
  }

  @Test("korea-ax: failing kseed-silicon cuts the navy and nuri-electronics")
  func koreaKSeed() throws {
    let g = try Self.korea()
    let applied = try Self.spec(fail: ["kseed-silicon"]).apply(to: g)
    let buyers = TargetSelection.defaultTargets(in: g).nodes
    let effect = ScenarioEffect(
      unchanged: g, changed: applied.graph, semantics: .parts, targets: buyers)
    #expect(effect.cut.map { g.id(of: $0) }.sorted() == ["navy", "nuri-electronics"])
  }

  @Test(
    "fail-where equals failing every node it selects, one by one, in one scenario",
    arguments: [
      "kind=program", "sector=defense", "kind=supplier&tier=3", "stage=verification,kseed-silicon",
    ])
  func failWhereEqualsFail(selector: String) throws {
    let g = try Self.korea()
    let byWhere = try Self.spec(failWhere: [selector]).apply(to: g)
    let nodes = byWhere.scenario.failedNodes
    #expect(!nodes.isEmpty)
    let byID = try Self.spec(fail: nodes.map { g.id(of: $0) }).apply(to: g)
    #expect(byID.graph.failedNodes == byWhere.graph.failedNodes)
    for semantics in SupplySemantics.allCases {
      #expect(
        SupplyNetwork(graph: byWhere.graph, semantics: semantics).suppliedNodes()
          == SupplyNetwork(graph: byID.graph, semantics: semantics).suppliedNodes())
    }
    // And the selector selects exactly what brute force over the fields selects.
    let selection = try TargetSelection(parsing: selector)
    #expect(nodes == selection.select(in: g))
  }

  @Test("attribute selectors: country=NLD on eto selects the Dutch firms")
  func attributeSelector() throws {
    let g = try GraphLoader.load(TestFiles.dataset("eto-semiconductor")).graph
    let nodes = try AnalysisRequest.select(
      .init(text: "country=NLD", option: "--fail-where"), in: g)
    #expect(Set(nodes.map { g.id(of: $0) }).isSuperset(of: ["asml", "nxp"]))
    for v in nodes { #expect(g.fieldText("country", of: v) == "NLD") }
    #expect(throws: RequestError.self) {
      try AnalysisRequest.select(.init(text: "country=NLX", option: "--fail-where"), in: g)
    }
    do {
      _ = try AnalysisRequest.select(.init(text: "contry=NLD", option: "--fail-where"), in: g)
      Issue.record("an unknown field was accepted")
    } catch {
      #expect(error.suggestions.contains("country"))
    }
  }

  @Test("eto: the Netherlands failing cuts the finished logic chip under parts semantics")
  func etoNetherlands() throws {
    let g = try GraphLoader.load(TestFiles.dataset("eto-semiconductor")).graph
    let applied = try Self.spec(failWhere: ["country=NLD"]).apply(to: g)
    let chip = try #require(g.index(of: "finished-logic-chip"))
    #expect(!SupplyNetwork(graph: applied.graph, semantics: .parts).suppliedNodes()[Int(chip)])
    #expect(SupplyNetwork(graph: g, semantics: .parts).suppliedNodes()[Int(chip)])
  }

  @Test("links: SRC>DST cuts every edge between them; :relation narrows; errors name what is wrong")
  func links() throws {
    let g = try Self.korea()
    let all = try ScenarioSpec.edges("prog-defense-demo>army", option: "--cut", in: g)
    #expect(all.count == 1)
    #expect(g.relation(of: all[0]).name == "qualifies")
    #expect(
      try ScenarioSpec.edges("prog-defense-demo>army:qualifies", option: "--cut", in: g) == all)
    func message(_ spec: String) -> String {
      do {
        _ = try ScenarioSpec.edges(spec, option: "--cut", in: g)
        return ""
      } catch { return error.description }
    }
    #expect(message("prog-defense-demo>army:supplies").contains("is qualifies, not supplies"))
    #expect(message(" prog-defense-demo > army ") == "")
    #expect(message("prog-defense-demo>navy").contains("no link"))
    #expect(message("prog-defense-dem>army").contains("did you mean 'prog-defense-demo'"))
    #expect(message("prog-defense-demo").contains("no '>'"))
  }

  @Test("a scenario file: keys, located errors, and paths relative to the file")
  func scenarioFile() throws {
    let folder = TestFiles.scratchFolder("scenario")
    TestFiles.write(
      """
      nodes:
        - {id: hana-npu, kind: supplier}
      edges:
        - {source: hana-npu, target: nuri-electronics, part: npu}
      """, to: folder + "/extra/add.yaml")
    TestFiles.write(
      """
      name: KSeed bankrupt
      fail: kseed-silicon
      cut: [prog-defense-demo>army]
      add: extra/add.yaml
      """, to: folder + "/s.yaml")
    let spec = try ScenarioSpec.read(folder + "/s.yaml")
    #expect(spec.name == "KSeed bankrupt")
    #expect(spec.add.map(\.text) == [folder + "/extra/add.yaml"])
    let applied = try spec.apply(to: try Self.korea())
    #expect(applied.scenario.addedNodes.count == 1)
    #expect(applied.scenario.cutEdges.count == 1)
    TestFiles.write("fial: [x]\n", to: folder + "/bad.yaml")
    do {
      _ = try ScenarioSpec.read(folder + "/bad.yaml")
      Issue.record("an unknown key was accepted")
    } catch {
      #expect(error.description.contains("bad.yaml:1:1"))
      #expect(error.description.contains("did you mean 'fail'"))
    }
    TestFiles.write("fail: [kseed-silicon, 3]\n", to: folder + "/bad2.yaml")
    #expect(throws: InputError.self) { try ScenarioSpec.read(folder + "/bad2.yaml") }
    // An unknown id in a file is pointed at where it was written.
    TestFiles.write("fail:\n  - kseed-silicn\n", to: folder + "/bad3.yaml")
    do {
      _ = try ScenarioSpec.read(folder + "/bad3.yaml").apply(to: try Self.korea())
      Issue.record("an unknown id was accepted")
    } catch {
      // A file's bad entries are data errors (exit 65), each located, all listed.
      guard case .file(_, let log)? = error as? ScenarioError else { throw error }
      #expect(log.items.count == 1)
      #expect(log.items[0].description.contains("bad3.yaml:2:5: error: fail: no node with id 'kseed-silicn'"))
      #expect(log.items[0].description.contains("did you mean 'kseed-silicon'"))
    }
    TestFiles.write(
      "fail: [kseed-silicn, nobody]\ncut: [foo, kseed-silicon>navy]\nadd: none.yaml\n",
      to: folder + "/bad4.yaml")
    do {
      _ = try ScenarioSpec.read(folder + "/bad4.yaml").apply(to: try Self.korea())
      Issue.record("bad entries were accepted")
    } catch {
      guard case .file(_, let log)? = error as? ScenarioError else { throw error }
      let text = log.items.map(\.description).joined(separator: "\n")
      #expect(log.items.count == 5, "\(text)")
      #expect(text.contains("bad4.yaml:3:6: error: add:"))
      #expect(text.contains("cut: 'foo' has no '>'"))
    }
  }

  @Test("an addition may link to the base graph's nodes, holds edges alone, and cannot edit")
  func additions() throws {
    let folder = TestFiles.scratchFolder("addition")
    TestFiles.write(
      "edges:\n  - {source: kseed-silicon, target: nuri-electronics, part: npu}\n",
      to: folder + "/edges-only.yaml")
    let g = try Self.korea()
    let edgesOnly = try Self.spec(add: [folder + "/edges-only.yaml"]).apply(to: g)
    #expect(edgesOnly.graph.nodeCount == g.nodeCount)
    #expect(edgesOnly.graph.edgeCount == g.edgeCount + 1)
    TestFiles.write(
      "nodes:\n  - {id: navy, kind: supplier}\n", to: folder + "/restate.yaml")
    let restated = try Self.spec(add: [folder + "/restate.yaml"]).apply(to: g)
    #expect(restated.diagnostics.warningCount == 1)
    #expect(restated.graph.kind(of: restated.graph.index(of: "navy")!) == .buyer)
    TestFiles.write(
      "edges:\n  - {source: kseed-silicn, target: navy}\n", to: folder + "/typo.yaml")
    do {
      _ = try Self.spec(add: [folder + "/typo.yaml"]).apply(to: g)
      Issue.record("an unknown endpoint was accepted")
    } catch {
      guard case .addition(_, let log) = error else {
        Issue.record("expected an addition error, got \(error)")
        return
      }
      let text = log.items.map(\.description).joined(separator: "\n")
      #expect(text.contains("typo.yaml:2:"))
      #expect(text.contains("did you mean 'kseed-silicon'"))
    }
  }
}
