import HeapModule

/// The read-only layout the share-weighted solver works on: components in topological order,
/// each node's supply edges out (target, group, share) and its groups, in flat buffers shared
/// by every engine. Allocated once per ``ShareWeightedSupply``.
final class FractionLayout: @unchecked Sendable {
  let nodeCount: Int
  let groupCount: Int
  let componentCount: Int
  /// Strongly connected components over supply edges, numbered so that edges go from higher
  /// numbers to lower (so topological order is descending).
  let component: UnsafeMutableBufferPointer<Int32>
  let memberOffsets: UnsafeMutableBufferPointer<Int32>
  let members: UnsafeMutableBufferPointer<NodeIndex>
  /// Whether each component is a cycle (two or more nodes, or a self-loop).
  let cyclic: UnsafeMutableBufferPointer<Bool>
  /// Supply edges out of each node by position (`outStart[v]..<outStart[v+1]`).
  let outStart: UnsafeMutableBufferPointer<Int32>
  let outTarget: UnsafeMutableBufferPointer<NodeIndex>
  let outGroup: UnsafeMutableBufferPointer<Int32>
  let outShare: UnsafeMutableBufferPointer<Double>
  /// Each node's groups: `groupStart[v]..<groupEnd[v]`.
  let groupStart: UnsafeMutableBufferPointer<Int32>
  let groupEnd: UnsafeMutableBufferPointer<Int32>
  /// Carrying flow edges without a `share` (each counted as 1).
  let edgesWithoutShare: Int

  static func buffer<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
    let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
    _ = b.initialize(from: array)
    return b
  }

  init(network: SupplyNetwork) {
    let graph = network.graph
    nodeCount = graph.nodeCount
    groupCount = network.nodeOfGroup.count
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
    edgesWithoutShare = missing
    let scc = network.supplyOut.stronglyConnectedComponents()
    let count = scc.count
    componentCount = count
    var offsets = [Int32](repeating: 0, count: count + 1)
    for c in scc.component { offsets[Int(c) + 1] += 1 }
    for k in 0..<count { offsets[k + 1] += offsets[k] }
    var fill = offsets
    var members = [NodeIndex](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      let c = Int(scc.component[v])
      members[Int(fill[c])] = NodeIndex(v)
      fill[c] += 1
    }
    var cyclic = scc.sizes.map { $0 > 1 }
    let out = network.supplyOut
    for v in 0..<graph.nodeCount where out.neighbors(of: NodeIndex(v)).contains(NodeIndex(v)) {
      cyclic[Int(scc.component[v])] = true
    }
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
    var groupStart = [Int32](repeating: 0, count: graph.nodeCount)
    var groupEnd = [Int32](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      let r = network.groups(of: NodeIndex(v))
      groupStart[v] = Int32(r.lowerBound)
      groupEnd[v] = Int32(r.upperBound)
    }
    self.component = Self.buffer(scc.component)
    self.memberOffsets = Self.buffer(offsets)
    self.members = Self.buffer(members)
    self.cyclic = Self.buffer(cyclic)
    self.outStart = Self.buffer(outStart)
    self.outTarget = Self.buffer(outTarget)
    self.outGroup = Self.buffer(outGroup)
    self.outShare = Self.buffer(outShare)
    self.groupStart = Self.buffer(groupStart)
    self.groupEnd = Self.buffer(groupEnd)
  }

  deinit {
    component.deallocate()
    memberOffsets.deallocate()
    members.deallocate()
    cyclic.deallocate()
    outStart.deallocate()
    outTarget.deallocate()
    outGroup.deallocate()
    outShare.deallocate()
    groupStart.deallocate()
    groupEnd.deallocate()
  }
}

/// The solver's working state: values, group sums and the undo log, in flat buffers. The
/// baseline held by ``ShareWeightedSupply`` is solved once and never changed again; each
/// engine works on its own ``copy()`` (one thread each).
final class SupplyFractions: @unchecked Sendable {
  let layout: FractionLayout
  let y: UnsafeMutableBufferPointer<Double>
  let groupSum: UnsafeMutableBufferPointer<Double>
  let failed: UnsafeMutableBufferPointer<Bool>
  /// When set, falls are followed only into these nodes (see ``ShareWeightedSupply/engine(relevantTo:)``).
  private(set) var relevant: UnsafeMutableBufferPointer<Bool>?
  // Per-failure work: marks by epoch (no reset pass), logs with room for every entry.
  let queued: UnsafeMutableBufferPointer<UInt32>
  let yStamp: UnsafeMutableBufferPointer<UInt32>
  let yLogNode: UnsafeMutableBufferPointer<NodeIndex>
  let yLogValue: UnsafeMutableBufferPointer<Double>
  /// Every group-sum change of the failure in progress, undone in reverse order (kept
  /// between failures for its capacity).
  var sumLog: [SumChange] = []
  var epoch: UInt32 = 0
  /// Components to recompute, keyed `component << 32 | node` (a member), so an acyclic
  /// one's node comes off the heap without a look-up.
  var heap = Heap<Int64>()

