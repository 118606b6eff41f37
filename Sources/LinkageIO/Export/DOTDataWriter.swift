import LinkageCore

/// Writes the graph as DOT data (`.dot`, `.gv`): a `digraph` named after the graph, its
/// description and context relations as graph attributes, every node with its fields and
/// attributes, every edge with its relation, part and attributes, all as quoted strings, so
/// Graphviz, `networkx.nx_pydot.read_dot` and other DOT readers take it. (A drawing is
/// `linkage render --format dot`; this is the data.)
package struct DOTDataWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  package func losses(in graph: SupplyGraph) -> [String] {
    let typed =
      graph.nodeAttributes.columns.contains {
        if case .strings = $0.storage { false } else { true }
      }
      || graph.edgeAttributes.columns.contains {
        if case .strings = $0.storage { false } else { true }
      }
      || graph.nodes.contains { graph.tier(of: $0) != nil }
    return typed ? ["DOT has no types: numbers and booleans are written as text"] : []
  }

  /// A DOT quoted string: `"` and `\` escaped, line breaks kept.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for c in text.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  /// The document.
  /// - Complexity: O(*V* + *E* + values written).
  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    var out = "digraph \(Self.quoted(graph.name ?? "linkage")) {\n"
    if let d = graph.description { out += "  description=\(Self.quoted(d));\n" }
    if !graph.contextRelations.isEmpty {
      out += "  context_relations=\(Self.quoted(graph.contextRelations.joined(separator: ",")));\n"
    }
    func attributes(_ fields: ArraySlice<Attribute>) -> String {
      guard !fields.isEmpty else { return "" }
      return " ["
        + fields.map { "\(Self.quoted($0.name))=\(Self.quoted($0.value.description))" }
        .joined(separator: ", ") + "]"
    }
    for v in graph.nodes {
      let fields = records.node(v)
      out += "  \(Self.quoted(graph.id(of: v)))\(attributes(fields.dropFirst()));\n"
    }
    for e in graph.edges {
      let fields = records.edge(e)
      out +=
        "  \(Self.quoted(graph.id(of: graph.source(of: e)))) -> \(Self.quoted(graph.id(of: graph.target(of: e))))\(attributes(fields.dropFirst(2)));\n"
    }
    return out + "}\n"
  }
}
