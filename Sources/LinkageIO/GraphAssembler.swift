import LinkageCore

/// The graph a reader produced, with every problem it found.
package struct LoadedGraph: Sendable {
  package let graph: SupplyGraph
  package let diagnostics: DiagnosticLog
  /// The file or folder the graph came from, as given.
  package let path: String
  package let encoding: GraphEncoding
  /// For an input read on top of a base graph (an addition, a candidates file): the file and
  /// line of each edge, so what is said about an edge later can point at it. Empty otherwise.
  package var edgeFile = ""
  package var edgeLines: [Int32] = []

  /// Where edge `e` was written, when known.
  package func location(ofEdge e: EdgeIndex) -> SourceLocation? {
    Int(e) < edgeLines.count && edgeLines[Int(e)] > 0
      ? SourceLocation(file: edgeFile, line: Int(edgeLines[Int(e)]), column: 1) : nil
  }
}

/// The encodings of one schema.
package enum GraphEncoding: String, Sendable, CaseIterable {
  case yaml
  case json
  case csv
  /// NetworkX node-link JSON (`json_graph.node_link_graph` reads it): written on request
  /// (`convert --to node-link`); read as JSON (the reader takes `links` or `edges`).
  case nodeLink = "node-link"
  /// GraphML (`.graphml`; NetworkX `read_graphml`, igraph, yEd, Gephi).
  case graphml
  /// GEXF 1.2/1.3 (`.gexf`; Gephi, NetworkX `read_gexf`/`write_gexf`).
  case gexf
  /// Neo4j import CSVs (a folder: nodes.csv, relationships.csv, load.cypher); written only.
  case neo4j
  /// GraphFrames CSVs (a folder: vertices.csv, edges.csv); written only.
  case graphframes
  /// DOT data (`.dot`, `.gv`); written only.
  case dot
  /// An Excel workbook (`.xlsx`) with nodes and edges sheets; read only.
  case xlsx

  /// Whether Linkage reads this encoding (the export formats it only writes say no).
  package var isReadable: Bool {
    switch self {
    case .neo4j, .graphframes, .dot: false
    default: true
    }
  }

  /// Whether Linkage writes this encoding (it reads `.xlsx` but writes the CSV pair instead).
  package var isWritable: Bool { self != .xlsx }

  /// The encodings Linkage both reads and writes (what a round trip can go through).
  package static var roundTrip: [GraphEncoding] {
    allCases.filter { $0.isReadable && $0.isWritable }
  }

  /// The encodings Linkage writes, for messages.
  package static var writable: [GraphEncoding] { allCases.filter(\.isWritable) }

  /// The encodings Linkage reads, for messages.
  package static var readable: [GraphEncoding] { allCases.filter(\.isReadable) }
}

/// Turns records from any reader into a graph, applying the schema's rules once for every
/// encoding: duplicate ids, unknown endpoints (with suggestions), buyer sectors, value
/// ranges, unknown kinds and relations, self-loops and duplicate edges.
struct GraphAssembler {
  var builder: SupplyGraphBuilder
  var log = DiagnosticLog()
  /// The line each node and edge was defined on, for messages that point back at them.
  private var nodeLines: [Int32] = []
  private var edgeLines: [Int32] = []
  private var edgeFile: String = ""
  private var nodeFile: String = ""
  /// Which attributes fill which fields (`--map`), applied in ``finish(path:encoding:)``.
  var mapping = FieldMapping()
  private enum Field: Int { case kind, sector, stage, relation }
  /// Unknown labels: per field and label code, where first seen and how often.
  private var unknown: [[Int32: UnknownLabel]] = [[:], [:], [:], [:]]
  private var unknownOrder: [(field: Field, code: Int32)] = []
  private var kindIsKnown: [Bool] = []
  private var sectorIsKnown: [Bool] = []
  private var stageIsKnown: [Bool] = []
  private var unresolved: [(id: String, role: String, location: SourceLocation)] = []
  private var unresolvedCount = 0
  private var relationIsKnown: [Bool] = []
  private var lastSourceBytes: [UInt8] = []
  private var lastSource: NodeIndex = -1
  private var contextNames: Set<String> = []
  /// The graph an addition (`--add`) is read on top of: an edge may link to its nodes, which
  /// then enter this graph as bare ids (resolved against the base when the two are joined).
  var base: SupplyGraph?
  /// With a base: an endpoint that is neither here nor in the base enters as a new node.
  var newEndpointsAreNodes = false
  var newEndpointCount = 0

