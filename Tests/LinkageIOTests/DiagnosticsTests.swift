import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

/// Loads `text` written to a scratch file named `name`.
func load(_ text: String, named name: String = "graph.yaml") throws -> LoadedGraph {
  let folder = TestFiles.scratchFolder()
  TestFiles.write(text, to: folder + "/" + name)
  return try GraphLoader.load(folder + "/" + name)
}

/// Loads a CSV pair from text.
func loadCSV(nodes: String, edges: String, meta: String? = nil) throws -> LoadedGraph {
  let folder = TestFiles.scratchFolder()
  TestFiles.write(nodes, to: folder + "/nodes.csv")
  TestFiles.write(edges, to: folder + "/edges.csv")
  if let meta { TestFiles.write(meta, to: folder + "/meta.csv") }
  return try GraphLoader.load(folder)
}

/// The diagnostics as `line:col: severity: message-start` strings, for exact comparison.
extension LoadedGraph {
  func problems(_ severity: Diagnostic.Severity? = nil) -> [Diagnostic] {
    diagnostics.sorted.filter { severity == nil || $0.severity == severity }
  }

  func has(
    _ severity: Diagnostic.Severity, line: Int, column: Int? = nil, containing text: String
  ) -> Bool {
    problems(severity).contains { d in
      d.location?.line == line && (column == nil || d.location?.column == column)
        && d.message.contains(text)
    }
  }
}

@Suite("Errors and warnings, with their exact places")
struct DiagnosticsTests {
  static let yaml = """
    name: broken
    nodes:
      - {id: a, kind: startup}
      - {id: a, kind: supplier}
      - {id: b, kind: buyer}
      - {id: c, kind: buyer, sector: dual}
      - {id: d, kind: wizard, failure_probability: 1.5}
      - {id: e, kind: supplier, value: lots}
      - id: f
        kind: integrator
        requires: most
      - {id: g, kind: buyer, sector: defense}
    edges:
      - {source: a, target: bb}
      - {source: a, target: g, share: 2}
      - {source: a, target: g, lead_time: -3}
      - {source: a, target: a}
      - {source: a, target: g, relation: teleports}
      - {source: e, target: g, part: x}
      - {source: e, target: g, part: x}
      - {source: e, target: g, confidence: high}
      - {source: e, target: g, cost: cheap}
    """

