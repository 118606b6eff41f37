/// A list of nodes per node, stored flat (offsets into one array): the compact form of a
/// `[NodeIndex: [NodeIndex]]` that output loops can read without hashing.
package struct NodeLists: Sendable {
  private let offsets: [Int32]
  private let items: [NodeIndex]

  /// Builds the lists from `(node, list)` pairs; nodes not named get an empty list.
  /// - Complexity: O(*V* + total list length).
  package init(nodeCount: Int, lists: [(node: NodeIndex, list: [NodeIndex])]) {
    var length = [Int32](repeating: 0, count: nodeCount + 1)
    for (v, list) in lists { length[Int(v) + 1] = Int32(list.count) }
    for i in 0..<nodeCount { length[i + 1] += length[i] }
    var items = [NodeIndex](repeating: -1, count: Int(length[nodeCount]))
    for (v, list) in lists {
      var k = Int(length[Int(v)])
      for w in list {
        items[k] = w
        k += 1
      }
    }
    self.offsets = length
    self.items = items
  }

  /// The list of `node` (empty when it has none).
  /// - Complexity: O(1).
  package subscript(node: NodeIndex) -> ArraySlice<NodeIndex> {
    items[Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1])]
  }

  /// Calls `body` with each item of the list of `node`, without making a slice.
  /// - Complexity: O(length of the list).
  @inline(__always)
  package func forEach(of node: NodeIndex, _ body: (NodeIndex) -> Void) {
    for i in Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1]) { body(items[i]) }
  }

  /// How many nodes have a non-empty list.
  package var nonEmptyCount: Int {
    var count = 0
    for i in 0..<(offsets.count - 1) where offsets[i + 1] > offsets[i] { count += 1 }
    return count
  }
}
