import ArgumentParser
import LinkageCore
import LinkageIO

@main
struct Linkage: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "linkage",
    abstract:
      "Supply-chain linkage graph analyzer: reference paths, single points of failure, dual-use reach.",
    discussion: """
      PATH is a graph file (.yaml, .yml, .json), a CSV pair (nodes.csv or edges.csv, or the folder \
      holding them), or a dataset folder with graph.yaml. Without PATH, commands use the bundled \
      default dataset (korea-ax).

      Exit codes: 0 success, 64 usage error, 65 bad input data, 66 input not found, 74 I/O error.
      """,
    version: version,
    subcommands: [
      Summary.self, Validate.self, Convert.self, Generate.self, Spof.self, Paths.self, Reach.self,
      Render.self, Brief.self, BenchmarkKernels.self,
    ],
    defaultSubcommand: nil)
}
