import LinkageCore

/// Which nodes reach defense buyers, industry buyers or both, ranked, with counts, bounded
/// lists of the buyers reached first, shortest witness routes and (with robustness) the single
/// failures that take a sector away — for `reach`.
///
/// Classes and witnesses come from one multi-source search per sector; the bounded buyer
/// lists of every listed node from one label-propagating search per sector
/// (``LinkageCore/CompressedAdjacency/nearestSourceLists(_:count:maximumHops:)``), not a
/// search per node.
package struct ReachReport: Sendable {
  /// What to compute and list.
  package struct Options: Sendable {
    package var bounds = DualUseReach.Bounds()
    package var robust = false
    /// Count exactly however long it takes (else estimated on very large graphs).
    package var exact = false
    /// Show this node alone: exact counts and every buyer it reaches.
    package var focus: NodeIndex?
    /// Only list nodes of these kind labels (nil: every node).
    package var kinds: Set<String>?
    /// How many nodes to list, most reach first (nil: all).
    package var limit: Int?
    /// Buyers listed per node and sector, nearest first (0: no lists).
    package var listLimit = 5
    package init() {}
  }

  /// One listed node.
  package struct Entry: Sendable {
    package let node: NodeIndex
    package let reachClass: DualUseReach.ReachClass
    package let defenseCount: Int
    package let industryCount: Int
    /// Whether the counts are estimates (classes never are).
    package let estimated: Bool
    /// Buyers reached first, nearest first, up to the list limit (every one for the focus).
    package let defenseList: [NodeIndex]
    package let industryList: [NodeIndex]
    package let defenseWitness: Path?
    package let industryWitness: Path?
    /// The nodes whose single failure removes the reach to each sector (nil: not reached or
    /// robustness not computed; empty: robust).
    package let defenseFragile: [NodeIndex]?
    package let industryFragile: [NodeIndex]?

    package func count(_ sector: Sector) -> Int {
      sector == .defense ? defenseCount : industryCount
    }
    package func witness(_ sector: Sector) -> Path? {
      sector == .defense ? defenseWitness : industryWitness
    }
    package func list(_ sector: Sector) -> [NodeIndex] {
      sector == .defense ? defenseList : industryList
    }
    package func fragile(_ sector: Sector) -> [NodeIndex]? {
      sector == .defense ? defenseFragile : industryFragile
    }
  }

  package let input: AnalysisInput
  package let options: Options
  package let reach: DualUseReach
  /// The listed nodes, most reach first: class (dual, defense-only, industry-only, none),
  /// then buyers reached (both sectors), then id.
  package let entries: [Entry]
  /// How many nodes have a listed kind (all nodes without a kind filter).
  package let candidateCount: Int
  package let aggregates: DualUseReach.Aggregates

  package var graph: SupplyGraph { input.graph }
  package var estimated: Bool { reach.defense.counts.estimated || reach.industry.counts.estimated }

  /// The order of classes in rankings and tables.
  package static let classOrder: [DualUseReach.ReachClass] = [
    .dual, .defenseOnly, .industryOnly, .none,
  ]

  /// Runs the analysis and builds the report.
  /// - Complexity: the analysis (O(*V* + *E*) per sector for classes and witnesses, counts by
  ///   batched bitsets), O(*V* log *V*) for the ranking, O(*k* (*V* + *E*)) per sector for
  ///   lists of *k* = `listLimit` buyers, and O(*L* · *d*) for the witnesses of *L* listed
  ///   nodes of route length *d*.
  package init(input: AnalysisInput, options: Options = Options()) {
    let graph = input.graph
    self.input = input
    self.options = options
    let reach = DualUseReach(
      graph: graph, bounds: options.bounds, robust: options.robust,
      countWorkLimit: options.exact ? .infinity : 2e9)
    self.reach = reach
    aggregates = reach.aggregates()
    let listed = Self.ranked(reach, options: options)
    candidateCount = Self.candidates(graph, options.kinds)
    // Lists for every listed node from one search per sector (a search per node is O(V)
    // each); the focus gets every buyer, from its own search.
    let n = graph.nodeCount
    let wantLists = options.listLimit > 0 && options.focus == nil && !listed.isEmpty
    // Label propagation holds (k + 1) labels per node: above ~64M labels, search per node.
    let propagate = wantLists && (options.listLimit + 1) * n <= 64 << 20
    let defenseLists = propagate
      ? reach.nearestBuyerLists(sector: .defense, limit: options.listLimit) : nil
    let industryLists = propagate
      ? reach.nearestBuyerLists(sector: .industry, limit: options.listLimit) : nil
    func list(_ v: NodeIndex, _ s: Sector) -> [NodeIndex] {
      if options.focus == v { return reach.reachedBuyers(from: v, sector: s, limit: .max) }
      guard wantLists else { return [] }
      if let lists = s == .defense ? defenseLists : industryLists {
        return Array(lists.sources(of: v))
      }
      return reach.reachedBuyers(from: v, sector: s, limit: options.listLimit)
    }
    func count(_ v: NodeIndex, _ s: Sector) -> Int {
      if options.focus == v && reach.reach(s).counts.estimated && !reach.bounds.isBounded {
        return reach.exactCount(from: v, sector: s)
      }
      return Int(reach.reach(s).counts.counts[Int(v)])
    }
    let anyEstimated = reach.defense.counts.estimated || reach.industry.counts.estimated
    func fragile(_ v: NodeIndex, _ s: Sector) -> [NodeIndex]? {
      guard reach.robustnessComputed, reach.reach(s).reaches[Int(v)] else { return nil }
      return Array(reach.reach(s).fragile?[v] ?? [])
    }
    entries = listed.map { v in
      Entry(
        node: v, reachClass: reach.classes[Int(v)], defenseCount: count(v, .defense),
        industryCount: count(v, .industry),
        estimated: !(options.focus == v && !reach.bounds.isBounded) && anyEstimated,
        defenseList: list(v, .defense), industryList: list(v, .industry),
        defenseWitness: reach.witness(from: v, to: .defense),
        industryWitness: reach.witness(from: v, to: .industry),
        defenseFragile: fragile(v, .defense), industryFragile: fragile(v, .industry))
    }
  }

  /// The rank of a class in ``classOrder``.
  static func classRank(_ c: DualUseReach.ReachClass) -> UInt64 {
    switch c {
    case .dual: 0
    case .defenseOnly: 1
    case .industryOnly: 2
    case .none: 3
    }
  }

  /// Whether each node has one of `kinds` (by its kind label, else its kind's name).
  static func allowedNodes(_ graph: SupplyGraph, _ kinds: Set<String>) -> [Bool] {
    let codeAllowed = graph.kindLabels.map { kinds.contains($0) }
    return graph.nodes.map { v in
      if let code = graph.kindCode(of: v) { return codeAllowed[code] }
      return kinds.contains(graph.kind(of: v).name)
    }
  }

  static func candidates(_ graph: SupplyGraph, _ kinds: Set<String>?) -> Int {
    guard let kinds else { return graph.nodeCount }
    let codeAllowed = graph.kindLabels.map { kinds.contains($0) }
    let unlabeled = kinds.contains("")
    var count = 0
    for v in graph.nodes {
      let listed: Bool
      if let code = graph.kindCode(of: v) { listed = codeAllowed[code] } else { listed = unlabeled }
      if listed { count += 1 }
    }
    return count
  }

  /// The nodes to list, most reach first: the focus, or those of the chosen kinds.
  /// - Complexity: O(*V* log *V*) (O(*V* + *k* log *k*) with a limit *k*).
  static func ranked(_ reach: DualUseReach, options: Options) -> [NodeIndex] {
    if let focus = options.focus { return [focus] }
    if let top = options.limit, top <= 0 { return [] }
    let graph = reach.graph
    let d = reach.defense.counts.counts
    let i = reach.industry.counts.counts
    let allowed = options.kinds.map { Self.allowedNodes(graph, $0) }
    // Numeric rank keys (class, then most buyers reached); ids break ties.
    var keyed: [(key: UInt64, node: NodeIndex)] = []
    keyed.reserveCapacity(graph.nodeCount)
    for v in graph.nodes where allowed?[Int(v)] ?? true {
      let total = UInt64(Int(d[Int(v)]) + Int(i[Int(v)]))
      keyed.append((classRank(reach.classes[Int(v)]) << 40 | ((1 << 40) - 1 - total), v))
    }
    if let top = options.limit, top < keyed.count {
      // Only the first `top` matter: keep every node whose key is at most the top-th key.
      let threshold = keyed.map(\.key).sorted()[top - 1]
      keyed = keyed.filter { $0.key <= threshold }
    }
    let ids = graph.ids
    keyed.sort { a, b in
      a.key != b.key ? a.key < b.key : ids[Int(a.node)] < ids[Int(b.node)]
    }
    let nodes = keyed.map(\.node)
    return options.limit.map { Array(nodes.prefix($0)) } ?? nodes
  }
}
