import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

/// Inputs built to hurt a parser: each must give a clear error with a place, and return
/// (bounded time and memory), never crash.
@Suite("Hostile inputs")
struct HostileInputTests {
  func firstError(_ g: LoadedGraph) -> Diagnostic? { g.problems(.error).first }

  @Test("deeply nested YAML is refused by depth")
  func deepYAML() throws {
    let flow = try load("nodes: " + String(repeating: "[", count: 200_000) + "\n")
    #expect(firstError(flow)?.message.contains("malformed YAML") == true)
    var block = "nodes:\n"
    for depth in 0..<3000 { block += String(repeating: " ", count: depth) + "- \n" }
    let nested = try load(block)
    #expect(nested.diagnostics.hasErrors)
  }

  @Test("an alias bomb (billion laughs) is refused, not expanded")
  func aliasBomb() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
      text +=
        "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
        + "]\n"
    }
    text += "nodes: *a9\nedges: []\n"
    let g = try load(text)
    #expect(firstError(g)?.message.contains("expands to too many values") == true)
  }

  @Test("aliases used normally still work")
  func aliasesAreFine() throws {
    let text = """
      defaults: &supplier {kind: supplier, tier: 2}
      nodes:
        - {id: a, <<: *supplier}
        - {id: b, kind: buyer, sector: defense}
      edges:
        - {source: a, target: b}
      """
    let g = try load(text)
    #expect(g.has(.warning, line: 1, containing: "unknown top-level key 'defaults'"))
    #expect(!g.diagnostics.hasErrors)
    #expect(g.graph.kind(of: 0) == .supplier && g.graph.tier(of: 0) == 2)
  }

  @Test("a data row with ten million columns is an error, read in bounded memory")
  func tenMillionColumns() throws {
    var row = [UInt8]("id,name\na".utf8)
    row.append(contentsOf: repeatElement(UInt8(ascii: ","), count: 10_000_000))
    row.append(0x0A)
    let folder = TestFiles.scratchFolder()
    TestFiles.write(bytes: row, to: folder + "/nodes.csv")
    TestFiles.write("source,target\n", to: folder + "/edges.csv")
    let g = try GraphLoader.load(folder)
    #expect(
      g.has(
        .error, line: 2, column: 1, containing: "expected 2 fields as in the header, found 10000001"
      ))
  }

  @Test("a header with ten million columns is refused")
  func tenMillionHeader() throws {
    var header = [UInt8]("id".utf8)
    for _ in 0..<10_000_000 { header.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "x")]) }
    header.append(0x0A)
    let folder = TestFiles.scratchFolder()
    TestFiles.write(bytes: header, to: folder + "/nodes.csv")
    TestFiles.write("source,target\n", to: folder + "/edges.csv")
    let g = try GraphLoader.load(folder)
    #expect(g.has(.error, line: 1, containing: "at most 10000 are read"))
  }

  @Test("a binary file named .csv is refused at its first NUL byte")
  func binaryCSV() throws {
    var rng = SeededRandom(seed: 42)
    var bytes = [UInt8]("id,name\n".utf8)
    for _ in 0..<100_000 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
    let folder = TestFiles.scratchFolder()
    TestFiles.write(bytes: bytes, to: folder + "/nodes.csv")
    TestFiles.write("source,target\n", to: folder + "/edges.csv")
    let g = try GraphLoader.load(folder)
    let message = firstError(g)?.message ?? ""
    #expect(
      message.contains("not a CSV text file") || message.contains("invalid UTF-8")
        || message.contains("unterminated"))
  }

  @Test("text that is not UTF-8 is refused with its place")
  func latin1() throws {
    let folder = TestFiles.scratchFolder()
    TestFiles.write(
      bytes: [UInt8]("id,name\nacme,Caf".utf8) + [0xE9] + [0x0A], to: folder + "/nodes.csv")
    TestFiles.write("source,target\n", to: folder + "/edges.csv")
    let g = try GraphLoader.load(folder)
    #expect(g.has(.error, line: 2, column: 9, containing: "invalid UTF-8"))
    TestFiles.write(
      bytes: [UInt8]("nodes:\n  - {id: caf".utf8) + [0xE9, 0x7D, 0x0A], to: folder + "/g.yaml")
    let y = try GraphLoader.load(folder + "/g.yaml")
    #expect(y.has(.error, line: 2, column: 13, containing: "invalid UTF-8"))
    TestFiles.write(bytes: [0x7B, 0x00, 0x7D], to: folder + "/g.json")
    let j = try GraphLoader.load(folder + "/g.json")
    #expect(j.has(.error, line: 1, column: 2, containing: "binary data"))
  }

  @Test("empty files are an error in every encoding", arguments: ["graph.yaml", "graph.json"])
  func emptyDocument(name: String) throws {
    let g = try load("", named: name)
    #expect(g.has(.error, line: 1, column: 1, containing: "empty file"))
    let spaces = try load("   \n\n", named: name)
    #expect(spaces.has(.error, line: 1, column: 1, containing: "empty file"))
  }

  @Test("an empty CSV pair is an error")
  func emptyCSV() throws {
    let g = try loadCSV(nodes: "", edges: "")
    #expect(g.problems(.error).count == 2)
    #expect(g.problems(.error).allSatisfy { $0.message.contains("empty file") })
  }

  @Test("a missing file is 'not found', not a crash")
  func missing() {
    #expect(throws: InputError.self) { try GraphLoader.load("/nonexistent/graph.yaml") }
    do {
      _ = try GraphLoader.load("/nonexistent/graph.yaml")
    } catch {
      #expect({ if case .notFound = error { true } else { false } }())
    }
  }

  @Test("YAML that is not a graph says what was expected")
  func wrongShape() throws {
    #expect(
      try load("- just\n- a list\n").has(
        .error, line: 1, containing: "expected a mapping with `nodes:` and `edges:`"))
    #expect(
      try load("nodes: 5\n").has(
        .error, line: 1, column: 8, containing: "nodes must be a list, found a number"))
    #expect(
      try load("nodes:\n  - just text\n").has(
        .error, line: 2, column: 5, containing: "a node must be a mapping"))
    #expect(
      try load("nodes:\n  - {name: x}\n").has(.error, line: 2, containing: "node without `id:`"))
    #expect(
      try load("nodes:\n  - {id: a, tags: [x, y]}\n").has(
        .error, line: 2, containing: "attribute 'tags' must be a string, number or boolean"))
    #expect(try load("nodes: [\n").has(.error, line: 2, containing: "malformed YAML"))
  }

  @Test("a JSON document with 200,000 edges loads: arrays grow in place, not by copying")
  func longJSONArrays() throws {
    // Appending copied the whole array each time once (quadratic: 46 s for a 10 MB file);
    // at this size that would take minutes, so a regression shows as a stalled suite.
    let n = 100_000
    var text = "{\"nodes\": ["
    for i in 0..<n { text += (i == 0 ? "" : ",") + "{\"id\":\"n\(i)\",\"kind\":\"supplier\"}" }
    text += "], \"edges\": ["
    for i in 0..<(2 * n) {
      text += (i == 0 ? "" : ",") + "{\"source\":\"n\(i % n)\",\"target\":\"n\((i * 7 + 1) % n)\"}"
    }
    text += "]}"
    let graph = try load(text, named: "long.json")
    #expect(firstError(graph) == nil)
    #expect(graph.graph.nodeCount == n && graph.graph.edgeCount == 2 * n)
  }
}
