import ArgumentParser
import LinkageCore
import LinkageIO

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

  @Option(help: "Rows per table in the pack.")
  var top: Int = 10

  @Option(help: "table (prints where the pack is and the findings) or json (a manifest).")
  var format: OutputFormat = .table

  @Flag(help: "Print no warnings or progress on stderr.")
  var quiet = false

  func validate() throws {
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if format == .csv { throw ValidationError("brief prints table or json, not csv") }
    if output.isEmpty { throw ValidationError("--output must name a folder") }
  }

  func run() throws {
    var global = try GlobalOptions.parse([])
    global.quiet = quiet
    let progress = Progress(enabled: !quiet && stderrIsTerminal)
    // Load once up front so bad input stops here, with its diagnostics, before any file is written.
    let input = try GraphInput.load(path, options: global)
    let source = path.map { [$0] } ?? []
    let json = ["--format", "json", "--quiet"]

    for folder in [output, output + "/diagrams", output + "/results"] {
      do throws(InputError) {
        try FileAccess.makeDirectory(folder)
      } catch {
        printError("linkage: \(error)")
        throw ExitCode.ioError
      }
    }

    var results: [String: JSONValue] = [:]
    var written: [String] = []
    let analyses: [(name: String, run: () throws -> CapturedOutput)] = [
      ("summary", { try OutputCapture.run(Summary.parse(source + json)) }),
      ("spof", { try OutputCapture.run(Spof.parse(source + json)) }),
      ("readiness", { try OutputCapture.run(Paths.parse(source + ["--readiness"] + json)) }),
      ("reach", { try OutputCapture.run(Reach.parse(source + ["--robust"] + json)) }),
    ]
    for (k, analysis) in analyses.enumerated() {
      progress.say("[\(k + 1)/\(analyses.count)] \(analysis.name)…", overwrite: true)
      let captured = try analysis.run()
      guard let result = captured.result else {
        throw CommandFailure(message: "linkage: \(analysis.name) printed no result", code: 70)
      }
      results[analysis.name] = result
      let file = "results/\(analysis.name).json"
      try write(captured.text, to: file)
      written.append(file)
    }
    let report = BriefReport(
      input: input, summary: results["summary"]!, spof: results["spof"]!,
      readiness: results["readiness"]!, reach: results["reach"]!, top: top)

    // Diagrams: each view as SVG (inlined in the page) and PNG (for slides and brief.md).
    var diagrams: [BriefReport.Diagram] = []
    for (k, view) in report.views.enumerated() {
      progress.say("drawing \(view.name) (\(k + 1)/\(report.views.count))…", overwrite: true)
      for ext in ["svg", "png"] {
        let file = "diagrams/\(view.name).\(ext)"
        var arguments = source + ["--view", view.view, "-o", output + "/" + file, "--quiet"]
        arguments += view.arguments
        _ = try OutputCapture.run(Render.parse(arguments))
        written.append(file)
      }
      let svg: [UInt8]
      do throws(InputError) {
        svg = try FileAccess.readAll(output + "/diagrams/\(view.name).svg")
      } catch {
        printError("linkage: \(error)")
        throw ExitCode.ioError
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
      let result = JSONValue.object([
        ("output", .string(output)),
        ("index", .string(index)),
        ("files", .strings(written.sorted())),
        ("findings", .strings(report.findings.map(\.plain))),
      ])
      emit(jsonEnvelope(command: "brief", input: input, result: result))
    case .table, .csv:
      var text = "Briefing pack for \(report.title) (\(output)/):\n\n"
      for finding in report.findings { text += "- \(finding.plain)\n" }
      text += "\nAlso in the pack: brief.md (Markdown), diagrams/ (SVG, PNG), results/ (JSON).\n"
      text += "Open \(Self.absolute(index)) in a browser.\n"
      emit(text)
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
    do throws(InputError) {
      try FileAccess.writeAtomically(Array(text.utf8), to: output + "/" + name)
    } catch {
      printError("linkage: \(error)")
      throw ExitCode.ioError
    }
  }
}
