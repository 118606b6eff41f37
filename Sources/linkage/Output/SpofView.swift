import LinkageCore
import LinkageIO

/// Formats a single-points-of-failure report as a table, CSV or JSON.
struct SpofView {
  let input: GraphInput
  let report: SinglePointsOfFailure
  let redundancy: [TargetRedundancy]
  let structure: UndirectedStructure
  let simulation: FailureSimulation?
  let semanticsReason: String
  let targetRule: String
  let top: Int?
  let focus: NodeIndex?

  var graph: SupplyGraph { report.network.graph }
  var network: SupplyNetwork { report.network }

  func ids(_ nodes: [NodeIndex]) -> [String] { nodes.map { graph.id(of: $0) } }

  /// Critical nodes to show: the focus node alone, else the ranked list (capped by --top).
  var shownNodes: [SinglePointsOfFailure.Criticality] {
    if let focus { return [report.criticality(of: focus)] }
    return top.map { Array(report.criticalNodes.prefix($0)) } ?? report.criticalNodes
  }

  var shownLinks: [SinglePointsOfFailure.LinkCriticality] {
    if let focus {
      return report.criticalLinks.filter {
        graph.source(of: $0.edge) == focus || graph.target(of: $0.edge) == focus
      }
    }
    return top.map { Array(report.criticalLinks.prefix($0)) } ?? report.criticalLinks
  }

  func rank(of node: NodeIndex) -> Int? {
    report.criticalNodes.firstIndex { $0.node == node }.map { $0 + 1 }
  }

  // MARK: JSON

