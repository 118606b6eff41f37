//===----------------------------------------------------------------------===//
// redundancy(of:limit:)
//===----------------------------------------------------------------------===//

/// How many independent failures a target survives: the smallest number of nodes whose joint
/// failure cuts it off from supply, with one such set.
package struct Redundancy: Sendable, Equatable {
  package enum Value: Sendable, Equatable {
    /// Only the target's own failure cuts it off (it is an origin).
    case unlimited
    /// Exactly this many nodes (0: the target is not supplied at all).
    case exactly(Int)
    /// More than the limit the search was given.
    case atLeast(Int)
  }

  package let target: NodeIndex
  package let value: Value
  /// A minimum set of nodes whose joint failure cuts the target off, in index order; empty
  /// when the value is unlimited, at least, or zero.
  package let witness: [NodeIndex]
}

/// Buffers for repeated redundancy searches, reused across targets.
package struct RedundancyScratch: Sendable {
  var visited: [Int32]
  var parent: [Int32]
  var parentEdge: [EdgeIndex]
  var nodeFlow: [Bool]
  var flowNext: [EdgeIndex]
  var touched: [NodeIndex] = []
  var stack: [Int32] = []
  var generation: Int32 = 0

  package init(nodeCount: Int) {
    visited = [Int32](repeating: 0, count: 2 * nodeCount)
    parent = [Int32](repeating: -1, count: 2 * nodeCount)
    parentEdge = [EdgeIndex](repeating: -1, count: 2 * nodeCount)
    nodeFlow = [Bool](repeating: false, count: nodeCount)
    flowNext = [EdgeIndex](repeating: -1, count: nodeCount)
  }
}

extension SupplyNetwork {
  /// Returns the redundancy of `target` under OR semantics: the largest number of supply
  /// paths from the origins to it that share no node but the target (Menger's theorem: equal
  /// to the smallest set of nodes whose joint failure cuts it off).
  ///
  /// Max-flow with node splitting (each node an in–out pair of capacity 1), found by
  /// augmenting paths searched *backwards from the target* depth first, so a path to an origin
  /// is usually found after a few steps, and the last, failing search explores only the
  /// target's side of the minimum cut — which is where the witness set is read off. At most
  /// `limit + 1` paths are sought.
  ///
  /// - Parameters:
  ///   - target: the node to protect.
  ///   - limit: the largest redundancy reported exactly; above it the answer is
  ///     ``Redundancy/Value/atLeast(_:)`` `limit + 1`.
  ///   - scratch: buffers from ``RedundancyScratch/init(nodeCount:)``, reused across calls.
  /// - Complexity: O((`limit` + 1) · (*V* + *E*)) time in the worst case, far less when paths
  ///   are short; O(1) extra space beyond `scratch`.
  package func redundancy(
    of target: NodeIndex, limit: Int, scratch: inout RedundancyScratch
  ) -> Redundancy {
    if groupCount[Int(target)] == 0 {
      return Redundancy(target: target, value: .unlimited, witness: [])
    }
    let g = graph
    var paths = 0
    defer {
      for v in scratch.touched {
        scratch.nodeFlow[Int(v)] = false
        scratch.flowNext[Int(v)] = -1
      }
      scratch.touched.removeAll(keepingCapacity: true)
    }
    let t = Int32(target)
    while paths <= limit {
      scratch.generation &+= 1
      let gen = scratch.generation
      scratch.stack.removeAll(keepingCapacity: true)
      let start = 2 * t  // t_in
      scratch.visited[Int(start)] = gen
      scratch.stack.append(start)
      var found: Int32 = -1  // the origin's in-state reached from the root
      search: while let state = scratch.stack.popLast() {
        let v = state >> 1
        if state & 1 == 0 {
          // v_in: the root feeds origins; suppliers' out-states feed v_in; v_out feeds back
          // when v carries flow (cancelling it).
          if groupCount[Int(v)] == 0 {
            found = state
            break search
          }
          for i in supplyIn.range(of: v) {
            let u = supplyIn.neighbors[i]
            if u == t { continue }
            let p = 2 * u + 1
            if scratch.visited[Int(p)] != gen {
              scratch.visited[Int(p)] = gen
              scratch.parent[Int(p)] = state
              scratch.parentEdge[Int(p)] = supplyIn.edges[i]
              scratch.stack.append(p)
            }
          }
          if scratch.nodeFlow[Int(v)] {
            let p = 2 * v + 1
            if scratch.visited[Int(p)] != gen {
              scratch.visited[Int(p)] = gen
              scratch.parent[Int(p)] = state
              scratch.parentEdge[Int(p)] = -1
              scratch.stack.append(p)
            }
          }
        } else {
          // v_out: fed by v_in while v carries no flow; or by w_in, cancelling v→w's flow.
          if !scratch.nodeFlow[Int(v)] {
            let p = 2 * v
            if scratch.visited[Int(p)] != gen {
              scratch.visited[Int(p)] = gen
              scratch.parent[Int(p)] = state
              scratch.parentEdge[Int(p)] = -1
              scratch.stack.append(p)
            }
          }
          let e = scratch.flowNext[Int(v)]
          if e >= 0 {
            let p = 2 * g.targets[Int(e)]
            if scratch.visited[Int(p)] != gen {
              scratch.visited[Int(p)] = gen
              scratch.parent[Int(p)] = state
              scratch.parentEdge[Int(p)] = -2  // cancellation
              scratch.stack.append(p)
            }
          }
        }
      }
      guard found >= 0 else {
        // No more paths: the cut is every node whose out-state the search reached but whose
        // in-state it did not.
        var witness: [NodeIndex] = []
        for v in scratch.touched
        where scratch.visited[Int(2 * v + 1)] == gen && scratch.visited[Int(2 * v)] != gen {
          witness.append(v)
        }
        return Redundancy(
          target: target, value: .exactly(paths), witness: Array(Set(witness)).sorted())
      }
      // Augment along the path from the origin forward to the target.
      var current = found
      while current != start {
        let next = scratch.parent[Int(current)]
        let a = current >> 1
        let b = next >> 1
        if a == b {
          if current & 1 == 0 {
            if !scratch.nodeFlow[Int(a)] && scratch.flowNext[Int(a)] < 0 {
              scratch.touched.append(a)
            }
            scratch.nodeFlow[Int(a)] = true  // a_in → a_out
          } else {
            scratch.nodeFlow[Int(a)] = false  // a_out → a_in cancels a's flow
          }
        } else if current & 1 == 1 {
          if !scratch.nodeFlow[Int(a)] && scratch.flowNext[Int(a)] < 0 { scratch.touched.append(a) }
          scratch.flowNext[Int(a)] = scratch.parentEdge[Int(current)]  // a_out → b_in over the edge
        } else {
          scratch.flowNext[Int(b)] = -1  // a_in → b_out cancels b→a
        }
        current = next
      }
      paths += 1
    }
    return Redundancy(target: target, value: .atLeast(limit + 1), witness: [])
  }
}
