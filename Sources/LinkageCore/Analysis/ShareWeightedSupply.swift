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

  /// The solved baseline (never changed after init; engines work on copies).
  let state: SupplyFractions

  package init(network: SupplyNetwork) {
    self.network = network
    let state = SupplyFractions(network: network)
    let converged = state.solveAll()
    self.state = state
    self.supplied = Array(state.y)
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
    let copy = state.copy()
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
      copy.setRelevant(relevant)
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
  let state: SupplyFractions

  /// The fractions that fall when `node` fails.
  /// - Complexity: O(the edges out of and into the components whose values change).
  package mutating func fail(_ node: NodeIndex) -> FractionChange {
    state.fail(node)
  }

  /// The value-weighted fall on the targets when `node` fails: `weight[v]` is a target's
  /// value, negative for nodes that are not targets. Nothing is listed, only summed.
  /// - Complexity: as ``fail(_:)``.
  func targetFall(of node: NodeIndex, weight: UnsafeBufferPointer<Double>) -> SupplyFractions.TargetFall {
    state.targetFall(of: node, weight: weight)
  }

  /// Whether a fall at `node` can reach a target (always true without targets).
  package func isRelevant(_ node: NodeIndex) -> Bool {
    state.isRelevant(node)
  }
}
