import LinkageCore

/// The outputs of `linkage pipeline`.
package struct PipelineReport: Sendable {
  package let input: AnalysisInput
  package let analysis: StartupPipeline
  /// Rows per table (nil: all).
  package let limit: Int?

  package init(input: AnalysisInput, limit: Int?, bound: Int = StartupPipeline.defaultBound) {
    self.input = input
    self.limit = limit
    analysis = StartupPipeline(graph: input.graph, bound: bound)
  }

  var graph: SupplyGraph { input.graph }

  /// Startups ordered for listing: stalled first, then breaks, then disagreements, then
  /// by highest stage (lowest first), then by id.
  var ordered: [StartupPipeline.Startup] {
    let ids = graph.ids
    func rank(_ s: StartupPipeline.Startup) -> Int {
      s.stalled ? 0 : !s.continuous ? 1 : s.disagrees ? 2 : 3
    }
    return analysis.startups.sorted {
      if rank($0) != rank($1) { return rank($0) < rank($1) }
      let a = $0.highest.map { Int($0.rawValue) } ?? -1
      let b = $1.highest.map { Int($0.rawValue) } ?? -1
      return a != b ? a < b : ids[Int($0.node)] < ids[Int($1.node)]
    }
  }

  static let levelNames = ["none"] + Stage.allCases.map(\.name)

  /// `verification→application` or `–`.
  static func stagesText(_ s: StartupPipeline.Startup) -> String {
    s.reached.isEmpty ? "–" : s.reached.map(\.stage.name).joined(separator: ", ")
  }

  /// `verification (prog-defense-demo)`.
  func evidenceText(_ e: StartupPipeline.Evidence) -> String {
    "\(e.stage.name) via \(graph.id(of: e.program))"
  }

  /// Conversion between consecutive stages: startups that reached stage k+1 or beyond over
  /// those that reached k or beyond.
  func conversion(_ counts: [Int]) -> [Double?] {
    (1..<4).map { k in
      let from = counts[k...].reduce(0, +)
      let to = counts[(k + 1)...].reduce(0, +)
      return from == 0 ? nil : Double(to) / Double(from)
    }
  }
}

