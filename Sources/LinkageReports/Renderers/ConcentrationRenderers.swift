import LinkageCore

/// The outputs of `linkage concentration`.
package struct ConcentrationReport: Sendable {
  package let input: AnalysisInput
  package let semantics: AnalysisRequest.Semantics
  package let targetRule: AnalysisRequest.TargetRule
  package let analysis: SupplyConcentration
  /// Rows per ranked list (nil: all).
  package let limit: Int?

  /// - Precondition: `request` resolved targets and semantics.
  package init(input: AnalysisInput, request: AnalysisRequest, by: String?, limit: Int?) {
    guard let semantics = request.semantics, let targets = request.targets else {
      preconditionFailure("ConcentrationReport needs a request with targets and semantics")
    }
    self.input = input
    self.semantics = semantics
    self.targetRule = targets.rule
    self.limit = limit
    let network = SupplyNetwork(
      graph: input.graph, semantics: semantics.semantics, minimumShare: semantics.minimumShare)
    analysis = SupplyConcentration(network: network, targets: targets.nodes, by: by)
  }

  var graph: SupplyGraph { input.graph }

  /// `euv-scanners (part producer)`.
  func groupText(_ g: SupplyConcentration.Group) -> String {
    graph.id(of: g.node) + (g.part.map { " (part \($0))" } ?? "")
  }

  /// `NLD 100%`.
  static func sourceText(_ s: SupplyConcentration.Source) -> String {
    "\(s.key) \(NumberFormat.canonical((s.share * 1000).rounded() / 10))%\(s.assumed ? "*" : "")\(s.declared ? "†" : "")"
  }

  /// How the shares were read.
  var sharesText: String {
    let a = analysis
    if a.linksWithoutShare == 0 { return "every supply link has a share" }
    if a.linksWithoutShare == a.links {
      return "no supply link has a share: each group's sources are assumed equal (*)"
    }
    return
      "\(a.links - a.linksWithoutShare) of \(a.links) supply links have a share; a link without one is assumed to take an equal part of what its group's shares leave (*)"
  }
}

extension TableRenderer {
  package static func render(_ r: ConcentrationReport) -> String {
    let a = r.analysis
    let graph = r.graph
    let rows = r.limit ?? 10
    var out = "Sourcing concentration — \(r.input.heading)\n"
    out += ScenarioText.tableLine(r.input)
    out += "By:         \(a.by.map { "supplier \($0) (shares of one value add up)" } ?? "supplier")"
    if a.groupsWithoutAttribute > 0, let by = a.by {
      out += "; \(a.groupsWithoutAttribute) groups whose sources have no \(by) are left out"
    }
    out += "\n"
    out += "Shares:     \(r.sharesText)\n"
    if a.groupsWithDeclaredShares > 0, let by = a.by {
      out += "Declared:   \(a.groupsWithDeclaredShares) groups take their \(by) shares from region nodes' links (marked †), not from summing supplier links\n"
    }
    out += "HHI = Σ share² × 10,000 (10,000: one source); effective sources = 10,000 / HHI\n\n"
    out += "Targets: the most concentrated part group upstream of each (\(a.targets.count), \(RuleText.targets(r.targetRule))):\n"
    var t = TextTable(
      ["target", "worst group", "tier", "HHI", "effective", "top source"], rightAligned: [3, 4])
    let ids = graph.ids
    let viewed = a.targets.sorted { x, y in
      let hx = x.worst.map { a.groups[$0].hhi } ?? -1
      let hy = y.worst.map { a.groups[$0].hhi } ?? -1
      return hx != hy ? hx > hy : ids[Int(x.target)] < ids[Int(y.target)]
    }
    for v in viewed.prefix(max(rows, 10)) {
      guard let w = v.worst else {
        t.add([ids[Int(v.target)], "–", "", "", "", ""])
        continue
      }
      let g = a.groups[w]
      t.add([
        ids[Int(v.target)], r.groupText(g), graph.tier(of: g.node).map(String.init) ?? "",
        NumberFormat.canonical(g.hhi.rounded()), NumberFormat.canonical((g.effectiveSources * 100).rounded() / 100),
        g.sources.first.map(ConcentrationReport.sourceText) ?? "",
      ])
    }
    out += t.text
    if viewed.count > max(rows, 10) { out += "… \(viewed.count - max(rows, 10)) more targets\n" }
    out += "\nMost concentrated part groups (\(min(rows, a.groups.count)) of \(a.groups.count)):\n"
    var gt = TextTable(["#", "group", "tier", "HHI", "effective", "sources"], rightAligned: [0, 3, 4])
    for (k, g) in a.groups.prefix(rows).enumerated() {
      gt.add([
        String(k + 1), r.groupText(g), graph.tier(of: g.node).map(String.init) ?? "",
        NumberFormat.canonical(g.hhi.rounded()), NumberFormat.canonical((g.effectiveSources * 100).rounded() / 100),
        g.sources.prefix(4).map(ConcentrationReport.sourceText).joined(separator: ", ")
          + (g.sources.count > 4 ? ", …" : ""),
      ])
    }
    out += gt.text
    let shown = a.groups.prefix(rows) + viewed.prefix(max(rows, 10)).compactMap { $0.worst.map { a.groups[$0] } }
    if shown.contains(where: { $0.sources.contains { $0.assumed } }) {
      out += "(* share assumed for a link without one)\n"
    }
    if shown.contains(where: { $0.sources.contains { $0.declared } }) {
      out += "(† share declared by a region node's link)\n"
    }
    return out
  }
}

