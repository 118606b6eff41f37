import LinkageCore
import LinkageIO

/// Why a scenario cannot be applied.
package enum ScenarioError: Error, Sendable {
  /// An unknown id, selector or link (a usage error, exit 64).
  case request(RequestError)
  /// A scenario or addition file that cannot be read.
  case input(InputError)
  /// An addition file with errors in its data (every one listed).
  case addition(file: String, diagnostics: DiagnosticLog)
  /// A scenario file whose entries name unknown ids, selectors or links (every one listed,
  /// located; exit 65: the file's data is wrong, not the command line).
  case file(file: String, diagnostics: DiagnosticLog)
}

/// A graph with a scenario applied, and what reading its additions found.
package struct ScenarioApplication: Sendable {
  /// The graph with the additions on top and the failures and cuts applied.
  package let graph: SupplyGraph
  package let scenario: Scenario
  /// Warnings from the addition files, and about nodes an addition restated.
  package let diagnostics: DiagnosticLog
}

extension ScenarioSpec {
  /// Applies the spec to `graph`: additions first (so failures may name added nodes and cuts
  /// added links), then every failure and cut, checked against the combined graph.
  /// - Throws: ``ScenarioError`` for an unknown id, selector, link or relation (with
  ///   suggestions), or an addition that cannot be read.
  /// - Complexity: O(*V* + *E*) per addition and once for the failures, plus
  ///   O(*V* · conditions) per selector.
  package func apply(to graph: SupplyGraph) throws(ScenarioError) -> ScenarioApplication {
    var graph = graph
    var changes: [Scenario.Change] = []
    var log = DiagnosticLog()
    // An entry from a scenario file that names nothing is an error located in the file; all
    // of them are listed. One from the command line is a usage error, thrown at once.
    var fileErrors = DiagnosticLog()
    for entry in add {
      let loaded: LoadedGraph
      do throws(InputError) {
        // A lone edges CSV cannot declare nodes: a source or target it names that the graph
        // lacks is a new node (with a warning that suggests the closest ids).
        loaded = try GraphLoader.load(
          entry.text,
          options: LoadOptions(
            base: graph, newEndpointsAreNodes: GraphLoader.isLoneEdgeFile(entry.text)))
      } catch {
        // A scenario file naming a file that is not there: say where it is named.
        guard let location = entry.location, case .notFound(let path, let detail) = error else {
          throw .input(error)
        }
        fileErrors.error("add: \(path): \(detail)", at: location)
        continue
      }
      if loaded.diagnostics.hasErrors {
        throw .addition(file: entry.text, diagnostics: loaded.diagnostics)
      }
      for d in loaded.diagnostics.items { log.append(d) }
      let joined = graph.adding(loaded.graph)
      for v in joined.restated {
        log.warning(
          "'\(graph.id(of: v))' is already in the graph: the fields given for it here are ignored (an addition adds nodes and links; it does not edit them)",
          at: SourceLocation(file: entry.text, line: 1, column: 1))
      }
      graph = joined.graph
      changes.append(.add(file: entry.text, nodes: joined.addedNodes, edges: joined.addedEdges))
    }
    func option(_ entry: Entry, _ flag: String) -> String {
      entry.location.map { "\($0)" } ?? flag
    }
    func failed(_ error: RequestError, _ entry: Entry, key: String) throws(ScenarioError) {
      guard let location = entry.location else { throw .request(error) }
      var message = "\(key): \(error.message)"
      if !error.suggestions.isEmpty {
        message += "; did you mean \(error.suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
      }
      fileErrors.error(message, at: location)
    }
    var named: [NodeIndex] = []
    for entry in fail {
      for id in entry.text.split(separator: ",", omittingEmptySubsequences: false) {
        let id = String(id).trimmingCharacters(in: .whitespaces)
        guard let v = graph.index(of: id) else {
          try failed(Suggestions.unknownNode(id, option: option(entry, "--fail"), in: graph), entry, key: "fail")
          continue
        }
        if !named.contains(v) { named.append(v) }
      }
    }
    if !named.isEmpty { changes.append(.fail(nodes: named)) }
    for entry in failWhere {
      do throws(RequestError) {
        let nodes = try AnalysisRequest.select(
          .init(text: entry.text, option: option(entry, "--fail-where")), in: graph)
        changes.append(.failWhere(selector: entry.text, nodes: nodes))
      } catch {
        try failed(error, entry, key: "fail_where")
      }
    }
    for entry in cut {
      for spec in entry.text.split(separator: ",") {
        let spec = String(spec).trimmingCharacters(in: .whitespaces)
        do throws(RequestError) {
          let edges = try Self.edges(spec, option: option(entry, "--cut"), in: graph)
          changes.append(.cut(spec: spec, edges: edges))
        } catch {
          try failed(error, entry, key: "cut")
        }
      }
    }
    if fileErrors.hasErrors { throw .file(file: file ?? "", diagnostics: fileErrors) }
    let scenario = Scenario(name: name, file: file, changes: changes)
    return ScenarioApplication(
      graph: scenario.apply(to: graph), scenario: scenario, diagnostics: log)
  }

