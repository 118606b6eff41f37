import LinkageCore

/// Spellings shared by the single-points-of-failure outputs.
extension SpofReport {
  var network: SupplyNetwork { analysis.network }

  func ids(_ nodes: some Sequence<NodeIndex>) -> [String] { nodes.map { graph.id(of: $0) } }

  /// `auto: the data has part labels or requires: all`.
  package var semanticsReasonText: String {
    switch semantics.reason {
    case .chosen: "chosen with --semantics"
    case .automaticParts: "auto: the data has part labels or requires: all"
    case .automaticOr: "auto: no part labels or requires: all"
    }
  }

  /// `buyers`, `sinks`, or `given: SELECTOR`.
  package var targetRuleText: String { RuleText.targets(targetRule) }

  func linkText(_ e: EdgeIndex) -> String {
    let part = graph.part(of: e).map { ", part \($0)" } ?? ""
    return
      "\(graph.id(of: graph.source(of: e))) —\(graph.relation(of: e).name)\(part)→ \(graph.id(of: graph.target(of: e)))"
  }

  func sentence(_ node: NodeIndex, _ why: Why) -> String {
    WhyText.sentence(analysis, failure: node, steps: why.steps)
  }

  static func redundancyValue(_ r: TargetRedundancy) -> String {
    switch r.bound {
    case .exact: String(r.value ?? 0) + (r.supplied ? "" : " (not supplied)")
    case .atLeast: "≥ \(r.value ?? 0)"
    case .atMost: "≤ \(r.value ?? 0)"
    case .unlimited: "∞ (origin)"
    }
  }

  func redundancyText(_ r: TargetRedundancy) -> String {
    var s = "redundancy \(Self.redundancyValue(r))"
    if !r.witness.isEmpty { s += "; cut by \(ids(r.witness).joined(separator: ", "))" }
    if !r.hiddenSingleSources.isEmpty {
      s += "; hidden single source: \(ids(r.hiddenSingleSources).joined(separator: ", "))"
    }
    return s
  }
}

/// Spellings of request values shared by every output.
enum RuleText {
  static func targets(_ rule: AnalysisRequest.TargetRule) -> String {
    switch rule {
    case .given(let text): "given: \(text)"
    case .buyers: "buyers"
    case .sinks: "sinks"
    }
  }

  /// A probability or interval end, to three decimals.
  static func fraction(_ x: Double) -> String {
    NumberFormat.canonical((x * 1000).rounded() / 1000)
  }

  /// A probability to exactly three decimals (`0.970`, not `0.97`), so columns and interval
  /// ends line up.
  static func probability(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    let m = Int((abs(x) * 1000).rounded())
    let decimals = String(m % 1000)
    return (x < 0 && m > 0 ? "-" : "") + "\(m / 1000)."
      + String(repeating: "0", count: 3 - decimals.count) + decimals
  }
}

