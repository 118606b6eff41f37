import LinkageCore

/// A graph's counts and shape (kinds, sectors, stages, relations, origins, buyers, sinks,
/// components, cycles), for `summary`.
public struct SummaryReport: Sendable {
  public let input: AnalysisInput
  public let summary: GraphSummary

  /// - Complexity: O(*V* + *E*) (see ``LinkageCore/SupplyGraph/summary()``).
  public init(input: AnalysisInput) {
    self.input = input
    self.summary = input.graph.summary()
  }

  /// Lists of ids in JSON are capped at this many (the count is always exact).
  public static let listCap = 1000
}

/// What loading a graph found, for `validate`.
public struct ValidationReport: Sendable {
  public let input: AnalysisInput
  public var diagnostics: DiagnosticLog { input.diagnostics }
  public var isValid: Bool { !input.diagnostics.hasErrors }

  public init(input: AnalysisInput) { self.input = input }
}
