import LinkageCore
import LinkageTestSupport
import Testing

@Suite("k best loopless routes against brute force")
struct RouteTests {
  /// A random graph with small integer lead times (many ties), parallel edges and cycles.
  static func graph(seed: Int) -> SupplyGraph {
    var rng = SeededRandom(seed: UInt64(seed) &+ 2024)
    var b = SupplyGraphBuilder()
    let n = 3 + rng.below(9)
    let kinds = ["startup", "supplier", "program", "integrator"]
    for i in 0..<n {
      if i % 3 == 2 {
        b.addNode(id: "n\(i)", kind: "buyer", sector: rng.below(2) == 0 ? "defense" : "industry")
      } else {
        b.addNode(
          id: "n\(i)", kind: kinds[rng.below(kinds.count)],
          sector: rng.below(2) == 0 ? "defense" : "industry")
      }
    }
    for _ in 0..<(n * 2 + rng.below(n * 2)) {
      let s = rng.below(n)
      let t = rng.below(n)
      if s == t { continue }
      let relation = ["supplies", "sells_to", "verified_in", "qualifies", "funds"][rng.below(5)]
      b.addEdge(
        from: NodeIndex(s), to: NodeIndex(t), relation: relation,
        attributes: [
          Attribute(name: "lead_time", value: .number(Double(rng.below(4)))),
          Attribute(name: "confidence", value: .number(Double(1 + rng.below(4)) / 4)),
        ])
    }
    return b.build()
  }

  /// Every simple route from `source` to a target (at least one edge), by DFS over edges.
  static func allRoutes(
    _ g: SupplyGraph, from source: NodeIndex, targets: Set<NodeIndex>, maxHops: Int = .max
  ) -> [Path] {
    var out: [Path] = []
    var nodes = [source]
    var edges: [EdgeIndex] = []
    func dfs(_ u: NodeIndex) {
      if !edges.isEmpty && targets.contains(u) { out.append(Path(nodes: nodes, edges: edges)) }
      if edges.count >= maxHops { return }
      for e in g.edges where g.isFlow[Int(e)] && g.source(of: e) == u {
        let w = g.target(of: e)
        if nodes.contains(w) { continue }
        nodes.append(w)
        edges.append(e)
        dfs(w)
        nodes.removeLast()
        edges.removeLast()
      }
    }
    dfs(source)
    return out
  }

  static func check(
    _ g: SupplyGraph, source: NodeIndex, targets: [NodeIndex], measure: RouteWeight.Measure,
    pattern: RoutePattern? = nil, maxHops: Int? = nil
  ) throws {
    let weight = try RouteWeight(measure, graph: g)
    var all = Self.allRoutes(g, from: source, targets: Set(targets), maxHops: maxHops ?? .max)
    if let pattern { all = all.filter { pattern.matches($0, in: g) } }
    func cost(_ p: Path) -> Double { p.edges.reduce(0) { $0 + weight.cost[Int($1)] } }
    let usable = all.filter { cost($0).isFinite }
    let expected = usable.map(cost).sorted()
    var enumerator = RouteEnumerator(
      graph: g, source: source, targets: targets, weight: weight, pattern: pattern,
      maximumHops: maxHops)
    var got: [Route] = []
    while let r = enumerator.next() { got.append(r) }
    #expect(!enumerator.truncated)
    #expect(got.count == expected.count, "routes found \(got.count), expected \(expected.count)")
    for (a, b) in zip(got.map(\.cost), expected) { #expect(abs(a - b) < 1e-9) }
    // Nondecreasing, distinct, simple, valid, ending at a target, cost as stated.
    var seen: Set<[EdgeIndex]> = []
    for (i, r) in got.enumerated() {
      if i > 0 { #expect(r.cost >= got[i - 1].cost - 1e-12) }
      #expect(seen.insert(r.path.edges).inserted)
      #expect(Set(r.path.nodes).count == r.path.nodes.count)
      #expect(r.path.nodes.first == source && targets.contains(r.path.nodes.last!))
      #expect(abs(cost(r.path) - r.cost) < 1e-9)
      if let pattern { #expect(pattern.matches(r.path, in: g)) }
    }
  }

  @Test("every route, cheapest first, by hops, lead time and confidence", arguments: 0..<80)
  func allMeasures(seed: Int) throws {
    let g = Self.graph(seed: seed)
    let buyers = g.nodes.filter { g.kind(of: $0) == .buyer }
    for source in g.nodes.prefix(3) {
      for measure in [RouteWeight.Measure.hops, .attribute("lead_time"), .confidence] {
        try Self.check(g, source: source, targets: buyers, measure: measure)
      }
      try Self.check(g, source: source, targets: buyers, measure: .hops, maxHops: 2)
    }
  }

  @Test("patterns: exactly the simple routes that match", arguments: 0..<60)
  func patterns(seed: Int) throws {
    let g = Self.graph(seed: seed)
    let all = Array(g.nodes)
    for text in [
      "supplies+ buyer", ". .", "(supplies | sells_to)* buyer[sector=industry]", ".* program .*",
      "*[sector=defense] . .*",
    ] {
      let pattern = try RoutePattern(parsing: text, graph: g)
      try Self.check(g, source: 0, targets: all, measure: .attribute("lead_time"), pattern: pattern)
    }
  }

  @Test("patterns that cannot parse point at the column")
  func parseErrors() throws {
    let g = Self.graph(seed: 1)
    func column(_ text: String) -> Int? {
      do {
        _ = try RoutePattern(parsing: text, graph: g)
        return nil
      } catch let e as RoutePattern.ParseError {
        return e.column
      } catch { return -1 }
    }
    #expect(column("startup supplies+ (program") == 27)
    #expect(column("startup teleports buyer") == 9)
    #expect(column("program[sector=defense") == 23)
    #expect(column("startup |") == 10)
    #expect(column("#nobody") == 2)
    #expect(
      column(
        "startup supplies+ program[sector=defense,stage=verification] .* buyer[sector=industry]")
        == nil)
  }

  @Test("any pattern text gets a result or an error, never a crash (deep nesting, long text)")
  func hostilePatterns() throws {
    let g = Self.graph(seed: 2)
    func outcome(_ text: String) -> String {
      do {
        _ = try RoutePattern(parsing: text, graph: g)
        return "ok"
      } catch let e as RoutePattern.ParseError {
        return e.message
      } catch { return "other" }
    }
    // 60,000 open parentheses used to recurse once each and overflow the stack.
    #expect(outcome(String(repeating: "(", count: 60_000)).contains("too large"))
    #expect(outcome(String(repeating: "(", count: 60_000) + "supplies").contains("too large"))
    #expect(
      outcome(String(repeating: "supplies ", count: 100_000)).contains("too large"))
    #expect(outcome(String(repeating: "(supplies)", count: 3)) == "ok")
    // Seeded random text over the pattern alphabet: every one ends (either way) quickly.
    var rng = SeededRandom(seed: 77)
    let alphabet = ["(", ")", "|", "*", "+", "?", ".", " ", "supplies", "buyer", "[", "]",
      "sector=defense", ",", "#", "*[", "startup"]
    for _ in 0..<2_000 {
      let length = Int(rng.next() % 40)
      let text = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        .joined()
      #expect(outcome(text) != "other")
    }
  }
}
