import LinkageCore

/// Writes the JSON encoding: an object with `name`, `description`, `context_relations` when
/// present, then `nodes` and `edges`, one node or edge per line. As NetworkX node-link data
/// (`nodeLink`), the same records under `directed: true`, `multigraph: true` (parallel edges
/// are kept), a `graph` object with the name, description and context relations, `nodes` and
/// `edges` (NetworkX ≥ 3.4's key and 3.6's default; older versions read it with
/// `edges="edges"`), which `networkx.node_link_graph` reads as a `MultiDiGraph`.
package struct JSONGraphWriter: GraphWriter {
  package let nodeLink: Bool
  package init(nodeLink: Bool = false) { self.nodeLink = nodeLink }

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  package func text(of graph: SupplyGraph) -> String {
    let records = GraphRecords(graph: graph)
    var header: [String] = []
    if let name = graph.name { header.append("\"name\": \(JSONText.string(name))") }
    if let d = graph.description { header.append("\"description\": \(JSONText.string(d))") }
    if !graph.contextRelations.isEmpty {
      header.append(
        "\"context_relations\": [\(graph.contextRelations.map(JSONText.string).joined(separator: ", "))]"
      )
    }
    var out = "{\n"
    if nodeLink {
      out += "  \"directed\": true,\n  \"multigraph\": true,\n"
      out += "  \"graph\": {\(header.joined(separator: ", "))},\n"
    } else {
      for line in header { out += "  \(line),\n" }
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
  /// Whether `s` is written as it is between the quotes (no character needs an escape).
  @inline(__always)
  static func needsNoEscape(_ s: String) -> Bool {
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return false }
    return true
  }

  /// Appends the JSON string literal of `s` (as ``string(_:)`` spells it) as UTF-8.
  /// - Complexity: O(*n*) in the length of `s`, no allocation when nothing needs an escape.
  package static func append(_ s: String, to out: inout [UInt8]) {
    if needsNoEscape(s) {
      out.append(0x22)
      out.append(contentsOf: s.utf8)
      out.append(0x22)
    } else {
      out.append(contentsOf: string(s).utf8)
    }
  }

  package static func string(_ s: String) -> String {
    // Fast path: most strings need no escaping at all.
    if needsNoEscape(s) { return "\"" + s + "\"" }
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
