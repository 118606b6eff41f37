import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

#if canImport(Glibc)
  import Glibc
#endif

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
  case csv
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "Output format: table (for people), json (one document, for notebooks) or csv.")
  var format: OutputFormat = .table

  @Flag(name: .long, help: "Print no warnings or progress on stderr.")
  var quiet = false
}

/// How the input is read; every command that reads a graph takes these.
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("input-format"),
    help: ArgumentHelp(
      "Read the input as this encoding whatever its name: yaml, json, csv, node-link, graphml, gexf or xlsx (default: from the extension, else the content).",
      valueName: "FORMAT"))
  var inputFormat: GraphEncoding?

  @Option(
    name: .customLong("map"),
    help: ArgumentHelp(
      "Read an input attribute as one of Linkage's fields, e.g. kind=type or relation=label (fields: kind, name, sector, stage, tier, relation, part; several comma-separated or repeated).",
      valueName: "FIELD=ATTRIBUTE"))
  var map: [String] = []

  @Option(
    name: .customLong("sheet"),
    help: ArgumentHelp(
      "The worksheets of an .xlsx input, e.g. nodes=Firms,edges=Links (default: the sheets named nodes, edges and meta, in any case).",
      valueName: "ROLE=SHEET"))
  var sheet: [String] = []

  /// How to read the input: the forced encoding, the field mapping and the worksheets.
  var loadOptions: LoadOptions {
    // validate() has parsed them already.
    LoadOptions(
      format: inputFormat, mapping: (try? FieldMapping(parsing: map)) ?? FieldMapping(),
      sheets: (try? XLSXSheetNames(parsing: sheet)) ?? XLSXSheetNames())
  }

  func validate() throws {
    if let f = inputFormat, !f.isReadable {
      throw ValidationError(
        "--input-format \(f.rawValue): Linkage writes \(f.rawValue) but does not read it (readable: \(GraphEncoding.readable.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    do throws(FieldMappingError) {
      _ = try FieldMapping(parsing: map)
      _ = try XLSXSheetNames(parsing: sheet)
    } catch {
      throw ValidationError(error.message)
    }
  }
}

/// A what-if on top of the input; every analysis command takes these.
struct ScenarioOptions: ParsableArguments {
  @Option(
    name: .customLong("fail"),
    help: ArgumentHelp(
      "What if these nodes fail (ids, comma-separated or repeated). A failed node stays in the graph, never supplied.",
      valueName: "ID"))
  var fail: [String] = []

  @Option(
    name: .customLong("fail-where"),
    help: ArgumentHelp(
      "What if every node a selector matches fails together, e.g. country=NLD or kind=program&stage=verification (selector syntax as --targets; repeatable).",
      valueName: "SELECTOR"))
  var failWhere: [String] = []

  @Option(
    name: .customLong("cut"),
    help: ArgumentHelp(
      "What if these links fail: SOURCE>TARGET, or SOURCE>TARGET:relation for one relation (comma-separated or repeated).",
      valueName: "LINK"))
  var cut: [String] = []

  @Option(
    name: .customLong("add"),
    help: ArgumentHelp(
      "What if this graph file's nodes and links are added on top (any encoding; its edges may link to the input's nodes; repeatable).",
      valueName: "FILE"))
  var add: [String] = []

  @Option(
    name: .customLong("scenario"),
    help: ArgumentHelp(
      "A scenario file (YAML or JSON: name, description, fail, fail_where, cut, add); the options above add to it.",
      valueName: "FILE"))
  var scenarioFile: String?

  /// The spec the options state (the file's entries first).
  func spec() throws -> ScenarioSpec {
    var spec = ScenarioSpec()
    if let scenarioFile {
      do throws(InputError) {
        spec = try ScenarioSpec.read(scenarioFile)
      } catch {
        printError("linkage: \(error)")
        throw ExitCode(error.exitCode)
      }
    }
    var given = ScenarioSpec()
    given.fail = fail.map { .init($0) }
    given.failWhere = failWhere.map { .init($0) }
    given.cut = cut.map { .init($0) }
    given.add = add.map { .init($0) }
    let merged = spec.merged(with: given)
    if let scenarioFile, merged.isEmpty {
      // A named scenario that changes nothing would print no "What if" at all.
      printError(
        "linkage: \(scenarioFile):1:1: error: the scenario changes nothing: give at least one of fail, fail_where, cut, add"
      )
      throw ExitCode.dataError
    }
    return merged
  }
}

/// Writes to standard error.
func printError(_ text: String) {
  var text = text
  if !text.hasSuffix("\n") { text += "\n" }
  FileHandleOutput.standardError(text)
}

