import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Linkage: ParsableCommand {
  static let version = LinkageVersion.current

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
      Render.self, Brief.self, Diff.self, Concentration.self, Pipeline.self, BenchmarkKernels.self,
    ],
    defaultSubcommand: nil)
}

extension Linkage {
  /// Parses, runs, and reports every failure in one voice: `linkage: message` on stderr, the
  /// subcommand's usage after a usage error, and a sysexits code (64 usage, 65 data, 66 no
  /// input, 74 I/O).
  static func main() {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      finish(error, command: nil)
    }
    do {
      try command.run()
    } catch {
      finish(error, command: type(of: command))
    }
    if getenv("LINKAGE_TRACE_LOADS") != nil {
      printError("linkage: graph loads: \(GraphInput.loadCount)")
    }
  }

  private static func finish(_ error: Error, command: ParsableCommand.Type?) -> Never {
    switch error {
    case let e as RequestError:
      // A value the command cannot resolve (an unknown id, field or measure): the message and
      // its "did you mean" say it all; the usage line would bury them.
      usageError(e.description, command: command, showUsage: false)
    case let e as ValidationError:
      usageError(e.message, command: command)
    case let e as CommandFailure:
      printError(e.message.hasPrefix("linkage: ") ? e.message : "linkage: " + e.message)
      Glibc.exit(e.code)
    case let e as ExitCode:
      Glibc.exit(e.rawValue)
    default:
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { FileHandleOutput.standardOutput(message + "\n") }
        Glibc.exit(0)
      }
      printError(Self.voice(message))
      Glibc.exit(code.rawValue)
    }
  }

  /// `linkage: message`, the usage of the command it concerns (when `showUsage`) and where
  /// to read more; exits 64.
  private static func usageError(
    _ message: String, command: ParsableCommand.Type?, showUsage: Bool = true
  ) -> Never {
    var text = "linkage: " + message + "\n"
    if let command, command != Linkage.self {
      if showUsage { text += "Usage: " + usageString(for: command) + "\n" }
      text += "  See 'linkage \(command._commandName) --help' for more information.\n"
    }
    printError(text)
    Glibc.exit(ExitCode.usage.rawValue)
  }

  /// ArgumentParser's `Error: …` in the CLI's voice (`linkage: …`), lowercase first word kept.
  static func voice(_ message: String) -> String {
    message.hasPrefix("Error: ") ? "linkage: " + message.dropFirst("Error: ".count) : message
  }
}
