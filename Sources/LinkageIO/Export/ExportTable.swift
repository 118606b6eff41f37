import LinkageCore

/// Every node or edge of a graph as a row of typed columns, for the tabular exports (Neo4j,
/// GraphFrames): the fields in writing order (``GraphRecords``), each column typed from its
/// values (`long`, `double`, `boolean`, `string`, as the XML writers type them).
struct ExportTable {
  /// The columns, in order.
  let columns: [XMLText.TypedField]
  /// One row per node or edge; `nil` where the value is absent.
  let rows: [[AttributeValue?]]

  /// The nodes' table (with `id` first).
  /// - Complexity: O(*V* × columns).
  static func nodes(of graph: SupplyGraph) -> ExportTable {
    let records = GraphRecords(graph: graph)
    return ExportTable(records: graph.nodes.map { records.node($0) }, skip: [])
  }

  /// The edges' table (with `source` and `target` first).
  /// - Complexity: O(*E* × columns).
  static func edges(of graph: SupplyGraph) -> ExportTable {
    let records = GraphRecords(graph: graph)
    return ExportTable(records: graph.edges.map { records.edge($0) }, skip: [])
  }

  private init(records: [[Attribute]], skip: Set<String>) {
    let columns = XMLText.typedFields(records, skip: skip, prefix: "c")
    var position: [String: Int] = [:]
    for (k, c) in columns.enumerated() { position[c.name] = k }
    var rows: [[AttributeValue?]] = []
    rows.reserveCapacity(records.count)
    for fields in records {
      var row = [AttributeValue?](repeating: nil, count: columns.count)
      for f in fields {
        if let k = position[f.name] { row[k] = f.value }
      }
      rows.append(row)
    }
    self.columns = columns
    self.rows = rows
  }

  /// The index of column `name`, if there is one.
  func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

  /// A value as text: numbers canonical (`3`, `0.25`), booleans `true`/`false`.
  static func text(_ value: AttributeValue) -> String { value.description }
}
