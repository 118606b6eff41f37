import LinkageCore

/// A node of a ``SupplyChain``: a startup, supplier, integrator, buyer, program, agency…
///
/// Nodes and ``Link``s are distinct types, so a link can never be passed where a node is
/// expected. Two nodes are equal when they are the same node of the same load.
public struct Node: Sendable, Hashable, CustomStringConvertible {
  package let index: Int32
  /// The node's id in the input.
  public let id: String
  /// Its display name (the id when the input gives none).
  public let name: String
  /// Its kind as the input spells it (`startup`, `supplier`, `buyer`, …).
  public let kind: String
  /// `defense`, `industry` or `dual`, when the input gives one.
  public let sector: String?

  package init(_ graph: SupplyGraph, _ v: NodeIndex) {
    index = v
    id = graph.id(of: v)
    name = graph.name(of: v)
    kind = graph.kindLabel(of: v) ?? graph.kind(of: v).name
    sector = graph.sectorLabel(of: v)
  }

  public var description: String { id }

  public static func == (a: Node, b: Node) -> Bool { a.index == b.index && a.id == b.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}

/// A link (edge) of a ``SupplyChain``: who supplies, sells to, verifies, funds… whom.
public struct Link: Sendable, Hashable, CustomStringConvertible {
  package let index: Int32
  public let source: Node
  public let target: Node
  /// The relation as the input spells it (`supplies`, `sells_to`, `verified_in`, …).
  public let relation: String
  /// The part this link supplies, for integrators that need every part.
  public let part: String?

  package init(_ graph: SupplyGraph, _ e: EdgeIndex) {
    index = e
    source = Node(graph, graph.source(of: e))
    target = Node(graph, graph.target(of: e))
    relation = graph.relation(of: e).name
    part = graph.part(of: e)
  }

  public var description: String { "\(source.id) —\(relation)→ \(target.id)" }

  public static func == (a: Link, b: Link) -> Bool { a.index == b.index && a.source == b.source }
  public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}
