import LinkageCore

/// What a diagram view draws: which nodes, under which title, with which overlay.
package struct DiagramView: Sendable {
  package var nodes: [NodeIndex]
  package var title: String
  package var overlay: Overlay

  package init(nodes: [NodeIndex], title: String, overlay: Overlay = Overlay()) {
    self.nodes = nodes
    self.title = title
    self.overlay = overlay
  }
}

/// The colors every view and page uses for what a report marks.
package enum ReportPalette {
  /// Single points of failure, cut targets, fragile reach (Okabe–Ito vermillion).
  package static let failure = "#D55E00"
  /// Routes (Okabe–Ito blue).
  package static let route = "#0072B2"

  /// The fill of each sector (Okabe & Ito 2008, colorblind-safe); no sector is light grey.
  package static func fill(_ sector: Sector?) -> String {
    switch sector {
    case .defense: "#56B4E9"
    case .industry: "#E69F00"
    case .dual: "#009E73"
    case nil: "#EEEEEE"
    }
  }

  /// The fill of each reach class: the sector colors (dual-use reach is the dual color).
  package static func fill(_ reachClass: DualUseReach.ReachClass) -> String {
    switch reachClass {
    case .dual: fill(Sector.dual)
    case .defenseOnly: fill(Sector.defense)
    case .industryOnly: fill(Sector.industry)
    case .none: "#DDDDDD"
    }
  }
}

extension DiagramView {
  /// The mark of a node that loses supply in a failure's cascade (besides the targets).
  static let fallen: [(String, String)] = [
    ("color", ReportPalette.failure), ("style", "filled,dashed"), ("penwidth", "2.5"),
  ]

  /// Every node, drawn as the structure view.
  package static func structure(_ input: AnalysisInput) -> DiagramView {
    let graph = input.graph
    return DiagramView(
      nodes: Array(graph.nodes),
      title:
        "\(input.title) — structure (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)")
  }

  /// The nodes within `radius` hops of `center`, drawn as the structure view.
  package static func neighborhood(
    of center: NodeIndex, radius: Int, _ input: AnalysisInput
  ) -> DiagramView {
    let graph = input.graph
    return DiagramView(
      nodes: graph.neighborhood(of: [center], hops: radius),
      title:
        "\(input.title) — \(radius) hop\(radius == 1 ? "" : "s") around \(graph.name(of: center))")
  }