extension CSVRenderer {
  /// One row per group, most concentrated first.
  package static func render(_ r: ConcentrationReport) -> String {
    var out = CSVText.row(["rank", "node", "part", "tier", "hhi", "effective_sources", "top_source", "top_share", "sources", "assumed", "declared"])
    let graph = r.graph
    let listed = r.limit.map { Array(r.analysis.groups.prefix($0)) } ?? r.analysis.groups
    for (k, g) in listed.enumerated() {
      out += CSVText.row([
        String(k + 1), graph.id(of: g.node), g.part ?? "", graph.tier(of: g.node).map(String.init) ?? "",
        NumberFormat.canonical(g.hhi), NumberFormat.canonical(g.effectiveSources),
        g.sources.first?.key ?? "", g.sources.first.map { NumberFormat.canonical($0.share) } ?? "",
        g.sources.map { "\($0.key):\(NumberFormat.canonical($0.share))" }.joined(separator: ";"),
        g.sources.contains { $0.assumed } ? "true" : "false",
        g.sources.contains { $0.declared } ? "true" : "false",
      ])
    }
    return out
  }
}

extension JSONRenderer {
  /// The `result` of `concentration --format json`.
  package static func write(_ r: ConcentrationReport, to json: inout JSONWriter) {
    let a = r.analysis
    let graph = r.graph
    let ids = graph.ids
    func group(_ g: SupplyConcentration.Group) -> JSONValue {
      .object([
        ("node", .string(ids[Int(g.node)])), ("part", g.part.map { .string($0) } ?? .null),
        ("tier", graph.tier(of: g.node).map { .int($0) } ?? .null), ("hhi", .number(g.hhi)),
        ("effective_sources", .number(g.effectiveSources)),
        ("top_source", g.sources.first.map { .string($0.key) } ?? .null),
        ("top_share", g.sources.first.map { .number($0.share) } ?? .null),
        (
          "sources",
          .array(
            g.sources.map {
              .object([
                ("key", .string($0.key)), ("share", .number($0.share)), ("assumed", .bool($0.assumed)),
                ("declared", .bool($0.declared)),
              ])
            })
        ),
      ])
    }
    json.beginObject()
    json.member("semantics", .string(r.semantics.semantics.rawValue))
    json.member("targets_rule", .string(RuleText.targets(r.targetRule)))
    json.member("by", a.by.map { .string($0) } ?? .null)
    json.member("links", .int(a.links))
    json.member("links_without_share", .int(a.linksWithoutShare))
    json.member(
      "assumption",
      .string(
        "shares are normalized to sum to 1 in each group; a link without a share takes an equal part of what the group's shares leave, or of the whole when they leave nothing or none is given"
      ))
    json.member("group_count", .int(a.groups.count))
    json.member("groups_without_attribute", .int(a.groupsWithoutAttribute))
    json.member("groups_with_declared_shares", .int(a.groupsWithDeclaredShares))
    json.key("targets")
    json.beginArray()
    for v in a.targets.sorted(by: { ids[Int($0.target)] < ids[Int($1.target)] }) {
      json.item()
      json.beginObject()
      json.member("id", .string(ids[Int(v.target)]))
      json.member("worst", v.worst.map { group(a.groups[$0]) } ?? .null)
      json.endObject()
    }
    json.endArray()
    json.key("groups")
    json.beginArray()
    let listed = r.limit.map { Array(a.groups.prefix($0)) } ?? a.groups
    for (k, g) in listed.enumerated() {
      json.item()
      json.beginObject()
      json.member("rank", .int(k + 1))
      if case .object(let members) = group(g) { for (key, value) in members { json.member(key, value) } }
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}
