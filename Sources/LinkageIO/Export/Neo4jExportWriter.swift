import LinkageCore

/// Writes what Neo4j imports: a folder with `nodes.csv` and `relationships.csv` in the
/// `neo4j-admin database import` header format (`id:ID`, typed properties such as
/// `tier:long`, `share:double`, `flag:boolean`, `:LABEL`; `:START_ID`, `:END_ID`, `:TYPE`),
/// and `load.cypher`, the same graph by `LOAD CSV` into a running database.
///
/// Every node has the label `Node` and one for its kind (`supplier` → `Supplier`); every
/// relationship's type is its relation in capitals (`sells_to` → `SELLS_TO`), and the relation
/// is kept as the `relation` property. Edges of context relations carry `context: true`.
/// Parallel edges stay separate relationships.
package struct Neo4jExportWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to folder: String) throws(InputError) {
    try FileAccess.makeDirectory(folder)
    let export = Export(graph: graph)
    try FileAccess.writeAtomically(export.nodes, to: folder + "/nodes.csv")
    try FileAccess.writeAtomically(export.relationships, to: folder + "/relationships.csv")
    try FileAccess.writeAtomically(export.cypher, to: folder + "/load.cypher")
  }

  package func losses(in graph: SupplyGraph) -> [String] {
    var losses: [String] = []
    if graph.name != nil || graph.description != nil {
      losses.append(
        "Neo4j's import files have no place for the graph's name and description: they are comments in load.cypher only"
      )
    }
    let used = Set(graph.edges.map { graph.relation(of: $0).name })
    let unused = graph.contextRelations.filter { !used.contains($0) }
    if !unused.isEmpty {
      losses.append(
        "context relations are the context property of their relationships: \(unused.map { "'\($0)'" }.joined(separator: ", ")) (declared, on no edge) not written"
      )
    }
    return losses
  }

  package func nextSteps(at folder: String, for graph: SupplyGraph) -> [String] {
    let multiline = Export(graph: graph).multiline ? " --multiline-fields=true" : ""
    return [
      "import into a new database: neo4j-admin database import full --nodes=\(folder)/nodes.csv --relationships=\(folder)/relationships.csv\(multiline) neo4j",
      "or into a running one: copy nodes.csv and relationships.csv into its import folder, then cypher-shell -f \(folder)/load.cypher",
    ]
  }

  /// A label from a kind: letters and digits, each word capitalised (`r&d lab` → `RDLab`).
  package static func label(_ kind: String) -> String {
    var out = ""
    var capital = true
    for c in kind.unicodeScalars {
      if c.properties.isAlphabetic || ("0"..."9").contains(c) {
        out += capital ? String(c).uppercased() : String(c)
        capital = false
      } else {
        capital = true
      }
    }
    if out.isEmpty || out.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true {
      out = "Kind" + out
    }
    return out
  }

  /// A relationship type from a relation: capitals, anything else an underscore.
  package static func type(_ relation: String) -> String {
    var out = ""
    for c in relation.unicodeScalars {
      out += c.properties.isAlphabetic || ("0"..."9").contains(c) ? String(c).uppercased() : "_"
    }
    if out.isEmpty || out.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true {
      out = "R_" + out
    }
    return out
  }

  /// The header suffix of a column type (a string property has none).
  static func suffix(_ type: String) -> String {
    switch type {
    case "long": ":long"
    case "double": ":double"
    case "boolean": ":boolean"
    default: ""
    }
  }

  /// The Cypher function that reads a column type back from text.
  static func conversion(_ type: String, _ expression: String) -> String {
    switch type {
    case "long": "toInteger(\(expression))"
    case "double": "toFloat(\(expression))"
    case "boolean": "toBoolean(\(expression))"
    default: expression
    }
  }

  /// A Cypher string literal.
  static func cypherString(_ text: String) -> String {
    var out = "'"
    for c in text.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "'"
  }

  /// The three files' text.
  private struct Export {
    var nodes: [UInt8] = []
    var relationships: [UInt8] = []
    var cypher = ""
    var multiline = false

    /// - Complexity: O(*V* + *E* + values written).
    init(graph: SupplyGraph) {
      let nodeTable = ExportTable.nodes(of: graph)
      let edgeTable = ExportTable.edges(of: graph)
      let context = Set(graph.contextRelations)
      func cell(_ value: AttributeValue?, _ out: inout [UInt8]) {
        guard let value else { return }
        let text = ExportTable.text(value)
        if text.utf8.contains(0x0A) || text.utf8.contains(0x0D) { multiline = true }
        CSVField.appendCell(text, to: &out)
      }
      // nodes.csv: id:ID, the other fields typed, :LABEL.
      var header = nodeTable.columns.map { c in
        c.name == "id" ? "id:ID" : c.name + Neo4jExportWriter.suffix(c.type)
      }
      header.append(":LABEL")
      CSVField.appendRow(header, to: &nodes)
      for (v, row) in zip(graph.nodes, nodeTable.rows) {
        for (k, value) in row.enumerated() {
          if k > 0 { nodes.append(UInt8(ascii: ",")) }
          cell(value, &nodes)
        }
        nodes.append(UInt8(ascii: ","))
        let kind = graph.kindLabel(of: v).map { ";" + Neo4jExportWriter.label($0) } ?? ""
        CSVField.appendCell("Node" + kind, to: &nodes)
        nodes.append(0x0A)
      }
      // relationships.csv: :START_ID, :END_ID, :TYPE, relation and the rest typed, context.
      let properties = edgeTable.columns.enumerated().filter {
        $0.element.name != "source" && $0.element.name != "target"
      }
      var edgeHeader = [":START_ID", ":END_ID", ":TYPE"]
      edgeHeader += properties.map { $0.element.name + Neo4jExportWriter.suffix($0.element.type) }
      if !context.isEmpty { edgeHeader.append("context:boolean") }
      CSVField.appendRow(edgeHeader, to: &relationships)
      var types: [String] = []
      var seenTypes = Set<String>()
      for (e, row) in zip(graph.edges, edgeTable.rows) {
        CSVField.appendCell(graph.id(of: graph.source(of: e)), to: &relationships)
        relationships.append(UInt8(ascii: ","))
        CSVField.appendCell(graph.id(of: graph.target(of: e)), to: &relationships)
        relationships.append(UInt8(ascii: ","))
        let relation = graph.relation(of: e).name
        let type = Neo4jExportWriter.type(relation)
        if seenTypes.insert(type).inserted { types.append(type) }
        CSVField.appendCell(type, to: &relationships)
        for (k, _) in properties {
          relationships.append(UInt8(ascii: ","))
          cell(row[k], &relationships)
        }
        if !context.isEmpty {
          relationships.append(
            contentsOf: Array((context.contains(relation) ? ",true" : ",false").utf8))
        }
        relationships.append(0x0A)
      }
      // load.cypher
      var c = "// Linkage export"
      if let name = graph.name { c += " of \(name)" }
      c += " for LOAD CSV.\n"
      if let d = graph.description {
        for line in d.split(separator: "\n", omittingEmptySubsequences: false) {
          c += "// \(line)\n"
        }
      }
      c += """
        // Copy nodes.csv and relationships.csv into the database's import folder, then run
        // cypher-shell -f load.cypher. For large graphs, neo4j-admin database import is faster.
        CREATE CONSTRAINT linkage_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
        LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
        CREATE (n:Node {id: row.`id:ID`})

        """
      let nodeSets = nodeTable.columns.filter { $0.name != "id" }.map { col in
        let header = col.name + Neo4jExportWriter.suffix(col.type)
        return
          "n.`\(col.name)` = \(Neo4jExportWriter.conversion(col.type, "row.`\(header)`"))"
      }
      if !nodeSets.isEmpty { c += "SET " + nodeSets.joined(separator: ",\n    ") + "\n" }
      c = c.trimmingSuffixNewline() + ";\n"
      var kinds: [String] = []
      for v in graph.nodes {
        if let k = graph.kindLabel(of: v), !kinds.contains(k) { kinds.append(k) }
      }
      for kind in kinds {
        c +=
          "MATCH (n:Node) WHERE n.kind = \(Neo4jExportWriter.cypherString(kind)) SET n:`\(Neo4jExportWriter.label(kind))`;\n"
      }
      let edgeSets =
        properties.map { (_, col) in
          let header = col.name + Neo4jExportWriter.suffix(col.type)
          return "r.`\(col.name)` = \(Neo4jExportWriter.conversion(col.type, "row.`\(header)`"))"
        } + (context.isEmpty ? [] : ["r.context = toBoolean(row.`context:boolean`)"])
      for type in types {
        c += """
          LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
          WITH row WHERE row.`:TYPE` = '\(type)'
          MATCH (a:Node {id: row.`:START_ID`}), (b:Node {id: row.`:END_ID`})
          CREATE (a)-[r:`\(type)`]->(b)

          """
        if !edgeSets.isEmpty { c += "SET " + edgeSets.joined(separator: ",\n    ") + "\n" }
        c = c.trimmingSuffixNewline() + ";\n"
      }
      cypher = c
    }
  }
}

extension String {
  fileprivate func trimmingSuffixNewline() -> String {
    hasSuffix("\n") ? String(dropLast()) : self
  }
}
