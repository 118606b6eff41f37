/// A walk through the graph: `nodes[0] —edges[0]→ nodes[1] … nodes[k]`.
///
/// `edges.count == nodes.count - 1`; a path of one node has no edges.
package struct Path: Hashable, Sendable {
  package let nodes: [NodeIndex]
  package let edges: [EdgeIndex]

  package init(nodes: [NodeIndex], edges: [EdgeIndex]) {
    precondition(nodes.count == edges.count + 1, "a path has one more node than edges")
    self.nodes = nodes
    self.edges = edges
  }

  /// The number of edges.
  package var hops: Int { edges.count }
}