  init(expectedNodes: Int = 0, expectedEdges: Int = 0) {
    builder = SupplyGraphBuilder(expectedNodes: expectedNodes, expectedEdges: expectedEdges)
    builder.reserve(nodes: expectedNodes, edges: expectedEdges)
    nodeLines.reserveCapacity(expectedNodes)
    edgeLines.reserveCapacity(expectedEdges)
  }

  mutating func setContextRelations(_ names: [String]) {
    builder.contextRelations = names
    contextNames = Set(names)
  }

  // MARK: Nodes

  /// Starts a node; a duplicate id is an error and gives `nil`.
  mutating func beginNode(
    idUTF8: UnsafeBufferPointer<UInt8>, line: Int, at location: @autoclosure () -> SourceLocation
  ) -> NodeIndex? {
    if idUTF8.isEmpty {
      log.error("empty node id", at: location())
      return nil
    }
    let insertion = builder.addNode(idUTF8: idUTF8)
    guard insertion.inserted else {
      let id = String(decoding: idUTF8, as: UTF8.self)
      log.error(
        "duplicate node id '\(id)' (first defined at line \(nodeLines[Int(insertion.index)]))",
        at: location())
      return nil
    }
    nodeLines.append(Int32(clamping: line))
    if nodeFile.isEmpty { nodeFile = location().file }
    return insertion.index
  }

  mutating func beginNode(id: String, at location: SourceLocation) -> NodeIndex? {
    var copy = id
    return copy.withUTF8 { beginNode(idUTF8: $0, line: location.line, at: location) }
  }

  mutating func setKind(
    utf8: UnsafeBufferPointer<UInt8>, of node: NodeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard !utf8.isEmpty else { return }
    let code = builder.setKind(utf8: utf8, for: node)
    if code.inserted {
      kindIsKnown.append(NodeKind(name: String(decoding: utf8, as: UTF8.self)) != nil)
    }
    if !kindIsKnown[Int(code.index)] { noteUnknown(.kind, code.index, utf8, at: location()) }
  }

  mutating func setSector(
    utf8: UnsafeBufferPointer<UInt8>, of node: NodeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard !utf8.isEmpty else { return }
    let code = builder.setSector(utf8: utf8, for: node)
    if code.inserted {
      sectorIsKnown.append(Sector(name: String(decoding: utf8, as: UTF8.self)) != nil)
    }
    if !sectorIsKnown[Int(code.index)] { noteUnknown(.sector, code.index, utf8, at: location()) }
  }

  mutating func setStage(
    utf8: UnsafeBufferPointer<UInt8>, of node: NodeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard !utf8.isEmpty else { return }
    let code = builder.setStage(utf8: utf8, for: node)
    if code.inserted {
      stageIsKnown.append(Stage(name: String(decoding: utf8, as: UTF8.self)) != nil)
    }
    if !stageIsKnown[Int(code.index)] { noteUnknown(.stage, code.index, utf8, at: location()) }
  }

  mutating func setTier(
    _ value: Double?, text: @autoclosure () -> String, of node: NodeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard let value, value >= 0, value == value.rounded(), value < 1e9 else {
      log.error("tier must be a whole number ≥ 0, found '\(text())'", at: location())
      return
    }
    builder.setTier(Int(value), for: node)
  }

  mutating func setRequirement(
    _ text: String, of node: NodeIndex, at location: @autoclosure () -> SourceLocation
  ) {
    switch text {
    case "any": builder.setRequirement(.any, for: node)
    case "all": builder.setRequirement(.all, for: node)
    case "": break
    default: log.error("requires must be 'any' or 'all', found '\(text)'", at: location())
    }
  }

