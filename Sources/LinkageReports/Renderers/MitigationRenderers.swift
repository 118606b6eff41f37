import LinkageCore

/// Spellings shared by the mitigation outputs.
extension MitigationReport {
  func id(_ v: NodeIndex) -> String { graph.id(of: v) }

  /// `hana-npu → byeol-embedded (part npu)`.
  package func linkText(_ k: Int) -> String {
    let l = links[k]
    return "\(id(l.source)) → \(id(l.target))\(l.part.map { " (part \($0))" } ?? "")"
  }

  /// `hana-npu → byeol-embedded for part npu and …`.
  func addingText(_ p: Proposal) -> String {
    p.links.map { k in
      let l = links[k]
      return "\(id(l.source)) → \(id(l.target))\(l.part.map { " for part \($0)" } ?? "")"
    }.joined(separator: " and ")
  }

  /// "after adding hana-npu → byeol-embedded for part npu, redundancy of navy 1 → 2, …".
  package func sentence(_ p: Proposal) -> String {
    var s = "after adding \(addingText(p)), "
    if p.redundancy.isEmpty {
      s += "no single point considered is removed"
    } else {
      s +=
        "redundancy of "
        + p.redundancy.map { c in
          let before = SpofReport.redundancyValue(c.before)
          let after = SpofReport.redundancyValue(c.after)
          return before == after
            ? "\(id(c.after.target)) stays \(after) (other single points remain)"
            : "\(id(c.after.target)) \(before) → \(after)"
        }.joined(separator: ", ")
    }
    if !p.verified { s += " — NOT VERIFIED: the re-run analysis disagrees with the search" }
    return s
  }

  /// The pairs removed, grouped by point: "kseed-silicon for navy, nuri-electronics".
  func removedText(_ pairs: [PointTarget]) -> String {
    var groups: [(NodeIndex, [NodeIndex])] = []
    for p in pairs {
      if let k = groups.firstIndex(where: { $0.0 == p.point }) {
        groups[k].1.append(p.target)
      } else {
        groups.append((p.point, [p.target]))
      }
    }
    return groups.map { point, targets in
      "\(id(point)) for \(targets.map(id).joined(separator: ", "))"
    }.joined(separator: "; ")
  }

  /// Why no set was found; `brief` leaves the same-kind hint to a footnote.
  func unfixedText(_ u: Unfixed, brief: Bool = false) -> String {
    switch u.outcome {
    case .none(let relevant) where relevant == 0:
      return "no candidate link feeds what it cuts off" + (brief ? "" : sameKindHint)
    case .none(let relevant):
      return
        "no set of up to \(options.maximumLinks) of the \(relevant) relevant candidate links keeps it supplied"
    case .stopped(let size, let tried):
      return
        "the search stopped after \(tried) sets at \(size) link\(size == 1 ? "" : "s") (no smaller set works; raise --max-links or narrow the candidates)"
    case .fixed:
      return ""
    }
  }

  /// Why the graph suggests nothing (same-kind candidates only).
  var sameKindHint: String {
    origin == .sameKind
      ? " (no other node of the same kind supplies the parts it leaves without a source; give --candidates FILE with suppliers that could qualify)"
      : ""
  }

  var originText: String {
    switch origin {
    case .file(let path): "candidates from \(path)"
    case .sameKind:
      "candidates from the graph: nodes of the same kind that already supply the same part elsewhere"
    }
  }

  func costText(_ c: Double?) -> String { c.map(NumberFormat.canonical) ?? "–" }

  /// `a → b (part p) and c → d, cost 5`.
  func setText(_ set: [Int]) -> String {
    var cost: Double? = 0
    for k in set {
      if let c = links[k].cost, let total = cost { cost = total + c } else { cost = nil }
    }
    return set.map(linkText).joined(separator: " and ")
      + (cost.map { ", cost \(NumberFormat.canonical($0))" } ?? "")
  }

  var newSources: [NodeIndex] {
    var out: [NodeIndex] = []
    for l in links where l.isNewSource && !out.contains(l.source) { out.append(l.source) }
    return out
  }
}

extension TableRenderer {
  /// The mitigation section of the spof table.
  package static func render(_ m: MitigationReport) -> String {
    let targetCount = Set(m.pairs.map(\.target)).count
    var out = "Mitigations — \(m.originText)\n"
    let new = m.newSources
    out +=
      "  \(m.links.count) usable candidate link\(m.links.count == 1 ? "" : "s")"
      + (new.isEmpty ? "" : " (new: \(new.map(m.id).joined(separator: ", ")))")
      + "; sets of up to \(m.options.maximumLinks) for \(m.points.count) single point\(m.points.count == 1 ? "" : "s") and the \(targetCount) target\(targetCount == 1 ? "" : "s") \(m.points.count == 1 ? "it cuts" : "they cut") off"
      + "; each proposal verified by re-running the analysis with it added\n"
    for d in m.rejected.items { out += "  skipped: \(d.message)\n" }
    if m.proposals.isEmpty {
      out += "\nNo proposal.\n"
    }
    for p in m.proposals {
      out += "\n\(p.rank). add \(p.links.map(m.linkText).joined(separator: " and "))"
      if let c = p.cost { out += ", cost \(NumberFormat.canonical(c))" }
      out += "\n   removes \(m.removedText(p.removed))"
      out += "\n   verified: \(m.sentence(p))"
      if p.alternatives > 0 {
        let size = "\(p.links.count) link\(p.links.count == 1 ? "" : "s")"
        let listed = p.others.map { m.setText($0) }.joined(separator: "; ")
        let more = p.alternatives > p.others.count ? "; …" : ""
        out += "\n   also works for some of these, with \(size): \(listed)\(more)"
      }
      if !p.exhaustive { out += "\n   (the search ran out of budget at this size: a cheaper set may exist)" }
      out += "\n"
    }
    if m.proposalsLeftOut > 0 { out += "(\(m.proposalsLeftOut) more proposals not verified or listed)\n" }
    if !m.unfixed.isEmpty {
      out += "\nNot mitigated:\n"
      // One line per point and reason, its targets listed.
      var lines: [(point: NodeIndex, why: String, targets: [NodeIndex])] = []
      for u in m.unfixed {
        let why = m.unfixedText(u, brief: true)
        if let k = lines.firstIndex(where: { $0.point == u.pair.point && $0.why == why }) {
          lines[k].targets.append(u.pair.target)
        } else {
          lines.append((u.pair.point, why, [u.pair.target]))
        }
      }
      for line in lines {
        let shown = line.targets.prefix(4).map(m.id).joined(separator: ", ")
        let more = line.targets.count > 4 ? ", … (\(line.targets.count - 4) more)" : ""
        out += "  \(m.id(line.point)) for \(shown)\(more): \(line.why)\n"
      }
      if m.origin == .sameKind, m.unfixed.contains(where: { $0.relevant == 0 }) {
        out += "  (\(m.sameKindHint.dropFirst(2).dropLast()))\n"
      }
    }
    if m.targetsLeftOut > 0 {
      out += "(\(m.targetsLeftOut) more targets cut off by these points not considered)\n"
    }
    return out
  }
}

