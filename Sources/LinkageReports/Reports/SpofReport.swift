import LinkageCore

/// Everything a single-points-of-failure answer shows: the ranked critical nodes and links with
/// their chains of dependence, each target's redundancy, hidden single sourcing, the structural
/// view and an optional Monte Carlo estimate — computed once, then rendered by any output.
///
///     let request = try AnalysisRequest(graph: graph, options: options)
///     let report = SpofReport(input: input, request: request)
///     print(TableRenderer.render(report))
///
/// Under OR semantics a node cuts a target off exactly when it dominates it in the flow graph
/// rooted at a virtual source joined to every origin; under parts semantics (AND of ORs) the
/// impact is the exact least fixed point of supply with that node failed.
package struct SpofReport: Sendable {
  /// Which why-chains the report carries.
  package enum Chains: Sendable {
    /// One chain per target cut, for every listed node and link (JSON).
    case everyTarget
    /// The chain to the first target cut, for listed nodes only (tables, CSV).
    case firstTarget
  }

  /// What to list and explain.
  package struct Options: Sendable {
    /// How many ranked nodes and links to list (nil: all).
    package var limit: Int?
    /// Show this node alone, with every chain.
    package var focus: NodeIndex?
    package var chains: Chains = .everyTarget
    /// Count independent supply paths per target up to this many.
    package var maximumRedundancy = 5
    /// Whether to compute each target's redundancy (diagrams do not show it).
    package var includesRedundancy = true
    /// Monte Carlo trials (nil: none) and their seed.
    package var simulationTrials: Int?
    package var simulationSeed: UInt64 = 1
    /// Whether to rank nodes by share-weighted value lost (`--loss`).
    package var includesLoss = false
    /// Whether to run the time-to-survive / time-to-recover stress test (`--stress`).
    package var includesStress = false
    /// An attribute whose values fail as units (`--group-by`).
    package var groupBy: String?
    /// Called with the trials done so far while simulating.
    package var progress: (@Sendable (Int) -> Void)?
    package init() {}
  }

  /// A chain of dependence from a failure to one target it cuts off.
  package struct Why: Sendable {
    package let target: NodeIndex
    /// The nodes (and, under parts semantics, the edges and part groups) from the failure to
    /// the target, the failure itself excluded.
    package let steps: [SinglePointsOfFailure.Step]

    /// Every node the failure takes down on the way to the target: each step's node and the
    /// other suppliers of its group that fell with it, in chain order, each once.
    /// - Complexity: O(*s* · *a*) for *s* steps with *a* fallen suppliers each.
    package var fallen: [NodeIndex] {
      var out: [NodeIndex] = []
      for step in steps {
        for v in step.alsoFell + [step.node] where !out.contains(v) { out.append(v) }
      }
      return out
    }
  }

  /// A critical node, with its rank among all critical nodes.
  package struct RankedNode: Sendable {
    /// 1-based rank, or nil for a focus node that cuts nothing.
    package let rank: Int?
    package let node: NodeIndex
    package let targetsCut: [NodeIndex]
    package let valueCut: Double
    /// Per ``Options/chains``: every target's chain, or the first one's.
    package let why: [Why]
  }

  /// A critical link, with its rank among all critical links.
  package struct RankedLink: Sendable {
    package let rank: Int
    package let edge: EdgeIndex
    package let targetsCut: [NodeIndex]
    package let valueCut: Double
    /// Every target's chain with ``Chains/everyTarget``, else empty.
    package let why: [Why]
  }

  package let input: AnalysisInput
  package let semantics: AnalysisRequest.Semantics
  package let targetRule: AnalysisRequest.TargetRule
  package let options: Options
  /// The analysis itself (every critical node and link, unlisted ones included).
  package let analysis: SinglePointsOfFailure
  /// The listed critical nodes: the focus alone, else the ranked list up to the limit.
  package let nodes: [RankedNode]
  /// The listed critical links: those at the focus, else the ranked list up to the limit.
  package let links: [RankedLink]
  /// Each target's redundancy (with a focus: the focus alone, if it is a target).
  package let redundancy: [TargetRedundancy]
  /// Hidden single sourcing (with a focus: the focus alone, if it has any).
  package let hiddenSingleSources: [SinglePointsOfFailure.HiddenSingleSource]
  /// Every target's redundancy, for the target table (least redundant first, ties by id).
  package let redundancyRanked: [TargetRedundancy]
  package let structure: UndirectedStructure
  package let simulation: FailureSimulation?
  /// What the input's scenario does to the targets' supply (nil without a scenario).
  package let effect: ScenarioEffect?
  /// Time to survive vs time to recover (with ``Options/includesStress``).
  package let stress: StressTest?
  /// Failure units by the values of ``Options/groupBy``.
  package let groups: GroupFailures?
  /// Share-weighted loss (with ``Options/includesLoss``).
  package let loss: SupplyLoss?
  /// A listed loss entry with the targets it lowers.
  package struct LossItem: Sendable {
    package let entry: SupplyLoss.Entry
    package let effects: [SupplyLoss.TargetEffect]
  }
  /// The listed loss entries (up to the limit) with the targets each one lowers.
  package let lossListed: [LossItem]

  package var graph: SupplyGraph { input.graph }
  package var focus: NodeIndex? { options.focus }

  /// Runs the analysis and builds the report.
  /// - Precondition: `request` resolved targets and semantics.
  /// - Complexity: the analysis (O(*E* α) under OR, O(*V* · *E*) worst case under parts), plus
  ///   O(*L* · *T* · *d*) for the chains of *L* listed nodes and links to their *T* targets of
  ///   chain length *d*, plus redundancy (O(*T* · *r* · *E*) for *r* = maximumRedundancy).
  package init(input: AnalysisInput, request: AnalysisRequest, options: Options = Options()) {
    guard let semantics = request.semantics, let targets = request.targets else {
      preconditionFailure("SpofReport needs a request with targets and semantics")
    }
    let graph = input.graph
    self.input = input
    self.semantics = semantics
    self.targetRule = targets.rule
    self.options = options
    let network = SupplyNetwork(
      graph: graph, semantics: semantics.semantics, minimumShare: semantics.minimumShare)
    let analysis = SinglePointsOfFailure(network: network, targets: targets.nodes)
    self.analysis = analysis
    var explainer = analysis.explainer()
    func whys(_ chains: [[SinglePointsOfFailure.Step]], _ targets: [NodeIndex]) -> [Why] {
      zip(targets, chains).map { Why(target: $0, steps: $1) }
    }
    func explain(_ node: NodeIndex, _ targets: [NodeIndex], all: Bool) -> [Why] {
      let asked = all ? targets : Array(targets.prefix(1))
      return whys(explainer.explanations(of: node, for: asked), asked)
    }
    if let focus = options.focus {
      // One pass over the ranked list finds the focus's rank and the ranks of its links.
      var rank: Int? = nil
      for (k, c) in analysis.criticalNodes.enumerated() where c.node == focus {
        rank = k + 1
        break
      }
      let c = analysis.criticality(of: focus)
      nodes = [
        RankedNode(
          rank: rank, node: focus, targetsCut: c.targetsCut, valueCut: c.valueCut,
          why: explain(focus, c.targetsCut, all: true))
      ]
      var listed: [RankedLink] = []
      for (k, l) in analysis.criticalLinks.enumerated()
      where graph.source(of: l.edge) == focus || graph.target(of: l.edge) == focus {
        let chains =
          options.chains == .everyTarget
          ? whys(explainer.explanations(ofLink: l.edge, for: l.targetsCut), l.targetsCut) : []
        listed.append(
          RankedLink(
            rank: k + 1, edge: l.edge, targetsCut: l.targetsCut, valueCut: l.valueCut, why: chains
          ))
      }
      links = listed
    } else {
      let shown =
        options.limit.map { Array(analysis.criticalNodes.prefix($0)) }
        ?? analysis.criticalNodes
      nodes = shown.enumerated().map { k, c in
        RankedNode(
          rank: k + 1, node: c.node, targetsCut: c.targetsCut, valueCut: c.valueCut,
          why: explain(c.node, c.targetsCut, all: options.chains == .everyTarget))
      }
      let shownLinks =
        options.limit.map { Array(analysis.criticalLinks.prefix($0)) }
        ?? analysis.criticalLinks
      links = shownLinks.enumerated().map { k, l in
        let chains =
          options.chains == .everyTarget
          ? whys(explainer.explanations(ofLink: l.edge, for: l.targetsCut), l.targetsCut) : []
        return RankedLink(
          rank: k + 1, edge: l.edge, targetsCut: l.targetsCut, valueCut: l.valueCut, why: chains)
      }
    }
    let all =
      options.includesRedundancy
      ? TargetRedundancy.compute(report: analysis, limit: options.maximumRedundancy) : []
    let ids = graph.ids
    redundancyRanked = all.sorted { a, b in
      let va = a.value ?? Int.max
      let vb = b.value ?? Int.max
      return va != vb ? va < vb : ids[Int(a.target)] < ids[Int(b.target)]
    }
    if let focus = options.focus {
      redundancy = all.filter { $0.target == focus }
      hiddenSingleSources = analysis.hiddenSingleSources.filter { $0.node == focus }
    } else {
      redundancy = all
      hiddenSingleSources = analysis.hiddenSingleSources
    }
    structure = graph.articulationPointsAndBridges()
    if let trials = options.simulationTrials {
      simulation = FailureSimulation(
        network: network, targets: targets.nodes, trials: trials, seed: options.simulationSeed,
        progress: options.progress ?? { _ in })
    } else {
      simulation = nil
    }
    stress = options.includesStress ? StressTest(network: network, targets: targets.nodes) : nil
    groups = options.groupBy.map {
      GroupFailures(network: network, targets: targets.nodes, attribute: $0)
    }
    if options.includesLoss {
      let loss = SupplyLoss(network: network, targets: targets.nodes)
      self.loss = loss
      let shown: [SupplyLoss.Entry]
      if let focus = options.focus {
        shown = loss.ranked.filter { $0.node == focus }
      } else {
        shown = options.limit.map { Array(loss.ranked.prefix($0)) } ?? loss.ranked
      }
      lossListed = zip(shown, loss.effects(of: shown.map(\.node))).map {
        LossItem(entry: $0, effects: $1)
      }
    } else {
      loss = nil
      lossListed = []
    }
    effect = input.unchanged.map {
      ScenarioEffect(
        unchanged: $0, changed: graph, semantics: semantics.semantics,
        minimumShare: semantics.minimumShare, targets: targets.nodes)
    }
  }
}
