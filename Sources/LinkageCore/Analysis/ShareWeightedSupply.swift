import HeapModule

/// How much of its supply each node gets, share-weighted: a fraction *y* in [0, 1] per node,
/// and how much of the targets' value each single failure takes away.
///
/// A failed node has *y* = 0 and an origin *y* = 1. A part group supplies
/// min(1, Σ share(*e*) · *y*(source)) over its carrying edges (an edge without `share` counts
/// 1, so without shares a group is full as soon as one source is supplied); a node's *y* is
/// the minimum over its groups (the scarcest part limits output). Under OR semantics a node has
/// one group holding all its supply edges. On cycles *y* is the least fixed point: every
/// strongly connected component is solved in topological order, its members iterated upwards
/// from 0 (Kleene iteration, Gauss–Seidel order) until no value rises by more than
/// ``tolerance``, so supply that only goes around a cycle counts for nothing. Without shares
/// every *y* is 0 or 1 and equals the yes/no answer of ``SupplyNetwork/suppliedNodes(failed:)``
/// exactly.
///
///     let supply = ShareWeightedSupply(network: network)
///     supply.supplied[navy]          // 0.6 when a 40% supplier's part is gone upstream
///     var engine = supply.engine()
///     engine.fail(asml).changed      // every node whose fraction fell, with before and after
///
/// - Complexity: O(*V* + *E*) for acyclic supply; a component of *k* nodes and *m* inner edges
///   costs O(*m*) per round, rounds bounded by the tolerance (one per node without shares).
package struct ShareWeightedSupply: Sendable {
  /// Values closer than this are equal; iteration on a cycle stops when no value rises more.
  package static let tolerance = 1e-12

  package let network: SupplyNetwork
  /// Each node's supplied fraction with nothing (beyond the graph's scenario) failed.
  package let supplied: [Double]
  /// False when iteration on some cycle hit its round limit before settling (the values are
  /// then lower bounds).
  package let converged: Bool
  /// Carrying flow edges without a `share` (each counted as 1).
  package let edgesWithoutShare: Int
  /// Part groups mixing links with and without a `share`: the unshared ones count as full
  /// sources there, which can hide the loss of the shared ones.
  package let mixedGroups: Int

  let state: SupplyFractions

  package init(network: SupplyNetwork) {
    self.network = network
    var state = SupplyFractions(network: network)
    let converged = state.solveAll()
    self.state = state
    self.supplied = state.y
    self.converged = converged
    self.edgesWithoutShare = state.edgesWithoutShare
    let column = network.graph.edgeAttributes["share"]
    var withShare = [Int32](repeating: 0, count: network.nodeOfGroup.count)
    var without = [Int32](repeating: 0, count: network.nodeOfGroup.count)
    for e in 0..<network.graph.edgeCount where network.carries[e] {
      let g = Int(network.groupOfEdge[e])
      if column?.number(at: e) != nil { withShare[g] += 1 } else { without[g] += 1 }
    }
    var mixed = 0
    for g in 0..<withShare.count where withShare[g] > 0 && without[g] > 0 { mixed += 1 }
    self.mixedGroups = mixed
  }

  /// A reusable engine that fails one node at a time on top of this state. With `targets`,
  /// it follows a fall only into nodes with a supply path to one of them (the others cannot
  /// change a target's fraction), so what it reports is complete for those targets only.
  package func engine(relevantTo targets: [NodeIndex]? = nil) -> FractionEngine {
    var copy = state
    if let targets {
      // Nodes with a supply path to a target: a backward search over supply edges.
      var relevant = [Bool](repeating: false, count: network.nodeCount)
      var stack = targets
      for t in targets { relevant[Int(t)] = true }
      while let v = stack.popLast() {
        for u in network.supplyIn.neighbors(of: v) where !relevant[Int(u)] {
          relevant[Int(u)] = true
          stack.append(u)
        }
      }
      copy.relevant = relevant
    }
    return FractionEngine(state: copy)
  }
}

/// One failure's effect on the supplied fractions.
package struct FractionChange: Sendable {
  /// Nodes whose fraction fell, with the fraction before and after, in the order found.
  package let nodes: [NodeIndex]
  package let before: [Double]
  package let after: [Double]
  /// False when a cycle's iteration hit its round limit.
  package let converged: Bool
}

/// Fails nodes one at a time on a solved state, recomputing only the components downstream
/// whose inputs changed (in topological order), then restores the state.
package struct FractionEngine: Sendable {
  var state: SupplyFractions

  /// The fractions that fall when `node` fails.
  /// - Complexity: O(the edges out of and into the components whose values change).
  package mutating func fail(_ node: NodeIndex) -> FractionChange {
    state.fail(node)
  }

  /// Whether a fall at `node` can reach a target (always true without targets).
  package func isRelevant(_ node: NodeIndex) -> Bool {
    state.relevant?[Int(node)] ?? true
  }
}