extension CSVRenderer {
  /// The proposals as CSV, one row per proposal.
  package static func render(_ m: MitigationReport) -> String {
    var out = CSVText.row([
      "rank", "add", "links", "cost", "points_removed", "removes", "verified", "redundancy",
      "summary",
    ])
    for p in m.proposals {
      out += CSVText.row([
        String(p.rank), p.links.map(m.linkText).joined(separator: "; "), String(p.links.count),
        p.cost.map(NumberFormat.canonical) ?? "",
        String(p.removed.count), m.removedText(p.removed), p.verified ? "true" : "false",
        p.redundancy.map {
          "\(m.id($0.after.target)) \(SpofReport.redundancyValue($0.before)) → \(SpofReport.redundancyValue($0.after))"
        }.joined(separator: "; "),
        m.sentence(p),
      ])
    }
    return out
  }
}

extension JSONRenderer {
  /// The `mitigations` member of `spof --mitigate --format json`.
  package static func write(_ m: MitigationReport, to json: inout JSONWriter) {
    func pairs(_ list: [MitigationReport.PointTarget]) {
      json.beginArray()
      for p in list {
        json.item()
        json.beginObject()
        json.member("point", .string(m.id(p.point)))
        json.member("target", .string(m.id(p.target)))
        json.endObject()
      }
      json.endArray()
    }
    func redundancy(_ r: TargetRedundancy) {
      json.beginObject()
      json.member("value", r.value.map { .int($0) } ?? .null)
      json.member("bound", .string(r.bound.spelling))
      json.endObject()
    }
    json.beginObject()
    json.key("candidates")
    json.beginObject()
    switch m.origin {
    case .file(let path):
      json.member("from", .string("file"))
      json.member("file", .string(path))
    case .sameKind:
      json.member("from", .string("same_kind"))
      json.member("file", .null)
    }
    json.member("usable", .int(m.links.count))
    json.member("new_nodes", .array(m.newSources.map { .string(m.id($0)) }))
    json.member("skipped", .array(m.rejected.items.map { .string($0.message) }))
    json.endObject()
    json.member("maximum_links", .int(m.options.maximumLinks))
    json.member("points", .array(m.points.map { .string(m.id($0)) }))
    json.key("proposals")
    json.beginArray()
    for p in m.proposals {
      json.item()
      json.beginObject()
      json.member("rank", .int(p.rank))
      json.key("links")
      json.beginArray()
      for k in p.links {
        let l = m.links[k]
        json.item()
        json.beginObject()
        json.member("source", .string(m.id(l.source)))
        json.member("target", .string(m.id(l.target)))
        json.member("relation", .string(l.relation))
        json.member("part", l.part.map { .string($0) } ?? .null)
        json.member("cost", l.cost.map { .number($0) } ?? .null)
        json.member("new_source", .bool(l.isNewSource))
        json.member("origin", .string(l.origin))
        json.endObject()
      }
      json.endArray()
      json.member("cost", p.cost.map { .number($0) } ?? .null)
      json.member("points_removed", .int(p.removed.count))
      json.key("removes")
      pairs(p.removed)
      json.key("found_for")
      pairs(p.found)
      json.member("verified", .bool(p.verified))
      json.key("redundancy")
      json.beginArray()
      for c in p.redundancy {
        json.item()
        json.beginObject()
        json.member("target", .string(m.id(c.after.target)))
        json.key("before")
        redundancy(c.before)
        json.key("after")
        redundancy(c.after)
        json.endObject()
      }
      json.endArray()
      json.member("alternatives", .int(p.alternatives))
      json.member("other_sets", .array(p.others.map { .string(m.setText($0)) }))
      json.member("exhaustive", .bool(p.exhaustive))
      json.member("summary", .string(m.sentence(p)))
      json.endObject()
    }
    json.endArray()
    json.key("not_mitigated")
    json.beginArray()
    for u in m.unfixed {
      json.item()
      json.beginObject()
      json.member("point", .string(m.id(u.pair.point)))
      json.member("target", .string(m.id(u.pair.target)))
      json.member("relevant_candidates", .int(u.relevant))
      json.member("why", .string(m.unfixedText(u)))
      json.endObject()
    }
    json.endArray()
    json.member("targets_left_out", .int(m.targetsLeftOut))
    json.member("proposals_left_out", .int(m.proposalsLeftOut))
    json.endObject()
  }
}
