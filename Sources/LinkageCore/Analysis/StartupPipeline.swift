/// The four-stage pipeline — technology → verification → application → diffusion — as an
/// analysis: for every startup the stages its flow routes evidence (a route from the startup
/// that passes a program of that stage), whether one route passes them in order, the funnel,
/// stalled startups, gateways (busy against critical) and the agencies behind the programs.
///
/// Definitions, all over flow edges, failed nodes never passed:
/// - *reached*: stage *k* is reached when some route from the startup passes a program whose
///   `stage` is *k* (the program ends the route, or the route goes on past it); the evidence
///   is the nearest such program by hops (ties by id) and the route to it;
/// - *highest* evidenced stage, against the startup's declared `stage`;
/// - *continuous*: one route passes programs of every reached stage in stage order; otherwise
///   the chain *breaks* after the longest in-order prefix of the reached stages;
/// - *stalled* at *k*: *k* is the highest reached stage, below diffusion, and the startup has
///   no route to a buyer of the other sector either (a defense startup to industry and back;
///   dual or unsectored startups by stage alone);
/// - a *gateway* (program, integrator or agency on a route) is *busy* by the startups whose
///   evidence routes pass it, and *critical* for the startups that would lose every route to
///   some reached stage if it failed (it lies on all of them: a dominator of the startup in the
///   reversed flow graph rooted at that stage's programs); apart from the evidence routes, a
///   gateway counts the startups with *any* simple route of at most ``bound`` hops to a staged
///   program that passes it (``BoundedRouteCover``), and its betweenness restricted to
///   shortest routes from startups to buyers (``CompressedAdjacency/subsetBetweenness(from:to:predecessors:include:)``).
///
///     let p = StartupPipeline(graph: graph)
///     p.startups.first { graph.id(of: $0.node) == "argos-vision" }?.highest   // .application
///
/// - Complexity: O(*V* + *E*) per stage and per ordered set of stages (15) for reach and
///   continuity, O(*E* log *V*) per stage for the dominators, plus the evidence routes and
///   dominator chains of every startup, one backward search per agency over the nodes
///   downstream of startups, the bounded route cover and one breadth-first search per startup
///   for the betweenness.
package struct StartupPipeline: Sendable {
  package struct Evidence: Sendable {
    package let stage: Stage
    /// The nearest program of the stage, and the route from the startup to it.
    package let program: NodeIndex
    package let route: Path
  }

  package struct Startup: Sendable {
    package let node: NodeIndex
    package let declared: Stage?
    /// Reached stages in stage order, with their evidence.
    package let reached: [Evidence]
    package var highest: Stage? { reached.last?.stage }
    /// The stage after the highest reached (technology when none is; nil at diffusion).
    package var next: Stage? {
      guard let h = highest else { return .technology }
      return Stage(rawValue: h.rawValue + 1)
    }
    /// How many of the reached stages one route passes in order (from the first).
    package let inOrder: Int
    package var continuous: Bool { inOrder == reached.count }
    /// Where the chain breaks: the last stage passed in order and the next reached stage no
    /// in-order route gets to.
    package var breaksBetween: (Stage, Stage)? {
      guard !continuous, inOrder > 0 else { return nil }
      return (reached[inOrder - 1].stage, reached[inOrder].stage)
    }
    package let stalled: Bool
    /// Nodes on every route to a reached stage, per reached stage (same order as `reached`).
    package let critical: [[NodeIndex]]
    /// Whether the startup declares a stage and its routes evidence another (or none).
    package var disagrees: Bool { declared != nil && declared != highest }
    /// Whether it declares a stage and its routes evidence another one.
    package var contradicts: Bool { declared != nil && highest != nil && declared != highest }
    /// Whether it declares a stage and no route of it passes a staged program.
    package var unevidenced: Bool { declared != nil && highest == nil }
  }

  package struct Gateway: Sendable {
    package let node: NodeIndex
    /// Startups whose evidence routes pass it (the startup and the program at the end of a
    /// route count too when they are gateways).
    package let busy: Int
    /// Startups that lose every route to some stage if it fails.
    package let critical: Int
    /// Startups with a simple route of at most ``StartupPipeline/bound`` hops to a staged
    /// program that passes it.
    package let withinBound: Int
    /// Betweenness restricted to shortest startup → buyer routes (NetworkX's
    /// `betweenness_centrality_subset`, unnormalized).
    package let betweenness: Double
  }

  package struct Agency: Sendable {
    package let node: NodeIndex
    /// Programs it funds or supports (any link from the agency to a program).
    package let programs: [NodeIndex]
    /// Startups it supports directly.
    package let startupsSupported: Int
    /// Per stage (technology…diffusion): startups with a route to one of its programs of that
    /// stage.
    package let carried: [Int]
    /// Dual-use startups (routes to buyers of both sectors) that pass one of its programs.
    package let dualUseCarried: Int
  }

  /// Every startup, by index.
  package let startups: [Startup]
  /// Startups by highest evidenced stage: index 0 none, 1…4 technology…diffusion.
  package let funnel: [Int]
  /// The same per startup sector (nil: no sector), sectors in their order.
  package let funnelBySector: [(sector: Sector?, counts: [Int])]
  /// Gateways with a busy or critical count, most critical first, then busiest, then by id.
  package let gateways: [Gateway]
  /// Agencies with programs, most startups carried first, then by id.
  package let agencies: [Agency]
  /// Startups with routes to buyers of both sectors.
  package let dualUseStartups: Int
  /// The most hops a route counted by ``Gateway/withinBound`` may have.
  package let bound: Int

  /// The default ``bound``.
  package static let defaultBound = 8

  /// Startups that reached stage `k` or beyond (the funnel's cumulative counts).
  package func reachedAtLeast(_ stage: Stage) -> Int {
    funnel[(Int(stage.rawValue) + 1)...].reduce(0, +)
  }

  package init(graph: SupplyGraph, bound: Int = StartupPipeline.defaultBound) {
    let n = graph.nodeCount
    self.bound = bound
    let stages = Stage.allCases
    let startupNodes = graph.nodes.filter { graph.kind(of: $0) == .startup && !graph.isFailed($0) }
    // Flow edges usable by routes: none into or out of a failed node, none cut.
    var usable = [Bool](repeating: true, count: graph.edgeCount)
    if graph.hasScenario {
      for e in graph.edges {
        usable[Int(e)] =
          !graph.isDisabled(e) && !graph.isFailed(graph.sources[Int(e)])
          && !graph.isFailed(graph.targets[Int(e)])
      }
    }
    let flowIn = graph.flowIn
    let flowOut = graph.flowOut
    var programsOf = [[NodeIndex]](repeating: [], count: stages.count)
    for v in graph.nodes where graph.kind(of: v) == .program && !graph.isFailed(v) {
      if let s = graph.stage(of: v) { programsOf[Int(s.rawValue)].append(v) }
    }
    for k in programsOf.indices { programsOf[k].sort { graph.id(of: $0) < graph.id(of: $1) } }
    // Nearest program of each stage, backwards from the programs.
    let forests = programsOf.map { flowIn.nearestSources($0, include: usable) }
    // Ordered sets of stages (bit masks): ok[mask][v] = a route from v passes programs of the
    // mask's stages in stage order (v itself counts as the route's first node).
    var ok = [[Bool]](repeating: [], count: 16)
    ok[0] = [Bool](repeating: true, count: n)
    for mask in 1..<16 {
      let lowest = mask.trailingZeroBitCount
      let rest = mask & ~(1 << lowest)
      // Start from programs of the lowest stage that can go on with the rest.
      let seeds = programsOf[lowest].filter { ok[rest][Int($0)] }
      var mark = [Bool](repeating: false, count: n)
      var stack = seeds
      for s in seeds { mark[Int(s)] = true }
      while let v = stack.popLast() {
        for i in flowIn.range(of: v) where usable[Int(flowIn.edges[i])] {
          let u = flowIn.neighbors[i]
          if !mark[Int(u)] {
            mark[Int(u)] = true
            stack.append(u)
          }
        }
      }
      ok[mask] = mark
    }
    // Buyers of each sector, for the stalled rule and dual use.
    func reachesBuyers(_ sector: Sector) -> [Bool] {
      let buyers = graph.nodes.filter {
        graph.kind(of: $0) == .buyer && graph.sector(of: $0) == sector && !graph.isFailed($0)
      }
      let forest = flowIn.nearestSources(buyers, include: usable)
      var reaches = (0..<n).map { forest.reaches(NodeIndex($0)) }
      for b in buyers { reaches[Int(b)] = false }
      return reaches
    }
    let toDefense = reachesBuyers(.defense)
    let toIndustry = reachesBuyers(.industry)
    // Dominators toward each stage's programs: nodes on every route from v to one.
    let trees = programsOf.map { programs in
      DominatorTree(
        successors: flowIn, predecessors: flowOut, root: NodeIndex(n),
        virtualRootSuccessors: programs)
    }
    var busy = [Int32](repeating: 0, count: n)
    var critical = [Int32](repeating: 0, count: n)
    var stamp = [Int32](repeating: -1, count: n)
    var criticalStamp = [Int32](repeating: -1, count: n)
    var rows: [Startup] = []
    rows.reserveCapacity(startupNodes.count)
    for (index, s) in startupNodes.enumerated() {
      var reached: [Evidence] = []
      var criticalLists: [[NodeIndex]] = []
      for k in stages.indices where forests[k].reaches(s) {
        guard let route = forests[k].path(from: s), let program = route.nodes.last else { continue }
        reached.append(Evidence(stage: stages[k], program: program, route: route))
        for v in route.nodes where stamp[Int(v)] != Int32(index) {
          stamp[Int(v)] = Int32(index)
          busy[Int(v)] += 1
        }
        // Nodes on every route to stage k: the startup's dominators toward the programs.
        let doms = trees[k].dominators(of: s).filter { $0 < Int32(n) }
        criticalLists.append(doms)
        for d in doms where criticalStamp[Int(d)] != Int32(index) {
          criticalStamp[Int(d)] = Int32(index)
          critical[Int(d)] += 1
        }
      }
      // The longest in-order prefix of the reached stages.
      var inOrder = 0
      var prefix = 0
      for e in reached {
        prefix |= 1 << Int(e.stage.rawValue)
        if ok[prefix][Int(s)] { inOrder += 1 } else { break }
      }
      let highest = reached.last?.stage
      var stalled = false
      if let h = highest, h != .diffusion {
        switch graph.sector(of: s) {
        case .defense: stalled = !toIndustry[Int(s)]
        case .industry: stalled = !toDefense[Int(s)]
        default: stalled = true
        }
      }
      rows.append(
        Startup(
          node: s, declared: graph.stage(of: s), reached: reached, inOrder: inOrder,
          stalled: stalled, critical: criticalLists))
    }
    startups = rows
    var funnel = [Int](repeating: 0, count: 5)
    // Per sector: index 0 no sector, then the sectors in order.
    let sectors: [Sector?] = [nil] + Sector.allCases.map { $0 }
    var bySector = [[Int]](repeating: [Int](repeating: 0, count: 5), count: sectors.count)
    for r in rows {
      let level = r.highest.map { Int($0.rawValue) + 1 } ?? 0
      funnel[level] += 1
      let key = graph.sector(of: r.node).flatMap { s in sectors.firstIndex(of: s) } ?? 0
      bySector[key][level] += 1
    }
    self.funnel = funnel
    funnelBySector = sectors.indices.compactMap { k in
      bySector[k].reduce(0, +) > 0 ? (sectors[k], bySector[k]) : nil
    }
    // Gateways: programs, integrators, agencies.
    let include = graph.hasScenario ? usable : nil
    var isStaged = [Bool](repeating: false, count: n)
    for list in programsOf { for p in list { isStaged[Int(p)] = true } }
    let cover = flowOut.boundedRouteCover(
      from: startupNodes, to: isStaged, within: bound, predecessors: flowIn, include: include)
    var isBuyer = [Bool](repeating: false, count: n)
    for v in graph.nodes where graph.kind(of: v) == .buyer && !graph.isFailed(v) { isBuyer[Int(v)] = true }
    let betweenness = flowOut.subsetBetweenness(
      from: startupNodes, to: isBuyer, predecessors: flowIn, include: include)
    let ids = graph.ids
    var gates: [Gateway] = []
    for v in graph.nodes {
      let i = Int(v)
      guard busy[i] > 0 || critical[i] > 0 || cover.sources[i] > 0 || betweenness[i] > 0 else { continue }
      switch graph.kind(of: v) {
      case .program, .integrator, .agency:
        gates.append(
          Gateway(
            node: v, busy: Int(busy[i]), critical: Int(critical[i]), withinBound: Int(cover.sources[i]),
            betweenness: betweenness[i]))
      default: break
      }
    }
    gateways = gates.sorted {
      if $0.critical != $1.critical { return $0.critical > $1.critical }
      if $0.busy != $1.busy { return $0.busy > $1.busy }
      if $0.withinBound != $1.withinBound { return $0.withinBound > $1.withinBound }
      if $0.betweenness != $1.betweenness { return $0.betweenness > $1.betweenness }
      return ids[Int($0.node)] < ids[Int($1.node)]
    }
    // Agencies: their programs, and the startups with routes to them, by stage.
    var isStartup = [Bool](repeating: false, count: n)
    for s in startupNodes { isStartup[Int(s)] = true }
    var isDual = [Bool](repeating: false, count: n)
    var dual = 0
    for s in startupNodes where toDefense[Int(s)] && toIndustry[Int(s)] {
      isDual[Int(s)] = true
      dual += 1
    }
    dualUseStartups = dual
    // Backward searches stay among nodes downstream of some startup.
    var downstream = [Bool](repeating: false, count: n)
    var stack = startupNodes
    for s in startupNodes { downstream[Int(s)] = true }
    while let v = stack.popLast() {
      for i in flowOut.range(of: v) where usable[Int(flowOut.edges[i])] {
        let w = flowOut.neighbors[i]
        if !downstream[Int(w)] {
          downstream[Int(w)] = true
          stack.append(w)
        }
      }
    }
    var seen = [Int32](repeating: -1, count: n)
    var searchID: Int32 = 0
    var carriedBy = [Int32](repeating: -1, count: n)  // the last agency whose programs carried it
    var agencyIndex: Int32 = -1
    var agencyRows: [Agency] = []
    for a in graph.nodes where graph.kind(of: a) == .agency {
      var programs: [NodeIndex] = []
      var supported = 0
      for i in graph.outgoing.range(of: a) {
        let w = graph.outgoing.neighbors[i]
        if graph.kind(of: w) == .program { programs.append(w) }
        if graph.kind(of: w) == .startup { supported += 1 }
      }
      guard !programs.isEmpty else { continue }
      programs.sort { ids[Int($0)] < ids[Int($1)] }
      programs.removeDuplicates()
      agencyIndex += 1
      var dualCarried = 0
      var carried = [Int](repeating: 0, count: stages.count)
      for k in stages.indices {
        let seeds = programs.filter { graph.stage(of: $0) == stages[k] && !graph.isFailed($0) }
        guard !seeds.isEmpty else { continue }
        searchID += 1
        var count = 0
        var stack = seeds
        for p in seeds { seen[Int(p)] = searchID }
        while let v = stack.popLast() {
          if isStartup[Int(v)] {
            count += 1
            if carriedBy[Int(v)] != agencyIndex {
              carriedBy[Int(v)] = agencyIndex
              if isDual[Int(v)] { dualCarried += 1 }
            }
          }
          for i in flowIn.range(of: v) where usable[Int(flowIn.edges[i])] {
            let u = flowIn.neighbors[i]
            if seen[Int(u)] != searchID && downstream[Int(u)] {
              seen[Int(u)] = searchID
              stack.append(u)
            }
          }
        }
        carried[k] = count
      }
      agencyRows.append(
        Agency(
          node: a, programs: programs, startupsSupported: supported, carried: carried,
          dualUseCarried: dualCarried))
    }
    agencies = agencyRows.sorted {
      let x = $0.carried.reduce(0, +)
      let y = $1.carried.reduce(0, +)
      return x != y ? x > y : ids[Int($0.node)] < ids[Int($1.node)]
    }
  }
}

extension Array where Element: Equatable {
  /// Removes adjacent duplicates (all duplicates of a sorted array).
  /// - Complexity: O(*n*).
  fileprivate mutating func removeDuplicates() {
    guard count > 1 else { return }
    var kept = 1
    for i in 1..<count where self[i] != self[kept - 1] {
      self[kept] = self[i]
      kept += 1
    }
    removeLast(count - kept)
  }
}
