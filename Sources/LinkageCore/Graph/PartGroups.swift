/// The part groups of every node's incoming flow edges: the AND-of-ORs structure of supply.
///
/// A node is supplied when, for every one of its groups, at least one edge of the group comes
/// from a supplied node. Incoming flow edges with the same `part` label form one group; the
/// unlabeled ones together form one group; `requires: all` makes every edge its own group.
///
/// Groups of node `v` are `nodeOffsets[v]..<nodeOffsets[v+1]`; the edges of group `g` are
/// `edges[groupOffsets[g]..<groupOffsets[g+1]]`, with their source nodes in `sources` at the
/// same positions. Groups of one node appear in order of first appearance of their label.
package struct PartGroups: Sendable {
  package let nodeOffsets: [Int32]
  package let groupOffsets: [Int32]
  package let edges: [EdgeIndex]
  package let sources: [NodeIndex]
  /// The part label code of each group (`-1` for the unlabeled group and `requires: all`).
  package let labels: [Int32]

  /// - Complexity: O(*V* + *E*) time, O(*E*) extra space, where *E* counts flow edges.
  init(flowIn: CompressedAdjacency, partCodes: [Int32], requirements: [Requirement]) {
    let n = flowIn.nodeCount
    var nodeOffsets = [Int32](repeating: 0, count: n + 1)
    var groupOffsets: [Int32] = [0]
    var edges: [EdgeIndex] = []
    var sources: [NodeIndex] = []
    var labels: [Int32] = []
    edges.reserveCapacity(flowIn.entryCount)
    sources.reserveCapacity(flowIn.entryCount)
    groupOffsets.reserveCapacity(n + 1)
    labels.reserveCapacity(n)
    var order: [Int32] = []  // distinct labels of the current node in first-seen order
    var rank: [Int32] = []  // each in-edge's label rank
    var counts: [Int] = []
    for v in 0..<n {
      let range = flowIn.range(of: NodeIndex(v))
      if requirements[v] == .all {
        for i in range {
          edges.append(flowIn.edges[i])
          sources.append(flowIn.neighbors[i])
          groupOffsets.append(Int32(edges.count))
          labels.append(-1)
        }
      } else if !range.isEmpty {
        order.removeAll(keepingCapacity: true)
        var allSame = true
        let first = partCodes[Int(flowIn.edges[range.lowerBound])]
        for i in range where partCodes[Int(flowIn.edges[i])] != first {
          allSame = false
          break
        }
        if allSame {
          for i in range {
            edges.append(flowIn.edges[i])
            sources.append(flowIn.neighbors[i])
          }
          groupOffsets.append(Int32(edges.count))
          labels.append(first)
        } else {
          // Distinct labels in first-seen order (few per node: a linear scan), then a stable
          // counting sort of the node's edges by label rank.
          order.removeAll(keepingCapacity: true)
          rank.removeAll(keepingCapacity: true)
          var many: [Int32: Int] = [:]  // used only when a node has many distinct labels
          for i in range {
            let c = partCodes[Int(flowIn.edges[i])]
            var r = order.count <= 64 ? (order.firstIndex(of: c) ?? -1) : (many[c] ?? -1)
            if r < 0 {
              r = order.count
              order.append(c)
              if order.count == 65 {
                for (k, label) in order.enumerated() { many[label] = k }
              } else if order.count > 65 {
                many[c] = r
              }
            }
            rank.append(Int32(r))
          }
          counts.removeAll(keepingCapacity: true)
          counts.append(contentsOf: repeatElement(0, count: order.count + 1))
          for r in rank { counts[Int(r) + 1] += 1 }
          for k in 0..<order.count { counts[k + 1] += counts[k] }
          let base = edges.count
          edges.append(contentsOf: repeatElement(0, count: range.count))
          sources.append(contentsOf: repeatElement(0, count: range.count))
          for (j, i) in range.enumerated() {
            let slot = base + counts[Int(rank[j])]
            counts[Int(rank[j])] += 1
            edges[slot] = flowIn.edges[i]
            sources[slot] = flowIn.neighbors[i]
          }
          // After placement counts[k] is the end of group k.
          for (k, label) in order.enumerated() {
            groupOffsets.append(Int32(base + counts[k]))
            labels.append(label)
          }
        }
      }
      nodeOffsets[v + 1] = Int32(groupOffsets.count - 1)
    }
    self.nodeOffsets = nodeOffsets
    self.groupOffsets = groupOffsets
    self.edges = edges
    self.sources = sources
    self.labels = labels
  }

  /// The number of groups over all nodes.
  package var groupCount: Int { groupOffsets.count - 1 }

  /// The groups of `node`.
  /// - Complexity: O(1).
  package func groups(of node: NodeIndex) -> Range<Int> {
    Int(nodeOffsets[Int(node)])..<Int(nodeOffsets[Int(node) + 1])
  }

  /// The positions (in ``edges`` and ``sources``) of group `group`.
  package func members(of group: Int) -> Range<Int> {
    Int(groupOffsets[group])..<Int(groupOffsets[group + 1])
  }
}
