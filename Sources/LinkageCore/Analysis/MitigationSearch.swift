/// The smallest sets of new links that remove a single point of failure: for a point *x* that
/// cuts target *t* off, which candidate links, added together, keep *t* supplied when *x*
/// fails.
///
/// A candidate is a link *u→v* that would give one existing part group of *v* another source
/// (a qualifiable supplier for that part). Adding links only ever adds supply, so a set that
/// keeps *t* supplied with *x* failed removes *x* as a single point for *t* and makes no new
/// one. For each (*x*, *t*) the search tries every set of 1, then 2, … up to
/// ``maximumLinks`` relevant candidates, and stops at the first size that works; among the
/// sets of that size it keeps the cheapest (a set with a link of unknown cost after every
/// fully priced one, then the earliest candidates). A candidate is relevant when its customer
/// lies upstream of *t* among the nodes *x* takes down and its group is one that *x* leaves
/// empty.
///
/// Each set is checked by reviving supply from the state with *x* failed: the candidate links
/// fill their groups, and every node whose groups are all filled again is supplied and fills
/// the groups it feeds — touching only the nodes upstream of *t* that *x* took down.
///
///     let search = MitigationSearch(
///       network: network, candidates: links, pairs: [.init(point: kseed, targets: [navy])])
///     search.results[0].outcome  // .fixed(links: [0], alternatives: 2, exhaustive: true)
///
/// - Complexity: O(*V* + *E*) per point for its failed state, plus per (point, target)
///   O(*U*) for the *U* edges into the nodes upstream of the target that the point takes down,
///   plus O(*U*) per set tried, at most ``budget`` sets.
package struct MitigationSearch: Sendable {
  /// A link that could be added: `source` supplies `target`'s part group `group`.
  package struct Candidate: Sendable, Hashable {
    package let source: NodeIndex
    package let target: NodeIndex
    /// The group of `target` the link joins (a group of the network's semantics).
    package let group: Int
    /// What adding it costs, when known.
    package let cost: Double?

    package init(source: NodeIndex, target: NodeIndex, group: Int, cost: Double?) {
      self.source = source
      self.target = target
      self.group = group
      self.cost = cost
    }
  }

  /// A single point and the targets to keep supplied without it.
  package struct Pair: Sendable {
    package let point: NodeIndex
    package let targets: [NodeIndex]

    package init(point: NodeIndex, targets: [NodeIndex]) {
      self.point = point
      self.targets = targets
    }
  }

  /// What the search found for one (point, target).
  package enum Outcome: Sendable, Equatable {
    /// The cheapest smallest set (candidate indices, ascending); `alternatives` other sets of
    /// the same size work; `exhaustive` is false when the budget ran out while trying that
    /// size (a cheaper set of the same size may exist; no smaller set does).
    case fixed(links: [Int], alternatives: Int, exhaustive: Bool)
    /// No set of up to `maximumLinks` relevant candidates works (`relevant` were tried).
    case none(relevant: Int)
    /// The budget ran out at sets of `size` links before any worked: no smaller set works.
    case stopped(size: Int, tried: Int)
  }

  package struct Result: Sendable {
    package let point: NodeIndex
    package let target: NodeIndex
    package let outcome: Outcome
    /// Candidates relevant to this pair.
    package let relevant: Int
    /// With ``Outcome/fixed(links:alternatives:exhaustive:)``: up to three other sets of the
    /// same size that work, cheapest first.
    package let others: [[Int]]
  }

  package let candidates: [Candidate]
  package let maximumLinks: Int
  package let budget: Int
  /// One result per (point, target), in the order asked.
  package let results: [Result]

  /// - Parameters:
  ///   - maximumLinks: The largest set tried.
  ///   - budget: The most sets tried per (point, target).
  package init(
    network: SupplyNetwork, candidates: [Candidate], pairs: [Pair], maximumLinks: Int = 2,
    budget: Int = 100_000
  ) {
    self.candidates = candidates
    self.maximumLinks = maximumLinks
    self.budget = budget
    var state = RevivalState(network: network, candidates: candidates)
    var results: [Result] = []
    for pair in pairs {
      state.fail(pair.point)
      for t in pair.targets {
        let relevant = state.relevantCandidates(for: t)
        let (outcome, others) = Self.search(
          relevant, target: t, state: &state, candidates: candidates,
          maximumLinks: maximumLinks, budget: budget)
        results.append(
          Result(
            point: pair.point, target: t, outcome: outcome, relevant: relevant.count,
            others: others))
      }
    }
    self.results = results
  }

  /// Sets of 1, 2, … links in lexicographic order; the first size that works wins.
  private static func search(
    _ relevant: [Int], target t: NodeIndex, state: inout RevivalState, candidates: [Candidate],
    maximumLinks: Int, budget: Int
  ) -> (Outcome, [[Int]]) {
    if state.isSupplied(t) { return (.fixed(links: [], alternatives: 0, exhaustive: true), []) }
    var tried = 0
    let m = relevant.count
    guard m > 0 else { return (.none(relevant: 0), []) }
    for size in 1...min(maximumLinks, m) {
      var chosen = Array(0..<size)  // positions in `relevant`
      var best: [Int]? = nil
      var bestKey = (Int.max, Double.infinity)
      var working = 0
      var runnersUp: [(key: (Int, Double), set: [Int])] = []  // the cheapest few others
      var complete = true
      var set = [Int](repeating: 0, count: size)
      while true {
        if tried >= budget {
          complete = false
          break
        }
        tried += 1
        for k in 0..<size { set[k] = relevant[chosen[k]] }
        if state.revives(t, adding: set) {
          working += 1
          var unknown = 0
          var cost = 0.0
          for c in set {
            if let x = candidates[c].cost { cost += x } else { unknown += 1 }
          }
          let key = (unknown, cost)
          var other = (key: key, set: set.sorted())
          if let previous = best {
            if key < bestKey {
              other = (bestKey, previous)
              best = set.sorted()
              bestKey = key
            }
            // Keep the three cheapest others, ties in the order found.
            let at = runnersUp.firstIndex { other.key < $0.key } ?? runnersUp.count
            if at < 3 {
              runnersUp.insert(other, at: at)
              if runnersUp.count > 3 { runnersUp.removeLast() }
            }
          } else {
            best = set.sorted()
            bestKey = key
          }
        }
        // Next combination.
        var k = size - 1
        while k >= 0 && chosen[k] == m - size + k { k -= 1 }
        if k < 0 { break }
        chosen[k] += 1
        for j in (k + 1)..<size { chosen[j] = chosen[j - 1] + 1 }
      }
      if let best {
        return (
          .fixed(links: best, alternatives: working - 1, exhaustive: complete),
          runnersUp.map(\.set)
        )
      }
      if !complete { return (.stopped(size: size, tried: tried), []) }
    }
    return (.none(relevant: m), [])
  }
}

