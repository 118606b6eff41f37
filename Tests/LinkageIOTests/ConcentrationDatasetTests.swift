import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

@Suite("Sourcing concentration on the bundled datasets")
struct ConcentrationDatasetTests {
  @Test("eto: EUV scanners come from one country (HHI 10,000)")
  func etoEUV() throws {
    let g = try GraphLoader.load(TestFiles.dataset("eto-semiconductor")).graph
    let network = SupplyNetwork(graph: g, semantics: .parts)
    let c = SupplyConcentration(network: network, targets: [], by: "country")
    let euv = c.groups.first { g.id(of: $0.node) == "euv-scanners" }
    #expect(euv?.hhi == 10_000)
    #expect(euv?.sources.map(\.key) == ["NLD"])
    #expect(euv?.sources.first?.declared == true)
    // One country alone: EUV scanners (NLD) and crystal growing furnaces (DEU), nothing else.
    let alone = c.groups.filter { $0.hhi == 10_000 }.map { g.id(of: $0.node) }
    #expect(alone == ["crystal-growing-furnaces", "euv-scanners"])
    // The country provision shares are used as the source gives them, not re-derived from
    // the firms (only 7 firm links carry a share).
    let arf = c.groups.first { g.id(of: $0.node) == "arf-immersion-scanners" }
    #expect(arf?.sources.map(\.key) == ["NLD", "JPN"])
    #expect(arf.map { abs($0.sources[0].share - 0.91) < 1e-9 } == true)
    #expect(c.groupsWithDeclaredShares >= 40)
  }
}
