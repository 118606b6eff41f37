import ArgumentParser
import Foundation
import LinkageCore
import LinkageIO
import LinkageReports

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Convert a graph between YAML, JSON, the CSV pair, NetworkX node-link JSON, GraphML and GEXF, or export it for Neo4j, GraphFrames or as DOT data.",
    discussion: """
      The output encoding follows OUT's extension (.yaml/.yml, .json, .graphml, .gexf, .dot/.gv; a folder or .csv path \
      gives the CSV pair nodes.csv + edges.csv (+ meta.csv)) unless --to says otherwise; any \
      other extension is refused (exit 64), and so is an output that would overwrite the \
      input. --to node-link writes NetworkX node-link JSON (networkx.node_link_graph reads it). \
      --to neo4j DIR writes neo4j-admin import CSVs and a load.cypher (the import command is \
      printed); --to graphframes DIR writes vertices.csv and edges.csv for Spark GraphFrames. \
      What the output encoding cannot hold is reported as a warning (and under "losses" with \
      --format json); nothing is dropped silently. \
      Files are written atomically. A graph with errors is not converted (exit 65).
      """)

  @Argument(help: "The graph to read.")
  var input: String

  @Argument(help: "Where to write: a file, or a folder for CSV, neo4j and graphframes.")
  var output: String

  @Option(
    help:
      "Output encoding: yaml, json, csv, node-link (NetworkX node-link JSON), graphml, gexf, neo4j, graphframes or dot (default: from OUT)."
  )
  var to: GraphEncoding?

  @Option(
    help: ArgumentHelp(
      "Input encoding, whatever INPUT's name (the same as --input-format).", valueName: "FORMAT"))
  var from: GraphEncoding?

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  func run() throws {
    guard let encoding = to ?? GraphEncoding.forPath(output) else {
      throw CommandFailure(
        message:
          "cannot tell the encoding from '\(output)': use .yaml, .yml, .json, .graphml, .gexf or .dot, a folder (or .csv) for the CSV pair, or --to yaml|json|csv|node-link|graphml|gexf|neo4j|graphframes|dot",
        code: 64)
    }
    guard encoding.isWritable else {
      throw CommandFailure(
        message:
          "Linkage reads \(encoding.rawValue) but does not write it: choose one of \(GraphEncoding.writable.map(\.rawValue).joined(separator: ", ")) (the CSV pair opens in Excel)",
        code: 64)
    }
    // Never write over what is being read (a YAML file's comments would be lost for good).
    let base = input.hasSuffix("/") ? String(input.dropLast()) : input
    let read =
      [input]
      + ["graph.yaml", "graph.yml", "graph.json", "nodes.csv", "edges.csv", "meta.csv"].map {
        base + "/" + $0
      }
      + ["nodes.csv", "edges.csv", "meta.csv"].map {
        (base as NSString).deletingLastPathComponent + "/" + $0
      }
    for written in GraphEncoding.writtenFiles(encoding, at: output) {
      for file in read where FileAccess.sameFile(file, written) {
        throw CommandFailure(
          message:
            "'\(output)' would overwrite the input '\(file)': write the converted graph somewhere else",
          code: 64)
      }
    }
    var inputOptions = inputOptions
    if let from, !from.isReadable {
      throw CommandFailure(
        message:
          "--from \(from.rawValue): Linkage writes \(from.rawValue) but does not read it (readable: \(GraphEncoding.readable.map(\.rawValue).joined(separator: ", ")))",
        code: 64)
    }
    if let from {
      if let other = inputOptions.inputFormat, other != from {
        throw CommandFailure(
          message:
            "--from \(from.rawValue) and --input-format \(other.rawValue) disagree: give one",
          code: 64)
      }
      inputOptions.inputFormat = from
    }
    let source = try GraphInput.load(input, options: options, input: inputOptions)
    let writer = encoding.writer
    do {
      try writer.write(source.graph, to: output)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
    let g = source.graph
    // The loss report: what the output encoding could not hold.
    let losses = writer.losses(in: g)
    let nextSteps = writer.nextSteps(at: output, for: g)
    switch options.format {
    case .json:
      emitJSON(command: "convert", input: source) { json in
        json.value(
          .object([
            ("output", .string(output)), ("encoding", .string(encoding.rawValue)),
            ("nodes", .int(g.nodeCount)), ("edges", .int(g.edgeCount)),
            ("losses", .array(losses.map { .string($0) })),
            ("next_steps", .array(nextSteps.map { .string($0) })),
          ]))
      }
    default:
      if !options.quiet {
        for loss in losses { printError("linkage: warning: not written: \(loss)") }
        for step in nextSteps { printError(step) }
        printError(
          "wrote \(output) (\(encoding.rawValue): \(g.nodeCount) nodes, \(g.edgeCount) edges)")
      }
    }
  }
}

extension GraphEncoding: ExpressibleByArgument {}
