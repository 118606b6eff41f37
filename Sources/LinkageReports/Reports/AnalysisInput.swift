import LinkageCore
import LinkageIO

/// A loaded graph and what every report says about where it came from.
public struct AnalysisInput: Sendable {
  public let graph: SupplyGraph
  /// What to call the input in output (`Datasets/korea-ax`, `bundled:korea-ax`).
  public let name: String
  /// What loading found (every report's JSON lists these).
  public let diagnostics: DiagnosticLog

  public init(graph: SupplyGraph, name: String, diagnostics: DiagnosticLog) {
    self.graph = graph
    self.name = name
    self.diagnostics = diagnostics
  }

  public init(loaded: LoadedGraph, name: String) {
    self.init(graph: loaded.graph, name: name, diagnostics: loaded.diagnostics)
  }

  /// The graph's own name, else the input's.
  public var title: String { graph.name ?? name }
}