/// Whether standard error is a terminal (progress is shown only then).
var stderrIsTerminal: Bool { isatty(2) == 1 }

/// A failure that ends the command with a sysexits code after printing a message.
struct CommandFailure: Error, CustomStringConvertible {
  let message: String
  let code: Int32
  var description: String { message }
}

extension InputError {
  /// The exit code sysexits(3) assigns: 66 no input, 74 I/O error, 65 data error.
  var exitCode: Int32 {
    switch self {
    case .notFound: 66
    case .io: 74
    case .data: 65
    }
  }
}

extension ExitCode {
  static let usage = ExitCode(64)
  static let dataError = ExitCode(65)
  static let noInput = ExitCode(66)
  static let ioError = ExitCode(74)
}

/// Loads the graph a command works on, prints its diagnostics, and stops on errors.
struct GraphInput {
  let loaded: LoadedGraph
  /// What to call the input in output (`Datasets/korea-ax` or `bundled:korea-ax`).
  let name: String
  /// The what-if applied on top, if any.
  var scenario: ScenarioApplication? = nil
  /// The graph to analyze: with the scenario applied, when there is one.
  var graph: SupplyGraph { scenario?.graph ?? loaded.graph }

  /// How many graphs this process loaded (`LINKAGE_TRACE_LOADS=1` prints it at exit, so a
  /// benchmark or test can check that `brief` loads its graph once).
  nonisolated(unsafe) static var loadCount = 0

  /// Loads `path`, or the default dataset when `path` is nil.
  /// - Throws: `ExitCode` 66/74/65 after printing why.
  static func load(
    _ path: String?, options: GlobalOptions, input reading: InputOptions = InputOptions(),
    scenario: ScenarioOptions? = nil, failOnErrors: Bool = true
  ) throws -> GraphInput {
    // Big loads say what they are doing, on a terminal only.
    let bytes = path.map(inputSize) ?? 0
    let announce = !options.quiet && stderrIsTerminal && bytes > 32 << 20
    let started = PhaseTimer.now()
    if announce, let path { printError("loading \(path) (\(bytes >> 20) MB)…") }
    loadCount += 1
    let input = try opened(open(path, reading.loadOptions))
    if announce {
      let seconds = PhaseTimer.now() - started
      printError(
        "loaded \(input.loaded.graph.nodeCount) nodes, \(input.loaded.graph.edgeCount) edges in \(String(format1: seconds)) s"
      )
    }
    if failOnErrors { try input.check(path: path, quiet: options.quiet) }
    guard let scenario else { return input }
    return try input.applying(scenario, quiet: options.quiet)
  }

  /// Loads two inputs at once (on two cores), then applies `scenario` to the second; `b`
  /// nil loads `a` once and compares it with itself under the scenario.
  /// - Throws: `ExitCode` 66/74/65 after printing why (the first input's problems first).
  static func loadPair(
    _ a: String?, _ b: String?, options: GlobalOptions, input reading: InputOptions,
    scenario: ScenarioOptions
  ) throws -> (GraphInput, GraphInput) {
    guard let b else {
      let first = try load(a, options: options, input: reading)
      return (first, try first.applying(scenario, quiet: options.quiet))
    }
    let announce = !options.quiet && stderrIsTerminal
    if announce { printError("loading \(a ?? DefaultDataset.name) and \(b)…") }
    loadCount += 2
    let results = ParallelBuild.run(2, parallel: true) { k in
      open(k == 0 ? a : b, reading.loadOptions)
    }
    let first = try opened(results[0])
    try first.check(path: a, quiet: options.quiet)
    let second = try opened(results[1])
    try second.check(path: b, quiet: options.quiet)
    return (first, try second.applying(scenario, quiet: options.quiet))
  }

  /// The opened input, or the error printed and thrown as its exit code.
  private static func opened(_ result: Result<GraphInput, InputError>) throws -> GraphInput {
    switch result {
    case .success(let input): return input
    case .failure(let error):
      printError("linkage: \(error)")
      throw ExitCode(error.exitCode)
    }
  }

  /// Prints the diagnostics and stops on errors.
  /// - Throws: `ExitCode.dataError` when the input has errors.
  func check(path: String?, quiet: Bool) throws {
    reportDiagnostics(quiet: quiet)
    if loaded.diagnostics.hasErrors {
      printError(
        "linkage: \(loaded.diagnostics.errorCount) error(s) in \(name); run `linkage validate \(path ?? "")` for the full list"
      )
      throw ExitCode.dataError
    }
  }

