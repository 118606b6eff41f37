//===----------------------------------------------------------------------===//
// DominatorTree
//===----------------------------------------------------------------------===//

/// The dominator tree of a directed graph from a root: node *d* dominates *v* when every path
/// from the root to *v* passes through *d*.
///
/// Built by SEMI-NCA (Georgiadis, Tarjan & Werneck 2006), a simplification of Lengauer &
/// Tarjan (1979): semidominators by path-compressed evaluation over a depth-first spanning
/// tree, then immediate dominators as nearest common ancestors. Every step is iterative, so a
/// chain of a million nodes does not overflow the stack.
///
/// The root may be *virtual*: ``init(flowOf:)`` roots the tree at a node `V` (one past the last
/// real node) joined to every origin, which is how supply reaches a network.
///
///     let tree = graph.supplyDominatorTree()
///     tree.immediateDominator(of: navy)   // the node every supply route to navy passes last
///
/// - Complexity: O(*E* log *V*) time for the semidominators (path compression without
///   balancing) plus the NCA walk, near-linear in practice; O(*V*) extra space, where *V*
///   counts nodes and *E* edges.
public struct DominatorTree: Sendable {
  /// The root's index (`nodeCount` for a virtual root).
  public let root: Int32
  /// The number of real nodes.
  public let nodeCount: Int
  /// The immediate dominator of each node (index `nodeCount` is the virtual root), `root` for
  /// nodes the root dominates directly, `-1` for the root itself and unreachable nodes.
  public let idom: [Int32]
  /// Preorder interval of every node in the dominator tree: `v` dominates `w` exactly when
  /// `enter[v] <= enter[w] < enter[v] + size[v]` (both reachable).
  public let enter: [Int32]
  public let size: [Int32]
  /// Children in the dominator tree, compressed: the children of `v` are
  /// `children[childOffsets[v]..<childOffsets[v+1]]`, in index order.
  public let childOffsets: [Int32]
  public let children: [Int32]

