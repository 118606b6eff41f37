#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Generates a synthetic supply ecosystem that looks like real ones, for tests and
/// benchmarks: tiers of suppliers feeding integrators, startups, programs that verify and
/// qualify, buyers in both sectors, and agencies around them.
///
/// Shape (fractions of `nodeCount`): 0.4% agencies (at least 4), 1% programs, 2% buyers (half
/// defense, half industry), 2.5% integrators, 15% startups, and the rest suppliers in tiers
/// 3 → 2 → 1 → integrators. Customers are chosen with a heavy tail (a power of a uniform
/// draw), so a few integrators and suppliers are very large, as in real supply networks.
/// Average flow out-degree is about 4 (between 3 and 5 for every size); one startup in a
/// thousand is a platform serving hundreds to thousands of integrators. Integrator inputs
/// carry `part` labels, and small integrators end up with single-sourced parts. Edges carry
/// `lead_time` (days) and `confidence`; buyers carry `value`; suppliers carry
/// `failure_probability`. The flow graph is acyclic.
///
/// ``Options`` make it look like a real export instead: more buyers, numeric ids in no
/// particular order, edge rows shuffled, extra attribute columns.
///
///     let graph = EcosystemGenerator(nodeCount: 1_000, seed: 7).generate()
///     let export = EcosystemGenerator(
///       nodeCount: 1_000_000, seed: 1,
///       options: .init(buyerShare: 0.05, numericIDs: true, shuffledEdges: true, extraColumns: 6)
///     ).generate()
///
/// The same `nodeCount`, `seed` and options give the same graph on every machine; the default
/// options give the graph this generator has always given.
package struct EcosystemGenerator: Sendable {
  package let nodeCount: Int
  package let seed: UInt64
  package let options: Options

  /// How the generated graph departs from the standard layout, to look like a real export.
  package struct Options: Sendable, Equatable {
    /// The fraction of nodes that are buyers (0–0.5; at least 4 buyers, half defense, half
    /// industry), or `nil` for the standard 2%. Buyers no integrator picked get one to three
    /// integrators as suppliers (one in the standard layout).
    package var buyerShare: Double?
    /// Ids are the numbers 1…*V* in a seeded random order instead of `st12`, `su3`, …
    /// (names stay readable).
    package var numericIDs: Bool
    /// Edges are listed in a seeded random order instead of the order they were made in.
    package var shuffledEdges: Bool
    /// How many extra attribute columns nodes and edges each get (0–64): string columns with
    /// repeated values (`country`, `owner`, `region`, …) alternating with numeric ones
    /// (`revenue_musd`, `employees`, …). Values travel with their node or edge.
    package var extraColumns: Int

    package init(
      buyerShare: Double? = nil, numericIDs: Bool = false, shuffledEdges: Bool = false,
      extraColumns: Int = 0
    ) {
      self.buyerShare = buyerShare
      self.numericIDs = numericIDs
      self.shuffledEdges = shuffledEdges
      self.extraColumns = extraColumns
    }

    /// The standard layout.
    package static let standard = Options()

    /// The largest ``extraColumns``.
    package static let maxExtraColumns = 64
  }

  package init(nodeCount: Int, seed: UInt64, options: Options = .standard) {
    precondition(nodeCount >= 30, "generate at least 30 nodes")
    if let share = options.buyerShare {
      precondition((0...0.5).contains(share), "the buyer share must be between 0 and 0.5")
    }
    precondition(
      (0...Options.maxExtraColumns).contains(options.extraColumns),
      "extra columns must be between 0 and \(Options.maxExtraColumns)")
    self.nodeCount = nodeCount
    self.seed = seed
    self.options = options
  }

  private struct Layout {
    var agencies = 0..<0, programs = 0..<0, buyers = 0..<0, integrators = 0..<0
    var startups = 0..<0, tier1 = 0..<0, tier2 = 0..<0, tier3 = 0..<0
  }

  private func layout() -> Layout {
    let n = nodeCount
    let buyers = options.buyerShare.map { max(4, Int((Double(n) * $0).rounded())) } ?? n / 50
    var sizes = [
      max(4, n / 250), max(4, n / 100), max(4, buyers), max(3, n * 25 / 1000), max(3, n * 15 / 100),
    ]
    var rest = n - sizes.reduce(0, +)
    if rest < 4 {
      // Only a large buyer share on a small graph: keep two tier-1 suppliers and one of each
      // other tier (the standard layout always has at least 11 suppliers).
      sizes[2] -= 4 - rest
      rest = 4
    }
    let t1 = max(2, rest * 30 / 100)
    let t2 = max(1, rest * 35 / 100)
    sizes += [t1, t2, rest - t1 - t2]
    var start = 0
    var ranges: [Range<Int>] = []
    for s in sizes {
      ranges.append(start..<start + s)
      start += s
    }
    return Layout(
      agencies: ranges[0], programs: ranges[1], buyers: ranges[2], integrators: ranges[3],
      startups: ranges[4], tier1: ranges[5], tier2: ranges[6], tier3: ranges[7])
  }

  /// The command line that makes this graph, for its description.
  private var commandLine: String {
    var line = "linkage generate --nodes \(nodeCount) --seed \(seed)"
    if let share = options.buyerShare { line += " --buyer-share \(NumberFormat.canonical(share))" }
    if options.numericIDs { line += " --numeric-ids" }
    if options.shuffledEdges { line += " --shuffle-edges" }
    if options.extraColumns > 0 { line += " --extra-columns \(options.extraColumns)" }
    return line
  }

  /// Builds the graph.
  /// - Complexity: O(*V* + *E* + (*V* + *E*) · *C*) time and space, where *C* is the number of
  ///   extra columns; about a second for a million nodes.
  package func generate() -> SupplyGraph {
    var rng = SeededRandom(seed: seed)
    let l = layout()
    var b = SupplyGraphBuilder(expectedNodes: nodeCount, expectedEdges: nodeCount * 4)
    b.name = "generated-\(nodeCount)-seed-\(seed)"
    b.description = "Synthetic ecosystem from `\(commandLine)`."
    // The options draw from streams of their own, so the standard layout's stream is untouched.
    let numericIDs = options.numericIDs ? shuffledNumbers(count: nodeCount, stream: 1) : []
    let stages = ["technology", "verification", "application", "diffusion"]
    let value = b.nodeAttributeColumn("value")
    let failure = b.nodeAttributeColumn("failure_probability")
    var programSector = [Int](repeating: 0, count: l.programs.count)
    var buyerSector = [Int](repeating: 0, count: l.buyers.count)
    func add(_ prefix: String, _ i: Int, _ name: String, _ kind: String) -> NodeIndex {
      let id = numericIDs.isEmpty ? "\(prefix)\(i)" : String(numericIDs[b.nodeCount])
      let v = b.addNode(id: id).index
      b.setName(name, for: v)
      b.setKind(kind, for: v)
      return v
    }
    var numberText: [UInt8] = []
    func number(_ column: Int, _ x: Double, _ v: NodeIndex) {
      numberText.removeAll(keepingCapacity: true)
      NumberFormat.append(x, to: &numberText)
      numberText.withUnsafeBufferPointer { b.setNodeAttribute(column: column, text: $0, for: v) }
    }
    for i in l.agencies.indices { _ = add("ag", i, "Agency \(i)", "agency") }
    for (k, i) in l.programs.enumerated() {
      let v = add("pg", k, "Program \(k)", "program")
      let stage = k % 4
      b.setStage(stages[stage], for: v)
      // Verification programs are mostly defense demonstrations; application ones industrial.
      let sector = stage == 1 ? (rng.below(4) == 0 ? 1 : 0) : stage == 2 ? 1 : rng.below(2)
      programSector[k] = sector
      b.setSector(sector == 0 ? "defense" : "industry", for: v)
      _ = i
    }
    for (k, _) in l.buyers.enumerated() {
      let v = add("by", k, "Buyer \(k)", "buyer")
      buyerSector[k] = k % 2
      b.setSector(k % 2 == 0 ? "defense" : "industry", for: v)
      number(value, Double(1 + rng.below(10)), v)
    }
    for (k, _) in l.integrators.enumerated() {
      let v = add("in", k, "Integrator \(k)", "integrator")
      b.setSector(["defense", "industry", "dual"][rng.below(3)], for: v)
      b.setTier(0, for: v)
    }
    for (k, _) in l.startups.enumerated() {
      let v = add("st", k, "Startup \(k)", "startup")
      if rng.below(3) == 0 { b.setSector("dual", for: v) }
      b.setTier(1, for: v)
    }
    for (tier, range) in [(1, l.tier1), (2, l.tier2), (3, l.tier3)] {
      for i in range {
        let v = add("su", i - l.tier1.lowerBound, "Supplier \(i - l.tier1.lowerBound)", "supplier")
        b.setTier(tier, for: v)
        number(failure, Double(1 + rng.below(50)) / 1000, v)
      }
    }
    addExtraNodeColumns(to: &b)

    // Edges.
    let supplies = b.relationCode("supplies").index
    let sellsTo = b.relationCode("sells_to").index
    let verifiedIn = b.relationCode("verified_in").index
    let qualifies = b.relationCode("qualifies").index
    let funds = b.relationCode("funds").index
    let supports = b.relationCode("supports").index
    let leadTime = b.edgeAttributeColumn("lead_time")
    let confidence = b.edgeAttributeColumn("confidence")
    var partCodes: [Int32] = []
    for p in 1...6 {
      var name = "part-\(p)"
      partCodes.append(name.withUTF8 { b.partCode($0) })
    }
    let partsOf = l.integrators.map { _ in 2 + rng.below(5) }
    var inDegree = [Int32](repeating: 0, count: nodeCount)
    func heavy(_ range: Range<Int>) -> Int {
      range.lowerBound + min(range.count - 1, Int(Double(range.count) * pow(rng.unit(), 2.5)))
    }
    // Customers already chosen by the current source, so no edge is drawn twice.
    var chosen: [Int] = []
    func distinct(_ draw: () -> Int) -> Int? {
      for _ in 0..<16 {
        let t = draw()
        if !chosen.contains(t) {
          chosen.append(t)
          return t
        }
      }
      return nil
    }
    // Edges are collected first and added to the builder at the end, in the order they were
    // made or shuffled.
    var edges: [PendingEdge] = []
    edges.reserveCapacity(nodeCount * 4 + nodeCount / 2)
    func edge(_ s: Int, _ t: Int, _ relation: Int32, part: Int32 = -1, days: ClosedRange<Int>?) {
      guard let days else {  // context edges carry no supply attributes
        edges.append(
          PendingEdge(
            source: NodeIndex(s), target: NodeIndex(t), relation: relation, part: part,
            leadTime: -1, confidencePercent: 0))
        return
      }
      let lead = days.lowerBound + rng.below(days.count)
      let percent = 50 + rng.below(51)
      edges.append(
        PendingEdge(
          source: NodeIndex(s), target: NodeIndex(t), relation: relation, part: part,
          leadTime: Int32(lead), confidencePercent: UInt8(percent)))
      inDegree[t] += 1
    }
    func supplierToIntegrator(_ s: Int, _ t: Int) {
      let k = t - l.integrators.lowerBound
      // The part a supplier provides is a property of the pair, so repeated draws agree.
      let part = partCodes[Int((UInt64(s) &* 0x9E37_79B9_7F4A_7C15) >> 40) % partsOf[k]]
      edge(s, t, supplies, part: part, days: 10...120)
    }
    for s in l.tier3 {
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(3 + rng.below(4)) {
        if let t = distinct({ heavy(l.tier2) }) { edge(s, t, supplies, days: 20...150) }
      }
    }
    for s in l.tier2 {
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(3 + rng.below(4)) {
        if let t = distinct({ heavy(l.tier1) }) { edge(s, t, supplies, days: 15...120) }
      }
    }
    for s in l.tier1 {
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(2 + rng.below(5)) {
        if let t = distinct({ heavy(l.integrators) }) { supplierToIntegrator(s, t) }
      }
    }
    for s in l.startups {
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(1 + rng.below(2)) {
        if rng.below(3) == 0 {
          if let t = distinct({ heavy(l.tier1) }) { edge(s, t, supplies, days: 20...90) }
        } else if let t = distinct({ heavy(l.integrators) }) {
          supplierToIntegrator(s, t)
        }
      }
      if rng.below(10) < 7 {
        // Verified in a technology or verification program.
        let p =
          l.programs.lowerBound + (rng.below(l.programs.count / 2 + 1) * 4 + rng.below(2))
          % l.programs.count
        edge(s, p, verifiedIn, days: 60...365)
      }
      if rng.below(10) == 0, let t = distinct({ heavy(l.buyers) }) {
        edge(s, t, sellsTo, days: 10...60)
      }
      // A few platform startups (cloud, AI models) serve hundreds to thousands of integrators,
      // which gives some startups a very large downstream, as in real ecosystems.
      if (s - l.startups.lowerBound) % 1000 == 7 {
        let customers = min(l.integrators.count / 2, 500 + rng.below(4500))
        var seen = Set(chosen)  // integrators it already supplies
        while seen.count < customers {
          let t = l.integrators.lowerBound + rng.below(l.integrators.count)
          if seen.insert(t).inserted { supplierToIntegrator(s, t) }
        }
      }
    }
    for (k, p) in l.programs.enumerated() {
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(1 + rng.below(3)) {
        // A buyer of the program's sector.
        let pick = distinct {
          var t = heavy(l.buyers)
          if buyerSector[t - l.buyers.lowerBound] != programSector[k] {
            t = t + 1 < l.buyers.upperBound ? t + 1 : t - 1
          }
          return t
        }
        if let t = pick { edge(p, t, qualifies, days: 30...180) }
      }
    }
    for i in l.integrators {
      // Small integrators still need some inputs: at least two suppliers (a fresh one each).
      var extra = 0
      while inDegree[i] < 2 {
        supplierToIntegrator(l.tier1.lowerBound + (i * 7919 + extra * 104_729) % l.tier1.count, i)
        extra += 1
      }
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(2 + rng.below(5)) {
        if let t = distinct({ heavy(l.buyers) }) { edge(i, t, sellsTo, days: 10...90) }
      }
    }
    for t in l.buyers where inDegree[t] == 0 {
      guard options.buyerShare != nil else {
        edge(l.integrators.lowerBound + rng.below(l.integrators.count), t, sellsTo, days: 10...90)
        continue
      }
      // Many buyers: most get two or three suppliers, a third stay single-sourced.
      chosen.removeAll(keepingCapacity: true)
      for _ in 0..<(1 + rng.below(3)) {
        if let s = distinct({ l.integrators.lowerBound + rng.below(l.integrators.count) }) {
          edge(s, t, sellsTo, days: 10...90)
        }
      }
    }
    for p in l.programs {
      edge(l.agencies.lowerBound + rng.below(l.agencies.count), p, funds, days: nil)
    }
    for s in l.startups where rng.below(10) == 0 {
      edge(l.agencies.lowerBound + rng.below(l.agencies.count), s, supports, days: nil)
    }

    let order = options.shuffledEdges ? shuffledNumbers(count: edges.count, stream: 2) : []
    let extra = extraEdgeColumns(in: &b)
    for k in 0..<edges.count {
      let g = order.isEmpty ? k : Int(order[k]) - 1  // the edge's place in generation order
      let p = edges[g]
      let e = b.addEdge(from: p.source, to: p.target, relationCode: p.relation, partCode: p.part)
      if p.leadTime >= 0 {
        b.setEdgeNumber(column: leadTime, Double(p.leadTime), for: e)
        b.setEdgeNumber(column: confidence, Double(p.confidencePercent) / 100, for: e)
      }
      extra.fill(&b, edge: e, generationIndex: g)
    }
    return b.build()
  }

  /// The numbers 1…`count` in a seeded random order (Fisher–Yates), from random stream
  /// `stream` of this seed.
  /// - Complexity: O(`count`) time and space.
  func shuffledNumbers(count: Int, stream: UInt64) -> [Int32] {
    var random = SeededRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    var numbers = (0..<Int32(count)).map { $0 + 1 }
    var i = count - 1
    while i > 0 {
      numbers.swapAt(i, random.below(i + 1))
      i -= 1
    }
    return numbers
  }
}

/// An edge made by the generator, before it goes into the builder: one record, so adding
/// edges in shuffled order reads one cache line per edge.
private struct PendingEdge {
  var source: NodeIndex, target: NodeIndex
  var relation: Int32, part: Int32
  /// Days, or -1 for a context edge (no supply attributes).
  var leadTime: Int32
  var confidencePercent: UInt8
}