extension JSONRenderer {
  /// The `result` of `spof --format json` (with `mitigations` when given).
  package static func write(
    _ r: SpofReport, mitigations: MitigationReport? = nil, to json: inout JSONWriter
  ) {
    let graph = r.graph
    let ids = graph.ids
    json.beginObject()
    json.member("semantics", .string(r.network.semantics.rawValue))
    json.member("semantics_reason", .string(r.semanticsReasonText))
    json.member("min_share", r.network.minimumShare.map { .number($0) } ?? .null)
    json.member("targets_rule", .string(r.targetRuleText))
    json.member("target_count", .int(r.analysis.targets.count))
    if let focus = r.focus { json.member("node", .string(graph.id(of: focus))) }
    json.key("unsupplied_targets")
    json.ids(r.analysis.unsuppliedTargets, names: ids)
    if let e = r.effect { json.member("scenario_effect", ScenarioText.json(e, graph)) }
    json.member("critical_node_count", .int(r.analysis.criticalNodes.count))
    json.member("critical_link_count", .int(r.analysis.criticalLinks.count))
    json.key("critical_nodes")
    json.beginArray()
    for c in r.nodes {
      json.item()
      json.beginObject()
      json.member("rank", c.rank.map { .int($0) } ?? .null)
      json.member("id", .string(graph.id(of: c.node)))
      json.member("name", .string(graph.name(of: c.node)))
      json.member("kind", .string(graph.kindLabel(of: c.node) ?? graph.kind(of: c.node).name))
      json.member("targets_cut", .int(c.targetsCut.count))
      json.member("value_cut", .number(c.valueCut))
      json.key("cut")
      json.ids(c.targetsCut, names: ids)
      json.key("why")
      json.beginArray()
      for why in c.why {
        json.item()
        json.beginObject()
        json.member("target", .string(graph.id(of: why.target)))
        json.key("chain")
        json.ids([c.node] + why.steps.map(\.node), names: ids)
        json.key("fallen")
        json.ids(why.fallen, names: ids)
        json.member("text", .string(r.sentence(c.node, why)))
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.key("critical_links")
    json.beginArray()
    for l in r.links {
      json.item()
      json.beginObject()
      json.member("rank", .int(l.rank))
      json.member("source", .string(graph.id(of: graph.source(of: l.edge))))
      json.member("target", .string(graph.id(of: graph.target(of: l.edge))))
      json.member("relation", .string(graph.relation(of: l.edge).name))
      json.member("part", .optional(graph.part(of: l.edge)))
      json.member("targets_cut", .int(l.targetsCut.count))
      json.member("value_cut", .number(l.valueCut))
      json.key("cut")
      json.ids(l.targetsCut, names: ids)
      json.key("why")
      json.strings(l.why.map { WhyText.sentence(r.analysis, failedLink: l.edge, steps: $0.steps) })
      json.endObject()
    }
    json.endArray()
    json.key("targets")
    json.beginArray()
    for t in r.redundancy {
      json.item()
      json.beginObject()
      json.member("id", .string(graph.id(of: t.target)))
      json.member("name", .string(graph.name(of: t.target)))
      json.member("supplied", .bool(t.supplied))
      json.member("redundancy", t.value.map { .int($0) } ?? .null)
      json.member("redundancy_bound", .string(t.bound.spelling))
      json.key("witness_cut")
      json.ids(t.witness, names: ids)
      json.member("direct_suppliers", .int(t.directSuppliers))
      json.key("single_points")
      json.ids(r.analysis.singlePoints[t.target] ?? [], names: ids)
      json.key("hidden_single_source")
      json.ids(t.hiddenSingleSources, names: ids)
      json.endObject()
    }
    json.endArray()
    json.key("hidden_single_sourcing")
    json.beginArray()
    for h in r.hiddenSingleSources {
      json.item()
      json.value(
        .object([
          ("id", .string(graph.id(of: h.node))),
          ("name", .string(graph.name(of: h.node))),
          ("kind", .string(graph.kind(of: h.node).name)),
          ("direct_suppliers", .int(h.directSuppliers)),
          ("single_points", .strings(r.ids(h.singlePoints))),
        ]))
    }
    json.endArray()
    let s = r.structure
    json.member(
      "structural",
      .object([
        (
          "view",
          .string(
            "undirected view of the flow edges; parallel and antiparallel edges are separate links (as igraph); not a supply answer"
          )
        ),
        ("articulation_points", .strings(r.ids(s.articulationPoints))),
        (
          "bridges",
          .array(
            s.bridges.map { e in
              .object([
                ("source", .string(graph.id(of: graph.source(of: e)))),
                ("target", .string(graph.id(of: graph.target(of: e)))),
                ("relation", .string(graph.relation(of: e).name)),
              ])
            })
        ),
        ("biconnected_components", .int(s.biconnectedComponentCount)),
        ("largest_biconnected_component", .int(s.largestBiconnectedComponent)),
      ]))
    if let sim = r.simulation {
      json.key("simulation")
      json.beginObject()
      json.member("trials", .int(sim.trials))
      json.member("seed", .unsigned(sim.seed))
      json.member("fallible_nodes", .int(sim.fallibleNodes))
      json.member("expected_value_lost", .number(sim.expectedValueLost))
      json.key("value_lost_interval")
      json.numbers([sim.valueLostLower, sim.valueLostUpper])
      json.key("targets")
      json.beginArray()
      for o in sim.outcomes {
        json.item()
        json.value(
          .object([
            ("id", .string(graph.id(of: o.target))),
            ("probability_supplied", .number(o.probability)),
            ("interval", .array([.number(o.lower), .number(o.upper)])),
            ("trials_supplied", .int(o.supplied)),
          ]))
      }
      json.endArray()
      json.endObject()
    } else {
      json.member("simulation", .null)
    }
    if let stress = r.stress {
      json.key("stress")
      writeStress(r, stress, to: &json)
    }
    if let groups = r.groups {
      json.key("group_failures")
      writeGroups(r, groups, to: &json)
    }
    if let loss = r.loss {
      json.key("loss")
      writeLoss(r, loss, to: &json)
    }
    if let mitigations {
      json.key("mitigations")
      write(mitigations, to: &json)
    }
    json.endObject()
  }
}

extension CSVRenderer {
  /// The listed critical nodes as CSV, with the first target's chain.
  package static func render(_ r: SpofReport) -> String {
    let graph = r.graph
    var out = CSVText.row([
      "rank", "id", "name", "kind", "targets_cut", "value_cut", "cut", "why", "semantics",
    ])
    for c in r.nodes {
      out += CSVText.row([
        c.rank.map(String.init) ?? "", graph.id(of: c.node), graph.name(of: c.node),
        graph.kind(of: c.node).name, String(c.targetsCut.count), NumberFormat.canonical(c.valueCut),
        r.ids(c.targetsCut).joined(separator: ";"),
        c.why.first.map { r.sentence(c.node, $0) } ?? "", r.network.semantics.rawValue,
      ])
    }
    return out
  }
}

extension TableRenderer {
  /// The single-points-of-failure table for people.
  /// - Precondition: the report lists at most the rows to show (its limit).
  package static func render(_ r: SpofReport) -> String {
    let graph = r.graph
    let analysis = r.analysis
    var out = "Single points of failure — \(r.input.heading)\n"
    out += ScenarioText.tableLine(r.input)
    if let e = r.effect { out += ScenarioText.effectLine(e, graph) }
    out += "Semantics:  \(r.network.semantics.rawValue) (\(r.semanticsReasonText))"
    if let m = r.network.minimumShare {
      out += "; suppliers below share \(NumberFormat.canonical(m)) cannot substitute"
    }
    out += "\nTargets:    \(analysis.targets.count) (\(r.targetRuleText))"
    if !analysis.unsuppliedTargets.isEmpty {
      out +=
        "; \(analysis.unsuppliedTargets.count) not supplied \(r.effect == nil ? "even with nothing failed" : "in this scenario"): \(r.ids(analysis.unsuppliedTargets.prefix(8)).joined(separator: ", "))"
    }
    if r.effect != nil {
      out += "\n            (the ranking below is of further single failures, on top of the scenario)"
    }
    out += "\n\n"
    let rows = r.options.limit ?? 10
    if let focus = r.focus, let c = r.nodes.first {
      out += "\(graph.id(of: focus)) — \(graph.name(of: focus)) (\(graph.kind(of: focus).name))\n"
      if c.targetsCut.isEmpty {
        out += "Its failure alone cuts no target off.\n"
      } else {
        out +=
          "Its failure alone cuts \(c.targetsCut.count) target\(c.targetsCut.count == 1 ? "" : "s") off (value \(NumberFormat.canonical(c.valueCut))), rank \(c.rank ?? 0) of \(analysis.criticalNodes.count):\n"
        for why in c.why {
          out += "  \(graph.id(of: why.target)): \(r.sentence(focus, why))\n"
        }
      }
      if !r.links.isEmpty {
        out += "\nCritical links at \(graph.id(of: focus)):\n"
        for l in r.links {
          out += "  \(r.linkText(l.edge)) cuts \(r.ids(l.targetsCut).joined(separator: ", "))\n"
        }
      }
      if let t = r.redundancy.first {
        out += "\nAs a target: " + r.redundancyText(t) + "\n"
      }
      return out
    }
    if analysis.criticalNodes.isEmpty {
      out += "No single node failure cuts any target off.\n"
    } else {
      out +=
        "Critical nodes (\(min(rows, analysis.criticalNodes.count)) of \(analysis.criticalNodes.count)), most targets cut first:\n"
      var t = TextTable(
        ["#", "node", "kind", "cut", "value", "targets cut"], rightAligned: [0, 3, 4])
      var whys: [String] = []
      for c in r.nodes.prefix(rows) {
        let list = r.ids(c.targetsCut.prefix(4))
        let name = graph.name(of: c.node)
        let id = graph.id(of: c.node)
        t.add([
          String(c.rank ?? 0), "\(id)  \(name == id ? "" : name)",
          graph.kind(of: c.node).name, String(c.targetsCut.count),
          NumberFormat.canonical(c.valueCut),
          list.joined(separator: ", ")
            + (c.targetsCut.count > 4 ? ", … (\(c.targetsCut.count - 4) more)" : ""),
        ])
        if let first = c.why.first {
          whys.append("  \(c.rank ?? 0). " + r.sentence(c.node, first))
        }
      }
      out += t.text + "Why (first target of each):\n" + whys.joined(separator: "\n") + "\n"
    }
    out += "\n"
    if analysis.criticalLinks.isEmpty {
      out += "No single link failure cuts any target off.\n"
    } else {
      out +=
        "Critical links (\(min(rows, analysis.criticalLinks.count)) of \(analysis.criticalLinks.count)):\n"
      var t = TextTable(["#", "link", "cut", "targets cut"], rightAligned: [0, 2])
      for l in r.links.prefix(rows) {
        t.add([
          String(l.rank), r.linkText(l.edge), String(l.targetsCut.count),
          r.ids(l.targetsCut.prefix(4)).joined(separator: ", ")
            + (l.targetsCut.count > 4 ? ", …" : ""),
        ])
      }
      out += t.text
    }
    out += "\nTargets: redundancy = how many nodes must fail together to cut it off (Menger)\n"
    var t = TextTable(
      ["target", "redundancy", "witness cut", "hidden single source"], rightAligned: [1])
    let shownTargets = r.redundancyRanked
    let targetRows = max(rows, 10)
    for red in shownTargets.prefix(targetRows) {
      t.add([
        graph.id(of: red.target), SpofReport.redundancyValue(red),
        r.ids(red.witness).joined(separator: ", "),
        r.ids(red.hiddenSingleSources).joined(separator: ", "),
      ])
    }
    out += t.text
    if shownTargets.count > targetRows {
      out += "… \(shownTargets.count - targetRows) more targets (--format json lists all)\n"
    }
    let hidden = r.hiddenSingleSources
    if !hidden.isEmpty {
      out +=
        "\nHidden single sourcing (two or more direct suppliers, yet one upstream failure cuts it off):\n"
      for h in hidden.prefix(targetRows) {
        out +=
          "  \(graph.id(of: h.node)) (\(graph.kind(of: h.node).name)): \(h.directSuppliers) direct suppliers; single point\(h.singlePoints.count == 1 ? "" : "s"): \(r.ids(h.singlePoints).joined(separator: ", "))\n"
      }
      if hidden.count > targetRows {
        out += "  … \(hidden.count - targetRows) more\n"
      }
    }
    if let s = r.simulation {
      let fmt = RuleText.fraction
      out +=
        "\nMonte Carlo: \(s.trials) trials (seed \(s.seed)), \(s.fallibleNodes) nodes with a failure_probability\n"
      out +=
        "Expected value lost per trial: \(fmt(s.expectedValueLost)) (95%: \(fmt(s.valueLostLower))–\(fmt(s.valueLostUpper)))\n"
      var st = TextTable(["target", "P(supplied)", "95% interval"], rightAligned: [1])
      let ids = graph.ids
      for o in s.outcomes.sorted(by: {
        $0.probability != $1.probability
          ? $0.probability < $1.probability : ids[Int($0.target)] < ids[Int($1.target)]
      }).prefix(targetRows) {
        let p = RuleText.probability
        st.add([graph.id(of: o.target), p(o.probability), "\(p(o.lower))–\(p(o.upper))"])
      }
      out += st.text
    }
    if r.groups != nil { out += "\n" + TableRenderer.groupSection(r, rows: rows) }
    if r.stress != nil { out += "\n" + TableRenderer.stressSection(r, rows: rows) }
    if r.loss != nil { out += "\n" + TableRenderer.lossSection(r, rows: rows) }
    let s = r.structure
    out += "\nStructural view (undirected, as NetworkX/igraph report it; not a supply answer): "
    out +=
      "\(s.articulationPoints.count) articulation points, \(s.bridges.count) bridges, \(s.biconnectedComponentCount) biconnected components\n"
    return out
  }
}

/// Renders reports as text tables for people.
package enum TableRenderer {}
/// Renders reports as CSV (the result's main table).
package enum CSVRenderer {}
/// Renders reports as the JSON output contract (``JSONRenderer/document(command:input:stream:result:)``).
package enum JSONRenderer {}

// MARK: Share-weighted loss

extension SpofReport {
  /// `0.6` for a fraction, to three decimals.
  static func fractionText(_ x: Double) -> String { RuleText.fraction(x) }

  /// What the loss model assumed about shares.
  var lossSharesText: String {
    guard let loss else { return "" }
    let flow = network.carries.filter { $0 }.count
    let missing = loss.supply.edgesWithoutShare
    if missing == 0 { return "every supply edge has a share" }
    if missing == flow { return "no supply edge has a share: each counts 1 (loss = value cut off)" }
    var text = "\(flow - missing) of \(flow) supply edges have a share; the other \(missing) count 1"
    let mixed = loss.supply.mixedGroups
    if mixed > 0 {
      text +=
        "; warning: \(mixed) part group\(mixed == 1 ? " mixes" : "s mix") links with and without a share, where an unshared link is a full source and hides the loss of the shared ones"
    }
    return text
  }

  /// `navy 1 → 0.6, nuri-electronics 1 → 0`.
  func effectsText(_ effects: [SupplyLoss.TargetEffect], limit: Int = 4) -> String {
    let shown = effects.prefix(limit).map {
      "\(graph.id(of: $0.target)) \(Self.fractionText($0.before)) → \(Self.fractionText($0.after))"
    }
    return shown.joined(separator: ", ")
      + (effects.count > limit ? ", … (\(effects.count - limit) more)" : "")
  }
}

extension TableRenderer {
  /// The `--loss` section of the spof table.
  static func lossSection(_ r: SpofReport, rows: Int) -> String {
    guard let loss = r.loss else { return "" }
    let graph = r.graph
    var out =
      "Share-weighted loss (value lost when each node fails: Σ value × fall in supplied fraction; \(r.lossSharesText)):\n"
    if !loss.converged {
      out += "  (a cycle's iteration hit its round limit: fractions there are lower bounds)\n"
    }
    if loss.ranked.isEmpty {
      return out + "  No single failure lowers any target's supply.\n"
    }
    var t = TextTable(["#", "node", "kind", "value lost", "targets", "supplied before → after"], rightAligned: [0, 3, 4])
    for (k, item) in r.lossListed.prefix(rows).enumerated() {
      let v = item.entry.node
      let rank = (loss.ranked.firstIndex { $0.node == v } ?? k) + 1
      t.add([
        String(rank), graph.id(of: v), graph.kind(of: v).name,
        RuleText.fraction(item.entry.valueLost), String(item.entry.targetsAffected),
        r.effectsText(item.effects),
      ])
    }
    out += t.text
    if loss.ranked.count > min(rows, r.lossListed.count) {
      out += "… \(loss.ranked.count - min(rows, r.lossListed.count)) more nodes lose value (--top N, or --format json)\n"
    }
    return out
  }
}

extension JSONRenderer {
  /// The `loss` member of `spof --loss --format json`.
  static func writeLoss(_ r: SpofReport, _ loss: SupplyLoss, to json: inout JSONWriter) {
    let graph = r.graph
    json.beginObject()
    json.member(
      "model",
      .string(
        "y = 0 failed, 1 origin; a part group supplies min(1, sum of share x y(source)), an edge without share counting 1; y(node) = min over its groups; least fixed point on cycles; loss(x) = sum over targets t != x of value(t) x (y(t) - y_x(t))"
      ))
    json.member("converged", .bool(loss.converged))
    json.member("edges_without_share", .int(loss.supply.edgesWithoutShare))
    json.member("shares", .string(r.lossSharesText))
    json.key("targets")
    json.beginArray()
    let ids = graph.ids
    for t in loss.targets.sorted(by: { ids[Int($0)] < ids[Int($1)] }) {
      json.item()
      json.beginObject()
      json.member("id", .string(ids[Int(t)]))
      json.member("supplied", .number(loss.supply.supplied[Int(t)]))
      json.endObject()
    }
    json.endArray()
    json.member("node_count", .int(loss.ranked.count))
    json.key("nodes")
    json.beginArray()
    for item in r.lossListed {
      let v = item.entry.node
      json.item()
      json.beginObject()
      json.member("rank", .int((loss.ranked.firstIndex { $0.node == v } ?? 0) + 1))
      json.member("id", .string(ids[Int(v)]))
      json.member("name", .string(graph.name(of: v)))
      json.member("kind", .string(graph.kind(of: v).name))
      json.member("value_lost", .number(item.entry.valueLost))
      json.member("targets_affected", .int(item.entry.targetsAffected))
      json.key("targets")
      json.beginArray()
      for e in item.effects {
        json.item()
        json.beginObject()
        json.member("id", .string(ids[Int(e.target)]))
        json.member("before", .number(e.before))
        json.member("after", .number(e.after))
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}

extension CSVRenderer {
  /// `spof --loss --format csv`: one row per listed node.
  package static func renderLoss(_ r: SpofReport) -> String {
    let graph = r.graph
    var out = CSVText.row([
      "rank", "id", "name", "kind", "value_lost", "targets_affected", "targets", "semantics",
    ])
    guard let loss = r.loss else { return out }
    for item in r.lossListed {
      let v = item.entry.node
      out += CSVText.row([
        String((loss.ranked.firstIndex { $0.node == v } ?? 0) + 1), graph.id(of: v),
        graph.name(of: v), graph.kind(of: v).name, NumberFormat.canonical(item.entry.valueLost),
        String(item.entry.targetsAffected),
        item.effects.map {
          "\(graph.id(of: $0.target)) \(NumberFormat.canonical($0.before))>\(NumberFormat.canonical($0.after))"
        }.joined(separator: ";"),
        r.network.semantics.rawValue,
      ])
    }
    return out
  }
}


// MARK: Failure units (--group-by)

extension SpofReport {
  /// `list` up to the report's limit (all of it without one).
  func limited<T>(_ list: [T]) -> ArraySlice<T> { list.prefix(options.limit ?? list.count) }

  /// `country=NLD (4 nodes) fails → asml → … → finished-logic-chip loses supply`.
  func unitChainText(_ u: GroupFailures.Unit, attribute: String) -> String {
    guard !u.chain.isEmpty else { return "" }
    let ids = u.chain.map { graph.id(of: $0) }
    return "\(attribute)=\(u.value) fails → " + ids.joined(separator: " → ") + " loses supply"
  }
}

extension TableRenderer {
  /// The `--group-by` section of the spof table.
  static func groupSection(_ r: SpofReport, rows: Int) -> String {
    guard let groups = r.groups else { return "" }
    let graph = r.graph
    let cutting = groups.ranked.filter { !$0.targetsCut.isEmpty }
    var out =
      "Failure units by \(groups.attribute) (every node with one value fails together; \(groups.ranked.count) values, \(cutting.count) of them cut targets off\(groups.unassigned > 0 ? "; \(groups.unassigned) nodes without one" : "")):\n"
    if cutting.isEmpty {
      return out + "  No value's joint failure cuts any target off.\n"
    }
    var t = TextTable(
      ["#", groups.attribute, "nodes", "cut", "value", "targets cut"], rightAligned: [0, 2, 3, 4])
    var whys: [String] = []
    for (k, u) in cutting.prefix(rows).enumerated() {
      let list = u.targetsCut.prefix(4).map { graph.id(of: $0) }
      t.add([
        String(k + 1), u.value, String(u.nodes.count), String(u.targetsCut.count),
        NumberFormat.canonical(u.valueCut),
        list.joined(separator: ", ") + (u.targetsCut.count > 4 ? ", … (\(u.targetsCut.count - 4) more)" : ""),
      ])
      whys.append("  \(k + 1). " + r.unitChainText(u, attribute: groups.attribute))
    }
    out += t.text + "Why (first target of each):\n" + whys.joined(separator: "\n") + "\n"
    if cutting.count > rows { out += "… \(cutting.count - rows) more values cut targets off\n" }
    return out
  }
}

extension JSONRenderer {
  /// The `group_failures` member of `spof --group-by ATTR --format json`.
  static func writeGroups(_ r: SpofReport, _ groups: GroupFailures, to json: inout JSONWriter) {
    let graph = r.graph
    let ids = graph.ids
    json.beginObject()
    json.member("attribute", .string(groups.attribute))
    json.member("values", .int(groups.ranked.count))
    json.member("nodes_without_value", .int(groups.unassigned))
    json.key("units")
    json.beginArray()
    let listed = r.limited(groups.ranked)
    for (k, u) in listed.enumerated() {
      json.item()
      json.beginObject()
      json.member("rank", .int(k + 1))
      json.member("value", .string(u.value))
      json.member("nodes", .array(u.nodes.map { .string(ids[Int($0)]) }))
      json.member("targets_cut", .int(u.targetsCut.count))
      json.member("value_cut", .number(u.valueCut))
      json.member("cut", .array(u.targetsCut.map { .string(ids[Int($0)]) }))
      json.member("chain", .array(u.chain.map { .string(ids[Int($0)]) }))
      json.member(
        "why", u.chain.isEmpty ? .null : .string(r.unitChainText(u, attribute: groups.attribute)))
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}

extension CSVRenderer {
  /// `spof --group-by ATTR --format csv`: one row per value.
  package static func renderGroups(_ r: SpofReport) -> String {
    var out = CSVText.row(["rank", "value", "nodes", "targets_cut", "value_cut", "cut", "why"])
    guard let groups = r.groups else { return out }
    let ids = r.graph.ids
    let listed = r.limited(groups.ranked)
    for (k, u) in listed.enumerated() {
      out += CSVText.row([
        String(k + 1), u.value, String(u.nodes.count), String(u.targetsCut.count),
        NumberFormat.canonical(u.valueCut), u.targetsCut.map { ids[Int($0)] }.joined(separator: ";"),
        r.unitChainText(u, attribute: groups.attribute),
      ])
    }
    return out
  }
}


// MARK: Time to survive vs time to recover (--stress)

extension SpofReport {
  func daysText(_ d: Double) -> String { NumberFormat.canonical((d * 10).rounded() / 10) }

  func remedyText(_ m: StressTest.Remedy) -> String {
    let id = graph.id(of: m.node)
    switch m.kind {
    case .recoverFaster:
      return "recover \(id) \(daysText(m.days)) days faster"
    case .holdInventory:
      return "hold \(daysText(m.days)) more days of stock at \(id)"
    }
  }
}

extension TableRenderer {
  /// The `--stress` section of the spof table.
  static func stressSection(_ r: SpofReport, rows: Int) -> String {
    guard let stress = r.stress else { return "" }
    let graph = r.graph
    var out =
      "Time to survive vs time to recover (days; a failed node ships nothing, links deliver for their lead_time, each node ships for its inventory_days after its first part runs dry; only failures that cut a target off are judged — a partial loss is --loss's):\n"
    if stress.impacts.isEmpty { return out + "  No single failure cuts a target off.\n" }
    if stress.pointsWithoutTTR > 0 {
      out += "  \(stress.pointsWithoutTTR) of \(stress.impacts.count) failures that cut targets off have no ttr: their exposure cannot be judged\n"
    }
    if stress.exposures.isEmpty {
      return out + "  No exposure: every failure with a ttr recovers before its targets run out.\n"
    }
    var t = TextTable(
      ["#", "failure", "target", "ttr", "runs out", "short", "× value"], rightAligned: [0, 3, 4, 5, 6])
    for (k, e) in stress.exposures.prefix(rows).enumerated() {
      t.add([
        String(k + 1), graph.id(of: e.point), graph.id(of: e.target), r.daysText(e.timeToRecover),
        r.daysText(e.timeToImpact), r.daysText(e.shortfall), r.daysText(e.weightedShortfall),
      ])
    }
    out += t.text
    if stress.exposures.count > rows { out += "… \(stress.exposures.count - rows) more exposures\n" }
    out += "What removes the most exposure:\n"
    for m in stress.remedies.prefix(min(rows, 5)) {
      out +=
        "  \(r.remedyText(m)): removes \(m.exposures) exposure\(m.exposures == 1 ? "" : "s") (\(r.daysText(m.removes)) value-days)\n"
    }
    return out
  }
}

extension JSONRenderer {
  /// The `stress` member of `spof --stress --format json`.
  static func writeStress(_ r: SpofReport, _ stress: StressTest, to json: inout JSONWriter) {
    let ids = r.graph.ids
    json.beginObject()
    json.member(
      "model",
      .string(
        "a failed node ships nothing; a link delivers until its source stops plus its lead_time; a part group runs dry when its last source stops; a node ships for inventory_days after its first group runs dry; circulation inside a cycle does not extend survival; exposure when ttr(failure) > time to impact"
      ))
    json.member("failures_cutting_targets", .int(stress.impacts.count))
    json.member("failures_without_ttr", .int(stress.pointsWithoutTTR))
    json.key("exposures")
    json.beginArray()
    let listed = r.limited(stress.exposures)
    for (k, e) in listed.enumerated() {
      json.item()
      json.beginObject()
      json.member("rank", .int(k + 1))
      json.member("failure", .string(ids[Int(e.point)]))
      json.member("target", .string(ids[Int(e.target)]))
      json.member("ttr", .number(e.timeToRecover))
      json.member("time_to_impact", .number(e.timeToImpact))
      json.member("shortfall_days", .number(e.shortfall))
      json.member("weighted_shortfall", .number(e.weightedShortfall))
      json.endObject()
    }
    json.endArray()
    json.key("remedies")
    json.beginArray()
    for m in r.limited(stress.remedies) {
      json.item()
      json.beginObject()
      json.member("kind", .string(m.kind == .recoverFaster ? "recover_faster" : "hold_inventory"))
      json.member("node", .string(ids[Int(m.node)]))
      json.member("days", .number(m.days))
      json.member("removes", .number(m.removes))
      json.member("exposures", .int(m.exposures))
      json.member("text", .string(r.remedyText(m)))
      json.endObject()
    }
    json.endArray()
    json.key("impacts")
    json.beginArray()
    for i in stress.impacts.sorted(by: { ids[Int($0.point)] < ids[Int($1.point)] }) {
      json.item()
      json.beginObject()
      json.member("failure", .string(ids[Int(i.point)]))
      json.member("ttr", i.timeToRecover.map { .number($0) } ?? .null)
      json.member(
        "targets",
        .array(i.targets.map { .object([("id", .string(ids[Int($0.target)])), ("time_to_impact", .number($0.timeToImpact))]) }))
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}

extension CSVRenderer {
  /// `spof --stress --format csv`: one row per exposure.
  package static func renderStress(_ r: SpofReport) -> String {
    var out = CSVText.row(["rank", "failure", "target", "ttr", "time_to_impact", "shortfall_days", "weighted_shortfall"])
    guard let stress = r.stress else { return out }
    let ids = r.graph.ids
    let listed = r.limited(stress.exposures)
    for (k, e) in listed.enumerated() {
      out += CSVText.row([
        String(k + 1), ids[Int(e.point)], ids[Int(e.target)], NumberFormat.canonical(e.timeToRecover),
        NumberFormat.canonical(e.timeToImpact), NumberFormat.canonical(e.shortfall),
        NumberFormat.canonical(e.weightedShortfall),
      ])
    }
    return out
  }
}