  /// Builds the tree over `successors` from `root`. `predecessors` must be the reverse
  /// adjacency of `successors`. The optional virtual root has index `successors.nodeCount` and
  /// points to `virtualRootSuccessors`; give `root` as that index to use it.
  ///
  /// - Complexity: see the type.
  public init(
    successors: CompressedAdjacency, predecessors: CompressedAdjacency, root: Int32,
    virtualRootSuccessors: [NodeIndex] = []
  ) {
    let n = successors.nodeCount
    let total = n + 1  // room for a virtual root
    let virtual = Int32(n)
    self.root = root
    self.nodeCount = n
    // 1. Iterative depth-first search from the root: preorder numbers and DFS parents.
    var pre = [Int32](repeating: -1, count: total)
    var vertex = [Int32]()
    vertex.reserveCapacity(total)
    var parent = [Int32]()  // by preorder number
    parent.reserveCapacity(total)
    var isVirtualSuccessor = [Bool](repeating: false, count: n)
    for v in virtualRootSuccessors { isVirtualSuccessor[Int(v)] = true }
    successors.offsets.withUnsafeBufferPointer { offsets in
      successors.neighbors.withUnsafeBufferPointer { neighbors in
        var stack: [(node: Int32, next: Int)] = []
        pre[Int(root)] = 0
        vertex.append(root)
        parent.append(-1)
        stack.append((root, root == virtual ? 0 : Int(offsets[Int(root)])))
        while !stack.isEmpty {
          let top = stack.count - 1
          let v = stack[top].node
          var next = stack[top].next
          var child: Int32 = -1
          if v == virtual {
            while next < virtualRootSuccessors.count {
              let w = virtualRootSuccessors[next]
              next += 1
              if pre[Int(w)] < 0 { child = w; break }
            }
          } else {
            let end = Int(offsets[Int(v) + 1])
            while next < end {
              let w = neighbors[next]
              next += 1
              if pre[Int(w)] < 0 { child = w; break }
            }
          }
          stack[top].next = next
          if child < 0 {
            stack.removeLast()
            continue
          }
          pre[Int(child)] = Int32(vertex.count)
          vertex.append(child)
          parent.append(pre[Int(v)])
          stack.append((child, Int(offsets[Int(child)])))
        }
      }
    }
    let count = vertex.count
    // 2. Semidominators, by preorder number, from the last vertex back to the first.
    var semi = [Int32](0..<Int32(count))
    var label = [Int32](0..<Int32(count))
    var ancestor = [Int32](repeating: -1, count: count)
    var path: [Int32] = []
    predecessors.offsets.withUnsafeBufferPointer { poff in
      predecessors.neighbors.withUnsafeBufferPointer { pnb in
        semi.withUnsafeMutableBufferPointer { semi in
          label.withUnsafeMutableBufferPointer { label in
            ancestor.withUnsafeMutableBufferPointer { ancestor in
              // Path-compressed evaluation: the vertex of least semidominator on the forest
              // path to `x`, compressing the path as it goes (iteratively).
              func eval(_ x: Int32) -> Int32 {
                if ancestor[Int(x)] < 0 { return x }
                path.removeAll(keepingCapacity: true)
                var y = x
                while ancestor[Int(ancestor[Int(y)])] >= 0 {
                  path.append(y)
                  y = ancestor[Int(y)]
                }
                // `y`'s ancestor is a forest root; compress from the top down.
                var i = path.count - 1
                while i >= 0 {
                  let z = path[i]
                  let a = ancestor[Int(z)]
                  if semi[Int(label[Int(a)])] < semi[Int(label[Int(z)])] { label[Int(z)] = label[Int(a)] }
                  ancestor[Int(z)] = ancestor[Int(a)]
                  i -= 1
                }
                return label[Int(x)]
              }
              var i = count - 1
              while i >= 1 {
                let w = Int(vertex[i])
                var s = semi[i]
                if w < n {
                  if isVirtualSuccessor[w] && root == virtual {
                    s = 0  // the virtual root is a predecessor
                  }
                  for k in Int(poff[w])..<Int(poff[w + 1]) {
                    let p = pre[Int(pnb[k])]
                    if p < 0 { continue }  // a predecessor the root cannot reach
                    let u = eval(p)
                    if semi[Int(u)] < s { s = semi[Int(u)] }
                  }
                }
                semi[i] = s
                ancestor[i] = parent[i]  // link
                i -= 1
              }
            }
          }
        }
      }
    }
    // 3. Immediate dominators: the nearest ancestor at or above the semidominator.
    var idomPre = [Int32](repeating: 0, count: count)
    if count > 1 {
      for i in 1..<count {
        var d = parent[i]
        while d > semi[i] { d = idomPre[Int(d)] }
        idomPre[i] = d
      }
    }
    var idom = [Int32](repeating: -1, count: total)
    for i in 1..<max(count, 1) { idom[Int(vertex[i])] = vertex[Int(idomPre[i])] }
    self.idom = idom
    // 4. The tree itself: children lists and preorder intervals (iteratively).
    var childCount = [Int32](repeating: 0, count: total + 1)
    for v in 0..<total where idom[v] >= 0 { childCount[Int(idom[v]) + 1] += 1 }
    for v in 0..<total { childCount[v + 1] += childCount[v] }
    var cursor = childCount
    var children = [Int32](repeating: 0, count: Int(childCount[total]))
    for v in 0..<total where idom[v] >= 0 {
      let p = Int(idom[v])
      children[Int(cursor[p])] = Int32(v)
      cursor[p] += 1
    }
    var enter = [Int32](repeating: -1, count: total)
    var size = [Int32](repeating: 0, count: total)
    var order: [Int32] = []
    order.reserveCapacity(count)
    var stack: [Int32] = [root]
    while let v = stack.popLast() {
      enter[Int(v)] = Int32(order.count)
      order.append(v)
      var k = Int(childCount[Int(v) + 1]) - 1
      while k >= Int(childCount[Int(v)]) {
        stack.append(children[k])
        k -= 1
      }
    }
    for v in order.reversed() {
      size[Int(v)] += 1
      if idom[Int(v)] >= 0 { size[Int(idom[Int(v)])] += size[Int(v)] }
    }
    self.enter = enter
    self.size = size
    self.childOffsets = childCount
    self.children = children
  }

  /// Whether the root reaches `node`.
  public func isReachable(_ node: Int32) -> Bool { enter[Int(node)] >= 0 }

  /// The immediate dominator of `node`, or `nil` for the root and unreachable nodes. For a
  /// virtual root the answer may be the root's index, `nodeCount`.
  public func immediateDominator(of node: Int32) -> Int32? {
    let d = idom[Int(node)]
    return d < 0 ? nil : d
  }

  /// Whether `a` dominates `b` (every node dominates itself).
  /// - Complexity: O(1).
  @inline(__always)
  public func dominates(_ a: Int32, _ b: Int32) -> Bool {
    let ea = enter[Int(a)], eb = enter[Int(b)]
    return ea >= 0 && eb >= 0 && ea <= eb && eb < ea + size[Int(a)]
  }

  /// The nodes `node` dominates directly.
  public func children(of node: Int32) -> ArraySlice<Int32> {
    children[Int(childOffsets[Int(node)])..<Int(childOffsets[Int(node) + 1])]
  }

  /// The strict dominators of `node`, nearest first, without the root.
  public func dominators(of node: Int32) -> [Int32] {
    var out: [Int32] = []
    var d = idom[Int(node)]
    while d >= 0 && d != root {
      out.append(d)
      d = idom[Int(d)]
    }
    return out
  }
}

extension SupplyGraph {
  /// Returns the dominator tree of the flow graph rooted at a virtual source joined to every
  /// origin (node without incoming flow edges): `x` dominates `v` exactly when `x`'s failure
  /// alone cuts `v` off from supply under OR semantics.
  /// - Complexity: see ``DominatorTree``.
  public func supplyDominatorTree() -> DominatorTree {
    let origins = nodes.filter { flowIn.degree(of: $0) == 0 }
    return DominatorTree(successors: flowOut, predecessors: flowIn, root: NodeIndex(nodeCount), virtualRootSuccessors: origins)
  }
}
