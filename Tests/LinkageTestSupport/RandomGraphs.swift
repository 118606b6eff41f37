import LinkageCore

/// Small random graphs for oracle tests: any shape (cycles, self-loops, parallel and
/// antiparallel edges), a few context edges, optional part labels and `requires: all`.
package struct RandomGraphSpec: Sendable {
  package var nodes: Int
  package var edges: Int
  package var contextFraction: Double = 0.1
  package var partFraction: Double = 0.3
  package var requiresAllFraction: Double = 0.1
  package var allowSelfLoops = true
  package var acyclic = false

  package init(nodes: Int, edges: Int) {
    self.nodes = nodes
    self.edges = edges
  }
}

package enum RandomGraphs {
  /// A random graph from `spec`, reproducible from `seed`. Node ids are `n0`, `n1`, …;
  /// kinds cycle through supplier, integrator, buyer, startup (buyers get a sector).
  package static func make(_ spec: RandomGraphSpec, seed: UInt64) -> SupplyGraph {
    var rng = SeededRandom(seed: seed)
    var b = SupplyGraphBuilder()
    let kinds = ["supplier", "integrator", "buyer", "startup"]
    for i in 0..<spec.nodes {
      let kind = kinds[i % 4]
      let sector: String? = kind == "buyer" ? (i % 8 == 2 ? "defense" : "industry") : nil
      let v = b.addNode(id: "n\(i)", kind: kind, sector: sector).index
      if rng.unit() < spec.requiresAllFraction { b.setRequirement(.all, for: v) }
    }
    let parts = ["a", "b", "c"]
    for _ in 0..<spec.edges where spec.nodes > 0 {
      var s = rng.below(spec.nodes)
      var t = rng.below(spec.nodes)
      if spec.acyclic {
        if s == t { continue }
        if s > t { swap(&s, &t) }
      } else if s == t && !spec.allowSelfLoops {
        continue
      }
      let relation: String
      if rng.unit() < spec.contextFraction {
        relation = "funds"
      } else {
        relation = rng.below(2) == 0 ? "supplies" : "sells_to"
      }
      let part: String? = rng.unit() < spec.partFraction ? parts[rng.below(parts.count)] : nil
      b.addEdge(from: NodeIndex(s), to: NodeIndex(t), relation: relation, part: part)
    }
    return b.build()
  }
}

/// Brute-force answers to check fast algorithms against.
package enum Oracle {
  /// Nodes reachable from `start` over `adjacency` (including `start`), by plain search.
  package static func reachable(from start: Int, _ adjacency: [[Int]]) -> Set<Int> {
    var seen: Set<Int> = [start]
    var stack = [start]
    while let v = stack.popLast() {
      for w in adjacency[v] where seen.insert(w).inserted { stack.append(w) }
    }
    return seen
  }

  /// Adjacency lists over flow edges (or all edges), optionally reversed.
  package static func adjacency(
    _ graph: SupplyGraph, flowOnly: Bool, reversed: Bool = false
  ) -> [[Int]] {
    var adj = [[Int]](repeating: [], count: graph.nodeCount)
    for e in 0..<graph.edgeCount where !flowOnly || graph.isFlow[e] {
      let s = Int(graph.sources[e])
      let t = Int(graph.targets[e])
      if reversed { adj[t].append(s) } else { adj[s].append(t) }
    }
    return adj
  }
}

extension Oracle {
  /// Supply by naive fixpoint iteration, written independently of the product: origins (no
  /// incoming flow edges) are supplied unless failed; a node is supplied when not failed and,
  /// for every group of its incoming flow edges (by part label; unlabeled together; every edge
  /// apart under `requires: all`; all together under OR), some edge that can carry supply
  /// comes from a supplied node. Repeats until nothing changes (the least fixed point).
  package static func supplied(
    _ g: SupplyGraph, parts: Bool, failed: Set<Int> = [], removedEdge: Int? = nil,
    removedEdges: Set<Int> = [], minimumShare: Double? = nil
  ) -> [Bool] {
    let n = g.nodeCount
    var groups = [[String: [Int]]](repeating: [:], count: n)
    var hasFlowIn = [Bool](repeating: false, count: n)
    let share = g.edgeAttributes["share"]
    for e in 0..<g.edgeCount where g.isFlow[e] {
      let t = Int(g.targets[e])
      hasFlowIn[t] = true
      let key: String
      if !parts {
        key = "all"
      } else if g.requirement(of: NodeIndex(t)) == .all {
        key = "edge\(e)"
      } else {
        key = g.part(of: EdgeIndex(e)).map { "part:" + $0 } ?? "unlabeled"
      }
      var carries = e != removedEdge && !removedEdges.contains(e)
      if let m = minimumShare, let s = share?.number(at: e), s < m { carries = false }
      groups[t][key, default: []].append(carries ? Int(g.sources[e]) : -1)
    }
    var supplied = [Bool](repeating: false, count: n)
    var changed = true
    while changed {
      changed = false
      for v in 0..<n where !supplied[v] && !failed.contains(v) {
        let ok =
          !hasFlowIn[v]
          || groups[v].values.allSatisfy { sources in sources.contains { $0 >= 0 && supplied[$0] } }
        if ok {
          supplied[v] = true
          changed = true
        }
      }
    }
    return supplied
  }
}

extension RandomGraphs {
  /// `graph` without the edges `drop` says to drop (nodes and their fields kept): the
  /// deletion a scenario must *not* be confused with for supply, and must equal for reach.
  package static func removingEdges(
    _ graph: SupplyGraph, _ drop: (EdgeIndex) -> Bool
  )
    -> SupplyGraph
  {
    var b = SupplyGraphBuilder()
    b.contextRelations = graph.contextRelations
    for v in graph.nodes {
      b.addNode(
        id: graph.id(of: v), kind: graph.kindLabel(of: v), sector: graph.sectorLabel(of: v),
        stage: graph.stageLabel(of: v), requires: graph.requirement(of: v),
        attributes: graph.nodeAttributes.values(at: Int(v)))
    }
    for e in graph.edges where !drop(e) {
      b.addEdge(
        from: graph.source(of: e), to: graph.target(of: e), relation: graph.relation(of: e).name,
        part: graph.part(of: e), attributes: graph.edgeAttributes.values(at: Int(e)))
    }
    return b.build()
  }
}
