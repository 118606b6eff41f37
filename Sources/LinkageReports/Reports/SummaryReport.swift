import LinkageCore

/// A graph's counts and shape (kinds, sectors, stages, relations, origins, buyers, sinks,
/// components, cycles), for `summary`.
package struct SummaryReport: Sendable {
  package let input: AnalysisInput
  package let summary: GraphSummary

  /// - Complexity: O(*V* + *E*) (see ``LinkageCore/SupplyGraph/summary()``).
  package init(input: AnalysisInput) {
    self.input = input
    self.summary = input.graph.summary()
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
