import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Summary: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Counts by kind, sector, stage and relation; origins, buyers, sinks; components; cycles.",
    discussion: "With no PATH, summarizes the bundled default dataset (korea-ax).")

  @Argument(help: "A graph file, CSV pair or dataset folder.")
  var path: String?

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func run() throws {
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let report = SummaryReport(input: input.analysisInput)
    switch options.format {
    case .json: emitJSON(command: "summary", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report))
    }
  }
}