  /// The first `top` listed single points of failure of `report` (nil: every listed one), sized by how many targets each cuts,
  /// the targets they cut and every chain of dependence between them, every critical link,
  /// and `context` hops around them.
  /// Every other drawn node that loses supply when one of them fails is marked as falling
  /// with it (dashed vermillion border), so what is drawn plain survives.
  /// - Precondition: the report carries every target's chain (``SpofReport/Chains/everyTarget``).
  /// - Complexity: O(chain steps listed) plus the neighborhood search, plus one supply
  ///   propagation, O(*V* + *E*), per single point drawn.
  package static func spof(_ report: SpofReport, top: Int? = nil, context: Int) -> DiagramView {
    let graph = report.graph
    let red = ReportPalette.failure
    var overlay = Overlay()
    var core: [NodeIndex] = []
    var targets: [NodeIndex] = []
    var fell: [NodeIndex] = []
    let shown = top.map { Array(report.nodes.prefix($0)) } ?? report.nodes
    let most = Double(shown.first?.targetsCut.count ?? 1)
    for (position, c) in shown.enumerated() {
      core.append(c.node)
      let size = 0.6 + 1.2 * Double(c.targetsCut.count) / most
      overlay.nodes[c.node] = [
        ("fillcolor", red), ("width", NumberFormat.canonical((size * 100).rounded() / 100)),
        ("height", NumberFormat.canonical((size * 60).rounded() / 100)),
      ]
      overlay.nodeLabels[c.node] = "#\(c.rank ?? position + 1): cuts \(c.targetsCut.count)"
      for why in c.why {
        core.append(why.target)
        targets.append(why.target)
        overlay.nodes[why.target] =
          (overlay.nodes[why.target] ?? []) + [("color", red), ("penwidth", "3")]
        for step in why.steps {
          core.append(step.node)
          if step.edge >= 0 { overlay.edges[step.edge] = [("color", red), ("penwidth", "2")] }
          // Everything the failure takes down on the way, the parallel suppliers that fall
          // for the same reason included: a dashed red border (not colour alone), and their
          // dead supply edges dashed.
          for v in [step.node] + step.alsoFell where v != why.target && v != c.node {
            core.append(v)
            if overlay.nodes[v] == nil {
              overlay.nodes[v] = Self.fallen
              fell.append(v)
            }
          }
          for i in graph.incoming.range(of: step.node) {
            let u = graph.incoming.neighbors[i]
            let e = graph.incoming.edges[i]
            if step.alsoFell.contains(u) && overlay.edges[e] == nil {
              overlay.edges[e] = [("color", red), ("penwidth", "1.5"), ("style", "dashed")]
            }
          }
        }
      }
    }
    for l in report.analysis.criticalLinks {
      overlay.edges[l.edge] = [("color", red), ("penwidth", "4")]
    }
    let drawn = core.isEmpty ? Array(graph.nodes) : graph.neighborhood(of: core, hops: context)
    // Beyond the chains: every drawn node that loses supply when a drawn single point fails.
    if !shown.isEmpty {
      let network = SupplyNetwork(
        graph: graph, semantics: report.semantics.semantics,
        minimumShare: report.semantics.minimumShare)
      let intact = network.suppliedNodes()
      var failed = [Bool](repeating: false, count: graph.nodeCount)
      var falls = [Bool](repeating: false, count: graph.nodeCount)
      for c in shown {
        failed[Int(c.node)] = true
        let supplied = network.suppliedNodes(failed: failed)
        failed[Int(c.node)] = false
        for v in drawn where intact[Int(v)] && !supplied[Int(v)] && v != c.node {
          falls[Int(v)] = true
        }
      }
      for v in drawn where falls[Int(v)] {
        if overlay.nodes[v] == nil {
          overlay.nodes[v] = Self.fallen
          fell.append(v)
        }
        // Its dead supply links, from a failed or falling source, dashed.
        for i in graph.incoming.range(of: v) {
          let u = graph.incoming.neighbors[i]
          let e = graph.incoming.edges[i]
          if graph.isFlow[Int(e)], falls[Int(u)] || shown.contains(where: { $0.node == u }),
            overlay.edges[e] == nil
          {
            overlay.edges[e] = [("color", red), ("penwidth", "1.5"), ("style", "dashed")]
          }
        }
      }
    }
    overlay.legend = [
      .init(
        label: "single point of failure", attributes: [("shape", "box"), ("fillcolor", red)],
        marks: shown.map(\.node)),
      .init(
        label: "target it cuts off",
        attributes: [
          ("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", red), ("penwidth", "3"),
        ],
        marks: targets),
      .init(
        label: "falls with it on the way",
        attributes: [("shape", "box"), ("fillcolor", "#FFFFFF")] + Self.fallen,
        // A node marked as fallen may be a single point or a target of another failure too.
        marks: fell.filter { v in
          overlay.nodes[v]?.contains { $0.0 == "style" && $0.1 == "filled,dashed" } ?? false
        }),
      .init(
        label: "critical link", attributes: [("color", red), ("penwidth", "4")], isEdge: true,
        marksEdges: report.analysis.criticalLinks.map(\.edge)),
    ]
    let title =
      "\(report.input.title) — single points of failure (\(report.semantics.semantics.rawValue) semantics, top \(shown.count) of \(report.analysis.criticalNodes.count), context \(context))"
    return DiagramView(nodes: drawn, title: title, overlay: overlay)
  }

