/// Writes a ``Diagram`` as DOT text for people who want to edit it, with every id, label and
/// attribute value quoted and escaped, so no name can change the graph's structure.
public enum DOTWriter {
  /// A DOT quoted string.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for c in text.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.isEmpty
      ? "" : " [" + pairs.map { "\(quote($0.0))=\(quote($0.1))" }.joined(separator: ", ") + "]"
  }

  /// The DOT text of `diagram`. Plain labels are escaped as Graphviz reads them
  /// (``Diagram/escapePlain(_:)``, then quoted); HTML labels are written between `<` and `>`.
  public static func text(of diagram: Diagram) -> String {
    var out = "digraph \(quote(diagram.name)) {\n"
    for (k, v) in diagram.graphAttributes { out += "  \(quote(k))=\(quote(v));\n" }
    if !diagram.nodeDefaults.isEmpty { out += "  node\(attributes(diagram.nodeDefaults));\n" }
    if !diagram.edgeDefaults.isEmpty { out += "  edge\(attributes(diagram.edgeDefaults));\n" }
    var groups: [String: [Diagram.Node]] = [:]
    var order: [String] = []
    for node in diagram.nodes {
      if let g = node.rankGroup {
        if groups[g] == nil { order.append(g) }
        groups[g, default: []].append(node)
      }
    }
    func nodeLine(_ node: Diagram.Node, indent: String) -> String {
      var line = indent + quote(node.key)
      if let html = node.htmlLabel {
        line +=
          " [label=<\(html)>" + node.attributes.map { ", \(quote($0.0))=\(quote($0.1))" }.joined()
          + "]"
      } else {
        line += attributes([("label", Diagram.escapePlain(node.label))] + node.attributes)
      }
      return line + ";\n"
    }
    for node in diagram.nodes where node.rankGroup == nil { out += nodeLine(node, indent: "  ") }
    for g in order {
      out += "  subgraph \(quote("rank_" + g)) {\n    rank=same;\n"
      for node in groups[g]! { out += nodeLine(node, indent: "    ") }
      out += "  }\n"
    }
    for edge in diagram.edges {
      var pairs = edge.attributes
      if let label = edge.label { pairs.insert(("label", Diagram.escapePlain(label)), at: 0) }
      out += "  \(quote(edge.source)) -> \(quote(edge.target))\(attributes(pairs));\n"
    }
    return out + "}\n"
  }
}
