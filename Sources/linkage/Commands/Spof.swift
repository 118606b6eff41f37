import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

#if canImport(Glibc)
  import Glibc
#endif

enum SemanticsOption: String, ExpressibleByArgument, CaseIterable {
  case auto
  case or
  case parts
}

struct Spof: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spof",
    abstract:
      "Single points of failure: which node or link, if it fails, cuts targets off from supply.",
    discussion: """
      Targets are the buyers, or the sinks of the flow graph when there are no buyers, unless \
      --targets names others: ids, kind=…, sector=…, stage=…, joined by commas (any) or & (all), \
      e.g. --targets 'kind=buyer&sector=defense,acme'.

      Semantics: parts (AND of ORs: an integrator needs every part, any supplier of a part will \
      do) when the data has part labels or requires: all, else or (plain reachability); \
      --semantics overrides. Every output says which was used.

      Reports the nodes and links whose single failure cuts targets off (ranked, with the \
      chain of dependence), each target's redundancy (how many nodes must fail together, with \
      a witness set), hidden single sourcing (two or more direct suppliers, one upstream point \
      of failure), the structural view of NetworkX/igraph (articulation points, bridges), and \
      with --simulate a Monte Carlo estimate from failure_probability.
      """)

  @Argument(help: "A graph file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var path: String?

  @Option(help: "Targets: ids, kind=…, sector=…, stage=… (comma: any; &: all).")
  var targets: String?

  @Option(help: "Supply semantics: auto, or, parts.")
  var semantics: SemanticsOption = .auto

  @Option(
    name: .customLong("min-share"),
    parsing: .unconditional, help: "Suppliers whose share is below this cannot substitute (0–1).")
  var minShare: Double?

  @Option(
    parsing: .unconditional,
    help: "Rows per table (table output); with json/csv, limits the ranked lists when given.")
  var top: Int?

  @Option(help: "Show one node's impact in full.")
  var node: String?

  @Option(
    name: .customLong("max-redundancy"),
    parsing: .unconditional, help: "Count independent supply paths up to this many per target.")
  var maxRedundancy: Int = 5

  @Option(
    parsing: .unconditional,
    help: "Monte Carlo trials with each node failing by its failure_probability.")
  var simulate: Int?

  @Option(parsing: .unconditional, help: "Seed for --simulate.")
  var seed: UInt64 = 1

  @Flag(
    help: """
      Time to survive vs time to recover: for each failure and target it cuts, when the target \
      runs out (lead_time, inventory_days) against the failure's ttr; exposures and remedies.
      """)
  var stress = false

  @Option(
    name: .customLong("group-by"),
    help: ArgumentHelp(
      "Fail every node sharing a value of this attribute together (country, region, owner, tier, …) and rank the values like nodes.",
      valueName: "ATTR"))
  var groupBy: String?

  @Flag(
    help: """
      Rank nodes by share-weighted value lost when each fails (a 30% supplier loses 30% of \
      what hangs on it alone), with each target's supplied fraction before and after.
      """)
  var loss = false

  @Flag(
    help: """
      Propose, for each listed single point, the smallest set of new links that removes it, \
      verified by re-running the analysis with the links added.
      """)
  var mitigate = false

  @Option(
    help: ArgumentHelp(
      """
      --mitigate: the links that could be added (a source,target,part,cost CSV or any graph \
      file; a source not in the graph is a new supplier). Default: nodes of the same kind that \
      already supply the same part elsewhere.
      """, valueName: "FILE"))
  var candidates: String?

  @Option(
    name: .customLong("max-links"), parsing: .unconditional,
    help: "--mitigate: the largest set of links proposed (1–4).")
  var maxLinks: Int = 2

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if let minShare, !(0...1).contains(minShare) {
      throw ValidationError("--min-share must be between 0 and 1")
    }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if maxRedundancy < 1 { throw ValidationError("--max-redundancy must be at least 1") }
    if let simulate, simulate < 1 { throw ValidationError("--simulate must be at least 1 trial") }
    if !(1...4).contains(maxLinks) { throw ValidationError("--max-links must be between 1 and 4") }
    if options.format == .csv, [mitigate, stress, groupBy != nil, loss].filter({ $0 }).count > 1 {
      throw ValidationError(
        "--format csv prints one table: choose one of --mitigate, --stress, --group-by, --loss (or use --format json)"
      )
    }
    if !mitigate, candidates != nil {
      throw ValidationError("--candidates is for --mitigate: add --mitigate")
    }
  }

  func run() throws {
    let input = try GraphInput.load(path, options: options, input: inputOptions, scenario: scenario)
    let graph = input.graph
    let progress = Progress(enabled: !options.quiet && stderrIsTerminal)
    var asked = AnalysisRequest.Options.failures(
      targets: targets, semantics: semantics.choice, minimumShare: minShare)
    asked.node = node.map { .init(text: $0, option: "--node") }
    let request = try AnalysisRequest(graph: graph, options: asked)
    var reportOptions = SpofReport.Options()
    reportOptions.focus = request.node
    reportOptions.limit = options.format == .table ? (top ?? 10) : top
    reportOptions.chains = options.format == .json ? .everyTarget : .firstTarget
    reportOptions.maximumRedundancy = maxRedundancy
    reportOptions.simulationTrials = simulate
    reportOptions.simulationSeed = seed
    reportOptions.includesLoss = loss
    reportOptions.includesStress = stress
    if let groupBy {
      try AnalysisRequest.checkAttribute(groupBy, option: "--group-by", in: graph)
      reportOptions.groupBy = groupBy
    }
    if let simulate {
      let reporter = progress
      reportOptions.progress = { done in
        reporter.say("simulating: \(done)/\(simulate) trials", overwrite: true)
      }
    }
    progress.say(
      "analyzing \(graph.nodeCount) nodes under \(request.semantics?.semantics.rawValue ?? "") semantics…"
    )
    let report = SpofReport(input: input.analysisInput, request: request, options: reportOptions)
    progress.finishLine()
    var mitigations: MitigationReport? = nil
    if mitigate {
      let fromFile = try candidates.map { try Self.readCandidates($0, graph: graph, quiet: options.quiet) }
      var m = MitigationReport.Options()
      m.maximumLinks = maxLinks
      m.points = top ?? 10
      let reporter = progress
      m.progress = { done, total in
        reporter.say("verifying mitigations: \(done)/\(total) re-runs", overwrite: true)
      }
      progress.say("searching mitigations…")
      mitigations = MitigationReport(spof: report, candidates: fromFile, options: m)
      progress.finishLine()
    }
    switch options.format {
    case .json:
      emitJSON(command: "spof", input: input) {
        JSONRenderer.write(report, mitigations: mitigations, to: &$0)
      }
    case .csv:
      if let mitigations {
        emit(CSVRenderer.render(mitigations))
      } else if stress {
        emit(CSVRenderer.renderStress(report))
      } else if groupBy != nil {
        emit(CSVRenderer.renderGroups(report))
      } else if loss {
        emit(CSVRenderer.renderLoss(report))
      } else {
        emit(CSVRenderer.render(report))
      }
    case .table:
      emit(TableRenderer.render(report) + (mitigations.map { "\n" + TableRenderer.render($0) } ?? ""))
    }
  }

  /// Reads `--candidates`, printing its warnings.
  /// - Throws: `ExitCode` 66/74/65 after printing why.
  static func readCandidates(
    _ path: String, graph: SupplyGraph, quiet: Bool
  ) throws -> MitigationCandidates {
    do throws(CandidatesError) {
      let read = try MitigationCandidates.read(path, for: graph)
      if !quiet { for d in read.diagnostics.sorted { printError(d.description) } }
      return read
    } catch {
      switch error {
      case .input(let e):
        printError("linkage: --candidates: \(e)")
        throw ExitCode(e.exitCode)
      case .data(let file, let log):
        for d in log.sorted where d.severity == .error { printError(d.description) }
        printError(
          "linkage: \(log.errorCount) error(s) in the candidates file \(file)"
        )
        throw ExitCode.dataError
      }
    }
  }
}

extension SemanticsOption {
  var choice: AnalysisRequest.SemanticsChoice {
    switch self {
    case .auto: .auto
    case .or: .or
    case .parts: .parts
    }
  }
}
