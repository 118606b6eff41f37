import ArgumentParser
import LinkageCore
import LinkageGraphviz
import LinkageIO

enum ImageFormat: String, ExpressibleByArgument, CaseIterable {
  case svg, png, pdf, dot
}

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the graph with Graphviz (in process) as SVG, PNG, PDF, or DOT text.",
    discussion: """
      The structure view: left-to-right flow, tiers as ranks, kinds as shapes, sectors as \
      colors (colorblind-safe), a legend and a title, labels in Noto Sans CJK KR. Above \
      --max-nodes visible nodes (default 800: dot needs about 4 s for 700 nodes here and 23 s \
      for 1,450) the drawing is summarized by kind and tier (and says so). \
      --focus ID --radius K draws the K-hop neighborhood of one node. Same input, same bytes. \
      Here --format names the image format (default: from the file's extension).
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(name: .shortAndLong, help: "The file to write (.svg, .png, .pdf or .dot).")
  var output: String

  @Option(help: "Image format: svg, png, pdf or dot (default: from the output's extension).")
  var format: ImageFormat?

  @Option(help: "Draw only the neighborhood of this node.")
  var focus: String?

  @Option(help: "Hops around --focus (edges in either direction).")
  var radius: Int = 2

  @Option(
    name: .customLong("max-nodes"),
    help: "Above this many visible nodes (or four times as many edges), summarize by kind and tier."
  )
  var maxNodes: Int = 800

  @Flag(help: "Print nothing on stderr.")
  var quiet = false

  func validate() throws {
    if radius < 0 { throw ValidationError("--radius must not be negative") }
    if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
    if format == nil,
      ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased()) == nil
    {
      throw ValidationError(
        "cannot tell the image format from '\(output)': use .svg, .png, .pdf or .dot, or --format")
    }
  }

  func run() throws {
    var global = try GlobalOptions.parse([])
    global.quiet = quiet
    let input = try GraphInput.load(path, options: global)
    let graph = input.graph
    var nodes = Array(graph.nodes)
    var title =
      "\(graph.name ?? input.name) — structure (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)"
    if let focus {
      guard let center = graph.index(of: focus) else {
        try unknownID(focus, graph: graph, option: "--focus")
      }
      var depth: [NodeIndex: Int] = [center: 0]
      var queue = [center]
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        guard depth[v]! < radius else { continue }
        for w in Array(graph.outgoing.neighbors(of: v)) + Array(graph.incoming.neighbors(of: v))
        where depth[w] == nil {
          depth[w] = depth[v]! + 1
          queue.append(w)
        }
      }
      nodes = queue
      title =
        "\(graph.name ?? input.name) — \(radius) hop\(radius == 1 ? "" : "s") around \(graph.name(of: center))"
    }
    let view = StructureDiagram(graph: graph, nodes: nodes, title: title, maximumNodes: maxNodes)
    if view.summarized && !quiet {
      printError(
        "linkage: \(view.visibleNodes) nodes are more than --max-nodes \(maxNodes): drawing groups by kind and tier (use --focus ID for detail)"
      )
    }
    let chosen =
      format ?? ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased())!
    let bytes: [UInt8]
    do {
      if chosen == .dot {
        bytes = Array(DOTWriter.text(of: view.diagram).utf8)
      } else {
        bytes = try GraphvizRenderer.render(
          view.diagram, format: GraphvizRenderer.Format(rawValue: chosen.rawValue)!)
      }
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(70)
    }
    do {
      try FileAccess.writeAtomically(bytes, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    if !quiet {
      printError(
        "wrote \(output) (\(chosen.rawValue), \(view.visibleNodes) nodes\(view.summarized ? ", summarized" : ""))"
      )
    }
  }
}
