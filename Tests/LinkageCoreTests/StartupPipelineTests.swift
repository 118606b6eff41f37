import LinkageCore
import LinkageTestSupport
import Testing

/// The pipeline against brute force on random small ecosystems: every simple route from every
/// startup enumerated (acyclic graphs, where routes and walks agree), and failures tried one
/// node at a time for the critical gateways (any graph).
@Suite("The pipeline against brute force")
struct StartupPipelineTests {
  /// Startups, programs with random stages, integrators, buyers of both sectors, agencies
  /// funding programs; flow edges at random (forward in index order when `acyclic`).
  static func ecosystem(_ seed: Int, acyclic: Bool) -> SupplyGraph {
    var rng = SeededRandom(seed: UInt64(seed) &+ 4242)
    let n = 5 + seed % 10
    var b = SupplyGraphBuilder()
    let stages = ["technology", "verification", "application", "diffusion"]
    var kinds: [String] = []
    for i in 0..<n {
      let kind = ["startup", "program", "program", "integrator", "buyer", "startup"][Int(rng.below(6))]
      kinds.append(kind)
      let sector: String? =
        kind == "buyer" ? (rng.below(2) == 0 ? "defense" : "industry")
        : kind == "startup" ? [nil, "defense", "industry", "dual"][Int(rng.below(4))] : nil
      let stage: String? =
        kind == "program" || (kind == "startup" && rng.below(2) == 0) ? stages[Int(rng.below(4))] : nil
      b.addNode(id: "n\(i)", kind: kind, sector: sector, stage: stage)
    }
    let agencies = (0..<2).map { b.addNode(id: "ag\($0)", kind: "agency").index }
    let edges = Int(rng.below(3 * n)) + n
    for _ in 0..<edges {
      var s = Int(rng.below(n))
      var t = Int(rng.below(n))
      if s == t { continue }
      if acyclic && s > t { swap(&s, &t) }
      b.addEdge(from: NodeIndex(s), to: NodeIndex(t), relation: "supplies")
    }
    for (i, kind) in kinds.enumerated() where kind == "program" {
      b.addEdge(from: agencies[Int(rng.below(2))], to: NodeIndex(i), relation: "funds")
    }
    return b.build()
  }

  /// Every simple route from `s` over flow edges, as node lists (the route of `s` alone too).
  static func routes(_ g: SupplyGraph, from s: NodeIndex) -> [[NodeIndex]] {
    var out: [[NodeIndex]] = []
    var path = [s]
    func extend() {
      out.append(path)
      for w in g.flowOut.neighbors(of: path.last!) where !path.contains(w) {
        path.append(w)
        extend()
        path.removeLast()
      }
    }
    extend()
    return out
  }

  /// Per node: the startups with a simple route of at most `bound` hops to a staged program
  /// that passes it, by enumeration.
  static func bruteWithinBound(_ g: SupplyGraph, _ startups: [NodeIndex], bound: Int) -> [Int] {
    var count = [Int](repeating: 0, count: g.nodeCount)
    for s in startups {
      var on = Set<NodeIndex>()
      for r in routes(g, from: s)
      where r.count - 1 <= bound && g.kind(of: r.last!) == .program && g.stage(of: r.last!) != nil {
        on.formUnion(r)
      }
      for v in on { count[Int(v)] += 1 }
    }
    return count
  }

  /// Betweenness over shortest startup → buyer routes, by enumeration: for each startup and
  /// buyer, the share of the shortest routes (distinct node sequences) that pass each inner node.
  static func bruteBetweenness(_ g: SupplyGraph, _ startups: [NodeIndex]) -> [Double] {
    var b = [Double](repeating: 0, count: g.nodeCount)
    for s in startups {
      let all = Set(routes(g, from: s))
      for t in g.nodes where t != s && g.kind(of: t) == .buyer {
        let toT = all.filter { $0.last! == t }
        guard let shortest = toT.map(\.count).min() else { continue }
        let best = toT.filter { $0.count == shortest }
        for r in best { for v in r.dropFirst().dropLast() { b[Int(v)] += 1 / Double(best.count) } }
      }
    }
    return b
  }

