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

  static func escape(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default:
        // XML 1.0 cannot hold C0 controls other than tab and line breaks: they are written
        // as U+FFFD rather than produce a file no XML reader accepts.
        if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }

  /// The key ids and types of one domain's fields, in first-seen order.
  private static func keys(
    _ records: [[Attribute]], skip: Set<String>, prefix: String
  )
    -> [(name: String, id: String, type: String)]
  {
    var order: [String] = []
    var types: [String: String] = [:]
    for fields in records {
      for f in fields where !skip.contains(f.name) {
        let type: String
        switch f.value {
        case .number(let d):
          // Whole numbers NetworkX reads back as ints; any fraction makes the key double.
          type = d == d.rounded() && abs(d) < 9_007_199_254_740_992 ? "long" : "double"
        case .bool: type = "boolean"
        case .string: type = "string"
        }
        if let known = types[f.name] {
          if known != type {
            let numeric: Set<String> = ["long", "double"]
            types[f.name] =
              numeric.contains(known) && numeric.contains(type) ? "double" : "string"
          }
        } else {
          types[f.name] = type
          order.append(f.name)
        }
      }
    }
    return order.enumerated().map { (k, name) in (name, "\(prefix)\(k)", types[name]!) }
  }

  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    let nodeRecords = graph.nodes.map { records.node($0) }
    let edgeRecords = graph.edges.map { records.edge($0) }
    let nodeKeys = Self.keys(nodeRecords, skip: ["id"], prefix: "n")
    let edgeKeys = Self.keys(edgeRecords, skip: ["source", "target"], prefix: "e")
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
          "  <key id=\"\(key.id)\" for=\"\(domain)\" attr.name=\"\(Self.escape(key.name))\" attr.type=\"\(key.type)\"/>\n"
      }
    }
    out += "  <graph id=\"G\" edgedefault=\"directed\">\n"
    for (k, (_, value)) in graphData.enumerated() {
      out += "    <data key=\"g\(k)\">\(Self.escape(value))</data>\n"
    }
    func data(_ fields: [Attribute], _ keys: [(name: String, id: String, type: String)]) -> String {
      var ids: [String: String] = [:]
      for key in keys { ids[key.name] = key.id }
      var text = ""
      for f in fields {
        guard let id = ids[f.name] else { continue }
        text += "<data key=\"\(id)\">\(Self.escape(f.value.description))</data>"
      }
      return text
    }
    for (v, fields) in zip(graph.nodes, nodeRecords) {
      out += "    <node id=\"\(Self.escape(graph.id(of: v)))\">\(data(fields, nodeKeys))</node>\n"
    }
    for (e, fields) in zip(graph.edges, edgeRecords) {
      out +=
        "    <edge source=\"\(Self.escape(graph.id(of: graph.source(of: e))))\" target=\"\(Self.escape(graph.id(of: graph.target(of: e))))\">\(data(fields, edgeKeys))</edge>\n"
    }
    return out + "  </graph>\n</graphml>\n"
  }
}
