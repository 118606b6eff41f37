/// The part groups of every node's incoming flow edges: the AND-of-ORs structure of supply.
///
/// A node is supplied when, for every one of its groups, at least one edge of the group comes
/// from a supplied node. Incoming flow edges with the same `part` label form one group; the
/// unlabeled ones together form one group; `requires: all` makes every edge its own group.
///
/// Groups of node `v` are `nodeOffsets[v]..<nodeOffsets[v+1]`; the edges of group `g` are
/// `edges[groupOffsets[g]..<groupOffsets[g+1]]`, with their source nodes in `sources` at the
/// same positions. Groups of one node appear in order of first appearance of their label.
public struct PartGroups: Sendable {
  public let nodeOffsets: [Int32]
  public let groupOffsets: [Int32]
  public let edges: [EdgeIndex]
  public let sources: [NodeIndex]
  /// The part label code of each group (`-1` for the unlabeled group and `requires: all`).
  public let labels: [Int32]

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
        for i in range where partCodes[Int(flowIn.edges[i])] != first { allSame = false; break }
        if allSame {
          for i in range {
            edges.append(flowIn.edges[i])
            sources.append(flowIn.neighbors[i])
          }
          groupOffsets.append(Int32(edges.count))
          labels.append(first)
        } else if range.count <= 32 {
          // Few edges: a linear scan per label keeps this allocation-free.
          for i in range {
            let c = partCodes[Int(flowIn.edges[i])]
            if !order.contains(c) { order.append(c) }
          }
          for label in order {
            for i in range where partCodes[Int(flowIn.edges[i])] == label {
              edges.append(flowIn.edges[i])
              sources.append(flowIn.neighbors[i])
            }
            groupOffsets.append(Int32(edges.count))
            labels.append(label)
          }
        } else {
          // Many edges (a hub): rank labels by first appearance, then a stable sort by rank.
          var rank: [Int32: Int] = [:]
          for i in range {
            let c = partCodes[Int(flowIn.edges[i])]
            if rank[c] == nil { rank[c] = rank.count }
          }
          let positions = range.sorted { a, b in
            let ra = rank[partCodes[Int(flowIn.edges[a])]]!, rb = rank[partCodes[Int(flowIn.edges[b])]]!
            return ra != rb ? ra < rb : a < b
          }
          var previous: Int32? = nil
          for i in positions {
            let c = partCodes[Int(flowIn.edges[i])]
            if let p = previous, p != c {
              groupOffsets.append(Int32(edges.count))
              labels.append(p)
            }
            previous = c
            edges.append(flowIn.edges[i])
            sources.append(flowIn.neighbors[i])
          }
          if let p = previous {
            groupOffsets.append(Int32(edges.count))
            labels.append(p)
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
  public var groupCount: Int { groupOffsets.count - 1 }

  /// The groups of `node`.
  /// - Complexity: O(1).
  public func groups(of node: NodeIndex) -> Range<Int> {
    Int(nodeOffsets[Int(node)])..<Int(nodeOffsets[Int(node) + 1])
  }

  /// The positions (in ``edges`` and ``sources``) of group `group`.
  public func members(of group: Int) -> Range<Int> {
    Int(groupOffsets[group])..<Int(groupOffsets[group + 1])
  }
}
