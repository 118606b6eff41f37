import LinkageCore

extension DiagramView {
  /// Marks that say a node failed: a heavy dashed black border on a white fill, and a
  /// `✕ failed` line in the label, so it reads without colour.
  static let failedNode: [(String, String)] = [
    ("fillcolor", "#FFFFFF"), ("color", "#000000"), ("style", "filled,dashed"),
    ("penwidth", "3"), ("fontcolor", "#000000"),
  ]
  /// A cut link: dashed vermillion with a cross.
  static let cutEdge: [(String, String)] = [
    ("color", ReportPalette.failure), ("style", "dashed"), ("penwidth", "2.5"),
  ]
  /// What a scenario added: a heavy double border (nodes) or a bold line (links).
  static let addedNode: [(String, String)] = [("peripheries", "2"), ("penwidth", "2")]
  static let addedEdge: [(String, String)] = [("style", "bold"), ("penwidth", "2.5")]

  /// This view with `input`'s scenario drawn on it: failed nodes and cut links marked (and
  /// drawn, up to `cap` of each, if the view left them out), what was added marked, the
  /// scenario in the title, and a legend line for each mark drawn. `marksAdditions` false
  /// leaves additions to a view that marks them itself (the diff view).
  /// - Complexity: O(*V*) plus the scenario's size.
  package func markingScenario(
    _ input: AnalysisInput, cap: Int = 24, marksAdditions: Bool = true
  ) -> DiagramView {
    guard let scenario = input.scenario else { return self }
    let graph = input.graph
    var out = self
    var inView = [Bool](repeating: false, count: graph.nodeCount)
    for v in nodes { inView[Int(v)] = true }
    func include(_ v: NodeIndex) {
      if !inView[Int(v)] {
        inView[Int(v)] = true
        out.nodes.append(v)
      }
    }
    let failed = scenario.failedNodes
    let cut = scenario.cutEdges
    let addedNodes = marksAdditions ? scenario.addedNodes : []
    let addedEdges = marksAdditions ? scenario.addedEdges : []
    for v in failed.prefix(cap) { include(v) }
    for e in cut.prefix(cap) {
      include(graph.source(of: e))
      include(graph.target(of: e))
    }
    for v in addedNodes.prefix(cap) { include(v) }
    for e in addedEdges.prefix(cap) {
      include(graph.source(of: e))
      include(graph.target(of: e))
    }
    for v in failed {
      out.overlay.nodes[v, default: []] += Self.failedNode
      out.overlay.nodeLabels[v] = "✕ failed" + (out.overlay.nodeLabels[v].map { " · \($0)" } ?? "")
    }
    // A failed node's other links are out of service too: drawn dashed grey.
    for v in failed {
      for e in graph.outgoing.edges(of: v) + graph.incoming.edges(of: v)
      where out.overlay.edges[e] == nil {
        out.overlay.edges[e] = [("style", "dashed"), ("color", "#999999")]
      }
    }
    for e in cut {
      out.overlay.edges[e, default: []] += Self.cutEdge
      out.overlay.edgeLabels[e] = "✕ cut" + (out.overlay.edgeLabels[e].map { " \($0)" } ?? "")
    }
    for v in addedNodes {
      out.overlay.nodes[v, default: []] += Self.addedNode
      out.overlay.nodeLabels[v] = "+ added" + (out.overlay.nodeLabels[v].map { " · \($0)" } ?? "")
    }
    for e in addedEdges {
      out.overlay.edges[e, default: []] += Self.addedEdge
      out.overlay.edgeLabels[e] = "+ added" + (out.overlay.edgeLabels[e].map { " \($0)" } ?? "")
    }
    var legend: [Overlay.LegendEntry] = []
    if !failed.isEmpty {
      legend.append(
        .init(label: "✕ failed in this scenario", attributes: Self.failedNode, marks: failed))
    }
    if !cut.isEmpty {
      legend.append(
        .init(
          label: "✕ link cut in this scenario", attributes: Self.cutEdge, isEdge: true,
          marksEdges: cut))
    }
    if !addedNodes.isEmpty {
      legend.append(
        .init(label: "+ added in this scenario", attributes: Self.addedNode, marks: addedNodes))
    }
    if !addedEdges.isEmpty {
      legend.append(
        .init(
          label: "+ link added in this scenario", attributes: Self.addedEdge, isEdge: true,
          marksEdges: addedEdges))
    }
    out.overlay.legend = legend + out.overlay.legend
    out.title += " — what if: \(ScenarioText.statement(scenario, graph))"
    return out
  }
}
