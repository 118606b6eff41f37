/// A dense node index: nodes are numbered `0..<nodeCount` in input order.
package typealias NodeIndex = Int32
/// A dense edge index: edges are numbered `0..<edgeCount` in input order.
package typealias EdgeIndex = Int32

/// Compressed sparse row adjacency: the neighbors of node `v` are
/// `neighbors[offsets[v]..<offsets[v+1]]`, reached over `edges[...]` at the same positions.
///
/// Within one node, neighbors keep the order of the edges in the input.
package struct CompressedAdjacency: Sendable {
  /// `nodeCount + 1` offsets into `neighbors` and `edges`.
  package let offsets: [Int32]
  /// The node at the other end of each entry.
  package let neighbors: [NodeIndex]
  /// The edge of each entry.
  package let edges: [EdgeIndex]

  /// Builds adjacency by a counting sort of the selected edges by `from`.
  ///
  /// - Parameters:
  ///   - nodeCount: the number of nodes.
  ///   - from: the node each edge is listed under.
  ///   - to: the node each edge leads to.
  ///   - include: which edges to include; `nil` includes all.
  /// - Complexity: O(*V* + *E*) time and space.
  package init(nodeCount: Int, from: [NodeIndex], to: [NodeIndex], include: [Bool]? = nil) {
    precondition(from.count == to.count, "from and to must have one entry per edge")
    var counts = [Int32](repeating: 0, count: nodeCount + 1)
    var total = 0
    from.withUnsafeBufferPointer { from in
      counts.withUnsafeMutableBufferPointer { counts in
        for e in 0..<from.count where include?[e] ?? true {
          counts[Int(from[e]) + 1] += 1
          total += 1
        }
        for v in 0..<nodeCount { counts[v + 1] += counts[v] }
      }
    }
    var cursor = counts
    var neighbors = [NodeIndex](repeating: 0, count: total)
    var edges = [EdgeIndex](repeating: 0, count: total)
    from.withUnsafeBufferPointer { from in
      to.withUnsafeBufferPointer { to in
        cursor.withUnsafeMutableBufferPointer { cursor in
          neighbors.withUnsafeMutableBufferPointer { neighbors in
            edges.withUnsafeMutableBufferPointer { edges in
              for e in 0..<from.count where include?[e] ?? true {
                let slot = Int(cursor[Int(from[e])])
                cursor[Int(from[e])] += 1
                neighbors[slot] = to[e]
                edges[slot] = EdgeIndex(e)
              }
            }
          }
        }
      }
    }
    self.offsets = counts
    self.neighbors = neighbors
    self.edges = edges
  }

  package var nodeCount: Int { offsets.count - 1 }
  package var entryCount: Int { neighbors.count }

  /// The number of entries of `node`.
  /// - Complexity: O(1).
  @inline(__always)
  package func degree(of node: NodeIndex) -> Int {
    Int(offsets[Int(node) + 1] - offsets[Int(node)])
  }

  /// The positions of `node`'s entries in `neighbors` and `edges`.
  /// - Complexity: O(1).
  @inline(__always)
  package func range(of node: NodeIndex) -> Range<Int> {
    Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1])
  }

  /// The neighbors of `node`.
  /// - Complexity: O(1) to make; the slice shares storage.
  package func neighbors(of node: NodeIndex) -> ArraySlice<NodeIndex> {
    neighbors[range(of: node)]
  }

  /// The edges of `node`.
  package func edges(of node: NodeIndex) -> ArraySlice<EdgeIndex> {
    edges[range(of: node)]
  }
}
