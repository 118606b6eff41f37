import LinkageCore

/// Reads the graph schema from a parsed YAML or JSON document:
///
///     name: Example            # optional
///     description: …           # optional
///     context_relations: [x]   # optional: relation names that are context, not flow
///     nodes:
///       - {id: acme, name: Acme, kind: startup, sector: dual, stage: technology, tier: 2}
///     edges:
///       - {source: acme, target: navy, relation: sells_to, part: radar, lead_time: 30}
///
/// Every other key of a node or edge is an attribute (a string, number or boolean).
struct GraphDocumentDecoder {
  let file: String

  static let nodeFields: Set<String> = [
    "id", "name", "kind", "sector", "stage", "tier", "requires",
  ]
  static let edgeFields: Set<String> = ["source", "target", "relation", "part"]

  func decode(_ root: DocumentNode, into assembler: inout GraphAssembler) {
    guard case .object(let members) = root.value else {
      assembler.log.error(
        "expected a mapping with `nodes:` and `edges:` at the top, found \(root.typeName)",
        at: at(root))
      return
    }
    var nodes: DocumentNode? = nil
    var edges: DocumentNode? = nil
    // NetworkX node-link data (`json_graph.node_link_data`): the edges under `links` (before
    // NetworkX 3.4's `edges=` choice) or `edges`, plus `directed`, `multigraph` and `graph`.
    var links: DocumentNode? = nil
    var directed: DocumentNode? = nil
    for m in members {
      switch m.key {
      case "links": links = m.value
      case "directed": directed = m.value
      case "multigraph":
        guard case .bool = m.value.value else {
          assembler.log.error(
            "multigraph must be true or false, found \(m.value.typeName)", at: at(m.value))
          continue
        }
      case "graph": decodeGraphAttributes(m.value, &assembler)
      case "name": assembler.builder.name = text(m.value, "name", &assembler)
      case "description": assembler.builder.description = text(m.value, "description", &assembler)
      case "context_relations":
        guard case .array(let items) = m.value.value else {
          assembler.log.error(
            "context_relations must be a list of relation names, found \(m.value.typeName)",
            at: at(m.value))
          continue
        }
        assembler.setContextRelations(
          items.compactMap { text($0, "context_relations entry", &assembler) })
      case "nodes": nodes = m.value
      case "edges": edges = m.value
      default:
        assembler.log.warning(
          "unknown top-level key '\(m.key)' ignored (expected name, description, context_relations, nodes, edges; node-link: directed, multigraph, graph, links)",
          at: SourceLocation(file: file, line: m.keyLine, column: m.keyColumn))
      }
    }
    if let links {
      if edges != nil {
        assembler.log.error(
          "both `edges:` and `links:` (node-link) are given: keep one list of edges",
          at: at(links))
      } else {
        edges = links
      }
    }
    if let directed {
      switch directed.value {
      case .bool(true): break
      case .bool(false):
        assembler.log.warning(
          "the graph is undirected (directed: false): each link is read as one edge from its source to its target as written, and supply follows that direction",
          at: at(directed))
      default:
        assembler.log.error(
          "directed must be true or false, found \(directed.typeName)", at: at(directed))
      }
    }
    if let nodes {
      if case .array(let items) = nodes.value {
        for item in items { decodeNode(item, &assembler) }
      } else if case .null = nodes.value {
      } else {
        assembler.log.error("nodes must be a list, found \(nodes.typeName)", at: at(nodes))
      }
    } else {
      // An addition (`--add`) may hold edges alone, between nodes of the base graph.
      if assembler.base == nil {
        assembler.log.error("no `nodes:` list in the document", at: at(root))
      }
    }
    if let edges {
      if case .array(let items) = edges.value {
        for item in items { decodeEdge(item, &assembler) }
      } else if case .null = edges.value {
      } else {
        assembler.log.error("edges must be a list, found \(edges.typeName)", at: at(edges))
      }
    }
  }

  /// A node-link file's `graph` object: `name`, `description` and `context_relations` as at
  /// the top level; other keys are warned about (the graph has no attributes of its own).
  private func decodeGraphAttributes(_ node: DocumentNode, _ assembler: inout GraphAssembler) {
    guard case .object(let members) = node.value else {
      if case .null = node.value { return }
      assembler.log.error("graph must be a mapping, found \(node.typeName)", at: at(node))
      return
    }
    for m in members {
      switch m.key {
      case "name": assembler.builder.name = text(m.value, "name", &assembler)
      case "description": assembler.builder.description = text(m.value, "description", &assembler)
      case "context_relations":
        guard case .array(let items) = m.value.value else {
          assembler.log.error(
            "context_relations must be a list of relation names, found \(m.value.typeName)",
            at: at(m.value))
          continue
        }
        assembler.setContextRelations(
          items.compactMap { text($0, "context_relations entry", &assembler) })
      default:
        assembler.log.warning(
          "graph attribute '\(m.key)' ignored (Linkage keeps a graph's name, description and context_relations)",
          at: SourceLocation(file: file, line: m.keyLine, column: m.keyColumn))
      }
    }
  }

