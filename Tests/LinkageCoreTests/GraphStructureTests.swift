import LinkageCore
import LinkageTestSupport
import Testing

@Suite("Graph storage")
struct GraphStorageTests {
  @Test("compressed adjacency lists every edge once, in input order", arguments: 0..<50)
  func adjacencyMatchesEdges(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 17, edges: seed * 3), seed: UInt64(seed))
    for v in g.nodes {
      let out = g.edges.filter { g.sources[Int($0)] == v }
      #expect(Array(g.outgoing.edges(of: v)) == out)
      #expect(Array(g.outgoing.neighbors(of: v)) == out.map { g.targets[Int($0)] })
      let into = g.edges.filter { g.targets[Int($0)] == v }
      #expect(Array(g.incoming.edges(of: v)) == into)
      #expect(Array(g.flowOut.edges(of: v)) == out.filter { g.isFlow[Int($0)] })
      #expect(Array(g.flowIn.edges(of: v)) == into.filter { g.isFlow[Int($0)] })
    }
  }

  @Test(
    "part groups follow AND-of-ORs: same part together, unlabeled together, requires all apart",
    arguments: 0..<100)
  func partGroupsMatchBruteForce(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 2 + seed % 9, edges: 4 + seed % 40), seed: UInt64(seed) &+ 1000)
    for v in g.nodes {
      let flowIn = g.edges.filter { g.targets[Int($0)] == v && g.isFlow[Int($0)] }
      var expected: [[EdgeIndex]] = []
      if g.requirement(of: v) == .all {
        expected = flowIn.map { [$0] }
      } else {
        var labels: [Int32] = []
        for e in flowIn where !labels.contains(g.partCodes[Int(e)]) {
          labels.append(g.partCodes[Int(e)])
        }
        expected = labels.map { l in flowIn.filter { g.partCodes[Int($0)] == l } }
      }
      let groups = g.partGroups.groups(of: v).map { group in
        Array(g.partGroups.edges[g.partGroups.members(of: group)])
      }
      #expect(groups == expected)
      for group in g.partGroups.groups(of: v) {
        for i in g.partGroups.members(of: group) {
          #expect(g.partGroups.sources[i] == g.sources[Int(g.partGroups.edges[i])])
        }
      }
    }
  }

  @Test("a hub with many part labels groups them in first-seen order")
  func hubWithManyParts() {
    var b = SupplyGraphBuilder()
    let hub = b.addNode(id: "hub").index
    for i in 0..<200 {
      let s = b.addNode(id: "s\(i)").index
      b.addEdge(from: s, to: hub, part: i % 3 == 0 ? nil : "p\(i % 50)")
    }
    let g = b.build()
    let groups = g.partGroups.groups(of: hub)
    // Labels p0…p49 (those with i % 3 != 0 cover all 50) plus the unlabeled group.
    #expect(groups.count == 51)
    // Every edge appears exactly once across the hub's groups; each group has one label.
    var seen: Set<EdgeIndex> = []
    for group in groups {
      let labels = Set(
        g.partGroups.members(of: group).map { g.partCodes[Int(g.partGroups.edges[$0])] })
      #expect(labels.count == 1)
      for i in g.partGroups.members(of: group) {
        #expect(seen.insert(g.partGroups.edges[i]).inserted)
      }
    }
    #expect(seen.count == 200)
  }
}