/// The solver's arrays: values, group sums, components and the undo log.
struct SupplyFractions: Sendable {
  let network: SupplyNetwork
  /// Share per edge (1 when absent; 0 for an edge that does not carry).
  let share: [Double]
  let edgesWithoutShare: Int
  /// Strongly connected components over supply edges, numbered so that edges go from higher
  /// numbers to lower (so topological order is descending).
  let component: [Int32]
  let memberOffsets: [Int32]
  let members: [NodeIndex]
  /// Whether each component is a cycle (two or more nodes, or a self-loop).
  let cyclic: [Bool]
  /// Supply edges out of each node laid out by position (`outStart[v]..<outStart[v+1]`): the
  /// group each feeds and its share, so a change touches two contiguous arrays.
  let outStart: [Int32]
  let outTarget: [NodeIndex]
  let outGroup: [Int32]
  let outShare: [Double]
  /// Each node's groups: `groupStart[v]..<groupEnd[v]`.
  let groupStart: [Int32]
  let groupEnd: [Int32]
  var y: [Double]
  var groupSum: [Double]
  var failed: [Bool]
  /// When set, falls are followed only into these nodes (see ``ShareWeightedSupply/engine(relevantTo:)``).
  var relevant: [Bool]? = nil
  // Per-failure work lists.
  var queued: [Bool]
  var queuedList: [Int32] = []
  var heap = Heap<Int32>()
  var yLog: [(NodeIndex, Double)] = []
  var yLogged: [Bool]
  var sumLog: [(Int, Double)] = []
  var sumLogged: [Bool]

  init(network: SupplyNetwork) {
    self.network = network
    let graph = network.graph
    var share = [Double](repeating: 0, count: graph.edgeCount)
    var missing = 0
    let column = graph.edgeAttributes["share"]
    for e in 0..<graph.edgeCount where network.carries[e] {
      if let s = column?.number(at: e) {
        share[e] = s
      } else {
        share[e] = 1
        missing += 1
      }
    }
    self.share = share
    edgesWithoutShare = missing
    let scc = network.supplyOut.stronglyConnectedComponents()
    component = scc.component
    let count = scc.count
    var offsets = [Int32](repeating: 0, count: count + 1)
    for c in component { offsets[Int(c) + 1] += 1 }
    for k in 0..<count { offsets[k + 1] += offsets[k] }
    var fill = offsets
    var members = [NodeIndex](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      let c = Int(component[v])
      members[Int(fill[c])] = NodeIndex(v)
      fill[c] += 1
    }
    memberOffsets = offsets
    self.members = members
    var cyclic = scc.sizes.map { $0 > 1 }
    let out = network.supplyOut
    for v in 0..<graph.nodeCount where out.neighbors(of: NodeIndex(v)).contains(NodeIndex(v)) {
      cyclic[Int(component[v])] = true
    }
    self.cyclic = cyclic
    var outStart = [Int32](repeating: 0, count: graph.nodeCount + 1)
    var outTarget: [NodeIndex] = []
    var outGroup: [Int32] = []
    var outShare: [Double] = []
    outTarget.reserveCapacity(out.entryCount)
    outGroup.reserveCapacity(out.entryCount)
    outShare.reserveCapacity(out.entryCount)
    for v in 0..<graph.nodeCount {
      for i in out.range(of: NodeIndex(v)) {
        let e = Int(out.edges[i])
        outTarget.append(out.neighbors[i])
        outGroup.append(network.groupOfEdge[e])
        outShare.append(share[e])
      }
      outStart[v + 1] = Int32(outTarget.count)
    }
    self.outStart = outStart
    self.outTarget = outTarget
    self.outGroup = outGroup
    self.outShare = outShare
    var groupStart = [Int32](repeating: 0, count: graph.nodeCount)
    var groupEnd = [Int32](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      let r = network.groups(of: NodeIndex(v))
      groupStart[v] = Int32(r.lowerBound)
      groupEnd[v] = Int32(r.upperBound)
    }
    self.groupStart = groupStart
    self.groupEnd = groupEnd
    y = [Double](repeating: 0, count: graph.nodeCount)
    groupSum = [Double](repeating: 0, count: network.nodeOfGroup.count)
    failed = graph.failedNodes.isEmpty ? [Bool](repeating: false, count: graph.nodeCount) : graph.failedNodes
    queued = [Bool](repeating: false, count: count)
    yLogged = [Bool](repeating: false, count: graph.nodeCount)
    sumLogged = [Bool](repeating: false, count: network.nodeOfGroup.count)
  }

  /// The fraction `v` gets from its groups' current sums.
  @inline(__always)
  func value(_ v: NodeIndex) -> Double {
    if failed[Int(v)] { return 0 }
    let lo = Int(groupStart[Int(v)])
    let hi = Int(groupEnd[Int(v)])
    if lo == hi { return 1 }
    return groupSum.withUnsafeBufferPointer { sum in
      var least = 1.0
      for g in lo..<hi { least = min(least, sum[g]) }
      return max(0, least)
    }
  }