  var edgesWithoutShare: Int { layout.edgesWithoutShare }

  convenience init(network: SupplyNetwork) {
    let layout = FractionLayout(network: network)
    let failed = network.graph.failedNodes.isEmpty
      ? [Bool](repeating: false, count: layout.nodeCount) : network.graph.failedNodes
    self.init(
      layout: layout, y: [Double](repeating: 0, count: layout.nodeCount),
      groupSum: [Double](repeating: 0, count: layout.groupCount), failed: failed)
  }

  private init(layout: FractionLayout, y: [Double], groupSum: [Double], failed: [Bool]) {
    self.layout = layout
    self.y = FractionLayout.buffer(y)
    self.groupSum = FractionLayout.buffer(groupSum)
    self.failed = FractionLayout.buffer(failed)
    let n = layout.nodeCount
    queued = FractionLayout.buffer([UInt32](repeating: 0, count: layout.componentCount))
    yStamp = FractionLayout.buffer([UInt32](repeating: 0, count: n))
    yLogNode = .allocate(capacity: max(n, 1))
    yLogValue = .allocate(capacity: max(n, 1))
  }

  deinit {
    y.deallocate()
    groupSum.deallocate()
    failed.deallocate()
    relevant?.deallocate()
    queued.deallocate()
    yStamp.deallocate()
    yLogNode.deallocate()
    yLogValue.deallocate()
  }

  /// A fresh working copy of this state (values, sums, failures) sharing the layout.
  func copy() -> SupplyFractions {
    SupplyFractions(layout: layout, y: Array(y), groupSum: Array(groupSum), failed: Array(failed))
  }

  func setRelevant(_ flags: [Bool]) {
    relevant?.deallocate()
    relevant = FractionLayout.buffer(flags)
  }

  func isRelevant(_ node: NodeIndex) -> Bool {
    relevant?[Int(node)] ?? true
  }

  /// The fraction `v` gets from its groups' current sums.
  @inline(__always)
  func value(_ v: Int) -> Double {
    if failed[v] { return 0 }
    let lo = Int(layout.groupStart[v])
    let hi = Int(layout.groupEnd[v])
    if lo == hi { return 1 }
    var least = 1.0
    for g in lo..<hi { least = min(least, groupSum[g]) }
    return max(0, least)
  }

  /// The failure in progress: its epoch and undo-log lengths (kept in locals: class
  /// properties would pay an exclusivity check on every access).
  struct Log {
    var epoch: UInt32 = 0
    var nodes = 0
    var sums: [SumChange] = []
  }

  struct SumChange {
    let group: Int32
    let old: Double
  }

  /// Sets `y[v]` and passes the difference on to the groups it feeds; with `log`, records
  /// the old values first (once per failure).
  @inline(__always)
  func set(_ v: Int, _ value: Double, log: inout Log, logging: Bool) {
    let delta = value - y[v]
    let lo = Int(layout.outStart[v])
    let hi = Int(layout.outStart[v + 1])
    if logging {
      if yStamp[v] != log.epoch {
        yStamp[v] = log.epoch
        yLogNode[log.nodes] = NodeIndex(v)
        yLogValue[log.nodes] = y[v]
        log.nodes += 1
      }
      for i in lo..<hi {
        let g = Int(layout.outGroup[i])
        log.sums.append(SumChange(group: Int32(g), old: groupSum[g]))
        groupSum[g] += layout.outShare[i] * delta
      }
    } else {
      for i in lo..<hi { groupSum[Int(layout.outGroup[i])] += layout.outShare[i] * delta }
    }
    y[v] = value
  }

  /// Solves one cyclic component from 0 upwards with its inputs as they are.
  /// - Returns: false when the round limit was hit.
  func solveCycle(_ c: Int, log: inout Log, logging: Bool) -> Bool {
    let lo = Int(layout.memberOffsets[c])
    let hi = Int(layout.memberOffsets[c + 1])
    for k in lo..<hi {
      let v = Int(layout.members[k])
      if y[v] != 0 { set(v, 0, log: &log, logging: logging) }
    }
    let limit = 100 * (hi - lo) + 1_000
    for _ in 0..<limit {
      var rise = 0.0
      for k in lo..<hi {
        let v = Int(layout.members[k])
        let nv = value(v)
        if nv > y[v] + ShareWeightedSupply.tolerance {
          rise = max(rise, nv - y[v])
          set(v, nv, log: &log, logging: logging)
        }
      }
      if rise == 0 { return true }
    }
    return false
  }

