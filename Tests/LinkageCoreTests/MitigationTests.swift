import LinkageCore
import LinkageTestSupport
import Testing

/// The mitigation search against brute force: every set it proposes keeps the target supplied
/// with the point failed, no smaller set of candidates does, none of the same size is cheaper,
/// and when it finds nothing, no set up to the limit works — over all candidates, so the
/// relevance pruning is checked too.
@Suite("Mitigation search against brute force")
struct MitigationTests {
  struct Case {
    let graph: SupplyGraph
    /// The graph with every candidate link appended (edge `baseEdges + k` is candidate k).
    let withCandidates: SupplyGraph
    let baseEdges: Int
    let costs: [Double?]
  }

  /// A random graph and up to seven random candidate links, each giving an existing group of
  /// its customer another source (the label of one of the customer's flow edges).
  static func case_(_ seed: Int, parts: Bool) -> Case {
    var spec = RandomGraphSpec(nodes: 4 + seed % 10, edges: 4 + seed % 24)
    spec.partFraction = parts ? 0.6 : 0
    spec.requiresAllFraction = parts ? 0.15 : 0
    spec.contextFraction = 0.05
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 9090)
    var rng = SeededRandom(seed: UInt64(seed) &+ 31)
    var b = SupplyGraphBuilder()
    for v in g.nodes {
      b.addNode(
        id: g.id(of: v), kind: g.kindLabel(of: v), sector: g.sectorLabel(of: v),
        requires: g.requirement(of: v))
    }
    for e in g.edges {
      b.addEdge(
        from: g.source(of: e), to: g.target(of: e), relation: g.relation(of: e).name,
        part: g.part(of: e))
    }
    var costs: [Double?] = []
    for _ in 0..<(1 + rng.below(7)) {
      let v = NodeIndex(rng.below(g.nodeCount))
      let into = g.edges.filter { g.target(of: $0) == v && g.isFlow[Int($0)] }
      if into.isEmpty || (parts && g.requirement(of: v) == .all) { continue }
      let u = NodeIndex(rng.below(g.nodeCount))
      if u == v { continue }
      let part = g.part(of: into[rng.below(into.count)])
      b.addEdge(from: u, to: v, relation: "supplies", part: part)
      costs.append(rng.below(3) == 0 ? nil : Double(1 + rng.below(5)))
    }
    return Case(graph: g, withCandidates: b.build(), baseEdges: g.edgeCount, costs: costs)
  }

  /// Every subset of `0..<m` of exactly `size` elements, ascending.
  static func subsets(_ m: Int, size: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    guard size <= m else { return [] }
    var out: [[Int]] = []
    for mask in 0..<(1 << m) where mask.nonzeroBitCount == size {
      out.append((0..<m).filter { mask & (1 << $0) != 0 })
    }
    return out
  }

  static func key(_ set: [Int], _ costs: [Double?]) -> (Int, Double) {
    var unknown = 0
    var total = 0.0
    for k in set { if let c = costs[k] { total += c } else { unknown += 1 } }
    return (unknown, total)
  }

  @Test("proposals are smallest, cheapest and work; 'none' means nothing works", arguments: 0..<150)
  func search(seed: Int) {
    for semantics in SupplySemantics.allCases {
      let parts = semantics == .parts
      let c = Self.case_(seed, parts: parts)
      let m = c.costs.count
      guard m > 0 else { continue }
      let candidateEdges = (0..<m).map { EdgeIndex(c.baseEdges + $0) }
      let idle = SupplyNetwork(
        graph: c.withCandidates.applying(failed: [], cut: candidateEdges), semantics: semantics)
      let candidates = (0..<m).map { k in
        MitigationSearch.Candidate(
          source: c.withCandidates.source(of: candidateEdges[k]),
          target: c.withCandidates.target(of: candidateEdges[k]),
          group: Int(idle.groupOfEdge[Int(candidateEdges[k])]), cost: c.costs[k])
      }
      let targets = c.graph.nodes.filter { $0 % 3 == 2 }
      let spof = SinglePointsOfFailure(
        network: SupplyNetwork(graph: c.graph, semantics: semantics), targets: targets)
      let pairs = spof.criticalNodes.map {
        MitigationSearch.Pair(point: $0.node, targets: $0.targetsCut)
      }
      let limit = 3
      let search = MitigationSearch(
        network: idle, candidates: candidates, pairs: pairs, maximumLinks: limit)
      func works(_ set: [Int], point: NodeIndex, target: NodeIndex) -> Bool {
        let off = Set((0..<m).filter { !set.contains($0) }.map { c.baseEdges + $0 })
        return Oracle.supplied(
          c.withCandidates, parts: parts, failed: [Int(point)], removedEdges: off)[Int(target)]
      }
      #expect(search.results.count == pairs.reduce(0) { $0 + $1.targets.count })
      for r in search.results {
        let label = "seed \(seed) \(semantics) point \(r.point) target \(r.target)"
        switch r.outcome {
        case .fixed(let set, let alternatives, let exhaustive):
          #expect(exhaustive, "\(label)")
          #expect(!set.isEmpty && works(set, point: r.point, target: r.target), "\(label) \(set)")
          for size in 0..<set.count {
            for s in Self.subsets(m, size: size) {
              #expect(!works(s, point: r.point, target: r.target), "\(label): smaller \(s) works")
            }
          }
          let same = Self.subsets(m, size: set.count).filter {
            works($0, point: r.point, target: r.target)
          }
          let best = Self.key(set, c.costs)
          for s in same {
            #expect(!(Self.key(s, c.costs) < best), "\(label): \(s) is cheaper than \(set)")
          }
          #expect(alternatives == same.count - 1, "\(label)")
          // The others shown: working sets of the same size, none cheaper, cheapest first.
          #expect(r.others.count == min(3, alternatives), "\(label)")
          var previous = best
          for o in r.others {
            #expect(o.count == set.count && o != set && works(o, point: r.point, target: r.target))
            #expect(!(Self.key(o, c.costs) < previous), "\(label): others out of order")
            previous = Self.key(o, c.costs)
          }
        case .none:
          for size in 0...min(limit, m) {
            for s in Self.subsets(m, size: size) {
              #expect(!works(s, point: r.point, target: r.target), "\(label): \(s) works")
            }
          }
        case .stopped:
          Issue.record("\(label): the budget ran out on a small graph")
        }
      }
    }
  }

  @Test("a budget that runs out says so, and never claims a set that does not work")
  func budget() {
    for seed in 0..<60 {
      let c = Self.case_(seed, parts: true)
      let m = c.costs.count
      guard m > 1 else { continue }
      let edges = (0..<m).map { EdgeIndex(c.baseEdges + $0) }
      let idle = SupplyNetwork(
        graph: c.withCandidates.applying(failed: [], cut: edges), semantics: .parts)
      let candidates = (0..<m).map { k in
        MitigationSearch.Candidate(
          source: c.withCandidates.source(of: edges[k]),
          target: c.withCandidates.target(of: edges[k]),
          group: Int(idle.groupOfEdge[Int(edges[k])]), cost: c.costs[k])
      }
      let spof = SinglePointsOfFailure(
        network: SupplyNetwork(graph: c.graph, semantics: .parts),
        targets: c.graph.nodes.filter { $0 % 3 == 2 })
      let pairs = spof.criticalNodes.map {
        MitigationSearch.Pair(point: $0.node, targets: $0.targetsCut)
      }
      let search = MitigationSearch(
        network: idle, candidates: candidates, pairs: pairs, maximumLinks: 3, budget: 1)
      for r in search.results {
        if case .fixed(let set, _, _) = r.outcome {
          #expect(set.count == 1, "seed \(seed): one try can only find a single link")
        }
      }
    }
  }
}
