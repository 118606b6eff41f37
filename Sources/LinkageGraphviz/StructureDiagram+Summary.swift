import LinkageCore
import LinkageReports

#if canImport(Glibc)
  import Glibc
#endif

extension StructureDiagram {
  /// One node per group of shown nodes and one bundle per group pair and role, counted: a
  /// group is a kind with the first `layout.groupBy` field a node has a value for (else its
  /// tier), and the view's mark when the overlay marks the node (marks survive the summary).
  /// - Complexity: O(*V* + *E*) dictionary steps plus sorting the groups and bundles.
  static func drawSummary(
    _ p: inout Parts, graph: SupplyGraph, shown: [NodeIndex], visible: [Bool], overlay: Overlay,
    layout: Layout
  ) {
    // One node per group; edges counted between groups.
    // Each node is grouped by the first of the comma-separated fields it has a value for.
    let fields =
      layout.groupBy.map {
        $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      } ?? []
    // What the view marks survives the summary: a node marked by a legend entry (the most
    // specific one, marking the fewest nodes) is grouped with the nodes of its kind and
    // tier that carry the same mark, and the group is drawn with the mark.
    let marks = overlay.legend.enumerated().filter { !$0.element.isEdge }
    var markOf: [NodeIndex: Int] = [:]
    for (index, entry) in marks.sorted(by: { $0.element.marks.count > $1.element.marks.count }) {
      for v in entry.marks where visible[Int(v)] { markOf[v] = index }
    }
    func rawKey(_ v: NodeIndex) -> String {
      let value = fields.lazy.compactMap { graph.fieldText($0, of: v) }.first
      let mark = markOf[v].map { String(format: $0) } ?? "-"
      return
        "\(graph.kind(of: v).name)|\(mark)|\(value == nil ? "t" : "v")|\(value ?? graph.tier(of: v).map { String($0) } ?? "-")"
    }
    // A kind whose unmarked nodes each have a value of their own (four or more one-node
    // groups, such as one region node per country) is drawn as one group: a column of
    // one-node boxes says nothing the count does not.
    var rawCounts: [String: Int] = [:]
    for v in shown { rawCounts[rawKey(v), default: 0] += 1 }
    var singletons: [String: Int] = [:]
    var multiple = Set<String>()
    for (k, c) in rawCounts {
      let parts = k.split(separator: "|", maxSplits: 3)
      guard parts.count == 4, parts[1] == "-", parts[2] == "v" else { continue }
      if c == 1 { singletons[String(parts[0]), default: 0] += 1 } else { multiple.insert(String(parts[0])) }
    }
    let collapsed = Dictionary(
      uniqueKeysWithValues: singletons.filter { $0.value >= 4 && !multiple.contains($0.key) }.map { ($0.key, $0.value) })
    func key(_ v: NodeIndex) -> String {
      let k = rawKey(v)
      let kind = graph.kind(of: v).name
      if let n = collapsed[kind], k.hasPrefix("\(kind)|-|v|") { return "\(kind)|-|v|\(n) values, one each" }
      return k
    }
    var counts: [String: Int] = [:]
    var sectors: [String: [Sector: Int]] = [:]
    for v in shown {
      counts[key(v), default: 0] += 1
      if let s = graph.sector(of: v) { sectors[key(v), default: [:]][s, default: 0] += 1 }
    }
    var kindsSeen = Set<NodeKind>()
    var marksUsed = Set<Int>()
    for k in counts.keys.sorted() {
      let parts = k.split(separator: "|", maxSplits: 3).map(String.init)
      let kind = NodeKind(name: parts[0]) ?? .other
      kindsSeen.insert(kind)
      let mark = Int(parts[1])
      let byValue = parts[2] == "v"
      let group =
        byValue ? " · \(parts[3])" : parts[3] == "-" ? "" : " (tier \(parts[3]))"
      var attributes: [(String, String)] = Self.shapeAttributes(kind)
      if let mark {
        marksUsed.insert(mark)
        attributes += overlay.legend[mark].attributes.filter { $0.0 != "shape" }
      } else {
        // A group is drawn in a sector's colour only when all its nodes have that sector; a
        // mixed group stays neutral rather than claim the majority's colour.
        let sector = sectors[k].flatMap {
          $0.count == 1 && $0.first?.value == counts[k] ? $0.first?.key : nil
        }
        if let sector { p.sectors.insert(sector) }
        attributes.append(("fillcolor", Self.fill(sector)))
      }
      p.nodes.append(
        .init(
          key: k,
          label: "\(kind == .agency ? "agencies" : kind.name + "s")\(group)\n\(counts[k]!)",
          rankGroup: byValue || parts[3] == "-" ? nil : "tier\(parts[3])",
          attributes: attributes))
    }
    p.legend += marks.map(\.offset).filter { marksUsed.contains($0) }.map { overlay.legend[$0] }
    p.kinds = kindsSeen.sorted()
    // Links are bundled per group pair and role: context bundles stay dashed.
    var links: [String: Int] = [:]
    for e in graph.edges
    where visible[Int(graph.source(of: e))] && visible[Int(graph.target(of: e))] {
      let relation = graph.relation(of: e)
      let role = relation.role == .context ? "c" : "f"
      if relation.role == .context { p.contextRelations.insert(relation.name) }
      links[
        key(graph.source(of: e)) + "\u{0}" + key(graph.target(of: e)) + "\u{0}" + role,
        default: 0] += 1
    }
    var flowBundles = false
    for k in links.keys.sorted() {
      let ends = k.split(separator: "\u{0}")
      let n = links[k]!
      var attributes = [("penwidth", String(format2: min(6, 0.5 + log2(Double(n)) / 3)))]
      if ends[2] == "c" {
        attributes += [("style", "dashed"), ("color", "#999999")]
      } else {
        flowBundles = true
      }
      p.edges.append(
        .init(
          source: String(ends[0]), target: String(ends[1]), label: String(n),
          attributes: attributes))
    }
    if flowBundles {
      p.legend.append(
        .init(
          label: "links between groups (count)", attributes: [("color", "#555555")], isEdge: true)
      )
    }
  }
}
