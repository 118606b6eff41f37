/// Single points of failure where the unit that fails is every node sharing a value of one
/// attribute — a country, a region, an owner, a tier: the nodes of each value fail together,
/// and the values are ranked like nodes, by the targets they cut off, with a chain of
/// dependence to the first target.
///
///     let units = GroupFailures(network: network, targets: buyers, attribute: "country")
///     units.ranked.first   // Unit(value: "NLD", nodes: [nxp, asml, …], targetsCut: [finished-logic-chip])
///
/// A unit never counts its own nodes among the targets it cuts. Nodes without the attribute
/// belong to no unit (``unassigned`` counts them).
///
/// - Complexity: one joint failure per value on ``FailureImpactEngine``: the downstream cone
///   of the value's nodes, plus O(*V*) to read the attribute.
package struct GroupFailures: Sendable {
  package struct Unit: Sendable {
    /// The attribute's value, as written.
    package let value: String
    /// The nodes that fail together, by index.
    package let nodes: [NodeIndex]
    /// Targets outside the unit that lose supply, by index.
    package let targetsCut: [NodeIndex]
    package let valueCut: Double
    /// From a failed node of the unit to the first target cut: each node that lost supply in
    /// turn (empty when nothing is cut).
    package let chain: [NodeIndex]
  }

  package let attribute: String
  package let targets: [NodeIndex]
  /// Every value with its nodes, most targets cut first, then most value, then the value.
  package let ranked: [Unit]
  /// Nodes without a value for the attribute.
  package let unassigned: Int

  /// The value of `attribute` at each node (`kind`, `sector`, `stage`, `tier`, or any node
  /// attribute), or nil where it has none.
  package static func values(of attribute: String, in graph: SupplyGraph) -> [String?] {
    switch attribute {
    case "kind": return graph.nodes.map { graph.kindLabel(of: $0) }
    case "sector": return graph.nodes.map { graph.sectorLabel(of: $0) }
    case "stage": return graph.nodes.map { graph.stageLabel(of: $0) }
    case "tier": return graph.nodes.map { graph.tier(of: $0).map(String.init) }
    default:
      guard let column = graph.nodeAttributes[attribute] else {
        return [String?](repeating: nil, count: graph.nodeCount)
      }
      return graph.nodes.map { column[Int($0)]?.description }
    }
  }

  package init(network: SupplyNetwork, targets: [NodeIndex], attribute: String) {
    self.attribute = attribute
    self.targets = targets
    let graph = network.graph
    let values = Self.values(of: attribute, in: graph)
    var byValue: [String: [NodeIndex]] = [:]
    var unassigned = 0
    for v in graph.nodes {
      if let x = values[Int(v)] { byValue[x, default: []].append(v) } else { unassigned += 1 }
    }
    self.unassigned = unassigned
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    for t in targets { isTarget[Int(t)] = true }
    let valueColumn = graph.nodeAttributes["value"]
    var engine = FailureImpactEngine(network: network)
    var inUnit = [Bool](repeating: false, count: graph.nodeCount)
    var isLost = [Bool](repeating: false, count: graph.nodeCount)
    var units: [Unit] = []
    for (value, nodes) in byValue {
      for v in nodes { inUnit[Int(v)] = true }
      engine.fail(nodes: nodes)
      let cut = engine.lostNodes.filter { isTarget[Int($0)] && !inUnit[Int($0)] }.sorted()
      // The chain to the first target: the shortest path back to a failed node of the unit
      // through nodes that lost supply (a backward search over supply edges).
      var chain: [NodeIndex] = []
      if let first = cut.first {
        for v in engine.lostNodes { isLost[Int(v)] = true }
        var parent: [NodeIndex: NodeIndex] = [first: first]
        var queue = [first]
        var head = 0
        var reached: NodeIndex = -1
        while head < queue.count, reached < 0 {
          let v = queue[head]
          head += 1
          for u in network.supplyIn.neighbors(of: v) where isLost[Int(u)] && parent[u] == nil {
            parent[u] = v
            if inUnit[Int(u)] {
              reached = u
              break
            }
            queue.append(u)
          }
        }
        if reached >= 0 {
          var v = reached
          chain.append(v)
          while v != first, let next = parent[v] {
            v = next
            chain.append(v)
          }
        }
        for v in engine.lostNodes { isLost[Int(v)] = false }
      }
      units.append(
        Unit(
          value: value, nodes: nodes, targetsCut: cut,
          valueCut: cut.reduce(0) { $0 + (valueColumn?.number(at: Int($1)) ?? 1) }, chain: chain))
      engine.reset()
      for v in nodes { inUnit[Int(v)] = false }
    }
    ranked = units.sorted { a, b in
      if a.targetsCut.count != b.targetsCut.count { return a.targetsCut.count > b.targetsCut.count }
      if a.valueCut != b.valueCut { return a.valueCut > b.valueCut }
      return a.value < b.value
    }
  }
}
