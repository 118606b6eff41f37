//===----------------------------------------------------------------------===//
// subsetBetweenness(from:to:predecessors:include:)
//===----------------------------------------------------------------------===//

extension CompressedAdjacency {
  /// Returns the betweenness of every node restricted to shortest routes from `sources` to
  /// the nodes `isTarget` marks: for each node *v*, the sum over source–target pairs (*s*, *t*),
  /// *s* ≠ *t*, of the fraction of shortest *s*–*t* routes (by hops) that pass *v* as an
  /// inner node — Brandes' subset variant (2008), the same number as NetworkX's
  /// `betweenness_centrality_subset(G, sources, targets, normalized=False)` on a directed
  /// graph. Parallel edges count once (a route is a sequence of nodes), self-loops never.
  ///
  ///     let b = flowOut.subsetBetweenness(from: startups, to: isBuyer, predecessors: flowIn)
  ///     b[Int(program)]   // how much of the startups' shortest routes to buyers pass it
  ///
  /// One breadth-first search per source counts shortest routes (σ); a pass in reverse order
  /// of distance accumulates each node's dependency on the targets (δ), reading predecessors
  /// off `predecessors` instead of storing lists, so the extra space is a few arrays of *V*.
  ///
  /// - Parameters:
  ///   - sources: the nodes routes start from.
  ///   - isTarget: one flag per node: the nodes routes end at.
  ///   - predecessors: the reversed adjacency (the same edges, listed by head).
  ///   - include: which edges routes may use; `nil` allows all.
  /// - Complexity: O(*S* (*V*ₛ + *E*ₛ)) time for *S* sources, *V*ₛ and *E*ₛ the nodes and
  ///   edges each reaches, on all cores when there are thousands of sources; O(*V*) extra
  ///   space per core.
  package func subsetBetweenness(
    from sources: [NodeIndex], to isTarget: [Bool], predecessors: CompressedAdjacency,
    include: [Bool]? = nil
  ) -> [Double] {
    // Many sources: fixed slices searched on all cores, summed in slice order, so the sums
    // (and their rounding) do not depend on the machine.
    let slices = sources.count >= 4096 ? 4 : 1
    let parts = ParallelBuild.run(slices, parallel: slices > 1) { k in
      let lo = sources.count * k / slices
      let hi = sources.count * (k + 1) / slices
      return subsetBetweenness(
        slice: sources[lo..<hi], to: isTarget, predecessors: predecessors, include: include)
    }
    guard var total = parts.first else { return [] }
    for part in parts.dropFirst() {
      for v in total.indices { total[v] += part[v] }
    }
    return total
  }

  private func subsetBetweenness(
    slice sources: ArraySlice<NodeIndex>, to isTarget: [Bool], predecessors: CompressedAdjacency,
    include: [Bool]?
  ) -> [Double] {
    let n = nodeCount
    var betweenness = [Double](repeating: 0, count: n)
    var sigma = [Double](repeating: 0, count: n)
    var delta = [Double](repeating: 0, count: n)
    var dist = [Int32](repeating: 0, count: n)
    var visited = [Int32](repeating: -1, count: n)
    var lastEntry = [Int](repeating: -1, count: n)  // parallel edges: the last node counted from
    var tick = 0
    var order: [NodeIndex] = []
    order.reserveCapacity(n)
    for (index, s) in sources.enumerated() {
      let stamp = Int32(index)
      order.removeAll(keepingCapacity: true)
      visited[Int(s)] = stamp
      dist[Int(s)] = 0
      sigma[Int(s)] = 1
      delta[Int(s)] = 0
      order.append(s)
      var head = 0
      while head < order.count {
        let v = order[head]
        head += 1
        tick += 1
        let dv = dist[Int(v)] + 1
        for i in range(of: v) where include?[Int(edges[i])] ?? true {
          let w = neighbors[i]
          guard lastEntry[Int(w)] != tick else { continue }
          lastEntry[Int(w)] = tick
          if visited[Int(w)] != stamp {
            visited[Int(w)] = stamp
            dist[Int(w)] = dv
            sigma[Int(w)] = 0
            delta[Int(w)] = 0
            order.append(w)
          }
          if dist[Int(w)] == dv { sigma[Int(w)] += sigma[Int(v)] }
        }
      }
      // Dependencies, farthest first.
      for w in order.reversed() {
        let wi = Int(w)
        let coefficient =
          ((isTarget[wi] && w != s) ? delta[wi] + 1 : delta[wi]) / sigma[wi]
        if coefficient != 0 {
          tick += 1
          let dw = dist[wi] - 1
          for i in predecessors.range(of: w) where include?[Int(predecessors.edges[i])] ?? true {
            let v = predecessors.neighbors[i]
            guard visited[Int(v)] == stamp, dist[Int(v)] == dw, lastEntry[Int(v)] != tick
            else { continue }
            lastEntry[Int(v)] = tick
            delta[Int(v)] += sigma[Int(v)] * coefficient
          }
        }
        if w != s { betweenness[wi] += delta[wi] }
      }
    }
    return betweenness
  }
}
