import LinkageCore

extension PathsReport {
  /// What a route's cost means, in words.
  package var costMeaning: String {
    measure.weight.measure == .confidence
      ? "product of confidence along the route (higher is more credible)"
      : measure.name == "hops" ? "edges" : "sum of \(measure.name) along the route"
  }

  /// The route by node names: `A —supplies→ B —sells_to→ C`.
  func routeText(_ p: Path) -> String { RouteText.arrows(p, in: graph, label: graph.name(of:)) }
}

extension JSONRenderer {
  /// The `result` of `paths --from … --format json`.
  package static func write(_ r: PathsReport, to json: inout JSONWriter) {
    let graph = r.graph
    json.value(
      .object([
        ("from", .string(graph.id(of: r.source))),
        ("to", .string(r.targets.text)),
        ("targets", .int(r.targets.nodes.count)),
        ("by", .string(r.measure.name)),
        ("cost_meaning", .string(r.costMeaning)),
        ("pattern", r.pattern.map { .string($0.text) } ?? .null),
        ("k", .int(r.options.count)),
        ("truncated", .bool(r.truncated)),
        (
          "paths",
          .array(
            r.routes.map { route in
              .object([
                ("rank", .int(route.rank)),
                ("nodes", .strings(route.path.nodes.map { graph.id(of: $0) })),
                ("names", .strings(route.path.nodes.map { graph.name(of: $0) })),
                ("relations", .strings(route.path.edges.map { graph.relation(of: $0).name })),
                ("cost", .number(route.cost)),
                ("hops", .int(route.path.hops)),
                ("lead_time", route.leadTime.map { .number($0) } ?? .null),
              ])
            })
        ),
      ]))
  }

  /// The `result` of `paths --readiness --format json`.
  package static func write(_ r: ReadinessReport, to json: inout JSONWriter) {
    let graph = r.input.graph
    func route(_ s: ReferenceReadiness.SectorRoute?) -> JSONValue {
      guard let s else { return .null }
      return .object([
        ("buyer", .string(graph.id(of: s.buyer))),
        ("hops", .int(s.path.hops)),
        ("lead_time", .number(s.leadTime)),
        ("route", .strings(s.path.nodes.map { graph.id(of: $0) })),
        ("fastest_buyer", s.fastestBuyer >= 0 ? .string(graph.id(of: s.fastestBuyer)) : .null),
        ("fastest_days", s.fastestDays.isFinite ? .number(s.fastestDays) : .null),
        ("passes_verification", .bool(s.passesVerification)),
        ("gateway", s.gateway.map { .string(graph.id(of: $0)) } ?? .null),
      ])
    }
    json.beginObject()
    json.key("startups")
    json.beginArray()
    for row in r.rows {
      json.item()
      json.value(
        .object([
          ("id", .string(graph.id(of: row.startup))),
          ("name", .string(graph.name(of: row.startup))),
          ("defense", route(row.defense)),
          ("industry", route(row.industry)),
          ("no_route", .bool(row.defense == nil && row.industry == nil)),
        ]))
    }
    json.endArray()
    json.endObject()
  }
}

extension CSVRenderer {
  /// The routes as CSV.
  package static func render(_ r: PathsReport) -> String {
    let graph = r.graph
    var out = CSVText.row(["rank", "cost", "hops", "lead_time", "nodes", "relations"])
    for route in r.routes {
      out += CSVText.row([
        String(route.rank), NumberFormat.canonical(route.cost), String(route.path.hops),
        route.leadTime.map(NumberFormat.canonical) ?? "",
        route.path.nodes.map { graph.id(of: $0) }.joined(separator: ">"),
        route.path.edges.map { graph.relation(of: $0).name }.joined(separator: ">"),
      ])
    }
    return out
  }

