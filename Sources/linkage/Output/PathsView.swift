import LinkageCore
import LinkageIO

/// Formats routes as a table, CSV or JSON.
struct PathsView {
  let input: GraphInput
  let source: NodeIndex
  let toText: String
  let targetCount: Int
  let weight: RouteWeight
  let by: String
  let pattern: String?
  let k: Int
  let routes: [Route]
  let truncated: Bool

  var graph: SupplyGraph { input.graph }

  func cost(_ r: Route) -> Double {
    let c = weight.reported(r.cost)
    return (c * 1e9).rounded() / 1e9
  }

  func leadTime(_ p: Path) -> Double? {
    guard let column = graph.edgeAttributes["lead_time"] else { return nil }
    return p.edges.reduce(0) { $0 + (column.number(at: Int($1)) ?? 0) }
  }

  func json() -> JSONValue {
    .object([
      ("from", .string(graph.id(of: source))),
      ("to", .string(toText)),
      ("targets", .int(targetCount)),
      ("by", .string(by)),
      (
        "cost_meaning",
        .string(
          weight.measure == .confidence
            ? "product of confidence along the route (higher is more credible)"
            : by == "hops" ? "edges" : "sum of \(by) along the route")
      ),
      ("pattern", pattern.map { .string($0) } ?? .null),
      ("k", .int(k)),
      ("truncated", .bool(truncated)),
      (
        "paths",
        .array(
          routes.enumerated().map { i, r in
            .object([
              ("rank", .int(i + 1)),
              ("nodes", .strings(r.path.nodes.map { graph.id(of: $0) })),
              ("names", .strings(r.path.nodes.map { graph.name(of: $0) })),
              ("relations", .strings(r.path.edges.map { graph.relation(of: $0).name })),
              ("cost", .number(cost(r))),
              ("hops", .int(r.path.hops)),
              ("lead_time", leadTime(r.path).map { .number($0) } ?? .null),
            ])
          })
      ),
    ])
  }

  func csv() -> String {
    var out = CSVText.row(["rank", "cost", "hops", "nodes", "relations"])
    for (i, r) in routes.enumerated() {
      out += CSVText.row([
        String(i + 1), NumberFormat.canonical(cost(r)), String(r.path.hops),
        r.path.nodes.map { graph.id(of: $0) }.joined(separator: ">"),
        r.path.edges.map { graph.relation(of: $0).name }.joined(separator: ">"),
      ])
    }
    return out
  }

  func table() -> String {
    var out = "Reference paths — \(graph.name ?? input.name) (\(input.name))\n"
    out +=
      "From \(graph.id(of: source)) to \(toText) (\(targetCount) node\(targetCount == 1 ? "" : "s")), by \(by)"
    if let pattern { out += ", via '\(pattern)'" }
    out += "\n\n"
    if routes.isEmpty {
      out +=
        truncated
        ? "No route found before the search limit (--max-paths, --time-limit).\n" : "No route.\n"
      return out
    }
    for (i, r) in routes.enumerated() {
      var line = "\(i + 1). "
      switch weight.measure {
      case .confidence:
        line +=
          "credibility \(NumberFormat.canonical((weight.reported(r.cost) * 1000).rounded() / 1000))"
      case .hops: line += "\(r.path.hops) hop\(r.path.hops == 1 ? "" : "s")"
      case .attribute(let name): line += "\(name) \(NumberFormat.canonical(cost(r)))"
      }
      if weight.measure != .hops { line += ", \(r.path.hops) hop\(r.path.hops == 1 ? "" : "s")" }
      if weight.measure != .attribute("lead_time"), let lt = leadTime(r.path) {
        line += ", lead time \(NumberFormat.canonical(lt)) days"
      }
      out += line + "\n   " + routeText(r.path) + "\n"
    }
    if routes.count < k {
      out +=
        truncated
        ? "\nStopped early at the search limit: more routes may exist.\n"
        : "\nNo more routes (\(routes.count) of \(k) asked).\n"
    }
    return out
  }

