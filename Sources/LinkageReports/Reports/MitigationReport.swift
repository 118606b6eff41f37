import LinkageCore

/// Proposals that remove single points of failure (`spof --mitigate`): for each of the top
/// single points *x* and each target *t* it cuts off, the smallest set of candidate links
/// that keeps *t* supplied when *x* fails (``MitigationSearch``), each proposal verified by
/// re-running the analysis on the graph with its links added.
///
/// Candidates come from a file, or — without one — from the graph: for every part group that
/// *x* leaves without a supplier, the nodes of the same kind as the group's suppliers that
/// already supply the same part (the same kind of customer, for unlabeled supply) to someone
/// else and are still supplied with *x* failed.
///
///     let report = MitigationReport(spof: spof, candidates: fromFile)
///     report.proposals.first?.sentence   // "after adding hana-npu → byeol-embedded for part npu, …"
///
/// - Complexity: one propagation per point, the search per (point, target) (see
///   ``MitigationSearch``), and one full single-points-of-failure analysis per verified
///   proposal.
package struct MitigationReport: Sendable {
  package struct Options: Sendable {
    /// The largest set of links proposed.
    package var maximumLinks = 2
    /// How many of the ranked single points to mitigate (the focus alone with `--node`).
    package var points = 10
    /// The most targets per point.
    package var targetsPerPoint = 100
    /// The most sets tried per (point, target).
    package var budget = 100_000
    /// The most default candidates per empty group.
    package var candidatesPerGroup = 20
    /// The most distinct proposals verified and listed.
    package var proposals = 50
    /// Called with (verified, to verify) after each re-run.
    package var progress: (@Sendable (Int, Int) -> Void)?
    package init() {}
  }

  /// A candidate link that passed the checks, by index in ``graph``.
  package struct Link: Sendable {
    package let source: NodeIndex
    package let target: NodeIndex
    package let relation: String
    /// The part it supplies (the group's label; nil for unlabeled supply).
    package let part: String?
    package let cost: Double?
    /// Whether `source` is a node the candidates brought.
    package let isNewSource: Bool
    package let origin: String
  }

  /// A single point for a target.
  package struct PointTarget: Sendable, Hashable {
    package let point: NodeIndex
    package let target: NodeIndex
  }

  package struct RedundancyChange: Sendable {
    package let before: TargetRedundancy
    package let after: TargetRedundancy
  }

  /// A set of links to add, and what adding it was verified to do.
  package struct Proposal: Sendable {
    package let rank: Int
    /// Indices into ``links``, in candidate order.
    package let links: [Int]
    /// The total cost; nil when a link has no cost.
    package let cost: Double?
    /// The (point, target) pairs for which the search found this set as the smallest and
    /// cheapest.
    package let found: [PointTarget]
    /// The considered (point, target) pairs that are no longer single points with the set
    /// added (the re-run analysis says so).
    package let removed: [PointTarget]
    /// Whether the re-run confirmed every pair in `found`.
    package let verified: Bool
    /// Targets of `removed`, before and after.
    package let redundancy: [RedundancyChange]
    /// Other sets of the same size that also work for the pairs in `found` (the most for
    /// any one pair).
    package let alternatives: Int
    /// Up to three of those other sets, cheapest first (indices into ``links``).
    package let others: [[Int]]
    /// False when the search ran out of budget at this size (a cheaper set may exist).
    package let exhaustive: Bool
  }

  /// A considered pair the search found no set for.
  package struct Unfixed: Sendable {
    package let pair: PointTarget
    package let outcome: MitigationSearch.Outcome
    package let relevant: Int
  }

  package let origin: MitigationCandidates.Origin
  package let options: Options
  /// The input graph with every checked candidate added (the input's indices kept; new
  /// sources after them). Names the links and new nodes.
  package let graph: SupplyGraph
  /// Candidates that passed the checks.
  package let links: [Link]
  /// Candidates that cannot help, and why (a warning each).
  package let rejected: DiagnosticLog
  /// The points mitigated, in rank order.
  package let points: [NodeIndex]
  /// Every (point, target) considered.
  package let pairs: [PointTarget]
  package let proposals: [Proposal]
  package let unfixed: [Unfixed]
  /// Pairs left out by the limits (points beyond ``Options/points`` are not counted).
  package let targetsLeftOut: Int
  package let proposalsLeftOut: Int

  /// - Parameter candidates: From a file; nil to find them in the graph.
  package init(
    spof: SpofReport, candidates: MitigationCandidates?, options: Options = Options()
  ) {
    self.options = options
    let base = spof.graph
    let analysis = spof.analysis
    let network = analysis.network
    // The points and their targets.
    var points: [NodeIndex] = []
    var pairs: [PointTarget] = []
    var searchPairs: [MitigationSearch.Pair] = []
    var leftOut = 0
    let ranked: [SinglePointsOfFailure.Criticality] =
      spof.focus.map { [analysis.criticality(of: $0)] }
      ?? Array(analysis.criticalNodes.prefix(options.points))
    for c in ranked where !c.targetsCut.isEmpty {
      points.append(c.node)
      let targets = Array(c.targetsCut.prefix(options.targetsPerPoint))
      leftOut += c.targetsCut.count - targets.count
      searchPairs.append(.init(point: c.node, targets: targets))
      for t in targets { pairs.append(PointTarget(point: c.node, target: t)) }
    }
    self.points = points
    self.pairs = pairs
    self.targetsLeftOut = leftOut

    // The candidates, checked against the graph's groups.
    var rejected = DiagnosticLog()
    let raw =
      candidates
      ?? Self.sameKindCandidates(
        network: network, points: points, perGroup: options.candidatesPerGroup)
    origin = raw.origin
    var checked: [(MitigationCandidates.Link, part: String?)] = []
    var seen = Set<String>()
    let newIDs = Set(raw.newNodes.map(\.id))
    for link in raw.links {
      switch Self.check(link, in: network, isNew: newIDs.contains(link.source)) {
      case .failure(let why):
        rejected.warning("\(link.origin) (\(link.source) → \(link.target)): \(why)", at: nil)
      case .success(let part):
        let key = "\(link.source)\u{0}\(link.target)\u{0}\(part ?? "\u{1}")"
        if seen.insert(key).inserted {
          checked.append((link, part))
        } else {
          rejected.warning(
            "\(link.origin) (\(link.source) → \(link.target)): listed twice; the first is used",
            at: nil)
        }
      }
    }
    self.rejected = rejected

    // The input with every checked candidate on top (kept out of service until proposed).
    var builder = SupplyGraphBuilder(expectedNodes: 16, expectedEdges: checked.count)
    for node in raw.newNodes {
      _ = builder.addNode(
        id: node.id, name: node.name, kind: node.kind, attributes: node.attributes)
    }
    for (link, part) in checked {
      let s = builder.addNode(id: link.source).index
      let t = builder.addNode(id: link.target).index
      var attributes = link.attributes
      if let cost = link.cost { attributes.append(Attribute(name: "cost", value: .number(cost))) }
      _ = builder.addEdge(
        from: s, to: t, relation: link.relation, part: part, attributes: attributes)
    }
    let joined = base.adding(builder.build())
    let combined = joined.graph
    graph = combined
    let first = Int(joined.addedEdges.lowerBound)
    links = checked.enumerated().map { k, c in
      let e = EdgeIndex(first + k)
      return Link(
        source: combined.source(of: e), target: combined.target(of: e), relation: c.0.relation,
        part: c.part, cost: c.0.cost, isNewSource: newIDs.contains(c.0.source), origin: c.0.origin)
    }
    let failed = base.nodes.filter { base.isFailed($0) }
    let disabled = base.edges.filter { base.isDisabled($0) }
    let candidateEdges = Array(joined.addedEdges)
    func networkAdding(_ set: [Int]) -> SupplyNetwork {
      var inSet = [Bool](repeating: false, count: candidateEdges.count)
      for k in set { inSet[k] = true }
      let cut = disabled + candidateEdges.enumerated().filter { !inSet[$0.offset] }.map(\.element)
      return SupplyNetwork(
        graph: combined.applying(failed: failed, cut: cut), semantics: network.semantics,
        minimumShare: network.minimumShare)
    }

    // The search, on the combined graph with every candidate out of service.
    let idle = networkAdding([])
    let searchCandidates = links.enumerated().map { k, l in
      MitigationSearch.Candidate(
        source: l.source, target: l.target,
        group: Int(idle.groupOfEdge[Int(candidateEdges[k])]), cost: l.cost)
    }
    let search = MitigationSearch(
      network: idle, candidates: searchCandidates, pairs: searchPairs,
      maximumLinks: options.maximumLinks, budget: options.budget)

    // Distinct sets, each with the pairs it was found for.
    var sets: [[Int]] = []
    var foundFor: [[PointTarget]] = []
    var alternatives: [Int] = []
    var others: [[[Int]]] = []
    var exhaustive: [Bool] = []
    var unfixed: [Unfixed] = []
    var setIndex: [[Int]: Int] = [:]
    for r in search.results {
      let pair = PointTarget(point: r.point, target: r.target)
      switch r.outcome {
      case .fixed(let set, let count, let complete) where !set.isEmpty:
        let k: Int
        if let known = setIndex[set] {
          k = known
          foundFor[k].append(pair)
          alternatives[k] = max(alternatives[k], count)
          exhaustive[k] = exhaustive[k] && complete
        } else {
          k = sets.count
          setIndex[set] = k
          sets.append(set)
          foundFor.append([pair])
          alternatives.append(count)
          others.append([])
          exhaustive.append(complete)
        }
        for o in r.others where others[k].count < 3 && !others[k].contains(o) {
          others[k].append(o)
        }
      case .fixed: break
      default:
        unfixed.append(Unfixed(pair: pair, outcome: r.outcome, relevant: r.relevant))
      }
    }
    self.unfixed = unfixed

    // Verify: the analysis again, on the graph with each set added.
    let allTargets = Array(Set(pairs.map(\.target))).sorted()
    var before: [NodeIndex: TargetRedundancy] = [:]
    for r in spof.redundancyRanked { before[r.target] = r }
    struct Checked {
      let set: [Int]
      let found: [PointTarget]
      let removed: [PointTarget]
      let redundancy: [RedundancyChange]
      let alternatives: Int
      let others: [[Int]]
      let exhaustive: Bool
      let cost: Double?
    }
    // Sets found for the most pairs are verified first when there are too many.
    let order = sets.indices.sorted { a, b in
      foundFor[a].count != foundFor[b].count
        ? foundFor[a].count > foundFor[b].count : sets[a].lexicographicallyPrecedes(sets[b])
    }
    proposalsLeftOut = max(0, order.count - options.proposals)
    var verified: [Checked] = []
    // One re-run per proposal, two at a time on large graphs (each is a whole analysis).
    let chosen = Array(order.prefix(options.proposals))
    let parallel = base.nodeCount >= 50_000
    var done = 0
    let linkList = links
    for start in stride(from: 0, to: chosen.count, by: parallel ? 2 : 1) {
      let batch = Array(chosen[start..<min(chosen.count, start + (parallel ? 2 : 1))])
      let checked = ParallelBuild.run(batch.count, parallel: parallel) { i -> Checked in
        let k = batch[i]
        let after = SinglePointsOfFailure(network: networkAdding(sets[k]), targets: allTargets)
        var stillCut = Set<PointTarget>()
        for p in points {
          for t in after.criticality(of: p).targetsCut {
            stillCut.insert(PointTarget(point: p, target: t))
          }
        }
        let removed = pairs.filter { !stillCut.contains($0) }
        let removedTargets = Set(removed.map(\.target))
        var changes: [RedundancyChange] = []
        if !removedTargets.isEmpty {
          for r in TargetRedundancy.compute(report: after, limit: spof.options.maximumRedundancy)
          where removedTargets.contains(r.target) {
            if let b = before[r.target] { changes.append(RedundancyChange(before: b, after: r)) }
          }
        }
        var cost: Double? = 0
        for i in sets[k] {
          if let c = linkList[i].cost, let total = cost { cost = total + c } else { cost = nil }
        }
        return Checked(
          set: sets[k], found: foundFor[k], removed: removed, redundancy: changes,
          alternatives: alternatives[k], others: others[k], exhaustive: exhaustive[k], cost: cost)
      }
      verified.append(contentsOf: checked)
      done += batch.count
      options.progress?(done, chosen.count)
    }
    // Ranked by points removed, then cost (unknown last), then size, then candidate order.
    verified.sort { a, b in
      if a.removed.count != b.removed.count { return a.removed.count > b.removed.count }
      switch (a.cost, b.cost) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: break
      }
      if a.set.count != b.set.count { return a.set.count < b.set.count }
      return a.set.lexicographicallyPrecedes(b.set)
    }
    proposals = verified.enumerated().map { i, c in
      let removed = Set(c.removed)
      return Proposal(
        rank: i + 1, links: c.set, cost: c.cost, found: c.found, removed: c.removed,
        verified: c.found.allSatisfy { removed.contains($0) }, redundancy: c.redundancy,
        alternatives: c.alternatives, others: c.others, exhaustive: c.exhaustive)
    }
  }

  /// Whether `link` can give its customer another source, and the part it supplies.
  static func check(
    _ link: MitigationCandidates.Link, in network: SupplyNetwork, isNew: Bool
  ) -> Result<String?, CandidateProblem> {
    let graph = network.graph
    guard let t = graph.index(of: link.target) else {
      return .failure("'\(link.target)' is not in the graph: a candidate supplies a node the graph has")
    }
    if link.source == link.target { return .failure("a node cannot supply itself") }
    if !isNew, graph.index(of: link.source) == nil {
      return .failure("'\(link.source)' is not in the graph")
    }
    guard Relation(name: link.relation, contextRelations: Set(graph.contextRelations)).role == .flow
    else {
      return .failure("relation '\(link.relation)' is context, not supply: it cannot substitute")
    }
    if graph.isFailed(t) { return .failure("'\(link.target)' fails in this scenario") }
    let groups = network.groups(of: t)
    guard !groups.isEmpty else {
      return .failure("'\(link.target)' has no suppliers to stand in for (an origin needs none)")
    }
    var part = link.part
    switch network.semantics {
    case .or:
      break
    case .parts:
      if graph.requirement(of: t) == .all {
        return .failure(
          "'\(link.target)' requires all of its suppliers: another one adds a requirement instead of a source")
      }
      let labels = groups.map { g -> String? in
        let code = network.groupLabel[g]
        return code < 0 ? nil : graph.partLabels[Int(code)]
      }
      if part == nil, labels.count == 1 {
        part = labels[0]
      } else if !labels.contains(part) {
        let needed = labels.map { $0.map { "'\($0)'" } ?? "unlabeled supply" }
        let what =
          part.map { "'\(link.target)' needs no part '\($0)'" }
          ?? "'\(link.target)' needs several parts: say which"
        return .failure(CandidateProblem(stringLiteral: what + " (it needs \(needed.joined(separator: ", ")))"))
      }
    }
    if let s = graph.index(of: link.source) {
      for e in graph.dependencyIn.edges(of: t) where graph.source(of: e) == s {
        if network.semantics == .or || graph.part(of: e) == part {
          return .failure("'\(link.source)' already supplies '\(link.target)'\(part.map { " with part '\($0)'" } ?? "")")
        }
      }
    }
    return .success(part)
  }

  /// Why a candidate cannot help.
  struct CandidateProblem: Error, ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
    CustomStringConvertible
  {
    let description: String
    init(stringLiteral value: String) { description = value }
    init(stringInterpolation: DefaultStringInterpolation) {
      description = String(stringInterpolation: stringInterpolation)
    }
  }

  /// The candidates the graph itself suggests for `points`: for each group a point leaves
  /// empty, the nodes of the same kind as its suppliers that supply the same part (or, for
  /// unlabeled supply, the same kind of customer) elsewhere and stay supplied.
  /// - Complexity: O(*V* + *E*) per point, plus the suppliers looked at per empty group.
  static func sameKindCandidates(
    network: SupplyNetwork, points: [NodeIndex], perGroup: Int
  ) -> MitigationCandidates {
    let graph = network.graph
    let n = graph.nodeCount
    // Suppliers by key: a part code, or (unlabeled) the customer's kind after every part.
    let parts = graph.partLabels.count
    let keyCount = parts + NodeKind.allCases.count
    func key(_ e: EdgeIndex) -> Int {
      let c = graph.partCodes[Int(e)]
      return c >= 0 ? Int(c) : parts + Int(graph.kind(of: graph.target(of: e)).rawValue)
    }
    var offsets = [Int](repeating: 0, count: keyCount + 1)
    for e in graph.edges where network.carries[Int(e)] { offsets[key(e) + 1] += 1 }
    for k in 0..<keyCount { offsets[k + 1] += offsets[k] }
    var fill = offsets
    var suppliers = [NodeIndex](repeating: 0, count: offsets[keyCount])
    for e in graph.edges where network.carries[Int(e)] {
      let k = key(e)
      suppliers[fill[k]] = graph.source(of: e)
      fill[k] += 1
    }
    var links: [MitigationCandidates.Link] = []
    var seen = Set<[Int32]>()
    let ids = graph.ids
    var mask = [Bool](repeating: false, count: n)
    let baseline = network.suppliedNodes()
    for x in points {
      mask[Int(x)] = true
      let supplied = network.suppliedNodes(failed: mask)
      mask[Int(x)] = false
      for v in graph.nodes where baseline[Int(v)] && !supplied[Int(v)] && v != x {
        if network.semantics == .parts, graph.requirement(of: v) == .all { continue }
        for g in network.groups(of: v) {
          // The group's suppliers; skip groups that still have a supplied one.
          var sources: [NodeIndex] = []
          var alive = false
          var edge: EdgeIndex = -1
          for e in graph.dependencyIn.edges(of: v) where network.groupOfEdge[Int(e)] == Int32(g) {
            let u = graph.source(of: e)
            if supplied[Int(u)] && network.carries[Int(e)] { alive = true }
            sources.append(u)
            if edge < 0 { edge = e }
          }
          guard !alive, edge >= 0 else { continue }
          let kinds = Set(sources.map { graph.kind(of: $0) })
          let label = network.groupLabel[g]
          let k =
            network.semantics == .parts && label >= 0
            ? Int(label) : parts + Int(graph.kind(of: v).rawValue)
          var found: [NodeIndex] = []
          for i in offsets[k]..<offsets[k + 1] {
            let u = suppliers[i]
            if u == v || u == x || !supplied[Int(u)] || !kinds.contains(graph.kind(of: u)) {
              continue
            }
            if sources.contains(u) || found.contains(u) { continue }
            found.append(u)
          }
          found.sort { ids[Int($0)] < ids[Int($1)] }
          for u in found.prefix(perGroup) where seen.insert([u, v, Int32(g)]).inserted {
            let part = label >= 0 ? graph.partLabels[Int(label)] : nil
            links.append(
              MitigationCandidates.Link(
                source: ids[Int(u)], target: ids[Int(v)], relation: graph.relation(of: edge).name,
                part: network.semantics == .parts ? part : graph.part(of: edge), cost: nil,
                origin:
                  "same kind: \(ids[Int(u)]) supplies \(part.map { "part '\($0)'" } ?? "a \(graph.kind(of: v).name)") elsewhere"
              ))
          }
        }
      }
    }
    return MitigationCandidates(origin: .sameKind, links: links, newNodes: [], diagnostics: DiagnosticLog())
  }
}
