import LinkageCore

/// The summary's three outputs.
enum SummaryText {
  static func sortedIDs(_ nodes: [NodeIndex], _ graph: SupplyGraph) -> [String] {
    nodes.map { graph.id(of: $0) }.sorted()
  }

  static func idList(_ nodes: [NodeIndex], _ graph: SupplyGraph) -> JSONValue {
    let ids = sortedIDs(nodes, graph)
    return .object([
      ("count", .int(ids.count)),
      ("ids", .strings(Array(ids.prefix(SummaryReport.listCap)))),
      ("truncated", .bool(ids.count > SummaryReport.listCap)),
    ])
  }

  static func json(_ s: GraphSummary, _ graph: SupplyGraph) -> JSONValue {
    func counts(_ c: [GraphSummary.Count]) -> JSONValue {
      .object(c.map { ($0.label, .int($0.count)) })
    }
    var result: [(String, JSONValue)] = [
      ("name", .optional(s.name)),
      ("nodes", .int(s.nodeCount)),
      ("edges", .int(s.edgeCount)),
      ("flow_edges", .int(s.flowEdgeCount)),
      ("context_edges", .int(s.edgeCount - s.flowEdgeCount)),
      ("kinds", counts(s.kinds)),
      ("sectors", counts(s.sectors)),
      ("stages", counts(s.stages)),
      (
        "relations",
        .array(
          s.relations.map { r in
            .object([
              ("relation", .string(r.relation)), ("role", .string(r.role.name)),
              ("known", .bool(r.isKnown)),
              ("count", .int(r.count)),
            ])
          })
      ),
      ("origins", idList(s.origins, graph)),
      ("sinks", idList(s.sinks, graph)),
      ("isolated", idList(s.isolated, graph)),
      (
        "buyers",
        .object([("count", .int(s.buyers.count)), ("by_sector", counts(s.buyersBySector))])
      ),
      (
        "weak_components",
        .object([
          ("count", .int(s.weakComponents.count)), ("largest", .int(s.weakComponents.largest)),
        ])
      ),
      ("flow_acyclic", .bool(s.isFlowAcyclic)),
    ]
    if let chain = s.longestChain {
      result.append(
        (
          "longest_chain",
          .object([
            ("hops", .int(chain.hops)), ("nodes", .strings(chain.nodes.map { graph.id(of: $0) })),
          ])
        ))
    } else {
      result.append(("longest_chain", .null))
    }
    if let c = s.cycles {
      result.append(
        (
          "cycles",
          .object([
            ("components", .int(c.componentCount)), ("nodes", .int(c.nodeCount)),
            ("largest", .strings(sortedIDs(Array(c.largest.prefix(SummaryReport.listCap)), graph))),
          ])
        ))
    } else {
      result.append(("cycles", .null))
    }
    result.append(("semantics", .string(s.hasPartStructure ? "parts" : "or")))
    return .object(result)
  }

  static func csv(_ s: GraphSummary) -> String {
    var out = CSVText.row(["section", "label", "count"])
    out += CSVText.row(["graph", "nodes", String(s.nodeCount)])
    out += CSVText.row(["graph", "edges", String(s.edgeCount)])
    out += CSVText.row(["graph", "flow_edges", String(s.flowEdgeCount)])
    for c in s.kinds { out += CSVText.row(["kind", c.label, String(c.count)]) }
    for c in s.sectors { out += CSVText.row(["sector", c.label, String(c.count)]) }
    for c in s.stages { out += CSVText.row(["stage", c.label, String(c.count)]) }
    for r in s.relations { out += CSVText.row(["relation", r.relation, String(r.count)]) }
    out += CSVText.row(["flow", "origins", String(s.origins.count)])
    out += CSVText.row(["flow", "sinks", String(s.sinks.count)])
    out += CSVText.row(["flow", "isolated", String(s.isolated.count)])
    out += CSVText.row(["flow", "buyers", String(s.buyers.count)])
    for c in s.buyersBySector { out += CSVText.row(["buyers", c.label, String(c.count)]) }
    out += CSVText.row(["graph", "weak_components", String(s.weakComponents.count)])
    out += CSVText.row(["flow", "acyclic", s.isFlowAcyclic ? "1" : "0"])
    out += CSVText.row(["flow", "longest_chain_hops", s.longestChain.map { String($0.hops) } ?? ""])
    return out
  }

