/// An immutable supply graph: nodes interned to dense ``NodeIndex`` values, edges to
/// ``EdgeIndex`` values, compressed adjacency in both directions over all edges and over flow
/// edges, and attributes in columns.
///
/// Build one with ``SupplyGraphBuilder`` or a reader from `LinkageIO`. Nodes and edges are
/// numbered in input order.
///
///     var builder = SupplyGraphBuilder()
///     let a = builder.addNode(id: "acme").index
///     let b = builder.addNode(id: "navy", kind: "buyer", sector: "defense").index
///     builder.addEdge(from: a, to: b, relation: "sells_to")
///     let graph = builder.build()
///     graph.index(of: "navy")        // 1
///     graph.flowOut.neighbors(of: a) // [1]
package struct SupplyGraph: Sendable {
  // MARK: Document

  /// The dataset's name, when the document gives one.
  package let name: String?
  /// The dataset's description, when the document gives one.
  package let description: String?
  /// Relation names the document declares as context.
  package let contextRelations: [String]

  // MARK: Nodes

  let idInterner: StringInterner
  /// Each node's id, the user's key.
  package let ids: [String]
  /// Each node's display name as written; empty when the input gave none.
  let names: [String]
  /// Each node's kind (`other` for kinds Linkage does not know).
  package let kinds: [NodeKind]
  /// Each node's kind as written (codes into ``kindLabels``).
  let kindCodes: [Int32]
  package let kindLabels: [String]
  /// Each node's sector, if it has a known one.
  package let sectors: [Sector?]
  let sectorCodes: [Int32]
  package let sectorLabels: [String]
  /// Each node's stage, if it has a known one.
  package let stages: [Stage?]
  let stageCodes: [Int32]
  package let stageLabels: [String]
  /// Each node's tier, or `nil`.
  let tierValues: [Int32]
  /// How each node combines its incoming flow edges.
  package let requirements: [Requirement]
  /// Extra node attributes (and well-known ones like `value`, `failure_probability`).
  package let nodeAttributes: AttributeTable

  // MARK: Edges

  /// Each edge's source node.
  package let sources: [NodeIndex]
  /// Each edge's target node.
  package let targets: [NodeIndex]
  /// Each edge's relation (codes into ``relations``).
  package let relationCodes: [Int32]
  /// The distinct relations, in order of first use.
  package let relations: [Relation]
  /// Each edge's `part` label (codes into ``partLabels``), `-1` when unlabeled.
  package let partCodes: [Int32]
  package let partLabels: [String]
  /// Whether each edge is a flow edge.
  package let isFlow: [Bool]
  /// Extra edge attributes (and well-known ones like `lead_time`, `confidence`, `share`).
  package let edgeAttributes: AttributeTable

  // MARK: Adjacency

  /// Outgoing edges of every node, over all edges.
  package let outgoing: CompressedAdjacency
  /// Incoming edges of every node, over all edges.
  package let incoming: CompressedAdjacency
  /// Outgoing flow edges of every node.
  package let flowOut: CompressedAdjacency
  /// Incoming flow edges of every node.
  package let flowIn: CompressedAdjacency
  /// The part groups of each node's incoming flow edges (AND of ORs), over every flow edge
  /// of the data: a scenario's failures leave a node's parts in place, unsupplied.
  package let partGroups: PartGroups

  // MARK: Scenario

  /// Incoming flow edges of every node as the data has them, failed ones included: what each
  /// node depends on. Equal to ``flowIn`` unless a scenario is applied.
  package let dependencyIn: CompressedAdjacency
  /// Outgoing flow edges as the data has them, failed ones included.
  package let dependencyOut: CompressedAdjacency
  /// Whether each node fails in the applied scenario; empty when none is.
  package let failedNodes: [Bool]
  /// Whether each edge is out of service in the applied scenario (cut, or at a failed node);
  /// empty when none is. ``flowOut`` and ``flowIn`` leave these edges out.
  package let disabledEdges: [Bool]

  init(
    name: String?, description: String?, contextRelations: [String],
    idInterner: StringInterner, ids: [String], names: [String],
    kindCodes: [Int32], kindLabels: [String],
    sectorCodes: [Int32], sectorLabels: [String],
    stageCodes: [Int32], stageLabels: [String],
    tierValues: [Int32], requirements: [Requirement], nodeAttributes: AttributeTable,
    sources: [NodeIndex], targets: [NodeIndex], relationCodes: [Int32], relations: [Relation],
    partCodes: [Int32], partLabels: [String], edgeAttributes: AttributeTable
  ) {
    self.name = name
    self.description = description
    self.contextRelations = contextRelations
    self.idInterner = idInterner
    self.ids = ids
    self.names = names
    self.kindCodes = kindCodes
    self.kindLabels = kindLabels
    let kindByCode = kindLabels.map { NodeKind(name: $0) ?? .other }
    self.kinds = kindCodes.map { $0 < 0 ? .other : kindByCode[Int($0)] }
    self.sectorCodes = sectorCodes
    self.sectorLabels = sectorLabels
    let sectorByCode = sectorLabels.map { Sector(name: $0) }
    self.sectors = sectorCodes.map { $0 < 0 ? nil : sectorByCode[Int($0)] }
    self.stageCodes = stageCodes
    self.stageLabels = stageLabels
    let stageByCode = stageLabels.map { Stage(name: $0) }
    self.stages = stageCodes.map { $0 < 0 ? nil : stageByCode[Int($0)] }
    self.tierValues = tierValues
    self.requirements = requirements
    self.nodeAttributes = nodeAttributes
    self.sources = sources
    self.targets = targets
    self.relationCodes = relationCodes
    self.relations = relations
    self.partCodes = partCodes
    self.partLabels = partLabels
    let flowByCode = relations.map { $0.role == .flow }
    let isFlow = relationCodes.map { flowByCode[Int($0)] }
    self.isFlow = isFlow
    self.edgeAttributes = edgeAttributes
    let n = ids.count
    let allFlow = isFlow.allSatisfy { $0 }
    // The four adjacency structures are independent: build them two at a time on large graphs.
    let built = ParallelBuild.run(4, parallel: sources.count >= 100_000) {
      k -> CompressedAdjacency? in
      switch k {
      case 0: CompressedAdjacency(nodeCount: n, from: sources, to: targets)
      case 1: CompressedAdjacency(nodeCount: n, from: targets, to: sources)
      case 2:
        allFlow
          ? nil : CompressedAdjacency(nodeCount: n, from: sources, to: targets, include: isFlow)
      default:
        allFlow
          ? nil : CompressedAdjacency(nodeCount: n, from: targets, to: sources, include: isFlow)
      }
    }
    self.outgoing = built[0]!
    self.incoming = built[1]!
    // When every edge carries flow, the flow adjacency shares the storage of the full one.
    self.flowOut = built[2] ?? built[0]!
    self.flowIn = built[3] ?? built[1]!
    self.partGroups = PartGroups(flowIn: flowIn, partCodes: partCodes, requirements: requirements)
    self.dependencyIn = flowIn
    self.dependencyOut = flowOut
    self.failedNodes = []
    self.disabledEdges = []
  }

  /// This graph with `failed` nodes failed and `cut` edges out of service: every flow edge at
  /// a failed node and every cut edge leaves ``flowOut``/``flowIn`` (so reach and routes go
  /// around them), while part groups and ``dependencyIn`` keep them (so a failed supplier's
  /// customers stay unsupplied instead of becoming origins). Nodes and edges keep their
  /// indices; a node that fails is never supplied.
  /// - Complexity: O(*V* + *E*).
  package func applying(failed: [NodeIndex], cut: [EdgeIndex]) -> SupplyGraph {
    var failedNodes =
      self.failedNodes.isEmpty ? [Bool](repeating: false, count: nodeCount) : self.failedNodes
    for v in failed { failedNodes[Int(v)] = true }
    var disabled =
      self.disabledEdges.isEmpty ? [Bool](repeating: false, count: edgeCount) : self.disabledEdges
    for e in cut { disabled[Int(e)] = true }
    for e in 0..<edgeCount where failedNodes[Int(sources[e])] || failedNodes[Int(targets[e])] {
      disabled[e] = true
    }
    var live = isFlow
    for e in 0..<edgeCount where disabled[e] { live[e] = false }
    return SupplyGraph(
      scenarioOf: self, failedNodes: failedNodes, disabledEdges: disabled, live: live)
  }

  private init(scenarioOf g: SupplyGraph, failedNodes: [Bool], disabledEdges: [Bool], live: [Bool])
  {
    name = g.name
    description = g.description
    contextRelations = g.contextRelations
    idInterner = g.idInterner
    ids = g.ids
    names = g.names
    kinds = g.kinds
    kindCodes = g.kindCodes
    kindLabels = g.kindLabels
    sectors = g.sectors
    sectorCodes = g.sectorCodes
    sectorLabels = g.sectorLabels
    stages = g.stages
    stageCodes = g.stageCodes
    stageLabels = g.stageLabels
    tierValues = g.tierValues
    requirements = g.requirements
    nodeAttributes = g.nodeAttributes
    sources = g.sources
    targets = g.targets
    relationCodes = g.relationCodes
    relations = g.relations
    partCodes = g.partCodes
    partLabels = g.partLabels
    isFlow = g.isFlow
    edgeAttributes = g.edgeAttributes
    outgoing = g.outgoing
    incoming = g.incoming
    partGroups = g.partGroups
    dependencyIn = g.dependencyIn
    dependencyOut = g.dependencyOut
    self.failedNodes = failedNodes
    self.disabledEdges = disabledEdges
    let n = g.nodeCount
    let (s, t) = (g.sources, g.targets)
    let built = ParallelBuild.run(2, parallel: s.count >= 100_000) { k -> CompressedAdjacency in
      k == 0
        ? CompressedAdjacency(nodeCount: n, from: s, to: t, include: live)
        : CompressedAdjacency(nodeCount: n, from: t, to: s, include: live)
    }
    flowOut = built[0]
    flowIn = built[1]
  }

  /// Whether `node` fails in the applied scenario.
  package func isFailed(_ node: NodeIndex) -> Bool {
    !failedNodes.isEmpty && failedNodes[Int(node)]
  }

  /// Whether `edge` is out of service in the applied scenario.
  package func isDisabled(_ edge: EdgeIndex) -> Bool {
    !disabledEdges.isEmpty && disabledEdges[Int(edge)]
  }

  /// Whether a scenario with failures or cuts is applied.
  package var hasScenario: Bool { !failedNodes.isEmpty || !disabledEdges.isEmpty }

  // MARK: Sizes and lookup

  package var nodeCount: Int { ids.count }
  package var edgeCount: Int { sources.count }
  /// Every node index.
  package var nodes: Range<NodeIndex> { 0..<NodeIndex(ids.count) }
  /// Every edge index.
  package var edges: Range<EdgeIndex> { 0..<EdgeIndex(sources.count) }

  /// The index of the node with id `id`, or `nil` when there is none.
  /// - Complexity: O(length of `id`) expected.
  package func index(of id: String) -> NodeIndex? {
    idInterner.index(of: id)
  }

  /// The index of the node whose id has these UTF-8 bytes, or `nil`.
  package func index(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> NodeIndex? {
    idInterner.index(of: bytes)
  }

  // MARK: Node fields

  package func id(of node: NodeIndex) -> String { ids[Int(node)] }
  /// The display name: the `name` given, else the id.
  package func name(of node: NodeIndex) -> String {
    let n = names[Int(node)]
    return n.isEmpty ? ids[Int(node)] : n
  }
  /// The `name` as written, or `nil` when the input gave none.
  package func writtenName(of node: NodeIndex) -> String? {
    let n = names[Int(node)]
    return n.isEmpty ? nil : n
  }
  package func kind(of node: NodeIndex) -> NodeKind { kinds[Int(node)] }

  /// The text of a node's field as written: `sector`, `stage`, `kind`, `id`, `name`, `tier`,
  /// or any other node attribute (nil where the node has none).
  package func fieldText(_ field: String, of node: NodeIndex) -> String? {
    switch field {
    case "sector": sectorLabel(of: node)
    case "stage": stageLabel(of: node)
    case "kind": kindLabel(of: node) ?? kind(of: node).name
    case "id": id(of: node)
    case "name": name(of: node)
    case "tier": tier(of: node).map(String.init)
    default: nodeAttributes[field]?[Int(node)]?.description
    }
  }
  /// The kind as written (for an unknown kind, the user's text).
  package func kindLabel(of node: NodeIndex) -> String? {
    let c = kindCodes[Int(node)]
    return c < 0 ? nil : kindLabels[Int(c)]
  }
  /// The code of the kind as written (an index into ``kindLabels``), if it has one.
  package func kindCode(of node: NodeIndex) -> Int? {
    let c = kindCodes[Int(node)]
    return c < 0 ? nil : Int(c)
  }
  package func sector(of node: NodeIndex) -> Sector? { sectors[Int(node)] }
  package func sectorLabel(of node: NodeIndex) -> String? {
    let c = sectorCodes[Int(node)]
    return c < 0 ? nil : sectorLabels[Int(c)]
  }
  package func stage(of node: NodeIndex) -> Stage? { stages[Int(node)] }
  package func stageLabel(of node: NodeIndex) -> String? {
    let c = stageCodes[Int(node)]
    return c < 0 ? nil : stageLabels[Int(c)]
  }
  package func tier(of node: NodeIndex) -> Int? {
    let t = tierValues[Int(node)]
    return t == Int32.min ? nil : Int(t)
  }
  package func requirement(of node: NodeIndex) -> Requirement { requirements[Int(node)] }

  // MARK: Edge fields

  package func source(of edge: EdgeIndex) -> NodeIndex { sources[Int(edge)] }
  package func target(of edge: EdgeIndex) -> NodeIndex { targets[Int(edge)] }
  package func relation(of edge: EdgeIndex) -> Relation { relations[Int(relationCodes[Int(edge)])] }
  package func part(of edge: EdgeIndex) -> String? {
    let c = partCodes[Int(edge)]
    return c < 0 ? nil : partLabels[Int(c)]
  }

  /// The numeric value of edge attribute `name` on every edge (`nil` where absent), or `nil`
  /// when no edge has a numeric `name`.
  package func edgeNumbers(_ name: String) -> AttributeColumn? {
    edgeAttributes[name]
  }

  /// Whether any node has `requires: all` or any flow edge has a `part` label: the data asks
  /// for AND-of-ORs semantics.
  package var hasPartStructure: Bool {
    if requirements.contains(.all) { return true }
    for e in 0..<edgeCount where isFlow[e] && partCodes[e] >= 0 { return true }
    return false
  }
}

/// How a node combines its incoming flow edges (the `requires` node attribute).
package enum Requirement: UInt8, Sendable {
  /// Not given: edges group by `part` (unlabeled edges together).
  case unspecified
  /// `requires: any`: written explicitly; grouping as for unspecified.
  case any
  /// `requires: all`: every incoming flow edge is its own group.
  case all

  package var name: String? {
    switch self {
    case .unspecified: nil
    case .any: "any"
    case .all: "all"
    }
  }
}