/// The supplied state with one point failed, and incremental revival on top of it.
private struct RevivalState {
  let network: SupplyNetwork
  let candidates: [MitigationSearch.Candidate]
  /// Candidates by customer: `byTarget[offsets[v]..<offsets[v+1]]`.
  let candidateOffsets: [Int32]
  let candidatesByTarget: [Int32]
  var scratch: PropagationScratch
  var failedMask: [Bool]
  var point: NodeIndex = -1
  /// Supplied with the point failed.
  var supplied: [Bool] = []
  // Per-target working sets, reset through `touched` lists.
  var inCone: [Bool]
  var cone: [NodeIndex] = []
  var baseUnsatisfied: [Int32]
  var groupFilled: [Bool]
  var baseFilled: [Int] = []
  // Per-check state.
  var unsatisfied: [Int32]
  var revived: [Bool]
  var revivedList: [NodeIndex] = []
  var filledNow: [Bool]
  var filledList: [Int] = []
  var queue: [NodeIndex] = []

  init(network: SupplyNetwork, candidates: [MitigationSearch.Candidate]) {
    self.network = network
    self.candidates = candidates
    let n = network.nodeCount
    var offsets = [Int32](repeating: 0, count: n + 1)
    for c in candidates { offsets[Int(c.target) + 1] += 1 }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var fill = offsets
    var byTarget = [Int32](repeating: 0, count: candidates.count)
    for (i, c) in candidates.enumerated() {
      byTarget[Int(fill[Int(c.target)])] = Int32(i)
      fill[Int(c.target)] += 1
    }
    candidateOffsets = offsets
    candidatesByTarget = byTarget
    scratch = PropagationScratch(network: network)
    failedMask = [Bool](repeating: false, count: n)
    inCone = [Bool](repeating: false, count: n)
    baseUnsatisfied = [Int32](repeating: 0, count: n)
    unsatisfied = [Int32](repeating: 0, count: n)
    revived = [Bool](repeating: false, count: n)
    groupFilled = [Bool](repeating: false, count: network.nodeOfGroup.count)
    filledNow = [Bool](repeating: false, count: network.nodeOfGroup.count)
  }

  func isSupplied(_ v: NodeIndex) -> Bool { supplied[Int(v)] }

