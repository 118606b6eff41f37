/// Which single node or link, if it fails, cuts targets off from supply — the single points of
/// failure of a supply network — with the chain of dependence behind each answer.
///
/// Under OR semantics a node *x* cuts target *t* off exactly when *x* dominates *t* in the
/// flow graph rooted at a virtual source joined to every origin (Lengauer & Tarjan 1979;
/// SEMI-NCA, Georgiadis et al. 2006), so every node's impact comes from one
/// ``DominatorTree``; a link *u→v* cuts *v* off exactly when *u* is *v*'s immediate
/// dominator and every other supply edge into *v* comes from a node *v* dominates. Under
/// parts semantics (AND of ORs) dominance no longer answers the question, and each failure
/// is propagated through the part groups by ``FailureImpactEngine``, touching only its
/// downstream cone.
///
///     let network = SupplyNetwork(graph: graph, semantics: .parts)
///     let spof = SinglePointsOfFailure(network: network, targets: buyers)
///     spof.criticalNodes.first   // Criticality(node: kseed-silicon, targetsCut: [navy, nuri-electronics], …)
///
/// A node is never counted as cutting itself off. `value`-weighted sums use each target's
/// `value` attribute, 1 when it has none.
///
/// - Complexity: OR semantics O(*E* log *V*) time; parts semantics O(Σ cone sizes) over all
///   nodes and links, which is near-linear on real supply networks; O(*V* + *E*) space.
package struct SinglePointsOfFailure: Sendable {
  /// One node's impact.
  package struct Criticality: Sendable {
    package let node: NodeIndex
    /// Targets that lose supply when `node` alone fails, by index.
    package let targetsCut: [NodeIndex]
    package let valueCut: Double
  }

  /// One link's impact.
  package struct LinkCriticality: Sendable {
    package let edge: EdgeIndex
    package let targetsCut: [NodeIndex]
    package let valueCut: Double
  }

  /// A node that looks diversified (two or more direct suppliers) yet has single points of
  /// failure upstream.
  package struct HiddenSingleSource: Sendable {
    package let node: NodeIndex
    package let directSuppliers: Int
    /// The upstream nodes whose single failure cuts `node` off, nearest first under OR
    /// semantics, by index under parts.
    package let singlePoints: [NodeIndex]
  }

  package let network: SupplyNetwork
  package let targets: [NodeIndex]
  /// Targets not supplied even with nothing failed (a part no one supplies, no origin upstream).
  package let unsuppliedTargets: [NodeIndex]
  /// Nodes whose failure cuts at least one target, most targets first, then most value, then id.
  package let criticalNodes: [Criticality]
  /// Links whose failure cuts at least one target, ranked likewise.
  package let criticalLinks: [LinkCriticality]
  /// Targets and integrators whose diversification is an illusion.
  package let hiddenSingleSources: [HiddenSingleSource]
  /// For every node, the single points of failure cutting it off (targets and integrators only;
  /// empty for others).
  package let singlePoints: [NodeIndex: [NodeIndex]]
  /// The dominator tree, under OR semantics.
  package let dominators: DominatorTree?

  package init(network: SupplyNetwork, targets: [NodeIndex]) {
    self.network = network
    self.targets = targets
    let graph = network.graph
    let n = graph.nodeCount
    var isTarget = [Bool](repeating: false, count: n)
    for t in targets { isTarget[Int(t)] = true }
    let valueColumn = graph.nodeAttributes["value"]
    func value(_ v: NodeIndex) -> Double { valueColumn?.number(at: Int(v)) ?? 1 }
    var watched = isTarget
    for v in graph.nodes where graph.kind(of: v) == .integrator { watched[Int(v)] = true }

    var critical: [Criticality] = []
    var links: [LinkCriticality] = []
    var points: [NodeIndex: [NodeIndex]] = [:]
    let baseline: [Bool]
    switch network.semantics {
    case .or:
      let tree = DominatorTree(
        successors: network.supplyOut, predecessors: network.supplyIn, root: NodeIndex(n),
        virtualRootSuccessors: network.origins)
      dominators = tree
      baseline = (0..<n).map { tree.isReachable(Int32($0)) }
      // Targets in each dominator subtree, listed by walking the tree once in preorder.
      var order = [Int32](repeating: -1, count: n + 1)
      for v in 0...n where tree.enter[v] >= 0 { order[Int(tree.enter[v])] = Int32(v) }
      var targetsInPreorder: [Int32] = []  // preorder positions of targets
      for position in 0...n
      where order[position] >= 0 && order[position] < Int32(n) && isTarget[Int(order[position])] {
        targetsInPreorder.append(Int32(position))
      }
      func targetsBelow(_ v: Int32, includingSelf: Bool) -> [NodeIndex] {
        let lo = tree.enter[Int(v)] + (includingSelf ? 0 : 1)
        let hi = tree.enter[Int(v)] + tree.size[Int(v)]
        var out: [NodeIndex] = []
        var k = lowerBound(targetsInPreorder, lo)
        while k < targetsInPreorder.count && targetsInPreorder[k] < hi {
          out.append(order[Int(targetsInPreorder[k])])
          k += 1
        }
        return out.sorted()
      }
      for v in 0..<n where baseline[v] {
        let lo = tree.enter[v] + 1
        let hi = tree.enter[v] + tree.size[v]
        let k = lowerBound(targetsInPreorder, lo)
        if k < targetsInPreorder.count && targetsInPreorder[k] < hi {
          let cut = targetsBelow(Int32(v), includingSelf: false)
          critical.append(
            Criticality(
              node: NodeIndex(v), targetsCut: cut, valueCut: cut.reduce(0) { $0 + value($1) }))
        }
      }
      // Links: u→v cuts v off when u = idom(v) and every other supply edge into v comes
      // from a node v dominates (or one the root cannot reach).
      for v in 0..<n where baseline[v] {
        guard let d = tree.immediateDominator(of: Int32(v)), d < Int32(n) else { continue }
        var only: EdgeIndex = -1
        var alone = true
        for i in network.supplyIn.range(of: NodeIndex(v)) {
          let u = network.supplyIn.neighbors[i]
          if u == d {
            if only >= 0 {
              alone = false
              break
            }  // a parallel edge: two links
            only = network.supplyIn.edges[i]
          } else if tree.isReachable(u) && !tree.dominates(Int32(v), u) {
            alone = false
            break
          }
        }
        guard alone, only >= 0 else { continue }
        let cut = targetsBelow(Int32(v), includingSelf: true)
        if !cut.isEmpty {
          links.append(
            LinkCriticality(edge: only, targetsCut: cut, valueCut: cut.reduce(0) { $0 + value($1) })
          )
        }
      }
      for y in 0..<n where watched[y] && baseline[y] {
        let doms = tree.dominators(of: Int32(y))
        if !doms.isEmpty { points[NodeIndex(y)] = doms }
      }
    case .parts:
      dominators = nil
      var engine = FailureImpactEngine(network: network)
      baseline = engine.baseline
      for x in 0..<n where baseline[x] {
        engine.fail(node: NodeIndex(x))
        var cut: [NodeIndex] = []
        for v in engine.lostNodes where Int(v) != x {
          if isTarget[Int(v)] { cut.append(v) }
          if watched[Int(v)] { points[v, default: []].append(NodeIndex(x)) }
        }
        if !cut.isEmpty {
          cut.sort()
          critical.append(
            Criticality(
              node: NodeIndex(x), targetsCut: cut, valueCut: cut.reduce(0) { $0 + value($1) }))
        }
        engine.reset()
      }
      for e in 0..<graph.edgeCount where network.carries[e] {
        engine.fail(edge: EdgeIndex(e))
        let cut = engine.lostNodes.filter { isTarget[Int($0)] }.sorted()
        if !cut.isEmpty {
          links.append(
            LinkCriticality(
              edge: EdgeIndex(e), targetsCut: cut, valueCut: cut.reduce(0) { $0 + value($1) }))
        }
        engine.reset()
      }
    }
    unsuppliedTargets = targets.filter { !baseline[Int($0)] }
    let ids = graph.ids
    critical.sort { a, b in
      if a.targetsCut.count != b.targetsCut.count { return a.targetsCut.count > b.targetsCut.count }
      if a.valueCut != b.valueCut { return a.valueCut > b.valueCut }
      return ids[Int(a.node)] < ids[Int(b.node)]
    }
    links.sort { a, b in
      if a.targetsCut.count != b.targetsCut.count { return a.targetsCut.count > b.targetsCut.count }
      if a.valueCut != b.valueCut { return a.valueCut > b.valueCut }
      let sa = ids[Int(graph.sources[Int(a.edge)])]
      let sb = ids[Int(graph.sources[Int(b.edge)])]
      if sa != sb { return sa < sb }
      let ta = ids[Int(graph.targets[Int(a.edge)])]
      let tb = ids[Int(graph.targets[Int(b.edge)])]
      return ta != tb ? ta < tb : a.edge < b.edge
    }
    criticalNodes = critical
    criticalLinks = links
    singlePoints = points
    // Hidden single sourcing: two or more distinct direct suppliers, yet upstream single points.
    var hidden: [HiddenSingleSource] = []
    for y in graph.nodes where watched[Int(y)] {
      guard let spofs = points[y] else { continue }
      var direct: [NodeIndex] = []
      for i in network.supplyIn.range(of: y) where !direct.contains(network.supplyIn.neighbors[i]) {
        direct.append(network.supplyIn.neighbors[i])
      }
      guard direct.count >= 2 else { continue }
      let upstream = spofs.filter { !direct.contains($0) }
      if !upstream.isEmpty {
        hidden.append(
          HiddenSingleSource(node: y, directSuppliers: direct.count, singlePoints: upstream))
      }
    }
    hiddenSingleSources = hidden.sorted { ids[Int($0.node)] < ids[Int($1.node)] }
  }

  /// The criticality of one node (an empty cut when it cuts nothing).
  package func criticality(of node: NodeIndex) -> Criticality {
    criticalNodes.first { $0.node == node } ?? Criticality(node: node, targetsCut: [], valueCut: 0)
  }

  // MARK: Explanations

  /// One step of a chain of dependence: `node` loses supply because `group` (one of its
  /// parts, or all its supply under OR semantics) has no supplied source left, the last one
  /// lost over `edge`. Under OR semantics `edge` is -1 and the step says every route to the
  /// next node passes this one.
  package struct Step: Sendable {
    package let node: NodeIndex
    package let edge: EdgeIndex
    package let group: Int32
    /// The group's other suppliers that fell in the same cascade (parts semantics): the
    /// group lost every supplier, not only the one the chain follows. In index order.
    package let alsoFell: [NodeIndex]

    package init(node: NodeIndex, edge: EdgeIndex, group: Int32, alsoFell: [NodeIndex] = []) {
      self.node = node
      self.edge = edge
      self.group = group
      self.alsoFell = alsoFell
    }
  }

  /// Why `failure` cuts `target` off, as a chain a person can check: under OR semantics the
  /// dominator chain from the failed node down to the target; under parts semantics each node
  /// whose part lost its last supplier, in order.
  /// - Returns: The steps after the failed node, ending at the target; empty when it does not
  ///   cut the target.
  package func explanation(of failure: NodeIndex, for target: NodeIndex) -> [Step] {
    if let tree = dominators {
      guard failure != target, tree.dominates(failure, target) else { return [] }
      var chain: [Step] = []
      var v = target
      while v != failure {
        chain.append(Step(node: v, edge: -1, group: -1))
        v = tree.idom[Int(v)]
      }
      return chain.reversed()
    }
    var explainer = explainer()
    return explainer.explanations(of: failure, for: [target])[0]
  }

  /// An explainer that answers many "why" questions with one reusable propagation engine.
  package func explainer() -> FailureExplainer { FailureExplainer(report: self) }
}

