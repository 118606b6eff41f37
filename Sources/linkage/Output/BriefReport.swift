import LinkageCore
import LinkageIO

/// The briefing pack's words and tables, built from the JSON results of summary, spof,
/// paths --readiness and reach --robust (so the pack says exactly what those commands say).
struct BriefReport {
  /// One finding: a plain sentence, with the names it mentions marked for HTML and Markdown.
  struct Finding {
    /// Parts of the sentence; `true` marks a name to emphasize.
    let parts: [(text: String, strong: Bool)]
    var plain: String { parts.map(\.text).joined() }
    var markdown: String {
      parts.map { $0.strong ? "**\(Markdown.escape($0.text))**" : Markdown.escape($0.text) }
        .joined()
    }
    var html: String {
      parts.map { $0.strong ? "<strong>\(HTML.escape($0.text))</strong>" : HTML.escape($0.text) }
        .joined()
    }
  }

  /// A view `brief` draws.
  struct View {
    let name: String
    let view: String
    let arguments: [String]
    let title: String
    let caption: String
  }

  /// A drawn view with its SVG text.
  struct Diagram {
    let name: String
    let title: String
    let caption: String
    let svg: String
  }

  /// A table: header and rows of cells.
  struct Table {
    let header: [String]
    let rows: [[String]]
    let note: String?
  }

  let title: String
  let inputName: String
  let overview: String
  let findings: [Finding]
  let views: [View]
  let spofTable: Table
  let readinessTable: Table
  let reachTable: Table