@Suite("Components, order and chains")
struct ComponentTests {
  @Test("weakly connected components equal BFS over the undirected view", arguments: 0..<100)
  func weakComponents(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 25, edges: seed % 30), seed: UInt64(seed))
    var undirected = Oracle.adjacency(g, flowOnly: false)
    let reversed = Oracle.adjacency(g, flowOnly: false, reversed: true)
    for v in 0..<g.nodeCount { undirected[v] += reversed[v] }
    let parts = g.weaklyConnectedComponents()
    for v in 0..<g.nodeCount {
      let reach = Oracle.reachable(from: v, undirected)
      for w in 0..<g.nodeCount {
        #expect((parts.component[v] == parts.component[w]) == reach.contains(w))
      }
    }
    #expect(parts.sizes.reduce(0, +) == g.nodeCount)
    // Numbered in order of each component's smallest node.
    var next: Int32 = 0
    for v in 0..<g.nodeCount where parts.component[v] >= next {
      #expect(parts.component[v] == next)
      next += 1
    }
  }

  @Test("strongly connected components equal mutual reachability", arguments: 0..<100)
  func strongComponents(seed: Int) {
    let g = RandomGraphs.make(
      RandomGraphSpec(nodes: 1 + seed % 20, edges: seed % 45), seed: UInt64(seed) &+ 7)
    let adj = Oracle.adjacency(g, flowOnly: true)
    let reach = (0..<g.nodeCount).map { Oracle.reachable(from: $0, adj) }
    let scc = g.flowOut.stronglyConnectedComponents()
    for v in 0..<g.nodeCount {
      for w in 0..<g.nodeCount {
        let mutual = reach[v].contains(w) && reach[w].contains(v)
        #expect((scc.component[v] == scc.component[w]) == mutual)
      }
    }
    // Reverse topological numbering: an edge between components goes high → low.
    for e in 0..<g.edgeCount where g.isFlow[e] {
      let a = scc.component[Int(g.sources[e])]
      let b = scc.component[Int(g.targets[e])]
      #expect(a >= b)
    }
  }

  @Test("a topological order exists exactly when the flow graph has no cycle", arguments: 0..<100)
  func topologicalOrder(seed: Int) {
    var spec = RandomGraphSpec(nodes: 1 + seed % 15, edges: seed % 25)
    spec.acyclic = seed % 2 == 0
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 99)
    let adj = Oracle.adjacency(g, flowOnly: true)
    var hasCycle = false
    for v in 0..<g.nodeCount {
      for w in adj[v] where Oracle.reachable(from: w, adj).contains(v) { hasCycle = true }
    }
    let order = g.flowTopologicalOrder()
    #expect((order == nil) == hasCycle)
    if let order {
      var position = [Int](repeating: 0, count: g.nodeCount)
      for (i, v) in order.enumerated() { position[Int(v)] = i }
      #expect(Set(order).count == g.nodeCount)
      for e in 0..<g.edgeCount where g.isFlow[e] {
        #expect(position[Int(g.sources[e])] < position[Int(g.targets[e])])
      }
    }
  }

  @Test("the longest flow chain has the length of exhaustive search", arguments: 0..<100)
  func longestChain(seed: Int) {
    var spec = RandomGraphSpec(nodes: 1 + seed % 12, edges: seed % 30)
    spec.acyclic = true
    let g = RandomGraphs.make(spec, seed: UInt64(seed) &+ 5)
    let adj = Oracle.adjacency(g, flowOnly: true)
    // Exhaustive: longest path from each node by memoized recursion (small DAGs only).
    var memo = [Int: Int]()
    func longest(_ v: Int) -> Int {
      if let m = memo[v] { return m }
      let best = adj[v].map { 1 + longest($0) }.max() ?? 0
      memo[v] = best
      return best
    }
    let expected = (0..<g.nodeCount).map(longest).max() ?? 0
    let chain = g.longestFlowChain()
    #expect(chain?.hops == expected)
    if let chain {
      for (i, e) in chain.edges.enumerated() {
        #expect(g.sources[Int(e)] == chain.nodes[i])
        #expect(g.targets[Int(e)] == chain.nodes[i + 1])
        #expect(g.isFlow[Int(e)])
      }
    }
  }

  @Test("a million-node chain does not overflow the stack")
  func millionNodeChain() {
    var b = SupplyGraphBuilder(expectedNodes: 1_000_000, expectedEdges: 1_000_000)
    var previous = b.addNode(id: "c0").index
    for i in 1..<1_000_000 {
      let v = b.addNode(id: "c\(i)").index
      b.addEdge(from: previous, to: v)
      previous = v
    }
    let g = b.build()
    #expect(g.flowTopologicalOrder()?.count == 1_000_000)
    #expect(g.longestFlowChain()?.hops == 999_999)
    #expect(g.flowOut.stronglyConnectedComponents().count == 1_000_000)
    #expect(g.weaklyConnectedComponents().count == 1)
    // Closing the chain into one big cycle: one strongly connected component.
    var cyc = b
    cyc.addEdge(from: previous, to: 0)
    let ring = cyc.build()
    #expect(ring.flowOut.stronglyConnectedComponents().count == 1)
    #expect(ring.flowTopologicalOrder() == nil)
  }
}

@Suite("Part groups at scale")
struct PartGroupScaleTests {
  @Test("a node with thousands of distinct part labels groups in linear time and first-seen order")
  func manyDistinctLabels() {
    var b = SupplyGraphBuilder()
    let hub = b.addNode(id: "hub").index
    for i in 0..<5000 {
      let s = b.addNode(id: "s\(i)").index
      b.addEdge(from: s, to: hub, part: "p\((i * 7919) % 3000)")
    }
    let g = b.build()
    let groups = Array(g.partGroups.groups(of: hub))
    #expect(groups.count == 3000)
    var firstSeen: [String] = []
    for e in g.edges where !firstSeen.contains(g.part(of: e)!) { firstSeen.append(g.part(of: e)!) }
    #expect(groups.map { g.partLabels[Int(g.partGroups.labels[$0])] } == firstSeen)
    for group in groups {
      let members = g.partGroups.members(of: group).map { g.partGroups.edges[$0] }
      #expect(members == members.sorted(), "stable order within a group")
    }
  }
}