  /// The edges a `SRC>DST[:relation]` spec names: every edge from SRC to DST (of that
  /// relation, when given).
  /// - Throws: ``RequestError`` for an unknown end, no such link, or a relation the links
  ///   between the two do not have.
  /// - Complexity: O(length of the spec + out-degree of SRC).
  package static func edges(
    _ spec: String, option: String, in graph: SupplyGraph
  ) throws(RequestError) -> [EdgeIndex] {
    let form = "write a link as SOURCE>TARGET or SOURCE>TARGET:relation"
    let arrows = spec.indices.filter { spec[$0] == ">" }
    guard !arrows.isEmpty else {
      throw RequestError(option: option, message: "'\(spec)' has no '>': \(form)")
    }
    // Ids may hold '>' or ':': take the first split whose source is a node.
    var source: NodeIndex? = nil
    var rest = ""
    for a in arrows {
      if let s = graph.index(of: String(spec[..<a]).trimmingCharacters(in: .whitespaces)) {
        source = s
        rest = String(spec[spec.index(after: a)...]).trimmingCharacters(in: .whitespaces)
        break
      }
    }
    guard let source else {
      let first = String(spec[..<arrows[0]])
      throw Suggestions.unknownNode(first, option: option, in: graph)
    }
    var target = graph.index(of: rest)
    var relation: String? = nil
    if target == nil, let colon = rest.lastIndex(of: ":") {
      target = graph.index(of: String(rest[..<colon]))
      relation = String(rest[rest.index(after: colon)...])
    }
    guard let target else {
      let id = relation == nil ? rest : String(rest[..<rest.lastIndex(of: ":")!])
      let downstream = graph.outgoing.neighbors(of: source).map { graph.id(of: $0) }
      throw RequestError(
        option: option, message: "no node with id '\(id)'",
        suggestions: Suggestions.closest(to: id, in: Array(Set(downstream)) + graph.ids))
    }
    let between = graph.outgoing.edges(of: source).filter { graph.target(of: $0) == target }
    guard !between.isEmpty else {
      var out = Set<String>()
      for w in graph.outgoing.neighbors(of: source) { out.insert(graph.id(of: w)) }
      let listed = out.sorted()
      throw RequestError(
        option: option,
        message:
          "no link '\(graph.id(of: source))' → '\(graph.id(of: target))'"
          + (listed.isEmpty
            ? " ('\(graph.id(of: source))' has no outgoing links)"
            : " (links from '\(graph.id(of: source))' go to \(listed.prefix(10).joined(separator: ", "))\(listed.count > 10 ? ", …" : ""))")
      )
    }
    guard let relation else { return between.sorted() }
    let matching = between.filter { graph.relation(of: $0).name == relation }
    guard !matching.isEmpty else {
      let names = Set(between.map { graph.relation(of: $0).name }).sorted()
      throw RequestError(
        option: option,
        message:
          "\(between.count == 1 ? "the link" : "the links") '\(graph.id(of: source))' → '\(graph.id(of: target))' \(between.count == 1 ? "is" : "are") \(names.joined(separator: ", ")), not \(relation)",
        suggestions: Suggestions.closest(to: relation, in: names))
    }
    return matching.sorted()
  }
}