  init(
    input: GraphInput, summary: JSONValue, spof: JSONValue, readiness: JSONValue,
    reach: JSONValue, top: Int
  ) {
    let graph = input.graph
    title = summary["name"]?.stringValue ?? input.name
    inputName = input.name
    func name(_ id: String) -> String {
      graph.index(of: id).map { graph.name(of: $0) } ?? id
    }
    func plural(_ n: Int, _ word: String, _ many: String? = nil) -> String {
      "\(n) \(n == 1 ? word : many ?? word + "s")"
    }
    func list(_ ids: [String], limit: Int = 4) -> String {
      let shown = ids.prefix(limit).map(name)
      let rest = ids.count - shown.count
      return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
    func isBuyer(_ id: String) -> Bool {
      graph.index(of: id).map { graph.kind(of: $0) == .buyer } ?? false
    }
    func days(_ v: JSONValue?) -> String {
      guard let d = v?.numberValue else { return "–" }
      return NumberFormat.canonical(d)
    }

    // Overview.
    let nodes = summary["nodes"]?.intValue ?? graph.nodeCount
    let edges = summary["edges"]?.intValue ?? graph.edgeCount
    let buyers = summary["buyers"]?["count"]?.intValue ?? 0
    let bySector = summary["buyers"]?["by_sector"]
    let defenseBuyers = bySector?["defense"]?.intValue ?? 0
    let industryBuyers = bySector?["industry"]?.intValue ?? 0
    let semantics = spof["semantics"]?.stringValue ?? "or"
    overview =
      "\(plural(nodes, "node")), \(plural(edges, "link")), \(plural(buyers, "buyer")) "
      + "(\(defenseBuyers) defense, \(industryBuyers) industry); supply semantics: "
      + (semantics == "parts"
        ? "parts (a buyer or integrator needs every part, any supplier of a part will do)"
        : "or (any one supply route is enough)")

    var findings: [Finding] = []
    // 1. Single points of failure.
    let critical = spof["critical_nodes"]?.items ?? []
    let targets = spof["targets"]?.items ?? []
    let targetCount = spof["target_count"]?.intValue ?? targets.count
    // Target id → the upstream nodes it hangs on despite two or more direct suppliers.
    var hiddenBehind: [String: Set<String>] = [:]
    for t in targets {
      guard let id = t["id"]?.stringValue else { continue }
      hiddenBehind[id] = Set((t["hidden_single_source"]?.items ?? []).compactMap(\.stringValue))
    }
    if critical.isEmpty {
      findings.append(
        Finding(parts: [
          ("No single node failure cuts off any of the \(plural(targetCount, "buyer")).", false)
        ]))
    }
    for node in critical.prefix(3) {
      let id = node["id"]?.stringValue ?? "?"
      let cut = (node["cut"]?.items ?? []).compactMap(\.stringValue)
      let hidden = cut.filter { hiddenBehind[$0]?.contains(id) == true }.count
      var parts: [(String, Bool)] = [
        (node["name"]?.stringValue ?? id, true),
        (" (\(node["kind"]?.stringValue ?? "node")) is a single point of failure for ", false),
        (plural(cut.count, "buyer"), false), (": \(list(cut))", false),
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
    let hiddenNodes = spof["hidden_single_sourcing"]?.items ?? []
    if !hiddenNodes.isEmpty {
      let ids = hiddenNodes.compactMap { $0["id"]?.stringValue }
      var behind: [String] = []
      for n in hiddenNodes {
        for p in (n["single_points"]?.items ?? []).compactMap(\.stringValue)
        where !behind.contains(p) {
          behind.append(p)
        }
      }
      findings.append(
        Finding(parts: [
          (
            "\(plural(ids.count, "node")) look diversified (two or more direct suppliers) but "
              + "\(ids.count == 1 ? "hangs" : "hang") on one node upstream: \(list(ids)); behind them: ",
            false
          ),
          (list(behind, limit: 3), true), (".", false),
        ]))
    }
    let links = spof["critical_links"]?.items ?? []
    if let first = links.first {
      let s = first["source"]?.stringValue ?? "?"
      let t = first["target"]?.stringValue ?? "?"
      findings.append(
        Finding(parts: [
          (plural(links.count, "link") + " can cut buyers off alone; the first, ", false),
          ("\(name(s)) → \(name(t))", true),
          (", cuts \(plural(first["targets_cut"]?.intValue ?? 0, "buyer")).", false),
        ]))
    }
    let exposed = targets.filter { $0["redundancy"]?.intValue == 1 }
    if !targets.isEmpty {
      findings.append(
        Finding(parts: [
          (
            "\(exposed.count) of \(plural(targets.count, "buyer")) can be cut off by one failure upstream"
              + (exposed.isEmpty
                ? "; every buyer survives any single failure."
                : ": \(list(exposed.compactMap { $0["id"]?.stringValue }))."),
            false
          )
        ]))
    }

    // 2. Dual-use reach of startups.
    let reachNodes = reach["nodes"]?.items ?? []
    let startups = reachNodes.filter { $0["kind"]?.stringValue == "startup" }
    let dual = startups.filter { $0["class"]?.stringValue == "dual" }
    func fragility(_ n: JSONValue) -> [String] {
      guard let f = n["fragile_to"] else { return [] }
      return (f["defense"]?.items ?? []).compactMap(\.stringValue)
        + (f["industry"]?.items ?? []).compactMap(\.stringValue)
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
        // The node most of the fragile startups hang on.
        var counts: [String: Int] = [:]
        for n in fragile {
          // Count the intermediaries, not the buyers themselves.
          for id in Set(fragility(n)) where id != n["id"]?.stringValue && !isBuyer(id) {
            counts[id, default: 0] += 1
          }
        }
        parts.append(("; \(fragile.count) of those lose a sector if one node fails", false))
        if let (hub, n) = counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first,
          n > 1
        {
          parts.append(("; \(n) depend on ", false))
          parts.append((name(hub), true))
        }
        parts.append((".", false))
      }
      findings.append(Finding(parts: parts))
    }

    // 3. Reference readiness.
    let rows = readiness["startups"]?.items ?? []
    let toDefense = rows.filter { !($0["defense"]?.isNull ?? true) }
    let toIndustry = rows.filter { !($0["industry"]?.isNull ?? true) }
    let stranded = rows.filter { $0["no_route"]?.boolValue == true }
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
            "; \(stranded.count) \(stranded.count == 1 ? "reaches" : "reach") no buyer: \(list(stranded.compactMap { $0["id"]?.stringValue }))",
            false
          ))
      }
      parts.append((".", false))
      findings.append(Finding(parts: parts))
      let timed = toDefense.compactMap { row -> (JSONValue, Double)? in
        guard let d = row["defense"]?["lead_time"]?.numberValue else { return nil }
        return (row, d)
      }
      if let (row, d) = timed.min(by: {
        ($0.1, $0.0["id"]?.stringValue ?? "") < ($1.1, $1.0["id"]?.stringValue ?? "")
      }), d > 0 {
        let route = (row["defense"]?["route"]?.items ?? []).compactMap(\.stringValue)
        findings.append(
          Finding(parts: [
            ("The quickest defense reference: ", false),
            (name(row["id"]?.stringValue ?? "?"), true),
            (
              " reaches \(name(row["defense"]?["buyer"]?.stringValue ?? "?")) in \(NumberFormat.canonical(d)) days",
              false
            ),
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
      header: ["#", "node", "kind", "buyers cut", "value cut", "cut"],
      rows: critical.prefix(top).map { n in
        [
          n["rank"]?.intValue.map(String.init) ?? "", n["name"]?.stringValue ?? "",
          n["kind"]?.stringValue ?? "", n["targets_cut"]?.intValue.map(String.init) ?? "",
          days(n["value_cut"]),
          list((n["cut"]?.items ?? []).compactMap(\.stringValue), limit: 6),
        ]
      },
      note: critical.count > top ? "\(critical.count - top) more in results/spof.json" : nil)
    readinessTable = Table(
      header: ["startup", "defense buyer", "days", "industry buyer", "days", "via verification"],
      rows: rows.prefix(top).map { r in
        [
          name(r["id"]?.stringValue ?? ""),
          r["defense"]?["buyer"]?.stringValue.map(name) ?? "–", days(r["defense"]?["lead_time"]),
          r["industry"]?["buyer"]?.stringValue.map(name) ?? "–", days(r["industry"]?["lead_time"]),
          (r["defense"]?["passes_verification"]?.boolValue == true
            || r["industry"]?["passes_verification"]?.boolValue == true) ? "yes" : "no",
        ]
      },
      note: rows.count > top ? "\(rows.count - top) more in results/readiness.json" : nil)
    let reachRows = (startups.isEmpty ? reachNodes : startups)
    reachTable = Table(
      header: ["node", "kind", "class", "defense buyers", "industry buyers", "one failure away"],
      rows: reachRows.prefix(top).map { n in
        let f = fragility(n)
        return [
          n["name"]?.stringValue ?? "", n["kind"]?.stringValue ?? "",
          n["class"]?.stringValue ?? "", n["defense_buyers"]?.intValue.map(String.init) ?? "",
          n["industry_buyers"]?.intValue.map(String.init) ?? "",
          f.isEmpty ? "–" : list(Array(Set(f)).sorted(), limit: 3),
        ]
      },
      note: reachRows.count > top ? "\(reachRows.count - top) more in results/reach.json" : nil)

    // Views: the paths view follows the startup that reaches both sectors soonest.
    var views = [
      View(
        name: "spof", view: "spof", arguments: [], title: "Single points of failure",
        caption: "The top single points of failure (red) and the buyers they cut off."),
      View(
        name: "reach", view: "reach", arguments: ["--robust"], title: "Dual-use reach",
        caption:
          "Who reaches defense buyers, industry buyers, or both; marked when one failure takes a sector away."
      ),
      View(
        name: "structure", view: "structure", arguments: [], title: "The network",
        caption: "Every node and link: tiers left to right, kinds as shapes, sectors as colors."),
    ]
    if let pick = rows.first(where: {
      !($0["defense"]?.isNull ?? true) && !($0["industry"]?.isNull ?? true)
    })
      ?? toDefense.first ?? toIndustry.first, let id = pick["id"]?.stringValue
    {
      views.insert(
        View(
          name: "paths", view: "paths", arguments: ["--from", id, "-k", "3"],
          title: "Reference paths from \(name(id))",
          caption: "The three shortest routes from \(name(id)) to buyers."), at: 1)
    }
    self.views = views
  }

  // MARK: - HTML

  func html(diagrams: [Diagram]) -> String {
    var out = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Supply-chain brief: \(HTML.escape(title))</title>
      <style>
      body { font-family: "Noto Sans", "Noto Sans CJK KR", "Helvetica Neue", Arial, sans-serif; color: #1d2433; margin: 0; background: #f6f7f9; line-height: 1.45; }
      main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 64px; background: #fff; }
      h1 { font-size: 28px; margin: 0 0 4px; }
      h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 2px solid #e3e6eb; padding-bottom: 4px; }
      .meta { color: #5b6475; margin: 0 0 20px; }
      #findings ol { padding-left: 22px; }
      #findings li { margin: 8px 0; font-size: 17px; }
      table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
      th { background: #eef1f5; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .note { color: #5b6475; font-size: 13px; }
      figure { margin: 16px 0; }
      figure a { display: block; border: 1px solid #e3e6eb; padding: 8px; }
      figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
      figcaption { color: #5b6475; font-size: 13px; margin-top: 6px; }
      footer { margin-top: 40px; color: #5b6475; font-size: 13px; }
      </style>
      </head>
      <body>
      <main>

      """
    out += "<h1>Supply-chain brief: \(HTML.escape(title))</h1>\n"
    out += "<p class=\"meta\">\(HTML.escape(overview)).</p>\n"
    out += "<section id=\"findings\">\n<h2>Key findings</h2>\n<ol>\n"
    for f in findings { out += "<li>\(f.html)</li>\n" }
    out += "</ol>\n</section>\n"
    let byName = Dictionary(diagrams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    func figure(_ name: String) -> String {
      guard let d = byName[name] else { return "" }
      return
        "<figure id=\"diagram-\(name)\">\n<a href=\"diagrams/\(name).svg\" title=\"Open full size\">\n"
        + HTML.inlineSVG(d.svg)
        + "\n</a>\n<figcaption>\(HTML.escape(d.caption)) Full size: <a href=\"diagrams/\(name).svg\">SVG</a>, "
        + "<a href=\"diagrams/\(name).png\">PNG</a>.</figcaption>\n</figure>\n"
    }
    out += "<section id=\"spof\">\n<h2>Single points of failure</h2>\n"
    out += HTML.table(spofTable, numeric: [0, 3, 4]) + figure("spof") + "</section>\n"
    out += "<section id=\"readiness\">\n<h2>Reference readiness</h2>\n"
    out += HTML.table(readinessTable, numeric: [2, 4]) + figure("paths") + "</section>\n"
    out += "<section id=\"reach\">\n<h2>Dual-use reach</h2>\n"
    out += HTML.table(reachTable, numeric: [3, 4]) + figure("reach") + "</section>\n"
    out +=
      "<section id=\"structure\">\n<h2>The network</h2>\n" + figure("structure") + "</section>\n"
    out += "<footer>Made by linkage \(Linkage.version) from \(HTML.escape(inputName)). "
    out += "Each analysis in full: <a href=\"results/summary.json\">summary</a>, "
    out +=
      "<a href=\"results/spof.json\">spof</a>, <a href=\"results/readiness.json\">readiness</a>, "
    out += "<a href=\"results/reach.json\">reach</a> (JSON); the same findings as "
    out += "<a href=\"brief.md\">Markdown</a>.</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  // MARK: - Markdown

  func markdown(diagrams: [Diagram]) -> String {
    var out = "# Supply-chain brief: \(Markdown.escape(title))\n\n\(Markdown.escape(overview)).\n\n"
    out += "## Key findings\n\n"
    for (i, f) in findings.enumerated() { out += "\(i + 1). \(f.markdown)\n" }
    let byName = Dictionary(diagrams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    func image(_ name: String) -> String {
      guard let d = byName[name] else { return "" }
      return
        "\n![\(Markdown.escape(d.title))](diagrams/\(name).png)\n\n*\(Markdown.escape(d.caption))*\n"
    }
    out += "\n## Single points of failure\n\n" + Markdown.table(spofTable) + image("spof")
    out += "\n## Reference readiness\n\n" + Markdown.table(readinessTable) + image("paths")
    out += "\n## Dual-use reach\n\n" + Markdown.table(reachTable) + image("reach")
    out += "\n## The network\n" + image("structure")
    out += "\n---\nMade by linkage \(Linkage.version) from \(Markdown.escape(inputName)); "
    out += "the JSON of each analysis is in results/.\n"
    return out
  }
}

/// HTML text helpers for the briefing page.
enum HTML {
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  /// An SVG file's `<svg>` element, without the XML declaration, DOCTYPE and comments
  /// that may not appear inside HTML.
  static func inlineSVG(_ svg: String) -> String {
    guard let start = svg.range(of: "<svg") else { return "" }
    return String(svg[start.lowerBound...]).trimmingSuffixNewlines()
  }

  static func table(_ t: BriefReport.Table, numeric: Set<Int>) -> String {
    if t.rows.isEmpty { return "<p class=\"note\">None.</p>\n" }
    var out = "<table>\n<thead><tr>"
    for h in t.header { out += "<th>\(escape(h))</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for row in t.rows {
      out += "<tr>"
      for (i, cell) in row.enumerated() {
        out +=
          numeric.contains(i) ? "<td class=\"n\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if let note = t.note { out += "<p class=\"note\">\(escape(note))</p>\n" }
    return out
  }
}

/// Markdown text helpers for brief.md.
enum Markdown {
  /// Escapes the characters Markdown would read as formatting or table cells.
  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      if "\\`*_[]<>|#".contains(c) { out.append("\\") }
      out.append(c == "\n" ? " " : c)
    }
    return out
  }

  static func table(_ t: BriefReport.Table) -> String {
    if t.rows.isEmpty { return "None.\n" }
    var out = "| " + t.header.map(escape).joined(separator: " | ") + " |\n"
    out += "|" + String(repeating: "---|", count: t.header.count) + "\n"
    for row in t.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
    if let note = t.note { out += "\n\(escape(note))\n" }
    return out
  }
}

extension String {
  fileprivate func trimmingSuffixNewlines() -> String {
    var s = self
    while s.last == "\n" || s.last == "\r" { s.removeLast() }
    return s
  }
}