  /// The spof view weighted by supplier shares (`render --view spof --loss`): the top nodes by
  /// value lost, sized by it and labelled with it (orange, a heavy border), and the targets
  /// they lower labelled with the share of supply each keeps; `context` hops around them.
  /// - Precondition: `report` was built with ``SpofReport/Options/includesLoss``.
  /// - Complexity: the listed entries' effects plus the neighborhood search.
  package static func loss(_ report: SpofReport, context: Int) -> DiagramView {
    let graph = report.graph
    // Okabe–Ito reddish purple: apart from the sector fills and the single-point red.
    let orange = "#CC79A7"
    var overlay = Overlay()
    var core: [NodeIndex] = []
    var lowered: [NodeIndex] = []
    var kept: [NodeIndex: [String]] = [:]
    let listed = report.lossListed
    let most = max(listed.first?.entry.valueLost ?? 1, 1e-9)
    for (k, item) in listed.enumerated() {
      let v = item.entry.node
      core.append(v)
      let size = 0.6 + 1.2 * item.entry.valueLost / most
      overlay.nodes[v] = [
        ("fillcolor", orange), ("penwidth", "3"),
        ("width", NumberFormat.canonical((size * 100).rounded() / 100)),
        ("height", NumberFormat.canonical((size * 60).rounded() / 100)),
      ]
      overlay.nodeLabels[v] =
        "#\(k + 1): loses \(NumberFormat.canonical((item.entry.valueLost * 100).rounded() / 100))"
      for e in item.effects.prefix(6) {
        core.append(e.target)
        if !lowered.contains(e.target) {
          lowered.append(e.target)
          overlay.nodes[e.target, default: []] += [("color", orange), ("penwidth", "3"), ("style", "filled,dashed")]
        }
        kept[e.target, default: []].append(
          "\(NumberFormat.canonical((e.after * 1000).rounded() / 10))% (#\(k + 1))")
      }
    }
    for (t, list) in kept {
      overlay.nodeLabels[t] = "keeps " + list.prefix(3).joined(separator: ", ") + (list.count > 3 ? ", …" : "")
    }
    overlay.legend = [
      .init(
        label: "failure that loses value (size: value lost)",
        attributes: [("shape", "box"), ("fillcolor", orange), ("penwidth", "3")],
        marks: listed.map(\.entry.node)),
      .init(
        label: "target it lowers (share of supply kept, by failure)",
        attributes: [("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", orange), ("penwidth", "3"), ("style", "filled,dashed")],
        marks: lowered),
    ]
    let drawn = core.isEmpty ? Array(graph.nodes) : graph.neighborhood(of: core, hops: context)
    let title =
      "\(report.input.title) — share-weighted loss (\(report.semantics.semantics.rawValue) semantics, top \(listed.count) of \(report.loss?.ranked.count ?? 0), context \(context); \(report.lossSharesText))"
    return DiagramView(nodes: drawn, title: title, overlay: overlay)
  }

