import ArgumentParser
import LinkageCore
import LinkageGraphviz
import LinkageIO

enum ImageFormat: String, ExpressibleByArgument, CaseIterable {
  case svg, png, pdf, dot
}

enum RenderView: String, ExpressibleByArgument, CaseIterable {
  case structure, spof, paths, reach
}

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the graph with Graphviz (in process) as SVG, PNG, PDF, or DOT text.",
    discussion: """
      The structure view: left-to-right flow, tiers as ranks, kinds as shapes, sectors as \
      colors (colorblind-safe), a legend and a title, labels in Noto Sans CJK KR. Above \
      --max-nodes visible nodes (default 600: dot needs about 4 s for 700 nodes here and 23 s \
      for 1,450) the drawing is summarized by kind and tier (and says so). \
      --focus ID --radius K draws the K-hop neighborhood of one node. Same input, same bytes. \
      Here --format names the image format (default: from the file's extension).
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(name: .shortAndLong, help: "The file to write (.svg, .png, .pdf or .dot).")
  var output: String

  @Option(help: "Image format: svg, png, pdf or dot (default: from the output's extension).")
  var format: ImageFormat?

  @Option(help: "Draw only the neighborhood of this node.")
  var focus: String?

  @Option(help: "Hops around --focus (edges in either direction).")
  var radius: Int = 2

  @Option(
    name: .customLong("max-nodes"),
    help: "Above this many visible nodes (or four times as many edges), summarize by kind and tier."
  )
  var maxNodes: Int = 600

  @Option(
    help:
      "What to draw: structure, spof (top single points of failure and what they cut), paths (the k best routes), reach (dual-use classes)."
  )
  var view: RenderView = .structure

  @Option(help: "Hops of context drawn around what the spof and paths views show.")
  var context: Int = 1

  @Option(help: "spof view: targets (ids, kind=…, sector=…, stage=…).")
  var targets: String?

  @Option(help: "spof view: how many single points of failure.")
  var top: Int = 5

  @Option(help: "spof view: supply semantics (auto, or, parts).")
  var semantics: SemanticsOption = .auto

  @Option(help: "paths view: where routes start.")
  var from: String?

  @Option(help: "paths view: where routes may end (default: every buyer).")
  var to: String?

  @Option(name: .customShort("k"), help: "paths view: how many routes.")
  var k: Int = 3

  @Option(help: "paths view: a pattern routes must match.")
  var via: String?

  @Option(help: "paths view: hops, lead_time, cost, confidence, or a numeric edge attribute.")
  var by: String = "hops"

  @Flag(help: "reach view: mark nodes whose reach hangs on one failure.")
  var robust = false

  @Flag(help: "Print nothing on stderr.")
  var quiet = false

  func validate() throws {
    if radius < 0 { throw ValidationError("--radius must not be negative") }
    if context < 0 { throw ValidationError("--context must not be negative") }
    if view == .paths && from == nil { throw ValidationError("the paths view needs --from ID") }
    if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
    if format == nil,
      ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased()) == nil
    {
      throw ValidationError(
        "cannot tell the image format from '\(output)': use .svg, .png, .pdf or .dot, or --format")
    }
  }

  func run() throws {
    var global = try GlobalOptions.parse([])
    global.quiet = quiet
    let input = try GraphInput.load(path, options: global)
    let graph = input.graph
    var nodes = Array(graph.nodes)
    var title =
      "\(graph.name ?? input.name) — structure (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)"
    if let focus {
      guard let center = graph.index(of: focus) else {
        try unknownID(focus, graph: graph, option: "--focus")
      }
      nodes = Self.neighborhood(of: [center], hops: radius, in: graph)
      title =
        "\(graph.name ?? input.name) — \(radius) hop\(radius == 1 ? "" : "s") around \(graph.name(of: center))"
    }
    var overlay = Overlay()
    switch self.view {
    case .structure: break
    case .spof: (nodes, title, overlay) = try spofView(graph, input: input)
    case .paths: (nodes, title, overlay) = try pathsView(graph, input: input)
    case .reach: (title, overlay) = reachView(graph, nodes: nodes, title: title)
    }
    let view = StructureDiagram(
      graph: graph, nodes: nodes, title: title, maximumNodes: maxNodes, overlay: overlay)
    if view.summarized && !quiet {
      printError(
        "linkage: \(view.visibleNodes) nodes are more than --max-nodes \(maxNodes): drawing groups by kind and tier (use --focus ID for detail)"
      )
    }
    let chosen =
      format ?? ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased())!
    let bytes: [UInt8]
    do {
      if chosen == .dot {
        bytes = Array(DOTWriter.text(of: view.diagram).utf8)
      } else {
        bytes = try GraphvizRenderer.render(
          view.diagram, format: GraphvizRenderer.Format(rawValue: chosen.rawValue)!)
      }
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(70)
    }
    do {
      try FileAccess.writeAtomically(bytes, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    if !quiet {
      printError(
        "wrote \(output) (\(chosen.rawValue), \(view.visibleNodes) nodes\(view.summarized ? ", summarized" : ""))"
      )
    }
  }

  // MARK: Views

  static let red = "#D55E00"
  static let blue = "#0072B2"

  /// `core` and the nodes within `context` hops of it (edges in either direction).
  func around(_ core: [NodeIndex], in graph: SupplyGraph) -> [NodeIndex] {
    Self.neighborhood(of: core, hops: context, in: graph)
  }

  /// `core` and the nodes within `hops` edges of it in either direction, in breadth-first
  /// order (out-neighbors before in-neighbors).
  /// - Complexity: O(*n* + edges reached); one dense depth array, no per-node objects.
  static func neighborhood(of core: [NodeIndex], hops: Int, in graph: SupplyGraph) -> [NodeIndex] {
    var depth = [Int32](repeating: -1, count: graph.nodeCount)
    var queue: [NodeIndex] = []
    for v in core where depth[Int(v)] < 0 {
      depth[Int(v)] = 0
      queue.append(v)
    }
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      let d = depth[Int(v)]
      guard d < hops else { continue }
      for side in [graph.outgoing, graph.incoming] {
        for w in side.neighbors(of: v) where depth[Int(w)] < 0 {
          depth[Int(w)] = d + 1
          queue.append(w)
        }
      }
    }
    return queue
  }

  func spofView(_ graph: SupplyGraph, input: GraphInput) throws -> ([NodeIndex], String, Overlay) {
    let targetNodes: [NodeIndex]
    if let targets {
      let selection = try TargetSelection(parsing: targets)
      for id in selection.namedIDs where graph.index(of: id) == nil {
        try unknownID(id, graph: graph, option: "--targets")
      }
      targetNodes = selection.select(in: graph)
    } else {
      targetNodes = TargetSelection.defaultTargets(in: graph).nodes
    }
    let chosen: SupplySemantics =
      semantics == .or ? .or : semantics == .parts ? .parts : SupplySemantics.automatic(for: graph)
    let report = SinglePointsOfFailure(
      network: SupplyNetwork(graph: graph, semantics: chosen), targets: targetNodes)
    var explainer = report.explainer()
    var overlay = Overlay()
    var core: [NodeIndex] = []
    let shown = Array(report.criticalNodes.prefix(top))
    let most = Double(shown.first?.targetsCut.count ?? 1)
    for (rank, c) in shown.enumerated() {
      core.append(c.node)
      let size = 0.6 + 1.2 * Double(c.targetsCut.count) / most
      overlay.nodes[c.node] = [
        ("fillcolor", Self.red), ("width", NumberFormat.canonical((size * 100).rounded() / 100)),
        ("height", NumberFormat.canonical((size * 60).rounded() / 100)),
        ("xlabel", "#\(rank + 1): cuts \(c.targetsCut.count)"),
      ]
      for (t, steps) in zip(c.targetsCut, explainer.explanations(of: c.node, for: c.targetsCut)) {
        core.append(t)
        overlay.nodes[t] = (overlay.nodes[t] ?? []) + [("color", Self.red), ("penwidth", "3")]
        for step in steps {
          core.append(step.node)
          if step.edge >= 0 { overlay.edges[step.edge] = [("color", Self.red), ("penwidth", "2")] }
        }
      }
    }
    for l in report.criticalLinks {
      overlay.edges[l.edge] = [("color", Self.red), ("penwidth", "4")]
    }
    overlay.legend = [
      .init(
        label: "single point of failure", attributes: [("shape", "box"), ("fillcolor", Self.red)]),
      .init(
        label: "target it cuts off",
        attributes: [
          ("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", Self.red), ("penwidth", "3"),
        ]),
    ]
    let title =
      "\(graph.name ?? input.name) — single points of failure (\(chosen.rawValue) semantics, top \(shown.count) of \(report.criticalNodes.count), context \(context))"
    return (core.isEmpty ? Array(graph.nodes) : around(core, in: graph), title, overlay)
  }

  func pathsView(_ graph: SupplyGraph, input: GraphInput) throws -> ([NodeIndex], String, Overlay) {
    guard let from, let source = graph.index(of: from) else {
      try unknownID(self.from ?? "", graph: graph, option: "--from")
    }
    let toText = to ?? "kind=buyer"
    let selection = try TargetSelection(parsing: toText)
    for id in selection.namedIDs where graph.index(of: id) == nil {
      try unknownID(id, graph: graph, option: "--to")
    }
    let measure: RouteWeight.Measure =
      by == "hops" ? .hops : by == "confidence" ? .confidence : .attribute(by)
    let weight: RouteWeight
    do { weight = try RouteWeight(measure, graph: graph) } catch {
      throw ValidationError("--by \(by): \(error)")
    }
    var pattern: RoutePattern? = nil
    if let via {
      do { pattern = try RoutePattern(parsing: via, graph: graph) } catch let e
        as RoutePattern.ParseError
      {
        throw ValidationError("--via: \(e)")
      }
    }
    var enumerator = RouteEnumerator(
      graph: graph, source: source, targets: selection.select(in: graph), weight: weight,
      pattern: pattern)
    var core: [NodeIndex] = [source]
    var overlay = Overlay()
    var count = 0
    var labels: [EdgeIndex: [String]] = [:]
    while count < k, let route = enumerator.next() {
      count += 1
      core += route.path.nodes
      for e in route.path.edges {
        labels[e, default: []].append("#\(count)")
        overlay.edges[e] = [("color", Self.blue), ("penwidth", "3")]
      }
      overlay.nodes[route.path.nodes.last!] = [("color", Self.blue), ("penwidth", "3")]
    }
    for (e, l) in labels { overlay.edgeLabels[e] = l.joined(separator: ",") }
    overlay.nodes[source] = [("color", Self.blue), ("penwidth", "3"), ("fontcolor", Self.blue)]
    overlay.legend = [
      .init(
        label: "route #rank",
        attributes: [
          ("shape", "box"), ("fillcolor", "#FFFFFF"), ("color", Self.blue), ("penwidth", "3"),
        ])
    ]
    let title =
      "\(graph.name ?? input.name) — \(count) best route\(count == 1 ? "" : "s") from \(graph.name(of: source)) to \(toText) by \(by)\(via.map { ", via \($0)" } ?? "")"
    return (around(core, in: graph), title, overlay)
  }

  func reachView(_ graph: SupplyGraph, nodes: [NodeIndex], title: String) -> (String, Overlay) {
    let reach = DualUseReach(graph: graph, robust: robust)
    var overlay = Overlay()
    overlay.recolorsNodes = true
    let colors: [DualUseReach.ReachClass: String] = [
      .dual: "#009E73", .defenseOnly: "#56B4E9", .industryOnly: "#E69F00", .none: "#DDDDDD",
    ]
    for v in nodes {
      var attributes: [(String, String)] = [("fillcolor", colors[reach.classes[Int(v)]]!)]
      if robust, reach.classes[Int(v)] == .dual,
        !(reach.defense.fragile?[v].isEmpty ?? true)
          || !(reach.industry.fragile?[v].isEmpty ?? true)
      {
        attributes += [("peripheries", "2"), ("color", Self.red)]
      }
      overlay.nodes[v] = attributes
    }
    overlay.legend = DualUseReach.ReachClass.allCases.map { c in
      .init(
        label: "reach: \(c.rawValue)", attributes: [("shape", "box"), ("fillcolor", colors[c]!)])
    }
    if robust {
      overlay.legend.append(
        .init(
          label: "dual, one failure away",
          attributes: [
            ("shape", "box"), ("fillcolor", "#009E73"), ("peripheries", "2"), ("color", Self.red),
          ]))
    }
    return (
      title.replacingOccurrences(
        "— structure", "— dual-use reach" + (robust ? " (robustness marked)" : "")), overlay
    )
  }
}