  /// The baseline: every component in topological order.
  func solveAll() -> Bool {
    var converged = true
    var log = Log()
    for c in stride(from: layout.componentCount - 1, through: 0, by: -1) {
      if layout.cyclic[c] {
        converged = solveCycle(c, log: &log, logging: false) && converged
      } else {
        let v = Int(layout.members[Int(layout.memberOffsets[c])])
        let nv = value(v)
        if nv != 0 { set(v, nv, log: &log, logging: false) }
      }
    }
    return converged
  }

  @inline(__always)
  func enqueueDownstream(
    of v: Int, epoch: UInt32, relevant: UnsafeMutableBufferPointer<Bool>?, heap: inout Heap<Int64>
  ) {
    for i in Int(layout.outStart[v])..<Int(layout.outStart[v + 1]) {
      let w = Int(layout.outTarget[i])
      if let relevant, !relevant[w] { continue }
      let c = layout.component[w]
      if queued[Int(c)] != epoch {
        queued[Int(c)] = epoch
        heap.insert(Int64(c) << 32 | Int64(w))
      }
    }
  }

  /// Fails `node`, records what falls, and restores the state.
  func fail(_ node: NodeIndex) -> FractionChange {
    var nodes: [NodeIndex] = []
    var before: [Double] = []
    var after: [Double] = []
    let converged = failing(node) { v, old, new in
      nodes.append(v)
      before.append(old)
      after.append(new)
    }
    return FractionChange(nodes: nodes, before: before, after: after, converged: converged)
  }

  /// The value-weighted fall on `targets` (`weight[v]` ≥ 0 for a target, negative for any
  /// other node) when `node` fails, without building a change list.
  func targetFall(of node: NodeIndex, weight: UnsafeBufferPointer<Double>) -> TargetFall {
    var lost = 0.0
    var affected = 0
    let x = Int(node)
    let converged = failing(node) { v, old, new in
      let w = weight[Int(v)]
      if w >= 0 && Int(v) != x {
        lost += w * (old - new)
        affected += 1
      }
    }
    return TargetFall(valueLost: lost, targetsAffected: affected, converged: converged)
  }

  struct TargetFall {
    let valueLost: Double
    let targetsAffected: Int
    let converged: Bool
  }

  /// Fails `node`, calls `fell(node, before, after)` for every node whose fraction fell (in
  /// the order found), and restores the state.
  /// - Returns: false when a cycle's iteration hit its round limit.
  @inline(__always)
  func failing(_ node: NodeIndex, _ fell: (NodeIndex, Double, Double) -> Void) -> Bool {
    epoch &+= 1
    if epoch == 0 {
      // Wrapped around: clear the marks once every 4 billion failures.
      queued.update(repeating: 0)
      yStamp.update(repeating: 0)
      epoch = 1
    }
    var converged = true
    let epoch = self.epoch
    var log = Log(epoch: epoch)
    swap(&log.sums, &sumLog)
    defer {
      log.sums.removeAll(keepingCapacity: true)
      swap(&log.sums, &sumLog)
    }
    let relevant = self.relevant
    var heap = Heap<Int64>()
    swap(&heap, &self.heap)
    defer { swap(&heap, &self.heap) }
    let x = Int(node)
    let wasFailed = failed[x]
    failed[x] = true
    let start = layout.component[x]
    queued[Int(start)] = epoch
    heap.insert(Int64(start) << 32 | Int64(x))
    let tolerance = ShareWeightedSupply.tolerance
    while let key = heap.popMax() {
      let c = Int(key >> 32)
      if layout.cyclic[c] {
        let lo = Int(layout.memberOffsets[c])
        let hi = Int(layout.memberOffsets[c + 1])
        let old = (lo..<hi).map { y[Int(layout.members[$0])] }
        converged = solveCycle(c, log: &log, logging: true) && converged
        for k in lo..<hi {
          let v = Int(layout.members[k])
          if abs(y[v] - old[k - lo]) > tolerance {
            enqueueDownstream(of: v, epoch: epoch, relevant: relevant, heap: &heap)
          }
        }
      } else {
        let v = Int(key & 0xFFFF_FFFF)
        let nv = value(v)
        if abs(nv - y[v]) > tolerance {
          set(v, nv, log: &log, logging: true)
          enqueueDownstream(of: v, epoch: epoch, relevant: relevant, heap: &heap)
        }
      }
    }
    // What fell, then the state as it was.
    for k in 0..<log.nodes {
      let v = Int(yLogNode[k])
      let old = yLogValue[k]
      if old - y[v] > tolerance { fell(NodeIndex(v), old, y[v]) }
      y[v] = old
    }
    for change in log.sums.reversed() { groupSum[Int(change.group)] = change.old }
    failed[x] = wasFailed
    return converged
  }
}
