import LinkageCore

/// Writes the two CSV files GraphFrames builds a graph from: `vertices.csv` (`id`, then every
/// node field and attribute) and `edges.csv` (`src`, `dst`, then `relation`, `part`, the
/// attributes, and `context` when the graph has context relations). Read them with
/// `spark.read.csv(path, header=True, inferSchema=True)` and `GraphFrame(vertices, edges)`.
package struct GraphFramesExportWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to folder: String) throws(InputError) {
    try FileAccess.makeDirectory(folder)
    try FileAccess.writeAtomically(verticesText(of: graph), to: folder + "/vertices.csv")
    try FileAccess.writeAtomically(edgesText(of: graph), to: folder + "/edges.csv")
  }

  package func losses(in graph: SupplyGraph) -> [String] {
    var losses: [String] = []
    if graph.name != nil || graph.description != nil {
      losses.append("GraphFrames CSVs have no place for the graph's name and description")
    }
    let used = Set(graph.edges.map { graph.relation(of: $0).name })
    let unused = graph.contextRelations.filter { !used.contains($0) }
    if !unused.isEmpty {
      losses.append(
        "context relations are the context column of their edges: \(unused.map { "'\($0)'" }.joined(separator: ", ")) (declared, on no edge) not written"
      )
    }
    return losses
  }

  package func nextSteps(at folder: String, for graph: SupplyGraph) -> [String] {
    [
      "in Spark: GraphFrame(spark.read.csv('\(folder)/vertices.csv', header=True, inferSchema=True), spark.read.csv('\(folder)/edges.csv', header=True, inferSchema=True))"
    ]
  }

  /// `vertices.csv`.
  /// - Complexity: O(*V* × columns).
  package func verticesText(of graph: SupplyGraph) -> [UInt8] {
    let table = ExportTable.nodes(of: graph)
    var out: [UInt8] = []
    CSVField.appendRow(table.columns.map(\.name), to: &out)
    for row in table.rows { Self.append(row, to: &out) }
    return out
  }

  /// `edges.csv`.
  /// - Complexity: O(*E* × columns).
  package func edgesText(of graph: SupplyGraph) -> [UInt8] {
    let table = ExportTable.edges(of: graph)
    let context = Set(graph.contextRelations)
    var out: [UInt8] = []
    var header = table.columns.map { c in
      c.name == "source" ? "src" : c.name == "target" ? "dst" : c.name
    }
    if !context.isEmpty { header.append("context") }
    CSVField.appendRow(header, to: &out)
    for (e, row) in zip(graph.edges, table.rows) {
      var row = row
      if !context.isEmpty { row.append(.bool(context.contains(graph.relation(of: e).name))) }
      Self.append(row, to: &out)
    }
    return out
  }

  private static func append(_ row: [AttributeValue?], to out: inout [UInt8]) {
    for (k, value) in row.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      if let value { CSVField.appendCell(ExportTable.text(value), to: &out) }
    }
    out.append(0x0A)
  }
}
