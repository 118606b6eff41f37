import HeapModule

/// Computes, failure by failure, which nodes lose supply when one node or one edge fails,
/// exactly under the network's semantics (AND of ORs included), and why.
///
/// Baseline supply is the least fixed point (``SupplyNetwork/suppliedNodes(failed:)``). Each
/// group keeps a count of its supplied sources; a failure removes sources and a node is lost
/// when one of its groups drops to zero. Only the failure's downstream cone is touched, and
/// every change is undone afterwards, so one engine serves millions of failures.
///
/// Supply that could go around a cycle needs more care: a node in a strongly connected
/// component may keep a nonzero count only because of support from its own component. So on a
/// cyclic network, losses are processed in topological order of the components, and any
/// component that loses a source has its fixed point recomputed from the supply that still
/// reaches it from outside — which makes the answer exact on any graph.
///
/// - Complexity: per failure, O(edges leaving the lost nodes) on an acyclic network, plus
///   O(nodes and incoming edges) of each strongly connected component the loss reaches on a
///   cyclic one, times log of the pending work for ordering; O(*V* + *E*) memory, once.
struct FailureImpactEngine {
  let network: SupplyNetwork
  /// Supplied with nothing failed.
  let baseline: [Bool]
  /// Per group: carrying edges from sources supplied now.
  private var count: [Int32]
  private(set) var lost: [Bool]
  /// Nodes lost by the current failure, in the order they were lost.
  private(set) var lostNodes: [NodeIndex] = []
  /// The edge whose loss emptied a group of each lost node (`-1` for the failed node itself).
  private(set) var cause: [EdgeIndex]
  private var undo: [Int32] = []
  private var stack: [NodeIndex] = []
  /// The failed link, which carries nothing until ``reset()``.
  private var failedEdge: EdgeIndex = -1
  // Components of the supply graph, for cyclic networks.
  private let acyclic: Bool
  private let component: [Int32]
  private let topoIndex: [Int32]  // by component
  private let nontrivial: [Bool]  // by component
  private let memberOffsets: [Int32]
  private let members: [NodeIndex]
  private var dirty: [Bool]
  private var heap = Heap<UInt64>()
  // Scratch for component recomputation, stamped to avoid clearing.
  private var stamp: Int32 = 0
  private var groupStamp: [Int32]
  private var external: [Int32]
  private var groupDone: [Bool]
  private var nodeStamp: [Int32]
  private var unsatisfied: [Int32]
  private var suppliedNow: [Bool]

  init(network: SupplyNetwork) {
    self.network = network
    let baseline = network.suppliedNodes()
    self.baseline = baseline
    var count = [Int32](repeating: 0, count: network.nodeOfGroup.count)
    let g = network.graph
    for e in 0..<g.edgeCount where network.carries[e] && baseline[Int(g.sources[e])] {
      count[Int(network.groupOfEdge[e])] += 1
    }
    self.count = count
    lost = [Bool](repeating: false, count: network.nodeCount)
    cause = [EdgeIndex](repeating: -1, count: network.nodeCount)
    let scc = network.supplyOut.stronglyConnectedComponents()
    var nontrivial = scc.sizes.map { $0 > 1 }
    for e in 0..<g.edgeCount where network.carries[e] && g.sources[e] == g.targets[e] {
      nontrivial[Int(scc.component[Int(g.sources[e])])] = true
    }
    acyclic = !nontrivial.contains(true)
    component = scc.component
    // Tarjan numbers components in reverse topological order.
    topoIndex = (0..<Int32(scc.count)).map { Int32(scc.count) - 1 - $0 }
    self.nontrivial = nontrivial
    var offsets = [Int32](repeating: 0, count: scc.count + 1)
    for v in 0..<network.nodeCount { offsets[Int(scc.component[v]) + 1] += 1 }
    for c in 0..<scc.count { offsets[c + 1] += offsets[c] }
    var cursor = offsets
    var members = [NodeIndex](repeating: 0, count: network.nodeCount)
    for v in 0..<network.nodeCount {
      let c = Int(scc.component[v])
      members[Int(cursor[c])] = NodeIndex(v)
      cursor[c] += 1
    }
    memberOffsets = offsets
    self.members = members
    dirty = [Bool](repeating: false, count: scc.count)
    groupStamp = [Int32](repeating: 0, count: count.count)
    external = [Int32](repeating: 0, count: count.count)
    groupDone = [Bool](repeating: false, count: count.count)
    nodeStamp = [Int32](repeating: 0, count: network.nodeCount)
    unsatisfied = [Int32](repeating: 0, count: network.nodeCount)
    suppliedNow = [Bool](repeating: false, count: network.nodeCount)
  }

