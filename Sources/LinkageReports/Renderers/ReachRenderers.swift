import LinkageCore

extension ReachReport {
  func ids(_ nodes: some Sequence<NodeIndex>) -> [String] { nodes.map { graph.id(of: $0) } }

  /// `unbounded`, `within 2 hops`, `within 30 days of lead time`.
  package var boundsText: String {
    if let h = reach.bounds.maximumHops { return "within \(h) hop\(h == 1 ? "" : "s")" }
    if let d = reach.bounds.maximumLeadTime {
      return "within \(NumberFormat.canonical(d)) days of lead time"
    }
    return "unbounded"
  }

  /// The route by node ids: `a —supplies→ b —sells_to→ c`.
  func route(_ p: Path) -> String { RouteText.arrows(p, in: graph, label: graph.id(of:)) }
}

extension JSONRenderer {
  /// The `result` of `reach --format json`.
  package static func write(_ r: ReachReport, to json: inout JSONWriter) {
    let graph = r.graph
    let reach = r.reach
    json.beginObject()
    json.member(
      "bounds",
      .object([
        ("max_hops", reach.bounds.maximumHops.map { .int($0) } ?? .null),
        ("max_lead_time", reach.bounds.maximumLeadTime.map { .number($0) } ?? .null),
      ]))
    json.member("defense_buyers", .int(reach.defense.buyers.count))
    json.member("industry_buyers", .int(reach.industry.buyers.count))
    let d = reach.defense.counts
    let i = reach.industry.counts
    json.member(
      "counts",
      .object([
        ("estimated", .bool(d.estimated || i.estimated)),
        ("sampled_defense_buyers", .int(d.sampled)),
        ("sampled_industry_buyers", .int(i.sampled)),
        (
          "margin_note",
          .string(
            d.estimated || i.estimated
              ? "95% half-width for a node reaching c of T buyers: factor × sqrt(c(T−c)/T); factors defense \(RuleText.fraction(d.errorFactor)), industry \(RuleText.fraction(i.errorFactor))"
              : "exact")
        ),
      ]))
    json.member("robust", .bool(reach.robustnessComputed))
    func aggregate(_ a: DualUseReach.Aggregate) -> JSONValue {
      var m: [(String, JSONValue)] = [("label", .string(a.label)), ("total", .int(a.total))]
      for c in ReachReport.classOrder { m.append((c.spelling, .int(a.byClass[c] ?? 0))) }
      m.append(("dual_fragile", a.fragileDual.map { .int($0) } ?? .null))
      return .object(m)
    }
    json.member(
      "summary",
      .object([
        ("by_kind", .array(r.aggregates.byKind.map(aggregate))),
        ("by_stage", .array(r.aggregates.byStage.map(aggregate))),
      ]))
    json.key("nodes")
    json.beginArray()
    let ids = graph.ids
    let entries = r.entries
    let robust = reach.robustnessComputed
    json.items(count: entries.count) { json, k in
      let v = entries.nodes[k]
      json.item()
      json.beginObject()
      json.key(Keys.id)
      json.string(ids[Int(v)])
      json.key(Keys.name)
      json.string(graph.name(of: v))
      json.key(Keys.kind)
      json.string(graph.kindLabel(of: v) ?? graph.kind(of: v).name)
      json.key(Keys.reachClass)
      json.string(entries.reachClass(k).spelling)
      json.key(Keys.defenseBuyers)
      json.int(entries.count(k, .defense))
      json.key(Keys.industryBuyers)
      json.int(entries.count(k, .industry))
      json.key(Keys.estimated)
      json.bool(entries.estimated(k))
      json.key(Keys.defenseList)
      json.ids(names: ids) { entries.forEachListed(k, .defense, $0) }
      json.key(Keys.industryList)
      json.ids(names: ids) { entries.forEachListed(k, .industry, $0) }
      json.key(Keys.witness)
      json.beginObject()
      for s in [Sector.defense, .industry] {
        json.key(s == .defense ? Keys.defense : Keys.industry)
        json.optionalIds(names: ids) { entries.forEachWitnessNode(k, s, $0) }
      }
      json.endObject()
      json.key(Keys.fragileTo)
      if robust {
        json.beginObject()
        for s in [Sector.defense, .industry] {
          json.key(s == .defense ? Keys.defense : Keys.industry)
          json.optionalIds(names: ids) { entries.forEachFragile(k, s, $0) }
        }
        json.endObject()
      } else {
        json.null()
      }
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}

extension CSVRenderer {
  /// The listed nodes as CSV.
  package static func render(_ r: ReachReport) -> String {
    let graph = r.graph
    var out = CSVText.row([
      "id", "name", "kind", "class", "defense_buyers", "industry_buyers", "estimated",
      "defense_witness", "industry_witness", "fragile_defense", "fragile_industry",
    ])
    for e in r.entries {
      let v = e.node
      func witness(_ s: Sector) -> String {
        e.witness(s).map { r.ids($0.nodes).joined(separator: ">") } ?? ""
      }
      func fragile(_ s: Sector) -> String { r.ids(e.fragile(s) ?? []).joined(separator: ";") }
      out += CSVText.row([
        graph.id(of: v), graph.name(of: v), graph.kind(of: v).name, e.reachClass.spelling,
        String(e.defenseCount), String(e.industryCount), e.estimated ? "true" : "false",
        witness(.defense), witness(.industry), fragile(.defense), fragile(.industry),
      ])
    }
    return out
  }
}

extension TableRenderer {
  /// The reach table for people: aggregates by kind and stage, then the listed nodes.
  /// - Precondition: the report lists the nodes to show (the CLI asks for startups and
  ///   suppliers, 15 rows, by default).
  package static func render(_ r: ReachReport) -> String {
    let graph = r.graph
    let reach = r.reach
    var out = "Dual-use reach — \(r.input.heading)\n"
    out += ScenarioText.tableLine(r.input)
    out +=
      "Buyers: \(reach.defense.buyers.count) defense, \(reach.industry.buyers.count) industry; reach \(r.boundsText) along flow edges"
    if r.estimated {
      out +=
        "\nCounts are ESTIMATED from a sample of buyers (classes are exact); use --exact or --node for exact counts"
    }
    out += "\n\n"
    if let focus = r.options.focus, let e = r.entries.first {
      let v = focus
      out +=
        "\(graph.id(of: v)) — \(graph.name(of: v)) (\(graph.kind(of: v).name)): \(e.reachClass.spelling)\n"
      for s in [Sector.defense, .industry] {
        out +=
          "\n\(s.name.capitalized) buyers reached (\(e.count(s))): \(r.ids(e.list(s)).joined(separator: ", "))\n"
        if let w = e.witness(s) { out += "  shortest route: \(r.route(w))\n" }
        if let f = e.fragile(s) {
          out +=
            f.isEmpty
            ? "  robust: no single failure removes this reach\n"
            : "  one failure away: \(r.ids(f).joined(separator: ", ")) — any of these alone removes it\n"
        }
      }
      return out
    }
    func aggregateTable(_ title: String, _ rows: [DualUseReach.Aggregate]) {
      var headers = [title, "total", "dual", "defense-only", "industry-only", "none"]
      if reach.robustnessComputed { headers.append("dual, one failure away") }
      var t = TextTable(headers, rightAligned: Set(1..<headers.count))
      for a in rows {
        var row =
          [a.label, String(a.total)] + ReachReport.classOrder.map { String(a.byClass[$0] ?? 0) }
        if let f = a.fragileDual { row.append(String(f)) }
        t.add(row)
      }
      out += t.text + "\n"
    }
    aggregateTable("kind", r.aggregates.byKind)
    if !r.aggregates.byStage.isEmpty { aggregateTable("stage", r.aggregates.byStage) }
    let chosen = r.options.kinds ?? []
    out +=
      "\(chosen.sorted().joined(separator: " and ")) by reach (\(min(r.options.limit ?? Int.max, r.candidateCount)) of \(r.candidateCount)):\n"
    var headers = [
      "node", "class", "defense", "industry", "nearest defense buyer", "nearest industry buyer",
    ]
    if reach.robustnessComputed { headers.append("one failure away") }
    var t = TextTable(headers, rightAligned: [2, 3])
    for e in r.entries {
      func nearest(_ s: Sector) -> String {
        guard let w = e.witness(s), let b = w.nodes.last else { return "—" }
        return "\(graph.id(of: b)) (\(w.hops) hop\(w.hops == 1 ? "" : "s"))"
      }
      var row = [
        graph.id(of: e.node), e.reachClass.spelling, String(e.defenseCount),
        String(e.industryCount), nearest(.defense), nearest(.industry),
      ]
      if reach.robustnessComputed {
        let f = Set((e.defenseFragile ?? []) + (e.industryFragile ?? []))
        row.append(
          e.reachClass == .none
            ? "" : (f.isEmpty ? "robust" : r.ids(f.sorted()).joined(separator: ", ")))
      }
      t.add(row)
    }
    out += t.text
    return out
  }
}

/// The member keys of each listed node in `reach --format json`, spelled once per process
/// rather than per node (a million nodes write them thirteen million times).
private enum Keys {
  static let id = JSONWriter.Key("id")
  static let name = JSONWriter.Key("name")
  static let kind = JSONWriter.Key("kind")
  static let reachClass = JSONWriter.Key("class")
  static let defenseBuyers = JSONWriter.Key("defense_buyers")
  static let industryBuyers = JSONWriter.Key("industry_buyers")
  static let estimated = JSONWriter.Key("estimated")
  static let defenseList = JSONWriter.Key("defense_list")
  static let industryList = JSONWriter.Key("industry_list")
  static let witness = JSONWriter.Key("witness")
  static let fragileTo = JSONWriter.Key("fragile_to")
  static let defense = JSONWriter.Key("defense")
  static let industry = JSONWriter.Key("industry")
}
