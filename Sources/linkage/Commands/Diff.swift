import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

enum MatchOption: String, ExpressibleByArgument, CaseIterable {
  case id, name
}

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "What changed between two inputs, or an input and a scenario: the data and the answers.",
    discussion: """
      Compares OLD and NEW (any encodings), or OLD and OLD under a scenario when NEW is left \
      out (linkage diff data/ --fail kseed-silicon); a scenario given with NEW applies to NEW.

      Lists the nodes and links added, removed and changed (each field's old and new value), \
      and what changed in the answers: new and resolved single points of failure, targets cut \
      off or supplied again, redundancy that rose or fell, hidden single sourcing that appeared \
      or vanished, startups whose reach class changed, and best reference routes that got \
      longer, shorter, appeared or disappeared — ranked by impact (targets cut × value; buyers \
      reached for reach and routes). Nodes are matched by id; --match name pairs them by name \
      for data whose ids were regenerated.
      """)

  @Argument(
    help: "The old graph: a file, CSV pair or dataset folder (default: the bundled korea-ax).")
  var old: String?

  @Argument(help: "The new graph (default: OLD, under the scenario given).")
  var new: String?

  @Option(help: "Pair nodes by id or by name.")
  var match: MatchOption = .id

  @Option(help: "Targets: ids, kind=…, sector=…, stage=…, any attribute (comma: any; &: all).")
  var targets: String?

  @Option(help: "Supply semantics: auto (parts when either side has part labels), or, parts.")
  var semantics: SemanticsOption = .auto

  @Option(
    name: .customLong("min-share"), parsing: .unconditional,
    help: "Suppliers whose share is below this cannot substitute (0–1).")
  var minShare: Double?

  @Option(
    name: .customLong("max-redundancy"), parsing: .unconditional,
    help: "Count independent supply paths up to this many per target.")
  var maxRedundancy: Int = 5

  @Option(parsing: .unconditional, help: "Rows per list (table output).")
  var top: Int = 20

  @OptionGroup var options: GlobalOptions

  @OptionGroup(title: "Input") var inputOptions: InputOptions

  @OptionGroup(title: "What if") var scenario: ScenarioOptions

  func validate() throws {
    if let minShare, !(0...1).contains(minShare) {
      throw ValidationError("--min-share must be between 0 and 1")
    }
    if top < 1 { throw ValidationError("--top must be at least 1") }
    if maxRedundancy < 1 { throw ValidationError("--max-redundancy must be at least 1") }
    if new == nil, (try? scenario.spec().isEmpty) ?? true {
      throw ValidationError(
        "give NEW, or a scenario (--fail, --fail-where, --cut, --add, --scenario) to compare OLD with"
      )
    }
  }

  func run() throws {
    let (oldInput, newInput) = try GraphInput.loadPair(
      old, new, options: options, input: inputOptions, scenario: scenario)
    var reportOptions = DiffReport.Options()
    reportOptions.targets = targets
    reportOptions.semantics = semantics.choice
    reportOptions.minimumShare = minShare
    reportOptions.match = match == .id ? .id : .name
    reportOptions.maximumRedundancy = maxRedundancy
    let progress = Progress(enabled: !options.quiet && stderrIsTerminal)
    progress.say("comparing \(oldInput.graph.nodeCount) and \(newInput.graph.nodeCount) nodes…")
    let report = try DiffReport(
      old: oldInput.analysisInput, new: newInput.analysisInput, options: reportOptions)
    progress.finishLine()
    switch options.format {
    case .json:
      // The envelope's input is NEW (with its scenario); its diagnostics are both sides'.
      var log = oldInput.analysisInput.diagnostics
      for d in newInput.analysisInput.diagnostics.items { log.append(d) }
      let n = newInput.analysisInput
      let input = AnalysisInput(
        graph: n.graph, name: n.name, diagnostics: log, scenario: n.scenario, unchanged: n.unchanged
      )
      var stream = ReportOutput(flush: { FileHandleOutput.standardOutput(bytes: $0) })
      JSONRenderer.document(command: "diff", input: input, stream: &stream) {
        JSONRenderer.write(report, to: &$0)
      }
      stream.finish()
    case .csv: emit(CSVRenderer.render(report))
    case .table: emit(TableRenderer.render(report, limit: top))
    }
  }
}