  static func table(_ s: GraphSummary, _ graph: SupplyGraph, _ input: AnalysisInput) -> String {
    var out = ""
    let title = s.name.map { "\($0) (\(input.name))" } ?? input.name
    out += "\(title)\n"
    if let d = graph.description { out += "\(d)\n" }
    out += ScenarioText.tableLine(input)
    out +=
      "\n\(s.nodeCount) nodes, \(s.edgeCount) edges (\(s.flowEdgeCount) flow, \(s.edgeCount - s.flowEdgeCount) context)\n\n"
    func section(_ header: String, _ rows: [GraphSummary.Count]) {
      guard !rows.isEmpty else { return }
      var t = TextTable([header, "count"], rightAligned: [1])
      for r in rows { t.add([r.label, String(r.count)]) }
      out += t.text + "\n"
    }
    section("kind", s.kinds)
    section("sector", s.sectors)
    section("stage", s.stages)
    var rel = TextTable(["relation", "role", "count"], rightAligned: [2])
    for r in s.relations {
      let note =
        r.isKnown ? "" : graph.contextRelations.contains(r.relation) ? " (declared)" : " (unknown)"
      rel.add([r.relation + note, r.role.name, String(r.count)])
    }
    out += rel.text + "\n"
    let bySector = s.buyersBySector.map { "\($0.label) \($0.count)" }.joined(separator: ", ")
    out += "Buyers:      \(s.buyers.count)\(bySector.isEmpty ? "" : " (\(bySector))")\n"
    out += "Origins:     \(s.origins.count) (no incoming flow)\n"
    out += "Sinks:       \(s.sinks.count) (no outgoing flow)\n"
    if !s.isolated.isEmpty { out += "Isolated:    \(s.isolated.count) (no flow edge at all)\n" }
    out +=
      "Components:  \(s.weakComponents.count) weakly connected (largest \(s.weakComponents.largest) nodes)\n"
    if let chain = s.longestChain {
      out += "Flow graph:  acyclic; longest chain \(chain.hops) edge\(chain.hops == 1 ? "" : "s")\n"
      if chain.hops > 0 {
        let names = chain.nodes.map { graph.name(of: $0) }
        let shown = names.count > 12 ? names.prefix(6) + ["…"] + names.suffix(5) : names[...]
        out += "             \(shown.joined(separator: " → "))\n"
      }
    } else if let c = s.cycles {
      out +=
        "Flow graph:  has cycles: \(c.nodeCount) nodes in \(c.componentCount) cyclic component(s)\n"
      let ids = sortedIDs(Array(c.largest.prefix(8)), graph)
      out +=
        "             largest: \(ids.joined(separator: ", "))\(c.largest.count > 8 ? ", …" : "")\n"
    }
    out +=
      "Semantics:   \(s.hasPartStructure ? "parts (AND of ORs: part labels or requires: all present)" : "or (no part labels: plain reachability)")\n"
    let d = input.diagnostics
    out +=
      "Diagnostics: \(d.errorCount) error\(d.errorCount == 1 ? "" : "s"), \(d.warningCount) warning\(d.warningCount == 1 ? "" : "s")\n"
    return out
  }
}

extension JSONRenderer {
  /// The `result` of `summary --format json`.
  package static func write(_ r: SummaryReport, to json: inout JSONWriter) {
    var value = SummaryText.json(r.summary, r.input.graph)
    if let e = r.effect, case .object(var members) = value {
      members.append(("scenario_effect", ScenarioText.json(e, r.input.graph)))
      value = .object(members)
    }
    json.value(value)
  }

  /// The `result` of `validate --format json`.
  package static func write(_ r: ValidationReport, to json: inout JSONWriter) {
    let log = r.diagnostics
    json.value(
      .object([
        ("valid", .bool(!log.hasErrors)),
        ("errors", .int(log.errorCount)),
        ("warnings", .int(log.warningCount)),
        ("nodes", .int(r.input.graph.nodeCount)),
        ("edges", .int(r.input.graph.edgeCount)),
      ]))
  }
}

extension CSVRenderer {
  package static func render(_ r: SummaryReport) -> String { SummaryText.csv(r.summary) }

  /// Every diagnostic as a CSV row.
  package static func render(_ r: ValidationReport) -> String {
    var out = CSVText.row(["file", "line", "column", "severity", "message"])
    for d in r.diagnostics.sorted {
      out += CSVText.row([
        d.location?.file ?? "", d.location.map { String($0.line) } ?? "",
        d.location.map { String($0.column) } ?? "", d.severity.rawValue, d.message,
      ])
    }
    return out
  }
}

extension TableRenderer {
  package static func render(_ r: SummaryReport) -> String {
    var out = SummaryText.table(r.summary, r.input.graph, r.input)
    if let e = r.effect {
      // Under the scenario line, where the eye already is.
      let line = ScenarioText.effectLine(e, r.input.graph)
      if let range = out.range(of: "What if:") {
        let end = out[range.lowerBound...].firstIndex(of: "\n")!
        out.insert(contentsOf: line, at: out.index(after: end))
      }
    }
    return out
  }

  /// Every diagnostic as `file:line:col: severity: message` (warnings left out when `quiet`),
  /// then the verdict line.
  package static func render(_ r: ValidationReport, quiet: Bool) -> String {
    var out = ""
    let log = r.diagnostics
    for d in log.sorted where d.severity == .error || !quiet { out += d.description + "\n" }
    if log.omitted > 0 { out += "… and \(log.omitted) more problem(s) not shown\n" }
    return out + r.verdict + "\n"
  }
}

extension ValidationReport {
  /// `Datasets/x: valid: 0 errors, 2 warnings; 30 nodes, 41 edges`.
  package var verdict: String {
    let log = diagnostics
    return
      "\(input.name): \(log.hasErrors ? "invalid" : "valid"): \(log.errorCount) error\(log.errorCount == 1 ? "" : "s"), \(log.warningCount) warning\(log.warningCount == 1 ? "" : "s"); \(input.graph.nodeCount) nodes, \(input.graph.edgeCount) edges"
  }
}
