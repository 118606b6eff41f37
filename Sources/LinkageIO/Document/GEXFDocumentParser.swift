import LinkageCore

/// Reads GEXF 1.1, 1.2 and 1.3 (as Gephi, NetworkX `write_gexf` and rgexf write it) into the
/// document tree the YAML, JSON and GraphML readers produce, so one decoder applies the schema
/// to all of them.
///
/// `<attributes class="node|edge">` declare each `<attvalue>`'s name (`title`, else the id)
/// and type (integer, long, short, byte, float, double, bigdecimal, biginteger: numbers;
/// boolean; anything else is text), with an optional `<default>`. A node's `label` is its
/// name unless a `name` attribute exists (and is left out when it only repeats the id); an
/// edge's relation is its `relation` attribute, else its `kind` (GEXF 1.3), else its
/// `label`; `weight` is an edge attribute. A boolean edge attribute `context` marks the edge's
/// relation as a context relation (Linkage writes it so). What Linkage does not use is
/// reported as a warning, never dropped silently: undirected or mutual edges, dynamic graphs
/// (spells, start/end), `viz:` styling, hierarchies (`pid`, nested nodes, parents),
/// meaningful edge ids and meta keywords.
struct GEXFDocumentParser {
  let file: String

  private struct Attribute {
    let name: String
    let type: String
    var defaultValue: String?
  }

  private struct Record {
    var members: [DocumentNode.Member]
    let line: Int
    let column: Int
    var seen: Set<String>
    let isNode: Bool
    var label: XMLScanner.Attribute?
    var kind: XMLScanner.Attribute?
    var context: Bool?
  }

  private static let numberTypes: Set<String> = [
    "integer", "long", "short", "byte", "float", "double", "bigdecimal", "biginteger",
  ]