  /// `report`'s stress exposures: the failures whose recovery outlasts a target's time to
  /// impact, sized by the value-weighted shortfall they cause, each exposed target labelled
  /// with the day it runs out against the failure's recovery, and `context` hops around them.
  /// Failures are ranked by total weighted shortfall (up to the report's limit, 10 by default).
  /// - Complexity: O(exposures) plus the neighborhood search.
  package static func stress(_ report: SpofReport, context: Int) -> DiagramView {
    let graph = report.graph
    let yellow = "#F0E442"  // Okabe–Ito yellow: apart from the sector fills and the loss purple
    let red = ReportPalette.failure
    var overlay = Overlay()
    let exposures = report.stress?.exposures ?? []
    // Total weighted shortfall per failure, in the order exposures are ranked.
    var order: [NodeIndex] = []
    var total: [NodeIndex: Double] = [:]
    var byPoint: [NodeIndex: [StressTest.Exposure]] = [:]
    for e in exposures {
      if total[e.point] == nil { order.append(e.point) }
      total[e.point, default: 0] += e.weightedShortfall
      byPoint[e.point, default: []].append(e)
    }
    let ids = graph.ids
    let ranked = order.sorted {
      total[$0]! != total[$1]! ? total[$0]! > total[$1]! : ids[Int($0)] < ids[Int($1)]
    }
    let listed = Array(ranked.prefix(report.options.limit ?? 10))
    let most = max(listed.first.flatMap { total[$0] } ?? 1, 1e-9)
    var core: [NodeIndex] = []
    var exposed: [NodeIndex] = []
    var runsOut: [NodeIndex: [String]] = [:]
    func days(_ d: Double) -> String { NumberFormat.canonical((d * 10).rounded() / 10) }
    for (k, x) in listed.enumerated() {
      core.append(x)
      let size = 0.6 + 1.2 * (total[x] ?? 0) / most
      overlay.nodes[x] = [
        ("fillcolor", yellow), ("penwidth", "3"),
        ("width", NumberFormat.canonical((size * 100).rounded() / 100)),
        ("height", NumberFormat.canonical((size * 60).rounded() / 100)),
      ]
      let list = byPoint[x] ?? []
      overlay.nodeLabels[x] =
        "#\(k + 1): ttr \(days(list.first?.timeToRecover ?? 0)) d, \(days(total[x] ?? 0)) value-days short"
      for e in list.prefix(6) {
        core.append(e.target)
        if !exposed.contains(e.target) {
          exposed.append(e.target)
          overlay.nodes[e.target, default: []] += [("color", red), ("penwidth", "3"), ("style", "filled,dashed")]
        }
        runsOut[e.target, default: []].append("day \(days(e.timeToImpact)) (#\(k + 1))")
      }
    }
    for (t, list) in runsOut {
      overlay.nodeLabels[t] = "runs out " + list.prefix(3).joined(separator: ", ") + (list.count > 3 ? ", …" : "")
    }
    overlay.legend = [
      .init(
        label: "failure that outlasts a target's stock (size: days short × value)",
        attributes: [("shape", "box"), ("fillcolor", yellow), ("penwidth", "3")], marks: listed),
      .init(
        label: "exposed target (the day it runs out, by failure)",
        attributes: [("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", red), ("penwidth", "3"), ("style", "filled,dashed")],
        marks: exposed),
    ]
    let drawn = core.isEmpty ? Array(graph.nodes) : graph.neighborhood(of: core, hops: context)
    let title =
      "\(report.input.title) — time to survive vs time to recover (\(report.semantics.semantics.rawValue) semantics, top \(listed.count) of \(ranked.count) \(ranked.count == 1 ? "failure" : "failures") with exposures, \(exposures.count) \(exposures.count == 1 ? "exposure" : "exposures"), context \(context))"
    return DiagramView(nodes: drawn, title: title, overlay: overlay)
  }

