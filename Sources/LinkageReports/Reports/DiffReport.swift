import LinkageCore
import LinkageIO

/// What changed between two inputs (or an input and a scenario on it): the data (nodes and
/// links added, removed, changed) and the answers — single points of failure that appeared or
/// were resolved, targets cut off or restored, redundancy that rose or fell, hidden single
/// sourcing that appeared or vanished, startups whose reach class changed, and best reference
/// routes that got longer, shorter, appeared or disappeared — ranked by impact.
///
///     let diff = DiffReport(old: lastQuarter, new: thisQuarter, options: .init())
///     diff.answers.first   // the change with the most value at stake
///
/// Both sides are analysed with the same target selector and semantics: `auto` is parts when
/// either side has part labels or `requires: all`.
package struct DiffReport: Sendable {
  package struct Options: Sendable {
    /// Target selector text (nil: the buyers, or the sinks, of each side).
    package var targets: String?
    package var semantics: AnalysisRequest.SemanticsChoice = .auto
    package var minimumShare: Double?
    package var match: GraphDiff.Match = .id
    /// Count independent supply paths per target up to this many.
    package var maximumRedundancy = 5
    package init() {}
  }

  /// What kind of change in the answers.
  package enum ChangeKind: String, Sendable, CaseIterable {
    case targetCutOff = "target_cut_off"
    case targetRestored = "target_restored"
    case targetRemoved = "target_removed"
    case targetAdded = "target_added"
    case newSinglePoint = "new_single_point"
    case resolvedSinglePoint = "resolved_single_point"
    case singlePointWider = "single_point_wider"
    case singlePointNarrower = "single_point_narrower"
    case redundancyFell = "redundancy_fell"
    case redundancyRose = "redundancy_rose"
    case hiddenSingleSourceAppeared = "hidden_single_source_appeared"
    case hiddenSingleSourceVanished = "hidden_single_source_vanished"
    case reachClassChanged = "reach_class_changed"
    case routeLost = "route_lost"
    case routeGained = "route_gained"
    case routeLonger = "route_longer"
    case routeShorter = "route_shorter"
  }

  /// One change in the answers, about one node (by id; it is in both graphs).
  package struct AnswerChange: Sendable {
    package let kind: ChangeKind
    package let subject: String
    /// The answer before and after, as a short value (`2`, `dual`, `army in 3 hops`, …).
    package let old: String?
    package let new: String?
    /// The targets (or buyers) involved, by id.
    package let targets: [String]
    /// The sector, for reach and route changes.
    package let sector: Sector?
    /// Value at stake: targets cut × value for supply changes; buyers reached for reach and
    /// route changes.
    package let impact: Double
  }

  package let old: AnalysisInput
  package let new: AnalysisInput
  package let options: Options
  package let semantics: SupplySemantics
  package let data: GraphDiff
  /// Every change in the answers, most impact first, then by kind, then subject.
  package let answers: [AnswerChange]
  package let oldSpof: SpofReport
  package let newSpof: SpofReport

  /// - Throws: ``RequestError`` when the target selector does not resolve on one side.
  /// - Complexity: the single-points-of-failure analysis, redundancy, reach and readiness of
  ///   both sides, plus ``GraphDiff``.
  package init(old: AnalysisInput, new: AnalysisInput, options: Options) throws(RequestError) {
    self.old = old
    self.new = new
    self.options = options
    let semantics: AnalysisRequest.SemanticsChoice
    switch options.semantics {
    case .auto:
      semantics = old.graph.hasPartStructure || new.graph.hasPartStructure ? .parts : .or
    default: semantics = options.semantics
    }
    let asked = AnalysisRequest.Options.failures(
      targets: options.targets, semantics: semantics, minimumShare: options.minimumShare)
    var spofOptions = SpofReport.Options()
    spofOptions.chains = .firstTarget
    spofOptions.limit = 0
    spofOptions.maximumRedundancy = options.maximumRedundancy
    var timer = PhaseTimer()
    let requests = [
      try AnalysisRequest(graph: old.graph, options: asked),
      try AnalysisRequest(graph: new.graph, options: asked),
    ]
    // The two sides are independent: each analysis runs on its own core.
    let big = old.graph.nodeCount + new.graph.nodeCount >= 50_000
    let spofs = ParallelBuild.run(2, parallel: big) { k in
      SpofReport(input: k == 0 ? old : new, request: requests[k], options: spofOptions)
    }
    let (oldSpof, newSpof) = (spofs[0], spofs[1])
    timer.lap("diff: spof, both sides")
    self.oldSpof = oldSpof
    self.newSpof = newSpof
    self.semantics = newSpof.semantics.semantics
    let sides = ParallelBuild.run(3, parallel: big) { k -> Side in
      switch k {
      case 0: return .data(GraphDiff(old: old.graph, new: new.graph, match: options.match))
      default:
        // Classes only: counting every buyer each node reaches is the expensive part of
        // reach, and a class change weighs the sectors it gains or loses.
        let g = k == 1 ? old.graph : new.graph
        return .answers(DualUseReach(graph: g, countsBuyers: false), ReferenceReadiness(graph: g))
      }
    }
    guard case .data(let data) = sides[0], case .answers(let oldReach, let oldReady) = sides[1],
      case .answers(let newReach, let newReady) = sides[2]
    else { preconditionFailure("the parallel pieces came back out of order") }
    timer.lap("diff: data, reach and readiness")
    self.data = data
    answers = Self.answers(
      old: oldSpof, new: newSpof, data: data, reach: (oldReach, newReach),
      readiness: (oldReady, newReady))
    timer.lap("diff: answers")
  }

  /// The changes in the answers between two reports of matched graphs.
  /// What one parallel piece of the diff computed.
  private enum Side {
    case data(GraphDiff)
    case answers(DualUseReach, ReferenceReadiness)
  }

  static func answers(
    old: SpofReport, new: SpofReport, data: GraphDiff, reach: (DualUseReach, DualUseReach),
    readiness: (ReferenceReadiness, ReferenceReadiness)
  ) -> [AnswerChange] {
    let og = old.graph
    let ng = new.graph
    var out: [AnswerChange] = []
    let oldValue = og.nodeAttributes["value"]
    let newValue = ng.nodeAttributes["value"]
    func value(_ v: NodeIndex, new side: Bool) -> Double {
      (side ? newValue : oldValue)?.number(at: Int(v)) ?? 1
    }
    /// The subject's id on the side it is on (new when matched).
    func id(new v: NodeIndex) -> String { ng.id(of: v) }

    // Supply of each target on both sides.
    var oldRedundancy: [NodeIndex: TargetRedundancy] = [:]
    for r in old.redundancy { oldRedundancy[r.target] = r }
    // Targets that left or joined (a buyer removed from the data, or one that is a target on
    // one side only).
    var newTargets = Set<NodeIndex>()
    for r in new.redundancy { newTargets.insert(r.target) }
    for r in old.redundancy {
      let w = data.newOfOld[Int(r.target)]
      guard w < 0 || !newTargets.contains(w) else { continue }
      out.append(
        AnswerChange(
          kind: .targetRemoved, subject: og.id(of: r.target),
          old: r.supplied ? "supplied" : "not supplied", new: w < 0 ? "not in the data" : "not a target",
          targets: [og.id(of: r.target)], sector: nil, impact: value(r.target, new: false)))
    }
    for r in new.redundancy {
      let v = data.oldOfNew[Int(r.target)]
      guard v < 0 || oldRedundancy[v] == nil else { continue }
      out.append(
        AnswerChange(
          kind: .targetAdded, subject: id(new: r.target), old: v < 0 ? "not in the data" : "not a target",
          new: r.supplied ? "supplied" : "not supplied", targets: [id(new: r.target)], sector: nil,
          impact: value(r.target, new: true)))
    }
    for r in new.redundancy {
      let w = r.target
      let v = data.oldOfNew[Int(w)]
      guard v >= 0, let before = oldRedundancy[v] else { continue }
      let worth = value(w, new: true)
      if before.supplied && !r.supplied {
        out.append(
          AnswerChange(
            kind: .targetCutOff, subject: id(new: w), old: "supplied", new: "not supplied",
            targets: [id(new: w)], sector: nil, impact: worth))
      } else if !before.supplied && r.supplied {
        out.append(
          AnswerChange(
            kind: .targetRestored, subject: id(new: w), old: "not supplied", new: "supplied",
            targets: [id(new: w)], sector: nil, impact: worth))
      } else if before.supplied && r.supplied {
        let a = before.value ?? Int.max
        let b = r.value ?? Int.max
        if a != b {
          out.append(
            AnswerChange(
              kind: b < a ? .redundancyFell : .redundancyRose, subject: id(new: w),
              old: Self.redundancyText(before), new: Self.redundancyText(r),
              targets: [id(new: w)], sector: nil, impact: worth))
        }
      }
    }

    // Single points of failure, by node. Targets are compared as nodes of the new graph (ids
    // differ under --match name), and an old single point's targets that lost supply count as
    // cut off (listed above), never as resolved.
    let suppliedNow = new.analysis.network.suppliedNodes()
    var oldCut: [NodeIndex: SinglePointsOfFailure.Criticality] = [:]
    for c in old.analysis.criticalNodes { oldCut[c.node] = c }
    /// An old single point's targets, as new nodes, that are still supplied.
    func stillSupplied(_ c: SinglePointsOfFailure.Criticality) -> [NodeIndex] {
      c.targetsCut.compactMap { t -> NodeIndex? in
        let w = data.newOfOld[Int(t)]
        return w >= 0 && suppliedNow[Int(w)] ? w : nil
      }
    }
    func valueOf(_ targets: some Sequence<NodeIndex>) -> Double {
      targets.reduce(0) { $0 + value($1, new: true) }
    }
    var seen = Set<NodeIndex>()
    for c in new.analysis.criticalNodes {
      let v = data.oldOfNew[Int(c.node)]
      if v >= 0 { seen.insert(v) }
      guard v >= 0, let before = oldCut[v] else {
        out.append(
          AnswerChange(
            kind: .newSinglePoint, subject: id(new: c.node), old: nil,
            new: "cuts \(c.targetsCut.count)", targets: c.targetsCut.map(id(new:)), sector: nil,
            impact: c.valueCut))
        continue
      }
      let now = Set(c.targetsCut)
      let then = Set(stillSupplied(before))
      guard now != then else { continue }
      let gained = now.subtracting(then)
      let lost = then.subtracting(now)
      out.append(
        AnswerChange(
          kind: gained.count >= lost.count && valueOf(gained) >= valueOf(lost)
            ? .singlePointWider : .singlePointNarrower,
          subject: id(new: c.node), old: "cuts \(then.count)", new: "cuts \(now.count)",
          targets: gained.union(lost).map(id(new:)).sorted(), sector: nil,
          impact: abs(valueOf(gained) - valueOf(lost))))
    }
    for c in old.analysis.criticalNodes where !seen.contains(c.node) {
      let w = data.newOfOld[Int(c.node)]
      // A node removed from the data, or failed, resolves nothing; nor does one whose
      // targets are all cut off now.
      guard w >= 0, !ng.isFailed(w) else { continue }
      let alive = stillSupplied(c)
      guard !alive.isEmpty else { continue }
      out.append(
        AnswerChange(
          kind: .resolvedSinglePoint, subject: id(new: w), old: "cuts \(alive.count)",
          new: nil, targets: alive.map(id(new:)).sorted(), sector: nil, impact: valueOf(alive)))
    }

    // Hidden single sourcing.
    var oldHidden = Set<NodeIndex>()
    for h in old.analysis.hiddenSingleSources { oldHidden.insert(h.node) }
    var newHidden = Set<NodeIndex>()
    for h in new.analysis.hiddenSingleSources {
      newHidden.insert(h.node)
      let v = data.oldOfNew[Int(h.node)]
      if v >= 0, !oldHidden.contains(v) {
        out.append(
          AnswerChange(
            kind: .hiddenSingleSourceAppeared, subject: id(new: h.node), old: nil,
            new: "hangs on \(h.singlePoints.map { ng.id(of: $0) }.joined(separator: ", "))",
            targets: h.singlePoints.map { ng.id(of: $0) }, sector: nil,
            impact: value(h.node, new: true)))
      }
    }
    // Vanished only where the node is still supplied: one that lost supply is cut off, not
    // diversified.
    for h in old.analysis.hiddenSingleSources {
      let w = data.newOfOld[Int(h.node)]
      if w >= 0, !newHidden.contains(w), suppliedNow[Int(w)] {
        out.append(
          AnswerChange(
            kind: .hiddenSingleSourceVanished, subject: id(new: w),
            old: "hangs on \(h.singlePoints.map { og.id(of: $0) }.joined(separator: ", "))",
            new: nil,
            targets: h.singlePoints.map { data.newOfOld[Int($0)] >= 0 ? ng.id(of: data.newOfOld[Int($0)]) : og.id(of: $0) },
            sector: nil, impact: value(w, new: true)))
      }
    }

    // Reach classes and best reference routes of startups.
    let (oldReach, newReach) = reach
    let (oldReady, newReady) = readiness
    var oldRow: [NodeIndex: ReferenceReadiness.Row] = [:]
    for r in oldReady.rows { oldRow[r.startup] = r }
    /// How many sectors a class reaches (a change weighs the sectors gained or lost: linear
    /// time, where counting every buyer each startup reaches is not).
    func sectors(_ c: DualUseReach.ReachClass) -> Set<Sector> {
      switch c {
      case .dual: [.defense, .industry]
      case .defenseOnly: [.defense]
      case .industryOnly: [.industry]
      case .none: []
      }
    }
    for w in ng.nodes where ng.kind(of: w) == .startup {
      let v = data.oldOfNew[Int(w)]
      guard v >= 0 else { continue }
      let a = oldReach.classes[Int(v)]
      let b = newReach.classes[Int(w)]
      if a != b {
        out.append(
          AnswerChange(
            kind: .reachClassChanged, subject: id(new: w), old: a.spelling, new: b.spelling,
            targets: [], sector: nil,
            impact: Double(sectors(a).symmetricDifference(sectors(b)).count)))
      }
    }
    for row in newReady.rows {
      let w = row.startup
      let v = data.oldOfNew[Int(w)]
      guard v >= 0, let before = oldRow[v] else { continue }
      for sector in [Sector.defense, .industry] {
        let a = sector == .defense ? before.defense : before.industry
        let b = sector == .defense ? row.defense : row.industry
        func text(_ r: ReferenceReadiness.SectorRoute?, _ g: SupplyGraph) -> String? {
          r.map { "\(g.id(of: $0.buyer)) in \($0.path.hops) hop\($0.path.hops == 1 ? "" : "s")" }
        }
        let kind: ChangeKind?
        switch (a, b) {
        case (nil, nil): kind = nil
        case (.some, nil): kind = .routeLost
        case (nil, .some): kind = .routeGained
        case (.some(let x), .some(let y)):
          kind =
            y.path.hops > x.path.hops
            ? .routeLonger : y.path.hops < x.path.hops ? .routeShorter : nil
        }
        guard let kind else { continue }
        let buyers = [a.map { og.id(of: $0.buyer) }, b.map { ng.id(of: $0.buyer) }]
          .compactMap { $0 }
        out.append(
          AnswerChange(
            kind: kind, subject: id(new: w), old: text(a, og), new: text(b, ng),
            targets: Array(Set(buyers)).sorted(), sector: sector,
            impact: Double(max(1, abs((b?.path.hops ?? 0) - (a?.path.hops ?? 0))))))
      }
    }
    let order = Dictionary(
      uniqueKeysWithValues: ChangeKind.allCases.enumerated().map { ($1, $0) })
    return out.sorted { x, y in
      if x.impact != y.impact { return x.impact > y.impact }
      if x.kind != y.kind { return order[x.kind]! < order[y.kind]! }
      if x.subject != y.subject { return x.subject < y.subject }
      return (x.sector?.name ?? "") < (y.sector?.name ?? "")
    }
  }

  /// A redundancy as a short value: `2`, `≥ 6`, `≤ 3`, `unlimited`.
  static func redundancyText(_ r: TargetRedundancy) -> String {
    guard let v = r.value else { return "unlimited" }
    switch r.bound {
    case .exact: return String(v)
    case .atLeast: return "≥ \(v)"
    case .atMost: return "≤ \(v)"
    case .unlimited: return "unlimited"
    }
  }
}
