import LinkageCore

extension ReportPalette {
  /// What a diff added (Okabe–Ito bluish green), removed (vermillion) and changed (orange).
  package static let added = "#009E73"
  package static let removed = "#D55E00"
  package static let changed = "#E69F00"
}

extension DiagramView {
  static let addedMark: [(String, String)] = [
    ("color", ReportPalette.added), ("peripheries", "2"), ("penwidth", "2.5"),
  ]
  static let removedMark: [(String, String)] = [
    ("color", ReportPalette.removed), ("style", "filled,dotted"), ("fillcolor", "#FFFFFF"),
    ("penwidth", "2.5"),
  ]
  static let changedMark: [(String, String)] = [
    ("color", ReportPalette.changed), ("style", "filled,dashed"), ("penwidth", "2.5"),
  ]
  static let addedLink: [(String, String)] = [
    ("color", ReportPalette.added), ("style", "bold"), ("penwidth", "2.5"),
  ]
  static let removedLink: [(String, String)] = [
    ("color", ReportPalette.removed), ("style", "dotted"), ("penwidth", "2.5"),
  ]
  static let changedLink: [(String, String)] = [
    ("color", ReportPalette.changed), ("style", "dashed"), ("penwidth", "2.5"),
  ]
  static let cutOffMark: [(String, String)] = [
    ("color", ReportPalette.failure), ("peripheries", "3"), ("penwidth", "2"),
  ]

  /// The diff view: both graphs in one drawing (`union`), added marked green with `+`,
  /// removed vermillion and dotted with `−`, changed orange and dashed with `~` and the fields,
  /// targets cut off with a triple border, and a scenario's failures and cuts as in every view.
  /// Draws the changed nodes and `context` hops around them (every node when nothing changed
  /// or the union has at most `whole` nodes).
  /// - Complexity: O(*V* + *E*) of the union plus the changes.
  package static func diff(
    _ report: DiffReport, union: DiffUnion, context: Int = 1, whole: Int = 0
  ) -> (view: DiagramView, input: AnalysisInput) {
    let g = union.graph
    let d = report.data
    let input = AnalysisInput(
      graph: g, name: report.new.name, diagnostics: report.new.diagnostics,
      scenario: report.new.scenario, unchanged: report.new.unchanged)
    var overlay = Overlay()
    var touched: [NodeIndex] = []
    for v in d.addedNodes {
      overlay.nodes[v] = addedMark
      overlay.nodeLabels[v] = "+ added"
      touched.append(v)
    }
    for v in union.removedNodes {
      overlay.nodes[v] = removedMark
      overlay.nodeLabels[v] = "− removed"
      touched.append(v)
    }
    var changedShown: [NodeIndex] = []
    for c in d.changedNodes {
      touched.append(c.new)
      let fields = c.fields.map(\.field).filter { $0 != "failed" }
      guard !fields.isEmpty else { continue }
      changedShown.append(c.new)
      overlay.nodes[c.new] = changedMark
      overlay.nodeLabels[c.new] =
        "~ " + fields.prefix(3).joined(separator: ", ") + (fields.count > 3 ? ", …" : "")
    }
    func ends(_ e: EdgeIndex) {
      touched.append(g.source(of: e))
      touched.append(g.target(of: e))
    }
    for e in d.addedEdges {
      overlay.edges[e] = addedLink
      overlay.edgeLabels[e] = "+"
      ends(e)
    }
    for e in union.removedEdges {
      overlay.edges[e] = removedLink
      overlay.edgeLabels[e] = "−"
      ends(e)
    }
    var changedLinks: [EdgeIndex] = []
    for c in d.changedEdges {
      ends(c.new)
      let fields = c.fields.map(\.field).filter { $0 != "cut" }
      guard !fields.isEmpty else { continue }
      changedLinks.append(c.new)
      overlay.edges[c.new] = changedLink
      overlay.edgeLabels[c.new] = "~ " + fields.prefix(2).joined(separator: ", ")
    }
    var cutOff: [NodeIndex] = []
    for a in report.answers where a.kind == .targetCutOff {
      if let v = g.index(of: a.subject) {
        cutOff.append(v)
        overlay.nodes[v, default: []] += cutOffMark
        overlay.nodeLabels[v] = "cut off" + (overlay.nodeLabels[v].map { " · \($0)" } ?? "")
        touched.append(v)
      }
    }
    // The nodes each changed answer is about, and what it involves (the first answers, by
    // impact), so a new single point and the targets it cuts are in the drawing; single
    // points that appeared say so in their label.
    for a in report.answers.prefix(40) {
      for id in [a.subject] + a.targets.prefix(6) {
        if let v = g.index(of: id) { touched.append(v) }
      }
      if a.kind == .newSinglePoint, let v = g.index(of: a.subject) {
        let line = "! new single point (\(a.new ?? ""))"
        overlay.nodeLabels[v] = overlay.nodeLabels[v].map { "\($0) · \(line)" } ?? line
      }
    }
    overlay.legend = [
      .init(label: "+ added", attributes: addedMark, marks: d.addedNodes),
      .init(label: "− removed", attributes: removedMark, marks: union.removedNodes),
      .init(label: "~ changed (fields named)", attributes: changedMark, marks: changedShown),
      .init(label: "+ link added", attributes: addedLink, isEdge: true, marksEdges: d.addedEdges),
      .init(
        label: "− link removed", attributes: removedLink, isEdge: true,
        marksEdges: union.removedEdges),
      .init(
        label: "~ link changed", attributes: changedLink, isEdge: true, marksEdges: changedLinks),
      .init(label: "target cut off (triple border)", attributes: cutOffMark, marks: cutOff),
    ]
    let nodes =
      touched.isEmpty || g.nodeCount <= whole
      ? Array(g.nodes) : g.neighborhood(of: Array(Set(touched)).sorted(), hops: context)
    let title =
      "\(input.title) — changes since \(report.old.name): nodes +\(d.addedNodes.count) −\(d.removedNodes.count) ~\(d.changedNodes.count), links +\(d.addedEdges.count) −\(d.removedEdges.count) ~\(d.changedEdges.count); \(report.answers.count) answer\(report.answers.count == 1 ? "" : "s") changed"
    let view = DiagramView(nodes: nodes, title: title, overlay: overlay)
    return (view.markingScenario(input, marksAdditions: false), input)
  }
}