  static func reaches(_ g: SupplyGraph, _ s: NodeIndex, without d: NodeIndex?, _ goal: (NodeIndex) -> Bool) -> Bool {
    var seen = Set([s])
    var stack = [s]
    while let v = stack.popLast() {
      if goal(v) && v != s { return true }
      for w in g.flowOut.neighbors(of: v) where w != d && !seen.contains(w) {
        seen.insert(w)
        stack.append(w)
      }
    }
    return false
  }

  @Test("stages, continuity and stalled equal route enumeration; critical gateways equal single failures", arguments: 0..<150)
  func bruteForce(seed: Int) {
    for acyclic in [true, false] {
      let g = Self.ecosystem(seed, acyclic: acyclic)
      let p = StartupPipeline(graph: g)
      let startups = g.nodes.filter { g.kind(of: $0) == .startup }
      #expect(p.startups.map(\.node) == startups)
      func isProgram(_ v: NodeIndex, _ k: Stage) -> Bool { g.kind(of: v) == .program && g.stage(of: v) == k }
      var critical = [Int](repeating: 0, count: g.nodeCount)
      for row in p.startups {
        let s = row.node
        let all = Self.routes(g, from: s)
        // Stages reached: a program of the stage on some route.
        let expected = Stage.allCases.filter { k in all.contains { $0.dropFirst().contains { isProgram($0, k) } } }
        #expect(row.reached.map(\.stage) == expected, "seed \(seed) \(acyclic) \(g.id(of: s))")
        for e in row.reached {
          // The evidence: a valid route to a program of the stage, as short as any.
          #expect(isProgram(e.program, e.stage) && e.route.nodes.first == s && e.route.nodes.last == e.program)
          let shortest = all.filter { isProgram($0.last!, e.stage) && $0.count > 1 }.map(\.count).min()
          #expect(e.route.nodes.count == shortest)
        }
        // Critical per stage: nodes whose failure leaves no route to the stage.
        for (e, list) in zip(row.reached, row.critical) {
          let brute = g.nodes.filter { d in
            d != s && !Self.reaches(g, s, without: d) { isProgram($0, e.stage) }
          }
          #expect(Set(list) == Set(brute), "seed \(seed) \(acyclic) \(g.id(of: s)) \(e.stage)")
        }
        var once = Set<NodeIndex>()
        for list in row.critical { once.formUnion(list) }
        for d in once { critical[Int(d)] += 1 }
        // Continuity: the longest prefix of the reached stages one route passes in order.
        if acyclic {
          func passesInOrder(_ route: [NodeIndex], _ stages: ArraySlice<Stage>) -> Bool {
            var k = stages.startIndex
            for v in route.dropFirst() where k < stages.endIndex && isProgram(v, stages[k]) { k += 1 }
            return k == stages.endIndex
          }
          let stages = expected
          var longest = 0
          for j in stride(from: stages.count, through: 0, by: -1)
          where all.contains(where: { passesInOrder($0, stages[0..<j]) }) {
            longest = j
            break
          }
          #expect(row.inOrder == longest, "seed \(seed) \(g.id(of: s))")
        }
        // Stalled: highest below diffusion and no route to the other sector's buyers.
        func toBuyers(_ sector: Sector) -> Bool {
          Self.reaches(g, s, without: nil) { g.kind(of: $0) == .buyer && g.sector(of: $0) == sector }
        }
        var stalled = false
        if let h = expected.last, h != .diffusion {
          switch g.sector(of: s) {
          case .defense: stalled = !toBuyers(.industry)
          case .industry: stalled = !toBuyers(.defense)
          default: stalled = true
          }
        }
        #expect(row.stalled == stalled)
      }
      // Gateway counts: critical as counted above, and never more than busy; routes within
      // the bound and betweenness as enumerated.
      let within = Self.bruteWithinBound(g, startups, bound: p.bound)
      let between = Self.bruteBetweenness(g, startups)
      for gw in p.gateways {
        #expect(gw.critical == critical[Int(gw.node)], "seed \(seed) \(g.id(of: gw.node))")
        #expect(gw.critical <= gw.busy)
        #expect(gw.withinBound == within[Int(gw.node)], "seed \(seed) \(acyclic) \(g.id(of: gw.node))")
        #expect(abs(gw.betweenness - between[Int(gw.node)]) < 1e-9, "seed \(seed) \(g.id(of: gw.node))")
      }
      // Every node with a count is listed when it is a program, integrator or agency.
      let kinds: Set<NodeKind> = [.program, .integrator, .agency]
      for v in g.nodes where kinds.contains(g.kind(of: v)) && (within[Int(v)] > 0 || between[Int(v)] > 1e-12) {
        #expect(p.gateways.contains { $0.node == v }, "seed \(seed) \(g.id(of: v))")
      }
      // The route cover at every bound, for every node.
      var isStaged = [Bool](repeating: false, count: g.nodeCount)
      for v in g.nodes where g.kind(of: v) == .program && g.stage(of: v) != nil { isStaged[Int(v)] = true }
      for bound in [0, 1, 2, 3, 5] {
        let cover = g.flowOut.boundedRouteCover(
          from: startups, to: isStaged, within: bound, predecessors: g.flowIn)
        #expect(cover.sources.map(Int.init) == Self.bruteWithinBound(g, startups, bound: bound), "seed \(seed) \(acyclic) bound \(bound)")
      }
      // Funnel: counts by highest stage.
      for (level, count) in p.funnel.enumerated() {
        #expect(count == p.startups.count { ($0.highest.map { Int($0.rawValue) + 1 } ?? 0) == level })
      }
      // Agencies: startups with a route to one of their programs of each stage.
      for ag in p.agencies {
        for (k, stage) in Stage.allCases.enumerated() {
          let brute = startups.count { s in
            Self.reaches(g, s, without: nil) { ag.programs.contains($0) && g.stage(of: $0) == stage }
          }
          #expect(ag.carried[k] == brute, "seed \(seed) \(g.id(of: ag.node)) \(stage)")
        }
      }
    }
  }