  func json() -> JSONValue {
    var explainer = report.explainer()
    let nodes: [JSONValue] = shownNodes.map { c in
      let chains = explainer.explanations(of: c.node, for: c.targetsCut)
      let why: [JSONValue] = zip(c.targetsCut, chains).map { t, steps in
        .object([
          ("target", .string(graph.id(of: t))),
          ("chain", .strings([graph.id(of: c.node)] + steps.map { graph.id(of: $0.node) })),
          ("text", .string(report.sentence(failure: c.node, steps: steps))),
        ])
      }
      return .object([
        ("rank", rank(of: c.node).map { .int($0) } ?? .null),
        ("id", .string(graph.id(of: c.node))),
        ("name", .string(graph.name(of: c.node))),
        ("kind", .string(graph.kindLabel(of: c.node) ?? graph.kind(of: c.node).name)),
        ("targets_cut", .int(c.targetsCut.count)),
        ("value_cut", .number(c.valueCut)),
        ("cut", .strings(ids(c.targetsCut))),
        ("why", .array(why)),
      ])
    }
    let links: [JSONValue] = shownLinks.enumerated().map { k, l in
      let chains = explainer.explanations(ofLink: l.edge, for: l.targetsCut)
      return .object([
        (
          "rank",
          .int(
            (focus == nil ? k : (report.criticalLinks.firstIndex { $0.edge == l.edge } ?? k)) + 1)
        ),
        ("source", .string(graph.id(of: graph.source(of: l.edge)))),
        ("target", .string(graph.id(of: graph.target(of: l.edge)))),
        ("relation", .string(graph.relation(of: l.edge).name)),
        ("part", .optional(graph.part(of: l.edge))),
        ("targets_cut", .int(l.targetsCut.count)),
        ("value_cut", .number(l.valueCut)),
        ("cut", .strings(ids(l.targetsCut))),
        (
          "why",
          .strings(
            zip(l.targetsCut, chains).map { _, steps in
              report.sentence(failedLink: l.edge, steps: steps)
            })
        ),
      ])
    }
    let targets: [JSONValue] = redundancy.map { r in
      .object([
        ("id", .string(graph.id(of: r.target))),
        ("name", .string(graph.name(of: r.target))),
        ("supplied", .bool(r.supplied)),
        ("redundancy", r.value.map { .int($0) } ?? .null),
        ("redundancy_bound", .string(r.bound.rawValue)),
        ("witness_cut", .strings(ids(r.witness))),
        ("direct_suppliers", .int(r.directSuppliers)),
        ("single_points", .strings(ids(report.singlePoints[r.target] ?? []))),
        ("hidden_single_source", .strings(ids(r.hiddenSingleSources))),
      ])
    }
    let hidden: [JSONValue] = report.hiddenSingleSources.map { h in
      .object([
        ("id", .string(graph.id(of: h.node))),
        ("name", .string(graph.name(of: h.node))),
        ("kind", .string(graph.kind(of: h.node).name)),
        ("direct_suppliers", .int(h.directSuppliers)),
        ("single_points", .strings(ids(h.singlePoints))),
      ])
    }
    var result: [(String, JSONValue)] = [
      ("semantics", .string(network.semantics.rawValue)),
      ("semantics_reason", .string(semanticsReason)),
      ("min_share", network.minimumShare.map { .number($0) } ?? .null),
      ("targets_rule", .string(targetRule)),
      ("target_count", .int(report.targets.count)),
      ("unsupplied_targets", .strings(ids(report.unsuppliedTargets))),
      ("critical_node_count", .int(report.criticalNodes.count)),
      ("critical_link_count", .int(report.criticalLinks.count)),
      ("critical_nodes", .array(nodes)),
      ("critical_links", .array(links)),
      ("targets", .array(targets)),
      ("hidden_single_sourcing", .array(hidden)),
      (
        "structural",
        .object([
          (
            "view",
            .string(
              "undirected view of the flow edges; parallel and antiparallel edges are separate links (as igraph); not a supply answer"
            )
          ),
          ("articulation_points", .strings(ids(structure.articulationPoints))),
          (
            "bridges",
            .array(
              structure.bridges.map { e in
                .object([
                  ("source", .string(graph.id(of: graph.source(of: e)))),
                  ("target", .string(graph.id(of: graph.target(of: e)))),
                  ("relation", .string(graph.relation(of: e).name)),
                ])
              })
          ),
          ("biconnected_components", .int(structure.biconnectedComponentCount)),
          ("largest_biconnected_component", .int(structure.largestBiconnectedComponent)),
        ])
      ),
    ]
    if let focus { result.insert(("node", .string(graph.id(of: focus))), at: 5) }
    if let s = simulation {
      result.append(
        (
          "simulation",
          .object([
            ("trials", .int(s.trials)),
            ("seed", .unsigned(s.seed)),
            ("fallible_nodes", .int(s.fallibleNodes)),
            ("expected_value_lost", .number(s.expectedValueLost)),
            (
              "value_lost_interval", .array([.number(s.valueLostLower), .number(s.valueLostUpper)])
            ),
            (
              "targets",
              .array(
                s.outcomes.map { o in
                  .object([
                    ("id", .string(graph.id(of: o.target))),
                    ("probability_supplied", .number(o.probability)),
                    ("interval", .array([.number(o.lower), .number(o.upper)])),
                    ("trials_supplied", .int(o.supplied)),
                  ])
                })
            ),
          ])
        ))
    } else {
      result.append(("simulation", .null))
    }
    return .object(result)
  }

  // MARK: CSV

  /// The ranked critical nodes as a table.
  func csv() -> String {
    var explainer = report.explainer()
    var out = CSVText.row([
      "rank", "id", "name", "kind", "targets_cut", "value_cut", "cut", "why", "semantics",
    ])
    for c in shownNodes {
      let first =
        c.targetsCut.first.map { t in
          report.sentence(failure: c.node, steps: explainer.explanations(of: c.node, for: [t])[0])
        } ?? ""
      out += CSVText.row([
        rank(of: c.node).map(String.init) ?? "", graph.id(of: c.node), graph.name(of: c.node),
        graph.kind(of: c.node).name, String(c.targetsCut.count), NumberFormat.canonical(c.valueCut),
        ids(c.targetsCut).joined(separator: ";"), first, network.semantics.rawValue,
      ])
    }
    return out
  }

