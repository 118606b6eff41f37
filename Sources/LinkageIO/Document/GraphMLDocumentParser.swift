import LinkageCore

/// Reads GraphML (as NetworkX, igraph, yEd and Gephi write it) into the same document tree
/// the YAML and JSON readers produce, so one decoder applies the schema to all of them.
///
/// `<key>`s give each `<data>` its name (`attr.name`, else the key's id) and type
/// (`attr.type`: boolean, int, long, float, double; anything else is text); `for=` is
/// optional (real files omit it) and a key's `<default>` fills nodes and edges that lack the
/// value. Nodes and edges become records with their data as fields (`kind`, `sector`, `part`,
/// `relation`, … or attributes); the graph's `name` and `description` data name the graph.
/// What Linkage does not use is reported as a warning, never dropped silently: an undirected
/// `edgedefault` or edge, nested graphs, hyperedges, ports, and `<data>` holding elements (yEd's
/// graphics: only their text is kept).
struct GraphMLDocumentParser {
  let file: String

  private struct Key {
    let name: String
    let type: String
    let domain: String
    var defaultValue: String?
  }

  private struct Record {
    var members: [DocumentNode.Member]
    let line: Int
    let column: Int
    var seen: Set<String>
    let domain: String
  }

  /// Parses `bytes`; warnings about what was left out, and errors in values that do not stop
  /// the reading (a bad typed value, an unknown key), go to `warnings`.
  func parse(_ bytes: [UInt8], warnings: inout [Diagnostic]) -> DocumentParseResult {
    var scanner = XMLScanner(bytes, skipsBlankText: true)
    var keys: [String: Key] = [:]
    var nodes: [DocumentNode] = []
    var edges: [DocumentNode] = []
    var graphMembers: [DocumentNode.Member] = []
    // How deep the document is open, and how many <data> elements are open in it.
    var depth = 0
    var openData = 0
    var record: Record? = nil
    var currentKey: (id: String, key: Key)? = nil
    var inDefault = false
    var data: (key: String, line: Int, column: Int, text: String, nested: Bool)? = nil
    var graphDepth = 0
    var rootSeen = false
    var warned = Set<String>()
    var nonNumbers: [(key: String, text: String, line: Int, column: Int, count: Int)] = []
    func warn(_ message: String, _ line: Int, _ column: Int) {
      guard warned.insert(message).inserted else { return }
      warnings.append(
        Diagnostic(.warning, message, at: SourceLocation(file: file, line: line, column: column)))
    }
    func report(_ severity: Diagnostic.Severity, _ message: String, _ line: Int, _ column: Int) {
      warnings.append(
        Diagnostic(severity, message, at: SourceLocation(file: file, line: line, column: column)))
    }
    func failure(_ message: String, _ line: Int, _ column: Int) -> DocumentParseResult {
      .failure(
        Diagnostic(.error, message, at: SourceLocation(file: file, line: line, column: column)))
    }
    func value(_ text: String, _ key: Key, _ line: Int, _ column: Int) -> DocumentNode.Value? {
      if key.type == "string" { return .string(text) }
      let trimmed = XMLText.trimmed(text)
      switch key.type {
      case "boolean":
        switch trimmed.lowercased() {
        case "true", "1": return .bool(true)
        case "false", "0": return .bool(false)
        default: return nil
        }
      case "int", "long":
        return XMLText.wholeNumber(trimmed).map { .number($0) }
      case "float", "double":
        guard let d = Double(trimmed), d.isFinite else { return nil }
        return .number(d)
      default: return .string(text)
      }
    }
    // The keys with defaults, in id order; made again only when a key changes.
    var defaults: [Key]? = nil
    func finish(_ r: Record, keys: [String: Key]) -> DocumentNode {
      var members = r.members
      if defaults == nil {
        defaults = keys.sorted(by: { $0.key < $1.key }).map(\.value).filter {
          $0.defaultValue != nil
        }
      }
      for key in defaults ?? []
      where (key.domain == r.domain || key.domain == "all") && !r.seen.contains(key.name) {
        if let d = key.defaultValue, let v = value(d, key, r.line, r.column) {
          members.append(
            .init(
              key: key.name, keyLine: r.line, keyColumn: r.column,
              value: DocumentNode(value: v, line: r.line, column: r.column)))
        }
      }
      return DocumentNode(value: .object(members), line: r.line, column: r.column)
    }
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        switch event {
        case .start(let name, let attributes, let line, let column, let empty):
          func attribute(_ n: String) -> XMLScanner.Attribute? {
            attributes.first { $0.name == n }
          }
          let local = XMLText.localName(name)
          if depth == 0 {
            guard local == "graphml" else {
              return failure(
                "expected a <graphml> document, found <\(name)>", line, column)
            }
            rootSeen = true
          }
          if !empty {
            depth += 1
            if local == "data" { openData += 1 }
          }
          if data != nil {
            data!.nested = true
            continue
          }
          switch local {
          case "key":
            guard let id = attribute("id")?.value else {
              return failure("<key> without an id", line, column)
            }
            let key = Key(
              name: attribute("attr.name")?.value ?? id,
              type: attribute("attr.type")?.value.lowercased() ?? "string",
              domain: attribute("for")?.value ?? "all")
            keys[id] = key
            defaults = nil
            if !empty { currentKey = (id, key) }
          case "default":
            inDefault = currentKey != nil
            if inDefault, !empty { data = ("", line, column, "", false) }
          case "graph":
            graphDepth += 1
            if graphDepth > 1 {
              warn("nested graphs are read as part of the one graph", line, column)
            }
            if attribute("edgedefault")?.value == "undirected" {
              warn(
                "the graph is undirected (edgedefault=\"undirected\"): each edge is read from its source to its target as written, and supply follows that direction",
                line, column)
            }
          case "node":
            guard let id = attribute("id") else {
              return failure("<node> without an id", line, column)
            }
            let r = Record(
              members: [
                .init(
                  key: "id", keyLine: id.line, keyColumn: id.column,
                  value: DocumentNode(value: .string(id.value), line: id.line, column: id.column))
              ], line: line, column: column, seen: ["id"], domain: "node")
            if empty { nodes.append(finish(r, keys: keys)) } else { record = r }
          case "edge":
            guard let source = attribute("source"), let target = attribute("target") else {
              return failure("<edge> needs source and target", line, column)
            }
            if attribute("directed")?.value == "false" {
              warn(
                "an undirected edge is read from its source to its target as written",
                line, column)
            }
            var members: [DocumentNode.Member] = [
              .init(
                key: "source", keyLine: source.line, keyColumn: source.column,
                value: DocumentNode(
                  value: .string(source.value), line: source.line, column: source.column)),
              .init(
                key: "target", keyLine: target.line, keyColumn: target.column,
                value: DocumentNode(
                  value: .string(target.value), line: target.line, column: target.column)),
            ]
            // A named edge id is kept as the attribute `id`; a counter or multigraph key
            // (`0`, `e3`, as NetworkX and igraph write them) is not.
            if let id = attribute("id"), !XMLText.isEdgeCounter(id.value) {
              members.append(
                .init(
                  key: "id", keyLine: id.line, keyColumn: id.column,
                  value: DocumentNode(value: .string(id.value), line: id.line, column: id.column)))
            }
            let r = Record(
              members: members, line: line, column: column,
              seen: Set(members.map(\.key)), domain: "edge")
            if empty { edges.append(finish(r, keys: keys)) } else { record = r }
          case "data":
            guard let key = attribute("key")?.value else {
              return failure("<data> without a key", line, column)
            }
            if empty { break }
            data = (key, line, column, "", false)
          case "hyperedge", "port", "endpoint":
            warn("GraphML <\(local)> elements are not read", line, column)
          default:
            break
          }
        case .text(let text, _, _):
          if data != nil { data!.text += text }
        case .end(let name, _, _):
          depth -= 1
          let local = XMLText.localName(name)
          if local == "data" { openData -= 1 }
          if var d = data, local == "data" || (local == "default" && inDefault), openData == 0 {
            data = nil
            if local == "default" {
              inDefault = false
              if let c = currentKey {
                var key = c.key
                key.defaultValue = d.text
                keys[c.id] = key
                defaults = nil
                currentKey = (c.id, key)
              }
              continue
            }
            // Bad values are collected (the rest of the file is still read), not fatal.
            guard let key = keys[d.key] else {
              report(.error, "<data> names no <key> with id '\(d.key)'", d.line, d.column)
              continue
            }
            if d.nested {
              warn(
                "<data key=\"\(d.key)\"> holds elements (e.g. yEd graphics): only their text is kept",
                d.line, d.column)
              d.text = XMLText.trimmed(d.text)
              if d.text.isEmpty { continue }
            }
            let numeric = ["int", "long", "float", "double"].contains(key.type)
            if numeric, XMLText.isNonNumber(XMLText.trimmed(d.text)) {
              // igraph writes NaN for a missing number: one warning per key, with a count.
              if let k = nonNumbers.firstIndex(where: { $0.key == key.name }) {
                nonNumbers[k].count += 1
              } else {
                nonNumbers.append((key.name, d.text, d.line, d.column, 1))
              }
              continue
            }
            // An empty text value is no value, as an empty CSV cell (igraph writes "" for a
            // missing string).
            if !numeric, key.type != "boolean", XMLText.trimmed(d.text).isEmpty {
              continue
            }
            guard let v = value(d.text, key, d.line, d.column) else {
              report(
                .error, "'\(d.text)' is not a valid \(key.type) for \(key.name)", d.line,
                d.column)
              continue
            }
            let member = DocumentNode.Member(
              key: key.name, keyLine: d.line, keyColumn: d.column,
              value: DocumentNode(value: v, line: d.line, column: d.column))
            if record != nil {
              record!.members.append(member)
              record!.seen.insert(key.name)
            } else if graphDepth > 0 {
              graphMembers.append(member)
            }
            continue
          }
          if data != nil { continue }
          switch local {
          case "key": currentKey = nil
          case "graph": graphDepth -= 1
          case "node", "edge":
            if let r = record {
              if r.domain == "node" {
                nodes.append(finish(r, keys: keys))
              } else {
                edges.append(finish(r, keys: keys))
              }
              record = nil
            }
          default: break
          }
        }
      }
    } catch {
      return failure("malformed XML: \(error.message)", error.line, error.column)
    }
    guard rootSeen else { return failure("expected a <graphml> document", 1, 1) }
    for n in nonNumbers {
      let times = n.count == 1 ? "" : " on \(n.count) nodes or edges"
      report(
        .warning,
        "\(n.key) is \(n.text)\(times) (not a number Linkage can use; igraph writes NaN for a missing value): left out",
        n.line, n.column)
    }
    // igraph writes its own node ids (n0, n1, …) and keeps the file's ids in an `id`
    // attribute: those are the real ids, and the edges' ends are translated to them.
    var realID: [String: String] = [:]
    for (k, node) in nodes.enumerated() {
      guard case .object(var members) = node.value, members.count > 1,
        let i = members.indices.dropFirst().first(where: { members[$0].key == "id" }),
        case .string(let element) = members[0].value.value,
        case .string(let real) = members[i].value.value
      else { continue }
      realID[element] = real
      members[0] = members[i]
      members.remove(at: i)
      nodes[k] = DocumentNode(value: .object(members), line: node.line, column: node.column)
    }
    if !realID.isEmpty {
      for (k, edge) in edges.enumerated() {
        guard case .object(var members) = edge.value else { continue }
        for j in members.indices where members[j].key == "source" || members[j].key == "target" {
          guard case .string(let end) = members[j].value.value, let real = realID[end] else {
            continue
          }
          let m = members[j]
          members[j] = .init(
            key: m.key, keyLine: m.keyLine, keyColumn: m.keyColumn,
            value: DocumentNode(value: .string(real), line: m.value.line, column: m.value.column))
        }
        edges[k] = DocumentNode(value: .object(members), line: edge.line, column: edge.column)
      }
    }
    var members: [DocumentNode.Member] = []
    for m in graphMembers {
      switch m.key {
      case "name", "description": members.append(m)
      case "context_relations":
        // Written by Linkage as a comma-separated list.
        if case .string(let list) = m.value.value {
          let items = list.split(separator: ",").map {
            DocumentNode(
              value: .string($0.trimmingCharacters(in: .whitespaces)), line: m.value.line,
              column: m.value.column)
          }
          members.append(
            .init(
              key: m.key, keyLine: m.keyLine, keyColumn: m.keyColumn,
              value: DocumentNode(value: .array(items), line: m.value.line, column: m.value.column))
          )
        } else {
          members.append(m)
        }
      default:
        warn(
          "graph data '\(m.key)' ignored (Linkage keeps a graph's name and description)",
          m.keyLine, m.keyColumn)
      }
    }
    members.append(
      .init(
        key: "nodes", keyLine: 1, keyColumn: 1,
        value: DocumentNode(value: .array(nodes), line: 1, column: 1)))
    members.append(
      .init(
        key: "edges", keyLine: 1, keyColumn: 1,
        value: DocumentNode(value: .array(edges), line: 1, column: 1)))
    return .success(DocumentNode(value: .object(members), line: 1, column: 1))
  }
}

#if canImport(Foundation)
  import Foundation
#endif
