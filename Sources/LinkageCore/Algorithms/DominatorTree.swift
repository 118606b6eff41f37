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
package struct DominatorTree: Sendable {
  /// The root's index (`nodeCount` for a virtual root).
  package let root: Int32
  /// The number of real nodes.
  package let nodeCount: Int
  /// The immediate dominator of each node (index `nodeCount` is the virtual root), `root` for
  /// nodes the root dominates directly, `-1` for the root itself and unreachable nodes.
  package let idom: [Int32]
  /// Preorder interval of every node in the dominator tree: `v` dominates `w` exactly when
  /// `enter[v] <= enter[w] < enter[v] + size[v]` (both reachable).
  package let enter: [Int32]
  package let size: [Int32]

  /// Builds the tree over `successors` from `root`. `predecessors` must be the reverse
  /// adjacency of `successors`. The optional virtual root has index `successors.nodeCount` and
  /// points to `virtualRootSuccessors`; give `root` as that index to use it.
  ///
  /// - Complexity: see the type.
  package init(
    successors: CompressedAdjacency, predecessors: CompressedAdjacency, root: Int32,
    virtualRootSuccessors: [NodeIndex] = []
  ) {
    let n = successors.nodeCount
    let total = n + 1  // room for a virtual root
    let virtual = Int32(n)
    self.root = root
    self.nodeCount = n
    // Raw buffers: the three loops below are the hot kernel, and bounds checks cost about a
    // third of it.
    let pre = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let vertex = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let parent = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let semi = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let label = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let ancestor = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let idomPre = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let stackNode = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let stackNext = UnsafeMutablePointer<Int>.allocate(capacity: total)
    let isVirtualSuccessor = UnsafeMutablePointer<Bool>.allocate(capacity: max(n, 1))
    defer {
      for p in [pre, vertex, parent, semi, label, ancestor, idomPre, stackNode] { p.deallocate() }
      stackNext.deallocate()
      isVirtualSuccessor.deallocate()
    }
    pre.initialize(repeating: -1, count: total)
    isVirtualSuccessor.initialize(repeating: false, count: n)
    for v in virtualRootSuccessors { isVirtualSuccessor[Int(v)] = true }
    var count = 0
    // 1. Iterative depth-first search from the root: preorder numbers and DFS parents.
    successors.offsets.withUnsafeBufferPointer { offsets in
      successors.neighbors.withUnsafeBufferPointer { neighbors in
        virtualRootSuccessors.withUnsafeBufferPointer { rootSuccessors in
          pre[Int(root)] = 0
          vertex[0] = root
          parent[0] = -1
          count = 1
          var top = 0
          stackNode[0] = root
          stackNext[0] = root == virtual ? 0 : Int(offsets[Int(root)])
          while top >= 0 {
            let v = stackNode[top]
            var next = stackNext[top]
            var child: Int32 = -1
            if v == virtual {
              while next < rootSuccessors.count {
                let w = rootSuccessors[next]
                next += 1
                if pre[Int(w)] < 0 {
                  child = w
                  break
                }
              }
            } else {
              let end = Int(offsets[Int(v) + 1])
              while next < end {
                let w = neighbors[next]
                next += 1
                if pre[Int(w)] < 0 {
                  child = w
                  break
                }
              }
            }
            stackNext[top] = next
            if child < 0 {
              top -= 1
              continue
            }
            pre[Int(child)] = Int32(count)
            vertex[count] = child
            parent[count] = pre[Int(v)]
            count += 1
            top += 1
            stackNode[top] = child
            stackNext[top] = Int(offsets[Int(child)])
          }
        }
      }
    }
    // 2. Semidominators, by preorder number, from the last vertex back to the first.
    for i in 0..<count {
      semi[i] = Int32(i)
      label[i] = Int32(i)
      ancestor[i] = -1
    }
    let path = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    defer { path.deallocate() }
    predecessors.offsets.withUnsafeBufferPointer { poff in
      predecessors.neighbors.withUnsafeBufferPointer { pnb in
        // Path-compressed evaluation: the vertex of least semidominator on the forest path to
        // `x`, compressing the path as it goes (iteratively).
        func eval(_ x: Int32) -> Int32 {
          if ancestor[Int(x)] < 0 { return x }
          var depth = 0
          var y = x
          var a = ancestor[Int(y)]
          while ancestor[Int(a)] >= 0 {
            path[depth] = y
            depth += 1
            y = a
            a = ancestor[Int(y)]
          }
          // `y`'s ancestor is a forest root; compress from the top down.
          var i = depth - 1
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
            if root == virtual && isVirtualSuccessor[w] {
              s = 0  // the virtual root is a predecessor
            }
            for k in Int(poff[w])..<Int(poff[w + 1]) {
              let p = pre[Int(pnb[k])]
              if p < 0 { continue }  // a predecessor the root cannot reach
              let u = p < i ? p : eval(p)
              if semi[Int(u)] < s { s = semi[Int(u)] }
            }
          }
          semi[i] = s
          ancestor[i] = parent[i]  // link
          i -= 1
        }
      }
    }
    // 3. Immediate dominators: the nearest ancestor at or above the semidominator.
    idomPre[0] = 0
    if count > 1 {
      for i in 1..<count {
        var d = parent[i]
        while d > semi[i] { d = idomPre[Int(d)] }
        idomPre[i] = d
      }
    }
    // 4. Map back to nodes, with a preorder of the dominator tree itself: subtree sizes in
    //    reverse DFS preorder (a node's immediate dominator comes earlier), then each node
    //    takes the next free slot under its immediate dominator, in DFS preorder.
    var idom = [Int32](repeating: -1, count: total)
    var enter = [Int32](repeating: -1, count: total)
    var size = [Int32](repeating: 0, count: total)
    let sizePre = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
    let slot = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
    defer {
      sizePre.deallocate()
      slot.deallocate()
    }
    sizePre.initialize(repeating: 1, count: count)
    var i = count - 1
    while i >= 1 {
      sizePre[Int(idomPre[i])] += sizePre[i]
      i -= 1
    }
    idom.withUnsafeMutableBufferPointer { idom in
      enter.withUnsafeMutableBufferPointer { enter in
        size.withUnsafeMutableBufferPointer { size in
          if count > 0 {
            slot[0] = 1
            enter[Int(vertex[0])] = 0
            size[Int(vertex[0])] = sizePre[0]
          }
          for i in 1..<max(count, 1) {
            let d = Int(idomPre[i])
            let v = Int(vertex[i])
            let position = slot[d]
            slot[d] += sizePre[i]
            slot[i] = position + 1
            enter[v] = position
            size[v] = sizePre[i]
            idom[v] = vertex[d]
          }
        }
      }
    }
    self.idom = idom
    self.enter = enter
    self.size = size
  }

  /// Whether the root reaches `node`.
  package func isReachable(_ node: Int32) -> Bool { enter[Int(node)] >= 0 }

  /// The immediate dominator of `node`, or `nil` for the root and unreachable nodes. For a
  /// virtual root the answer may be the root's index, `nodeCount`.
  package func immediateDominator(of node: Int32) -> Int32? {
    let d = idom[Int(node)]
    return d < 0 ? nil : d
  }

  /// Whether `a` dominates `b` (every node dominates itself).
  /// - Complexity: O(1).
  @inline(__always)
  package func dominates(_ a: Int32, _ b: Int32) -> Bool {
    let ea = enter[Int(a)]
    let eb = enter[Int(b)]
    return ea >= 0 && eb >= 0 && ea <= eb && eb < ea + size[Int(a)]
  }

  /// The strict dominators of `node`, nearest first, without the root.
  package func dominators(of node: Int32) -> [Int32] {
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
  package func supplyDominatorTree() -> DominatorTree {
    let origins = nodes.filter { flowIn.degree(of: $0) == 0 }
    return DominatorTree(
      successors: flowOut, predecessors: flowIn, root: NodeIndex(nodeCount),
      virtualRootSuccessors: origins)
  }
}