  /// Sets a node attribute, checking well-known ones.
  mutating func setNodeAttribute(
    _ name: String, _ value: AttributeValue, of node: NodeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard accepts(value, as: WellKnownAttribute.node(name), at: location()) else { return }
    builder.setNodeAttribute(name, value, for: node)
  }

  /// Whether `value` suits the well-known attribute `rule` (any value suits an unknown
  /// attribute); logs why not.
  private mutating func accepts(
    _ value: AttributeValue, as rule: WellKnownAttribute?,
    at location: @autoclosure () -> SourceLocation
  ) -> Bool {
    guard let rule else { return true }
    guard case .number(let d) = value else {
      log.error("\(rule.name) must be a number, found \(describe(value))", at: location())
      return false
    }
    return acceptsNumber(d, as: rule, at: location())
  }

  /// Whether the number suits `rule`; logs why not.
  mutating func acceptsNumber(
    _ value: Double, as rule: WellKnownAttribute, at location: @autoclosure () -> SourceLocation
  ) -> Bool {
    if let problem = rule.problem(with: value) {
      log.error(problem, at: location())
      return false
    }
    return true
  }

  /// Parses a well-known numeric attribute from CSV text; logs why not when it does not suit.
  /// - Returns: The number, or `nil` for an empty cell or a rejected value.
  mutating func number(
    _ text: UnsafeBufferPointer<UInt8>, as rule: WellKnownAttribute,
    at location: @autoclosure () -> SourceLocation
  ) -> Double? {
    if text.isEmpty { return nil }
    guard let d = NumberFormat.parse(text) else {
      log.error(
        "\(rule.name) must be a number, found '\(String(decoding: text, as: UTF8.self))'",
        at: location())
      return nil
    }
    return acceptsNumber(d, as: rule, at: location()) ? d : nil
  }

  /// Checks a node once all its fields are set.
  mutating func endNode(
    _ node: NodeIndex, kindText: String?, sectorText: String?,
    at location: @autoclosure () -> SourceLocation
  ) {
    if kindText == "buyer", sectorText != "defense", sectorText != "industry" {
      let found = sectorText.map { "'\($0)'" } ?? "none"
      log.error(
        "buyer '\(builder.nodeIDs[Int(node)])' needs sector defense or industry, found \(found)",
        at: location())
    }
  }

  // MARK: Edges