  // MARK: Failures

  /// Fails `node`; afterwards ``lostNodes`` lists every node that lost supply (the node
  /// first). Call ``reset()`` before the next failure.
  mutating func fail(node: NodeIndex) {
    guard baseline[Int(node)] else { return }
    markLost(node, cause: -1)
    drain()
  }

  /// Fails every node of `nodes` together (a country, an owner); afterwards ``lostNodes``
  /// lists every node that lost supply. Call ``reset()`` before the next failure.
  mutating func fail(nodes: [NodeIndex]) {
    for v in nodes where baseline[Int(v)] && !lost[Int(v)] { markLost(v, cause: -1) }
    drain()
  }

  /// Fails one edge (the link, not its endpoints).
  mutating func fail(edge: EdgeIndex) {
    let g = network.graph
    let e = Int(edge)
    guard network.carries[e], baseline[Int(g.sources[e])], baseline[Int(g.targets[e])] else {
      return
    }
    failedEdge = edge
    decrement(edge, inside: -1)
    drain()
  }

  /// Undoes the last failure.
  mutating func reset() {
    failedEdge = -1
    for g in undo { count[Int(g)] += 1 }
    undo.removeAll(keepingCapacity: true)
    for v in lostNodes {
      lost[Int(v)] = false
      cause[Int(v)] = -1
    }
    lostNodes.removeAll(keepingCapacity: true)
  }

  // MARK: Propagation

  private mutating func markLost(_ v: NodeIndex, cause edge: EdgeIndex) {
    lost[Int(v)] = true
    cause[Int(v)] = edge
    lostNodes.append(v)
    if acyclic {
      stack.append(v)
    } else {
      push(key: topoIndex[Int(component[Int(v)])], isComponent: false, id: v)
    }
  }

  /// Removes one supplied source from the group of `edge`. `inside` is the component being
  /// recomputed (its own nodes are settled there, not scheduled again).
  private mutating func decrement(_ edge: EdgeIndex, inside: Int32) {
    let g = network.groupOfEdge[Int(edge)]
    count[Int(g)] -= 1
    undo.append(g)
    let w = network.graph.targets[Int(edge)]
    let c = component[Int(w)]
    if c == inside { return }
    if !acyclic && nontrivial[Int(c)] {
      if !dirty[Int(c)] && baseline[Int(w)] {
        dirty[Int(c)] = true
        push(key: topoIndex[Int(c)], isComponent: true, id: c)
      }
    } else if count[Int(g)] == 0 && baseline[Int(w)] && !lost[Int(w)] {
      markLost(w, cause: edge)
    }
  }

  private mutating func propagate(from u: NodeIndex, inside: Int32 = -1) {
    let out = network.supplyOut
    for i in out.range(of: u) where out.edges[i] != failedEdge {
      decrement(out.edges[i], inside: inside)
    }
  }

  private mutating func drain() {
    if acyclic {
      while let u = stack.popLast() { propagate(from: u) }
      return
    }
    while let item = pop() {
      if item.isComponent {
        dirty[Int(item.id)] = false
        recompute(component: item.id)
      } else {
        propagate(from: item.id)
      }
    }
  }