extension TableRenderer {
  package static func render(_ r: PipelineReport) -> String {
    let a = r.analysis
    let graph = r.graph
    let ids = graph.ids
    let rows = r.limit ?? 10
    var out = "The pipeline — \(r.input.heading)\n"
    out += ScenarioText.tableLine(r.input)
    out += "Stages:     technology → verification → application → diffusion; a stage is reached when a flow route from the startup passes a program of it\n"
    out += "Startups:   \(a.startups.count); \(a.startups.count(where: \.stalled)) stalled, \(a.startups.count(where: { !$0.continuous })) with a broken chain, \(a.startups.count(where: \.contradicts)) whose declared stage the evidence contradicts, \(a.startups.count(where: \.unevidenced)) whose declared stage no program on their routes shows\n\n"
    func pct(_ x: Double?) -> String {
      x.map { NumberFormat.canonical(($0 * 1000).rounded() / 10) + "%" } ?? "–"
    }
    out += "Funnel (highest stage reached):\n"
    var f = TextTable(
      ["sector", "none", "technology", "verification", "application", "diffusion", "tech→verif", "verif→appl", "appl→diff"],
      rightAligned: Set(1...8))
    func funnelRow(_ name: String, _ counts: [Int]) {
      f.add([name] + counts.map(String.init) + r.conversion(counts).map(pct))
    }
    funnelRow("all", a.funnel)
    for (sector, counts) in a.funnelBySector { funnelRow(sector?.name ?? "(none)", counts) }
    out += f.text
    out += "(conversion: startups that reached the next stage or beyond, of those that reached this one or beyond)\n\n"
    let listed = r.ordered
    out += "Startups (\(min(rows, listed.count)) of \(listed.count), stalled and broken first):\n"
    var t = TextTable(["startup", "declared", "evidenced", "reached", "chain", "next"])
    for s in listed.prefix(rows) {
      let chain: String
      if s.reached.isEmpty {
        chain = "–"
      } else if let (x, y) = s.breaksBetween {
        chain = "breaks \(x.name)→\(y.name)"
      } else if s.continuous {
        chain = "continuous"
      } else {
        chain = "no in-order route"
      }
      t.add([
        ids[Int(s.node)] + (s.stalled ? " (stalled)" : ""), s.declared?.name ?? "–",
        s.highest?.name ?? "none", PipelineReport.stagesText(s), chain, s.next?.name ?? "–",
      ])
    }
    out += t.text
    if listed.count > rows { out += "… \(listed.count - rows) more startups\n" }
    let contradicting = listed.filter(\.contradicts)
    let unevidenced = listed.filter(\.unevidenced)
    if !contradicting.isEmpty || !unevidenced.isEmpty {
      out += "Declared vs evidenced:\n"
      for s in contradicting.prefix(rows) {
        let claim = s.declared.map(\.name) ?? "–"
        let shown = s.highest.map(\.name) ?? "no stage"
        let evidence = s.reached.last.map { " (" + r.evidenceText($0) + ")" } ?? ""
        out += "  \(ids[Int(s.node)]) declares \(claim); its routes show \(shown)\(evidence)\n"
      }
      if contradicting.count > rows { out += "  … \(contradicting.count - rows) more\n" }
      if !unevidenced.isEmpty {
        let names = unevidenced.prefix(rows).map { ids[Int($0.node)] }.joined(separator: ", ")
        let more = unevidenced.count > rows ? ", … \(unevidenced.count - rows) more" : ""
        out += "  no program on any route (declared stage unevidenced): \(names)\(more)\n"
      }
    }
    out += "\nGateways (programs, integrators, agencies on startups' routes):\n"
    out += "  critical: startups that lose every route to a stage without it; busy: startups whose evidence routes pass it\n"
    out += "  ≤\(a.bound) hops: startups with any route of at most \(a.bound) hops to a staged program through it; betweenness: over shortest startup→buyer routes\n"
    var g = TextTable(
      ["#", "gateway", "kind", "critical", "busy", "≤\(a.bound) hops", "betweenness"], rightAligned: [0, 3, 4, 5, 6])
    for (k, gw) in a.gateways.prefix(rows).enumerated() {
      g.add([
        String(k + 1), ids[Int(gw.node)], (graph.kindLabel(of: gw.node) ?? graph.kind(of: gw.node).name),
        String(gw.critical), String(gw.busy), String(gw.withinBound), NumberFormat.canonical((gw.betweenness * 100).rounded() / 100),
      ])
    }
    out += g.text
    if a.gateways.count > rows { out += "… \(a.gateways.count - rows) more gateways\n" }
    if !a.agencies.isEmpty {
      out += "\nAgencies (startups with a route to one of their programs, by the program's stage; dual use: of \(a.dualUseStartups) startups reaching both sectors' buyers):\n"
      var at = TextTable(
        ["agency", "programs", "technology", "verification", "application", "diffusion", "dual use"],
        rightAligned: [1, 2, 3, 4, 5, 6])
      for ag in a.agencies.prefix(rows) {
        let share = a.dualUseStartups == 0 ? "–" : pct(Double(ag.dualUseCarried) / Double(a.dualUseStartups))
        at.add([ids[Int(ag.node)], String(ag.programs.count)] + ag.carried.map(String.init) + [share])
      }
      out += at.text
    }
    return out
  }
}

