/// How concentrated sourcing is: for every part group, its suppliers' shares, the
/// Herfindahl–Hirschman index HHI = Σ s² · 10⁴ (10,000: one source; 10,000/*k*: *k* equal
/// ones), the effective number of sources 1/Σ s², and the top source — by supplier, or by the
/// value of a supplier attribute such as `country` (shares of suppliers with the same value
/// add up). For each target, the most concentrated group anywhere upstream of it.
///
/// Shares come from each link's `share`, normalized to sum to 1 within the group. A link
/// without one is assumed to take an equal part of what the group's known shares leave
/// (1 − their sum, or, when that is not positive or no link has a share, an equal part of
/// the whole); every assumption is counted and flagged per supplier.
///
/// By an attribute, a `region` node whose attribute has value *V* and that links to a node
/// with a `share` (flow or context link, such as ETO's country provision rows) *declares*
/// V's share of that node's supply directly. Declared shares replace the sums of the supplier
/// links in the group they name (the link's `part`, or the node's only group when the link
/// has none): values declared are taken as given, and what they leave (1 − their sum) goes in
/// equal parts, assumed, to the other values among the group's suppliers.
///
///     let c = SupplyConcentration(network: network, targets: sinks, by: "country")
///     c.groups.first { graph.id(of: $0.node) == "euv-scanners" }?.hhi   // 10,000: NLD alone
///
/// - Complexity: O(*V* + *E*) plus sorting each group's sources.
package struct SupplyConcentration: Sendable {
  /// One source of a group: a supplier, or all suppliers sharing an attribute value.
  package struct Source: Sendable {
    /// The supplier's id, or the attribute value (`unknown` for suppliers without one).
    package let key: String
    package let share: Double
    /// Whether some of the share was assumed (a link without `share`).
    package let assumed: Bool
    /// Whether the share was declared by a region node's link rather than summed over
    /// supplier links.
    package var declared: Bool = false
  }

  package struct Group: Sendable {
    package let node: NodeIndex
    package let part: String?
    /// Largest share first, then by key.
    package let sources: [Source]
    package let hhi: Double
    package var effectiveSources: Double { hhi > 0 ? 10_000 / hhi : 0 }
  }

  package struct TargetView: Sendable {
    package let target: NodeIndex
    /// The most concentrated group upstream of the target (its own included), as an index
    /// into ``groups``; nil when no group feeds it.
    package let worst: Int?
  }

  /// The attribute sources are grouped by (nil: by supplier).
  package let by: String?
  /// Every group with at least one carrying link, most concentrated first, then by node id.
  package let groups: [Group]
  package let targets: [TargetView]
  /// Carrying links without a `share`.
  package let linksWithoutShare: Int
  /// Carrying links in groups.
  package let links: Int
  /// With ``by``: groups left out because none of their sources has the attribute.
  package let groupsWithoutAttribute: Int
  /// With ``by``: groups whose shares by value come from region nodes' declared shares.
  package let groupsWithDeclaredShares: Int

  package init(network: SupplyNetwork, targets: [NodeIndex], by attribute: String? = nil) {
    self.by = attribute
    let graph = network.graph
    let shareColumn = graph.edgeAttributes["share"]
    let keyOfNode: [String?]? = attribute.map { GroupFailures.values(of: $0, in: graph) }
    var groups: [Group] = []
    var groupIndex = [Int](repeating: -1, count: network.nodeOfGroup.count)
    var missingTotal = 0
    var linkTotal = 0
    var withoutAttribute = 0
    var declaredGroups = 0
    let inn = network.supplyIn
    // Declared shares by value: region node → node links with a share, per target node.
    var declaredByNode: [NodeIndex: [(key: String, share: Double, part: Int32)]] = [:]
    if let keyOfNode, let shareColumn {
      for e in graph.edges {
        let u = graph.sources[Int(e)]
        guard graph.kinds[Int(u)] == .region, let key = keyOfNode[Int(u)],
          let share = shareColumn.number(at: Int(e)), share >= 0
        else { continue }
        declaredByNode[graph.targets[Int(e)], default: []].append(
          (key, share, graph.partCodes[Int(e)]))
      }
    }
    for v in graph.nodes {
      for g in network.groups(of: v) {
        // The group's carrying links: (source, share or nil).
        var members: [(NodeIndex, Double?)] = []
        for i in inn.range(of: v) where Int(network.groupOfEdge[Int(inn.edges[i])]) == g {
          let e = Int(inn.edges[i])
          members.append((inn.neighbors[i], shareColumn?.number(at: e)))
        }
        guard !members.isEmpty else { continue }
        linkTotal += members.count
        let known = members.compactMap(\.1)
        let missing = members.count - known.count
        missingTotal += missing
        let knownSum = known.reduce(0, +)
        let fill: Double =
          missing == 0 ? 0 : (knownSum < 1 && !known.isEmpty ? (1 - knownSum) / Double(missing) : 0)
        // A lone source is 100% whatever its share says: nothing is assumed there.
        var raw = members.map { ($0.0, $0.1 ?? fill, $0.1 == nil && members.count > 1) }
        var total = raw.reduce(0) { $0 + $1.1 }
        if total <= 0 {
          // No usable shares: equal parts.
          raw = members.map { ($0.0, 1, members.count > 1) }
          total = Double(members.count)
        }
        // Shares of one key add up: sort by key, merge neighbours.
        let keyed = raw.map { (u, s, assumed) in
          (key: keyOfNode.map { $0[Int(u)] ?? "unknown" } ?? graph.id(of: u), share: s / total,
           assumed: assumed)
        }.sorted { $0.key < $1.key }
        var merged: [Source] = []
        for item in keyed {
          if let last = merged.last, last.key == item.key {
            merged[merged.count - 1] = Source(
              key: last.key, share: last.share + item.share, assumed: last.assumed || item.assumed)
          } else {
            merged.append(Source(key: item.key, share: item.share, assumed: item.assumed))
          }
        }
        if !declaredByNode.isEmpty, let declared = declaredByNode[v] {
          let label = network.groupLabel[g]
          let carried = network.groups(of: v).count(where: { h in
            inn.range(of: v).contains { Int(network.groupOfEdge[Int(inn.edges[$0])]) == h }
          })
          let mine = declared.filter { $0.part >= 0 ? $0.part == label : carried == 1 }
          if !mine.isEmpty {
            merged = Self.declaredSources(mine.map { ($0.key, $0.share) }, summed: merged)
            declaredGroups += 1
          }
        }
        let sources = merged.sorted {
          $0.share != $1.share ? $0.share > $1.share : $0.key < $1.key
        }
        // By an attribute, a group none of whose sources has it says nothing about it.
        if let keyOfNode, !raw.contains(where: { keyOfNode[Int($0.0)] != nil }) {
          withoutAttribute += 1
          continue
        }
        let hhi = sources.reduce(0) { $0 + $1.share * $1.share } * 10_000
        let label = network.groupLabel[g]
        groupIndex[g] = groups.count
        groups.append(
          Group(
            node: v, part: label >= 0 ? graph.partLabels[Int(label)] : nil, sources: sources,
            hhi: hhi))
      }
    }
    groupsWithDeclaredShares = declaredGroups
    linksWithoutShare = missingTotal
    links = linkTotal
    groupsWithoutAttribute = withoutAttribute
    // Worst group upstream of each node: a maximum over ancestors, by strongly connected
    // components in topological order (descending numbers).
    let scc = network.supplyOut.stronglyConnectedComponents()
    let count = scc.count
    var memberOffsets = [Int](repeating: 0, count: count + 1)
    for c in scc.component { memberOffsets[Int(c) + 1] += 1 }
    for k in 0..<count { memberOffsets[k + 1] += memberOffsets[k] }
    var fill = memberOffsets
    var members = [NodeIndex](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      let c = Int(scc.component[v])
      members[fill[c]] = NodeIndex(v)
      fill[c] += 1
    }
    var worst = [Int](repeating: -1, count: count)  // group index
    func better(_ a: Int, _ b: Int) -> Int {
      if a < 0 { return b }
      if b < 0 { return a }
      return groups[a].hhi > groups[b].hhi
        || (groups[a].hhi == groups[b].hhi && graph.id(of: groups[a].node) < graph.id(of: groups[b].node))
        ? a : b
    }
    for c in stride(from: count - 1, through: 0, by: -1) {
      var best = -1
      for k in memberOffsets[c]..<memberOffsets[c + 1] {
        let v = members[k]
        for g in network.groups(of: v) where groupIndex[g] >= 0 { best = better(best, groupIndex[g]) }
        for u in inn.neighbors(of: v) where scc.component[Int(u)] != Int32(c) {
          best = better(best, worst[Int(scc.component[Int(u)])])
        }
      }
      worst[c] = best
    }
    let views = targets.map { t in
      let w = worst[Int(scc.component[Int(t)])]
      return TargetView(target: t, worst: w >= 0 ? w : nil)
    }
    // Ranked groups; the target views point into the ranked list.
    let order = groups.indices.sorted { a, b in
      groups[a].hhi != groups[b].hhi
        ? groups[a].hhi > groups[b].hhi
        : (graph.id(of: groups[a].node), groups[a].part ?? "")
          < (graph.id(of: groups[b].node), groups[b].part ?? "")
    }
    var rankOf = [Int](repeating: 0, count: groups.count)
    for (r, g) in order.enumerated() { rankOf[g] = r }
    self.groups = order.map { groups[$0] }
    self.targets = views.map {
      TargetView(target: $0.target, worst: $0.worst.map { rankOf[$0] })
    }
  }

  /// Shares by value from declared (value, share) pairs: declared values as given (one value
  /// declared twice adds up), the rest split equally among the other values the supplier
  /// links name (assumed); normalized to sum to 1.
  static func declaredSources(_ declared: [(String, Double)], summed: [Source]) -> [Source] {
    var byKey: [String: Double] = [:]
    for (k, s) in declared { byKey[k, default: 0] += s }
    let others = summed.map(\.key).filter { byKey[$0] == nil && $0 != "unknown" }
    let declaredSum = byKey.values.reduce(0, +)
    var result = byKey.map { Source(key: $0.key, share: $0.value, assumed: false, declared: true) }
    if declaredSum < 1, !others.isEmpty {
      let each = (1 - declaredSum) / Double(others.count)
      result += others.map { Source(key: $0, share: each, assumed: true) }
    }
    let total = result.reduce(0) { $0 + $1.share }
    guard total > 0 else { return summed }
    return result.map {
      Source(key: $0.key, share: $0.share / total, assumed: $0.assumed, declared: $0.declared)
    }.sorted { $0.key < $1.key }
  }
}
