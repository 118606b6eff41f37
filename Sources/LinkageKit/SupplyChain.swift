import LinkageCore
import LinkageIO
import LinkageReports

/// A supply network loaded from a file: startups, suppliers, integrators, buyers, the programs
/// and agencies between them, and the links of supply and sale. The starting point of the
/// library: load one, then ask it for single points of failure, reference paths or dual-use
/// reach.
///
///     import LinkageKit
///
///     let chain = try SupplyChain.load("Datasets/korea-ax")
///     for failure in try chain.singlePointsOfFailure().criticalNodes {
///       print(failure.node.id, "cuts off", failure.targetsCut.map(\.id))
///     }
///
/// A value is immutable and `Sendable`; every analysis reads it without copying.
public struct SupplyChain: Sendable {
  package let input: AnalysisInput

  package init(input: AnalysisInput) { self.input = input }

  /// Loads a graph file (`.yaml`, `.yml`, `.json`), a CSV pair (`nodes.csv` / `edges.csv`, or
  /// the folder holding them) or a dataset folder with `graph.yaml`.
  /// - Throws: ``LinkageError/notFound(path:detail:)``, ``LinkageError/unreadable(path:detail:)``
  ///   or ``LinkageError/invalidData(problems:)`` (every error found, with file, line, column).
  /// - Complexity: O(size of the input), in parallel for large CSV edge files.
  public static func load(_ path: String) throws(LinkageError) -> SupplyChain {
    let loaded: LoadedGraph
    do throws(InputError) {
      loaded = try GraphLoader.load(path)
    } catch {
      throw LinkageError(error)
    }
    if loaded.diagnostics.hasErrors {
      throw .invalidData(problems: loaded.diagnostics.sorted.map(Problem.init))
    }
    return SupplyChain(input: AnalysisInput(loaded: loaded, name: path))
  }

  /// The Korean AX ecosystem dataset compiled into the library (the CLI's default dataset).
  public static var bundledKoreaAX: SupplyChain {
    let loaded = GraphLoader.loadDocument(
      bytes: Array(BundledDatasets.koreaAX.utf8), file: "bundled:korea-ax/graph.yaml", as: .yaml)
    return SupplyChain(input: AnalysisInput(loaded: loaded, name: "bundled:korea-ax"))
  }

  package var graph: SupplyGraph { input.graph }

  /// The graph's name, else the path it was loaded from.
  public var name: String { input.title }
  /// How many nodes and links (edges) the graph has.
  public var nodeCount: Int { graph.nodeCount }
  public var linkCount: Int { graph.edgeCount }

  /// Every node, in the order of the input.
  public var nodes: [Node] { graph.nodes.map { Node(graph, $0) } }

  /// The node with this id, if there is one.
  /// - Complexity: O(1) expected.
  public func node(_ id: String) -> Node? { graph.index(of: id).map { Node(graph, $0) } }

  /// Warnings found while loading (errors stop ``load(_:)``).
  public var warnings: [Problem] { input.diagnostics.sorted.map(Problem.init) }
}

/// Why a graph could not be loaded or a question could not be asked.
public enum LinkageError: Error, Sendable, CustomStringConvertible {
  /// The path does not exist, or a folder holds no graph.
  case notFound(path: String, detail: String)
  /// The operating system refused to read the input.
  case unreadable(path: String, detail: String)
  /// The input was read but is not a valid graph: every error, in file order.
  case invalidData(problems: [Problem])
  /// An argument names no node, field or value of this graph, or does not parse; the message
  /// says which and suggests the closest ones.
  case invalidRequest(message: String)

  init(_ error: InputError) {
    switch error {
    case .notFound(let path, let detail): self = .notFound(path: path, detail: detail)
    case .io(let path, let detail): self = .unreadable(path: path, detail: detail)
    case .data(let d): self = .invalidData(problems: [Problem(d)])
    }
  }

  init(_ error: RequestError) { self = .invalidRequest(message: error.description) }

  public var description: String {
    switch self {
    case .notFound(let path, let detail), .unreadable(let path, let detail): "\(path): \(detail)"
    case .invalidData(let problems): problems.map(\.description).joined(separator: "\n")
    case .invalidRequest(let message): message
    }
  }
}

/// One problem found in the input: where, how bad, and what was expected.
public struct Problem: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: Sendable, Hashable { case warning, error }
  public let severity: Severity
  /// The file, 1-based line and column, when the problem has a place.
  public let file: String?
  public let line: Int?
  public let column: Int?
  public let message: String

  init(_ d: Diagnostic) {
    severity = d.severity == .error ? .error : .warning
    file = d.location?.file
    line = d.location?.line
    column = d.location?.column
    message = d.message
    description = d.description
  }

  /// `file:line:column: error: message`, as the CLI prints it.
  public let description: String
}
