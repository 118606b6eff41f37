import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Concentration: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "concentration",
    abstract:
      "How concentrated sourcing is: HHI and effective sources per part group, by supplier or country.",
    discussion: """
      For every part group: its suppliers' shares (from `share`, normalized; a link without \
      one takes an equal part of what the group's shares leave), the Herfindahl–Hirschman \
      index HHI = Σ share² × 10,000 (10,000: one source), the effective number of sources \
      (10,000 / HHI) and the top source; --by country (or any node attribute) adds up the \
      shares of suppliers with the same value. For each target, the most concentrated group \
      upstream of it and its tier.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(help: "Targets: ids, kind=…, sector=…, stage=… (comma: any; &: all).")
  var targets: String?

  @Option(help: ArgumentHelp("Group sources by this supplier attribute (country, region, owner, …).", valueName: "ATTR"))
  var by: String?

  @Option(help: "Supply semantics: auto, or, parts.")
  var semantics: SemanticsOption = .auto

  @Option(parsing: .unconditional, help: "Rows per table (table output); with json/csv, limits the group list when given.")
  var top: Int?

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let graph = input.graph
    if let by { try AnalysisRequest.checkAttribute(by, option: "--by", in: graph) }
    let request = try AnalysisRequest(
      graph: graph,
      options: .failures(targets: targets, semantics: semantics.choice, minimumShare: nil))
    let report = ConcentrationReport(
      input: input.analysisInput, request: request, by: by,
      limit: options.format == .table ? (top ?? 10) : top)
    switch options.format {
    case .json:
      emitJSON(command: "concentration", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report))
    }
  }
}
