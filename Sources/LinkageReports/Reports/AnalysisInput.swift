import LinkageCore
import LinkageIO

/// A loaded graph and what every report says about where it came from.
package struct AnalysisInput: Sendable {
  /// The graph the analyses run on: with the scenario applied, when there is one.
  package let graph: SupplyGraph
  /// What to call the input in output (`Datasets/korea-ax`, `bundled:korea-ax`).
  package let name: String
  /// What loading found (every report's JSON lists these).
  package let diagnostics: DiagnosticLog
  /// The what-if applied to the input, if any.
  package let scenario: Scenario?
  /// The graph as loaded, before the scenario (nil when there is none). Its nodes keep their
  /// indices in ``graph``; an addition's nodes come after them.
  package let unchanged: SupplyGraph?

  package init(
    graph: SupplyGraph, name: String, diagnostics: DiagnosticLog, scenario: Scenario? = nil,
    unchanged: SupplyGraph? = nil
  ) {
    self.graph = graph
    self.name = name
    self.diagnostics = diagnostics
    self.scenario = scenario.flatMap { $0.isEmpty ? nil : $0 }
    self.unchanged = self.scenario == nil ? nil : unchanged
  }

  package init(loaded: LoadedGraph, name: String) {
    self.init(graph: loaded.graph, name: name, diagnostics: loaded.diagnostics)
  }

  /// This input with `application` applied (its warnings joined to the diagnostics).
  package func applying(_ application: ScenarioApplication) -> AnalysisInput {
    var log = diagnostics
    for d in application.diagnostics.items { log.append(d) }
    return AnalysisInput(
      graph: application.graph, name: name, diagnostics: log, scenario: application.scenario,
      unchanged: graph)
  }

  /// The graph's own name, else the input's.
  package var title: String { graph.name ?? name }
  /// The title and, when it differs, where the graph came from: `korea-ax (Datasets/korea-ax)`.
  package var heading: String { title == name ? name : "\(title) (\(name))" }
}