  /// Adds an edge; an endpoint that names no node is an error (with suggestions later) and
  /// gives `nil`.
  mutating func addEdge(
    sourceUTF8: UnsafeBufferPointer<UInt8>, targetUTF8: UnsafeBufferPointer<UInt8>,
    relationUTF8: UnsafeBufferPointer<UInt8>, partUTF8: UnsafeBufferPointer<UInt8>?, line: Int,
    sourceAt: @autoclosure () -> SourceLocation, targetAt: @autoclosure () -> SourceLocation,
    relationAt: @autoclosure () -> SourceLocation
  ) -> EdgeIndex? {
    var missing = false
    if sourceUTF8.isEmpty {
      log.error("edge without a source", at: sourceAt())
      missing = true
    }
    if targetUTF8.isEmpty {
      log.error("edge without a target", at: targetAt())
      missing = true
    }
    if missing { return nil }
    // Edge lists are usually grouped by source: reuse the previous row's lookup when the
    // source repeats, which halves the random probes into the id table.
    let s0: NodeIndex?
    if lastSource >= 0, sourceUTF8.elementsEqual(lastSourceBytes) {
      s0 = lastSource
    } else {
      s0 = builder.index(ofUTF8: sourceUTF8)
      lastSourceBytes.removeAll(keepingCapacity: true)
      lastSourceBytes.append(contentsOf: sourceUTF8)
      lastSource = s0 ?? -1
    }
    var t = builder.index(ofUTF8: targetUTF8)
    var s = s0
    if let base {
      // A link to a node of the base graph: the node enters as its bare id.
      if s == nil, base.index(ofUTF8: sourceUTF8) != nil {
        s = builder.addNode(idUTF8: sourceUTF8).index
        nodeLines.append(0)
        lastSource = -1
      }
      if t == nil, base.index(ofUTF8: targetUTF8) != nil {
        t = builder.addNode(idUTF8: targetUTF8).index
        nodeLines.append(0)
      }
      if newEndpointsAreNodes {
        if s == nil, !sourceUTF8.isEmpty {
          s = builder.addNode(idUTF8: sourceUTF8).index
          nodeLines.append(0)
          lastSource = -1
          log.warning(newNodeMessage(String(decoding: sourceUTF8, as: UTF8.self)), at: sourceAt())
        }
        if t == nil, !targetUTF8.isEmpty {
          t = builder.addNode(idUTF8: targetUTF8).index
          nodeLines.append(0)
          log.warning(newNodeMessage(String(decoding: targetUTF8, as: UTF8.self)), at: targetAt())
        }
      }
    }
    if s == nil {
      noteUnresolved(String(decoding: sourceUTF8, as: UTF8.self), role: "source", at: sourceAt())
    }
    if t == nil {
      noteUnresolved(String(decoding: targetUTF8, as: UTF8.self), role: "target", at: targetAt())
    }
    guard let s, let t else { return nil }
    let relation: StringInterner.Insertion
    if relationUTF8.isEmpty {
      relation = builder.relationCode(Relation.defaultName)
    } else {
      relation = builder.relationCode(relationUTF8)
    }
    if relation.inserted {
      let name = String(decoding: relationUTF8, as: UTF8.self)
      let known =
        relationUTF8.isEmpty || Relation.knownRoles[name] != nil || contextNames.contains(name)
      relationIsKnown.append(known)
    }
    if !relationIsKnown[Int(relation.index)] {
      noteUnknown(.relation, relation.index, relationUTF8, at: relationAt())
    }
    let part = partUTF8.flatMap { $0.isEmpty ? nil : builder.partCode($0) } ?? -1
    let e = builder.addEdge(from: s, to: t, relationCode: relation.index, partCode: part)
    if edgeFile.isEmpty { edgeFile = sourceAt().file }
    edgeLines.append(Int32(clamping: line))
    if s == t {
      log.warning("self-loop: '\(builder.nodeIDs[Int(s)])' → itself", at: sourceAt())
    }
    return e
  }

  mutating func addEdge(
    source: String, target: String, relation: String?, part: String?,
    sourceAt: SourceLocation, targetAt: SourceLocation, relationAt: SourceLocation
  ) -> EdgeIndex? {
    var s = source
    var t = target
    var r = relation ?? ""
    var p = part
    return s.withUTF8 { su in
      t.withUTF8 { tu in
        r.withUTF8 { ru in
          if p != nil {
            return p!.withUTF8 { pu in
              addEdge(
                sourceUTF8: su, targetUTF8: tu, relationUTF8: ru, partUTF8: pu, line: sourceAt.line,
                sourceAt: sourceAt, targetAt: targetAt, relationAt: relationAt)
            }
          }
          return addEdge(
            sourceUTF8: su, targetUTF8: tu, relationUTF8: ru, partUTF8: nil, line: sourceAt.line,
            sourceAt: sourceAt, targetAt: targetAt, relationAt: relationAt)
        }
      }
    }
  }

  /// Sets an edge attribute, checking well-known ones.
  mutating func setEdgeAttribute(
    _ name: String, _ value: AttributeValue, of edge: EdgeIndex,
    at location: @autoclosure () -> SourceLocation
  ) {
    guard accepts(value, as: WellKnownAttribute.edge(name), at: location()) else { return }
    builder.setEdgeAttribute(name, value, for: edge)
  }

  // MARK: Parallel edge reading

  /// A copy that collects edges on its own, to read part of an edge file on another thread.
  /// Nodes must all be added first; the copy shares their storage.
  func edgeWorker() -> GraphAssembler {
    var worker = self
    worker.log = DiagnosticLog(limit: log.limit)
    worker.unresolved = []
    worker.unresolvedCount = 0
    worker.unknown[Field.relation.rawValue] = [:]
    worker.unknownOrder = []
    worker.edgeLines = []
    worker.lastSource = -1
    worker.lastSourceBytes = []
    return worker
  }