  /// Parses `bytes`; warnings about what was left out, and errors in values that do not stop
  /// the reading, go to `warnings`.
  /// - Complexity: O(*n*) in the document's length.
  func parse(_ bytes: [UInt8], warnings: inout [Diagnostic]) -> DocumentParseResult {
    var scanner = XMLScanner(bytes, skipsBlankText: true)
    // Declared attributes per class (0 node, 1 edge), by id.
    var declared: [[String: Attribute]] = [[:], [:]]
    var declaredOrder: [[String]] = [[], []]
    var nodes: [DocumentNode] = []
    var edges: [DocumentNode] = []
    var stack: [String] = []
    var records: [Record] = []
    var attributesClass = -1
    var currentAttribute: (id: String, cls: Int)? = nil
    var text: (line: Int, column: Int, value: String)? = nil
    var description: DocumentNode? = nil
    var title: DocumentNode? = nil
    var contextTrue = Set<String>()
    var contextFalse = Set<String>()
    var rootSeen = false
    var warned = Set<String>()
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
    func local(_ name: String) -> Substring { XMLText.localName(name) }
    func value(_ text: String, _ type: String) -> DocumentNode.Value? {
      if type == "string" { return .string(text) }
      let trimmed = XMLText.trimmed(text)
      if type == "boolean" {
        switch trimmed.lowercased() {
        case "true", "1": return .bool(true)
        case "false", "0": return .bool(false)
        default: return nil
        }
      }
      if ["integer", "long", "short", "byte", "biginteger"].contains(type) {
        return XMLText.wholeNumber(trimmed).map { .number($0) }
      }
      if Self.numberTypes.contains(type) {
        guard let d = Double(trimmed), d.isFinite else { return nil }
        return .number(d)
      }
      return .string(text)
    }
    func member(
      _ key: String, _ v: DocumentNode.Value, _ line: Int, _ column: Int
    )
      -> DocumentNode.Member
    {
      .init(
        key: key, keyLine: line, keyColumn: column,
        value: DocumentNode(value: v, line: line, column: column))
    }
    /// Adds a typed value to the record, or reports why it cannot be read.
    func add(
      _ raw: String, as attribute: Attribute, to r: inout Record, _ line: Int, _ column: Int
    ) {
      if attribute.type != "string", Self.numberTypes.contains(attribute.type),
        XMLText.isNonNumber(XMLText.trimmed(raw))
      {
        report(
          .warning, "\(attribute.name) is \(raw) (not a number Linkage can use): left out", line,
          column)
        return
      }
      guard let v = value(raw, attribute.type) else {
        report(
          .error, "'\(raw)' is not a valid \(attribute.type) for \(attribute.name)", line, column)
        return
      }
      if !r.isNode, attribute.name == "context", case .bool(let b) = v {
        r.context = b
        return
      }
      // NetworkX's multigraph key: a counter, as an edge id is (see XMLText.isEdgeCounter).
      if !r.isNode, attribute.name == "networkx_key", case .number(let d) = v, d == d.rounded() {
        return
      }
      guard r.seen.insert(attribute.name).inserted else {
        report(.error, "\(attribute.name) is given twice", line, column)
        return
      }
      r.members.append(member(attribute.name, v, line, column))
    }
    func finish(_ record: Record) {
      var r = record
      let cls = r.isNode ? 0 : 1
      for id in declaredOrder[cls] {
        guard let a = declared[cls][id], let d = a.defaultValue, !r.seen.contains(a.name) else {
          continue
        }
        add(d, as: a, to: &r, r.line, r.column)
      }
      if r.isNode {
        let id = r.members.first?.value.value
        if let label = r.label {
          var isID = false
          if case .string(let s) = id { isID = s == label.value }
          if !r.seen.contains("name") {
            if !isID {
              r.members.append(member("name", .string(label.value), label.line, label.column))
            }
          } else if !isID, !r.seen.contains("label"),
            !r.members.contains(where: {
              if $0.key == "name", case .string(let s) = $0.value.value { return s == label.value }
              return false
            })
          {
            r.members.append(member("label", .string(label.value), label.line, label.column))
          }
        }
        nodes.append(DocumentNode(value: .object(r.members), line: r.line, column: r.column))
        return
      }
      // An edge's relation: its attribute, else its GEXF 1.3 kind, else its label.
      for (key, candidate) in [("kind", r.kind), ("label", r.label)] {
        guard let c = candidate, !c.value.isEmpty else { continue }
        if !r.seen.contains("relation") {
          r.seen.insert("relation")
          r.members.append(member("relation", .string(c.value), c.line, c.column))
          continue
        }
        let repeatsRelation = r.members.contains {
          if $0.key == "relation", case .string(let s) = $0.value.value { return s == c.value }
          return false
        }
        if !repeatsRelation, r.seen.insert(key).inserted {
          r.members.append(member(key, .string(c.value), c.line, c.column))
        }
      }
      if let context = r.context {
        var relation = Relation.defaultName
        if let m = r.members.first(where: { $0.key == "relation" }),
          case .string(let s) = m.value.value
        {
          relation = s
        }
        if context { contextTrue.insert(relation) } else { contextFalse.insert(relation) }
      }
      edges.append(DocumentNode(value: .object(r.members), line: r.line, column: r.column))
    }
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        switch event {
        case .start(let name, let attributes, let line, let column, let empty):
          func attribute(_ n: String) -> XMLScanner.Attribute? {
            attributes.first { $0.name == n }
          }
          let element = local(name)
          if stack.isEmpty {
            guard element == "gexf" else {
              return failure("expected a <gexf> document, found <\(name)>", line, column)
            }
            rootSeen = true
          }
          let parent = stack.last.map(local)
          if name.hasPrefix("viz:")
            || (parent.map { ["node", "edge"].contains($0) } ?? false)
              && ["color", "position", "size", "shape", "thickness"].contains(element)
          {
            warn("GEXF viz styling (colour, position, size, shape) is not read", line, column)
          } else {
            switch element {
            case "graph":
              if let mode = attribute("mode")?.value, mode == "dynamic" {
                warn(
                  "a dynamic GEXF graph: time (start, end, spells) is not read; every node and edge is read as always present",
                  line, column)
              }
              if let type = attribute("defaultedgetype")?.value, type != "directed" {
                warn(
                  "the graph's edges are \(type) (defaultedgetype=\"\(type)\"): each edge is read from its source to its target as written, and supply follows that direction",
                  line, column)
              }
            case "attributes":
              switch attribute("class")?.value {
              case "node": attributesClass = 0
              case "edge": attributesClass = 1
              default:
                attributesClass = -1
                warn(
                  "<attributes> of class '\(attribute("class")?.value ?? "")' are not read (node and edge are)",
                  line, column)
              }
              if attribute("mode")?.value == "dynamic" {
                warn(
                  "dynamic attribute values: only the values are read, not their times", line,
                  column)
              }
            case "attribute" where parent == "attributes":
              guard attributesClass >= 0 else { break }
              guard let id = attribute("id")?.value else {
                return failure("<attribute> without an id", line, column)
              }
              let a = Attribute(
                name: attribute("title")?.value ?? id,
                type: attribute("type")?.value.lowercased() ?? "string")
              if declared[attributesClass][id] == nil { declaredOrder[attributesClass].append(id) }
              declared[attributesClass][id] = a
              if !empty { currentAttribute = (id, attributesClass) }
            case "default" where currentAttribute != nil:
              text = (line, column, "")
            case "description" where parent == "meta", "title" where parent == "meta":
              text = (line, column, "")
            case "keywords" where parent == "meta":
              warn("GEXF meta keywords are not kept", line, column)
            case "node":
              guard let id = attribute("id") else {
                return failure("<node> without an id", line, column)
              }
              if records.contains(where: \.isNode) {
                warn(
                  "a GEXF hierarchy (nodes inside nodes) is read flat: the nesting is not kept",
                  line, column)
              }
              if attribute("pid") != nil {
                warn("GEXF parent ids (pid) are not read: the hierarchy is not kept", line, column)
              }
              if attribute("start") != nil || attribute("end") != nil {
                warn("node and edge times (start, end) are not read", line, column)
              }
              let r = Record(
                members: [member("id", .string(id.value), id.line, id.column)], line: line,
                column: column, seen: ["id"], isNode: true, label: attribute("label"), kind: nil,
                context: nil)
              if empty { finish(r) } else { records.append(r) }
            case "edge":
              guard let source = attribute("source"), let target = attribute("target") else {
                return failure("<edge> needs source and target", line, column)
              }
              if let type = attribute("type")?.value, type != "directed" {
                warn(
                  "\(type) edges are read from their source to their target as written", line,
                  column)
              }
              if attribute("start") != nil || attribute("end") != nil {
                warn("node and edge times (start, end) are not read", line, column)
              }
              var r = Record(
                members: [
                  member("source", .string(source.value), source.line, source.column),
                  member("target", .string(target.value), target.line, target.column),
                ], line: line, column: column, seen: ["source", "target"], isNode: false,
                label: attribute("label"), kind: attribute("kind"), context: nil)
              // A named edge id is kept as the attribute `id`; a counter or key is not.
              if let id = attribute("id"), !XMLText.isEdgeCounter(id.value) {
                add(id.value, as: Attribute(name: "id", type: "string"), to: &r, id.line, id.column)
              }
              if let w = attribute("weight") {
                add(
                  w.value, as: Attribute(name: "weight", type: "double"), to: &r, w.line, w.column)
              }
              if empty { finish(r) } else { records.append(r) }
            case "attvalue":
              guard !records.isEmpty else { break }
              let cls = records[records.count - 1].isNode ? 0 : 1
              guard let key = attribute("for") ?? attribute("id") else {
                report(.error, "<attvalue> without for=", line, column)
                break
              }
              guard let a = declared[cls][key.value] else {
                report(
                  .error,
                  "<attvalue> names no \(cls == 0 ? "node" : "edge") <attribute> with id '\(key.value)'",
                  line, column)
                break
              }
              if attribute("start") != nil || attribute("end") != nil {
                warn("attribute times (start, end) are not read: every value is kept", line, column)
              }
              guard let v = attribute("value") else {
                report(.error, "<attvalue> without value=", line, column)
                break
              }
              add(v.value, as: a, to: &records[records.count - 1], v.line, v.column)
            case "spells", "spell":
              warn("GEXF spells (times) are not read", line, column)
            case "parents", "parent":
              warn("GEXF parents are not read: the hierarchy is not kept", line, column)
            default:
              break
            }
          }
          if !empty { stack.append(name) }
        case .text(let t, _, _):
          if text != nil { text!.value += t }
        case .end(let name, _, _):
          stack.removeLast()
          switch local(name) {
          case "default":
            if let c = currentAttribute, let t = text {
              declared[c.cls][c.id]?.defaultValue = t.value
            }
            text = nil
          case "attribute": currentAttribute = nil
          case "description", "title":
            if let t = text, stack.last.map(local) == "meta" {
              let node = DocumentNode(value: .string(t.value), line: t.line, column: t.column)
              if local(name) == "title" { title = node } else { description = node }
            }
            text = nil
          case "attributes": attributesClass = -1
          case "node", "edge":
            if let r = records.popLast() { finish(r) }
          default: break
          }
        }
      }
    } catch {
      return failure("malformed XML: \(error.message)", error.line, error.column)
    }
    guard rootSeen else { return failure("expected a <gexf> document", 1, 1) }
    var members: [DocumentNode.Member] = []
    if let title {
      members.append(.init(key: "name", keyLine: title.line, keyColumn: title.column, value: title))
    }
    if let description {
      members.append(
        .init(
          key: "description", keyLine: description.line, keyColumn: description.column,
          value: description))
    }
    if !contextTrue.isEmpty {
      for mixed in contextTrue.intersection(contextFalse).sorted() {
        warn(
          "relation '\(mixed)' is marked context on some edges only: read as context on all of them",
          1, 1)
      }
      let items = contextTrue.sorted().map { DocumentNode(value: .string($0), line: 1, column: 1) }
      members.append(member("context_relations", .array(items), 1, 1))
    }
    members.append(member("nodes", .array(nodes), 1, 1))
    members.append(member("edges", .array(edges), 1, 1))
    return .success(DocumentNode(value: .object(members), line: 1, column: 1))
  }
}
