/// Time to survive against time to recover (Simchi-Levi, Schmidt and Wei 2014): for each
/// failure *x* and each target *t* it cuts off, when *t* runs out, and whether *x* recovers
/// in time.
///
/// The model, in days. The failed node ships nothing from the moment it fails. A link
/// delivers until its source stops shipping plus its `lead_time` (goods in transit still
/// arrive). A part group runs dry when the last of its sources' deliveries stops (the route
/// that keeps it supplied longest); a node stops receiving when its first group runs dry and
/// keeps shipping for its `inventory_days` more. Only nodes the failure cuts off (the yes/no
/// cascade) run out at all; a group with a source the failure does not reach never runs dry.
/// Inside a cycle, goods that only circulate do not extend survival: a cyclic component's
/// members stop receiving when the first of their groups fed from outside the component runs
/// dry (conservative). Missing `lead_time` and `inventory_days` count 0.
///
/// The time to impact TTI(*x*, *t*) is when *t* itself runs out. With `ttr` (days to recover)
/// on *x*, the pair is an exposure when ttr(*x*) > TTI(*x*, *t*); its shortfall is the
/// difference in days, weighted by value(*t*).
///
///     let stress = StressTest(network: network, targets: buyers)
///     stress.exposures.first   // Exposure(point: kseed, target: navy, tti: 95, ttr: 180, …)
///
/// - Complexity: one yes/no cascade per node (``FailureImpactEngine``), plus O(edges into the
///   lost nodes · log) to order their times.
package struct StressTest: Sendable {
  package struct Exposure: Sendable {
    package let point: NodeIndex
    package let target: NodeIndex
    /// When the target runs out, in days after the failure.
    package let timeToImpact: Double
    package let timeToRecover: Double
    package var shortfall: Double { timeToRecover - timeToImpact }
    package let weightedShortfall: Double
  }

  /// A failure that cuts targets off, with or without a `ttr`.
  package struct Impact: Sendable {
    package let point: NodeIndex
    package let timeToRecover: Double?
    /// Each target cut, with its time to impact, soonest first, then by index.
    package let targets: [(target: NodeIndex, timeToImpact: Double)]
  }

  /// A way to remove exposure: recover `point` faster, or hold more stock at `node`.
  package struct Remedy: Sendable {
    package enum Kind: Sendable { case recoverFaster, holdInventory }
    package let kind: Kind
    package let node: NodeIndex
    /// Days: how much faster, or how many days of extra stock.
    package let days: Double
    /// The value-weighted shortfall it removes.
    package let removes: Double
    /// Exposures it removes.
    package let exposures: Int
  }

  package let targets: [NodeIndex]
  /// Failures that cut targets off, by node index.
  package let impacts: [Impact]
  /// Exposures, most value-weighted shortfall first, then by point and target id.
  package let exposures: [Exposure]
  /// Remedies, most shortfall removed first.
  package let remedies: [Remedy]
  /// Failures that cut targets off but have no `ttr` (no exposure can be judged).
  package let pointsWithoutTTR: Int

  package init(network: SupplyNetwork, targets: [NodeIndex]) {
    self.targets = targets
    let graph = network.graph
    let n = graph.nodeCount
    let lead = graph.edgeAttributes["lead_time"]
    let stock = graph.nodeAttributes["inventory_days"]
    let ttrColumn = graph.nodeAttributes["ttr"]
    let valueColumn = graph.nodeAttributes["value"]
    func leadTime(_ e: EdgeIndex) -> Double { max(0, lead?.number(at: Int(e)) ?? 0) }
    func inventory(_ v: NodeIndex) -> Double { max(0, stock?.number(at: Int(v)) ?? 0) }
    var isTarget = [Bool](repeating: false, count: n)
    for t in targets { isTarget[Int(t)] = true }
    let scc = network.supplyOut.stronglyConnectedComponents()
    var cyclic = scc.sizes.map { $0 > 1 }
    for v in graph.nodes where network.supplyOut.neighbors(of: v).contains(v) {
      cyclic[Int(scc.component[Int(v)])] = true
    }
    var engine = FailureImpactEngine(network: network)
    var lost = [Bool](repeating: false, count: n)
    var out = [Double](repeating: .infinity, count: n)
    var impacts: [Impact] = []
    var exposures: [Exposure] = []
    var withoutTTR = 0
    let inn = network.supplyIn
    for x in graph.nodes {
      engine.fail(node: x)
      let cascade = engine.lostNodes
      defer { engine.reset() }
      guard cascade.contains(where: { isTarget[Int($0)] && $0 != x }) else { continue }
      for v in cascade { lost[Int(v)] = true }
      // Times in topological order of the components (descending numbers).
      let ordered = cascade.sorted {
        scc.component[Int($0)] != scc.component[Int($1)]
          ? scc.component[Int($0)] > scc.component[Int($1)] : $0 < $1
      }
      out[Int(x)] = 0
      var k = 0
      while k < ordered.count {
        let c = scc.component[Int(ordered[k])]
        var end = k
        while end < ordered.count && scc.component[Int(ordered[end])] == c { end += 1 }
        let members = ordered[k..<end]
        // When each member stops receiving: its first group (fed from outside the component)
        // to run dry.
        func receivesUntil(_ w: NodeIndex) -> Double {
          var earliest = Double.infinity
          for g in network.groups(of: w) {
            var dry = -Double.infinity
            var fed = false
            var alive = false
            for i in inn.range(of: w) where Int(network.groupOfEdge[Int(inn.edges[i])]) == g {
              let u = inn.neighbors[i]
              if cyclic[Int(c)] && scc.component[Int(u)] == c && u != x { continue }
              // A source that was never supplied delivers nothing, failure or not.
              guard engine.baseline[Int(u)] else { continue }
              fed = true
              if !lost[Int(u)] {
                alive = true
                break
              }
              dry = max(dry, out[Int(u)] + leadTime(inn.edges[i]))
            }
            if alive || !fed { continue }
            earliest = min(earliest, dry)
          }
          return earliest
        }
        if cyclic[Int(c)] {
          var first = Double.infinity
          for w in members where w != x { first = min(first, receivesUntil(w)) }
          if first == .infinity { first = 0 }  // fed only around the cycle: nothing lasts
          for w in members where w != x { out[Int(w)] = first + inventory(w) }
        } else {
          let w = members[members.startIndex]
          if w != x { out[Int(w)] = receivesUntil(w) + inventory(w) }
        }
        k = end
      }
      var cut: [(target: NodeIndex, timeToImpact: Double)] = []
      for v in cascade where isTarget[Int(v)] && v != x { cut.append((v, out[Int(v)])) }
      cut.sort { $0.timeToImpact != $1.timeToImpact ? $0.timeToImpact < $1.timeToImpact : $0.target < $1.target }
      let ttr = ttrColumn?.number(at: Int(x))
      impacts.append(Impact(point: x, timeToRecover: ttr, targets: cut))
      if let ttr {
        for (t, tti) in cut where ttr > tti {
          exposures.append(
            Exposure(
              point: x, target: t, timeToImpact: tti, timeToRecover: ttr,
              weightedShortfall: (ttr - tti) * (valueColumn?.number(at: Int(t)) ?? 1)))
        }
      } else {
        withoutTTR += 1
      }
      for v in cascade {
        lost[Int(v)] = false
        out[Int(v)] = .infinity
      }
    }
    let ids = graph.ids
    self.impacts = impacts
    self.exposures = exposures.sorted { a, b in
      if a.weightedShortfall != b.weightedShortfall { return a.weightedShortfall > b.weightedShortfall }
      if a.point != b.point { return ids[Int(a.point)] < ids[Int(b.point)] }
      return ids[Int(a.target)] < ids[Int(b.target)]
    }
    pointsWithoutTTR = withoutTTR
    // Remedies: recover a point faster than its soonest exposed target runs out; or hold, at
    // an exposed target, stock for its longest shortfall.
    var remedies: [Remedy] = []
    var byPoint: [NodeIndex: [Exposure]] = [:]
    var byTarget: [NodeIndex: [Exposure]] = [:]
    for e in exposures {
      byPoint[e.point, default: []].append(e)
      byTarget[e.target, default: []].append(e)
    }
    for (p, list) in byPoint {
      remedies.append(
        Remedy(
          kind: .recoverFaster, node: p, days: list.map(\.shortfall).max() ?? 0,
          removes: list.reduce(0) { $0 + $1.weightedShortfall }, exposures: list.count))
    }
    for (t, list) in byTarget {
      remedies.append(
        Remedy(
          kind: .holdInventory, node: t, days: list.map(\.shortfall).max() ?? 0,
          removes: list.reduce(0) { $0 + $1.weightedShortfall }, exposures: list.count))
    }
    self.remedies = remedies.sorted { a, b in
      if a.removes != b.removes { return a.removes > b.removes }
      if a.kind != b.kind { return a.kind == .recoverFaster }
      return ids[Int(a.node)] < ids[Int(b.node)]
    }
  }
}
