import LinkageCore
import LinkageIO

/// Why a candidates file cannot be used.
package enum CandidatesError: Error, Sendable {
  /// The file cannot be read.
  case input(InputError)
  /// The file has errors in its data (every one listed).
  case data(file: String, diagnostics: DiagnosticLog)
}

/// The links a mitigation search may propose, before they are checked against the graph:
/// read from a candidates file (`--candidates`), or found in the graph itself.
package struct MitigationCandidates: Sendable {
  /// One proposed link, by ids.
  package struct Link: Sendable {
    package let source: String
    package let target: String
    package let relation: String
    package let part: String?
    package let cost: Double?
    /// The link's other attributes (lead_time, confidence, …), kept on the verified graph.
    package let attributes: [Attribute]
    /// Where the link came from: "FILE: candidate 3" or the rule that found it.
    package let origin: String

    package init(
      source: String, target: String, relation: String, part: String?, cost: Double?,
      attributes: [Attribute] = [], origin: String
    ) {
      self.source = source
      self.target = target
      self.relation = relation
      self.part = part
      self.cost = cost
      self.attributes = attributes
      self.origin = origin
    }
  }

  /// A node a candidates file brings that the graph does not have (a supplier to qualify).
  package struct NewNode: Sendable {
    package let id: String
    package let name: String?
    /// Its kind as written; `supplier` when the file gives none.
    package let kind: String
    package let attributes: [Attribute]
  }

  /// Where the candidates come from.
  package enum Origin: Sendable, Equatable {
    case file(String)
    /// Nodes of the same kind that already supply the same part elsewhere.
    case sameKind
  }

  package let origin: Origin
  package let links: [Link]
  package let newNodes: [NewNode]
  /// Warnings from reading the file (new nodes, unused columns).
  package let diagnostics: DiagnosticLog

  package init(origin: Origin, links: [Link], newNodes: [NewNode], diagnostics: DiagnosticLog) {
    self.origin = origin
    self.links = links
    self.newNodes = newNodes
    self.diagnostics = diagnostics
  }

  /// Reads a candidates file: any graph file whose edges are the candidate links (a lone
  /// `source,target,part,cost` CSV, a CSV pair, YAML, JSON, …). Endpoints are ids of `graph`;
  /// a source the graph does not have enters as a new node (a supplier to qualify; a warning
  /// says so). A `cost` column gives each link's cost.
  /// - Throws: ``CandidatesError`` when the file cannot be read or has errors.
  /// - Complexity: O(size of the file + *V*).
  package static func read(
    _ path: String, for graph: SupplyGraph
  ) throws(CandidatesError) -> MitigationCandidates {
    let loaded: LoadedGraph
    do throws(InputError) {
      loaded = try GraphLoader.load(path, options: LoadOptions(base: graph, newEndpointsAreNodes: true))
    } catch {
      throw .input(error)
    }
    let c = loaded.graph
    // Only a source may be new (a supplier to qualify); a target the graph lacks is a typo.
    var badTargets = Set<String>()
    for e in c.edges where graph.index(of: c.id(of: c.target(of: e))) == nil {
      badTargets.insert(c.id(of: c.target(of: e)))
    }
    var log = DiagnosticLog()
    for d in loaded.diagnostics.items {
      let aboutBadTarget = badTargets.contains { d.message.hasPrefix("'\($0)' is not in the graph") }
      if !aboutBadTarget { log.append(d) }
    }
    if log.hasErrors { throw .data(file: path, diagnostics: log) }
    func location(_ e: EdgeIndex) -> SourceLocation {
      loaded.location(ofEdge: e) ?? SourceLocation(file: path, line: 1, column: 1)
    }
    var newNodes: [NewNode] = []
    for v in c.nodes where graph.index(of: c.id(of: v)) == nil && !badTargets.contains(c.id(of: v)) {
      newNodes.append(
        NewNode(
          id: c.id(of: v), name: c.writtenName(of: v), kind: c.kindLabel(of: v) ?? "supplier",
          attributes: c.nodeAttributes.values(at: Int(v))))
    }
    let costs = c.edgeAttributes["cost"]
    var links: [Link] = []
    for e in c.edges {
      let source = c.id(of: c.source(of: e))
      let target = c.id(of: c.target(of: e))
      let at = location(e)
      if badTargets.contains(target) {
        let close = Suggestions.closest(to: target, in: graph.ids)
        log.error(
          "candidate target '\(target)' is not in the graph (only a candidate's source may be new)"
            + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"),
          at: at)
        continue
      }
      var cost: Double? = nil
      if let costs, costs[Int(e)] != nil {
        guard let x = costs.number(at: Int(e)), x >= 0, x.isFinite else {
          log.error("cost must be a number of at least 0 (\(source) → \(target))", at: at)
          continue
        }
        cost = x
      }
      links.append(
        Link(
          source: source, target: target, relation: c.relation(of: e).name, part: c.part(of: e),
          cost: cost,
          attributes: c.edgeAttributes.values(at: Int(e)).filter { $0.name != "cost" },
          origin: at.line > 1 || loaded.location(ofEdge: e) != nil ? "\(at.file):\(at.line)" : "\(path)"))
    }
    if log.hasErrors { throw .data(file: path, diagnostics: log) }
    return MitigationCandidates(
      origin: .file(path), links: links, newNodes: newNodes, diagnostics: log)
  }
}
