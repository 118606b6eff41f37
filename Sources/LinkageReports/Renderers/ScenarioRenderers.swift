import LinkageCore

/// How every output states a scenario: one sentence for titles and captions, a line for
/// tables, an object for JSON.
package enum ScenarioText {
  /// Up to `cap` ids, then how many more (all of them when only one more would be hidden).
  static func idList(_ nodes: [NodeIndex], _ graph: SupplyGraph, cap: Int = 5) -> String {
    let shown = nodes.count == cap + 1 ? nodes.count : cap
    let ids = nodes.prefix(shown).map { graph.id(of: $0) }
    return ids.joined(separator: ", ") + (nodes.count > shown ? ", … (\(nodes.count) in all)" : "")
  }

  /// `fail kseed-silicon; fail where country=NLD (4 nodes: asml, …); cut asml>tsmc; add x.yaml
  /// (1 node, 2 links)`.
  package static func statement(_ s: Scenario, _ graph: SupplyGraph) -> String {
    let parts = s.changes.map { change -> String in
      switch change {
      case .fail(let nodes): "fail \(idList(nodes, graph))"
      case .failWhere(let selector, let nodes):
        "fail where \(selector) (\(nodes.count) node\(nodes.count == 1 ? "" : "s"): \(idList(nodes, graph, cap: 4)))"
      case .cut(let spec, let edges):
        "cut \(spec)" + (edges.count > 1 ? " (\(edges.count) links)" : "")
      case .add(let file, let nodes, let edges):
        "add \(file) (\(nodes.count) node\(nodes.count == 1 ? "" : "s"), \(edges.count) link\(edges.count == 1 ? "" : "s"))"
      }
    }
    let body = parts.joined(separator: "; ")
    return s.name.map { "\($0): \(body)" } ?? body
  }

  /// The `What if:` line of a table (with a final newline), or "" without a scenario.
  package static func tableLine(_ input: AnalysisInput) -> String {
    guard let s = input.scenario else { return "" }
    return "What if:    \(statement(s, input.graph))\n"
  }

  /// The line saying what the scenario does to the targets (with a final newline).
  package static func effectLine(_ e: ScenarioEffect, _ graph: SupplyGraph) -> String {
    var out = "            → "
    if e.cut.isEmpty {
      out += "cuts none of the \(e.targetCount) targets off"
    } else {
      out +=
        "cuts \(e.cut.count) of \(e.targetCount) target\(e.targetCount == 1 ? "" : "s") off (value \(NumberFormat.canonical(e.valueCut))): \(idList(e.cut, graph, cap: 8))"
    }
    if !e.restored.isEmpty {
      out += "; supplies \(e.restored.count) that were not: \(idList(e.restored, graph, cap: 8))"
    }
    return out + "\n"
  }

  /// The edge as `{source, target, relation, part?}`.
  static func edgeJSON(_ e: EdgeIndex, _ graph: SupplyGraph) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("source", .string(graph.id(of: graph.source(of: e)))),
      ("target", .string(graph.id(of: graph.target(of: e)))),
      ("relation", .string(graph.relation(of: e).name)),
    ]
    if let p = graph.part(of: e) { members.append(("part", .string(p))) }
    return .object(members)
  }

  /// The envelope's `scenario` object.
  package static func json(_ s: Scenario, _ graph: SupplyGraph) -> JSONValue {
    func ids(_ nodes: [NodeIndex]) -> JSONValue { .strings(nodes.map { graph.id(of: $0) }) }
    let changes: [JSONValue] = s.changes.map { change in
      switch change {
      case .fail(let nodes): .object([("change", .string("fail")), ("nodes", ids(nodes))])
      case .failWhere(let selector, let nodes):
        .object([
          ("change", .string("fail_where")), ("selector", .string(selector)), ("nodes", ids(nodes)),
        ])
      case .cut(let spec, let edges):
        .object([
          ("change", .string("cut")), ("link", .string(spec)),
          ("edges", .array(edges.map { edgeJSON($0, graph) })),
        ])
      case .add(let file, let nodes, let edges):
        .object([
          ("change", .string("add")), ("file", .string(file)), ("nodes", ids(nodes)),
          ("edges", .array(edges.map { edgeJSON($0, graph) })),
        ])
      }
    }
    return .object([
      ("name", .optional(s.name)),
      ("file", .optional(s.file)),
      ("statement", .string(statement(s, graph))),
      ("changes", .array(changes)),
      ("failed_nodes", ids(s.failedNodes)),
      ("cut_edges", .array(s.cutEdges.map { edgeJSON($0, graph) })),
    ])
  }

  /// A result's `scenario_effect` object.
  package static func json(_ e: ScenarioEffect, _ graph: SupplyGraph) -> JSONValue {
    func ids(_ nodes: [NodeIndex]) -> JSONValue { .strings(nodes.map { graph.id(of: $0) }) }
    return .object([
      ("targets", .int(e.targetCount)),
      ("targets_cut", ids(e.cut)),
      ("value_cut", .number(e.valueCut)),
      ("targets_restored", ids(e.restored)),
      ("unsupplied_either_way", ids(e.unsuppliedEither)),
    ])
  }
}