  /// The pipeline: programs in one column per stage (filled by stage, labelled with the
  /// agencies that fund them), the startups with the highest stage their routes reach (and
  /// the stage they declare where it differs), stalled ones framed, their evidence routes
  /// drawn, and the buyers at the end.
  /// - Complexity: O(*V* + *E*) plus the evidence routes.
  package static func pipeline(_ report: PipelineReport) -> DiagramView {
    let graph = report.graph
    let a = report.analysis
    let red = ReportPalette.failure
    let fills = ["#CC79A7", "#56B4E9", "#E69F00", "#009E73"]  // Okabe–Ito, one per stage
    var overlay = Overlay()
    overlay.recolorsNodes = true
    var drawn: [NodeIndex] = []
    var isDrawn = [Bool](repeating: false, count: graph.nodeCount)
    func draw(_ v: NodeIndex) {
      if !isDrawn[Int(v)] {
        isDrawn[Int(v)] = true
        drawn.append(v)
      }
    }
    var byStage = [[NodeIndex]](repeating: [], count: 4)
    var funders: [NodeIndex: [String]] = [:]
    for v in graph.nodes where graph.kind(of: v) == .agency {
      for w in graph.outgoing.neighbors(of: v) where graph.kind(of: w) == .program {
        funders[w, default: []].append(graph.id(of: v))
      }
    }
    for v in graph.nodes where graph.kind(of: v) == .program {
      draw(v)
      if let s = graph.stage(of: v) {
        byStage[Int(s.rawValue)].append(v)
        overlay.nodes[v] = [("fillcolor", fills[Int(s.rawValue)])]
        overlay.rankGroups[v] = "stage\(s.rawValue)"
      }
      let f = funders[v].map { " · " + $0.joined(separator: ", ") } ?? ""
      overlay.nodeLabels[v] = (graph.stage(of: v)?.name ?? "no stage") + f
    }
    var stalled: [NodeIndex] = []
    var startups: [NodeIndex] = []
    var unreached = 0
    for s in a.startups {
      if s.reached.isEmpty {
        unreached += 1
        continue
      }
      draw(s.node)
      startups.append(s.node)
      for e in s.reached { for v in e.route.nodes { draw(v) } }
      var label = s.highest.map { "reached \($0.name)" } ?? "no stage reached"
      if s.disagrees, let d = s.declared { label += "\n(declares \(d.name))" }
      if let (x, y) = s.breaksBetween { label += "\nbreaks \(x.name)→\(y.name)" }
      overlay.nodeLabels[s.node] = label
      overlay.nodes[s.node] = [("fillcolor", "#FFFFFF")]
      if s.stalled {
        stalled.append(s.node)
        overlay.nodes[s.node, default: []] += [("color", red), ("penwidth", "3"), ("style", "filled,dashed")]
      }
    }
    var buyers: [NodeIndex] = []
    // Buyers the drawn programs and routes lead to.
    let fed = drawn.flatMap { graph.flowOut.neighbors(of: $0) }
    for v in Set(fed).sorted() where graph.kind(of: v) == .buyer {
      draw(v)
      buyers.append(v)
      overlay.rankGroups[v] = "buyers"
      overlay.nodes[v] = [("fillcolor", ReportPalette.fill(graph.sector(of: v)))]
    }
    for v in graph.nodes where graph.kind(of: v) == .agency && funders.values.contains(where: { $0.contains(graph.id(of: v)) }) {
      draw(v)
      overlay.nodes[v] = [("fillcolor", "#EEEEEE")]
    }
    for (k, stage) in Stage.allCases.enumerated() where !byStage[k].isEmpty {
      overlay.legend.append(
        .init(
          label: "\(stage.name) program · its agencies",
          attributes: [("shape", "box"), ("fillcolor", fills[k])], marks: byStage[k]))
    }
    overlay.legend.append(
      .init(
        label: "startup: highest stage reached",
        attributes: [("shape", "box"), ("fillcolor", "#FFFFFF")], marks: startups.filter { !stalled.contains($0) }))
    overlay.legend.append(
      .init(
        label: "stalled startup",
        attributes: [("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", red), ("penwidth", "3"), ("style", "filled,dashed")],
        marks: stalled))
    let title =
      "\(report.input.title) — the pipeline: technology → verification → application → diffusion (\(a.startups.count) startups, \(stalled.count) stalled, \(a.startups.count { !$0.continuous }) broken chain\(a.startups.count { !$0.continuous } == 1 ? "" : "s")\(unreached > 0 ? "; \(unreached) reaching no program not drawn" : ""))"
    _ = buyers
    return DiagramView(nodes: drawn.sorted(), title: title, overlay: overlay)
  }

