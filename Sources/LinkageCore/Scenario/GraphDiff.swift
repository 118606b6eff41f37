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
    let nodeColumns = columnNames.map { n in
      (old: oldColumns.first { $0.name == n }, new: newColumns.first { $0.name == n })
    }
    // Attribute columns compared column by column over the matched nodes (stored numbers and
    // codes, no values built); the rare differences are gathered per node afterwards.
    var matchedOld: [Int32] = []
    var matchedNew: [Int32] = []
    matchedOld.reserveCapacity(old.nodeCount)
    matchedNew.reserveCapacity(old.nodeCount)
    for v in old.nodes where newOfOld[Int(v)] >= 0 {
      matchedOld.append(v)
      matchedNew.append(newOfOld[Int(v)])
    }
    var nodeDiffs: [(pair: Int, column: Int)] = []
    for (k, c) in nodeColumns.enumerated() {
      for p in Self.differingRows(c.old, c.new, matchedOld, matchedNew) {
        nodeDiffs.append((p, k))
      }
    }
    nodeDiffs.sort { ($0.pair, $0.column) < ($1.pair, $1.column) }
    var nextDiff = 0
    var pairIndex = -1
    // Label codes of one side mapped to the other's, so a node costs integer compares.
    let kindMap = CodeMap(old.kindLabels, new.kindLabels)
    let sectorMap = CodeMap(old.sectorLabels, new.sectorLabels)
    let stageMap = CodeMap(old.stageLabels, new.stageLabels)
    var changed: [NodeChange] = []
    for v in old.nodes {
      let w = newOfOld[Int(v)]
      guard w >= 0 else { continue }
      pairIndex += 1
      let (i, j) = (Int(v), Int(w))
      var fields: [FieldChange] = []
      func compare(_ field: String, _ a: String?, _ b: String?) {
        if a != b { fields.append(FieldChange(field: field, old: a, new: b)) }
      }
      if match == .name { compare("id", old.id(of: v), new.id(of: w)) }
      if match == .id, old.names[i] != new.names[j] {
        compare("name", old.writtenName(of: v), new.writtenName(of: w))
      }
      if !kindMap.same(old.kindCodes[i], new.kindCodes[j]) {
        compare("kind", old.kindLabel(of: v), new.kindLabel(of: w))
      }
      if !sectorMap.same(old.sectorCodes[i], new.sectorCodes[j]) {
        compare("sector", old.sectorLabel(of: v), new.sectorLabel(of: w))
      }
      if !stageMap.same(old.stageCodes[i], new.stageCodes[j]) {
        compare("stage", old.stageLabel(of: v), new.stageLabel(of: w))
      }
      if old.tierValues[i] != new.tierValues[j] {
        compare("tier", old.tier(of: v).map(String.init), new.tier(of: w).map(String.init))
      }
      if old.requirements[i] != new.requirements[j] {
        compare("requires", old.requirement(of: v).name, new.requirement(of: w).name)
      }
      while nextDiff < nodeDiffs.count && nodeDiffs[nextDiff].pair == pairIndex {
        let k = nodeDiffs[nextDiff].column
        nextDiff += 1
        let a = nodeColumns[k].old?[i]
        let b = nodeColumns[k].new?[j]
        fields.append(FieldChange(field: columnNames[k], old: a?.description, new: b?.description))
      }
      if old.isFailed(v) != new.isFailed(w) {
        compare("failed", old.isFailed(v) ? "true" : "false", new.isFailed(w) ? "true" : "false")
      }
      if !fields.isEmpty { changed.append(NodeChange(old: v, new: w, fields: fields)) }
    }
    changedNodes = changed.sorted { old.id(of: $0.old) < old.id(of: $1.old) }

    // Links, per matched source: the old links out of it paired with the new ones out of its
    // counterpart that have the same target, relation and part, in order — by a scan for
    // small out-degrees, by sorting both sides' keys and merging for large ones.
    let oldEdgeColumns = old.edgeAttributes.columns
    let newEdgeColumns = new.edgeAttributes.columns
    let edgeColumnNames = Self.union(oldEdgeColumns.map(\.name), newEdgeColumns.map(\.name))
    let edgeColumns = edgeColumnNames.map { n in
      (old: oldEdgeColumns.first { $0.name == n }, new: newEdgeColumns.first { $0.name == n })
    }
    let relationMap = CodeMap(old.relations.map(\.name), new.relations.map(\.name))
    let partMap = CodeMap(old.partLabels, new.partLabels)
    var newMatched = [Bool](repeating: false, count: new.edgeCount)
    var removed: [EdgeIndex] = []
    var pairedOld: [Int32] = []
    var pairedNew: [Int32] = []
    pairedOld.reserveCapacity(old.edgeCount)
    pairedNew.reserveCapacity(old.edgeCount)
    /// An edge's key in the new graph's codes: target, relation, part (−2: none there).
    struct Key: Comparable {
      let target: NodeIndex
      let relation: Int32
      let part: Int32
      let edge: EdgeIndex
      static func < (a: Key, b: Key) -> Bool {
        (a.target, a.relation, a.part, a.edge) < (b.target, b.relation, b.part, b.edge)
      }
    }
    var oldKeys: [Key] = []
    var newKeys: [Key] = []
    func matched(_ e: EdgeIndex, _ found: EdgeIndex) {
      newMatched[Int(found)] = true
      pairedOld.append(e)
      pairedNew.append(found)
    }
    for u in old.nodes {
      let u2 = newOfOld[Int(u)]
      let outOld = old.outgoing.edges(of: u)
      guard u2 >= 0 else {
        removed.append(contentsOf: outOld)
        continue
      }
      let outNew = new.outgoing.edges(of: u2)
      if outOld.count * outNew.count <= 64 {
        for e in outOld {
          let t2 = newOfOld[Int(old.target(of: e))]
          let relation = relationMap.map(old.relationCodes[Int(e)])
          let part = partMap.map(old.partCodes[Int(e)])
          var found: EdgeIndex = -1
          if t2 >= 0 {
            for f in outNew where !newMatched[Int(f)] && new.target(of: f) == t2 {
              if new.relationCodes[Int(f)] == relation && new.partCodes[Int(f)] == part {
                found = f
                break
              }
            }
          }
          if found >= 0 { matched(e, found) } else { removed.append(e) }
        }
        continue
      }
      oldKeys.removeAll(keepingCapacity: true)
      newKeys.removeAll(keepingCapacity: true)
      for e in outOld {
        oldKeys.append(
          Key(
            target: newOfOld[Int(old.target(of: e))],
            relation: relationMap.map(old.relationCodes[Int(e)]),
            part: partMap.map(old.partCodes[Int(e)]), edge: e))
      }
      for f in outNew {
        newKeys.append(
          Key(
            target: new.target(of: f), relation: new.relationCodes[Int(f)],
            part: new.partCodes[Int(f)], edge: f))
      }
      oldKeys.sort()
      newKeys.sort()
      // Merge: equal keys pair up in edge order, as the scan does.
      var j = 0
      for key in oldKeys {
        guard key.target >= 0 else {
          removed.append(key.edge)
          continue
        }
        while j < newKeys.count
          && (newKeys[j].target, newKeys[j].relation, newKeys[j].part)
            < (key.target, key.relation, key.part)
        {
          j += 1
        }
        if j < newKeys.count, newKeys[j].target == key.target,
          newKeys[j].relation == key.relation, newKeys[j].part == key.part
        {
          matched(key.edge, newKeys[j].edge)
          j += 1
        } else {
          removed.append(key.edge)
        }
      }
    }
    // Fields of the paired links, column by column; then the scenario's cuts.
    var edgeDiffs: [(pair: Int, column: Int)] = []
    for (k, c) in edgeColumns.enumerated() {
      for p in Self.differingRows(c.old, c.new, pairedOld, pairedNew) { edgeDiffs.append((p, k)) }
    }
    // A cut link (its ends standing): the scenario's own change.
    func cut(_ g: SupplyGraph, _ x: EdgeIndex) -> Bool {
      g.isDisabled(x) && !g.isFailed(g.source(of: x)) && !g.isFailed(g.target(of: x))
    }
    let cutColumn = edgeColumns.count
    if old.hasScenario || new.hasScenario {
      for p in pairedOld.indices where cut(old, pairedOld[p]) != cut(new, pairedNew[p]) {
        edgeDiffs.append((p, cutColumn))
      }
    }
    edgeDiffs.sort { ($0.pair, $0.column) < ($1.pair, $1.column) }
    var changedEdges: [EdgeChange] = []
    var d = 0
    while d < edgeDiffs.count {
      let p = edgeDiffs[d].pair
      let (e, f) = (pairedOld[p], pairedNew[p])
      var fields: [FieldChange] = []
      while d < edgeDiffs.count && edgeDiffs[d].pair == p {
        let k = edgeDiffs[d].column
        d += 1
        if k == cutColumn {
          fields.append(
            FieldChange(
              field: "cut", old: cut(old, e) ? "true" : "false", new: cut(new, f) ? "true" : "false"))
        } else {
          let a = edgeColumns[k].old?[Int(e)]
          let b = edgeColumns[k].new?[Int(f)]
          fields.append(
            FieldChange(field: edgeColumnNames[k], old: a?.description, new: b?.description))
        }
      }
      changedEdges.append(EdgeChange(old: e, new: f, fields: fields))
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

/// Maps one graph's label codes to another's by name (`-2`: the other graph lacks it).
private struct CodeMap {
  let codes: [Int32]

  init(_ old: [String], _ new: [String]) {
    var index: [String: Int32] = [:]
    for (k, s) in new.enumerated() where index[s] == nil { index[s] = Int32(k) }
    codes = old.map { index[$0] ?? -2 }
  }

  /// The other graph's code for `code` (`-1`, none, stays `-1`).
  @inline(__always)
  func map(_ code: Int32) -> Int32 { code < 0 ? -1 : codes[Int(code)] }

  @inline(__always)
  func same(_ a: Int32, _ b: Int32) -> Bool { map(a) == b }
}

extension GraphDiff {
  /// The positions `p` where row `oldRows[p]` of `old` and row `newRows[p]` of `new` hold
  /// different values (absent on one side and present on the other counts), comparing stored
  /// numbers and codes without building values.
  /// - Complexity: O(rows + string pool sizes).
  static func differingRows(
    _ old: AttributeColumn?, _ new: AttributeColumn?, _ oldRows: [Int32], _ newRows: [Int32]
  ) -> [Int] {
    var out: [Int] = []
    let n = oldRows.count
    switch (old?.storage, new?.storage) {
    case (.numbers(let a)?, .numbers(let b)?):
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          for p in 0..<n {
            let (x, y) = (a[Int(oldRows[p])], b[Int(newRows[p])])
            if x.isNaN != y.isNaN || (!x.isNaN && x != y) { out.append(p) }
          }
        }
      }
    case (.strings(let a, let poolA)?, .strings(let b, let poolB)?):
      let map = CodeMap(poolA, poolB).codes
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          for p in 0..<n {
            let (x, y) = (a[Int(oldRows[p])], b[Int(newRows[p])])
            if x < 0 ? y >= 0 : map[Int(x)] != y { out.append(p) }
          }
        }
      }
    case (.bools(let a)?, .bools(let b)?):
      for p in 0..<n where a[Int(oldRows[p])] != b[Int(newRows[p])] { out.append(p) }
    default:
      for p in 0..<n where old?[Int(oldRows[p])] != new?[Int(newRows[p])] { out.append(p) }
    }
    return out
  }
}
