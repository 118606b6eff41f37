/// A what-if, resolved against one graph: the nodes that fail, the links that are cut and what
/// was added on top, each change with the nodes or links it touched.
///
/// Failures are applied by ``SupplyGraph/applying(failed:cut:)``: a failed node stays in the
/// graph, never supplied, so its customers lose it as a source instead of turning into
/// origins; reach and routes go around it.
///
///     let scenario = Scenario(changes: [.fail(nodes: [kseed])])
///     let whatIf = scenario.apply(to: graph)
///     SinglePointsOfFailure(network: SupplyNetwork(graph: whatIf, semantics: .parts), …)
package struct Scenario: Sendable {
  /// One change, as the user stated it, with what it touched.
  package enum Change: Sendable {
    /// Named nodes fail.
    case fail(nodes: [NodeIndex])
    /// Every node a selector matches fails together.
    case failWhere(selector: String, nodes: [NodeIndex])
    /// Links fail: every edge a `SRC>DST[:relation]` spec names.
    case cut(spec: String, edges: [EdgeIndex])
    /// Nodes and links added from a file (indices in the combined graph).
    case add(file: String, nodes: [NodeIndex], edges: Range<EdgeIndex>)
  }

  /// The scenario's name, from a scenario file.
  package var name: String?
  /// The scenario file it came from, if any.
  package var file: String?
  package var changes: [Change]

  package init(name: String? = nil, file: String? = nil, changes: [Change]) {
    self.name = name
    self.file = file
    self.changes = changes
  }

  /// Whether the scenario changes nothing.
  package var isEmpty: Bool { changes.isEmpty }

  /// Every failed node, in index order, each once.
  package var failedNodes: [NodeIndex] {
    var out: [NodeIndex] = []
    for c in changes {
      switch c {
      case .fail(let nodes), .failWhere(_, let nodes): out += nodes
      default: break
      }
    }
    return Array(Set(out)).sorted()
  }

  /// Every cut edge, in index order, each once.
  package var cutEdges: [EdgeIndex] {
    var out: [EdgeIndex] = []
    for case .cut(_, let edges) in changes { out += edges }
    return Array(Set(out)).sorted()
  }

  /// Every added node, in index order.
  package var addedNodes: [NodeIndex] {
    var out: [NodeIndex] = []
    for case .add(_, let nodes, _) in changes { out += nodes }
    return out.sorted()
  }

  /// Every added edge, in index order.
  package var addedEdges: [EdgeIndex] {
    var out: [EdgeIndex] = []
    for case .add(_, _, let edges) in changes { out += Array(edges) }
    return out.sorted()
  }

  /// `graph` (which already holds any additions) with the failures and cuts applied.
  /// - Complexity: O(*V* + *E*).
  package func apply(to graph: SupplyGraph) -> SupplyGraph {
    let failed = failedNodes
    let cut = cutEdges
    if failed.isEmpty && cut.isEmpty { return graph }
    return graph.applying(failed: failed, cut: cut)
  }
}
