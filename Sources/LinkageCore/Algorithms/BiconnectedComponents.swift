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
public struct UndirectedStructure: Sendable {
  /// Articulation points, in index order.
  public let articulationPoints: [NodeIndex]
  /// Bridges, in edge order.
  public let bridges: [EdgeIndex]
  /// The number of biconnected components (blocks with at least one link).
  public let biconnectedComponentCount: Int
  /// The number of nodes in the largest biconnected component.
  public let largestBiconnectedComponent: Int
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
  public func articulationPointsAndBridges() -> UndirectedStructure {
    let n = nodeCount
    var disc = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var isArticulation = [Bool](repeating: false, count: n)
    var bridges: [EdgeIndex] = []
    var edgeStack: [EdgeIndex] = []
    var componentCount = 0
    var largest = 0
    var seenStamp = [Int32](repeating: -1, count: n)
    // Frame: node, the edge it was reached by, and the position in its neighbor list, which
    // runs over outgoing flow entries then incoming ones.
    struct Frame {
      var node: Int32
      var via: EdgeIndex
      var next: Int
      var children: Int32
    }
    var stack: [Frame] = []
    var time: Int32 = 0
    let out = flowOut, inn = flowIn
    for root in 0..<n where disc[root] < 0 {
      disc[root] = time
      low[root] = time
      time += 1
      stack.append(Frame(node: Int32(root), via: -1, next: 0, children: 0))
      while !stack.isEmpty {
        let top = stack.count - 1
        let v = Int(stack[top].node)
        let outCount = out.degree(of: Int32(v))
        let total = outCount + inn.degree(of: Int32(v))
        var descended = false
        while stack[top].next < total {
          let k = stack[top].next
          stack[top].next += 1
          let w: Int, e: EdgeIndex
          if k < outCount {
            let i = Int(out.offsets[v]) + k
            w = Int(out.neighbors[i])
            e = out.edges[i]
          } else {
            let i = Int(inn.offsets[v]) + k - outCount
            w = Int(inn.neighbors[i])
            e = inn.edges[i]
          }
          if w == v || e == stack[top].via { continue }
          if disc[w] < 0 {
            edgeStack.append(e)
            disc[w] = time
            low[w] = time
            time += 1
            stack[top].children += 1
            stack.append(Frame(node: Int32(w), via: e, next: 0, children: 0))
            descended = true
            break
          } else if disc[w] < disc[v] {
            // A back edge to an ancestor (each undirected link is seen from both ends; keep
            // only the visit from the later node).
            edgeStack.append(e)
            low[v] = min(low[v], disc[w])
          }
        }
        if descended { continue }
        let frame = stack.removeLast()
        guard let parentFrame = stack.last else {
          if frame.children >= 2 { isArticulation[v] = true }
          continue
        }
        let p = Int(parentFrame.node)
        low[p] = min(low[p], low[v])
        if low[v] > disc[p] { bridges.append(frame.via) }
        if low[v] >= disc[p] {
          if parentFrame.via >= 0 { isArticulation[p] = true }
          // Pop the block's links down to the tree edge p–v and count its nodes.
          componentCount += 1
          var size = 0
          let stamp = Int32(componentCount)
          while let f = edgeStack.popLast() {
            let a = Int(sources[Int(f)]), b = Int(targets[Int(f)])
            if seenStamp[a] != stamp {
              seenStamp[a] = stamp
              size += 1
            }
            if seenStamp[b] != stamp {
              seenStamp[b] = stamp
              size += 1
            }
            if f == frame.via { break }
          }
          largest = max(largest, size)
        }
      }
    }
    return UndirectedStructure(
      articulationPoints: (0..<n).filter { isArticulation[$0] }.map { NodeIndex($0) },
      bridges: bridges.sorted(),
      biconnectedComponentCount: componentCount,
      largestBiconnectedComponent: largest)
  }
}
