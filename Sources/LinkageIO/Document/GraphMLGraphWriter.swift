import LinkageCore

/// Writes GraphML that NetworkX (`read_graphml`), igraph, yEd and Gephi read: one `<key>` per
/// node and edge field in use, typed (`long` when every value is a whole number, `double`
/// when every value is a number, `boolean` when every value is one, else `string`), a directed graph with the name and description as
/// graph data, and each node's and edge's fields as `<data>`. Context relations are kept as
/// the graph data `context_relations` (a comma-separated list), which Linkage reads back.
package struct GraphMLGraphWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    let nodeRecords = graph.nodes.map { records.node($0) }
    let edgeRecords = graph.edges.map { records.edge($0) }
    let nodeKeys = XMLText.typedFields(nodeRecords, skip: ["id"], prefix: "n")
    let edgeKeys = XMLText.typedFields(edgeRecords, skip: ["source", "target"], prefix: "e")
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

      """
    var graphData: [(String, String)] = []
    if let name = graph.name { graphData.append(("name", name)) }
    if let d = graph.description { graphData.append(("description", d)) }
    if !graph.contextRelations.isEmpty {
      graphData.append(("context_relations", graph.contextRelations.joined(separator: ",")))
    }
    for (k, (name, _)) in graphData.enumerated() {
      out +=
        "  <key id=\"g\(k)\" for=\"graph\" attr.name=\"\(name)\" attr.type=\"string\"/>\n"
    }
    for (domain, keys) in [("node", nodeKeys), ("edge", edgeKeys)] {
      for key in keys {
        out +=
          "  <key id=\"\(key.id)\" for=\"\(domain)\" attr.name=\"\(XMLText.escape(key.name))\" attr.type=\"\(key.type)\"/>\n"
      }
    }
    out += "  <graph id=\"G\" edgedefault=\"directed\">\n"
    for (k, (_, value)) in graphData.enumerated() {
      out += "    <data key=\"g\(k)\">\(XMLText.escape(value))</data>\n"
    }
    func data(_ fields: [Attribute], _ keys: [XMLText.TypedField]) -> String {
      var ids: [String: String] = [:]
      for key in keys { ids[key.name] = key.id }
      var text = ""
      for f in fields {
        guard let id = ids[f.name] else { continue }
        text += "<data key=\"\(id)\">\(XMLText.escape(f.value.description))</data>"
      }
      return text
    }
    for (v, fields) in zip(graph.nodes, nodeRecords) {
      out +=
        "    <node id=\"\(XMLText.escape(graph.id(of: v)))\">\(data(fields, nodeKeys))</node>\n"
    }
    for (e, fields) in zip(graph.edges, edgeRecords) {
      out +=
        "    <edge source=\"\(XMLText.escape(graph.id(of: graph.source(of: e))))\" target=\"\(XMLText.escape(graph.id(of: graph.target(of: e))))\">\(data(fields, edgeKeys))</edge>\n"
    }
    return out + "  </graph>\n</graphml>\n"
  }
}
