/// What changed between two graphs in the data: nodes and links added, removed and changed
/// (each changed field with its old and new value), and what a scenario failed or cut.
///
/// Nodes are matched by id, or by display name (``Match/name``) for data whose ids were
/// regenerated. Links are matched by their ends, relation and part; parallel links of the
/// same key are matched in order. A node that fails in one graph's scenario and not in the
/// other's is changed (field `failed`), and so is a link cut in one and not the other (field
/// `cut`, for a link whose ends both stand), so the diff of a graph and the same graph under a
/// scenario lists exactly the scenario.
///
///     let diff = GraphDiff(old: lastQuarter, new: thisQuarter)
///     diff.addedEdges.count
///
/// - Complexity: O(*V* · *a* + *E* · *d*) for *a* attributes per node and *d* the largest
///   out-degree among matched nodes (parallel links of one pair are compared pairwise), plus
///   hashing every key once.
package struct GraphDiff: Sendable {
  /// How nodes of the two graphs are paired.
  package enum Match: String, Sendable, CaseIterable {
    case id, name
  }

  /// One field that differs (`nil`: absent on that side).
  package struct FieldChange: Sendable, Equatable {
    package let field: String
    package let old: String?
    package let new: String?

    package init(field: String, old: String?, new: String?) {
      self.field = field
      self.old = old
      self.new = new
    }
  }

  /// A node in both graphs whose fields differ.
  package struct NodeChange: Sendable {
    package let old: NodeIndex
    package let new: NodeIndex
    package let fields: [FieldChange]
  }

  /// A link in both graphs whose attributes (or scenario state) differ.
  package struct EdgeChange: Sendable {
    package let old: EdgeIndex
    package let new: EdgeIndex
    package let fields: [FieldChange]
  }

  package let match: Match
  /// Nodes only in the new graph (new indices, by id).
  package let addedNodes: [NodeIndex]
  /// Nodes only in the old graph (old indices, by id).
  package let removedNodes: [NodeIndex]
  package let changedNodes: [NodeChange]
  /// Links only in the new graph (new indices).
  package let addedEdges: [EdgeIndex]
  /// Links only in the old graph (old indices).
  package let removedEdges: [EdgeIndex]
  package let changedEdges: [EdgeChange]
  /// For each old node, its new counterpart (`-1`: removed).
  package let newOfOld: [NodeIndex]
  /// For each new node, its old counterpart (`-1`: added).
  package let oldOfNew: [NodeIndex]
  /// Node keys that name two nodes in one graph (possible only when matching by name);
  /// such nodes are matched in index order.
  package let ambiguousKeys: [String]

  /// Whether nothing differs.
  package var isEmpty: Bool {
    addedNodes.isEmpty && removedNodes.isEmpty && changedNodes.isEmpty && addedEdges.isEmpty
      && removedEdges.isEmpty && changedEdges.isEmpty
  }

  package init(old: SupplyGraph, new: SupplyGraph, match: Match = .id) {
    self.match = match
    func key(_ g: SupplyGraph, _ v: NodeIndex) -> String {
      match == .id ? g.id(of: v) : g.name(of: v)
    }
    var newOfOld = [NodeIndex](repeating: -1, count: old.nodeCount)
    var oldOfNew = [NodeIndex](repeating: -1, count: new.nodeCount)
    var ambiguous: [String] = []
    if match == .id {
      // Ids are unique and interned: one lookup per node.
      for v in old.nodes {
        if let w = new.index(of: old.id(of: v)) {
          newOfOld[Int(v)] = w
          oldOfNew[Int(w)] = v
        }
      }
    } else {
      var byKey: [String: [NodeIndex]] = [:]
      byKey.reserveCapacity(new.nodeCount)
      for w in new.nodes { byKey[key(new, w), default: []].append(w) }
      var seenOld = Set<String>()
      for (k, list) in byKey where list.count > 1 { ambiguous.append(k) }
      for v in old.nodes {
        let k = key(old, v)
        if !seenOld.insert(k).inserted, !ambiguous.contains(k) { ambiguous.append(k) }
        guard var list = byKey[k], !list.isEmpty else { continue }
        let w = list.removeFirst()
        byKey[k] = list
        newOfOld[Int(v)] = w
        oldOfNew[Int(w)] = v
      }
    }
    self.newOfOld = newOfOld
    self.oldOfNew = oldOfNew
    ambiguousKeys = ambiguous.sorted()
    addedNodes = new.nodes.filter { oldOfNew[Int($0)] < 0 }.sorted {
      new.id(of: $0) < new.id(of: $1)
    }
    removedNodes = old.nodes.filter { newOfOld[Int($0)] < 0 }.sorted {
      old.id(of: $0) < old.id(of: $1)
    }

    // Node fields: the schema's fields, every attribute either side has, and the scenario.
    let oldColumns = old.nodeAttributes.columns
    let newColumns = new.nodeAttributes.columns
    let columnNames = Self.union(oldColumns.map(\.name), newColumns.map(\.name))
    let oldColumn = columnNames.map { n in oldColumns.first { $0.name == n } }
    let newColumn = columnNames.map { n in newColumns.first { $0.name == n } }
    var changed: [NodeChange] = []
    for v in old.nodes {
      let w = newOfOld[Int(v)]
      guard w >= 0 else { continue }
      var fields: [FieldChange] = []
      func compare(_ field: String, _ a: String?, _ b: String?) {
        if a != b { fields.append(FieldChange(field: field, old: a, new: b)) }
      }
      if match == .name { compare("id", old.id(of: v), new.id(of: w)) }
      if match == .id { compare("name", old.writtenName(of: v), new.writtenName(of: w)) }
      compare("kind", old.kindLabel(of: v), new.kindLabel(of: w))
      compare("sector", old.sectorLabel(of: v), new.sectorLabel(of: w))
      compare("stage", old.stageLabel(of: v), new.stageLabel(of: w))
      compare("tier", old.tier(of: v).map(String.init), new.tier(of: w).map(String.init))
      compare("requires", old.requirement(of: v).name, new.requirement(of: w).name)
      for (k, name) in columnNames.enumerated() {
        let a = oldColumn[k]?[Int(v)]
        let b = newColumn[k]?[Int(w)]
        if a != b {
          fields.append(FieldChange(field: name, old: a?.description, new: b?.description))
        }
      }
      if old.isFailed(v) != new.isFailed(w) {
        compare("failed", old.isFailed(v) ? "true" : "false", new.isFailed(w) ? "true" : "false")
      }
      if !fields.isEmpty { changed.append(NodeChange(old: v, new: w, fields: fields)) }
    }
    changedNodes = changed.sorted { old.id(of: $0.old) < old.id(of: $1.old) }

    // Links, per matched source: the old links out of it paired with the new ones out of its
    // counterpart that have the same target, relation and part, in order.
    let oldEdgeColumns = old.edgeAttributes.columns
    let newEdgeColumns = new.edgeAttributes.columns
    let edgeColumnNames = Self.union(oldEdgeColumns.map(\.name), newEdgeColumns.map(\.name))
    let oldEdgeColumn = edgeColumnNames.map { n in oldEdgeColumns.first { $0.name == n } }
    let newEdgeColumn = edgeColumnNames.map { n in newEdgeColumns.first { $0.name == n } }
    var newMatched = [Bool](repeating: false, count: new.edgeCount)
    var removed: [EdgeIndex] = []
    var changedEdges: [EdgeChange] = []
    for u in old.nodes {
      let u2 = newOfOld[Int(u)]
      let candidates = u2 >= 0 ? new.outgoing.edges(of: u2) : []
      for e in old.outgoing.edges(of: u) {
        let t2 = newOfOld[Int(old.target(of: e))]
        var found: EdgeIndex = -1
        if t2 >= 0 {
          let relation = old.relation(of: e).name
          let part = old.part(of: e)
          for f in candidates where !newMatched[Int(f)] && new.target(of: f) == t2 {
            if new.relation(of: f).name == relation && new.part(of: f) == part {
              found = f
              break
            }
          }
        }
        guard found >= 0 else {
          removed.append(e)
          continue
        }
        newMatched[Int(found)] = true
        var fields: [FieldChange] = []
        for (k, name) in edgeColumnNames.enumerated() {
          let a = oldEdgeColumn[k]?[Int(e)]
          let b = newEdgeColumn[k]?[Int(found)]
          if a != b {
            fields.append(FieldChange(field: name, old: a?.description, new: b?.description))
          }
        }
        // A cut link (its ends standing): the scenario's own change.
        func cut(_ g: SupplyGraph, _ x: EdgeIndex) -> Bool {
          g.isDisabled(x) && !g.isFailed(g.source(of: x)) && !g.isFailed(g.target(of: x))
        }
        if cut(old, e) != cut(new, found) {
          fields.append(
            FieldChange(
              field: "cut", old: cut(old, e) ? "true" : "false",
              new: cut(new, found) ? "true" : "false"))
        }
        if !fields.isEmpty { changedEdges.append(EdgeChange(old: e, new: found, fields: fields)) }
      }
    }
    func edgeKey(_ g: SupplyGraph, _ e: EdgeIndex) -> (String, String, String, String, EdgeIndex) {
      (
        g.id(of: g.source(of: e)), g.id(of: g.target(of: e)), g.relation(of: e).name,
        g.part(of: e) ?? "", e
      )
    }
    removedEdges = removed.sorted { edgeKey(old, $0) < edgeKey(old, $1) }
    addedEdges = new.edges.filter { !newMatched[Int($0)] }.sorted {
      edgeKey(new, $0) < edgeKey(new, $1)
    }
    self.changedEdges = changedEdges.sorted { edgeKey(old, $0.old) < edgeKey(old, $1.old) }
  }

  /// `a`, then the names of `b` that `a` lacks.
  private static func union(_ a: [String], _ b: [String]) -> [String] {
    let seen = Set(a)
    return a + b.filter { !seen.contains($0) }
  }
}
