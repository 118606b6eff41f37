//===----------------------------------------------------------------------===//
// boundedRouteCover(from:to:within:predecessors:include:)
//===----------------------------------------------------------------------===//

/// For every node, how many sources have a *simple* route of at most a given number of edges
/// to a target that passes the node: the "on all routes up to a bound" count of a gateway,
/// exact, without listing the routes.
///
///     let cover = flowOut.boundedRouteCover(
///       from: startups, to: isStagedProgram, within: 8, predecessors: flowIn)
///     cover.sources[Int(v)]   // startups with a route of ≤ 8 hops to a program through v
///
/// A source and the target at the end of a route count as passed. A route may go on past a
/// target to another one.
package struct BoundedRouteCover: Sendable {
  /// The bound, in edges.
  package let bound: Int
  /// Per node: the sources with a simple route of at most ``bound`` edges to a target that
  /// passes it.
  package let sources: [Int32]
  /// How many sources needed the exhaustive search (their routes meet a cycle).
  package let exhaustiveSearches: Int
}

extension CompressedAdjacency {
  /// Returns, per node, the number of `sources` with a simple route of at most `bound` edges
  /// over this (outgoing) adjacency to a node `isTarget` marks, passing the node.
  ///
  /// Let *d*(*v*) be the hops from *v* to the nearest target (one backward search) and
  /// *dₛ*(*v*) the hops from a source *s* (a forward search that never enters a node with
  /// *dₛ* + *d* over the bound). *v* lies on a route within the bound exactly when it lies on
  /// a *simple* route of length ≤ bound; *dₛ*(*v*) + *d*(*v*) ≤ bound is necessary, and
  /// sufficient when the shortest route to *v* and the shortest route on from *v* share no
  /// node but *v*. They always do when *v* is alone in its strongly connected component (a
  /// shared node would lie on a cycle through *v*), so on acyclic graphs — the common case —
  /// the answer costs two searches. Otherwise the two routes are checked, and a node whose
  /// pair meets itself is settled by a depth-first enumeration of the source's simple routes,
  /// pruned by the bound and *d*, stopped as soon as no such node is left.
  ///
  /// - Parameters:
  ///   - sources: the nodes routes start from (duplicates count once each time listed).
  ///   - isTarget: one flag per node: the nodes routes end at.
  ///   - bound: the most edges a route may have (0 or more).
  ///   - predecessors: the reversed adjacency (the same edges, listed by head).
  ///   - include: which edges routes may use; `nil` allows all.
  /// - Complexity: O(*V* + *E*) for the strongly connected components and the backward
  ///   search, then per source O(*V*ₛ + *E*ₛ + *C*ₛ · bound) over the *V*ₛ nodes and *E*ₛ
  ///   edges within the bound of it, *C*ₛ of them on cycles; a source whose routes meet a
  ///   cycle may add the enumeration of its simple routes within the bound, exponential in
  ///   the bound in the worst case (dense cycles), which is why the bound is bounded.
  package func boundedRouteCover(
    from sources: [NodeIndex], to isTarget: [Bool], within bound: Int,
    predecessors: CompressedAdjacency, include: [Bool]? = nil
  ) -> BoundedRouteCover {
    precondition(bound >= 0, "the bound must not be negative")
    let n = nodeCount
    let unreachable = Int32.max / 2
    let limit = Int32(clamping: bound)
    // d(v): hops to the nearest target, and the next node on such a route.
    var toTarget = [Int32](repeating: unreachable, count: n)
    var next = [NodeIndex](repeating: -1, count: n)
    var queue: [NodeIndex] = []
    queue.reserveCapacity(n)
    for v in 0..<n where isTarget[v] {
      toTarget[v] = 0
      queue.append(NodeIndex(v))
    }
    var head = 0
    while head < queue.count {
      let w = queue[head]
      head += 1
      guard toTarget[Int(w)] < limit else { continue }
      for i in predecessors.range(of: w) where include?[Int(predecessors.edges[i])] ?? true {
        let u = predecessors.neighbors[i]
        if toTarget[Int(u)] == unreachable {
          toTarget[Int(u)] = toTarget[Int(w)] + 1
          next[Int(u)] = w
          queue.append(u)
        }
      }
    }
    let components = stronglyConnectedComponents()
    var onCycle = [Bool](repeating: false, count: n)
    for v in 0..<n where components.sizes[Int(components.component[v])] > 1 { onCycle[v] = true }

    var count = [Int32](repeating: 0, count: n)
    var dist = [Int32](repeating: 0, count: n)
    var parent = [NodeIndex](repeating: -1, count: n)
    var visited = [Int32](repeating: -1, count: n)
    var onFirst = [Int](repeating: -1, count: n)  // stamp: on the route to the node checked
    var pending = [Int32](repeating: -1, count: n)  // stamp: a node the enumeration must settle
    var onStack = [Bool](repeating: false, count: n)
    var checks = 0
    var exhaustive = 0
    var reached: [NodeIndex] = []
    for (index, s) in sources.enumerated() {
      guard toTarget[Int(s)] <= limit else { continue }
      let stamp = Int32(index)
      // Forward search from s, pruned by the bound.
      reached.removeAll(keepingCapacity: true)
      visited[Int(s)] = stamp
      dist[Int(s)] = 0
      parent[Int(s)] = -1
      reached.append(s)
      var head = 0
      while head < reached.count {
        let v = reached[head]
        head += 1
        let dv = dist[Int(v)] + 1
        for i in range(of: v) where include?[Int(edges[i])] ?? true {
          let w = neighbors[i]
          if visited[Int(w)] != stamp && dv + toTarget[Int(w)] <= limit {
            visited[Int(w)] = stamp
            dist[Int(w)] = dv
            parent[Int(w)] = v
            reached.append(w)
          }
        }
      }
      // Settle each reached node: off cycles at once, on cycles by its two shortest routes.
      var unsettled = 0
      for v in reached {
        if !onCycle[Int(v)] {
          count[Int(v)] += 1
          continue
        }
        checks += 1
        var u = v
        while u >= 0 {
          onFirst[Int(u)] = checks
          u = parent[Int(u)]
        }
        var simple = true
        var w = next[Int(v)]
        while w >= 0 && simple {
          if onFirst[Int(w)] == checks { simple = false }
          w = isTarget[Int(w)] ? -1 : next[Int(w)]
        }
        if simple {
          count[Int(v)] += 1
        } else {
          pending[Int(v)] = stamp
          unsettled += 1
        }
      }
      guard unsettled > 0 else { continue }
      // Enumerate simple routes from s within the bound; at each target, settle the pending
      // nodes on the route.
      exhaustive += 1
      var path: [NodeIndex] = [s]
      var cursor: [Int] = [range(of: s).lowerBound]
      onStack[Int(s)] = true
      func settle() {
        for u in path where pending[Int(u)] == stamp {
          pending[Int(u)] = -1
          count[Int(u)] += 1
          unsettled -= 1
        }
      }
      if isTarget[Int(s)] { settle() }
      while let v = path.last, unsettled > 0 {
        let depth = Int32(path.count)  // edges after taking one more
        let end = Int(offsets[Int(v) + 1])
        var i = cursor[cursor.count - 1]
        var advanced = false
        while i < end {
          let w = neighbors[i]
          let e = edges[i]
          i += 1
          guard include?[Int(e)] ?? true, !onStack[Int(w)], depth + toTarget[Int(w)] <= limit
          else { continue }
          cursor[cursor.count - 1] = i
          path.append(w)
          cursor.append(range(of: w).lowerBound)
          onStack[Int(w)] = true
          if isTarget[Int(w)] { settle() }
          advanced = true
          break
        }
        if !advanced {
          onStack[Int(v)] = false
          path.removeLast()
          cursor.removeLast()
        }
      }
      for u in path { onStack[Int(u)] = false }
      // Pending nodes the enumeration never settled lie on no simple route within the bound.
      for v in reached where pending[Int(v)] == stamp { pending[Int(v)] = -1 }
    }
    return BoundedRouteCover(bound: bound, sources: count, exhaustiveSearches: exhaustive)
  }
}