  /// Recomputes the fixed point of one strongly connected component from the supply that
  /// still reaches it from outside, loses the nodes that no longer get supply, and passes the
  /// losses on.
  private mutating func recompute(component c: Int32) {
    stamp &+= 1
    let range = Int(memberOffsets[Int(c)])..<Int(memberOffsets[Int(c) + 1])
    let inn = network.supplyIn
    // Support from outside the component, per group of a candidate node.
    for k in range {
      let v = members[k]
      guard baseline[Int(v)] && !lost[Int(v)] else { continue }
      nodeStamp[Int(v)] = stamp
      suppliedNow[Int(v)] = false
      var unsat: Int32 = 0
      for i in inn.range(of: v) {
        let grp = Int(network.groupOfEdge[Int(inn.edges[i])])
        if groupStamp[grp] != stamp {
          groupStamp[grp] = stamp
          external[grp] = count[grp]
          groupDone[grp] = false
        }
        let s = inn.neighbors[i]
        if component[Int(s)] == c && baseline[Int(s)] && !lost[Int(s)] && inn.edges[i] != failedEdge
        {
          external[grp] -= 1
        }
      }
      // Count groups with no outside support (groups with no carrying edge at all cannot
      // occur for a baseline-supplied node).
      var seenGroups: [Int32] = []
      for i in inn.range(of: v) {
        let grp = network.groupOfEdge[Int(inn.edges[i])]
        if !seenGroups.contains(grp) {
          seenGroups.append(grp)
          if external[Int(grp)] == 0 { unsat += 1 }
        }
      }
      unsatisfied[Int(v)] = unsat
    }
    // Least fixed point inside the component.
    var queue: [NodeIndex] = []
    for k in range {
      let v = members[k]
      if nodeStamp[Int(v)] == stamp && unsatisfied[Int(v)] == 0 {
        suppliedNow[Int(v)] = true
        queue.append(v)
      }
    }
    var head = 0
    let out = network.supplyOut
    while head < queue.count {
      let u = queue[head]
      head += 1
      for i in out.range(of: u) {
        let w = out.neighbors[i]
        guard component[Int(w)] == c, nodeStamp[Int(w)] == stamp, !suppliedNow[Int(w)],
          out.edges[i] != failedEdge
        else {
          continue
        }
        let grp = Int(network.groupOfEdge[Int(out.edges[i])])
        if external[grp] > 0 || groupDone[grp] { continue }
        groupDone[grp] = true
        unsatisfied[Int(w)] -= 1
        if unsatisfied[Int(w)] == 0 {
          suppliedNow[Int(w)] = true
          queue.append(w)
        }
      }
    }
    // Candidates left without supply are lost: explain each by an empty group.
    var newlyLost: [NodeIndex] = []
    for k in range {
      let v = members[k]
      guard nodeStamp[Int(v)] == stamp, !suppliedNow[Int(v)] else { continue }
      var why: EdgeIndex = -1
      for i in inn.range(of: v) {
        let e = inn.edges[i]
        let grp = Int(network.groupOfEdge[Int(e)])
        if external[grp] == 0 && !groupDone[grp] {
          let s = inn.neighbors[i]
          if lost[Int(s)] || component[Int(s)] == c {
            why = e
            if lost[Int(s)] { break }  // prefer a source lost before this component
          }
        }
      }
      lost[Int(v)] = true
      cause[Int(v)] = why
      lostNodes.append(v)
      newlyLost.append(v)
    }
    for v in newlyLost { propagate(from: v, inside: c) }
  }

  // MARK: Ordering (cyclic networks only)

  private struct Item {
    let isComponent: Bool
    let id: Int32
  }

  private mutating func push(key: Int32, isComponent: Bool, id: Int32) {
    // Components before their own member propagations at the same key.
    let value = UInt64(UInt32(key)) << 33 | (isComponent ? 0 : 1) << 32 | UInt64(UInt32(id))
    heap.insert(value)
  }

  private mutating func pop() -> Item? {
    guard let top = heap.popMin() else { return nil }
    return Item(isComponent: (top >> 32) & 1 == 0, id: Int32(truncatingIfNeeded: top & 0xFFFF_FFFF))
  }

  // MARK: Explanations

  /// The chain of dependence from the failure to `node`: each step is a lost node and the
  /// edge whose loss emptied one of its groups, starting just after the failure.
  func chain(to node: NodeIndex) -> [EdgeIndex] {
    var steps: [EdgeIndex] = []
    var v = node
    var guardCount = 0
    while lost[Int(v)], cause[Int(v)] >= 0, guardCount <= lostNodes.count {
      let e = cause[Int(v)]
      steps.append(e)
      v = network.graph.sources[Int(e)]
      guardCount += 1
    }
    return steps.reversed()
  }
}