  // MARK: Table

  func table() -> String {
    var explainer = report.explainer()
    var out = "Single points of failure — \(graph.name ?? input.name) (\(input.name))\n"
    out += "Semantics:  \(network.semantics.rawValue) (\(semanticsReason))"
    if let m = network.minimumShare {
      out += "; suppliers below share \(NumberFormat.canonical(m)) cannot substitute"
    }
    out += "\nTargets:    \(report.targets.count) (\(targetRule))"
    if !report.unsuppliedTargets.isEmpty {
      out +=
        "; \(report.unsuppliedTargets.count) not supplied even with nothing failed: \(ids(report.unsuppliedTargets).prefix(8).joined(separator: ", "))"
    }
    out += "\n\n"
    let rows = top ?? 10
    if let focus {
      let c = report.criticality(of: focus)
      out += "\(graph.id(of: focus)) — \(graph.name(of: focus)) (\(graph.kind(of: focus).name))\n"
      if c.targetsCut.isEmpty {
        out += "Its failure alone cuts no target off.\n"
      } else {
        out +=
          "Its failure alone cuts \(c.targetsCut.count) target\(c.targetsCut.count == 1 ? "" : "s") off (value \(NumberFormat.canonical(c.valueCut))), rank \(rank(of: focus) ?? 0) of \(report.criticalNodes.count):\n"
        let chains = explainer.explanations(of: focus, for: c.targetsCut)
        for (t, steps) in zip(c.targetsCut, chains) {
          out += "  \(graph.id(of: t)): \(report.sentence(failure: focus, steps: steps))\n"
        }
      }
      let links = shownLinks
      if !links.isEmpty {
        out += "\nCritical links at \(graph.id(of: focus)):\n"
        for l in links {
          out += "  \(linkText(l.edge)) cuts \(ids(l.targetsCut).joined(separator: ", "))\n"
        }
      }
      if let r = redundancy.first(where: { $0.target == focus }) {
        out += "\nAs a target: " + redundancyText(r) + "\n"
      }
      return out
    }
    if report.criticalNodes.isEmpty {
      out += "No single node failure cuts any target off.\n"
    } else {
      out +=
        "Critical nodes (\(min(rows, report.criticalNodes.count)) of \(report.criticalNodes.count)), most targets cut first:\n"
      var t = TextTable(
        ["#", "node", "kind", "cut", "value", "targets cut"], rightAligned: [0, 3, 4])
      var whys: [String] = []
      for (k, c) in report.criticalNodes.prefix(rows).enumerated() {
        let list = ids(c.targetsCut)
        t.add([
          String(k + 1),
          "\(graph.id(of: c.node))  \(graph.name(of: c.node) == graph.id(of: c.node) ? "" : graph.name(of: c.node))",
          graph.kind(of: c.node).name, String(c.targetsCut.count),
          NumberFormat.canonical(c.valueCut),
          list.prefix(4).joined(separator: ", ")
            + (list.count > 4 ? ", … (\(list.count - 4) more)" : ""),
        ])
        if let first = c.targetsCut.first {
          whys.append(
            "  \(k + 1). "
              + report.sentence(
                failure: c.node, steps: explainer.explanations(of: c.node, for: [first])[0]))
        }
      }
      out += t.text + "Why (first target of each):\n" + whys.joined(separator: "\n") + "\n"
    }
    out += "\n"
    if report.criticalLinks.isEmpty {
      out += "No single link failure cuts any target off.\n"
    } else {
      out +=
        "Critical links (\(min(rows, report.criticalLinks.count)) of \(report.criticalLinks.count)):\n"
      var t = TextTable(["#", "link", "cut", "targets cut"], rightAligned: [0, 2])
      for (k, l) in report.criticalLinks.prefix(rows).enumerated() {
        let list = ids(l.targetsCut)
        t.add([
          String(k + 1), linkText(l.edge), String(l.targetsCut.count),
          list.prefix(4).joined(separator: ", ") + (list.count > 4 ? ", …" : ""),
        ])
      }
      out += t.text
    }
    out += "\nTargets: redundancy = how many nodes must fail together to cut it off (Menger)\n"
    var t = TextTable(
      ["target", "redundancy", "witness cut", "hidden single source"], rightAligned: [1])
    let shownTargets = redundancy.sorted { a, b in
      let va = a.value ?? Int.max
      let vb = b.value ?? Int.max
      return va != vb ? va < vb : graph.id(of: a.target) < graph.id(of: b.target)
    }
    for r in shownTargets.prefix(max(rows, 10)) {
      t.add([
        graph.id(of: r.target), redundancyValue(r), ids(r.witness).joined(separator: ", "),
        ids(r.hiddenSingleSources).joined(separator: ", "),
      ])
    }
    out += t.text
    if shownTargets.count > max(rows, 10) {
      out += "… \(shownTargets.count - max(rows, 10)) more targets (--format json lists all)\n"
    }
    if !report.hiddenSingleSources.isEmpty {
      out +=
        "\nHidden single sourcing (two or more direct suppliers, yet one upstream failure cuts it off):\n"
      for h in report.hiddenSingleSources.prefix(max(rows, 10)) {
        out +=
          "  \(graph.id(of: h.node)) (\(graph.kind(of: h.node).name)): \(h.directSuppliers) direct suppliers; single point\(h.singlePoints.count == 1 ? "" : "s"): \(ids(h.singlePoints).joined(separator: ", "))\n"
      }
      if report.hiddenSingleSources.count > max(rows, 10) {
        out += "  … \(report.hiddenSingleSources.count - max(rows, 10)) more\n"
      }
    }
    if let s = simulation {
      out +=
        "\nMonte Carlo: \(s.trials) trials (seed \(s.seed)), \(s.fallibleNodes) nodes with a failure_probability\n"
      out +=
        "Expected value lost per trial: \(fmt(s.expectedValueLost)) (95%: \(fmt(s.valueLostLower))–\(fmt(s.valueLostUpper)))\n"
      var st = TextTable(["target", "P(supplied)", "95% interval"], rightAligned: [1])
      for o in s.outcomes.sorted(by: {
        $0.probability != $1.probability
          ? $0.probability < $1.probability : graph.id(of: $0.target) < graph.id(of: $1.target)
      }).prefix(max(rows, 10)) {
        st.add([graph.id(of: o.target), fmt(o.probability), "\(fmt(o.lower))–\(fmt(o.upper))"])
      }
      out += st.text
    }
    out += "\nStructural view (undirected, as NetworkX/igraph report it; not a supply answer): "
    out +=
      "\(structure.articulationPoints.count) articulation points, \(structure.bridges.count) bridges, \(structure.biconnectedComponentCount) biconnected components\n"
    return out
  }

  func linkText(_ e: EdgeIndex) -> String {
    let part = graph.part(of: e).map { ", part \($0)" } ?? ""
    return
      "\(graph.id(of: graph.source(of: e))) —\(graph.relation(of: e).name)\(part)→ \(graph.id(of: graph.target(of: e)))"
  }

  func redundancyValue(_ r: TargetRedundancy) -> String {
    switch r.bound {
    case .exact: String(r.value ?? 0) + (r.supplied ? "" : " (not supplied)")
    case .atLeast: "≥ \(r.value ?? 0)"
    case .atMost: "≤ \(r.value ?? 0)"
    case .unlimited: "∞ (origin)"
    }
  }

  func redundancyText(_ r: TargetRedundancy) -> String {
    var s = "redundancy \(redundancyValue(r))"
    if !r.witness.isEmpty { s += "; cut by \(ids(r.witness).joined(separator: ", "))" }
    if !r.hiddenSingleSources.isEmpty {
      s += "; hidden single source: \(ids(r.hiddenSingleSources).joined(separator: ", "))"
    }
    return s
  }

  func fmt(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return NumberFormat.canonical(r)
  }
}
