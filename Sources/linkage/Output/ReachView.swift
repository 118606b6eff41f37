import LinkageCore
import LinkageIO

/// Formats a dual-use reach analysis as a table, CSV or JSON.
struct ReachView {
  let input: GraphInput
  let reach: DualUseReach
  let focus: NodeIndex?
  let kinds: Set<String>?
  let top: Int?
  let listLimit: Int

  var graph: SupplyGraph { reach.graph }

  func ids(_ nodes: [NodeIndex]) -> [String] { nodes.map { graph.id(of: $0) } }

  static let classOrder: [DualUseReach.ReachClass] = [.dual, .defenseOnly, .industryOnly, .none]

  /// Nodes to list: the focus, or those of the chosen kinds (all by default), most reach first:
  /// class (dual first), then buyers reached, then id.
  var listed: [NodeIndex] {
    if let focus { return [focus] }
    func classRank(_ c: DualUseReach.ReachClass) -> UInt64 {
      UInt64(Self.classOrder.firstIndex(of: c) ?? Self.classOrder.count)
    }
    let d = reach.defense.counts.counts
    let i = reach.industry.counts.counts
    let allowed: [Bool]? = kinds.map { kinds in
      let labels = graph.kindLabels.map { kinds.contains($0) }
      return graph.nodes.map { v in
        graph.kindCode(of: v).map { labels[$0] } ?? kinds.contains(graph.kind(of: v).name)
      }
    }
    // Numeric rank keys (class, then most buyers reached); ids break ties.
    var keyed: [(key: UInt64, node: NodeIndex)] = []
    keyed.reserveCapacity(graph.nodeCount)
    for v in graph.nodes where allowed?[Int(v)] ?? true {
      let total = UInt64(Int(d[Int(v)]) + Int(i[Int(v)]))
      let c = classRank(reach.classes[Int(v)])
      keyed.append((c << 40 | ((1 << 40) - 1 - total), v))
    }
    if let top, top < keyed.count {
      // Only the first `top` matter: keep every node whose key is at most the top-th key.
      let threshold = keyed.map(\.key).sorted()[top - 1]
      keyed = keyed.filter { $0.key <= threshold }
    }
    keyed.sort { a, b in
      a.key != b.key ? a.key < b.key : graph.id(of: a.node) < graph.id(of: b.node)
    }
    let nodes = keyed.map(\.node)
    return top.map { Array(nodes.prefix($0)) } ?? nodes
  }

  func count(_ v: NodeIndex, _ sector: Sector) -> Int {
    if focus == v && reach.reach(sector).counts.estimated && !reach.bounds.isBounded {
      return reach.exactCount(from: v, sector: sector)
    }
    return Int(reach.reach(sector).counts.counts[Int(v)])
  }

  func estimated(_ v: NodeIndex) -> Bool {
    !(focus == v && !reach.bounds.isBounded)
      && (reach.defense.counts.estimated || reach.industry.counts.estimated)
  }

  var boundsText: String {
    if let h = reach.bounds.maximumHops { return "within \(h) hop\(h == 1 ? "" : "s")" }
    if let d = reach.bounds.maximumLeadTime {
      return "within \(NumberFormat.canonical(d)) days of lead time"
    }
    return "unbounded"
  }

  // MARK: JSON

