import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a graph and print every problem as file:line:col: error|warning: message.",
    discussion: "Exits 0 when there are no errors (warnings allowed), 65 when there are.")

  @Argument(help: "A graph file, CSV pair or dataset folder.")
  var path: String?

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  func run() throws {
    let input = try GraphInput.load(
      path, options: options, input: inputOptions, failOnErrors: false)
    let report = ValidationReport(input: input.analysisInput)
    switch options.format {
    case .json: emitJSON(command: "validate", input: input) { JSONRenderer.write(report, to: &$0) }
    case .csv: emit(CSVRenderer.render(report))
    case .table:
      emit(TableRenderer.render(report, quiet: options.quiet))
    }
    if !report.isValid { throw ExitCode.dataError }
  }
}
