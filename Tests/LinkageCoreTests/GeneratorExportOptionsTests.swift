import LinkageCore
import Testing

@Suite("Ecosystem generator: real-export options")
struct GeneratorExportOptionsTests {
  static func edges(_ g: SupplyGraph) -> [String] {
    g.edges.map { e in
      "\(g.id(of: g.source(of: e)))>\(g.id(of: g.target(of: e)))/\(g.relation(of: e).name)/\(g.part(of: e) ?? "")"
    }
  }

  @Test("the same options and seed give the same graph", arguments: [1, 7, 42])
  func deterministic(seed: UInt64) {
    let options = EcosystemGenerator.Options(
      buyerShare: 0.1, numericIDs: true, shuffledEdges: true, extraColumns: 4)
    let a = EcosystemGenerator(nodeCount: 1_500, seed: seed, options: options).generate()
    let b = EcosystemGenerator(nodeCount: 1_500, seed: seed, options: options).generate()
    #expect(a.ids == b.ids && Self.edges(a) == Self.edges(b))
  }

  @Test(
    "buyer share within tolerance, both sectors present, buyers supplied",
    arguments: [0.05, 0.1, 0.3])
  func buyerShare(share: Double) {
    let g = EcosystemGenerator(
      nodeCount: 5_000, seed: 3, options: .init(buyerShare: share)
    ).generate()
    let buyers = g.nodes.filter { g.kind(of: $0) == .buyer }
    #expect(abs(Double(buyers.count) / 5_000 - share) < 0.02)
    #expect(buyers.contains { g.sector(of: $0) == .defense })
    #expect(buyers.contains { g.sector(of: $0) == .industry })
    #expect(buyers.allSatisfy { g.flowIn.degree(of: $0) > 0 })
  }

  @Test("numeric ids are unique decimal numbers")
  func numericIDs() {
    let g = EcosystemGenerator(
      nodeCount: 3_000, seed: 5, options: .init(numericIDs: true)
    ).generate()
    #expect(Set(g.ids).count == g.nodeCount)
    #expect(g.ids.allSatisfy { Int($0) != nil })
  }

  @Test("shuffled edges are a permutation of the unshuffled ones")
  func shuffledEdges() {
    let plain = EcosystemGenerator(nodeCount: 2_000, seed: 9).generate()
    let shuffled = EcosystemGenerator(
      nodeCount: 2_000, seed: 9, options: .init(shuffledEdges: true)
    ).generate()
    let a = Self.edges(plain)
    let b = Self.edges(shuffled)
    #expect(a != b)
    #expect(a.sorted() == b.sorted())
  }

  @Test("extra columns add node and edge attributes with values")
  func extraColumns() {
    let g = EcosystemGenerator(
      nodeCount: 1_000, seed: 2, options: .init(extraColumns: 4)
    ).generate()
    let plain = EcosystemGenerator(nodeCount: 1_000, seed: 2).generate()
    #expect(g.nodeAttributes.columns.count > plain.nodeAttributes.columns.count)
    #expect(g.edgeAttributes.columns.count > plain.edgeAttributes.columns.count)
    #expect(g.nodeAttributes.columns.contains { !$0.isNumeric })
    #expect(g.edgeAttributes.columns.contains { $0.isNumeric })
  }
}