  /// The routes of `report`, each edge labelled with the ranks of the routes through it, and
  /// `context` hops around them.
  /// - Complexity: O(route length × routes) plus the neighborhood search.
  package static func paths(_ report: PathsReport, context: Int) -> DiagramView {
    let graph = report.graph
    let blue = ReportPalette.route
    var core: [NodeIndex] = [report.source]
    var overlay = Overlay()
    var labels: [EdgeIndex: [String]] = [:]
    for route in report.routes {
      core += route.path.nodes
      for e in route.path.edges {
        labels[e, default: []].append("#\(route.rank)")
        overlay.edges[e] = [("color", blue), ("penwidth", "3")]
      }
      if let end = route.path.nodes.last {
        overlay.nodes[end] = [("color", blue), ("penwidth", "3")]
      }
    }
    for (e, l) in labels { overlay.edgeLabels[e] = l.joined(separator: ",") }
    overlay.nodes[report.source] = [("color", blue), ("penwidth", "3"), ("fontcolor", blue)]
    overlay.legend = [
      .init(
        label: "route #rank (start and ends framed)", attributes: [("color", blue), ("penwidth", "3")],
        isEdge: true, marksEdges: Array(labels.keys).sorted())
    ]
    let count = report.routes.count
    let title =
      "\(report.input.title) — \(count) best route\(count == 1 ? "" : "s") from \(graph.name(of: report.source)) to \(report.targets.text) by \(report.measure.name)\(report.pattern.map { ", via \($0.text)" } ?? "")"
    return DiagramView(
      nodes: graph.neighborhood(of: core, hops: context), title: title, overlay: overlay)
  }

  /// `base` with its nodes filled by reach class and, with robustness, the dual nodes whose
  /// reach hangs on one failure marked.
  /// - Complexity: O(nodes drawn).
  package static func reach(_ report: ReachReport, over base: DiagramView) -> DiagramView {
    let reach = report.reach
    let robust = reach.robustnessComputed
    let red = ReportPalette.failure
    var overlay = Overlay()
    overlay.recolorsNodes = true
    var byClass: [[NodeIndex]] = DualUseReach.ReachClass.allCases.map { _ in [] }
    var fragile: [NodeIndex] = []
    for v in base.nodes {
      let c = reach.classes[Int(v)]
      byClass[DualUseReach.ReachClass.allCases.firstIndex(of: c) ?? 0].append(v)
      var attributes: [(String, String)] = [("fillcolor", ReportPalette.fill(c))]
      if robust, c == .dual,
        !(reach.defense.fragile?[v].isEmpty ?? true)
          || !(reach.industry.fragile?[v].isEmpty ?? true)
      {
        attributes += [("peripheries", "2"), ("color", red), ("penwidth", "2")]
        fragile.append(v)
      }
      overlay.nodes[v] = attributes
    }
    // Each class is listed only when a node of it is drawn (an entry with no node to mark
    // would be listed always, so empty classes are left out here).
    // A fragile dual node is explained by its own entry: "reach: dual" is listed for the
    // dual nodes that are not fragile.
    var isFragile = [Bool](repeating: false, count: report.graph.nodeCount)
    for v in fragile { isFragile[Int(v)] = true }
    byClass = byClass.map { $0.filter { !isFragile[Int($0)] } }
    for (c, members) in zip(DualUseReach.ReachClass.allCases, byClass) where !members.isEmpty {
      overlay.legend.append(
        .init(
          label: "reach: \(c.spelling)",
          attributes: [("shape", "box"), ("fillcolor", ReportPalette.fill(c))], marks: members))
    }
    if !fragile.isEmpty {
      overlay.legend.append(
        .init(
          label: "dual, one failure away",
          attributes: [
            ("shape", "box"), ("fillcolor", ReportPalette.fill(.dual)), ("peripheries", "2"),
            ("color", red), ("penwidth", "2"),
          ], marks: fragile))
    }
    let title = base.title.replacing(
      "— structure", with: "— dual-use reach" + (robust ? " (robustness marked)" : ""))
    return DiagramView(nodes: base.nodes, title: title, overlay: overlay)
  }
}