extension CSVRenderer {
  /// One row per startup, in the table's order.
  package static func render(_ r: PipelineReport) -> String {
    let graph = r.graph
    var out = CSVText.row([
      "startup", "sector", "declared", "highest", "reached", "continuous", "breaks_after", "breaks_before",
      "next", "stalled", "disagrees", "evidence",
    ])
    let listed = r.limit.map { Array(r.ordered.prefix($0)) } ?? r.ordered
    for s in listed {
      let br = s.breaksBetween
      out += CSVText.row([
        graph.id(of: s.node), graph.sector(of: s.node)?.name ?? "", s.declared?.name ?? "",
        s.highest?.name ?? "", s.reached.map(\.stage.name).joined(separator: ";"),
        s.continuous ? "true" : "false", br?.0.name ?? "", br?.1.name ?? "", s.next?.name ?? "",
        s.stalled ? "true" : "false", s.disagrees ? "true" : "false",
        s.reached.map { "\($0.stage.name):\(graph.id(of: $0.program))" }.joined(separator: ";"),
      ])
    }
    return out
  }
}

extension JSONRenderer {
  /// The `result` of `pipeline --format json`.
  package static func write(_ r: PipelineReport, to json: inout JSONWriter) {
    let a = r.analysis
    let graph = r.graph
    let ids = graph.ids
    func idList(_ nodes: [NodeIndex]) -> JSONValue { .strings(nodes.map { ids[Int($0)] }) }
    json.beginObject()
    json.member("stages", .strings(Stage.allCases.map(\.name)))
    json.member("startup_count", .int(a.startups.count))
    json.member("dual_use_startups", .int(a.dualUseStartups))
    json.member("bound", .int(a.bound))
    func funnel(_ counts: [Int]) -> JSONValue {
      .object(
        zip(PipelineReport.levelNames, counts).map { ($0, .int($1)) }
          + [("conversion", .array(r.conversion(counts).map { $0.map { .number($0) } ?? .null }))])
    }
    json.member("funnel", funnel(a.funnel))
    json.member(
      "funnel_by_sector",
      .array(a.funnelBySector.map { .object([("sector", .optional($0.sector?.name)), ("counts", funnel($0.counts))]) }))
    json.key("startups")
    json.beginArray()
    let listed = r.limit.map { Array(r.ordered.prefix($0)) } ?? r.ordered
    for s in listed {
      json.item()
      let br = s.breaksBetween
      json.value(
        .object([
          ("id", .string(ids[Int(s.node)])), ("sector", .optional(graph.sector(of: s.node)?.name)),
          ("declared", .optional(s.declared?.name)), ("highest", .optional(s.highest?.name)),
          (
            "reached",
            .array(
              zip(s.reached, s.critical).map { e, crit in
                .object([
                  ("stage", .string(e.stage.name)), ("program", .string(ids[Int(e.program)])),
                  ("route", idList(e.route.nodes)), ("critical", idList(crit)),
                ])
              })
          ),
          ("continuous", .bool(s.continuous)), ("in_order", .int(s.inOrder)),
          ("breaks_after", .optional(br?.0.name)), ("breaks_before", .optional(br?.1.name)),
          ("next", .optional(s.next?.name)), ("stalled", .bool(s.stalled)), ("disagrees", .bool(s.disagrees)),
        ]))
    }
    json.endArray()
    json.key("gateways")
    json.beginArray()
    for gw in r.limit.map({ Array(a.gateways.prefix($0)) }) ?? a.gateways {
      json.item()
      json.value(
        .object([
          ("id", .string(ids[Int(gw.node)])), ("kind", .string((graph.kindLabel(of: gw.node) ?? graph.kind(of: gw.node).name))),
          ("critical", .int(gw.critical)), ("busy", .int(gw.busy)),
          ("within_bound", .int(gw.withinBound)), ("betweenness", .number(gw.betweenness)),
        ]))
    }
    json.endArray()
    json.key("agencies")
    json.beginArray()
    for ag in a.agencies {
      json.item()
      json.value(
        .object([
          ("id", .string(ids[Int(ag.node)])), ("programs", idList(ag.programs)),
          ("startups_supported", .int(ag.startupsSupported)),
          ("carried", .object(zip(Stage.allCases, ag.carried).map { ($0.name, .int($1)) })),
          ("dual_use_carried", .int(ag.dualUseCarried)),
        ]))
    }
    json.endArray()
    json.endObject()
  }
}