  /// Takes in the edges and problems a worker collected. Its lines count from its part of the
  /// file, so `lineOffset` is added to every line it reports.
  mutating func absorbEdges(of worker: GraphAssembler, lineOffset: Int) {
    builder.appendEdges(of: worker.builder, from: 0)
    func shifted(_ location: SourceLocation?) -> SourceLocation? {
      location.map { SourceLocation(file: $0.file, line: $0.line + lineOffset, column: $0.column) }
    }
    for item in worker.log.items {
      log.append(Diagnostic(item.severity, item.message, at: shifted(item.location)))
    }
    for u in worker.unresolved {
      if unresolved.count < log.limit {
        unresolved.append((u.id, u.role, shifted(u.location)!))
      }
    }
    unresolvedCount += worker.unresolvedCount
    edgeLines.append(contentsOf: worker.edgeLines.lazy.map { $0 + Int32(clamping: lineOffset) })
    if edgeFile.isEmpty { edgeFile = worker.edgeFile }
    // Relation codes are the worker's own: map them by name.
    let workerRelations = worker.builder.relationNames
    for name in workerRelations {
      let code = builder.relationCode(name)
      if code.inserted {
        relationIsKnown.append(Relation.knownRoles[name] != nil || contextNames.contains(name))
      }
    }
    for (field, code) in worker.unknownOrder where field == .relation {
      guard let seen = worker.unknown[Field.relation.rawValue][code] else { continue }
      let global = builder.relationCode(workerRelations[Int(code)]).index
      if var mine = unknown[Field.relation.rawValue][global] {
        mine.count += seen.count
        unknown[Field.relation.rawValue][global] = mine
      } else {
        unknown[Field.relation.rawValue][global] = UnknownLabel(
          label: seen.label, location: shifted(seen.location)!, count: seen.count)
        unknownOrder.append((.relation, global))
      }
    }
  }

  // MARK: Finishing

  private struct UnknownLabel {
    let label: String
    let location: SourceLocation
    var count: Int
  }

  private mutating func noteUnknown(
    _ field: Field, _ code: Int32, _ utf8: UnsafeBufferPointer<UInt8>,
    at location: @autoclosure () -> SourceLocation
  ) {
    if unknown[field.rawValue][code] != nil {
      unknown[field.rawValue][code]!.count += 1
    } else {
      unknown[field.rawValue][code] = UnknownLabel(
        label: String(decoding: utf8, as: UTF8.self), location: location(), count: 1)
      unknownOrder.append((field, code))
    }
  }

  private mutating func noteUnresolved(_ id: String, role: String, at location: SourceLocation) {
    unresolvedCount += 1
    if unresolved.count < log.limit { unresolved.append((id, role, location)) }
  }

  private func describe(_ value: AttributeValue) -> String {
    switch value {
    case .string(let s): "'\(s)'"
    case .number(let d): NumberFormat.canonical(d)
    case .bool(let b): b ? "true" : "false"
    }
  }

  // MARK: Field mapping

  private func nodeLocation(_ v: Int) -> SourceLocation {
    SourceLocation(file: nodeFile, line: Int(nodeLines[v]), column: 1)
  }

  private func edgeLocation(_ e: Int) -> SourceLocation {
    SourceLocation(file: edgeFile, line: Int(edgeLines[e]), column: 1)
  }

  /// The text a mapped value gives a label field (numbers in canonical form).
  private static func label(_ value: AttributeValue) -> String {
    switch value {
    case .string(let s): s
    case .number(let d): NumberFormat.canonical(d)
    case .bool(let b): b ? "true" : "false"
    }
  }

