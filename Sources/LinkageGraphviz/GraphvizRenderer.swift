import CGraphviz
import LinkageCore

/// Renders a ``Diagram`` with Graphviz in process: the graph is built in memory through the
/// cgraph API (no DOT text is fed back to Graphviz, so no firm name can change the graph),
/// laid out with `gvLayout` and rendered with `gvRenderData`. This file is Linkage's only
/// contact with C.
///
/// Graphviz is not thread-safe, so every call goes through one lock.
package enum GraphvizRenderer {
  /// Output formats Graphviz renders here.
  package enum Format: String, Sendable, CaseIterable {
    case svg, png, pdf
  }

  /// A laid-out drawing's width and height in points.
  package struct DrawingSize: Sendable, Equatable {
    package var width: Double
    package var height: Double
  }

  package struct Failure: Error, CustomStringConvertible {
    package let description: String
  }

  private static let lock = PosixLock()

  /// Lays `diagram` out with `engine` (dot or neato) and renders it.
  /// - Throws: ``Failure`` when Graphviz refuses the layout or the format.
  package static func render(
    _ diagram: Diagram, format: Format, engine: String = "dot"
  ) throws -> [UInt8] {
    let readable = diagram.withReadableText()
    return try lock.withLock { try renderLocked(readable, format: format, engine: engine) }
  }

  /// Calls `body` with a mutable C copy of `text` (cgraph copies what it keeps).
  private static func withC<R>(
    _ text: String, _ body: (UnsafeMutablePointer<CChar>) throws -> R
  ) rethrows -> R {
    var bytes = Array(text.utf8CString)
    return try bytes.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
  }

  private static func set(_ object: UnsafeMutableRawPointer, _ attribute: String, _ value: String) {
    withC(attribute) { a in withC(value) { v in withC("") { d in _ = agsafeset(object, a, v, d) } }
    }
  }

  /// Sets `object`'s label to the HTML-like label `html`.
  private static func setHTML(
    _ object: UnsafeMutableRawPointer, _ html: String, in graph: UnsafeMutablePointer<Agraph_t>
  ) {
    guard let h = withC(html, { agstrdup_html(graph, $0) }) else { return }
    withC("label") { a in withC("") { d in _ = agsafeset(object, a, h, d) } }
    agstrfree(graph, h)
  }

  /// The size of `diagram` laid out with `engine`, in points (title and legend included), for
  /// choosing a layout that fits a frame (``SlideFit``).
  /// - Throws: ``Failure`` when Graphviz refuses the layout.
  package static func drawingSize(_ diagram: Diagram, engine: String = "dot") throws -> DrawingSize
  {
    let readable = diagram.withReadableText()
    return try lock.withLock {
      try withLayout(readable, engine: engine) { _, graph in
        var width = 0.0
        var height = 0.0
        linkage_drawing_size(graph, &width, &height)
        return DrawingSize(width: width, height: height)
      }
    }
  }

  private static func renderLocked(
    _ diagram: Diagram, format: Format, engine: String
  ) throws -> [UInt8] {
    try withLayout(diagram, engine: engine) { gvc, graph in
      var data: UnsafeMutablePointer<CChar>? = nil
      var length: UInt32 = 0
      let status = format.rawValue.withCString { gvRenderData(gvc, graph, $0, &data, &length) }
      guard status == 0, let data else {
        throw Failure(description: "Graphviz: rendering \(format.rawValue) failed")
      }
      defer { gvFreeRenderData(data) }
      return [UInt8](UnsafeRawBufferPointer(start: data, count: Int(length)))
    }
  }

  /// Builds `diagram` in cgraph, lays it out and calls `body` with the context and the graph.
  private static func withLayout<R>(
    _ diagram: Diagram, engine: String,
    _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws -> R
  ) throws -> R {
    // Graphviz prints its own messages on stderr; failures come back as return codes.
    linkage_silence_messages()
    guard let gvc = gvContext() else {
      throw Failure(description: "Graphviz: cannot create a context")
    }
    linkage_silence_messages()
    defer { gvFreeContext(gvc) }
    guard let graph = withC(diagram.name, { agopen($0, linkage_agdirected(), nil) }) else {
      throw Failure(description: "Graphviz: cannot create the graph")
    }
    defer { agclose(graph) }
    for (k, v) in diagram.graphAttributes { set(UnsafeMutableRawPointer(graph), k, v) }
    if let label = diagram.htmlLabel { setHTML(UnsafeMutableRawPointer(graph), label, in: graph) }
    for (k, v) in diagram.nodeDefaults {
      withC(k) { a in withC(v) { d in _ = agattr(graph, Int32(AGNODE), a, d) } }
    }
    for (k, v) in diagram.edgeDefaults {
      withC(k) { a in withC(v) { d in _ = agattr(graph, Int32(AGEDGE), a, d) } }
    }
    var handles: [String: UnsafeMutablePointer<Agnode_t>] = [:]
    // Nodes in the diagram's (sorted) order; same-rank groups as subgraphs.
    var rankGroups: [String: UnsafeMutablePointer<Agraph_t>] = [:]
    for node in diagram.nodes {
      var container = graph
      if let rank = node.rankGroup {
        if let g = rankGroups[rank] {
          container = g
        } else if let sub = withC("rank_\(rank)", { agsubg(graph, $0, 1) }) {
          set(UnsafeMutableRawPointer(sub), "rank", "same")
          rankGroups[rank] = sub
          container = sub
        }
      }
      guard let handle = withC(node.key, { agnode(container, $0, 1) }) else {
        throw Failure(description: "Graphviz: cannot create node \(node.key)")
      }
      handles[node.key] = handle
      if let label = node.htmlLabel {
        setHTML(UnsafeMutableRawPointer(handle), label, in: graph)
      } else {
        set(UnsafeMutableRawPointer(handle), "label", Diagram.escapePlain(node.label))
      }
      for (k, v) in node.attributes { set(UnsafeMutableRawPointer(handle), k, v) }
    }
    let labelAttributes = diagram.edgeLabelAttributes()
    for (i, edge) in diagram.edges.enumerated() {
      guard let t = handles[edge.source], let h = handles[edge.target] else { continue }
      guard let handle = withC("e\(i)", { agedge(graph, t, h, $0, 1) }) else { continue }
      if let label = edge.label {
        set(UnsafeMutableRawPointer(handle), labelAttributes[i], Diagram.escapePlain(label))
      }
      for (k, v) in edge.attributes { set(UnsafeMutableRawPointer(handle), k, v) }
    }
    guard engine.withCString({ gvLayout(gvc, graph, $0) }) == 0 else {
      throw Failure(description: "Graphviz: layout with \(engine) failed")
    }
    defer { gvFreeLayout(gvc, graph) }
    return try body(gvc, graph)
  }

  /// How Graphviz reads DOT text: its node names in order, or nil when it does not parse (what
  /// `dot` would reject). For checking what ``DOTWriter`` writes.
  /// - Complexity: O(size of the text).
  package static func nodeNames(ofDOT text: String) -> [String]? {
    lock.withLock {
      linkage_silence_messages()
      guard let graph = text.withCString({ agmemread($0) }) else { return nil }
      defer { agclose(graph) }
      var names: [String] = []
      var node = agfstnode(graph)
      while let n = node {
        if let name = agnameof(UnsafeMutableRawPointer(n)) { names.append(String(cString: name)) }
        node = agnxtnode(graph, n)
      }
      return names
    }
  }
}
