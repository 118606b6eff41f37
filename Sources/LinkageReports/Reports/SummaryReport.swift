import LinkageCore

/// A graph's counts and shape (kinds, sectors, stages, relations, origins, buyers, sinks,
/// components, cycles), for `summary`.
package struct SummaryReport: Sendable {
  package let input: AnalysisInput
  package let summary: GraphSummary
  /// What the input's scenario does to the default targets' supply, under the data's own
  /// semantics (nil without a scenario).
  package let effect: ScenarioEffect?

  /// - Complexity: O(*V* + *E*) (see ``LinkageCore/SupplyGraph/summary()``).
  package init(input: AnalysisInput) {
    self.input = input
    self.summary = input.graph.summary()
    let graph = input.graph
    effect = input.unchanged.map {
      ScenarioEffect(
        unchanged: $0, changed: graph, semantics: .automatic(for: graph),
        targets: TargetSelection.defaultTargets(in: graph).nodes)
    }
  }

  /// Lists of ids in JSON are capped at this many (the count is always exact).
  package static let listCap = 1000
}

/// What loading a graph found, for `validate`.
package struct ValidationReport: Sendable {
  package let input: AnalysisInput
  package var diagnostics: DiagnosticLog { input.diagnostics }
  package var isValid: Bool { !input.diagnostics.hasErrors }

  package init(input: AnalysisInput) { self.input = input }
}
