import LinkageCore
import LinkageIO

/// A loaded graph and what every report says about where it came from.
package struct AnalysisInput: Sendable {
  package let graph: SupplyGraph
  /// What to call the input in output (`Datasets/korea-ax`, `bundled:korea-ax`).
  package let name: String
  /// What loading found (every report's JSON lists these).
  package let diagnostics: DiagnosticLog

  package init(graph: SupplyGraph, name: String, diagnostics: DiagnosticLog) {
    self.graph = graph
    self.name = name
    self.diagnostics = diagnostics
  }

  package init(loaded: LoadedGraph, name: String) {
    self.init(graph: loaded.graph, name: name, diagnostics: loaded.diagnostics)
  }

  /// The graph's own name, else the input's.
  package var title: String { graph.name ?? name }
  /// The title and, when it differs, where the graph came from: `korea-ax (Datasets/korea-ax)`.
  package var heading: String { title == name ? name : "\(title) (\(name))" }
}
