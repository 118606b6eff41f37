/// How much of the targets' value each single failure takes away, share-weighted: for a
/// node *x*, Σ value(*t*) · (*y*(*t*) − *y*ₓ(*t*)) over the targets *t* other than *x*, where *y*
/// is the supplied fraction of the intact network and *y*ₓ the fraction with *x* failed
/// (``ShareWeightedSupply``). A 30% supplier's failure loses 30% of what depends on it alone;
/// without shares the loss is the value of the targets cut off, as ``SinglePointsOfFailure``
/// counts it.
///
///     let loss = SupplyLoss(network: network, targets: buyers)
///     loss.ranked.first       // Entry(node: kseed-silicon, valueLost: 16, targetsAffected: 2)
///     loss.effects(of: kseed) // navy 1 → 0, nuri-electronics 1 → 0
///
/// - Complexity: one incremental failure per node (see ``FractionEngine/fail(_:)``): the
///   components downstream of it whose inputs change.
package struct SupplyLoss: Sendable {
  package struct Entry: Sendable {
    package let node: NodeIndex
    package let valueLost: Double
    /// Targets whose fraction falls.
    package let targetsAffected: Int
  }

  package struct TargetEffect: Sendable {
    package let target: NodeIndex
    package let before: Double
    package let after: Double
  }

  package let supply: ShareWeightedSupply
  package let targets: [NodeIndex]
  /// Nodes whose failure loses some value, most value first, then by id.
  package let ranked: [Entry]
  /// False when some cycle's iteration hit its round limit.
  package let converged: Bool

  package init(network: SupplyNetwork, targets: [NodeIndex]) {
    let supply = ShareWeightedSupply(network: network)
    self.supply = supply
    self.targets = targets
    let graph = network.graph
    // A target's value, -1 for every other node.
    var weight = [Double](repeating: -1, count: graph.nodeCount)
    let valueColumn = graph.nodeAttributes["value"]
    for t in targets { weight[Int(t)] = valueColumn?.number(at: Int(t)) ?? 1 }
    // Failures are independent: on large graphs two engines take every other node each.
    let lanes = graph.nodeCount >= 50_000 ? 2 : 1
    let parts = ParallelBuild.run(lanes, parallel: lanes > 1) { lane -> ([Entry], Bool) in
      let engine = supply.engine(relevantTo: targets)
      var entries: [Entry] = []
      var converged = true
      weight.withUnsafeBufferPointer { weight in
      for x in stride(from: lane, to: graph.nodeCount, by: lanes) {
        let x = NodeIndex(x)
        if graph.isFailed(x) || !engine.isRelevant(x) { continue }
        let fall = engine.targetFall(of: x, weight: weight)
        converged = converged && fall.converged
        let lost = fall.valueLost
        let affected = fall.targetsAffected
        if affected > 0 && lost > ShareWeightedSupply.tolerance {
          // Twelve significant digits: sums of fractions carry float noise (4.200000000000001).
          let rounded = (lost * 1e9).rounded() / 1e9
          entries.append(Entry(node: x, valueLost: rounded, targetsAffected: affected))
        }
      }
      }
      return (entries, converged)
    }
    let entries = parts.flatMap(\.0)
    let converged = supply.converged && parts.allSatisfy(\.1)
    let ids = graph.ids
    ranked = entries.sorted {
      $0.valueLost != $1.valueLost
        ? $0.valueLost > $1.valueLost : ids[Int($0.node)] < ids[Int($1.node)]
    }
    self.converged = converged
  }

  /// The targets whose fraction falls when `node` fails, most value lost first, then by id.
  /// - Complexity: one incremental failure.
  package func effects(of node: NodeIndex) -> [TargetEffect] {
    effects(of: [node])[0]
  }

  /// ``effects(of:)`` for several nodes, on one engine.
  /// - Complexity: one incremental failure each.
  package func effects(of nodes: [NodeIndex]) -> [[TargetEffect]] {
    let graph = supply.network.graph
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    for t in targets { isTarget[Int(t)] = true }
    var engine = supply.engine(relevantTo: targets)
    let valueColumn = graph.nodeAttributes["value"]
    return nodes.map { node in
    let change = engine.fail(node)
    func worth(_ e: TargetEffect) -> Double {
      (valueColumn?.number(at: Int(e.target)) ?? 1) * (e.before - e.after)
    }
    var out: [TargetEffect] = []
    for (k, v) in change.nodes.enumerated() where isTarget[Int(v)] && v != node {
      out.append(TargetEffect(target: v, before: change.before[k], after: change.after[k]))
    }
    let ids = graph.ids
    return out.sorted {
      worth($0) != worth($1) ? worth($0) > worth($1) : ids[Int($0.target)] < ids[Int($1.target)]
    }
    }
  }
}