  func json() -> JSONValue {
    let listed = self.listed
    // The bounded buyer lists of every listed node come from one search per sector (a
    // forward search per node is O(V) each: 200 s on a million nodes).
    let propagate =
      focus == nil && listLimit > 0 && (listLimit + 1) * graph.nodeCount <= 64 << 20
    let defenseLists =
      propagate ? reach.nearestBuyerLists(sector: .defense, limit: listLimit) : nil
    let industryLists =
      propagate ? reach.nearestBuyerLists(sector: .industry, limit: listLimit) : nil
    func buyers(_ v: NodeIndex, _ s: Sector, _ limit: Int) -> [NodeIndex] {
      if limit != Int.max, let lists = s == .defense ? defenseLists : industryLists {
        return Array(lists.sources(of: v))
      }
      return reach.reachedBuyers(from: v, sector: s, limit: limit)
    }
    let nodes: [JSONValue] = listed.map { v in
      var members: [(String, JSONValue)] = [
        ("id", .string(graph.id(of: v))),
        ("name", .string(graph.name(of: v))),
        ("kind", .string(graph.kindLabel(of: v) ?? graph.kind(of: v).name)),
        ("class", .string(reach.classes[Int(v)].rawValue)),
        ("defense_buyers", .int(count(v, .defense))),
        ("industry_buyers", .int(count(v, .industry))),
        ("estimated", .bool(estimated(v))),
      ]
      let limit = focus == v ? Int.max : listLimit
      members.append(
        (
          "defense_list",
          .strings(ids(buyers(v, .defense, limit)))
        ))
      members.append(
        (
          "industry_list",
          .strings(ids(buyers(v, .industry, limit)))
        ))
      func witness(_ s: Sector) -> JSONValue {
        reach.witness(from: v, to: s).map { .strings(ids($0.nodes)) } ?? .null
      }
      members.append(
        ("witness", .object([("defense", witness(.defense)), ("industry", witness(.industry))])))
      if reach.robustnessComputed {
        func fragile(_ s: Sector) -> JSONValue {
          reach.reach(s).reaches[Int(v)]
            ? .strings(ids(Array(reach.reach(s).fragile?[v] ?? []))) : .null
        }
        members.append(
          (
            "fragile_to",
            .object([("defense", fragile(.defense)), ("industry", fragile(.industry))])
          ))
      } else {
        members.append(("fragile_to", .null))
      }
      return .object(members)
    }
    let aggregates = reach.aggregates()
    func aggregate(_ a: DualUseReach.Aggregate) -> JSONValue {
      var m: [(String, JSONValue)] = [("label", .string(a.label)), ("total", .int(a.total))]
      for c in Self.classOrder { m.append((c.rawValue, .int(a.byClass[c] ?? 0))) }
      m.append(("dual_fragile", a.fragileDual.map { .int($0) } ?? .null))
      return .object(m)
    }
    let d = reach.defense.counts
    let i = reach.industry.counts
    return .object([
      (
        "bounds",
        .object([
          ("max_hops", reach.bounds.maximumHops.map { .int($0) } ?? .null),
          ("max_lead_time", reach.bounds.maximumLeadTime.map { .number($0) } ?? .null),
        ])
      ),
      ("defense_buyers", .int(reach.defense.buyers.count)),
      ("industry_buyers", .int(reach.industry.buyers.count)),
      (
        "counts",
        .object([
          ("estimated", .bool(d.estimated || i.estimated)),
          ("sampled_defense_buyers", .int(d.sampled)),
          ("sampled_industry_buyers", .int(i.sampled)),
          (
            "margin_note",
            .string(
              d.estimated || i.estimated
                ? "95% half-width for a node reaching c of T buyers: factor × sqrt(c(T−c)/T); factors defense \(NumberFormat.canonical((d.errorFactor * 1000).rounded() / 1000)), industry \(NumberFormat.canonical((i.errorFactor * 1000).rounded() / 1000))"
                : "exact")
          ),
        ])
      ),
      ("robust", .bool(reach.robustnessComputed)),
      (
        "summary",
        .object([
          ("by_kind", .array(aggregates.byKind.map(aggregate))),
          ("by_stage", .array(aggregates.byStage.map(aggregate))),
        ])
      ),
      ("nodes", .array(nodes)),
    ])
  }

  // MARK: CSV

  func csv() -> String {
    var out = CSVText.row([
      "id", "name", "kind", "class", "defense_buyers", "industry_buyers", "estimated",
      "defense_witness",
      "industry_witness", "fragile_defense", "fragile_industry",
    ])
    for v in listed {
      let wd =
        reach.witness(from: v, to: .defense).map { ids($0.nodes).joined(separator: ">") } ?? ""
      let wi =
        reach.witness(from: v, to: .industry).map { ids($0.nodes).joined(separator: ">") } ?? ""
      let fd = ids(Array(reach.defense.fragile?[v] ?? [])).joined(separator: ";")
      let fi = ids(Array(reach.industry.fragile?[v] ?? [])).joined(separator: ";")
      out += CSVText.row([
        graph.id(of: v), graph.name(of: v), graph.kind(of: v).name, reach.classes[Int(v)].rawValue,
        String(count(v, .defense)), String(count(v, .industry)), estimated(v) ? "true" : "false",
        wd, wi, fd, fi,
      ])
    }
    return out
  }