  /// This input with the what-if of `scenario` applied (itself when there is none).
  /// - Throws: the usage error of an unknown id or link, or `ExitCode` 65/66/74 after
  ///   printing why an addition cannot be read.
  func applying(_ scenario: ScenarioOptions, quiet: Bool) throws -> GraphInput {
    let spec = try scenario.spec()
    guard !spec.isEmpty else { return self }
    do throws(ScenarioError) {
      let application = try spec.apply(to: graph)
      if !quiet {
        for d in application.diagnostics.sorted { printError(d.description) }
      }
      return GraphInput(loaded: loaded, name: name, scenario: application)
    } catch {
      switch error {
      case .request(let e): throw e
      case .input(let e):
        printError("linkage: \(e)")
        throw ExitCode(e.exitCode)
      case .addition(let file, let log):
        for d in log.sorted where d.severity == .error { printError(d.description) }
        printError("linkage: \(log.errorCount) error(s) in \(file), added by the scenario")
        throw ExitCode.dataError
      case .file(let file, let log):
        for d in log.sorted where d.severity == .error { printError(d.description) }
        printError("linkage: \(log.errorCount) error(s) in the scenario file \(file)")
        throw ExitCode.dataError
      }
    }
  }

  private static func open(
    _ path: String?, _ options: LoadOptions
  ) -> Result<
    GraphInput, InputError
  > {
    do throws(InputError) {
      if let path {
        return .success(
          GraphInput(loaded: try GraphLoader.load(path, options: options), name: path))
      }
      let dataset = try DefaultDataset.load()
      return .success(GraphInput(loaded: dataset.loaded, name: dataset.name))
    } catch {
      return .failure(error)
    }
  }

  /// Prints errors (all) and warnings (the first few, unless quiet) to stderr; `validate`
  /// prints every one.
  func reportDiagnostics(quiet: Bool, warningLimit: Int = 5) {
    let log = loaded.diagnostics
    var shownWarnings = 0
    for d in log.sorted {
      if d.severity == .error {
        printError(d.description)
      } else if !quiet && shownWarnings < warningLimit {
        printError(d.description)
        shownWarnings += 1
      }
    }
    let hidden =
      log.errorCount + (quiet ? 0 : log.warningCount)
      - log.items.filter { $0.severity == .error }.count - shownWarnings
    if !quiet && hidden > 0 {
      printError(
        "… and \(hidden) more warning(s): see `linkage validate \(name.hasPrefix("bundled:") ? "" : name)`"
      )
    }
  }

  /// The graph and its provenance, as the reports take it.
  var analysisInput: AnalysisInput {
    let plain = AnalysisInput(loaded: loaded, name: name)
    return scenario.map { plain.applying($0) } ?? plain
  }
}

/// Streams a command's `--format json` document to stdout: the envelope every command
/// follows, with `result` written by `result`.
func emitJSON(command: String, input: GraphInput?, result: (inout JSONWriter) -> Void) {
  var stream = ReportOutput(flush: { FileHandleOutput.standardOutput(bytes: $0) })
  JSONRenderer.document(
    command: command, input: input?.analysisInput, stream: &stream, result: result)
  stream.finish()
}

/// Writes command output to stdout.
func emit(_ text: String) {
  FileHandleOutput.standardOutput(text)
}

/// Unbuffered writes to the standard streams (`write(2)`), safe from any thread.
enum FileHandleOutput {
  static func standardOutput(_ text: String) { write(fd: 1, text) }
  static func standardError(_ text: String) { write(fd: 2, text) }

  static func standardOutput(bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write(fd: 1, $0) } }

  private static func write(fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { write(fd: fd, $0) }
  }

  private static func write(fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
    guard let base = buf.baseAddress else { return }
    var offset = 0
    while offset < buf.count {
      let n = Glibc.write(fd, base + offset, buf.count - offset)
      if n <= 0 {
        if n < 0 && errno == EINTR { continue }
        return
      }
      offset += n
    }
  }
}

/// The size in bytes of a graph file, or of the files in a dataset folder.
func inputSize(_ path: String) -> Int {
  var st = stat()
  guard stat(path, &st) == 0 else { return 0 }
  if (st.st_mode & S_IFMT) != S_IFDIR { return Int(st.st_size) }
  var total = 0
  for name in ["nodes.csv", "edges.csv", "graph.yaml", "graph.yml", "graph.json"] {
    var f = stat()
    if stat(path + "/" + name, &f) == 0 { total += Int(f.st_size) }
  }
  return total
}