  /// Moves mapped attribute columns onto their fields (``mapping``, or the automatic kind
  /// from `type`/`label`), checking each value as the field's own.
  /// - Complexity: O(*V* + *E*) per mapped field.
  private mutating func applyFieldMapping() {
    var entries = mapping.entries
    if mapping.attribute(for: .kind) == nil, builder.nodeCount > 0, !builder.hasKinds {
      for candidate in ["type", "label"] {
        guard let column = builder.nodeAttributeColumn(named: candidate) else { continue }
        let holdsKind = (0..<column.count).contains {
          if case .string(let s)? = column[$0] { return NodeKind(name: s) != nil }
          return false
        }
        if holdsKind {
          log.warning(
            "no node has a kind: the '\(candidate)' attribute is read as the kind (say --map kind=ATTRIBUTE to choose another)",
            at: nodeLocation(0))
          entries.append(FieldMapping.Entry(field: .kind, attribute: candidate))
          break
        }
      }
    }
    for entry in entries {
      let field = entry.field
      let count = field.isEdgeField ? builder.edgeCount : builder.nodeCount
      guard count > 0 else { continue }
      let column =
        field.isEdgeField
        ? builder.removeEdgeAttributeColumn(entry.attribute)
        : builder.removeNodeAttributeColumn(entry.attribute)
      guard let column else {
        let names = field.isEdgeField ? builder.edgeAttributeNames : builder.nodeAttributeNames
        log.error(
          "--map \(field.rawValue)=\(entry.attribute): no \(field.isEdgeField ? "edge" : "node") has an attribute '\(entry.attribute)' (\(names.isEmpty ? "they have none" : "attributes: " + names.joined(separator: ", ")))",
          at: field.isEdgeField ? edgeLocation(0) : nodeLocation(0))
        continue
      }
      var replaced = 0
      for i in 0..<count {
        guard let value = column[i] else { continue }
        var text = Self.label(value)
        let location = field.isEdgeField ? edgeLocation(i) : nodeLocation(i)
        switch field {
        case .kind:
          if builder.hasKind(NodeIndex(i)) { replaced += 1 }
          text.withUTF8 { setKind(utf8: $0, of: NodeIndex(i), at: location) }
        case .sector:
          text.withUTF8 { setSector(utf8: $0, of: NodeIndex(i), at: location) }
        case .stage:
          text.withUTF8 { setStage(utf8: $0, of: NodeIndex(i), at: location) }
        case .name:
          builder.setName(text, for: NodeIndex(i))
        case .tier:
          setTier(value.number, text: text, of: NodeIndex(i), at: location)
        case .relation:
          let code = text.withUTF8 { builder.setRelation(utf8: $0, for: EdgeIndex(i)) }
          if code.inserted {
            relationIsKnown.append(
              Relation.knownRoles[text] != nil || contextNames.contains(text))
          }
          if !relationIsKnown[Int(code.index)] {
            text.withUTF8 { noteUnknown(.relation, code.index, $0, at: location) }
          }
        case .part:
          text.withUTF8 { builder.setPart(utf8: $0, for: EdgeIndex(i)) }
        }
      }
      if replaced > 0 {
        log.warning(
          "--map kind=\(entry.attribute) replaced the kind the input gave \(replaced) node\(replaced == 1 ? "" : "s")",
          at: nodeLocation(0))
      }
      if field == .kind || field == .sector {
        // The buyer rule, for the nodes the mapping gave a kind or sector.
        for i in 0..<count where column[i] != nil {
          let v = NodeIndex(i)
          let kind = builder.kindName(of: v)
          let sector = builder.sectorName(of: v)
          if kind == "buyer", sector != "defense", sector != "industry" {
            log.error(
              "buyer '\(builder.nodeIDs[i])' needs sector defense or industry, found \(sector.map { "'\($0)'" } ?? "none")",
              at: nodeLocation(i))
          }
        }
      }
    }
  }

  /// The warning for an endpoint that enters as a new node, with the closest ids of the base
  /// for the first few (a typo looks like a new node).
  mutating func newNodeMessage(_ id: String) -> String {
    var message = "'\(id)' is not in the graph: it enters as a new node"
    newEndpointCount += 1
    if newEndpointCount <= 20, let base {
      let close = IDSuggestions.closest(to: id, in: base.ids)
      if !close.isEmpty {
        message += " (or did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?)"
      }
    }
    return message
  }

