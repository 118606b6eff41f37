import LinkageCore

/// Writes the JSON encoding: an object with `name`, `description`, `context_relations` when
/// present, then `nodes` and `edges`, one node or edge per line.
package struct JSONGraphWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    var out = "{\n"
    if let name = graph.name { out += "  \"name\": \(JSONText.string(name)),\n" }
    if let d = graph.description { out += "  \"description\": \(JSONText.string(d)),\n" }
    if !graph.contextRelations.isEmpty {
      out +=
        "  \"context_relations\": [\(graph.contextRelations.map(JSONText.string).joined(separator: ", "))],\n"
    }
    out += "  \"nodes\": ["
    for v in graph.nodes {
      out += (v == 0 ? "\n    " : ",\n    ") + Self.object(records.node(v))
    }
    out += graph.nodeCount == 0 ? "],\n" : "\n  ],\n"
    out += "  \"edges\": ["
    for e in graph.edges {
      out += (e == 0 ? "\n    " : ",\n    ") + Self.object(records.edge(e))
    }
    out += graph.edgeCount == 0 ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }

  static func object(_ fields: [Attribute]) -> String {
    "{"
      + fields.map { "\(JSONText.string($0.name)): \(JSONText.value($0.value))" }.joined(
        separator: ", ") + "}"
  }
}

/// JSON text of scalars, shared by the graph writer and the CLI's JSON output.
package enum JSONText {
  package static func string(_ s: String) -> String {
    // Fast path: most strings need no escaping at all.
    var clean = true
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 {
      clean = false
      break
    }
    if clean { return "\"" + s + "\"" }
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c == "\u{2028}" || c == "\u{2029}" {
          out += "\\u" + String(format4: c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  package static func value(_ v: AttributeValue) -> String {
    switch v {
    case .string(let s): string(s)
    case .number(let d): NumberFormat.canonical(d)
    case .bool(let b): b ? "true" : "false"
    }
  }
}