/// The first index in sorted `array` whose element is not less than `value`.
func lowerBound(_ array: [Int32], _ value: Int32) -> Int {
  var lo = 0
  var hi = array.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if array[mid] < value { lo = mid + 1 } else { hi = mid }
  }
  return lo
}

/// Answers "why does this failure cut that target off?" for many failures, reusing one
/// propagation engine (parts semantics) or the dominator tree (OR semantics).
package struct FailureExplainer {
  let report: SinglePointsOfFailure
  private var engine: FailureImpactEngine?

  init(report: SinglePointsOfFailure) {
    self.report = report
    engine = report.dominators == nil ? FailureImpactEngine(network: report.network) : nil
  }

  /// The chains from `failure` to each of `targets` (empty for a target it does not cut).
  package mutating func explanations(
    of failure: NodeIndex, for targets: [NodeIndex]
  ) -> [[SinglePointsOfFailure.Step]] {
    if let tree = report.dominators {
      return targets.map { t in
        guard failure != t, tree.dominates(failure, t) else { return [] }
        var chain: [SinglePointsOfFailure.Step] = []
        var v = t
        while v != failure {
          chain.append(.init(node: v, edge: -1, group: -1))
          v = tree.idom[Int(v)]
        }
        return chain.reversed()
      }
    }
    engine!.fail(node: failure)
    defer { engine!.reset() }
    return targets.map { t in
      guard engine!.lost[Int(t)], t != failure else { return [] }
      return engine!.chain(to: t).map { e in cascadeStep(e, failed: failure) }
    }
  }

  /// The step that edge `e` of a chain makes, with the other suppliers of its group that the
  /// current failure took down too.
  /// - Complexity: O(in-degree of the step's node).
  private func cascadeStep(_ e: EdgeIndex, failed: NodeIndex?) -> SinglePointsOfFailure.Step {
    let network = report.network
    let v = network.graph.targets[Int(e)]
    let group = network.groupOfEdge[Int(e)]
    let from = network.graph.sources[Int(e)]
    var also: [NodeIndex] = []
    let inn = network.supplyIn
    for i in inn.range(of: v) {
      let f = Int(inn.edges[i])
      guard network.groupOfEdge[f] == group, network.carries[f] else { continue }
      let u = inn.neighbors[i]
      if u != from && u != failed && engine!.lost[Int(u)] && !also.contains(u) { also.append(u) }
    }
    return .init(node: v, edge: e, group: group, alsoFell: also.sorted())
  }

  /// The chains from a failed link to each of `targets`.
  package mutating func explanations(
    ofLink edge: EdgeIndex, for targets: [NodeIndex]
  ) -> [[SinglePointsOfFailure.Step]] {
    let network = report.network
    let g = network.graph
    if let tree = report.dominators {
      let v = g.target(of: edge)
      return targets.map { t in
        guard tree.dominates(v, t) else { return [] }
        var chain: [SinglePointsOfFailure.Step] = []
        var w = t
        while true {
          chain.append(.init(node: w, edge: -1, group: -1))
          if w == v { break }
          w = tree.idom[Int(w)]
        }
        return chain.reversed()
      }
    }
    engine!.fail(edge: edge)
    defer { engine!.reset() }
    return targets.map { t in
      guard engine!.lost[Int(t)] else { return [] }
      return engine!.chain(to: t).map { e in cascadeStep(e, failed: nil) }
    }
  }
}
