import LinkageCore

/// The briefing page as HTML and Markdown.
extension BriefReport {
  // MARK: - HTML

  /// The self-contained page (index.html): findings, tables, the diagrams inline.
  package func html(diagrams: [Diagram]) -> String {
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
      figure a.diagram { display: block; border: 1px solid #e3e6eb; padding: 8px; }
      figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
      figcaption { color: #5b6475; font-size: 13px; margin-top: 6px; }
      footer { margin-top: 40px; color: #5b6475; font-size: 13px; }
      @media print {
        @page { margin: 12mm; }
        @page diagram { size: landscape; margin: 10mm; }
        body { background: #fff; }
        main { max-width: none; padding: 0; }
        h2 { break-after: avoid; }
        table, tr { break-inside: avoid; }
        figure { page: diagram; break-before: page; break-inside: avoid; margin: 0; }
        /* A section that is only a diagram keeps its heading on the diagram's page. */
        section#structure { page: diagram; break-before: page; }
        section#structure figure { break-before: avoid; }
        section#structure svg { max-height: 155mm; }
        figure a.diagram { border: none; padding: 0; }
        figure svg { max-height: 170mm; max-width: 100%; width: auto; }
        figcaption a { color: inherit; text-decoration: none; }
      }
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
        "<figure id=\"diagram-\(name)\">\n<a class=\"diagram\" href=\"diagrams/\(name).svg\" title=\"Open full size\">\n"
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
    out += "<footer>Made by linkage \(LinkageVersion.current) from \(HTML.escape(inputName)). "
    out += "Each analysis in full: <a href=\"results/summary.json\">summary</a>, "
    out +=
      "<a href=\"results/spof.json\">spof</a>, <a href=\"results/readiness.json\">readiness</a>, "
    out += "<a href=\"results/reach.json\">reach</a> (JSON); the same findings as "
    out += "<a href=\"brief.md\">Markdown</a>.</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  // MARK: - Markdown

  /// The same for documents (brief.md), with the diagrams as PNG links.
  package func markdown(diagrams: [Diagram]) -> String {
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
    out += "\n---\nMade by linkage \(LinkageVersion.current) from \(Markdown.escape(inputName)); "
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