  private func at(_ node: DocumentNode) -> SourceLocation {
    SourceLocation(file: file, line: node.line, column: node.column)
  }

  /// A scalar as text: strings as they are, numbers canonically (`id: 7` is the id "7").
  private func text(
    _ node: DocumentNode, _ what: String, _ assembler: inout GraphAssembler
  ) -> String? {
    switch node.value {
    case .string(let s): return s
    case .number(let d): return NumberFormat.canonical(d)
    case .bool(let b): return b ? "true" : "false"
    case .null: return nil
    default:
      assembler.log.error("\(what) must be text, found \(node.typeName)", at: at(node))
      return nil
    }
  }

  private func attribute(
    _ node: DocumentNode, _ key: String, _ assembler: inout GraphAssembler
  ) -> AttributeValue? {
    switch node.value {
    case .string(let s): return .string(s)
    case .number(let d): return .number(d)
    case .bool(let b): return .bool(b)
    case .null: return nil
    default:
      assembler.log.error(
        "attribute '\(key)' must be a string, number or boolean, found \(node.typeName)",
        at: at(node))
      return nil
    }
  }

  private func decodeNode(_ item: DocumentNode, _ assembler: inout GraphAssembler) {
    guard case .object(let members) = item.value else {
      assembler.log.error(
        "a node must be a mapping with at least `id:`, found \(item.typeName)", at: at(item))
      return
    }
    guard let idMember = members.first(where: { $0.key == "id" }) else {
      assembler.log.error("node without `id:`", at: at(item))
      return
    }
    guard let id = text(idMember.value, "id", &assembler) else {
      if case .null = idMember.value.value {
        assembler.log.error("empty node id", at: at(idMember.value))
      }
      return
    }
    guard let v = assembler.beginNode(id: id, at: at(idMember.value)) else { return }
    var kindText: String? = nil
    var sectorText: String? = nil
    for m in members where m.key != "id" {
      let value = m.value
      switch m.key {
      case "name":
        if let s = text(value, "name", &assembler) { assembler.builder.setName(s, for: v) }
      case "kind":
        if var s = text(value, "kind", &assembler) {
          kindText = s
          s.withUTF8 { assembler.setKind(utf8: $0, of: v, at: at(value)) }
        }
      case "sector":
        if var s = text(value, "sector", &assembler) {
          sectorText = s
          s.withUTF8 { assembler.setSector(utf8: $0, of: v, at: at(value)) }
        }
      case "stage":
        if var s = text(value, "stage", &assembler) {
          s.withUTF8 { assembler.setStage(utf8: $0, of: v, at: at(value)) }
        }
      case "tier":
        switch value.value {
        case .null: break
        case .number(let d):
          assembler.setTier(d, text: NumberFormat.canonical(d), of: v, at: at(value))
        default:
          let written = text(value, "tier", &assembler) ?? ""
          assembler.setTier(nil, text: written, of: v, at: at(value))
        }
      case "requires":
        if let s = text(value, "requires", &assembler) {
          assembler.setRequirement(s, of: v, at: at(value))
        }
      default:
        if let a = attribute(value, m.key, &assembler) {
          assembler.setNodeAttribute(m.key, a, of: v, at: at(value))
        }
      }
    }
    assembler.endNode(v, kindText: kindText, sectorText: sectorText, at: at(item))
  }

  private func decodeEdge(_ item: DocumentNode, _ assembler: inout GraphAssembler) {
    guard case .object(let members) = item.value else {
      assembler.log.error(
        "an edge must be a mapping with `source:` and `target:`, found \(item.typeName)",
        at: at(item))
      return
    }
    func field(_ key: String) -> DocumentNode? { members.first { $0.key == key }?.value }
    let sourceNode = field("source")
    let targetNode = field("target")
    guard let sourceNode else {
      assembler.log.error("edge without `source:`", at: at(item))
      return
    }
    guard let targetNode else {
      assembler.log.error("edge without `target:`", at: at(item))
      return
    }
    let relationNode = field("relation")
    let partNode = field("part")
    guard let source = text(sourceNode, "source", &assembler),
      let target = text(targetNode, "target", &assembler)
    else {
      return
    }
    let relation = relationNode.flatMap { text($0, "relation", &assembler) }
    let part = partNode.flatMap { text($0, "part", &assembler) }
    guard
      let e = assembler.addEdge(
        source: source, target: target, relation: relation, part: part,
        sourceAt: at(sourceNode), targetAt: at(targetNode), relationAt: at(relationNode ?? item))
    else { return }
    for m in members where !Self.edgeFields.contains(m.key) {
      if let a = attribute(m.value, m.key, &assembler) {
        assembler.setEdgeAttribute(m.key, a, of: e, at: at(m.value))
      }
    }
  }
}