  @Test("YAML: every rule reports at its line and column")
  func yamlDiagnostics() throws {
    let g = try load(Self.yaml)
    #expect(
      g.has(
        .error, line: 4, column: 10, containing: "duplicate node id 'a' (first defined at line 3)"))
    #expect(
      g.has(.error, line: 5, containing: "buyer 'b' needs sector defense or industry, found none"))
    #expect(
      g.has(.error, line: 6, containing: "buyer 'c' needs sector defense or industry, found 'dual'")
    )
    #expect(g.has(.warning, line: 7, column: 19, containing: "unknown kind 'wizard'"))
    #expect(
      g.has(
        .error, line: 7, column: 48,
        containing: "failure_probability must be between 0 and 1, found 1.5"))
    #expect(g.has(.error, line: 8, containing: "value must be a number, found 'lots'"))
    #expect(
      g.has(
        .error, line: 11, column: 15, containing: "requires must be 'any' or 'all', found 'most'"))
    #expect(
      g.has(
        .error, line: 14, column: 25,
        containing: "edge target 'bb' is not a node; did you mean 'b'?"))
    #expect(g.has(.error, line: 15, containing: "share must be between 0 and 1, found 2"))
    #expect(g.has(.error, line: 16, containing: "lead_time must not be negative, found -3"))
    #expect(g.has(.warning, line: 17, containing: "self-loop"))
    #expect(g.has(.warning, line: 18, containing: "unknown relation 'teleports'"))
    #expect(
      g.has(.warning, line: 20, containing: "duplicate edge 'e' → 'g' (supplies), first at line 19")
    )
    #expect(g.has(.error, line: 21, containing: "confidence must be a number, found 'high'"))
    #expect(g.has(.error, line: 22, containing: "cost must be a number, found 'cheap'"))
    #expect(
      g.has(.warning, line: 16, containing: "duplicate edge 'a' → 'g' (supplies), first at line 15")
    )
    #expect(
      g.has(.warning, line: 22, containing: "duplicate edge 'e' → 'g' (supplies), first at line 21")
    )
    #expect(g.diagnostics.errorCount == 11)
    #expect(g.diagnostics.warningCount == 6)
  }

  @Test("JSON: the same rules, and syntax errors point at the character")
  func jsonDiagnostics() throws {
    let text = """
      {"nodes": [
        {"id": "a", "kind": "startup"},
        {"id": "a", "kind": "supplier"},
        {"id": "b", "kind": "buyer"}
      ],
      "edges": [
        {"source": "a", "target": "x", "share": -0.5}
      ]}
      """
    let g = try load(text, named: "graph.json")
    #expect(g.has(.error, line: 3, column: 10, containing: "duplicate node id 'a'"))
    #expect(g.has(.error, line: 4, containing: "buyer 'b' needs sector"))
    #expect(g.has(.error, line: 7, column: 29, containing: "edge target 'x' is not a node"))
    // The edge was dropped (unknown endpoint), so its share is not checked further.
    let syntax = try load("{\"nodes\": [{\"id\": \"a\"},],\n \"edges\": []}", named: "g.json")
    #expect(syntax.has(.error, line: 1, column: 24, containing: "trailing comma before ']'"))
    let unterminated = try load("{\"nodes\": [{\"id\": \"a}]}", named: "g.json")
    #expect(unterminated.has(.error, line: 1, column: 19, containing: "unterminated string"))
    let deep = try load(String(repeating: "[", count: 100_000), named: "g.json")
    #expect(deep.has(.error, line: 1, containing: "nesting deeper than 512 levels"))
  }

  @Test("CSV: rules per row and column; syntax errors; header problems")
  func csvDiagnostics() throws {
    let g = try loadCSV(
      nodes:
        "id,name,kind,sector,failure_probability\na,A,startup,,\na,A2,supplier,,\nb,B,buyer,,\nc,C,wizard,,2\nd,\"D, Inc\",supplier\n",
      edges:
        "source,target,relation,lead_time\na,b,supplies,-1\na,zz,supplies,\nb,b,,\na,b,teleports,x\n"
    )
    #expect(
      g.has(
        .error, line: 3, column: 1, containing: "duplicate node id 'a' (first defined at line 2)"))
    #expect(g.has(.error, line: 4, containing: "buyer 'b' needs sector defense or industry"))
    #expect(g.has(.warning, line: 5, column: 5, containing: "unknown kind 'wizard'"))
    #expect(
      g.has(.error, line: 5, column: 13, containing: "failure_probability must be between 0 and 1"))
    #expect(
      g.has(.error, line: 6, column: 1, containing: "expected 5 fields as in the header, found 3"))
    #expect(g.has(.error, line: 2, column: 14, containing: "lead_time must not be negative"))
    #expect(g.has(.error, line: 3, column: 3, containing: "edge target 'zz' is not a node"))
    #expect(g.has(.warning, line: 4, containing: "self-loop"))
    #expect(g.has(.warning, line: 5, column: 5, containing: "unknown relation 'teleports'"))
    #expect(g.has(.error, line: 5, column: 15, containing: "lead_time must be a number, found 'x'"))
    let files = Set(
      g.problems().compactMap { $0.location?.file.split(separator: "/").last.map(String.init) })
    #expect(files == ["nodes.csv", "edges.csv"])

    let quote = try loadCSV(nodes: "id,name\na,\"open\nb,B\n", edges: "source,target\n")
    #expect(quote.has(.error, line: 2, column: 3, containing: "unterminated quoted field"))
    let after = try loadCSV(nodes: "id,name\na,\"x\"y\n", edges: "source,target\n")
    #expect(after.has(.error, line: 2, column: 6, containing: "after a closing quote"))
    let noID = try loadCSV(nodes: "name,kind\nA,startup\n", edges: "source,target\n")
    #expect(noID.has(.error, line: 1, containing: "needs an 'id' column"))
    let twice = try loadCSV(nodes: "id,name,name\na,A,B\n", edges: "source,target\n")
    #expect(twice.has(.error, line: 1, column: 9, containing: "column 'name' appears twice"))
  }

  @Test("problems are all collected, not just the first")
  func collectsAll() throws {
    var text = "nodes:\n"
    for i in 0..<50 { text += "  - {id: n\(i), kind: buyer}\n" }
    text += "edges: []\n"
    let g = try load(text)
    #expect(g.diagnostics.errorCount == 50)
    #expect(
      (0..<50).allSatisfy { i in
        g.has(.error, line: 2 + i, containing: "buyer 'n\(i)' needs sector")
      })
  }

  @Test("a clean file has no diagnostics")
  func cleanFile() throws {
    let g = try load(
      "nodes:\n  - {id: a, kind: startup}\n  - {id: b, kind: buyer, sector: industry}\nedges:\n  - {source: a, target: b, relation: sells_to}\n"
    )
    #expect(g.diagnostics.items.isEmpty)
    #expect(g.graph.nodeCount == 2 && g.graph.edgeCount == 1)
  }

  @Test("unknown ids get the closest existing ids as suggestions")
  func suggestions() {
    let ids = ["asml", "applied-materials", "tokyo-electron", "lam-research", "ASML-holding"]
    #expect(IDSuggestions.closest(to: "ASML", in: ids).first == "asml")
    #expect(IDSuggestions.closest(to: "lam-reserch", in: ids) == ["lam-research"])
    #expect(IDSuggestions.closest(to: "zzzzzzzz", in: ids).isEmpty)
  }
}