  func routeText(_ p: Path) -> String {
    var s = graph.name(of: p.nodes[0])
    for (i, e) in p.edges.enumerated() {
      s += " —\(graph.relation(of: e).name)→ \(graph.name(of: p.nodes[i + 1]))"
    }
    return s
  }
}

/// Formats the per-startup readiness table.
struct ReadinessView {
  let input: GraphInput
  let readiness: ReferenceReadiness

  var graph: SupplyGraph { input.graph }

  func route(_ r: ReferenceReadiness.SectorRoute?) -> JSONValue {
    guard let r else { return .null }
    return .object([
      ("buyer", .string(graph.id(of: r.buyer))),
      ("hops", .int(r.path.hops)),
      ("lead_time", .number(r.leadTime)),
      ("route", .strings(r.path.nodes.map { graph.id(of: $0) })),
      ("fastest_buyer", r.fastestBuyer >= 0 ? .string(graph.id(of: r.fastestBuyer)) : .null),
      ("fastest_days", r.fastestDays.isFinite ? .number(r.fastestDays) : .null),
      ("passes_verification", .bool(r.passesVerification)),
      ("gateway", r.gateway.map { .string(graph.id(of: $0)) } ?? .null),
    ])
  }

  func json() -> JSONValue {
    .object([
      (
        "startups",
        .array(
          readiness.rows.map { row in
            .object([
              ("id", .string(graph.id(of: row.startup))),
              ("name", .string(graph.name(of: row.startup))),
              ("defense", route(row.defense)),
              ("industry", route(row.industry)),
              ("no_route", .bool(row.defense == nil && row.industry == nil)),
            ])
          })
      )
    ])
  }

  func csv() -> String {
    var out = CSVText.row([
      "startup", "defense_buyer", "defense_hops", "defense_lead_time", "industry_buyer",
      "industry_hops",
      "industry_lead_time", "verification", "gateway",
    ])
    for row in readiness.rows {
      let d = row.defense
      let i = row.industry
      out += CSVText.row([
        graph.id(of: row.startup),
        d.map { graph.id(of: $0.buyer) } ?? "", d.map { String($0.path.hops) } ?? "",
        d.map { NumberFormat.canonical($0.leadTime) } ?? "",
        i.map { graph.id(of: $0.buyer) } ?? "", i.map { String($0.path.hops) } ?? "",
        i.map { NumberFormat.canonical($0.leadTime) } ?? "",
        (d?.passesVerification ?? false) || (i?.passesVerification ?? false) ? "yes" : "no",
        (d?.gateway ?? i?.gateway).map { graph.id(of: $0) } ?? "",
      ])
    }
    return out
  }

  func table() -> String {
    var out =
      "Reference readiness — \(graph.name ?? input.name) (\(input.name)): \(readiness.rows.count) startups\n\n"
    var t = TextTable([
      "startup", "nearest defense buyer", "nearest industry buyer", "via verification", "gateway",
    ])
    func cell(_ r: ReferenceReadiness.SectorRoute?) -> String {
      guard let r else { return "no route" }
      return
        "\(graph.id(of: r.buyer)) (\(r.path.hops) hop\(r.path.hops == 1 ? "" : "s"), \(NumberFormat.canonical(r.leadTime)) d)"
    }
    let shown = readiness.rows.count > 200 ? Array(readiness.rows.prefix(200)) : readiness.rows
    for row in shown {
      let verification = [row.defense, row.industry].compactMap { $0 }.map { $0.passesVerification }
      let gateway = row.defense?.gateway ?? row.industry?.gateway
      t.add([
        graph.id(of: row.startup), cell(row.defense), cell(row.industry),
        verification.isEmpty ? "—" : (verification.contains(true) ? "yes" : "no"),
        gateway.map { graph.id(of: $0) } ?? "—",
      ])
    }
    out += t.text
    if shown.count < readiness.rows.count {
      out += "… \(readiness.rows.count - shown.count) more (--format json or csv lists all)\n"
    }
    let none = readiness.rows.filter { $0.defense == nil && $0.industry == nil }
    if !none.isEmpty {
      out +=
        "\nNo route to any buyer: \(none.map { graph.id(of: $0.startup) }.joined(separator: ", "))\n"
    }
    return out
  }
}
