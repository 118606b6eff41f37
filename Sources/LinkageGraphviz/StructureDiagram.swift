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

  package let diagram: Diagram
  /// Whether the graph was summarized into groups.
  package let summarized: Bool
  package let visibleNodes: Int

  /// - Parameters:
  ///   - nodes: the nodes to show (all, or a focus neighborhood), in any order.
  ///   - title: the diagram's title line.
  package init(
    graph: SupplyGraph, nodes: [NodeIndex], title: String, maximumNodes: Int = 600,
    overlay: Overlay = Overlay()
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
    summarized = shown.count > maximumNodes || visibleEdges > 4 * maximumNodes
    visibleNodes = shown.count
    let fullTitle =
      summarized ? "\(title) — summarized: \(shown.count) nodes in groups by kind and tier" : title
    d.graphAttributes = [
      ("rankdir", "LR"), ("labelloc", "t"), ("fontname", Self.font),
      ("fontsize", "16"), ("nodesep", "0.25"), ("ranksep", "0.8"), ("bgcolor", "white"),
    ]
    d.nodeDefaults = [
      ("fontname", Self.font), ("fontsize", "10"), ("style", "filled"), ("penwidth", "1"),
    ]
    d.edgeDefaults = [
      ("fontname", Self.font), ("fontsize", "8"), ("color", "#555555"), ("arrowsize", "0.6"),
    ]
    func tierGroup(_ v: NodeIndex) -> String? { graph.tier(of: v).map { "tier\($0)" } }
    if !summarized {
      for v in shown {
        d.nodes.append(
          .init(
            key: graph.id(of: v),
            label: graph.name(of: v) + (overlay.nodeLabels[v].map { "\n" + $0 } ?? ""),
            rankGroup: tierGroup(v),
            attributes: Self.merge(
              [
                ("shape", Self.shape(graph.kind(of: v))),
                ("fillcolor", Self.fill(graph.sector(of: v))),
              ], overlay.nodes[v] ?? [])))
      }
      let edges = graph.edges.filter {
        visible[Int(graph.source(of: $0))] && visible[Int(graph.target(of: $0))]
      }
      for e in edges {
        let relation = graph.relation(of: e)
        var attributes: [(String, String)] = []
        if relation.role == .context { attributes += [("style", "dashed"), ("color", "#999999")] }
        var label =
          relation.name == "supplies"
          ? graph.part(of: e) : relation.name + (graph.part(of: e).map { ": \($0)" } ?? "")
        if let extra = overlay.edgeLabels[e] { label = label.map { "\(extra) \($0)" } ?? extra }
        attributes = Self.merge(attributes, overlay.edges[e] ?? [])
        d.edges.append(
          .init(
            source: graph.id(of: graph.source(of: e)), target: graph.id(of: graph.target(of: e)),
            label: label, attributes: attributes))
      }
    } else {
      // One node per (kind, tier); edges counted between groups.
      func key(_ v: NodeIndex) -> String {
        "\(graph.kind(of: v).name)|\(graph.tier(of: v).map(String.init) ?? "-")"
      }
      var counts: [String: Int] = [:]
      var sectors: [String: [Sector: Int]] = [:]
      for v in shown {
        counts[key(v), default: 0] += 1
        if let s = graph.sector(of: v) { sectors[key(v), default: [:]][s, default: 0] += 1 }
      }
      for k in counts.keys.sorted() {
        let parts = k.split(separator: "|")
        let kind = NodeKind(name: parts[0]) ?? .other
        let tier = parts[1] == "-" ? "" : " (tier \(parts[1]))"
        let dominant = sectors[k]?.max {
          $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
        }?.key
        d.nodes.append(
          .init(
            key: k,
            label: "\(kind == .agency ? "agencies" : kind.name + "s")\(tier)\n\(counts[k]!)",
            rankGroup: parts[1] == "-" ? nil : "tier\(parts[1])",
            attributes: [("shape", Self.shape(kind)), ("fillcolor", Self.fill(dominant))]))
      }
      var links: [String: Int] = [:]
      for e in graph.edges
      where visible[Int(graph.source(of: e))] && visible[Int(graph.target(of: e))] {
        links[key(graph.source(of: e)) + "\u{0}" + key(graph.target(of: e)), default: 0] += 1
      }
      for k in links.keys.sorted() {
        let ends = k.split(separator: "\u{0}")
        let n = links[k]!
        d.edges.append(
          .init(
            source: String(ends[0]), target: String(ends[1]), label: String(n),
            attributes: [("penwidth", String(format2: min(6, 0.5 + log2(Double(n)) / 3)))]))
      }
    }
    // The title and legend are the graph's own label: not nodes, so no id can collide with
    // them and a reader counting the SVG's nodes counts only the graph's.
    let kinds = Array(Set(shown.map { graph.kind(of: $0) })).sorted()
    var sectorsShown = Set<Sector>()
    for v in shown { if let s = graph.sector(of: v) { sectorsShown.insert(s) } }
    d.htmlLabel = Self.titleAndLegend(
      title: fullTitle, overlay: overlay.legend, kinds: kinds,
      sectors: overlay.recolorsNodes ? [] : Sector.allCases.filter { sectorsShown.contains($0) })
    diagram = d
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
      for (k, v) in attributes {
        switch k {
        case "fillcolor": fill = v
        case "color": border = v
        case "penwidth": width = max(1, min(3, Int(Double(v) ?? 1)))
        case "peripheries" where (Int(v) ?? 1) > 1: width = max(width, 2)
        default: break
        }
      }
      return
        "<TD BGCOLOR=\"\(Diagram.escapeXML(fill))\" COLOR=\"\(Diagram.escapeXML(border))\" BORDER=\"\(width)\" WIDTH=\"18\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
    }
    var cells: [String] = []
    for entry in overlay {
      cells.append(
        swatch(entry.attributes) + "<TD ALIGN=\"LEFT\">\(Diagram.escapeXML(entry.label))</TD>")
    }
    for s in sectors {
      cells.append(
        swatch([("fillcolor", fill(s))]) + "<TD ALIGN=\"LEFT\">\(Diagram.escapeXML(s.name))</TD>")
    }
    var html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
    html += "<TR><TD><FONT POINT-SIZE=\"16\">\(Diagram.escapeXML(title))</FONT></TD></TR>"
    let shapes = kinds.map { "\($0.name): \(shapeName($0))" }.joined(separator: " · ")
    if !cells.isEmpty || !shapes.isEmpty {
      // A framed box of rows that share no columns, so a long shapes line cannot widen the
      // swatch columns.
      html +=
        "<TR><TD><FONT POINT-SIZE=\"12\"><TABLE BORDER=\"1\" COLOR=\"#BBBBBB\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
      if !cells.isEmpty {
        html +=
          "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\"><B>Legend</B></TD>"
          + cells.joined() + "</TR></TABLE></TD></TR>"
      }
      if !shapes.isEmpty {
        html +=
          "<TR><TD ALIGN=\"LEFT\">\(cells.isEmpty ? "<B>Legend</B> " : "")<FONT POINT-SIZE=\"10\">Shapes — \(Diagram.escapeXML(shapes))</FONT></TD></TR>"
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
