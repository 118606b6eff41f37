import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

/// RFC 4180 rows of `text` (quoted fields, doubled quotes, line breaks inside quotes).
func csvRows(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text)[...]
  while let c = chars.popFirst() {
    if quoted {
      if c == "\"" {
        if chars.first == "\"" {
          field.append("\"")
          chars.removeFirst()
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.append(c)
    }
  }
  return rows
}

@Suite("Exports: Neo4j, GraphFrames, DOT")
struct ExportTests {
  /// A random graph with hostile ids and an attribute of every type.
  static func graph(seed: UInt64) -> SupplyGraph {
    var rng = SeededRandom(seed: seed)
    var b = SupplyGraphBuilder()
    let hostile = ["a,b", "say \"hi\"", "two\nlines", "유니코드", "plain", " spaced "]
    let n = 4 + rng.below(20)
    for i in 0..<n {
      let v = b.addNode(
        id: "\(hostile[i % hostile.count])-\(i)", kind: ["supplier", "r&d lab", "buyer"][i % 3],
        sector: i % 3 == 2 ? "defense" : nil
      ).index
      b.setNodeAttribute("score", .number(Double(rng.below(100)) / 4), for: v)
      if rng.below(2) == 0 { b.setNodeAttribute("flag", .bool(rng.below(2) == 0), for: v) }
    }
    b.contextRelations = ["funds"]
    for _ in 0..<(2 * n) {
      let s = NodeIndex(rng.below(n))
      let t = NodeIndex(rng.below(n))
      let e = b.addEdge(from: s, to: t, relation: ["supplies", "funds", "sells-to"][rng.below(3)])
      b.setEdgeAttribute("lead_time", .number(Double(rng.below(90))), for: e)
    }
    return b.build()
  }

  @Test("Neo4j CSVs: import headers, every node and edge, labels and types", arguments: 1...8)
  func neo4j(seed: UInt64) throws {
    let g = Self.graph(seed: seed)
    let folder = TestFiles.scratchFolder("neo4j")
    try Neo4jExportWriter().write(g, to: folder)
    let nodes = csvRows(TestFiles.read(folder + "/nodes.csv"))
    #expect(nodes[0].first == "id:ID" && nodes[0].last == ":LABEL")
    #expect(nodes[0].contains("score:double") && nodes[0].contains("flag:boolean"))
    #expect(nodes.count == g.nodeCount + 1)
    for (v, row) in zip(g.nodes, nodes.dropFirst()) {
      #expect(row[0] == g.id(of: v))
      #expect(row.last == "Node;" + Neo4jExportWriter.label(g.kindLabel(of: v) ?? ""))
    }
    let edges = csvRows(TestFiles.read(folder + "/relationships.csv"))
    #expect(Array(edges[0].prefix(3)) == [":START_ID", ":END_ID", ":TYPE"])
    #expect(edges[0].contains("lead_time:long") && edges[0].last == "context:boolean")
    #expect(edges.count == g.edgeCount + 1)
    for (e, row) in zip(g.edges, edges.dropFirst()) {
      #expect(row[0] == g.id(of: g.source(of: e)) && row[1] == g.id(of: g.target(of: e)))
      #expect(row[2] == Neo4jExportWriter.type(g.relation(of: e).name))
      #expect(row.last == (g.relation(of: e).name == "funds" ? "true" : "false"))
    }
    #expect(Neo4jExportWriter.label("r&d lab") == "RDLab")
    #expect(Neo4jExportWriter.type("sells-to") == "SELLS_TO")
    #expect(Neo4jExportWriter.type("2nd") == "R_2ND")
  }

  @Test("GraphFrames CSVs: id / src, dst first, every row", arguments: 1...8)
  func graphframes(seed: UInt64) throws {
    let g = Self.graph(seed: seed)
    let writer = GraphFramesExportWriter()
    let vertices = csvRows(String(decoding: writer.verticesText(of: g), as: UTF8.self))
    let edges = csvRows(String(decoding: writer.edgesText(of: g), as: UTF8.self))
    #expect(vertices[0].first == "id" && Array(edges[0].prefix(3)) == ["src", "dst", "relation"])
    #expect(vertices.count == g.nodeCount + 1 && edges.count == g.edgeCount + 1)
    #expect(vertices.dropFirst().map { $0[0] } == g.nodes.map { g.id(of: $0) })
  }

  @Test("DOT data quotes every id and value")
  func dot() {
    let g = Self.graph(seed: 3)
    let text = DOTDataWriter().text(of: g)
    #expect(text.hasPrefix("digraph \"linkage\" {\n  context_relations=\"funds\";"))
    #expect(text.contains("\"say \\\"hi\\\"-1\""))
    #expect(text.split(separator: "->").count == g.edgeCount + 1)
  }
}
