/// Builds a ``SupplyGraph`` node by node and edge by edge.
///
/// Readers use the byte-level entry points (`addNode(idUTF8:)`, `setKind(utf8:for:)`, …) so
/// that bulk loads make no `String` per field; programs use the `String` ones. Validation of
/// values (ranges, required sectors) is the reader's job, which knows where each value came
/// from; the builder only refuses duplicate node ids.
package struct SupplyGraphBuilder: Sendable {
  package var name: String?
  package var description: String?
  /// Relation names to treat as context (in addition to the design's context relations).
  package var contextRelations: [String] = []

  private var idInterner: StringInterner
  private var ids: [String] = []
  private var names: [String] = []
  private var kindInterner = StringInterner()
  private var kindCodes: [Int32] = []
  private var sectorInterner = StringInterner()
  private var sectorCodes: [Int32] = []
  private var stageInterner = StringInterner()
  private var stageCodes: [Int32] = []
  private var tiers: [Int32] = []
  private var requirements: [Requirement] = []
  private var nodeColumns: [AttributeColumnBuilder] = []
  private var nodeColumnIndex: [String: Int] = [:]

  private var sources: [NodeIndex] = []
  private var targets: [NodeIndex] = []
  private var relationInterner = StringInterner()
  private var relationCodes: [Int32] = []
  private var partInterner = StringInterner()
  private var partCodes: [Int32] = []
  private var edgeColumns: [AttributeColumnBuilder] = []
  private var edgeColumnIndex: [String: Int] = [:]

  package init(expectedNodes: Int = 0, expectedEdges: Int = 0) {
    idInterner = StringInterner(capacity: expectedNodes)
    ids.reserveCapacity(expectedNodes)
    names.reserveCapacity(expectedNodes)
    kindCodes.reserveCapacity(expectedNodes)
    sectorCodes.reserveCapacity(expectedNodes)
    stageCodes.reserveCapacity(expectedNodes)
    tiers.reserveCapacity(expectedNodes)
    requirements.reserveCapacity(expectedNodes)
    sources.reserveCapacity(expectedEdges)
    targets.reserveCapacity(expectedEdges)
    relationCodes.reserveCapacity(expectedEdges)
    partCodes.reserveCapacity(expectedEdges)
  }

  package var nodeCount: Int { ids.count }
  package var edgeCount: Int { sources.count }

  // MARK: Nodes

  /// Adds a node with id `idUTF8`, or finds the existing one.
  /// - Returns: The node's index and whether it is new; a node that exists is left unchanged.
  /// - Complexity: O(length of the id) amortized expected.
  @discardableResult
  package mutating func addNode(idUTF8: UnsafeBufferPointer<UInt8>) -> StringInterner.Insertion {
    let insertion = idInterner.insert(idUTF8)
    if insertion.inserted {
      ids.append(String(decoding: idUTF8, as: UTF8.self))
      names.append("")
      kindCodes.append(-1)
      sectorCodes.append(-1)
      stageCodes.append(-1)
      tiers.append(Int32.min)
      requirements.append(.unspecified)
    }
    return insertion
  }

  /// Adds a node with the given fields, or finds the existing one (left unchanged).
  @discardableResult
  package mutating func addNode(
    id: String, name: String? = nil, kind: String? = nil, sector: String? = nil,
    stage: String? = nil, tier: Int? = nil, requires: Requirement = .unspecified,
    attributes: [Attribute] = []
  ) -> StringInterner.Insertion {
    var copy = id
    let insertion = copy.withUTF8 { addNode(idUTF8: $0) }
    guard insertion.inserted else { return insertion }
    let v = insertion.index
    if let name { setName(name, for: v) }
    if let kind { setKind(kind, for: v) }
    if let sector { setSector(sector, for: v) }
    if let stage { setStage(stage, for: v) }
    if let tier { setTier(tier, for: v) }
    setRequirement(requires, for: v)
    for a in attributes { setNodeAttribute(a.name, a.value, for: v) }
    return insertion
  }

  /// The index of an existing node, or `nil`.
  package func index(of id: String) -> NodeIndex? { idInterner.index(of: id) }
  package func index(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> NodeIndex? {
    idInterner.index(of: bytes)
  }
  /// Every id added so far, in index order.
  package var nodeIDs: [String] { ids }

  package mutating func setName(_ name: String, for node: NodeIndex) { names[Int(node)] = name }

  /// Sets the kind label; returns its code, and whether the label is new to this graph.
  @discardableResult
  package mutating func setKind(
    utf8: UnsafeBufferPointer<UInt8>, for node: NodeIndex
  ) -> StringInterner.Insertion {
    let insertion = kindInterner.insert(utf8)
    kindCodes[Int(node)] = insertion.index
    return insertion
  }
  package mutating func setKind(_ kind: String, for node: NodeIndex) {
    kindCodes[Int(node)] = kindInterner.insert(kind).index
  }
  /// Sets the sector label; returns its code, and whether the label is new to this graph.
  @discardableResult
  package mutating func setSector(
    utf8: UnsafeBufferPointer<UInt8>, for node: NodeIndex
  ) -> StringInterner.Insertion {
    let insertion = sectorInterner.insert(utf8)
    sectorCodes[Int(node)] = insertion.index
    return insertion
  }
  package mutating func setSector(_ sector: String, for node: NodeIndex) {
    sectorCodes[Int(node)] = sectorInterner.insert(sector).index
  }
  /// Sets the stage label; returns its code, and whether the label is new to this graph.
  @discardableResult
  package mutating func setStage(
    utf8: UnsafeBufferPointer<UInt8>, for node: NodeIndex
  ) -> StringInterner.Insertion {
    let insertion = stageInterner.insert(utf8)
    stageCodes[Int(node)] = insertion.index
    return insertion
  }
  package mutating func setStage(_ stage: String, for node: NodeIndex) {
    stageCodes[Int(node)] = stageInterner.insert(stage).index
  }
  package mutating func setTier(_ tier: Int, for node: NodeIndex) {
    tiers[Int(node)] = Int32(clamping: tier)
  }
  package mutating func setRequirement(_ requirement: Requirement, for node: NodeIndex) {
    requirements[Int(node)] = requirement
  }

  /// The handle of node attribute column `name`, made on first use.
  package mutating func nodeAttributeColumn(_ name: String) -> Int {
    if let i = nodeColumnIndex[name] { return i }
    nodeColumns.append(AttributeColumnBuilder(name: name))
    nodeColumnIndex[name] = nodeColumns.count - 1
    return nodeColumns.count - 1
  }

  /// Sets attribute `name` of `node`. Nodes must be given their attributes in index order.
  package mutating func setNodeAttribute(
    _ name: String, _ value: AttributeValue, for node: NodeIndex
  ) {
    let c = nodeAttributeColumn(name)
    Self.padColumn(&nodeColumns[c], to: Int(node))
    nodeColumns[c].append(value)
  }

  /// Sets attribute column `column` of `node` from untyped text (CSV).
  package mutating func setNodeAttribute(
    column: Int, text: UnsafeBufferPointer<UInt8>, for node: NodeIndex
  ) {
    Self.padColumn(&nodeColumns[column], to: Int(node))
    nodeColumns[column].appendText(text)
  }

  /// Sets a numeric node attribute by column handle.
  package mutating func setNodeNumber(column: Int, _ value: Double, for node: NodeIndex) {
    Self.padColumn(&nodeColumns[column], to: Int(node))
    nodeColumns[column].appendNumber(value, text: nil)
  }

  /// Reserves room for `nodes` more nodes and `edges` more edges.
  package mutating func reserve(nodes: Int, edges: Int) {
    ids.reserveCapacity(ids.count + nodes)
    names.reserveCapacity(names.count + nodes)
    kindCodes.reserveCapacity(kindCodes.count + nodes)
    sectorCodes.reserveCapacity(sectorCodes.count + nodes)
    stageCodes.reserveCapacity(stageCodes.count + nodes)
    tiers.reserveCapacity(tiers.count + nodes)
    requirements.reserveCapacity(requirements.count + nodes)
    sources.reserveCapacity(sources.count + edges)
    targets.reserveCapacity(targets.count + edges)
    relationCodes.reserveCapacity(relationCodes.count + edges)
    partCodes.reserveCapacity(partCodes.count + edges)
  }

  // MARK: Edges

  /// Adds an edge and returns its index. The relation defaults to `supplies`.
  /// - Complexity: O(1) amortized, plus the relation's length on first use.
  @discardableResult
  package mutating func addEdge(
    from source: NodeIndex, to target: NodeIndex, relation: String = Relation.defaultName,
    part: String? = nil, attributes: [Attribute] = []
  ) -> EdgeIndex {
    let e = EdgeIndex(sources.count)
    sources.append(source)
    targets.append(target)
    relationCodes.append(relationInterner.insert(relation).index)
    partCodes.append(part.map { partInterner.insert($0).index } ?? -1)
    for a in attributes { setEdgeAttribute(a.name, a.value, for: e) }
    return e
  }

  /// Adds an edge whose relation and part are given as interned codes (see ``relationCode(_:)``
  /// and ``partCode(_:)``).
  @discardableResult
  package mutating func addEdge(
    from source: NodeIndex, to target: NodeIndex, relationCode: Int32, partCode: Int32
  ) -> EdgeIndex {
    let e = EdgeIndex(sources.count)
    sources.append(source)
    targets.append(target)
    relationCodes.append(relationCode)
    partCodes.append(partCode)
    return e
  }

  package mutating func relationCode(_ utf8: UnsafeBufferPointer<UInt8>) -> StringInterner.Insertion
  {
    relationInterner.insert(utf8)
  }
  package mutating func relationCode(_ name: String) -> StringInterner.Insertion {
    relationInterner.insert(name)
  }
  /// The relation names in code order.
  package var relationNames: [String] { relationInterner.strings }

  package mutating func partCode(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
    partInterner.insert(utf8).index
  }

  package mutating func edgeAttributeColumn(_ name: String) -> Int {
    if let i = edgeColumnIndex[name] { return i }
    edgeColumns.append(AttributeColumnBuilder(name: name))
    edgeColumnIndex[name] = edgeColumns.count - 1
    return edgeColumns.count - 1
  }

  package mutating func setEdgeAttribute(
    _ name: String, _ value: AttributeValue, for edge: EdgeIndex
  ) {
    let c = edgeAttributeColumn(name)
    Self.padColumn(&edgeColumns[c], to: Int(edge))
    edgeColumns[c].append(value)
  }

  package mutating func setEdgeAttribute(
    column: Int, text: UnsafeBufferPointer<UInt8>, for edge: EdgeIndex
  ) {
    Self.padColumn(&edgeColumns[column], to: Int(edge))
    edgeColumns[column].appendText(text)
  }

  /// Sets a numeric edge attribute.
  package mutating func setEdgeNumber(column: Int, _ value: Double, for edge: EdgeIndex) {
    Self.padColumn(&edgeColumns[column], to: Int(edge))
    edgeColumns[column].appendNumber(value, text: nil)
  }

  private static func padColumn(_ column: inout AttributeColumnBuilder, to row: Int) {
    precondition(column.count <= row, "attributes must be set once per row, in row order")
    while column.count < row { column.appendMissing() }
  }

  /// Appends the edges `other` added after its first `start` edges, mapping its relation and
  /// part codes and attribute columns into this builder. Nodes must be the same in both (as
  /// when `other` is a copy of this builder taken before edges were read on another thread).
  /// - Complexity: O(appended edges + distinct labels).
  package mutating func appendEdges(of other: SupplyGraphBuilder, from start: Int) {
    let base = sources.count
    let relationMap = other.relationInterner.strings.map { relationInterner.insert($0).index }
    let partMap = other.partInterner.strings.map { partInterner.insert($0).index }
    sources.append(contentsOf: other.sources[start...])
    targets.append(contentsOf: other.targets[start...])
    relationCodes.append(
      contentsOf: other.relationCodes[start...].lazy.map { relationMap[Int($0)] })
    partCodes.append(
      contentsOf: other.partCodes[start...].lazy.map { $0 < 0 ? -1 : partMap[Int($0)] })
    for column in other.edgeColumns {
      var tail = column
      while tail.count < other.sources.count { tail.appendMissing() }
      let c = edgeAttributeColumn(column.name)
      Self.padColumn(&edgeColumns[c], to: base)
      if start == 0 {
        edgeColumns[c].append(contentsOf: tail)
      } else {
        let built = tail.build()
        for row in start..<other.sources.count { edgeColumns[c].append(built[row]) }
      }
    }
  }

  // MARK: Mapping columns onto fields

  /// The names of the node attribute columns so far, in the order they were made.
  package var nodeAttributeNames: [String] { nodeColumns.map(\.name) }
  /// The names of the edge attribute columns so far, in the order they were made.
  package var edgeAttributeNames: [String] { edgeColumns.map(\.name) }

  /// Whether any node has a kind label.
  package var hasKinds: Bool { kindCodes.contains { $0 >= 0 } }

  /// Whether `node` has a kind label.
  package func hasKind(_ node: NodeIndex) -> Bool { kindCodes[Int(node)] >= 0 }

  /// The kind label of `node`, if it has one.
  package func kindName(of node: NodeIndex) -> String? {
    let c = kindCodes[Int(node)]
    return c < 0 ? nil : kindInterner.string(at: c)
  }

  /// The sector label of `node`, if it has one.
  package func sectorName(of node: NodeIndex) -> String? {
    let c = sectorCodes[Int(node)]
    return c < 0 ? nil : sectorInterner.string(at: c)
  }

  /// A copy of node attribute column `name`'s values, one per node.
  /// - Complexity: O(*V*).
  package func nodeAttributeColumn(named name: String) -> AttributeColumn? {
    guard let i = nodeColumnIndex[name] else { return nil }
    var column = nodeColumns[i]
    while column.count < ids.count { column.appendMissing() }
    return column.build()
  }

  /// Removes node attribute column `name` (for a reader that maps it onto a field) and
  /// returns its values, one per node.
  /// - Complexity: O(*V*).
  package mutating func removeNodeAttributeColumn(_ name: String) -> AttributeColumn? {
    Self.remove(name, from: &nodeColumns, index: &nodeColumnIndex, rows: ids.count)
  }

  /// Removes edge attribute column `name` and returns its values, one per edge.
  /// - Complexity: O(*E*).
  package mutating func removeEdgeAttributeColumn(_ name: String) -> AttributeColumn? {
    Self.remove(name, from: &edgeColumns, index: &edgeColumnIndex, rows: sources.count)
  }

  private static func remove(
    _ name: String, from columns: inout [AttributeColumnBuilder], index: inout [String: Int],
    rows: Int
  ) -> AttributeColumn? {
    guard let i = index[name] else { return nil }
    var column = columns.remove(at: i)
    while column.count < rows { column.appendMissing() }
    index = [:]
    for (k, c) in columns.enumerated() { index[c.name] = k }
    return column.build()
  }

  /// Sets the relation of `edge`; returns its code, and whether the name is new to this graph.
  @discardableResult
  package mutating func setRelation(
    utf8: UnsafeBufferPointer<UInt8>, for edge: EdgeIndex
  ) -> StringInterner.Insertion {
    let insertion = relationInterner.insert(utf8)
    relationCodes[Int(edge)] = insertion.index
    return insertion
  }

  /// Sets the part label of `edge`.
  package mutating func setPart(utf8: UnsafeBufferPointer<UInt8>, for edge: EdgeIndex) {
    partCodes[Int(edge)] = utf8.isEmpty ? -1 : partInterner.insert(utf8).index
  }

  // MARK: Build

  /// Builds the immutable graph.
  /// - Complexity: O(*V* + *E*) time and space.
  package func build() -> SupplyGraph {
    let n = ids.count
    let m = sources.count
    func finish(_ columns: [AttributeColumnBuilder], rows: Int) -> AttributeTable {
      AttributeTable(
        columns: columns.map { c in
          var c = c
          while c.count < rows { c.appendMissing() }
          return c.build()
        })
    }
    let context = Set(contextRelations)
    let relations = relationInterner.strings.map { Relation(name: $0, contextRelations: context) }
    return SupplyGraph(
      name: name, description: description, contextRelations: contextRelations,
      idInterner: idInterner, ids: ids, names: names,
      kindCodes: kindCodes, kindLabels: kindInterner.strings,
      sectorCodes: sectorCodes, sectorLabels: sectorInterner.strings,
      stageCodes: stageCodes, stageLabels: stageInterner.strings,
      tierValues: tiers, requirements: requirements,
      nodeAttributes: finish(nodeColumns, rows: n),
      sources: sources, targets: targets, relationCodes: relationCodes, relations: relations,
      partCodes: partCodes, partLabels: partInterner.strings,
      edgeAttributes: finish(edgeColumns, rows: m))
  }
}
