import Foundation
import LinkageCore
import LinkageReports

/// The structure view of a graph for briefings: left-to-right flow, tiers as ranks, kinds as
/// shapes, sectors as colors (Okabe–Ito, colorblind-safe), a legend and a title, labels in a
/// CJK-capable font. Above `maximumNodes` visible nodes, or four times as many visible edges,
/// it summarizes: one node per (kind, tier) group with its count, and one edge per group pair
/// with the number of links, so any input lays out in seconds (dot's layout time grows much
/// faster than the graph: about 4 s for 700 nodes and 23 s for 1,450 on the project's machine).
package struct StructureDiagram: Sendable {
  package static let font = "Noto Sans CJK KR"

  /// The sector palette (``LinkageReports/ReportPalette``).
  package static func fill(_ sector: Sector?) -> String { ReportPalette.fill(sector) }

  /// The shape of a kind, with the room its text needs: the 3-D box draws its depth inside
  /// the outline, so it gets a taller margin than the compact default.
  static func shapeAttributes(_ kind: NodeKind) -> [(String, String)] {
    switch shape(kind) {
    case "box3d": [("shape", "box3d"), ("margin", "0.08,0.045")]
    case let other: [("shape", other)]
    }
  }

  package static func shape(_ kind: NodeKind) -> String {
    switch kind {
    case .startup: "ellipse"
    case .supplier: "box"
    case .integrator: "box3d"
    case .buyer: "doubleoctagon"
    case .program: "hexagon"
    case .agency: "tab"
    case .input: "note"
    case .region: "component"
    case .other: "plaintext"
    }
  }

  /// How a drawing is laid out: the choices ``SlideFit`` tries to fit a frame.
  package struct Layout: Sendable, Equatable {
    /// Graphviz's `rankdir`: `LR` (flow left to right) or `TB` (top to bottom).
    package var rankDirection = "LR"
    /// Names longer than this many characters are wrapped onto lines of about this length
    /// (nil: never wrapped).
    package var wrapWidth: Int? = nil
    /// Draw the summary (one node per group) even when the nodes are few enough.
    package var summarize = false
    /// Summarize by these comma-separated node fields (`country`, `stage,region`, …) instead
    /// of by tier: a node is grouped by kind and the first field it has a value for; nodes with
    /// none of them by kind and tier.
    package var groupBy: String? = nil
    /// Edge labels inline (label nodes dot places on the edge, which spread the ranks apart)
    /// instead of beside the edges after the layout (compact, but may touch other lines).
    package var inlineEdgeLabels = false

    package init(
      rankDirection: String = "LR", wrapWidth: Int? = nil, summarize: Bool = false,
      groupBy: String? = nil, inlineEdgeLabels: Bool = false
    ) {
      self.inlineEdgeLabels = inlineEdgeLabels
      self.rankDirection = rankDirection
      self.wrapWidth = wrapWidth
      self.summarize = summarize
      self.groupBy = groupBy
    }
  }

  /// Text sizes in points. The smallest is 12 pt: fitted into a 1920×1080 frame a drawing of
  /// up to 1920×1080 pt keeps it at 12 px or more.
  package static let titleSize = 16
  package static let textSize = 12

  package let diagram: Diagram
  /// Whether the graph was summarized into groups.
  package let summarized: Bool
  package let visibleNodes: Int

  /// - Parameters:
  ///   - nodes: the nodes to show (all, or a focus neighborhood), in any order.
  ///   - title: the diagram's title line.
  ///   - maximumNodes: above this many nodes (or four times as many edges) the drawing is
  ///     summarized whatever `layout` says.
  /// - Complexity: O(*V* log *V* + *E*): sorting the shown nodes by id, then one pass over the
  ///   edges (``drawOneByOne(_:graph:shown:visible:overlay:layout:)`` or
  ///   ``drawSummary(_:graph:shown:visible:overlay:layout:)``).
  package init(
    graph: SupplyGraph, nodes: [NodeIndex], title: String, maximumNodes: Int = 600,
    overlay: Overlay = Overlay(), layout: Layout = Layout()
  ) {
    var d = Diagram(name: graph.name ?? "linkage")
    let shown = nodes.sorted { graph.id(of: $0) < graph.id(of: $1) }
    var visible = [Bool](repeating: false, count: graph.nodeCount)
    for v in shown { visible[Int(v)] = true }
    var visibleEdges = 0
    if shown.count <= maximumNodes {
      for e in graph.edges
      where visible[Int(graph.source(of: e))] && visible[Int(graph.target(of: e))] {
        visibleEdges += 1
      }
    }
    summarized =
      layout.summarize || layout.groupBy != nil || shown.count > maximumNodes
      || visibleEdges > 4 * maximumNodes
    visibleNodes = shown.count
    let grouping =
      layout.groupBy.map { "kind and \($0.replacing(",", with: " or "))" } ?? "kind and tier"
    let fullTitle =
      summarized ? "\(title) — summarized: \(shown.count) nodes in groups by \(grouping)" : title
    // A compact geometry: small margins and gaps, and edge labels placed beside their edges
    // after the layout (inline labels become label nodes that double the ranks).
    d.graphAttributes = [
      ("rankdir", layout.rankDirection), ("labelloc", "t"), ("fontname", Self.font),
      ("fontsize", String(Self.titleSize)), ("nodesep", "0.06"), ("ranksep", "0.45"),
      ("bgcolor", "white"),
    ]
    d.nodeDefaults = [
      ("fontname", Self.font), ("fontsize", String(Self.textSize)), ("style", "filled"),
      ("penwidth", "1"), ("height", "0.28"), ("margin", "0.05,0.02"),
    ]
    d.edgeDefaults = [
      ("fontname", Self.font), ("fontsize", String(Self.textSize)), ("color", "#555555"),
      ("arrowsize", "0.6"),
    ]
    d.externalEdgeLabels = !layout.inlineEdgeLabels
    var parts = Parts()
    if !summarized {
      Self.drawOneByOne(
        &parts, graph: graph, shown: shown, visible: visible, overlay: overlay, layout: layout)
    } else {
      Self.drawSummary(
        &parts, graph: graph, shown: shown, visible: visible, overlay: overlay, layout: layout)
    }
    d.nodes = parts.nodes
    d.edges = parts.edges
    var legend = parts.legend
    let kinds = parts.kinds
    let sectorsShown = parts.sectors
    let contextRelations = parts.contextRelations
    if !contextRelations.isEmpty {
      legend.append(
        .init(
          label: "context: \(contextRelations.sorted().joined(separator: ", "))",
          attributes: [("color", "#999999"), ("style", "dashed")], isEdge: true))
    }
    // The title and legend are the graph's own label: not nodes, so no id can collide with
    // them and a reader counting the SVG's nodes counts only the graph's.
    d.htmlLabel = Self.titleAndLegend(
      title: fullTitle, overlay: legend, kinds: kinds,
      sectors: Sector.allCases.filter { sectorsShown.contains($0) })
    diagram = d
  }

  /// `name` on lines of about `width` characters, broken at spaces (at ` (` first, so a name
  /// with a translation in parentheses keeps it on its own line); a longer word stays whole.
  /// - Complexity: O(length of `name`).
  static func wrap(_ name: String, width: Int) -> String {
    guard name.count > width, width > 0 else { return name }
    if let open = name.range(of: " ("), name.hasSuffix(")") {
      let head = String(name[..<open.lowerBound])
      let tail = String(name[name.index(after: open.lowerBound)...])
      return wrap(head, width: width) + "\n" + wrap(tail, width: width)
    }
    var lines: [String] = []
    var line = ""
    for word in name.split(separator: " ", omittingEmptySubsequences: true) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = String(word)
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}

extension StructureDiagram {
  /// What a drawing is made of before it becomes a ``Diagram``.
  struct Parts {
    var nodes: [Diagram.Node] = []
    var edges: [Diagram.Edge] = []
    var legend: [Overlay.LegendEntry] = []
    var kinds: [NodeKind] = []
    var sectors = Set<Sector>()
    var contextRelations = Set<String>()
  }

  /// Every shown node and every edge between two of them, with the overlay's marks.
  /// - Complexity: O(*V* + *E*) plus sorting the kinds drawn.
  static func drawOneByOne(
    _ p: inout Parts, graph: SupplyGraph, shown: [NodeIndex], visible: [Bool], overlay: Overlay,
    layout: Layout
  ) {
    func tierGroup(_ v: NodeIndex) -> String? {
      overlay.rankGroups[v] ?? graph.tier(of: v).map { "tier\($0)" }
    }
    for v in shown {
      let name = layout.wrapWidth.map { Self.wrap(graph.name(of: v), width: $0) }
      p.nodes.append(
        .init(
          key: graph.id(of: v),
          label: (name ?? graph.name(of: v)) + (overlay.nodeLabels[v].map { "\n" + $0 } ?? ""),
          rankGroup: tierGroup(v),
          attributes: Self.merge(
            Self.shapeAttributes(graph.kind(of: v)) + [
              ("fillcolor", Self.fill(graph.sector(of: v)))
            ], overlay.nodes[v] ?? [])))
    }
    let edges = graph.edges.filter {
      visible[Int(graph.source(of: $0))] && visible[Int(graph.target(of: $0))]
    }
    // Each edge's own label: the part on `supplies` edges, the relation's name (and part)
    // on the others. A part named after its own supplier (a process step that goes into the
    // next) says nothing the arrow does not: it is left off.
    let labels: [String?] = edges.map { e in
      let relation = graph.relation(of: e)
      let source = graph.source(of: e)
      let part = graph.part(of: e).flatMap {
        $0 == graph.id(of: source) || $0 == graph.name(of: source) ? nil : $0
      }
      return relation.name == "supplies" ? part : relation.name + (part.map { ": \($0)" } ?? "")
    }
    // One flow relation may be drawn without labels, its label said once in the legend: the
    // one with the most edges whose edges all carry the same label (`sells_to` on korea-ax,
    // `producer` on ETO's supplies). Not when some flow edges are unlabelled already, since
    // two unlabelled relations would look alike. The same for context when only one context
    // relation is drawn (its dashed line and legend entry name it).
    var labelsOf: [String: Set<String?>] = [:]
    var edgesOf: [String: Int] = [:]
    for (e, label) in zip(edges, labels) {
      labelsOf[graph.relation(of: e).name, default: []].insert(label)
      edgesOf[graph.relation(of: e).name, default: 0] += 1
    }
    func role(_ name: String) -> RelationRole? {
      graph.relations.first { $0.name == name }?.role
    }
    var unlabelled = Set<String>()
    let flowNames = labelsOf.keys.filter { role($0) == .flow }
    let alreadyBare = flowNames.contains { labelsOf[$0]?.contains(nil) ?? false }
    let uniform = flowNames.filter { labelsOf[$0]?.count == 1 }.sorted {
      let (a, b) = (edgesOf[$0] ?? 0, edgesOf[$1] ?? 0)
      return a != b ? a > b : $0 < $1
    }
    if !alreadyBare, let pick = uniform.first, let shared = labelsOf[pick]?.first,
      let label = shared
    {
      unlabelled.insert(pick)
      p.legend.append(
        .init(
          label: label == pick ? "flow: \(pick)" : "\(pick): \(label)",
          attributes: [("color", "#555555")], isEdge: true))
    }
    let contextNames = labelsOf.keys.filter { role($0) == .context }
    if contextNames.count == 1, let name = contextNames.first, labelsOf[name] == [name] {
      unlabelled.insert(name)
    }
    for (e, own) in zip(edges, labels) {
      let relation = graph.relation(of: e)
      var attributes: [(String, String)] = []
      if relation.role == .context {
        attributes += [("style", "dashed"), ("color", "#999999")]
        p.contextRelations.insert(relation.name)
      }
      var label = unlabelled.contains(relation.name) ? nil : own
      if let extra = overlay.edgeLabels[e] { label = label.map { "\(extra) \($0)" } ?? extra }
      attributes = Self.merge(attributes, overlay.edges[e] ?? [])
      p.edges.append(
        .init(
          source: graph.id(of: graph.source(of: e)), target: graph.id(of: graph.target(of: e)),
          label: label, attributes: attributes))
    }
    p.legend = overlay.legend.filter { $0.isShown(in: graph) { visible[Int($0)] } } + p.legend
    p.kinds = Array(Set(shown.map { graph.kind(of: $0) })).sorted()
    // A sector is listed when a node is drawn in its colour (not recoloured by the overlay).
    if !overlay.recolorsNodes {
      for v in shown where !(overlay.nodes[v] ?? []).contains(where: { $0.0 == "fillcolor" }) {
        if let s = graph.sector(of: v) { p.sectors.insert(s) }
      }
    }
  }
}

extension StructureDiagram {
  /// The shape of each kind, in words, for the legend.
  static func shapeName(_ kind: NodeKind) -> String {
    switch shape(kind) {
    case "ellipse": "oval"
    case "box": "box"
    case "box3d": "3-D box"
    case "doubleoctagon": "double octagon"
    case "hexagon": "hexagon"
    case "tab": "tab"
    case "note": "note"
    case "component": "component"
    default: "plain text"
    }
  }

  /// The graph label: the title, then a framed legend row of color swatches (overlay entries,
  /// then sectors) and a line naming the shape of each kind in view.
  /// - Complexity: O(entries).
  static func titleAndLegend(
    title: String, overlay: [Overlay.LegendEntry], kinds: [NodeKind], sectors: [Sector]
  ) -> String {
    func swatch(_ attributes: [(String, String)]) -> String {
      var fill = "#FFFFFF"
      var border = "#555555"
      var width = 1
      var dashed = false
      for (k, v) in attributes {
        switch k {
        case "fillcolor": fill = v
        case "color": border = v
        case "penwidth": width = max(1, min(3, Int(Double(v) ?? 1)))
        case "peripheries" where (Int(v) ?? 1) > 1: width = max(width, 2)
        case "style": dashed = v.contains("dashed")
        default: break
        }
      }
      return
        "<TD BGCOLOR=\"\(Diagram.escapeXML(fill))\" COLOR=\"\(Diagram.escapeXML(border))\" BORDER=\"\(width)\"\(dashed ? " STYLE=\"dashed\"" : "") WIDTH=\"18\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
    }
    /// A line sample for an edge style: solid or dashed, in the edge's colour, bold when thick.
    func line(_ attributes: [(String, String)]) -> String {
      var color = "#555555"
      var dashed = false
      var width = 1.0
      for (k, v) in attributes {
        switch k {
        case "color": color = v
        case "style": dashed = v.contains("dashed") || v.contains("dotted")
        case "penwidth": width = Double(v) ?? 1
        default: break
        }
      }
      let stroke = dashed ? "– – –" : "———"
      let text = width >= 2 ? "<B>\(stroke)</B>" : stroke
      return "<TD><FONT COLOR=\"\(Diagram.escapeXML(color))\">\(text)</FONT></TD>"
    }
    var cells: [String] = []
    for entry in overlay {
      cells.append(
        (entry.isEdge ? line(entry.attributes) : swatch(entry.attributes))
          + "<TD ALIGN=\"LEFT\">\(Diagram.escapeXML(entry.label))</TD>")
    }
    for s in sectors {
      cells.append(
        swatch([("fillcolor", fill(s))]) + "<TD ALIGN=\"LEFT\">\(Diagram.escapeXML(s.name))</TD>")
    }
    var html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
    html += "<TR><TD><FONT POINT-SIZE=\"\(titleSize)\">\(Diagram.escapeXML(title))</FONT></TD></TR>"
    let shapes = kinds.map { "\($0.name): \(shapeName($0))" }.joined(separator: " · ")
    if !cells.isEmpty || !shapes.isEmpty {
      // A framed box of rows that share no columns, so a long shapes line cannot widen the
      // swatch columns.
      html +=
        "<TR><TD><FONT POINT-SIZE=\"\(textSize)\"><TABLE BORDER=\"1\" COLOR=\"#BBBBBB\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
      if !cells.isEmpty {
        html +=
          "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\"><B>Legend</B></TD>"
          + cells.joined() + "</TR></TABLE></TD></TR>"
      }
      if !shapes.isEmpty {
        html +=
          "<TR><TD ALIGN=\"LEFT\">\(cells.isEmpty ? "<B>Legend</B> " : "")Shapes — \(Diagram.escapeXML(shapes))</TD></TR>"
      }
      html += "</TABLE></FONT></TD></TR>"
    }
    return html + "</TABLE>"
  }
}

extension StructureDiagram {
  /// `base` with the pairs of `extra` replacing those of the same name.
  static func merge(_ base: [(String, String)], _ extra: [(String, String)]) -> [(String, String)] {
    let names = Set(extra.map(\.0))
    return base.filter { !names.contains($0.0) } + extra
  }
}

extension String {
  init(format2 value: Double) {
    let hundredths = Int((value * 100).rounded())
    self = "\(hundredths / 100).\(String(format: hundredths % 100))"
  }
  init(format value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

#if canImport(Glibc)
  import Glibc
#endif