  /// Builds the graph and adds the diagnostics that need the whole graph.
  mutating func finish(path: String, encoding: GraphEncoding) -> LoadedGraph {
    applyFieldMapping()
    // Unknown endpoints, with the closest ids for the first few distinct ones.
    var suggestionsFor: [String: [String]] = [:]
    let ids = base.map { $0.ids + builder.nodeIDs } ?? builder.nodeIDs
    let suggestionBudget = ids.count > 100_000 ? 5 : 50
    // When the nodes themselves had errors, most unknown endpoints follow from those: show a
    // few, then say how many more there are instead of burying the cause.
    let followOn = log.hasErrors && unresolvedCount > 3
    let shown = followOn ? unresolved.prefix(3) : unresolved[...]
    for u in shown {
      if suggestionsFor[u.id] == nil, suggestionsFor.count < suggestionBudget {
        suggestionsFor[u.id] = IDSuggestions.closest(to: u.id, in: ids)
      }
      var message =
        "edge \(u.role) '\(u.id)' is not a node\(base == nil ? "" : " here or in the graph it adds to")"
      if let s = suggestionsFor[u.id], !s.isEmpty {
        message += "; did you mean \(s.map { "'\($0)'" }.joined(separator: ", "))?"
      }
      log.error(message, at: u.location)
    }
    if followOn {
      log.error(
        "this and \(unresolvedCount - shown.count - 1) more edge endpoints are not nodes, probably because of the errors above",
        at: unresolved[shown.count].location)
    } else {
      for _ in unresolved.count..<max(unresolved.count, unresolvedCount) {
        log.error("edge endpoint is not a node", at: nil)
      }
    }
    for (field, code) in unknownOrder {
      guard let seen = unknown[field.rawValue][code] else { continue }
      let times = seen.count == 1 ? "" : " (\(seen.count) times)"
      let label = seen.label
      // "did you mean" for a close spelling of a known label.
      func close(_ known: [String]) -> String {
        let s = IDSuggestions.closest(to: label, in: known, limit: 2)
        return s.isEmpty ? "" : "; did you mean \(s.map { "'\($0)'" }.joined(separator: " or "))?"
      }
      let message: String
      switch field {
      case .kind:
        let known = NodeKind.known.map(\.name)
        message =
          "unknown kind '\(label)'\(times); treated as other\(close(known)) (known: \(known.joined(separator: ", ")))"
      case .relation:
        let hint = close(Relation.knownNames)
        message =
          "unknown relation '\(label)'\(times); treated as flow\(hint.isEmpty ? " (declare it in context_relations if it is context)" : hint)"
      case .sector:
        message =
          "unknown sector '\(label)'\(times) (known: \(Sector.allCases.map(\.name).joined(separator: ", ")))"
      case .stage:
        message =
          "unknown stage '\(label)'\(times) (known: \(Stage.allCases.map(\.name).joined(separator: ", ")))"
      }
      log.warning(message, at: seen.location)
    }
    var timer = PhaseTimer()
    let graph = builder.build()
    timer.lap("build graph")
    // Duplicate edges: same source, target, relation and part.
    var lastSource = [Int32](repeating: -1, count: graph.nodeCount)
    for u in graph.nodes {
      let range = graph.outgoing.range(of: u)
      for i in range {
        let w = Int(graph.outgoing.neighbors[i])
        if lastSource[w] != u {
          lastSource[w] = u
          continue
        }
        let e = Int(graph.outgoing.edges[i])
        for j in range.lowerBound..<i where graph.outgoing.neighbors[j] == w {
          let f = Int(graph.outgoing.edges[j])
          if graph.relationCodes[f] == graph.relationCodes[e],
            graph.partCodes[f] == graph.partCodes[e]
          {
            log.warning(
              "duplicate edge '\(graph.ids[Int(u)])' → '\(graph.ids[w])' (\(graph.relation(of: EdgeIndex(e)).name)), first at line \(edgeLines[f])",
              at: SourceLocation(file: edgeFile, line: Int(edgeLines[e]), column: 1))
            break
          }
        }
      }
    }
    timer.lap("check duplicate edges")
    var loaded = LoadedGraph(graph: graph, diagnostics: log, path: path, encoding: encoding)
    if base != nil {
      loaded.edgeFile = edgeFile
      loaded.edgeLines = edgeLines
    }
    return loaded
  }
}