  /// The readiness table as CSV.
  package static func render(_ r: ReadinessReport) -> String {
    let graph = r.input.graph
    var out = CSVText.row([
      "startup", "defense_buyer", "defense_hops", "defense_lead_time", "defense_verification",
      "defense_gateway", "industry_buyer", "industry_hops", "industry_lead_time",
      "industry_verification", "industry_gateway",
    ])
    for row in r.rows {
      let d = row.defense
      let i = row.industry
      // Empty cells: no route to that sector.
      func sector(_ s: ReferenceReadiness.SectorRoute?) -> [String] {
        guard let s else { return ["", "", "", "", ""] }
        return [
          graph.id(of: s.buyer), String(s.path.hops), NumberFormat.canonical(s.leadTime),
          s.passesVerification ? "yes" : "no", s.gateway.map { graph.id(of: $0) } ?? "",
        ]
      }
      out += CSVText.row([graph.id(of: row.startup)] + sector(d) + sector(i))
    }
    return out
  }
}

extension TableRenderer {
  /// The routes for people.
  package static func render(_ r: PathsReport) -> String {
    let graph = r.graph
    var out = "Reference paths — \(r.input.heading)\n"
    out += ScenarioText.tableLine(r.input)
    let n = r.targets.nodes.count
    out +=
      "From \(graph.id(of: r.source)) to \(r.targets.text) (\(n) node\(n == 1 ? "" : "s")), by \(r.measure.name)"
    if let pattern = r.pattern { out += ", via '\(pattern.text)'" }
    out += "\n\n"
    if r.routes.isEmpty {
      out +=
        r.truncated
        ? "No route found before the search limit (--max-paths, --time-limit).\n" : "No route.\n"
      return out
    }
    let measure = r.measure.weight.measure
    for route in r.routes {
      let hops = route.path.hops
      var line = "\(route.rank). "
      switch measure {
      case .confidence: line += "credibility \(RuleText.fraction(route.cost))"
      case .hops: line += "\(hops) hop\(hops == 1 ? "" : "s")"
      case .attribute(let name): line += "\(name) \(NumberFormat.canonical(route.cost))"
      }
      if measure != .hops { line += ", \(hops) hop\(hops == 1 ? "" : "s")" }
      if measure != .attribute("lead_time"), let lt = route.leadTime {
        line += ", lead time \(NumberFormat.canonical(lt)) days"
      }
      out += line + "\n   " + r.routeText(route.path) + "\n"
    }
    if r.routes.count < r.options.count {
      out +=
        r.truncated
        ? "\nStopped early at the search limit: more routes may exist.\n"
        : "\nNo more routes (\(r.routes.count) of \(r.options.count) asked).\n"
    }
    return out
  }

  /// The readiness table for people (the first 200 startups).
  package static func render(_ r: ReadinessReport) -> String {
    let graph = r.input.graph
    let rows = r.rows
    var out =
      "Reference readiness — \(r.input.heading): \(rows.count) startups\n"
      + ScenarioText.tableLine(r.input) + "\n"
    var t = TextTable([
      "startup", "nearest defense buyer", "nearest industry buyer",
      "via verification (def / ind)", "gateway (def / ind)",
    ])
    func cell(_ s: ReferenceReadiness.SectorRoute?) -> String {
      guard let s else { return "no route" }
      return
        "\(graph.id(of: s.buyer)) (\(s.path.hops) hop\(s.path.hops == 1 ? "" : "s"), \(NumberFormat.canonical(s.leadTime)) d)"
    }
    let shown = rows.prefix(200)
    // Each sector's route has its own verification and gateway: one column each, both sides.
    func pair(
      _ row: ReferenceReadiness.Row, _ text: (ReferenceReadiness.SectorRoute) -> String
    )
      -> String
    {
      let (d, i) = (row.defense.map(text) ?? "—", row.industry.map(text) ?? "—")
      return d == "—" && i == "—" ? "—" : "\(d) / \(i)"
    }
    for row in shown {
      t.add([
        graph.id(of: row.startup), cell(row.defense), cell(row.industry),
        pair(row) { $0.passesVerification ? "yes" : "no" },
        pair(row) { $0.gateway.map { graph.id(of: $0) } ?? "—" },
      ])
    }
    out += t.text
    if shown.count < rows.count {
      out += "… \(rows.count - shown.count) more (--format json or csv lists all)\n"
    }
    let none = rows.filter { $0.defense == nil && $0.industry == nil }
    if !none.isEmpty {
      out +=
        "\nNo route to any buyer: \(none.map { graph.id(of: $0.startup) }.joined(separator: ", "))\n"
    }
    return out
  }
}