  /// Fails `point` (on top of the graph's scenario) and propagates once.
  mutating func fail(_ point: NodeIndex) {
    if self.point >= 0 { failedMask[Int(self.point)] = false }
    self.point = point
    failedMask[Int(point)] = true
    supplied = scratch.run(network, failed: failedMask)
  }

  /// A node that can never be supplied here: the point, or a node the scenario fails.
  func isDead(_ v: NodeIndex) -> Bool { v == point || network.graph.isFailed(v) }

  /// The candidates that can matter for `t`: into a node upstream of `t` (over supply edges
  /// and candidate links) among those not supplied, filling a group left empty. Sets up the
  /// cone and its unfilled-group counts for ``revives(_:adding:)``.
  mutating func relevantCandidates(for t: NodeIndex) -> [Int] {
    for v in cone { inCone[Int(v)] = false }
    cone.removeAll(keepingCapacity: true)
    for g in baseFilled { groupFilled[g] = false }
    baseFilled.removeAll(keepingCapacity: true)
    guard !supplied[Int(t)], !isDead(t) else { return [] }
    // Backward search from t over supply edges and candidate links, among unsupplied nodes.
    inCone[Int(t)] = true
    cone.append(t)
    var head = 0
    let supplyIn = network.supplyIn
    while head < cone.count {
      let v = cone[head]
      head += 1
      for u in supplyIn.neighbors(of: v) where !supplied[Int(u)] && !inCone[Int(u)] && !isDead(u) {
        inCone[Int(u)] = true
        cone.append(u)
      }
      for k in Int(candidateOffsets[Int(v)])..<Int(candidateOffsets[Int(v) + 1]) {
        let u = candidates[Int(candidatesByTarget[k])].source
        if !supplied[Int(u)] && !inCone[Int(u)] && !isDead(u) {
          inCone[Int(u)] = true
          cone.append(u)
        }
      }
    }
    // Which groups of the cone's nodes are filled with the point failed.
    for v in cone {
      for i in supplyIn.range(of: v) where supplied[Int(supplyIn.neighbors[i])] {
        let g = Int(network.groupOfEdge[Int(supplyIn.edges[i])])
        if !groupFilled[g] {
          groupFilled[g] = true
          baseFilled.append(g)  // to reset before the next target
        }
      }
    }
    for v in cone {
      var open: Int32 = 0
      for g in network.groups(of: v) where !groupFilled[g] { open += 1 }
      baseUnsatisfied[Int(v)] = open
    }
    var relevant: [Int] = []
    for v in cone {
      for k in Int(candidateOffsets[Int(v)])..<Int(candidateOffsets[Int(v) + 1]) {
        let c = Int(candidatesByTarget[k])
        let candidate = candidates[c]
        if isDead(candidate.source) || groupFilled[candidate.group] { continue }
        if !supplied[Int(candidate.source)] && !inCone[Int(candidate.source)] { continue }
        relevant.append(c)
      }
    }
    relevant.sort()
    return relevant
  }

  /// Whether adding the candidates `set` supplies `t` again with the point failed.
  /// - Precondition: ``relevantCandidates(for:)`` ran for `t`.
  mutating func revives(_ t: NodeIndex, adding set: [Int]) -> Bool {
    for v in revivedList { revived[Int(v)] = false }
    revivedList.removeAll(keepingCapacity: true)
    for g in filledList { filledNow[g] = false }
    filledList.removeAll(keepingCapacity: true)
    queue.removeAll(keepingCapacity: true)
    for v in cone { unsatisfied[Int(v)] = baseUnsatisfied[Int(v)] }
    func live(_ u: NodeIndex) -> Bool { supplied[Int(u)] || revived[Int(u)] }
    func fill(_ g: Int) {
      guard !groupFilled[g], !filledNow[g] else { return }
      filledNow[g] = true
      filledList.append(g)
      let w = network.nodeOfGroup[g]
      guard inCone[Int(w)] else { return }
      unsatisfied[Int(w)] -= 1
      if unsatisfied[Int(w)] == 0 && !revived[Int(w)] {
        revived[Int(w)] = true
        revivedList.append(w)
        queue.append(w)
      }
    }
    for c in set where live(candidates[c].source) { fill(candidates[c].group) }
    var head = 0
    let out = network.supplyOut
    while head < queue.count {
      let u = queue[head]
      head += 1
      if u == t { return true }
      for i in out.range(of: u) where inCone[Int(out.neighbors[i])] {
        fill(Int(network.groupOfEdge[Int(out.edges[i])]))
      }
      for c in set where candidates[c].source == u { fill(candidates[c].group) }
    }
    return revived[Int(t)]
  }
}
