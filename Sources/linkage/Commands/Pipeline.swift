import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Pipeline: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract:
      "The four-stage pipeline: stages each startup reaches, the funnel, broken chains, stalled startups, gateways and agencies.",
    discussion: """
      A startup reaches a stage (technology, verification, application, diffusion) when a \
      flow route from it passes a program of that stage. Per startup: the stages reached and \
      through which program, its declared stage against the evidence, whether one route \
      passes the stages in order (and where the chain breaks), and the next stage. The \
      funnel counts startups by highest stage, with conversions, overall and by sector. \
      Gateways (programs, integrators, agencies) are ranked by how many startups would lose \
      every route to a stage without them (critical), next to how many startups' evidence \
      routes pass them (busy), how many startups have any route of at most --bound hops to a \
      staged program through them, and their betweenness over shortest startup→buyer routes. \
      Agencies: the startups with routes to their programs, by stage.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(parsing: .unconditional, help: "Rows per table (table output); with json/csv, limits the lists when given.")
  var top: Int?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Gateways count the startups with any simple route of at most this many hops to a staged program through them (1-\(Pipeline.maxBound)).",
      valueName: "hops"))
  var bound: Int = StartupPipeline.defaultBound

  static let maxBound = 16

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if !(1...Pipeline.maxBound).contains(bound) {
      throw ValidationError("--bound must be between 1 and \(Pipeline.maxBound) hops")
    }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let report = PipelineReport(
      input: input.analysisInput, limit: options.format == .table ? (top ?? 10) : top, bound: bound)
    switch options.format {
    case .json:
      emitJSON(command: "pipeline", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report))
    }
  }
}
