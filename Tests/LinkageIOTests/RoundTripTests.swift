import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

/// One canonical text of a graph: the YAML writer's, which prints every field and typed
/// attribute, so two graphs are equal exactly when their canonical texts are.
func canonical(_ graph: SupplyGraph) -> String { YAMLGraphWriter().text(of: graph) }

/// Writes `graph` in `encoding` and reads it back.
func roundTrip(_ graph: SupplyGraph, through encoding: GraphEncoding) throws -> LoadedGraph {
  let folder = TestFiles.scratchFolder("roundtrip")
  let path = folder + (encoding == .csv ? "/csv" : "/graph.\(encoding.rawValue)")
  try encoding.writer.write(graph, to: path)
  return try GraphLoader.load(path)
}

@Suite("Round trips: YAML ↔ JSON ↔ CSV without loss")
struct RoundTripTests {
  static let datasets = ["korea-ax", "eto-semiconductor"]

  @Test("bundled datasets survive every encoding", arguments: datasets, GraphEncoding.roundTrip)
  func datasetRoundTrip(name: String, encoding: GraphEncoding) throws {
    let original = try GraphLoader.load(TestFiles.dataset(name))
    #expect(!original.diagnostics.hasErrors)
    let back = try roundTrip(original.graph, through: encoding)
    #expect(back.diagnostics.items.isEmpty, "\(back.diagnostics.sorted)")
    #expect(canonical(back.graph) == canonical(original.graph))
  }

  @Test("a chain YAML → JSON → CSV → YAML ends where it began", arguments: datasets)
  func chained(name: String) throws {
    let original = try GraphLoader.load(TestFiles.dataset(name)).graph
    var graph = original
    for encoding in [GraphEncoding.json, .csv, .yaml] {
      graph = try roundTrip(graph, through: encoding).graph
    }
    #expect(canonical(graph) == canonical(original))
  }

  @Test("hostile text in ids, names and attributes survives", arguments: GraphEncoding.roundTrip)
  func hostileText(encoding: GraphEncoding) throws {
    var b = SupplyGraphBuilder()
    b.name = "quotes \" and \\ backslashes, commas, {braces}: #hash"
    b.description = "line one\nline two\r\nwith\ttab"
    let weird = [
      "plain", "with space", " leading", "trailing ", "comma,inside", "quote\"inside", "new\nline",
      "yes", "no", "NO", "null", "~", "true", "007", "1e5", "-3", "#hash", "- dash", "key: value",
      "[list]", "{map}", "& anchor", "* alias", "!tag", "%pct", "@at", "`tick`", "'single'",
      "한국어 이름", "日本語", "emoji 🙂", "\\N\\G", "<b>html</b>", "&amp;", "tab\there", "\u{7F}del",
    ]
    for (i, text) in weird.enumerated() {
      let v = b.addNode(id: text, name: "name " + text, kind: i % 2 == 0 ? "startup" : "supplier")
        .index
      b.setNodeAttribute("note", .string(text), for: v)
      if i > 0 {
        b.addEdge(
          from: v - 1, to: v, relation: "supplies", part: text,
          attributes: [Attribute(name: "label", value: .string(text))])
      }
    }
    let graph = b.build()
    let back = try roundTrip(graph, through: encoding)
    #expect(back.diagnostics.items.isEmpty, "\(back.diagnostics.sorted)")
    #expect(canonical(back.graph) == canonical(graph))
  }

  @Test("generated ecosystems round-trip", arguments: [7, 8])
  func generated(seed: Int) throws {
    let graph = EcosystemGenerator(nodeCount: 400, seed: UInt64(seed)).generate()
    for encoding in GraphEncoding.roundTrip {
      let back = try roundTrip(graph, through: encoding)
      #expect(back.diagnostics.items.isEmpty)
      #expect(canonical(back.graph) == canonical(graph))
    }
  }

  @Test("CSV reads quoting, BOM, CRLF and extra columns as the RFC says")
  func csvDetails() throws {
    let nodes =
      "\u{FEFF}id,name,kind,sector,extra\r\nacme,\"Acme, \"\"the\"\" firm\nsecond line\",startup,,x1\r\nnavy,Navy,buyer,defense,\r\n\r\n"
    let edges = "source,target,relation,lead_time,flag,code\nacme,navy,sells_to,12.50,true,007\n"
    let g = try loadCSV(nodes: nodes, edges: edges)
    #expect(g.diagnostics.items.isEmpty, "\(g.diagnostics.sorted)")
    let graph = g.graph
    #expect(graph.ids == ["acme", "navy"])
    #expect(graph.name(of: 0) == "Acme, \"the\" firm\nsecond line")
    #expect(graph.nodeAttributes["extra"]?[0] == .string("x1"))
    #expect(graph.nodeAttributes["extra"]?[1] == nil)
    #expect(graph.edgeAttributes["lead_time"]?[0] == .number(12.5))
    #expect(graph.edgeAttributes["flag"]?[0] == .bool(true))
    #expect(graph.edgeAttributes["code"]?[0] == .string("007"))
  }

  @Test("a CSV pair named NAME_nodes.csv / NAME_edges.csv loads from either file")
  func namedPair() throws {
    let folder = TestFiles.scratchFolder()
    TestFiles.write("id,kind\na,startup\nb,supplier\n", to: folder + "/chain_nodes.csv")
    TestFiles.write("source,target\na,b\n", to: folder + "/chain_edges.csv")
    for file in ["chain_nodes.csv", "chain_edges.csv"] {
      let g = try GraphLoader.load(folder + "/" + file)
      #expect(g.graph.nodeCount == 2 && g.graph.edgeCount == 1)
    }
  }
}
