/// A diagram to lay out: nodes and edges with Graphviz attributes, in the order they are
/// inserted (callers sort them, so output is reproducible).
package struct Diagram: Sendable {
  package struct Node: Sendable {
    /// The unique key Graphviz knows the node by (never shown).
    package var key: String
    /// A plain label (escaped before Graphviz sees it), unless `htmlLabel` is given.
    package var label: String
    /// An HTML-like label; its text must already be XML-escaped (``Diagram/escapeXML(_:)``).
    package var htmlLabel: String?
    /// Nodes with the same group share a rank (a tier column in left-to-right layouts).
    package var rankGroup: String?
    package var attributes: [(String, String)]

    package init(
      key: String, label: String, htmlLabel: String? = nil, rankGroup: String? = nil,
      attributes: [(String, String)] = []
    ) {
      self.key = key
      self.label = label
      self.htmlLabel = htmlLabel
      self.rankGroup = rankGroup
      self.attributes = attributes
    }
  }

  package struct Edge: Sendable {
    package var source: String
    package var target: String
    package var label: String?
    package var attributes: [(String, String)]

    package init(
      source: String, target: String, label: String? = nil, attributes: [(String, String)] = []
    ) {
      self.source = source
      self.target = target
      self.label = label
      self.attributes = attributes
    }
  }

  package var name: String
  package var graphAttributes: [(String, String)] = []
  /// The graph's own HTML-like label (a title with its legend), already XML-escaped; drawn
  /// as part of the graph, not as nodes.
  package var htmlLabel: String?
  package var nodeDefaults: [(String, String)] = []
  package var edgeDefaults: [(String, String)] = []
  package var nodes: [Node] = []
  package var edges: [Edge] = []
  /// Whether every edge label is an external label (`xlabel`), placed after the layout next to
  /// its edge and taking no room in it: a compact drawing (inline labels become label nodes
  /// that double the ranks). Otherwise only flat edges' labels are (``edgeLabelAttributes()``).
  package var externalEdgeLabels = false

  package init(name: String) { self.name = name }

  /// Escapes a plain label: Graphviz reads `\N`, `\G`, `\n`, `\l` and `&amp;`-style entities
  /// in labels, so `\` and `&` are escaped; line breaks become `\n`.
  package static func escapePlain(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "&": out += "&amp;"
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Escapes text for an HTML-like label.
  package static func escapeXML(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n": out += "<BR/>"
      default:
        if c.value < 0x20 { continue }
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}

extension Diagram {
  /// For each edge, the attribute its label goes in: `xlabel` when both ends are held on one
  /// rank (a "flat" edge), else `label`. Graphviz 2.42's dot corrupts its heap laying out the
  /// label of a flat edge (it grows the rank array in `flat_edges` and frees the old one
  /// twice), so such labels are placed as external labels, which need no label node.
  /// - Complexity: O(*V* + *E*).
  package func edgeLabelAttributes() -> [String] {
    if externalEdgeLabels { return edges.map { _ in "xlabel" } }
    var group: [String: String] = [:]
    for node in nodes { if let g = node.rankGroup { group[node.key] = g } }
    return edges.map { edge in
      if let a = group[edge.source], a == group[edge.target] { return "xlabel" }
      return "label"
    }
  }
}

extension Diagram {
  /// The smallest text size in the drawing, in points: node and edge fonts (defaults and
  /// overrides, edge fonts only when an edge has a label) and every `POINT-SIZE` in the HTML
  /// labels.
  /// - Complexity: O(*V* + *E* + label text).
  package var smallestTextSize: Double {
    func size(_ attributes: [(String, String)]) -> Double? {
      attributes.last { $0.0 == "fontsize" }.flatMap { Double($0.1) }
    }
    func pointSizes(_ html: String) -> [Double] {
      html.split(separator: "POINT-SIZE=\"").dropFirst().compactMap {
        Double($0.prefix { $0 != "\"" })
      }
    }
    let nodeDefault = size(nodeDefaults) ?? 14
    let edgeDefault = size(edgeDefaults) ?? 14
    var smallest =
      htmlLabel.map { pointSizes($0).min() ?? (size(graphAttributes) ?? 14) } ?? .infinity
    for node in nodes {
      smallest = min(smallest, size(node.attributes) ?? nodeDefault)
      if let html = node.htmlLabel, let s = pointSizes(html).min() { smallest = min(smallest, s) }
    }
    for edge in edges where edge.label != nil {
      smallest = min(smallest, size(edge.attributes) ?? edgeDefault)
    }
    return smallest.isFinite ? smallest : 14
  }
}
