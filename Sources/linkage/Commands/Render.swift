import ArgumentParser
import LinkageCore
import LinkageGraphviz
import LinkageIO
import LinkageReports

enum ImageFormat: String, ExpressibleByArgument, CaseIterable {
  case svg, png, pdf, dot
}

enum RenderView: String, ExpressibleByArgument, CaseIterable {
  case structure, spof, paths, reach, diff, pipeline
}

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the graph with Graphviz (in process) as SVG, PNG, PDF, or DOT text.",
    discussion: """
      The structure view: left-to-right flow, tiers as ranks, kinds as shapes, sectors as \
      colors (colorblind-safe), a legend and a title, labels in Noto Sans CJK KR. Above \
      --max-nodes visible nodes (default 600: dot needs about 4 s for 700 nodes here and 23 s \
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

  @Option(parsing: .unconditional, help: "Hops around --focus (edges in either direction).")
  var radius: Int = 2

  @Option(
    name: .customLong("max-nodes"),
    parsing: .unconditional,
    help: "Above this many visible nodes (or four times as many edges), summarize by kind and tier."
  )
  var maxNodes: Int = 600

  @Option(
    help:
      "The frame to fit: W:H (16:9 is 1920x1080 px), pixels WxH (1280x720), or inches WxHin (13.33x7.5in, times --dpi)."
  )
  var size: String = "16:9"

  @Option(
    parsing: .unconditional, help: "PNG resolution in pixels per inch (and of sizes in inches).")
  var dpi: Int = 96

  @Option(
    help:
      "Draw only these nodes (ids, kind=…, sector=…, stage=…, as --targets); their hidden neighbours are counted on them."
  )
  var only: String?

  @Option(
    name: .customLong("group-by"),
    help: "Summarize by this node field (country, stage, region, …): one node per kind and value.")
  var groupBy: String?

  @Option(
    help:
      "What to draw: structure, spof (top single points of failure and what they cut), paths (the k best routes), reach (dual-use classes), diff (what changed since --old, or under the scenario)."
  )
  var view: RenderView = .structure

  @Option(
    parsing: .unconditional,
    help: "Hops of context drawn around what the spof and paths views show.")
  var context: Int = 1

  @Option(help: "spof view: targets (ids, kind=…, sector=…, stage=…).")
  var targets: String?

  @Option(parsing: .unconditional, help: "spof view: how many single points of failure.")
  var top: Int = 5

  @Option(help: "spof view: supply semantics (auto, or, parts).")
  var semantics: SemanticsOption = .auto

  @Option(
    name: .customLong("min-share"),
    parsing: .unconditional,
    help: "spof view: suppliers whose share is below this cannot substitute (0–1).")
  var minShare: Double?

  @Option(help: "paths view: where routes start.")
  var from: String?

  @Option(help: "paths view: where routes may end (default: every buyer).")
  var to: String?

  @Option(name: .customShort("k"), parsing: .unconditional, help: "paths view: how many routes.")
  var k: Int = 3

  @Option(help: "paths view: a pattern routes must match.")
  var via: String?

  @Option(help: "paths view: hops, lead_time, cost, confidence, or a numeric edge attribute.")
  var by: String = "hops"

  @Option(
    help: "diff view: the old graph to compare with (default: the input without the scenario).")
  var old: String?

  @Option(help: "diff view: pair nodes by id or by name.")
  var match: MatchOption = .id

  @Flag(help: "reach view: mark nodes whose reach hangs on one failure.")
  var robust = false

  @Flag(help: "spof view: weigh by supplier shares (the nodes whose failure loses the most value).")
  var loss = false

  @Flag(
    help: "spof view: time to survive vs time to recover (failures whose ttr outlasts a target's stock).")
  var stress = false

  @Flag(help: "Print nothing on stderr.")
  var quiet = false

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if loss && view != .spof { throw ValidationError("--loss is for --view spof") }
    if stress && view != .spof { throw ValidationError("--stress is for --view spof") }
    if stress && loss { throw ValidationError("the spof view draws one of --loss and --stress") }
    if radius < 0 { throw ValidationError("--radius must not be negative") }
    if context < 0 { throw ValidationError("--context must not be negative") }
    if view == .paths && from == nil { throw ValidationError("the paths view needs --from ID") }
    if view == .diff, old == nil, (try? scenario.spec().isEmpty) ?? true {
      throw ValidationError(
        "the diff view needs --old PATH, or a scenario (--fail, --cut, --add, …) to compare with")
    }
    if old != nil && view != .diff { throw ValidationError("--old is for --view diff") }
    if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
    do { _ = try SlideFrame(parsing: size, dpi: dpi) } catch {
      throw ValidationError("\(error)")
    }
    if let groupBy, groupBy.isEmpty { throw ValidationError("--group-by needs a field name") }
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if k < 1 { throw ValidationError("-k must be at least 1") }
    if format == nil,
      ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased()) == nil
    {
      throw ValidationError(
        "cannot tell the image format from '\(output)': use .svg, .png, .pdf or .dot, or --format")
    }
    // A name that says one known format and --format another would mislead whoever opens it.
    if let format,
      let named = ImageFormat(
        rawValue: String(output.split(separator: ".").last ?? "").lowercased()),
      named != format
    {
      throw ValidationError(
        "--format \(format.rawValue) but '\(output)' is named .\(named.rawValue): use a matching extension or drop --format"
      )
    }
  }

  func run() throws {
    var global = try GlobalOptions.parse([])
    global.quiet = quiet
    let input = try GraphInput.load(path, options: global, input: inputOptions, scenario: scenario)
    var graph = input.graph
    let request = try AnalysisRequest(graph: graph, options: requestOptions)
    var analysisInput = input.analysisInput
    // The diff view draws both sides in one graph.
    var diffView: DiagramView? = nil
    if view == .diff {
      let before: AnalysisInput
      if let old {
        before = try GraphInput.load(old, options: global, input: inputOptions).analysisInput
      } else {
        before = AnalysisInput(loaded: input.loaded, name: input.name)
      }
      var diffOptions = DiffReport.Options()
      diffOptions.match = match == .id ? .id : .name
      diffOptions.targets = targets
      diffOptions.semantics = semantics.choice
      diffOptions.minimumShare = minShare
      let report = try DiffReport(old: before, new: analysisInput, options: diffOptions)
      let union = report.data.union(old: before.graph, new: graph)
      let drawn = DiagramView.diff(report, union: union, context: context)
      diffView = drawn.view
      graph = union.graph
      analysisInput = drawn.input
    }
    var base = DiagramView.structure(analysisInput)
    if let center = request.node {
      base = DiagramView.neighborhood(of: center, radius: radius, analysisInput)
    }
    // What to draw, the most detailed first: with less context when the frame needs it.
    let contexts = context > 0 ? [context, 0] : [0]
    var views: [DiagramView]
    switch self.view {
    case .structure: views = [base]
    case .spof:
      var options = SpofReport.Options()
      options.limit = top
      options.chains = .everyTarget
      options.includesRedundancy = false
      options.includesLoss = loss
      options.includesStress = stress
      let report = SpofReport(input: analysisInput, request: request, options: options)
      views = contexts.map {
        loss
          ? DiagramView.loss(report, context: $0)
          : stress ? DiagramView.stress(report, context: $0) : DiagramView.spof(report, context: $0)
      }
    case .paths:
      var options = PathsReport.Options()
      options.count = k
      let report = PathsReport(input: analysisInput, request: request, options: options)
      if report.routes.isEmpty {
        // Like `paths`: no route is an answer, not an error; there is nothing to draw.
        printError(
          "no route from \(from ?? "") to \(report.targets.text) by \(by)\(report.truncated ? " before the search limit" : ""): nothing drawn, \(output) not written"
        )
        return
      }
      views = contexts.map { DiagramView.paths(report, context: $0) }
    case .diff:
      views = diffView.map { [$0] } ?? []
    case .pipeline:
      views = [DiagramView.pipeline(PipelineReport(input: analysisInput, limit: nil))]
    case .reach:
      var options = ReachReport.Options()
      options.robust = robust
      options.limit = 0
      options.listLimit = 0
      views = [DiagramView.reach(ReachReport(input: analysisInput, options: options), over: base)]
    }
    if view != .diff { views = views.map { $0.markingScenario(analysisInput) } }
    if let groupBy {
      let fields = groupBy.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).trimmingCharacters(in: .whitespaces)
      }
      if fields.contains(where: \.isEmpty) {
        throw CommandFailure(
          message: "--group-by needs field names separated by commas, found '\(groupBy)'", code: 64)
      }
      let known = ["kind", "sector", "stage", "tier", "id", "name"] + graph.nodeAttributes.names
      for field in fields
      where !graph.nodes.contains(where: { graph.fieldText(field, of: $0) != nil }) {
        let error = RequestError(
          option: "--group-by",
          message: "no node has a field '\(field)' (fields: \(known.joined(separator: ", ")))",
          suggestions: Suggestions.closest(to: field, in: known))
        throw CommandFailure(message: "\(error)", code: 64)
      }
    }
    if let only {
      let kept: [NodeIndex]
      do throws(RequestError) {
        kept = try AnalysisRequest.select(.init(text: only, option: "--only"), in: graph)
      } catch {
        throw CommandFailure(message: "\(error)", code: 64)
      }
      views = views.map { $0.restricted(to: kept, rule: only, in: graph) }
      if views.allSatisfy({ $0.nodes.isEmpty }) {
        throw CommandFailure(
          message: "--only '\(only)' keeps none of the nodes this view draws", code: 64)
      }
    }
    let frame: SlideFrame
    do { frame = try SlideFrame(parsing: size, dpi: dpi) } catch {
      throw CommandFailure(message: "\(error)", code: 64)
    }
    let chosen = imageFormat
    let fit: SlideFit
    let bytes: [UInt8]
    do {
      fit = try SlideFit(
        views: views, graph: graph, frame: frame, maximumNodes: maxNodes, groupBy: groupBy)
      if chosen == .dot {
        var diagram = fit.drawing.diagram
        diagram.graphAttributes += frame.graphAttributes(bitmap: false)
        bytes = Array(DOTWriter.text(of: diagram).utf8)
      } else {
        bytes = try GraphvizRenderer.render(
          fit.drawing.diagram, format: chosen.graphviz, fittedTo: frame)
      }
    } catch {
      throw CommandFailure(message: "\(error)", code: 70)
    }
    let drawing = fit.drawing
    if !quiet {
      for line in fit.notes(frame: frame, maximumNodes: maxNodes, contexts: contexts) {
        printError("linkage: \(line)")
      }
    }
    do {
      try FileAccess.writeAtomically(bytes, to: output)
    } catch {
      throw CommandFailure(message: "\(error)", code: error.exitCode)
    }
    if !quiet {
      printError(
        "wrote \(output) (\(chosen.rawValue), \(drawing.visibleNodes) node\(drawing.visibleNodes == 1 ? "" : "s")\(drawing.summarized ? ", summarized" : ""))"
      )
    }
  }

  /// The image format: `--format`, else the output's extension (checked by `validate`).
  var imageFormat: ImageFormat {
    format ?? ImageFormat(rawValue: String(output.split(separator: ".").last ?? "").lowercased())
      ?? .svg
  }

  /// What the view is asked, resolved once against the graph.
  var requestOptions: AnalysisRequest.Options {
    var asked: AnalysisRequest.Options
    switch view {
    case .structure, .reach, .diff, .pipeline: asked = AnalysisRequest.Options()
    case .spof:
      asked = .failures(targets: targets, semantics: semantics.choice, minimumShare: minShare)
    case .paths: asked = .routes(from: from, to: to, by: by, via: via)
    }
    asked.node = focus.map { .init(text: $0, option: "--focus") }
    return asked
  }
}

extension ImageFormat {
  var graphviz: GraphvizRenderer.Format {
    switch self {
    case .svg: .svg
    case .png: .png
    case .pdf: .pdf
    case .dot: .svg
    }
  }
}
