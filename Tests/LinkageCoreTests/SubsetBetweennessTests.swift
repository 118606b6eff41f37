import LinkageCore
import LinkageTestSupport
import Testing

/// The betweenness over many sources (searched in slices on all cores) equals the sum of the
/// same over parts of the sources searched one after another. Brute force and NetworkX check
/// the values themselves (StartupPipelineTests, test_pipeline_networkx.py).
@Suite("Subset betweenness in slices")
struct SubsetBetweennessTests {
  @Test("many sources: slices on all cores sum to the sequential answer")
  func slices() {
    let g = EcosystemGenerator(nodeCount: 30_000, seed: 3).generate()
    let startups = g.nodes.filter { g.kind(of: $0) == .startup }
    #expect(startups.count >= 4096)
    var isBuyer = [Bool](repeating: false, count: g.nodeCount)
    for v in g.nodes where g.kind(of: v) == .buyer { isBuyer[Int(v)] = true }
    let all = g.flowOut.subsetBetweenness(from: startups, to: isBuyer, predecessors: g.flowIn)
    let first = g.flowOut.subsetBetweenness(
      from: Array(startups.prefix(3000)), to: isBuyer, predecessors: g.flowIn)
    let rest = g.flowOut.subsetBetweenness(
      from: Array(startups.dropFirst(3000)), to: isBuyer, predecessors: g.flowIn)
    var worst = 0.0
    for v in all.indices {
      worst = max(worst, abs(all[v] - (first[v] + rest[v])) / max(1, all[v]))
    }
    #expect(worst < 1e-9)
    #expect(all.contains { $0 > 0 })
    // The same input gives the same bits.
    #expect(all == g.flowOut.subsetBetweenness(from: startups, to: isBuyer, predecessors: g.flowIn))
  }
}
