import LinkageCore

extension DiffReport.ChangeKind {
  /// How a table says the change.
  package var phrase: String {
    switch self {
    case .targetCutOff: "target cut off"
    case .targetRestored: "target supplied again"
    case .targetRemoved: "target removed"
    case .targetAdded: "new target"
    case .newSinglePoint: "new single point of failure"
    case .resolvedSinglePoint: "single point resolved"
    case .singlePointWider: "single point cuts more"
    case .singlePointNarrower: "single point cuts less"
    case .redundancyFell: "redundancy fell"
    case .redundancyRose: "redundancy rose"
    case .hiddenSingleSourceAppeared: "hidden single source appeared"
    case .hiddenSingleSourceVanished: "hidden single source vanished"
    case .reachClassChanged: "reach class changed"
    case .routeLost: "best route lost"
    case .routeGained: "best route gained"
    case .routeLonger: "best route longer"
    case .routeShorter: "best route shorter"
    }
  }
}

extension DiffReport {
  /// `a → b` with `–` for a side that has none.
  static func arrow(_ a: String?, _ b: String?) -> String { "\(a ?? "–") → \(b ?? "–")" }

  /// `source —relation, part p→ target`.
  static func linkText(_ e: EdgeIndex, _ g: SupplyGraph) -> String {
    let part = g.part(of: e).map { ", part \($0)" } ?? ""
    return
      "\(g.id(of: g.source(of: e))) —\(g.relation(of: e).name)\(part)→ \(g.id(of: g.target(of: e)))"
  }

  static func fieldsText(_ fields: [GraphDiff.FieldChange]) -> String {
    fields.map { "\($0.field) \(arrow($0.old, $0.new))" }.joined(separator: "; ")
  }

  /// `+3 nodes, −1, 2 changed; +5 links, −2, 1 changed`.
  var dataLine: String {
    let d = data
    return
      "nodes +\(d.addedNodes.count) −\(d.removedNodes.count) ~\(d.changedNodes.count); links +\(d.addedEdges.count) −\(d.removedEdges.count) ~\(d.changedEdges.count)"
  }
}

extension TableRenderer {
  /// The diff for people: the answers that changed (ranked by impact), then the data.
  /// - Parameter limit: rows per list.
  package static func render(_ r: DiffReport, limit: Int = 20) -> String {
    let d = r.data
    let newSide =
      r.new.scenario != nil && r.new.heading == r.old.heading
      ? "the same under the scenario" : r.new.heading
    var out = "Diff — \(r.old.heading) → \(newSide)\n"
    out += ScenarioText.tableLine(r.new)
    out +=
      "Matched by \(d.match.rawValue); semantics \(r.semantics.rawValue); targets: \(r.newSpof.targetRuleText)\n"
    out += "Data:       \(r.dataLine)\n"
    if !d.ambiguousKeys.isEmpty {
      out +=
        "Warning:    \(d.ambiguousKeys.count) \(d.match.rawValue)\(d.ambiguousKeys.count == 1 ? " names" : "s name") two or more nodes on one side (matched in order): \(d.ambiguousKeys.prefix(5).joined(separator: ", "))\n"
    }
    if d.isEmpty && r.answers.isEmpty { return out + "\nNo difference.\n" }
    out += "\n"
    if r.answers.isEmpty {
      out += "No answer changed.\n"
    } else {
      out +=
        "Answers that changed (\(min(limit, r.answers.count)) of \(r.answers.count)), most impact first:\n"
      var t = TextTable(
        ["#", "change", "node", "before → after", "involves", "impact"], rightAligned: [0, 5])
      for (k, a) in r.answers.prefix(limit).enumerated() {
        let involved =
          a.targets.prefix(4).joined(separator: ", ") + (a.targets.count > 4 ? ", …" : "")
        t.add([
          String(k + 1), a.kind.phrase + (a.sector.map { " (\($0.name))" } ?? ""), a.subject,
          DiffReport.arrow(a.old, a.new), involved, NumberFormat.canonical(a.impact),
        ])
      }
      out += t.text
    }
    func list<T>(_ title: String, _ items: [T], _ row: (T) -> [String], _ headers: [String]) {
      guard !items.isEmpty else { return }
      out += "\n\(title) (\(min(limit, items.count)) of \(items.count)):\n"
      var t = TextTable(headers)
      for item in items.prefix(limit) { t.add(row(item)) }
      out += t.text
    }
    let og = r.old.graph
    let ng = r.new.graph
    list(
      "Nodes added", d.addedNodes,
      { [ng.id(of: $0), ng.kindLabel(of: $0) ?? "", ng.name(of: $0)] }, ["id", "kind", "name"])
    list(
      "Nodes removed", d.removedNodes,
      { [og.id(of: $0), og.kindLabel(of: $0) ?? "", og.name(of: $0)] }, ["id", "kind", "name"])
    list(
      "Nodes changed", d.changedNodes, { [ng.id(of: $0.new), DiffReport.fieldsText($0.fields)] },
      ["id", "changes"])
    list("Links added", d.addedEdges, { [DiffReport.linkText($0, ng)] }, ["link"])
    list("Links removed", d.removedEdges, { [DiffReport.linkText($0, og)] }, ["link"])
    list(
      "Links changed", d.changedEdges,
      { [DiffReport.linkText($0.new, ng), DiffReport.fieldsText($0.fields)] }, ["link", "changes"])
    if !out.hasSuffix("\n") { out += "\n" }
    return out
  }
}