  // MARK: Table

  func table() -> String {
    var out = "Dual-use reach — \(graph.name ?? input.name) (\(input.name))\n"
    out +=
      "Buyers: \(reach.defense.buyers.count) defense, \(reach.industry.buyers.count) industry; reach \(boundsText) along flow edges"
    if reach.defense.counts.estimated || reach.industry.counts.estimated {
      out +=
        "\nCounts are ESTIMATED from a sample of buyers (classes are exact); use --exact or --node for exact counts"
    }
    out += "\n\n"
    if let focus {
      let v = focus
      out +=
        "\(graph.id(of: v)) — \(graph.name(of: v)) (\(graph.kind(of: v).name)): \(reach.classes[Int(v)].rawValue)\n"
      for s in [Sector.defense, .industry] {
        let buyers = reach.reachedBuyers(from: v, sector: s, limit: .max)
        out +=
          "\n\(s.name.capitalized) buyers reached (\(count(v, s))): \(ids(buyers).joined(separator: ", "))\n"
        if let w = reach.witness(from: v, to: s) { out += "  shortest route: \(route(w))\n" }
        if reach.robustnessComputed, reach.reach(s).reaches[Int(v)] {
          let f = Array(reach.reach(s).fragile?[v] ?? [])
          out +=
            f.isEmpty
            ? "  robust: no single failure removes this reach\n"
            : "  one failure away: \(ids(f).joined(separator: ", ")) — any of these alone removes it\n"
        }
      }
      return out
    }
    let aggregates = reach.aggregates()
    func aggregateTable(_ title: String, _ rows: [DualUseReach.Aggregate]) {
      var headers = [title, "total", "dual", "defense-only", "industry-only", "none"]
      if reach.robustnessComputed { headers.append("dual, one failure away") }
      var t = TextTable(headers, rightAligned: Set(1..<headers.count))
      for a in rows {
        var row = [a.label, String(a.total)] + Self.classOrder.map { String(a.byClass[$0] ?? 0) }
        if let f = a.fragileDual { row.append(String(f)) }
        t.add(row)
      }
      out += t.text + "\n"
    }
    aggregateTable("kind", aggregates.byKind)
    if !aggregates.byStage.isEmpty { aggregateTable("stage", aggregates.byStage) }
    let rows = top ?? 15
    let chosen = kinds ?? ["startup", "supplier"]
    let shown = graph.nodes.filter { chosen.contains(graph.kindLabel(of: $0) ?? "") }
    let view = ReachView(
      input: input, reach: reach, focus: nil, kinds: chosen, top: rows, listLimit: listLimit)
    out +=
      "\(chosen.sorted().joined(separator: " and ")) by reach (\(min(rows, shown.count)) of \(shown.count)):\n"
    var headers = [
      "node", "class", "defense", "industry", "nearest defense buyer", "nearest industry buyer",
    ]
    if reach.robustnessComputed { headers.append("one failure away") }
    var t = TextTable(headers, rightAligned: [2, 3])
    for v in view.listed {
      func nearest(_ s: Sector) -> String {
        guard let w = reach.witness(from: v, to: s), let b = w.nodes.last else { return "—" }
        return "\(graph.id(of: b)) (\(w.hops) hop\(w.hops == 1 ? "" : "s"))"
      }
      var row = [
        graph.id(of: v), reach.classes[Int(v)].rawValue, String(count(v, .defense)),
        String(count(v, .industry)),
        nearest(.defense), nearest(.industry),
      ]
      if reach.robustnessComputed {
        let f = Set(
          Array(reach.defense.fragile?[v] ?? []) + Array(reach.industry.fragile?[v] ?? []))
        row.append(
          reach.classes[Int(v)] == .none
            ? "" : (f.isEmpty ? "robust" : ids(f.sorted()).joined(separator: ", ")))
      }
      t.add(row)
    }
    out += t.text
    return out
  }

  func route(_ p: Path) -> String {
    var s = graph.id(of: p.nodes[0])
    for (k, e) in p.edges.enumerated() {
      s += " —\(graph.relation(of: e).name)→ \(graph.id(of: p.nodes[k + 1]))"
    }
    return s
  }
}
