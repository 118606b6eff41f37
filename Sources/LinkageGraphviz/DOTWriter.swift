/// Writes a ``Diagram`` as DOT text for people who want to edit it, with every id, label and
/// attribute value quoted and escaped, so no name can change the graph's structure.
package enum DOTWriter {
  /// A DOT quoted string for an attribute value: always valid DOT.
  ///
  /// Inside DOT quotes `\\` is kept as two characters and `\"` is a quote, so a backslash
  /// run of odd length before a quote or at the end would escape the quote: such a run gets
  /// one more backslash (label text is escaped first by ``Diagram/escapePlain(_:)``, whose
  /// runs are always even, so labels read back exactly).
  package static func quote(_ text: String) -> String { quote(text, literalBreaks: false) }

  /// `literalBreaks`: keep line breaks as they are (ids) instead of writing `\n` (values).
  static func quote(_ text: String, literalBreaks: Bool) -> String {
    var out = "\""
    var run = 0  // backslashes just written
    for c in text.unicodeScalars {
      switch c {
      case "\\":
        out += "\\"
        run += 1
        continue
      case "\"":
        if run % 2 == 1 { out += "\\" }
        out += "\\\""
      case "\n" where !literalBreaks: out += "\\n"
      case "\r" where !literalBreaks: break
      default: out.unicodeScalars.append(c)
      }
      run = 0
    }
    if run % 2 == 1 { out += "\\" }
    return out + "\""
  }

  /// A DOT id (node, graph or subgraph name) that Graphviz reads back as exactly `text`:
  /// quoted when quoting is exact, else as an HTML-form id `<…>` (read literally), which
  /// needs balanced angle brackets; an id that has neither form (an odd backslash run before
  /// a quote or at the end, or a line break, and unbalanced `<>`) is written as close as
  /// quoting allows (still valid DOT).
  package static func id(_ text: String) -> String {
    var run = 0
    var exact = true
    var depth = 0
    var balanced = true
    for c in text.unicodeScalars {
      switch c {
      case "\\": run += 1
      case "\"":
        if run % 2 == 1 { exact = false }
        run = 0
      case "\n", "\r":
        // cgraph drops line breaks at the ends of quoted strings and joins `\` + break.
        exact = false
        run = 0
      case "<":
        depth += 1
        run = 0
      case ">":
        depth -= 1
        if depth < 0 { balanced = false }
        run = 0
      default: run = 0
      }
    }
    if run % 2 == 1 { exact = false }
    if !exact && balanced && depth == 0 { return "<" + text + ">" }
    return quote(text, literalBreaks: true)
  }

  static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.isEmpty
      ? "" : " [" + pairs.map { "\(quote($0.0))=\(quote($0.1))" }.joined(separator: ", ") + "]"
  }

  /// The DOT text of `diagram`. Plain labels are escaped as Graphviz reads them
  /// (``Diagram/escapePlain(_:)``, then quoted); HTML labels are written between `<` and `>`.
  package static func text(of diagram: Diagram) -> String {
    // What the renderer draws: text readable on every fill.
    let diagram = diagram.withReadableText()
    var out = "digraph \(id(diagram.name)) {\n"
    for (k, v) in diagram.graphAttributes { out += "  \(quote(k))=\(quote(v));\n" }
    if let html = diagram.htmlLabel { out += "  label=<\(html)>;\n" }
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
      var line = indent + id(node.key)
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
      out += "  subgraph \(id("rank_" + g)) {\n    rank=same;\n"
      for node in groups[g]! { out += nodeLine(node, indent: "    ") }
      out += "  }\n"
    }
    let labelAttributes = diagram.edgeLabelAttributes()
    for (i, edge) in diagram.edges.enumerated() {
      var pairs = edge.attributes
      if let label = edge.label {
        pairs.insert((labelAttributes[i], Diagram.escapePlain(label)), at: 0)
      }
      out += "  \(id(edge.source)) -> \(id(edge.target))\(attributes(pairs));\n"
    }
    return out + "}\n"
  }
}
