import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

@Suite("Reading other tools' names: --map, --input-format and content sniffing")
struct FieldMappingTests {
  /// The CSV pair of `graph` with the `kind` and `relation` columns renamed, as another tool
  /// would name them.
  static func renamed(_ graph: SupplyGraph, folder: String) throws -> String {
    let csv = folder + "/csv"
    try CSVGraphWriter().write(graph, to: csv)
    for (file, from, to) in [("nodes.csv", "kind", "category"), ("edges.csv", "relation", "rel")] {
      let text = TestFiles.read(csv + "/" + file)
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      lines[0] = lines[0].split(separator: ",").map { $0 == from ? to : String($0) }
        .joined(separator: ",")
      TestFiles.write(lines.joined(separator: "\n"), to: csv + "/" + file)
    }
    return csv
  }

  @Test(
    "mapped columns read back as the original graph in every encoding",
    arguments: [1, 2, 3, 4, 5, 6] as [UInt64], GraphEncoding.roundTrip)
  func mappedRoundTrip(seed: UInt64, encoding: GraphEncoding) throws {
    var spec = RandomGraphSpec(nodes: 5 + Int(seed) * 7, edges: 10 + Int(seed) * 15)
    spec.contextFraction = 0
    let original = RandomGraphs.make(spec, seed: seed)
    let folder = TestFiles.scratchFolder("mapping")
    let csv = try Self.renamed(original, folder: folder)
    let mapping = try FieldMapping(parsing: ["kind=category", "relation=rel"])
    // The renamed graph as this encoding: `category` and `rel` are plain attributes in it.
    let plain = try GraphLoader.load(csv)
    let path = folder + (encoding == .csv ? "/out" : "/graph.\(encoding.rawValue)")
    try encoding.writer.write(plain.graph, to: path)
    let mapped = try GraphLoader.load(path, options: LoadOptions(mapping: mapping))
    #expect(!mapped.diagnostics.hasErrors, "\(mapped.diagnostics.sorted)")
    #expect(canonical(mapped.graph) == canonical(original))
  }

  @Test("without a kind, a type column holding kinds is the kind, with a warning")
  func automaticKind() throws {
    let folder = TestFiles.scratchFolder("mapping")
    TestFiles.write("id,type,sector\na,startup,\nb,buyer,defense\n", to: folder + "/nodes.csv")
    TestFiles.write("source,target\na,b\n", to: folder + "/edges.csv")
    let loaded = try GraphLoader.load(folder)
    #expect(loaded.graph.kindLabel(of: 0) == "startup")
    #expect(loaded.graph.nodeAttributes.names.isEmpty)
    #expect(
      loaded.diagnostics.items.contains {
        $0.message.contains("'type' attribute is read as the kind")
      })
    // A `label` of names (no kinds among them) stays an attribute.
    TestFiles.write("id,label\na,Alpha\nb,Beta\n", to: folder + "/nodes.csv")
    let names = try GraphLoader.load(folder)
    #expect(names.graph.nodeAttributes.names == ["label"])
    #expect(names.graph.kindLabel(of: 0) == nil)
  }

  @Test("an explicit map replaces the input's kinds and says how many")
  func explicitReplaces() throws {
    let folder = TestFiles.scratchFolder("mapping")
    TestFiles.write(
      "id,kind,role\na,supplier,startup\nb,buyer,buyer\n", to: folder + "/nodes.csv")
    TestFiles.write("source,target\na,b\n", to: folder + "/edges.csv")
    TestFiles.write("", to: folder + "/meta.csv")
    let loaded = try GraphLoader.load(
      folder, options: LoadOptions(mapping: try FieldMapping(parsing: ["kind=role"])))
    #expect(loaded.graph.kindLabel(of: 0) == "startup")
    #expect(
      loaded.diagnostics.items.contains {
        $0.message.contains("replaced the kind the input gave 2 nodes")
      })
    // b is a buyer without a sector: still an error.
    #expect(loaded.diagnostics.items.contains { $0.message.contains("buyer 'b' needs sector") })
  }

  @Test("bad --map arguments are refused with what is expected")
  func badArguments() {
    #expect(throws: FieldMappingError.self) { try FieldMapping(parsing: ["kind"]) }
    #expect(throws: FieldMappingError.self) { try FieldMapping(parsing: ["colour=type"]) }
    #expect(throws: FieldMappingError.self) { try FieldMapping(parsing: ["kind=a,kind=b"]) }
    #expect((try? FieldMapping(parsing: ["kind=type, relation=label"]))?.entries.count == 2)
  }

  @Test("content tells JSON, GraphML, GEXF and YAML apart")
  func sniffing() {
    func sniff(_ text: String) -> GraphEncoding { GraphLoader.sniff(Array(text.utf8)) }
    #expect(sniff("  {\"nodes\": []}") == .json)
    #expect(sniff("[1]") == .json)
    #expect(sniff("<?xml version='1.0'?>\n<!-- c --><graphml/>") == .graphml)
    #expect(sniff("\u{FEFF}<?xml version='1.0'?><gexf version='1.3'/>") == .gexf)
    #expect(sniff("<g:gexf xmlns:g='x'/>") == .gexf)
    #expect(sniff("nodes: []") == .yaml)
    #expect(sniff("") == .yaml)
  }
}
