import Dispatch
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

  /// One listed node, made on access from the report's columns (a million listed nodes make
  /// no million stored entries). Its lists are slices of arrays the report shares.
  package struct Entry: Sendable {
    package let node: NodeIndex
    package let reachClass: DualUseReach.ReachClass
    package let defenseCount: Int
    package let industryCount: Int
    /// Whether the counts are estimates (classes never are).
    package let estimated: Bool
    /// Buyers reached first, nearest first, up to the list limit (every one for the focus).
    package let defenseList: ArraySlice<NodeIndex>
    package let industryList: ArraySlice<NodeIndex>
    package let defenseWitness: Path?
    package let industryWitness: Path?
    /// The nodes whose single failure removes the reach to each sector (nil: not reached or
    /// robustness not computed; empty: robust).
    package let defenseFragile: ArraySlice<NodeIndex>?
    package let industryFragile: ArraySlice<NodeIndex>?

    package func count(_ sector: Sector) -> Int {
      sector == .defense ? defenseCount : industryCount
    }
    /// The shortest route to a buyer of `sector` (nil: not reached).
    package func witness(_ sector: Sector) -> Path? {
      sector == .defense ? defenseWitness : industryWitness
    }
    package func list(_ sector: Sector) -> ArraySlice<NodeIndex> {
      sector == .defense ? defenseList : industryList
    }
    package func fragile(_ sector: Sector) -> ArraySlice<NodeIndex>? {
      sector == .defense ? defenseFragile : industryFragile
    }
  }

  /// The listed nodes in rank order, as ``Entry`` values made on access.
  package struct Entries: RandomAccessCollection, Sendable {
    /// The listed nodes, most reach first.
    package let nodes: [NodeIndex]
    let reach: DualUseReach
    /// Per sector (defense, industry): the buyer lists.
    let lists: [BuyerLists]
    /// The focus and its exact counts per sector, when one node is shown.
    let focus: (node: NodeIndex, counts: [Int], exact: Bool)?

    package var startIndex: Int { 0 }
    package var endIndex: Int { nodes.count }

    /// The entry of the `position`-th listed node.
    /// - Complexity: O(*k* + *d*): its lists and its witness routes of *d* edges.
    package subscript(position: Int) -> Entry {
      let v = nodes[position]
      func fragile(_ s: Sector) -> ArraySlice<NodeIndex>? {
        var list: [NodeIndex] = []
        return forEachFragile(position, s) { list.append($0) } ? list[...] : nil
      }
      return Entry(
        node: v, reachClass: reach.classes[Int(v)], defenseCount: count(position, .defense),
        industryCount: count(position, .industry), estimated: estimated(position),
        defenseList: lists[0].list(position, v), industryList: lists[1].list(position, v),
        defenseWitness: reach.witness(from: v, to: .defense),
        industryWitness: reach.witness(from: v, to: .industry),
        defenseFragile: fragile(.defense), industryFragile: fragile(.industry))
    }

    // Column access for renderers that print every entry: no entry, array or reference
    // count per node (threads rendering side by side would contend for the counts).

    /// The class of the `position`-th listed node.
    package func reachClass(_ position: Int) -> DualUseReach.ReachClass {
      reach.classes[Int(nodes[position])]
    }

    /// Buyers of `sector` the `position`-th listed node reaches (exact for the focus).
    package func count(_ position: Int, _ sector: Sector) -> Int {
      let v = nodes[position]
      if let focus, focus.node == v { return focus.counts[sector == .defense ? 0 : 1] }
      return Int(
        sector == .defense
          ? reach.defense.counts.counts[Int(v)] : reach.industry.counts.counts[Int(v)])
    }

    /// Whether the counts of the `position`-th listed node are estimates.
    package func estimated(_ position: Int) -> Bool {
      guard reach.defense.counts.estimated || reach.industry.counts.estimated else { return false }
      if let focus, focus.node == nodes[position], focus.exact { return false }
      return true
    }

    /// Calls `body` with each listed buyer of `sector`, nearest first.
    package func forEachListed(_ position: Int, _ sector: Sector, _ body: (NodeIndex) -> Void) {
      lists[sector == .defense ? 0 : 1].forEach(position, nodes[position], body)
    }

    /// Calls `body` with each node of the witness route to `sector`, from the listed node
    /// to the buyer; false, calling nothing, when it reaches none.
    package func forEachWitnessNode(
      _ position: Int, _ sector: Sector, _ body: (NodeIndex) -> Void
    ) -> Bool {
      let v = nodes[position]
      guard (sector == .defense ? reach.defense : reach.industry).reaches[Int(v)] else {
        return false
      }
      body(v)
      return reach.walkWitness(from: v, to: sector) { _, w in body(w) }
    }

    /// Calls `body` with each node whose single failure removes the reach to `sector`;
    /// false, calling nothing, when robustness was not computed or the sector is not reached.
    package func forEachFragile(
      _ position: Int, _ sector: Sector, _ body: (NodeIndex) -> Void
    ) -> Bool {
      let v = nodes[position]
      guard reach.robustnessComputed else { return false }
      if sector == .defense {
        guard reach.defense.reaches[Int(v)] else { return false }
        reach.defense.fragile?.forEach(of: v, body)
      } else {
        guard reach.industry.reaches[Int(v)] else { return false }
        reach.industry.fragile?.forEach(of: v, body)
      }
      return true
    }
  }

  /// One sector's buyer lists of the listed nodes.
  enum BuyerLists: Sendable {
    case none
    /// From one label-propagating search over the whole graph, by node.
    case nearest(NearestSourceLists)
    /// Searched per listed node, by position: list `k` is `items[starts[k]..<starts[k + 1]]`.
    case searched(items: [NodeIndex], starts: [Int])

    func list(_ position: Int, _ node: NodeIndex) -> ArraySlice<NodeIndex> {
      switch self {
      case .none: []
      case .nearest(let lists): lists.sources(of: node)
      case .searched(let items, let starts): items[starts[position]..<starts[position + 1]]
      }
    }

    func forEach(_ position: Int, _ node: NodeIndex, _ body: (NodeIndex) -> Void) {
      switch self {
      case .none: return
      case .nearest(let lists): lists.forEachSource(of: node, body)
      case .searched(let items, let starts):
        for i in starts[position]..<starts[position + 1] { body(items[i]) }
      }
    }
  }

  package let input: AnalysisInput
  package let options: Options
  package let reach: DualUseReach
  /// The listed nodes, most reach first: class (dual, defense-only, industry-only, none),
  /// then buyers reached (both sectors), then id.
  package let entries: Entries
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
    // each), both sectors at once; the focus gets every buyer, from its own search.
    let n = graph.nodeCount
    let wantLists = (options.listLimit > 0 || options.focus != nil) && !listed.isEmpty
    // Label propagation holds (k + 1) labels per node: above ~64M labels, search per node.
    let propagate =
      wantLists && options.focus == nil && (options.listLimit + 1) * n <= 64 << 20
    let sectors: [Sector] = [.defense, .industry]
    var lists: [BuyerLists] = [.none, .none]
    if propagate {
      let slots = ParallelSlots<NearestSourceLists>(count: 2)
      DispatchQueue.concurrentPerform(iterations: 2) { s in
        slots.set(s, reach.nearestBuyerLists(sector: sectors[s], limit: options.listLimit))
      }
      lists = (slots.values() ?? []).map { .nearest($0) }
    } else if wantLists {
      let limit = options.focus == nil ? options.listLimit : .max
      lists = sectors.map { s in
        var items: [NodeIndex] = []
        var starts = [0]
        for v in listed {
          items += reach.reachedBuyers(from: v, sector: s, limit: limit)
          starts.append(items.count)
        }
        return .searched(items: items, starts: starts)
      }
    }
    var focus: (node: NodeIndex, counts: [Int], exact: Bool)?
    if let v = options.focus {
      let exact = !reach.bounds.isBounded
      focus = (
        v,
        sectors.map { s in
          exact && reach.reach(s).counts.estimated
            ? reach.exactCount(from: v, sector: s) : Int(reach.reach(s).counts.counts[Int(v)])
        }, exact
      )
    }
    entries = Entries(nodes: listed, reach: reach, lists: lists, focus: focus)
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
