import LinkageCore

/// The briefing pack's words and tables, built from the reports of summary, spof, paths
/// --readiness and reach --robust (so the pack says exactly what those commands say).
///
/// The page renderers (``BriefReport/html(diagrams:)``, ``BriefReport/markdown(diagrams:)``)
/// are pure functions of this value and of the drawn diagrams.
package struct BriefReport: Sendable {
  /// One finding: a plain sentence, with the names it mentions marked for HTML and Markdown.
  package struct Finding: Sendable {
    /// Parts of the sentence; `true` marks a name to emphasize.
    package let parts: [Part]
    package struct Part: Sendable {
      package let text: String
      package let strong: Bool
    }
    init(parts: [(String, Bool)]) { self.parts = parts.map { Part(text: $0.0, strong: $0.1) } }
    package var plain: String { parts.map(\.text).joined() }
    package var markdown: String {
      parts.map { $0.strong ? "**\(Markdown.escape($0.text))**" : Markdown.escape($0.text) }
        .joined()
    }
    package var html: String {
      parts.map { $0.strong ? "<strong>\(HTML.escape($0.text))</strong>" : HTML.escape($0.text) }
        .joined()
    }
  }

  /// A diagram the pack draws.
  package struct View: Sendable {
    package enum Kind: Sendable, Equatable {
      case structure, spof, reach
      /// The best routes from this startup.
      case paths(from: NodeIndex)
    }
    /// The file name (without extension) in `diagrams/`.
    package let name: String
    package let kind: Kind
    package let title: String
    package let caption: String
  }

  /// A drawn view with its SVG text.
  package struct Diagram: Sendable {
    package let name: String
    package let title: String
    package let caption: String
    package let svg: String
    package init(name: String, title: String, caption: String, svg: String) {
      self.name = name
      self.title = title
      self.caption = caption
      self.svg = svg
    }
  }

  /// A table: header and rows of cells.
  package struct Table: Sendable {
    package let header: [String]
    package let rows: [[String]]
    package let note: String?
  }

  package let title: String
  package let inputName: String
  package let overview: String
  package let findings: [Finding]
  package let views: [View]
  package let spofTable: Table
  package let readinessTable: Table
  package let reachTable: Table

  /// Builds the pack's words from the four reports (all of the same graph).
  /// - Parameter top: rows per table.
  /// - Complexity: O(*V* + listed entries × their lists); the reach hub count uses one
  ///   dense counter array.
  package init(
    summary: SummaryReport, spof: SpofReport, readiness: ReadinessReport, reach: ReachReport,
    top: Int
  ) {
    let input = summary.input
    let graph = input.graph
    title = input.title
    inputName = input.name
    func name(_ v: NodeIndex) -> String { graph.name(of: v) }
    func plural(_ n: Int, _ word: String, _ many: String? = nil) -> String {
      "\(n) \(n == 1 ? word : many ?? word + "s")"
    }
    func list(_ nodes: [NodeIndex], limit: Int = 4) -> String {
      let shown = nodes.prefix(limit).map(name)
      let rest = nodes.count - shown.count
      return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
    func days(_ d: Double?) -> String { d.map { NumberFormat.canonical($0) } ?? "–" }
    func kindText(_ v: NodeIndex) -> String { graph.kindLabel(of: v) ?? graph.kind(of: v).name }

    // Overview.
    let s = summary.summary
    func sectorBuyers(_ label: String) -> Int {
      s.buyersBySector.first { $0.label == label }?.count ?? 0
    }
    let semantics = spof.semantics.semantics
    overview =
      "\(plural(s.nodeCount, "node")), \(plural(s.edgeCount, "link")), \(plural(s.buyers.count, "buyer")) "
      + "(\(sectorBuyers("defense")) defense, \(sectorBuyers("industry")) industry); supply semantics: "
      + (semantics == .parts
        ? "parts (a buyer or integrator needs every part, any supplier of a part will do)"
        : "or (any one supply route is enough)")

    var findings: [Finding] = []
    // 1. Single points of failure.
    let critical = spof.nodes
    let targets = spof.redundancy
    let targetCount = spof.analysis.targets.count
    // What the targets are, in the words of the page: buyers, or (a graph without buyers,
    // where the targets are its sinks) end products.
    let noun =
      spof.analysis.targets.allSatisfy { graph.kind(of: $0) == .buyer } ? "buyer" : "end product"
    // Per target: the upstream nodes it hangs on despite two or more direct suppliers.
    // 0. The what-if, first: every other finding holds under it.
    if let scenario = input.scenario, let effect = spof.effect {
      var parts: [(String, Bool)] = [
        ("What if: \(ScenarioText.statement(scenario, graph)).", true)
      ]
      if effect.cut.isEmpty {
        parts.append((" This cuts none of the \(plural(effect.targetCount, noun)) off.", false))
      } else {
        parts.append(
          (
            " This cuts \(plural(effect.cut.count, noun)) of \(effect.targetCount) off (value \(NumberFormat.canonical(effect.valueCut))): \(list(effect.cut, limit: 6)).",
            false
          ))
      }
      if !effect.restored.isEmpty {
        parts.append(
          (" It supplies \(plural(effect.restored.count, noun)) that were not: \(list(effect.restored)).", false))
      }
      parts.append((" Every finding below holds in this scenario.", false))
      findings.append(Finding(parts: parts))
    }
    var hiddenBehind = [[NodeIndex]](repeating: [], count: graph.nodeCount)
    for t in targets { hiddenBehind[Int(t.target)] = t.hiddenSingleSources }
    if critical.isEmpty {
      findings.append(
        Finding(parts: [
          ("No single node failure cuts off any of the \(plural(targetCount, noun)).", false)
        ]))
    }
    for node in critical.prefix(3) {
      let cut = node.targetsCut
      let hidden = cut.filter { hiddenBehind[Int($0)].contains(node.node) }.count
      var parts: [(String, Bool)] = [
        (name(node.node), true),
        (" (\(kindText(node.node))) is a single point of failure for ", false),
        (plural(cut.count, noun), false), (": \(list(cut))", false),
      ]
      if hidden > 0 {
        parts.append(
          (
            hidden == cut.count
              ? (cut.count == 1
                ? ", although it has two or more direct suppliers"
                : ", although each of them has two or more direct suppliers")
              : ", \(hidden) of them behind two or more direct suppliers", false
          ))
      }
      parts.append((".", false))
      findings.append(Finding(parts: parts))
    }
    if critical.count > 3 {
      findings.append(
        Finding(parts: [
          ("\(critical.count - 3) more nodes are single points of failure (table below).", false)
        ]))
    }
    let hiddenNodes = spof.hiddenSingleSources
    if !hiddenNodes.isEmpty {
      let nodes = hiddenNodes.map(\.node)
      var behind: [NodeIndex] = []
      for n in hiddenNodes {
        for p in n.singlePoints where !behind.contains(p) { behind.append(p) }
      }
      findings.append(
        Finding(parts: [
          (
            "\(plural(nodes.count, "node")) \(nodes.count == 1 ? "looks" : "look") diversified (two or more direct suppliers) but "
              + "\(nodes.count == 1 ? "hangs" : "hang") on one node upstream: \(list(nodes)); behind \(nodes.count == 1 ? "it" : "them"): ",
            false
          ),
          (list(behind, limit: 3), true), (".", false),
        ]))
    }
    let links = spof.links
    if let first = links.first {
      let source = graph.source(of: first.edge)
      let target = graph.target(of: first.edge)
      findings.append(
        Finding(parts: [
          (plural(links.count, "link") + " can cut \(noun)s off alone; the first, ", false),
          ("\(name(source)) → \(name(target))", true),
          (", cuts \(plural(first.targetsCut.count, noun)).", false),
        ]))
    }
    let exposed = targets.filter { $0.value == 1 }
    if !targets.isEmpty {
      findings.append(
        Finding(parts: [
          (
            "\(exposed.count) of \(plural(targets.count, noun)) can be cut off by one failure upstream"
              + (exposed.isEmpty
                ? "; every \(noun) survives any single failure."
                : ": \(list(exposed.map(\.target)))."),
            false
          )
        ]))
    }
    // With shares: the failure that loses the most value without cutting anyone off.
    let network = spof.network
    let shareColumn = graph.edgeAttributes["share"]
    let shared = shareColumn.map { c in graph.edges.contains { network.carries[Int($0)] && c.number(at: Int($0)) != nil } } ?? false
    if shared {
      let loss = SupplyLoss(network: network, targets: spof.analysis.targets)
      let critical = Set(spof.analysis.criticalNodes.map(\.node))
      if let quiet = loss.ranked.first(where: { !critical.contains($0.node) }) {
        let worst = loss.effects(of: quiet.node).first
        findings.append(
          Finding(parts: [
            ("Weighted by supplier shares, ", false), (name(quiet.node), true),
            (
              " is no single point of failure, yet its failure takes \(NumberFormat.canonical((quiet.valueLost * 100).rounded() / 100)) of the \(noun)s' value"
                + (worst.map {
                  ": \(name($0.target)) keeps \(NumberFormat.canonical(($0.after * 1000).rounded() / 10))% of its supply."
                } ?? "."),
              false
            ),
          ]))
      }
    }
    // With recovery times: the worst exposure (recovery slower than the pipeline lasts).
    if graph.nodeAttributes["ttr"] != nil {
      let stress = StressTest(network: network, targets: spof.analysis.targets)
      if let e = stress.exposures.first {
        let day = { (d: Double) in NumberFormat.canonical((d * 10).rounded() / 10) }
        findings.append(
          Finding(parts: [
            ("If ", false), (name(e.point), true),
            (
              " fails, it recovers in \(day(e.timeToRecover)) days, but \(name(e.target)) runs out on day \(day(e.timeToImpact)): \(day(e.shortfall)) days short"
                + (stress.exposures.count > 1 ? " (\(plural(stress.exposures.count, "exposure")) in all)." : "."),
              false
            ),
          ]))
      }
    }
    // By country, where the data has one: the most concentrated part.
    if graph.nodeAttributes["country"] != nil {
      let c = SupplyConcentration(network: network, targets: [], by: "country")
      if let top = c.groups.first, let source = top.sources.first {
        findings.append(
          Finding(parts: [
            ("By country, the most concentrated part is ", false),
            (name(top.node) + (top.part.map { " (\($0))" } ?? ""), true),
            (
              ": HHI \(NumberFormat.canonical(top.hhi.rounded())), \(source.key) \(NumberFormat.canonical((source.share * 1000).rounded() / 10))%"
                + (top.sources.count > 1 ? " of it" : ", the only source country") + ".",
              false
            ),
          ]))
      }
    }

    // 2. Dual-use reach of startups.
    let reachEntries = Array(reach.entries)
    let startups = reachEntries.filter { kindText($0.node) == "startup" }
    let dual = startups.filter { $0.reachClass == .dual }
    func fragility(_ e: ReachReport.Entry) -> [NodeIndex] {
      Array(e.defenseFragile ?? []) + (e.industryFragile ?? [])
    }
    let fragile = dual.filter { !fragility($0).isEmpty }
    if !startups.isEmpty {
      var parts: [(String, Bool)] = [
        (
          "\(dual.count) of \(plural(startups.count, "startup")) reach both defense and industry buyers",
          false
        )
      ]
      if dual.isEmpty {
        parts.append((".", false))
      } else if fragile.isEmpty {
        parts.append(("; all of them keep both sectors through any single failure.", false))
      } else {
        // The node most of the fragile startups hang on (intermediaries, not the buyers).
        var counts = [Int](repeating: 0, count: graph.nodeCount)
        for e in fragile {
          for v in Set(fragility(e)) where v != e.node && graph.kind(of: v) != .buyer {
            counts[Int(v)] += 1
          }
        }
        // Most startups, ties by the smaller id.
        var hub: NodeIndex? = nil
        for v in graph.nodes where counts[Int(v)] > 0 {
          guard let h = hub else {
            hub = v
            continue
          }
          if counts[Int(v)] > counts[Int(h)]
            || (counts[Int(v)] == counts[Int(h)] && graph.id(of: v) < graph.id(of: h))
          {
            hub = v
          }
        }
        parts.append(
          (
            "; \(fragile.count) of those \(fragile.count == 1 ? "loses" : "lose") a sector if one node fails",
            false
          ))
        if let hub, counts[Int(hub)] > 1 {
          parts.append(("; \(counts[Int(hub)]) depend on ", false))
          parts.append((name(hub), true))
        }
        parts.append((".", false))
      }
      findings.append(Finding(parts: parts))
    }

    // The pipeline, where programs carry stages: how far startups get, and the gateway most
    // of them cannot do without.
    if !startups.isEmpty, graph.nodes.contains(where: { graph.kind(of: $0) == .program && graph.stage(of: $0) != nil }) {
      let pipeline = StartupPipeline(graph: graph)
      let n = pipeline.startups.count
      let verified = pipeline.reachedAtLeast(.verification)
      let applied = pipeline.reachedAtLeast(.application)
      var parts: [(String, Bool)] = [
        (
          "Pipeline: \(verified) of \(plural(n, "startup")) reach verification, \(applied) application; \(pipeline.startups.count(where: \.stalled)) stalled",
          false
        )
      ]
      if let gate = pipeline.gateways.first, gate.critical > 0 {
        parts.append(("; ", false))
        parts.append((name(gate.node), true))
        parts.append((" is on every route to a stage for \(plural(gate.critical, "startup"))", false))
      }
      let contradict = pipeline.startups.count(where: \.contradicts)
      let unevidenced = pipeline.startups.count(where: \.unevidenced)
      if contradict > 0 {
        parts.append(("; \(contradict) declare a stage their routes contradict", false))
      }
      if unevidenced > 0 {
        parts.append(("; \(unevidenced) declare one no program on their routes shows", false))
      }
      parts.append((".", false))
      findings.append(Finding(parts: parts))
    }

    // 3. Reference readiness.
    let rows = readiness.rows
    let toDefense = rows.filter { $0.defense != nil }
    let toIndustry = rows.filter { $0.industry != nil }
    let stranded = rows.filter { $0.defense == nil && $0.industry == nil }
    if !rows.isEmpty {
      var parts: [(String, Bool)] = [
        (
          "\(toDefense.count) of \(plural(rows.count, "startup")) have a route to a defense buyer and \(toIndustry.count) to an industry buyer",
          false
        )
      ]
      if !stranded.isEmpty {
        parts.append(
          (
            "; \(stranded.count) \(stranded.count == 1 ? "reaches" : "reach") no buyer: \(list(stranded.map(\.startup)))",
            false
          ))
      }
      parts.append((".", false))
      findings.append(Finding(parts: parts))
      var quickest: (row: ReferenceReadiness.Row, route: ReferenceReadiness.SectorRoute)? = nil
      for row in toDefense {
        guard let d = row.defense else { continue }
        if let q = quickest,
          (q.route.leadTime, graph.id(of: q.row.startup)) <= (d.leadTime, graph.id(of: row.startup))
        {
          continue
        }
        quickest = (row, d)
      }
      if let (row, d) = quickest, d.leadTime > 0 {
        let route = d.path.nodes
        findings.append(
          Finding(parts: [
            ("The quickest defense reference: ", false),
            (name(row.startup), true),
            (" reaches \(name(d.buyer)) in \(NumberFormat.canonical(d.leadTime)) days", false),
            (
              route.count > 2
                ? " via \(route.dropFirst().dropLast().map(name).joined(separator: " → "))." : ".",
              false
            ),
          ]))
      }
    }
    self.findings = findings

    // Tables.
    spofTable = Table(
      header: ["#", "node", "kind", "\(noun)s cut", "value cut", "cut"],
      rows: critical.prefix(top).map { n in
        [
          n.rank.map(String.init) ?? "", name(n.node), kindText(n.node),
          String(n.targetsCut.count), days(n.valueCut), list(n.targetsCut, limit: 6),
        ]
      },
      note: critical.count > top ? "\(critical.count - top) more in results/spof.json" : nil)
    // Ranked for a briefing, not in file order: stranded startups first (no route to any
    // buyer), then those that reach one sector only, then both; the quickest reference first
    // within each, then id.
    func rank(_ r: ReferenceReadiness.Row) -> (Int, Double, String) {
      let sectors = (r.defense == nil ? 0 : 1) + (r.industry == nil ? 0 : 1)
      let quickest = min(r.defense?.leadTime ?? .infinity, r.industry?.leadTime ?? .infinity)
      return (sectors, quickest, graph.id(of: r.startup))
    }
    let rankedRows = rows.sorted { rank($0) < rank($1) }
    let readinessRule = "Ranked: stranded first, then one sector only, then both; quickest first."
    readinessTable = Table(
      header: ["startup", "defense buyer", "days", "industry buyer", "days", "via verification"],
      rows: rankedRows.prefix(top).map { r in
        [
          name(r.startup),
          r.defense.map { name($0.buyer) } ?? "–", days(r.defense?.leadTime),
          r.industry.map { name($0.buyer) } ?? "–", days(r.industry?.leadTime),
          r.defense == nil && r.industry == nil
            ? "–"
            : (r.defense?.passesVerification == true || r.industry?.passesVerification == true)
              ? "yes" : "no",
        ]
      },
      note: readinessRule
        + (rows.count > top ? " \(rows.count - top) more in results/readiness.json." : ""))
    let reachRows = startups.isEmpty ? reachEntries : startups
    let ids = graph.ids
    reachTable = Table(
      header: ["node", "kind", "class", "defense buyers", "industry buyers", "one failure away"],
      rows: reachRows.prefix(top).map { e in
        let f = Set(fragility(e)).sorted { ids[Int($0)] < ids[Int($1)] }
        return [
          name(e.node), kindText(e.node), e.reachClass.spelling, String(e.defenseCount),
          String(e.industryCount), f.isEmpty ? "–" : list(f, limit: 3),
        ]
      },
      note:
        "Ranked by reach: dual first, then defense-only, industry-only, none; most buyers reached first."
        + (reachRows.count > top ? " \(reachRows.count - top) more in results/reach.json." : ""))

    // Views: the paths view follows the startup that reaches both sectors soonest.
    var views = [
      View(
        name: "spof", kind: .spof, title: "Single points of failure",
        caption: "The top single points of failure (red) and the \(noun)s they cut off."),
      View(
        name: "reach", kind: .reach, title: "Dual-use reach",
        caption:
          "Who reaches defense buyers, industry buyers, or both; marked when one failure takes a sector away."
      ),
      View(
        name: "structure", kind: .structure, title: "The network",
        caption: "Every node and link: tiers left to right, kinds as shapes, sectors as colors."),
    ]
    if let pick = rows.first(where: { $0.defense != nil && $0.industry != nil })
      ?? toDefense.first ?? toIndustry.first
    {
      let v = pick.startup
      views.insert(
        View(
          name: "paths", kind: .paths(from: v), title: "Reference paths from \(name(v))",
          caption: "The three shortest routes from \(name(v)) to buyers."), at: 1)
    }
    self.views = views
  }
}
