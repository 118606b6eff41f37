import ArgumentParser
import LinkageCore
import LinkageGraphviz
import LinkageIO
import LinkageReports

#if canImport(Glibc)
  import Glibc
#endif

struct Brief: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every analysis and write a briefing pack: index.html, brief.md, diagrams, JSON.",
    discussion: """
      Runs summary, spof, paths --readiness and reach --robust with their defaults, draws the \
      structure, spof, paths (for the best-connected startup) and reach views as SVG and PNG, \
      and writes into the output folder: index.html (one self-contained page: findings in \
      plain sentences, tables, the diagrams inline; no network, no scripts), brief.md (the \
      same for documents), diagrams/ and results/ (each analysis's JSON, byte for byte what \
      the command prints with --format json). Same input, same bytes.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(name: .shortAndLong, help: "The folder to write the pack into (created if missing).")
  var output: String = "brief"

  @Option(parsing: .unconditional, help: "Rows per table in the pack.")
  var top: Int = 10

  @Option(help: "table (prints where the pack is and the findings) or json (a manifest).")
  var format: BriefFormat = .table

  @Flag(help: "Print no warnings or progress on stderr.")
  var quiet = false

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if output.isEmpty { throw ValidationError("--output must name a folder") }
  }

  func run() throws {
    var global = try GlobalOptions.parse([])
    global.quiet = quiet
    let progress = Progress(enabled: !quiet && stderrIsTerminal)
    // Load once, up front, so bad input stops here, with its diagnostics, before any file is
    // written; every report, page and diagram comes from this one graph.
    let loaded = try GraphInput.load(path, options: global, input: inputOptions, scenario: scenario)
    let input = loaded.analysisInput
    let graph = input.graph

    for folder in [output, output + "/diagrams", output + "/results"] {
      do throws(InputError) {
        try FileAccess.makeDirectory(folder)
      } catch {
        throw CommandFailure(message: "\(error)", code: ExitCode.ioError.rawValue)
      }
    }

    // The reports, with the options the commands use for --format json.
    let steps = 4
    progress.say("[1/\(steps)] summary…", overwrite: true)
    let summary = SummaryReport(input: input)
    progress.say("[2/\(steps)] spof…", overwrite: true)
    let spofRequest = try AnalysisRequest(
      graph: graph, options: .failures(targets: nil))
    let spof = SpofReport(input: input, request: spofRequest)
    progress.say("[3/\(steps)] readiness…", overwrite: true)
    let readiness = ReadinessReport(input: input)
    progress.say("[4/\(steps)] reach…", overwrite: true)
    var reachOptions = ReachReport.Options()
    reachOptions.robust = true
    let reach = ReachReport(input: input, options: reachOptions)

    var written: [String] = []
    let results: [(name: String, command: String, write: (inout JSONWriter) -> Void)] = [
      ("summary", "summary", { JSONRenderer.write(summary, to: &$0) }),
      ("spof", "spof", { JSONRenderer.write(spof, to: &$0) }),
      ("readiness", "paths", { JSONRenderer.write(readiness, to: &$0) }),
      ("reach", "reach", { JSONRenderer.write(reach, to: &$0) }),
    ]
    for result in results {
      let file = "results/\(result.name).json"
      let text = JSONRenderer.documentText(
        command: result.command, input: input, result: result.write)
      try write(text, to: file)
      written.append(file)
    }
    let report = BriefReport(
      summary: summary, spof: spof, readiness: readiness, reach: reach, top: top)

    // Diagrams: each view as SVG (inlined in the page) and PNG (for slides and brief.md),
    // drawn from the same reports (the spof view lists the top 5, as `render` does).
    var diagrams: [BriefReport.Diagram] = []
    for (k, view) in report.views.enumerated() {
      progress.say("drawing \(view.name) (\(k + 1)/\(report.views.count))…", overwrite: true)
      // As `render` does: with less context when the full one is not readable on a slide.
      let shown = try [1, 0].map {
        try diagramView(view.kind, input: input, spof: spof, reach: reach, context: $0)
          .markingScenario(input)
      }
      let fit: SlideFit
      do { fit = try SlideFit(views: shown, graph: graph, frame: .slide) } catch {
        throw CommandFailure(message: "\(error)", code: 70)
      }
      var svg: [UInt8] = []
      for format in [GraphvizRenderer.Format.svg, .png] {
        let file = "diagrams/\(view.name).\(format.rawValue)"
        let bytes: [UInt8]
        do {
          bytes = try GraphvizRenderer.render(
            fit.drawing.diagram, format: format, fittedTo: .slide)
        } catch {
          throw CommandFailure(message: "\(error)", code: 70)
        }
        try write(bytes, to: file)
        if format == .svg { svg = bytes }
        written.append(file)
      }
      diagrams.append(
        BriefReport.Diagram(
          name: view.name, title: view.title, caption: view.caption,
          svg: String(decoding: svg, as: UTF8.self)))
    }
    progress.say("writing the pack…", overwrite: true)
    try write(report.html(diagrams: diagrams), to: "index.html")
    try write(report.markdown(diagrams: diagrams), to: "brief.md")
    written += ["index.html", "brief.md"]
    progress.finishLine()

    let index = output.hasSuffix("/") ? output + "index.html" : output + "/index.html"
    switch format {
    case .json:
      emitJSON(command: "brief", input: loaded) { json in
        json.value(
          .object([
            ("output", .string(output)),
            ("index", .string(index)),
            ("files", .strings(written.sorted())),
            ("findings", .strings(report.findings.map(\.plain))),
          ]))
      }
    case .table:
      var text = "Briefing pack for \(report.title) (\(output)/):\n\n"
      for finding in report.findings { text += "- \(finding.plain)\n" }
      text += "\nAlso in the pack: brief.md (Markdown), diagrams/ (SVG, PNG), results/ (JSON).\n"
      text += "Open \(Self.absolute(index)) in a browser.\n"
      emit(text)
    }
  }

  /// The diagram of one of the pack's views, from the pack's reports.
  private func diagramView(
    _ kind: BriefReport.View.Kind, input: AnalysisInput, spof: SpofReport, reach: ReachReport,
    context: Int
  ) throws -> DiagramView {
    switch kind {
    case .structure: return DiagramView.structure(input)
    case .reach: return DiagramView.reach(reach, over: DiagramView.structure(input))
    case .spof:
      // The render command's spof view: the top 5, every chain.
      return DiagramView.spof(spof, top: 5, context: context)
    case .paths(let from):
      let asked = AnalysisRequest.Options.routes(
        from: input.graph.id(of: from), to: nil, by: "hops", via: nil)
      let request = try AnalysisRequest(graph: input.graph, options: asked)
      var options = PathsReport.Options()
      options.count = 3
      return DiagramView.paths(
        PathsReport(input: input, request: request, options: options), context: context)
    }
  }

  /// `path` made absolute (through `realpath(3)`; unchanged if that fails).
  static func absolute(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Writes `text` to `name` inside the pack, atomically.
  private func write(_ text: String, to name: String) throws {
    try write(Array(text.utf8), to: name)
  }

  /// Writes `bytes` to `name` inside the pack, atomically.
  private func write(_ bytes: [UInt8], to name: String) throws {
    do throws(InputError) {
      try FileAccess.writeAtomically(bytes, to: output + "/" + name)
    } catch {
      throw CommandFailure(message: "\(error)", code: error.exitCode)
    }
  }
}

/// What `brief` prints on stdout.
enum BriefFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
}
