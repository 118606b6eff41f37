/// A pattern that routes must follow: a small regular language over the route.
///
/// Edge tests consume one edge: a relation name (`supplies`) or `.` for any edge. Node tests
/// check the node the route is at and consume nothing: a kind (`startup`), a kind with
/// conditions (`program[sector=defense,stage=verification]`), any node with conditions
/// (`*[sector=industry]`), or an id (`#argos-vision`). `*`, `+`, `?`, `|` and parentheses work
/// as usual. The whole route must match, from its first node to its last:
///
///     startup supplies+ program[sector=defense,stage=verification] .* buyer[sector=industry]
///
/// reads: start at a startup, follow one or more `supplies` edges to a defense verification
/// program, then any edges to an industry buyer.
///
/// The pattern compiles to a Thompson automaton of at most 64 states; searches run on the
/// product of the graph and its subset construction, so the answer is exact.
package struct RoutePattern: Sendable {
  /// A test a node must pass.
  package struct NodeTest: Sendable, Equatable {
    /// The kind label, or nil for `*`.
    package var kind: String?
    package var id: String?
    /// `field=value` conditions: sector, stage, kind, id, name, tier, or any attribute.
    package var conditions: [(String, String)]

    package static func == (a: NodeTest, b: NodeTest) -> Bool {
      a.kind == b.kind && a.id == b.id
        && a.conditions.map { $0.0 + "=" + $0.1 } == b.conditions.map { $0.0 + "=" + $0.1 }
    }
  }

  /// Why a pattern could not be read, with the 1-based column.
  package struct ParseError: Error, CustomStringConvertible {
    package let message: String
    package let column: Int
    package var description: String { "column \(column): \(message)" }
  }

  enum Transition: Sendable {
    case epsilon(Int)
    case node(NodeTest, Int)
    case edge(relation: String?, Int)  // nil relation: any edge
  }

  /// Transitions out of each state; state 0 starts, `accept` ends.
  let transitions: [[Transition]]
  let accept: Int
  package let text: String

  package var stateCount: Int { transitions.count }

  // MARK: Parsing

  /// Parses `text`; relation names and kind names are told apart with `graph` (a word that is
  /// a relation of the design or of the graph is an edge test; a kind of either is a node test).
  /// - Throws: ``ParseError`` pointing at the column.
  package init(parsing text: String, graph: SupplyGraph) throws {
    var parser = Parser(text: Array(text.unicodeScalars), graph: graph)
    let fragment = try parser.parseAlternation()
    parser.skipSpaces()
    if parser.position < parser.text.count {
      throw ParseError(
        message: "unexpected '\(parser.text[parser.position])'", column: parser.position + 1)
    }
    var builder = parser.builder
    let accept = builder.newState()
    builder.add(.epsilon(accept), from: fragment.end)
    // State 0 must be the start: link a fresh start to the fragment.
    builder.add(.epsilon(fragment.start), from: builder.startState)
    guard builder.states.count <= Self.maximumStates else {
      throw ParseError(
        message:
          "the pattern is too large (\(builder.states.count) automaton states; at most \(Self.maximumStates))",
        column: 1)
    }
    self.transitions = builder.states
    self.accept = accept
    self.text = text
  }

  /// The most automaton states a pattern may compile to (state sets are 64-bit masks).
  package static let maximumStates = 64

  struct Builder {
    var states: [[Transition]] = [[]]  // state 0: start
    var startState: Int { 0 }
    mutating func newState() -> Int {
      states.append([])
      return states.count - 1
    }
    mutating func add(_ t: Transition, from s: Int) { states[s].append(t) }
  }

  struct Fragment {
    let start: Int
    let end: Int
  }

  struct Parser {
    let text: [Unicode.Scalar]
    let graph: SupplyGraph
    var position = 0
    var builder = Builder()
    let relationNames: Set<String>
    let kindNames: Set<String>

    init(text: [Unicode.Scalar], graph: SupplyGraph) {
      self.text = text
      self.graph = graph
      relationNames = Set(Relation.knownNames + graph.relations.map(\.name))
      kindNames = Set(NodeKind.known.map(\.name) + graph.kindLabels)
    }

    mutating func skipSpaces() {
      while position < text.count && text[position].properties.isWhitespace { position += 1 }
    }

    func peek() -> Unicode.Scalar? { position < text.count ? text[position] : nil }

    mutating func parseAlternation() throws -> Fragment {
      var branches = [try parseSequence()]
      skipSpaces()
      while peek() == "|" {
        position += 1
        branches.append(try parseSequence())
        skipSpaces()
      }
      if branches.count == 1 { return branches[0] }
      let start = builder.newState()
      let end = builder.newState()
      for b in branches {
        builder.add(.epsilon(b.start), from: start)
        builder.add(.epsilon(end), from: b.end)
      }
      return Fragment(start: start, end: end)
    }

    /// Stops as soon as the automaton outgrows 64 states, so that nesting (which recurses
    /// once per parenthesis) and long patterns end with an error, never a deep stack.
    func checkSize() throws {
      if builder.states.count > RoutePattern.maximumStates {
        throw ParseError(
          message:
            "the pattern is too large (more than \(RoutePattern.maximumStates) automaton states)",
          column: position + 1)
      }
    }

    mutating func parseSequence() throws -> Fragment {
      skipSpaces()
      try checkSize()
      let start = builder.newState()
      var end = start
      var any = false
      while let c = peek(), c != "|", c != ")" {
        let item = try parseRepetition()
        try checkSize()
        builder.add(.epsilon(item.start), from: end)
        end = item.end
        any = true
        skipSpaces()
      }
      if !any {
        throw ParseError(message: "expected a node test, an edge test or '('", column: position + 1)
      }
      return Fragment(start: start, end: end)
    }

    mutating func parseRepetition() throws -> Fragment {
      let atom = try parseAtom()
      guard let op = peek(), op == "*" || op == "+" || op == "?" else { return atom }
      // `*[` starts a node test, not a repetition.
      if op == "*", position + 1 < text.count, text[position + 1] == "[" { return atom }
      position += 1
      let start = builder.newState()
      let end = builder.newState()
      builder.add(.epsilon(atom.start), from: start)
      builder.add(.epsilon(end), from: atom.end)
      if op == "*" || op == "?" { builder.add(.epsilon(end), from: start) }
      if op == "*" || op == "+" { builder.add(.epsilon(atom.start), from: atom.end) }
      return Fragment(start: start, end: end)
    }

    mutating func parseAtom() throws -> Fragment {
      skipSpaces()
      guard let c = peek() else {
        throw ParseError(
          message: "the pattern ends where a test was expected", column: position + 1)
      }
      let column = position + 1
      if c == "(" {
        position += 1
        let inner = try parseAlternation()
        skipSpaces()
        guard peek() == ")" else {
          throw ParseError(
            message: "expected ')' to close the '(' at column \(column)", column: position + 1)
        }
        position += 1
        return inner
      }
      if c == "." {
        position += 1
        return single(.edge(relation: nil, 0))
      }
      if c == "#" {
        position += 1
        let id = word()
        guard !id.isEmpty else {
          throw ParseError(message: "expected a node id after '#'", column: position + 1)
        }
        guard graph.index(of: id) != nil else {
          let close = IDSuggestions.closest(to: id, in: graph.ids)
          throw ParseError(
            message: "no node with id '\(id)'"
              + (close.isEmpty
                ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"),
            column: column + 1)
        }
        return single(.node(NodeTest(kind: nil, id: id, conditions: []), 0))
      }
      if c == "*" {
        position += 1
        guard peek() == "[" else {
          throw ParseError(
            message: "'*' as a node test needs conditions, e.g. *[sector=defense]", column: column)
        }
        let conditions = try parseConditions()
        return single(.node(NodeTest(kind: nil, id: nil, conditions: conditions), 0))
      }
      let name = word()
      guard !name.isEmpty else { throw ParseError(message: "unexpected '\(c)'", column: column) }
      if peek() == "[" {
        guard kindNames.contains(name) else {
          throw ParseError(
            message: "unknown kind '\(name)' (conditions in [...] follow a kind or *)",
            column: column)
        }
        let conditions = try parseConditions()
        return single(.node(NodeTest(kind: name, id: nil, conditions: conditions), 0))
      }
      let isRelation = relationNames.contains(name)
      let isKind = kindNames.contains(name)
      if isRelation && isKind {
        throw ParseError(
          message: "'\(name)' is both a relation and a kind; write \(name)[] for the node test",
          column: column)
      }
      if isRelation { return single(.edge(relation: name, 0)) }
      if isKind { return single(.node(NodeTest(kind: name, id: nil, conditions: []), 0)) }
      throw ParseError(
        message:
          "'\(name)' is neither a relation nor a kind here (relations: \(relationNames.sorted().joined(separator: ", ")); kinds: \(kindNames.sorted().joined(separator: ", ")))",
        column: column)
    }

    mutating func parseConditions() throws -> [(String, String)] {
      let open = position + 1
      position += 1  // '['
      var out: [(String, String)] = []
      skipSpaces()
      if peek() == "]" {
        position += 1
        return out
      }
      while true {
        skipSpaces()
        let fieldColumn = position + 1
        let field = word()
        skipSpaces()
        guard !field.isEmpty, peek() == "=" else {
          throw ParseError(message: "expected field=value in [...]", column: fieldColumn)
        }
        position += 1
        skipSpaces()
        let value = word()
        guard !value.isEmpty else {
          throw ParseError(message: "expected a value after '\(field)='", column: position + 1)
        }
        out.append((field, value))
        skipSpaces()
        if peek() == "," {
          position += 1
          continue
        }
        guard peek() == "]" else {
          throw ParseError(
            message: "expected ',' or ']' to close the '[' at column \(open)", column: position + 1)
        }
        position += 1
        return out
      }
    }

    mutating func word() -> String {
      var out = ""
      // A word runs to whitespace or punctuation; a '.' inside a word (0.5, a.b) belongs to it.
      while let c = peek(), !c.properties.isWhitespace, !"[](),|*+?=#".unicodeScalars.contains(c),
        c != "." || !out.isEmpty
      {
        out.unicodeScalars.append(c)
        position += 1
      }
      return out
    }

    mutating func single(_ t: Transition) -> Fragment {
      let s = builder.newState()
      let e = builder.newState()
      switch t {
      case .edge(let r, _): builder.add(.edge(relation: r, e), from: s)
      case .node(let n, _): builder.add(.node(n, e), from: s)
      case .epsilon: builder.add(.epsilon(e), from: s)
      }
      return Fragment(start: s, end: e)
    }
  }

  // MARK: Evaluation

  /// Whether `node` passes `test`.
  func matches(_ test: NodeTest, _ node: NodeIndex, in graph: SupplyGraph) -> Bool {
    if let id = test.id, graph.id(of: node) != id { return false }
    if let kind = test.kind, (graph.kindLabel(of: node) ?? graph.kind(of: node).name) != kind {
      return false
    }
    for (field, value) in test.conditions {
      if graph.fieldText(field, of: node) != value { return false }
    }
    return true
  }

  /// The states reachable from `states` without consuming an edge, passing the node tests at
  /// `node`.
  func closure(_ states: UInt64, at node: NodeIndex, in graph: SupplyGraph) -> UInt64 {
    var result = states
    var stack: [Int] = []
    for s in 0..<transitions.count where states & (1 << UInt64(s)) != 0 { stack.append(s) }
    while let s = stack.popLast() {
      for t in transitions[s] {
        let target: Int
        switch t {
        case .epsilon(let to): target = to
        case .node(let test, let to):
          guard matches(test, node, in: graph) else { continue }
          target = to
        case .edge: continue
        }
        if result & (1 << UInt64(target)) == 0 {
          result |= 1 << UInt64(target)
          stack.append(target)
        }
      }
    }
    return result
  }

  /// The states after following an edge of `relation` from `states` (before the closure).
  func step(_ states: UInt64, relation: String) -> UInt64 {
    var result: UInt64 = 0
    for s in 0..<transitions.count where states & (1 << UInt64(s)) != 0 {
      for t in transitions[s] {
        if case .edge(let r, let to) = t, r == nil || r == relation { result |= 1 << UInt64(to) }
      }
    }
    return result
  }

  /// The automaton state set at the start of a route from `source`.
  package func start(at source: NodeIndex, in graph: SupplyGraph) -> UInt64 {
    closure(1, at: source, in: graph)
  }

  /// The state set after following `edge` (to its target) from `states`.
  package func advance(_ states: UInt64, over edge: EdgeIndex, in graph: SupplyGraph) -> UInt64 {
    let moved = step(states, relation: graph.relation(of: edge).name)
    return moved == 0 ? 0 : closure(moved, at: graph.target(of: edge), in: graph)
  }

  package func accepts(_ states: UInt64) -> Bool { states & (1 << UInt64(accept)) != 0 }

  /// Whether a whole route matches (for tests and checks).
  package func matches(_ path: Path, in graph: SupplyGraph) -> Bool {
    var s = start(at: path.nodes[0], in: graph)
    for e in path.edges {
      s = advance(s, over: e, in: graph)
      if s == 0 { return false }
    }
    return accepts(s)
  }
}