  func componentMembers(_ c: Int) -> ArraySlice<NodeIndex> {
    members[Int(memberOffsets[c])..<Int(memberOffsets[c + 1])]
  }

  /// Sets `y[v]` and passes the difference on to the groups it feeds.
  mutating func set(_ v: NodeIndex, _ value: Double, logging: Bool) {
    let delta = value - y[Int(v)]
    if logging && !yLogged[Int(v)] {
      yLogged[Int(v)] = true
      yLog.append((v, y[Int(v)]))
    }
    y[Int(v)] = value
    let lo = Int(outStart[Int(v)])
    let hi = Int(outStart[Int(v) + 1])
    if logging {
      for i in lo..<hi {
        let g = Int(outGroup[i])
        if !sumLogged[g] {
          sumLogged[g] = true
          sumLog.append((g, groupSum[g]))
        }
      }
    }
    outShare.withUnsafeBufferPointer { shares in
      outGroup.withUnsafeBufferPointer { groups in
        groupSum.withUnsafeMutableBufferPointer { sum in
          for i in lo..<hi { sum[Int(groups[i])] += shares[i] * delta }
        }
      }
    }
  }

  /// Solves one cyclic component from 0 upwards with its inputs as they are.
  /// - Returns: false when the round limit was hit.
  mutating func solveCycle(_ c: Int, logging: Bool) -> Bool {
    let nodes = componentMembers(c)
    for v in nodes where y[Int(v)] != 0 { set(v, 0, logging: logging) }
    let limit = 100 * nodes.count + 1_000
    for _ in 0..<limit {
      var rise = 0.0
      for v in nodes {
        let nv = value(v)
        if nv > y[Int(v)] + ShareWeightedSupply.tolerance {
          rise = max(rise, nv - y[Int(v)])
          set(v, nv, logging: logging)
        }
      }
      if rise == 0 { return true }
    }
    return false
  }

  /// The baseline: every component in topological order.
  mutating func solveAll() -> Bool {
    var converged = true
    for c in stride(from: cyclic.count - 1, through: 0, by: -1) {
      if cyclic[c] {
        converged = solveCycle(c, logging: false) && converged
      } else {
        let v = members[Int(memberOffsets[c])]
        let nv = value(v)
        if nv != 0 { set(v, nv, logging: false) }
      }
    }
    return converged
  }

  mutating func enqueueDownstream(of v: NodeIndex) {
    for i in Int(outStart[Int(v)])..<Int(outStart[Int(v) + 1]) {
      if let relevant, !relevant[Int(outTarget[i])] { continue }
      let c = component[Int(outTarget[i])]
      if !queued[Int(c)] {
        queued[Int(c)] = true
        queuedList.append(c)
        heap.insert(c)
      }
    }
  }

  /// Fails `node`, records what falls, and restores the state.
  mutating func fail(_ node: NodeIndex) -> FractionChange {
    var converged = true
    let wasFailed = failed[Int(node)]
    failed[Int(node)] = true
    let start = component[Int(node)]
    queued[Int(start)] = true
    queuedList.append(start)
    heap.insert(start)
    while let c = heap.popMax() {
      if cyclic[Int(c)] {
        let nodes = componentMembers(Int(c))
        let old = nodes.map { y[Int($0)] }
        converged = solveCycle(Int(c), logging: true) && converged
        for (k, v) in nodes.enumerated() where abs(y[Int(v)] - old[k]) > ShareWeightedSupply.tolerance {
          enqueueDownstream(of: v)
        }
      } else {
        let v = members[Int(memberOffsets[Int(c)])]
        let nv = value(v)
        if abs(nv - y[Int(v)]) > ShareWeightedSupply.tolerance {
          set(v, nv, logging: true)
          enqueueDownstream(of: v)
        }
      }
    }
    // What fell, then the state as it was.
    var nodes: [NodeIndex] = []
    var before: [Double] = []
    var after: [Double] = []
    for (v, old) in yLog where old - y[Int(v)] > ShareWeightedSupply.tolerance {
      nodes.append(v)
      before.append(old)
      after.append(y[Int(v)])
    }
    for (v, old) in yLog {
      y[Int(v)] = old
      yLogged[Int(v)] = false
    }
    for (g, old) in sumLog {
      groupSum[g] = old
      sumLogged[g] = false
    }
    yLog.removeAll(keepingCapacity: true)
    sumLog.removeAll(keepingCapacity: true)
    for c in queuedList { queued[Int(c)] = false }
    queuedList.removeAll(keepingCapacity: true)
    failed[Int(node)] = wasFailed
    return FractionChange(nodes: nodes, before: before, after: after, converged: converged)
  }
}
