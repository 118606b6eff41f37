import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert a graph between YAML, JSON and the CSV pair without loss.",
    discussion: """
      The output encoding follows OUT's extension (.yaml/.yml, .json; a folder or .csv path \
      gives the CSV pair nodes.csv + edges.csv (+ meta.csv)) unless --to says otherwise. \
      Files are written atomically. A graph with errors is not converted (exit 65).
      """)

  @Argument(help: "The graph to read.")
  var input: String

  @Argument(help: "Where to write: a .yaml/.json file, or a folder for CSV.")
  var output: String

  @Option(help: "Output encoding: yaml, json or csv (default: from OUT).")
  var to: GraphEncoding?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    let source = try GraphInput.load(input, options: options)
    let encoding = to ?? GraphEncoding.forPath(output)
    do {
      try encoding.writer.write(source.graph, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    let g = source.graph
    switch options.format {
    case .json:
      emitJSON(command: "convert", input: source) { json in
        json.value(
          .object([
            ("output", .string(output)), ("encoding", .string(encoding.rawValue)),
            ("nodes", .int(g.nodeCount)), ("edges", .int(g.edgeCount)),
          ]))
      }
    default:
      if !options.quiet {
        printError(
          "wrote \(output) (\(encoding.rawValue): \(g.nodeCount) nodes, \(g.edgeCount) edges)")
      }
    }
  }
}

extension GraphEncoding: ExpressibleByArgument {}