  @Test("the random ecosystems exercise every case: stages reached, breaks, stalled, critical gateways")
  func coverage() {
    var reached = 0, broken = 0, stalled = 0, critical = 0, carried = 0, exhaustive = 0, between = 0
    for seed in 0..<150 {
      let cyclic = Self.ecosystem(seed, acyclic: false)
      var isStaged = [Bool](repeating: false, count: cyclic.nodeCount)
      for v in cyclic.nodes where cyclic.kind(of: v) == .program && cyclic.stage(of: v) != nil { isStaged[Int(v)] = true }
      let startups = cyclic.nodes.filter { cyclic.kind(of: $0) == .startup }
      exhaustive += cyclic.flowOut.boundedRouteCover(
        from: startups, to: isStaged, within: 3, predecessors: cyclic.flowIn
      ).exhaustiveSearches
      let p = StartupPipeline(graph: Self.ecosystem(seed, acyclic: true))
      between += p.gateways.count { $0.betweenness > 0 && $0.betweenness != $0.betweenness.rounded() }
      reached += p.startups.reduce(0) { $0 + $1.reached.count }
      broken += p.startups.count { !$0.continuous }
      stalled += p.startups.count(where: \.stalled)
      critical += p.gateways.count { $0.critical > 0 }
      carried += p.agencies.reduce(0) { $0 + $1.carried.reduce(0, +) }
    }
    #expect(reached > 100 && broken > 5 && stalled > 20 && critical > 50 && carried > 50,
            "\(reached) \(broken) \(stalled) \(critical) \(carried)")
    // Cyclic routes that need the exhaustive search, and split shortest routes.
    #expect(exhaustive > 10 && between > 5, "\(exhaustive) \(between)")
  }
}
