import ArgumentParser
import LinkageCore
import LinkageIO

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a graph and print every problem as file:line:col: error|warning: message.",
    discussion: "Exits 0 when there are no errors (warnings allowed), 65 when there are.")

  @Argument(help: "A graph file, CSV pair or dataset folder.")
  var path: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    let input = try GraphInput.load(path, options: options, failOnErrors: false)
    let log = input.loaded.diagnostics
    let sorted = log.sorted
    switch options.format {
    case .json:
      let result = JSONValue.object([
        ("valid", .bool(!log.hasErrors)),
        ("errors", .int(log.errorCount)),
        ("warnings", .int(log.warningCount)),
        ("nodes", .int(input.graph.nodeCount)),
        ("edges", .int(input.graph.edgeCount)),
      ])
      emit(jsonEnvelope(command: "validate", input: input, result: result))
    case .csv:
      var out = CSVText.row(["file", "line", "column", "severity", "message"])
      for d in sorted {
        out += CSVText.row([
          d.location?.file ?? "", d.location.map { String($0.line) } ?? "",
          d.location.map { String($0.column) } ?? "",
          d.severity.rawValue, d.message,
        ])
      }
      emit(out)
    case .table:
      var out = ""
      for d in sorted where d.severity == .error || !options.quiet { out += d.description + "\n" }
      if log.omitted > 0 { out += "… and \(log.omitted) more problem(s) not shown\n" }
      emit(out)
      if !options.quiet {
        let verdict = log.hasErrors ? "invalid" : "valid"
        printError(
          "\(input.name): \(verdict): \(log.errorCount) error\(log.errorCount == 1 ? "" : "s"), \(log.warningCount) warning\(log.warningCount == 1 ? "" : "s"); \(input.graph.nodeCount) nodes, \(input.graph.edgeCount) edges"
        )
      }
    }
    if log.hasErrors { throw ExitCode.dataError }
  }
}
