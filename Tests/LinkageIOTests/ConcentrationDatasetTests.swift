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
    #expect(c.groups.first.map { g.id(of: $0.node) } == "euv-scanners")
  }
}