extension CSVRenderer {
  /// One row per change: `section, change, subject, field, old, new, involves, impact`.
  package static func render(_ r: DiffReport) -> String {
    var out = CSVText.row(["section", "change", "subject", "field", "old", "new", "involves", "impact"])
    for a in r.answers {
      out += CSVText.row([
        "answer", a.kind.rawValue, a.subject, a.sector?.name ?? "", a.old ?? "", a.new ?? "",
        a.targets.joined(separator: ";"), NumberFormat.canonical(a.impact),
      ])
    }
    let d = r.data
    let og = r.old.graph
    let ng = r.new.graph
    for v in d.addedNodes { out += CSVText.row(["node", "added", ng.id(of: v), "", "", "", "", ""]) }
    for v in d.removedNodes {
      out += CSVText.row(["node", "removed", og.id(of: v), "", "", "", "", ""])
    }
    for c in d.changedNodes {
      for f in c.fields {
        out += CSVText.row([
          "node", "changed", ng.id(of: c.new), f.field, f.old ?? "", f.new ?? "", "", "",
        ])
      }
    }
    for e in d.addedEdges {
      out += CSVText.row(["link", "added", DiffReport.linkText(e, ng), "", "", "", "", ""])
    }
    for e in d.removedEdges {
      out += CSVText.row(["link", "removed", DiffReport.linkText(e, og), "", "", "", "", ""])
    }
    for c in d.changedEdges {
      for f in c.fields {
        out += CSVText.row([
          "link", "changed", DiffReport.linkText(c.new, ng), f.field, f.old ?? "", f.new ?? "", "", "",
        ])
      }
    }
    return out
  }
}

extension JSONRenderer {
  /// The `result` of `diff --format json`.
  package static func write(_ r: DiffReport, to json: inout JSONWriter) {
    let d = r.data
    let og = r.old.graph
    let ng = r.new.graph
    func fields(_ list: [GraphDiff.FieldChange]) -> JSONValue {
      .array(
        list.map {
          .object([
            ("field", .string($0.field)), ("old", .optional($0.old)), ("new", .optional($0.new)),
          ])
        })
    }
    json.beginObject()
    json.member("old", .string(r.old.name))
    json.member("new", .string(r.new.name))
    json.member("match", .string(d.match.rawValue))
    json.member("semantics", .string(r.semantics.rawValue))
    json.member("targets_rule", .string(r.newSpof.targetRuleText))
    json.member("identical", .bool(d.isEmpty && r.answers.isEmpty))
    json.member(
      "counts",
      .object([
        ("nodes_added", .int(d.addedNodes.count)), ("nodes_removed", .int(d.removedNodes.count)),
        ("nodes_changed", .int(d.changedNodes.count)), ("edges_added", .int(d.addedEdges.count)),
        ("edges_removed", .int(d.removedEdges.count)),
        ("edges_changed", .int(d.changedEdges.count)),
        ("answers_changed", .int(r.answers.count)),
      ]))
    json.member("ambiguous_keys", .strings(d.ambiguousKeys))
    json.key("answers")
    json.beginArray()
    for (k, a) in r.answers.enumerated() {
      json.item()
      json.value(
        .object([
          ("rank", .int(k + 1)), ("change", .string(a.kind.rawValue)), ("node", .string(a.subject)),
          ("sector", .optional(a.sector?.name)), ("old", .optional(a.old)),
          ("new", .optional(a.new)),
          ("involves", .strings(a.targets)), ("impact", .number(a.impact)),
        ]))
    }
    json.endArray()
    func nodeList(_ key: String, _ nodes: [NodeIndex], _ g: SupplyGraph) {
      json.key(key)
      json.beginArray()
      for v in nodes {
        json.item()
        json.value(
          .object([
            ("id", .string(g.id(of: v))), ("name", .string(g.name(of: v))),
            ("kind", .optional(g.kindLabel(of: v))),
          ]))
      }
      json.endArray()
    }
    func edgeList(_ key: String, _ edges: [EdgeIndex], _ g: SupplyGraph) {
      json.key(key)
      json.beginArray()
      for e in edges {
        json.item()
        json.value(ScenarioText.edgeJSON(e, g))
      }
      json.endArray()
    }
    json.key("nodes")
    json.beginObject()
    nodeList("added", d.addedNodes, ng)
    nodeList("removed", d.removedNodes, og)
    json.key("changed")
    json.beginArray()
    for c in d.changedNodes {
      json.item()
      json.value(.object([("id", .string(ng.id(of: c.new))), ("changes", fields(c.fields))]))
    }
    json.endArray()
    json.endObject()
    json.key("edges")
    json.beginObject()
    edgeList("added", d.addedEdges, ng)
    edgeList("removed", d.removedEdges, og)
    json.key("changed")
    json.beginArray()
    for c in d.changedEdges {
      json.item()
      guard case .object(var members) = ScenarioText.edgeJSON(c.new, ng) else { continue }
      members.append(("changes", fields(c.fields)))
      json.value(.object(members))
    }
    json.endArray()
    json.endObject()
    json.endObject()
  }
}