/// What an analysis adds to the structure view: attributes for some nodes and edges (they
/// override the defaults), edge label prefixes, and legend entries.
package struct Overlay: Sendable {
  /// One legend line: a sample drawn with `attributes` (a node swatch, or a line when
  /// `isEdge`) and its meaning. It is listed only when something it marks is drawn: one of
  /// `marks` or `marksEdges` (an entry that names neither is always listed).
  package struct LegendEntry: Sendable {
    package let label: String
    package let attributes: [(String, String)]
    package var isEdge: Bool
    package var marks: [NodeIndex]
    package var marksEdges: [EdgeIndex]
    /// Listed whatever is drawn (an entry about the drawing as a whole).
    package var always: Bool
    package init(
      label: String, attributes: [(String, String)], isEdge: Bool = false,
      marks: [NodeIndex] = [], marksEdges: [EdgeIndex] = [], always: Bool = false
    ) {
      self.always = always
      self.label = label
      self.attributes = attributes
      self.isEdge = isEdge
      self.marks = marks
      self.marksEdges = marksEdges
    }

    /// Whether the entry describes something drawn: `drawn(v)` says whether node v is drawn
    /// (an edge is drawn when both its ends are).
    package func isShown(in graph: SupplyGraph, drawn: (NodeIndex) -> Bool) -> Bool {
      if always { return true }
      return marks.contains(where: drawn)
        || marksEdges.contains { drawn(graph.source(of: $0)) && drawn(graph.target(of: $0)) }
    }
  }

  package var nodes: [NodeIndex: [(String, String)]] = [:]
  package var edges: [EdgeIndex: [(String, String)]] = [:]
  package var edgeLabels: [EdgeIndex: String] = [:]
  /// A second line inside a node's label (marks that must stay with their node, unlike an
  /// external label Graphviz may place anywhere nearby).
  package var nodeLabels: [NodeIndex: String] = [:]
  package var legend: [LegendEntry] = []
  /// Nodes drawn in one rank (column) together, by group name; others by their tier.
  package var rankGroups: [NodeIndex: String] = [:]
  /// Whether the fill colors mean something else than sectors (the sector legend is left out).
  package var recolorsNodes = false

  package init() {}
}

extension DiagramView {
  /// The view drawn with only `kept` of its nodes, the others folded away: each kept node
  /// gets a line counting its hidden direct neighbours by kind (`+12 suppliers · 3 regions`),
  /// so what is left out is still on the slide, and the title says what was kept.
  /// - Parameter rule: the selector's text, for the title.
  /// - Complexity: O(*V* + the degrees of the kept nodes).
  package func restricted(to kept: [NodeIndex], rule: String, in graph: SupplyGraph) -> DiagramView
  {
    var inView = [Bool](repeating: false, count: graph.nodeCount)
    for v in nodes { inView[Int(v)] = true }
    var keep = [Bool](repeating: false, count: graph.nodeCount)
    for v in kept where inView[Int(v)] { keep[Int(v)] = true }
    var out = self
    out.nodes = nodes.filter { keep[Int($0)] }
    var counted = [Int32](repeating: -1, count: graph.nodeCount)  // last kept node that counted it
    for v in out.nodes {
      var byKind: [NodeKind: Int] = [:]
      for adjacency in [graph.incoming, graph.outgoing] {
        for u in adjacency.neighbors[adjacency.range(of: v)]
        where inView[Int(u)] && !keep[Int(u)] && counted[Int(u)] != v {
          counted[Int(u)] = v
          byKind[graph.kind(of: u), default: 0] += 1
        }
      }
      guard !byKind.isEmpty else { continue }
      let line =
        "+"
        + byKind.sorted { $0.key < $1.key }.map { kind, n in
          "\(n) \(n == 1 ? kind.name : kind == .agency ? "agencies" : kind.name + "s")"
        }.joined(separator: " · ")
      out.overlay.nodeLabels[v] = out.overlay.nodeLabels[v].map { $0 + "\n" + line } ?? line
    }
    out.title += " — only \(rule), other nodes counted on their neighbours"
    return out
  }
}
