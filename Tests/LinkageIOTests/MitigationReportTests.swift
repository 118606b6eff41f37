import LinkageCore
import LinkageIO
import LinkageReports
import LinkageTestSupport
import Testing

/// `spof --mitigate` end to end below the CLI: candidates read from files, checked against
/// the graph's part groups, searched, and every proposal verified by re-running the analysis.
@Suite("Mitigation reports: candidates, proposals and their verification")
struct MitigationReportTests {
  static func spof(
    _ graph: SupplyGraph, semantics: AnalysisRequest.SemanticsChoice = .auto, targets: String? = nil
  ) throws -> SpofReport {
    let request = try AnalysisRequest(
      graph: graph, options: .failures(targets: targets, semantics: semantics))
    return SpofReport(
      input: AnalysisInput(graph: graph, name: "test", diagnostics: DiagnosticLog()),
      request: request)
  }

  static func ids(_ m: MitigationReport, _ p: MitigationReport.Proposal) -> [String] {
    p.links.map { m.linkText($0) }
  }

  @Test("korea-ax: a second NPU supplier removes kseed-silicon for the navy, redundancy 1 → 2")
  func koreaNPU() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    let candidates = try MitigationCandidates.read(
      TestFiles.dataset("korea-ax") + "/npu-candidates.csv", for: g)
    #expect(candidates.newNodes.map(\.id) == ["hana-npu"])
    #expect(candidates.diagnostics.items.contains { $0.message.contains("new node") })
    let m = MitigationReport(spof: try Self.spof(g), candidates: candidates)
    let first = try #require(m.proposals.first)
    #expect(Self.ids(m, first) == ["hana-npu → byeol-embedded (part npu)"])
    #expect(first.verified)
    #expect(first.cost == 2)
    let removed = first.removed.map { "\(g.id(of: $0.point))>\(g.id(of: $0.target))" }
    #expect(removed == ["kseed-silicon>navy", "kseed-silicon>nuri-electronics"])
    let navy = try #require(first.redundancy.first { g.id(of: $0.after.target) == "navy" })
    #expect(navy.before.value == 1 && navy.after.value == 2 && navy.after.bound == .exact)
    #expect(
      m.sentence(first).hasPrefix(
        "after adding hana-npu → byeol-embedded for part npu, redundancy of navy 1 → 2"))
    #expect(m.unfixed.isEmpty)
  }

  @Test("korea-ax without a file: no other node makes NPUs, and the output says what to do")
  func koreaSameKind() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    let m = MitigationReport(spof: try Self.spof(g), candidates: nil)
    #expect(m.origin == .sameKind)
    // Every proposal comes from the graph's own same-kind suppliers and is verified.
    for p in m.proposals {
      #expect(p.verified)
      for k in p.links { #expect(!m.links[k].isNewSource) }
    }
    let text = TableRenderer.render(m)
    #expect(text.contains("Mitigations — candidates from the graph"))
  }

  @Test("candidates that cannot help are skipped with the reason")
  func rejected() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    let folder = TestFiles.scratchFolder("mitigate")
    let path = folder + "/c.csv"
    TestFiles.write(
      """
      source,target,relation,part,cost
      hana-npu,arum-compute,supplies,gpu,1
      kseed-silicon,arum-compute,supplies,npu,1
      hana-npu,hanul-defense,supplies,,1
      hana-npu,arum-compute,funds,npu,1
      hana-npu,kseed-silicon,supplies,,1
      hana-npu,byeol-embedded,supplies,npu,5
      hana-npu,byeol-embedded,supplies,npu,6

      """, to: path)
    let candidates = try MitigationCandidates.read(path, for: g)
    let m = MitigationReport(spof: try Self.spof(g), candidates: candidates)
    let skipped = m.rejected.items.map(\.message).joined(separator: "\n")
    #expect(skipped.contains("'arum-compute' needs no part 'gpu'"))
    #expect(skipped.contains("'kseed-silicon' already supplies 'arum-compute' with part 'npu'"))
    #expect(skipped.contains("'hanul-defense' needs several parts: say which"))
    #expect(skipped.contains("relation 'funds' is context"))
    #expect(skipped.contains("'kseed-silicon' has no suppliers to stand in for"))
    #expect(skipped.contains("listed twice"))
    #expect(m.links.count == 1)
    #expect(m.proposals.first?.cost == 5)
  }

  @Test("a candidates file with bad data is an error with its place")
  func badFile() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    let path = TestFiles.scratchFolder("mitigate") + "/bad.csv"
    TestFiles.write("source,target,part,cost\nhana-npu,arum-compute,npu,cheap\n", to: path)
    #expect(throws: CandidatesError.self) { try MitigationCandidates.read(path, for: g) }
    do {
      _ = try MitigationCandidates.read(path, for: g)
    } catch {
      guard case .data(_, let log) = error else {
        Issue.record("expected a data error, got \(error)")
        return
      }
      #expect(log.items.contains { $0.description.contains("bad.csv:2:") })
    }
  }

  @Test(
    "on random graphs every proposal is verified: the re-run removes what the search claims",
    arguments: 0..<80)
  func verifiedOnRandomGraphs(seed: Int) throws {
    for semantics in [AnalysisRequest.SemanticsChoice.or, .parts] {
      var spec = RandomGraphSpec(nodes: 5 + seed % 10, edges: 6 + seed % 25)
      spec.partFraction = semantics == .parts ? 0.6 : 0
      spec.requiresAllFraction = 0.1
      let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 777)
      let report = try Self.spof(g, semantics: semantics, targets: "kind=buyer,kind=integrator")
      let m = MitigationReport(spof: report, candidates: nil)
      for p in m.proposals {
        #expect(p.verified, "seed \(seed) \(semantics): \(m.sentence(p))")
        // Applied by hand, the proposal's links keep each target supplied without its point.
        var b = SupplyGraphBuilder()
        for v in g.nodes {
          b.addNode(id: g.id(of: v), kind: g.kindLabel(of: v), requires: g.requirement(of: v))
        }
        for e in g.edges {
          b.addEdge(
            from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
            part: g.part(of: e))
        }
        for k in p.links {
          let l = m.links[k]
          b.addEdge(from: l.source, to: l.target, relation: l.relation, part: l.part)
        }
        let plus = b.build()
        for pair in p.removed {
          let supplied = Oracle.supplied(
            plus, parts: semantics == .parts, failed: [Int(pair.point)])
          #expect(supplied[Int(pair.target)], "seed \(seed) \(semantics)")
        }
      }
    }
  }
}
