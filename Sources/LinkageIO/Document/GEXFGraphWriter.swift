import LinkageCore

/// Writes GEXF 1.2 (`http://www.gexf.net/1.2draft`, which Gephi and NetworkX `read_gexf`
/// read): a static directed graph, typed node and edge attributes (`long`, `double`,
/// `boolean`, `string`, as in ``XMLText/typedFields(_:skip:prefix:)``), each node labelled with
/// its name (else its id), each edge labelled with its relation and given the ids `e0`, `e1`, …
/// so parallel edges stay apart. A numeric `weight` edge attribute is written as the edge's
/// GEXF weight. The graph's description goes in `<meta>`; context relations are kept as the
/// boolean edge attribute `context` on their edges, which Linkage reads back. The graph's name
/// is the meta `<title>` (as GEXF 1.3 and Gephi have it).
package struct GEXFGraphWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  package func losses(in graph: SupplyGraph) -> [String] {
    var losses: [String] = []
    let used = Set(graph.edges.map { graph.relation(of: $0).name })
    let unused = graph.contextRelations.filter { !used.contains($0) }
    if !unused.isEmpty {
      losses.append(
        "GEXF keeps context relations on their edges: \(unused.map { "'\($0)'" }.joined(separator: ", ")) (declared, on no edge) not written"
      )
    }
    return losses
  }

  /// The document.
  /// - Complexity: O(*V* + *E* + total attribute values).
  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    let nodeRecords = graph.nodes.map { records.node($0) }
    let edgeRecords = graph.edges.map { records.edge($0) }
    let weightIsNumeric =
      graph.edgeAttributes.columns.first { $0.name == "weight" }.map(\.isNumeric) ?? false
    let nodeFields = XMLText.typedFields(nodeRecords, skip: ["id"], prefix: "n")
    var edgeSkip: Set<String> = ["source", "target"]
    if weightIsNumeric { edgeSkip.insert("weight") }
    var edgeFields = XMLText.typedFields(edgeRecords, skip: edgeSkip, prefix: "e")
    let context = Set(graph.contextRelations)
    if !context.isEmpty {
      edgeFields.append(
        XMLText.TypedField(name: "context", id: "e\(edgeFields.count)", type: "boolean"))
    }
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
        <meta>
          <creator>Linkage</creator>

      """
    if let name = graph.name {
      out += "    <title>\(XMLText.escape(name))</title>\n"
    }
    if let d = graph.description {
      out += "    <description>\(XMLText.escape(d))</description>\n"
    }
    out += "  </meta>\n  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
    for (cls, fields) in [("node", nodeFields), ("edge", edgeFields)] where !fields.isEmpty {
      out += "    <attributes class=\"\(cls)\">\n"
      for f in fields {
        out +=
          "      <attribute id=\"\(f.id)\" title=\"\(XMLText.escape(f.name))\" type=\"\(f.type)\"/>\n"
      }
      out += "    </attributes>\n"
    }
    var nodeIDs: [String: String] = [:]
    for f in nodeFields { nodeIDs[f.name] = f.id }
    var edgeIDs: [String: String] = [:]
    for f in edgeFields { edgeIDs[f.name] = f.id }
    func attvalues(_ fields: [Attribute], _ ids: [String: String], extra: String = "") -> String {
      var text = ""
      for f in fields {
        guard let id = ids[f.name] else { continue }
        text += "<attvalue for=\"\(id)\" value=\"\(XMLText.escape(f.value.description))\"/>"
      }
      text += extra
      return text.isEmpty ? "" : "<attvalues>\(text)</attvalues>"
    }
    out += "    <nodes>\n"
    for (v, fields) in zip(graph.nodes, nodeRecords) {
      let id = XMLText.escape(graph.id(of: v))
      let label = graph.writtenName(of: v).map(XMLText.escape) ?? id
      out += "      <node id=\"\(id)\" label=\"\(label)\">\(attvalues(fields, nodeIDs))</node>\n"
    }
    out += "    </nodes>\n    <edges>\n"
    let contextID = edgeIDs["context"] ?? ""
    for (e, fields) in zip(graph.edges, edgeRecords) {
      let relation = graph.relation(of: e).name
      var weight = ""
      if weightIsNumeric, let w = fields.first(where: { $0.name == "weight" }) {
        weight = " weight=\"\(w.value.description)\""
      }
      let extra =
        context.contains(relation) ? "<attvalue for=\"\(contextID)\" value=\"true\"/>" : ""
      out +=
        "      <edge id=\"e\(e)\" source=\"\(XMLText.escape(graph.id(of: graph.source(of: e))))\" target=\"\(XMLText.escape(graph.id(of: graph.target(of: e))))\" label=\"\(XMLText.escape(relation))\"\(weight)>\(attvalues(fields, edgeIDs, extra: extra))</edge>\n"
    }
    return out + "    </edges>\n  </graph>\n</gexf>\n"
  }
}
