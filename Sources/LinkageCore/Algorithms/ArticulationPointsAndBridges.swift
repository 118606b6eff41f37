//===----------------------------------------------------------------------===//
// articulationPointsAndBridges()
//===----------------------------------------------------------------------===//

/// The structure of the undirected view of the flow graph, as NetworkX and igraph report it:
/// articulation points (nodes whose removal disconnects their component), bridges (links whose
/// removal does) and biconnected components.
///
/// Direction is ignored; so is every supply rule — this is the view users of general graph
/// libraries know, not a supply answer. Each edge is a separate link: two parallel edges, or a
/// pair A→B, B→A, make a cycle, so neither is a bridge (as igraph counts; NetworkX collapses a
/// multigraph's parallel edges). Self-loops are ignored.
package struct UndirectedStructure: Sendable {
  /// Articulation points, in index order.
  package let articulationPoints: [NodeIndex]
  /// Bridges, in edge order.
  package let bridges: [EdgeIndex]
  /// The number of biconnected components (blocks with at least one link).
  package let biconnectedComponentCount: Int
  /// The number of nodes in the largest biconnected component.
  package let largestBiconnectedComponent: Int
}

extension SupplyGraph {
  /// Returns the articulation points, bridges and biconnected components of the undirected
  /// view of the flow edges, in one depth-first pass.
  ///
  /// Hopcroft & Tarjan (1973), with an explicit stack (no recursion) and an edge stack for the
  /// components. A child reached over edge *e* ignores only *e* itself on its way back, not its
  /// parent, so parallel edges count as separate links.
  ///
  /// - Complexity: O(*V* + *E*) time and O(*V* + *E*) extra space (the edge stack), where *E*
  ///   counts flow edges.
  package func articulationPointsAndBridges() -> UndirectedStructure {
    let n = nodeCount
    let out = flowOut
    let inn = flowIn
    // Scratch in raw buffers: this is a hot kernel, and bounds checks cost a third of it.
    let disc = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let low = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let isArticulation = UnsafeMutablePointer<Bool>.allocate(capacity: max(n, 1))
    // The depth-first stack as parallel arrays: node, entering edge, next neighbor position
    // (over outgoing entries, then incoming ones), children count.
    let stackNode = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let stackVia = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let stackNext = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let stackChildren = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let edgeStack = UnsafeMutablePointer<Int32>.allocate(capacity: max(out.entryCount, 1))
    defer {
      for p in [disc, low, stackNode, stackVia, stackNext, stackChildren, edgeStack] {
        p.deallocate()
      }
      isArticulation.deallocate()
    }
    disc.initialize(repeating: -1, count: n)
    isArticulation.initialize(repeating: false, count: n)
    var bridges: [EdgeIndex] = []
    var componentCount: Int32 = 0
    var largest = 0
    var time: Int32 = 0
    var edgeTop = 0
    let treeFlag = Int32.min  // marks tree edges on the edge stack
    out.offsets.withUnsafeBufferPointer { outOffsets in
      out.neighbors.withUnsafeBufferPointer { outNeighbors in
        out.edges.withUnsafeBufferPointer { outEdges in
          inn.offsets.withUnsafeBufferPointer { inOffsets in
            inn.neighbors.withUnsafeBufferPointer { inNeighbors in
              inn.edges.withUnsafeBufferPointer { inEdges in
                for root in 0..<n where disc[root] < 0 {
                  var top = 0
                  disc[root] = time
                  low[root] = time
                  time += 1
                  stackNode[0] = Int32(root)
                  stackVia[0] = -1
                  stackNext[0] = 0
                  stackChildren[0] = 0
                  while top >= 0 {
                    let v = Int(stackNode[top])
                    let outStart = Int(outOffsets[v])
                    let outCount = Int(outOffsets[v + 1]) - outStart
                    let inStart = Int(inOffsets[v])
                    let total = outCount + Int(inOffsets[v + 1]) - inStart
                    let via = stackVia[top]
                    var k = Int(stackNext[top])
                    var descended = false
                    while k < total {
                      let w: Int
                      let e: Int32
                      if k < outCount {
                        w = Int(outNeighbors[outStart + k])
                        e = outEdges[outStart + k]
                      } else {
                        w = Int(inNeighbors[inStart + k - outCount])
                        e = inEdges[inStart + k - outCount]
                      }
                      k += 1
                      if w == v || e == via { continue }
                      let dw = disc[w]
                      if dw < 0 {
                        edgeStack[edgeTop] = e | treeFlag
                        edgeTop += 1
                        disc[w] = time
                        low[w] = time
                        time += 1
                        stackNext[top] = Int32(k)
                        stackChildren[top] += 1
                        top += 1
                        stackNode[top] = Int32(w)
                        stackVia[top] = e
                        stackNext[top] = 0
                        stackChildren[top] = 0
                        descended = true
                        break
                      } else if dw < disc[v] {
                        // A back edge to an ancestor; each link is seen from both ends, and
                        // only the visit from the later node counts.
                        edgeStack[edgeTop] = e
                        edgeTop += 1
                        if dw < low[v] { low[v] = dw }
                      }
                    }
                    if descended { continue }
                    // v is finished.
                    if top == 0 {
                      if stackChildren[0] >= 2 { isArticulation[v] = true }
                      top -= 1
                      continue
                    }
                    let p = Int(stackNode[top - 1])
                    if low[v] < low[p] { low[p] = low[v] }
                    if low[v] > disc[p] { bridges.append(via) }
                    if low[v] >= disc[p] {
                      if top - 1 > 0 { isArticulation[p] = true }
                      // Pop the block's links down to the tree edge p–v. Its tree edges span
                      // its nodes, so it has one node more than tree edges.
                      componentCount += 1
                      var size = 1
                      while edgeTop > 0 {
                        edgeTop -= 1
                        let f = edgeStack[edgeTop]
                        if f & treeFlag != 0 {
                          size += 1
                          if f == via | treeFlag { break }
                        }
                      }
                      if size > largest { largest = size }
                    }
                    top -= 1
                  }
                }
              }
            }
          }
        }
      }
    }
    var points: [NodeIndex] = []
    for v in 0..<n where isArticulation[v] { points.append(NodeIndex(v)) }
    bridges.sort()
    return UndirectedStructure(
      articulationPoints: points, bridges: bridges,
      biconnectedComponentCount: Int(componentCount), largestBiconnectedComponent: largest)
  }
}
