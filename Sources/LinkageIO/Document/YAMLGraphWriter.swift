import LinkageCore

/// Writes the YAML encoding: one node or edge per line, as a flow mapping, so that files
/// diff line by line.
///
/// Strings are written plain when that reads back as the same string under both YAML 1.2
/// and YAML 1.1 readers (PyYAML included); otherwise double-quoted with escapes.
package struct YAMLGraphWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    try FileAccess.writeAtomically(text(of: graph), to: path)
  }

  /// The document as text.
  /// - Complexity: O(*V* + *E*) time.
  package func text(of graph: SupplyGraph) -> String {
    var out = ""
    let records = GraphRecords(graph: graph)
    if let name = graph.name { out += "name: \(Self.scalar(name, flow: false))\n" }
    if let description = graph.description {
      out += "description: \(Self.scalar(description, flow: false))\n"
    }
    if !graph.contextRelations.isEmpty {
      out +=
        "context_relations: [\(graph.contextRelations.map { Self.scalar($0, flow: true) }.joined(separator: ", "))]\n"
    }
    out += graph.nodeCount == 0 ? "nodes: []\n" : "nodes:\n"
    for v in graph.nodes { out += "  - " + Self.mapping(records.node(v)) + "\n" }
    out += graph.edgeCount == 0 ? "edges: []\n" : "edges:\n"
    for e in graph.edges { out += "  - " + Self.mapping(records.edge(e)) + "\n" }
    return out
  }

  static func mapping(_ fields: [Attribute]) -> String {
    "{"
      + fields.map { "\(scalar($0.name, flow: true)): \(value($0.value))" }.joined(separator: ", ")
      + "}"
  }

  static func value(_ v: AttributeValue) -> String {
    switch v {
    case .string(let s): scalar(s, flow: true)
    case .number(let d): NumberFormat.canonical(d)
    case .bool(let b): b ? "true" : "false"
    }
  }

  /// A string as a YAML scalar that reads back as the same string.
  static func scalar(_ s: String, flow: Bool) -> String {
    plainIsSafe(s, flow: flow) ? s : quoted(s)
  }

  static let reservedWords: Set<String> = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
  ]

  static func plainIsSafe(_ s: String, flow: Bool) -> Bool {
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
    if reservedWords.contains(s.lowercased()) { return false }
    if " \t".unicodeScalars.contains(last) || " \t".unicodeScalars.contains(first) { return false }
    if "-?:,[]{}#&*!|>'\"%@`.+0123456789<=".unicodeScalars.contains(first) { return false }
    for c in s.unicodeScalars {
      if c.value < 0x20 || c.value == 0x7F || c.value == 0xFEFF || (0x80...0x9F).contains(c.value) {
        return false
      }
      if c == ":" || c == "#" { return false }
      if flow && ",[]{}".unicodeScalars.contains(c) { return false }
      if c == "\u{2028}" || c == "\u{2029}" || c == "\u{85}" { return false }
    }
    return true
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c == "\u{2028}"
          || c == "\u{2029}"
          || c.value == 0xFEFF
        {
          out += "\\u" + String(format4: c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}

extension String {
  /// Four lowercase hex digits.
  init(format4 value: UInt32) {
    let digits = Array("0123456789abcdef")
    self = String((0..<4).reversed().map { digits[Int((value >> (4 * UInt32($0))) & 0xF)] })
  }
}
