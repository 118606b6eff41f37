import LinkageCore
import LinkageIO
import LinkageReports
import LinkageTestSupport
import Testing

/// `linkage diff` in the answers: the targets a scenario cuts off are exactly the targets the
/// diff reports cut off; a graph against itself changes no answer.
@Suite("Diff reports: what changed in the answers")
struct DiffReportTests {
  static func input(_ g: SupplyGraph) -> AnalysisInput {
    AnalysisInput(graph: g, name: "g", diagnostics: DiagnosticLog())
  }

  @Test("korea-ax against itself changes no answer")
  func itself() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    let report = try DiffReport(old: Self.input(g), new: Self.input(g), options: .init())
    #expect(report.data.isEmpty)
    #expect(report.answers.isEmpty)
  }

  @Test("korea-ax with kseed-silicon failed: navy and nuri-electronics cut off, ranked by impact")
  func koreaKSeed() throws {
    let g = try GraphLoader.load(TestFiles.dataset("korea-ax")).graph
    var spec = ScenarioSpec()
    spec.fail = [.init("kseed-silicon")]
    let whatIf = try spec.apply(to: g).graph
    let report = try DiffReport(old: Self.input(g), new: Self.input(whatIf), options: .init())
    let cut = report.answers.filter { $0.kind == .targetCutOff }.map(\.subject).sorted()
    #expect(cut == ["navy", "nuri-electronics"])
    let impacts = report.answers.map(\.impact)
    #expect(impacts == impacts.sorted(by: >))
    #expect(report.data.changedNodes.map { g.id(of: $0.old) } == ["kseed-silicon"])
  }

  @Test(
    "on random graphs the targets reported cut off are exactly those the scenario cuts",
    arguments: 0..<60)
  func cutOffEqualsEffect(seed: Int) throws {
    var spec = RandomGraphSpec(nodes: 4 + seed % 12, edges: 3 + seed % 30)
    spec.partFraction = seed % 2 == 0 ? 0.5 : 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 99)
    var rng = SeededRandom(seed: UInt64(seed))
    let failed = [NodeIndex(rng.below(g.nodeCount))]
    let whatIf = g.applying(failed: failed, cut: [])
    var options = DiffReport.Options()
    options.targets = "kind=buyer,kind=integrator"
    guard g.nodes.contains(where: { g.kind(of: $0) == .buyer || g.kind(of: $0) == .integrator })
    else { return }
    let report = try DiffReport(old: Self.input(g), new: Self.input(whatIf), options: options)
    let targets = g.nodes.filter { g.kind(of: $0) == .buyer || g.kind(of: $0) == .integrator }
    let semantics: SupplySemantics = report.semantics
    let effect = ScenarioEffect(
      unchanged: g, changed: whatIf, semantics: semantics, targets: targets)
    let cut = report.answers.filter { $0.kind == .targetCutOff }.map(\.subject).sorted()
    #expect(cut == effect.cut.map { g.id(of: $0) }.sorted(), "seed \(seed)")
    #expect(
      report.answers.filter { $0.kind == .targetRestored }.isEmpty, "seed \(seed): nothing restored")
  }
}
