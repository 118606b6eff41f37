import LinkageCore

/// Writes the CSV encoding into a folder: `nodes.csv`, `edges.csv`, and `meta.csv` when the
/// graph has a name, description or context relations. Fields are quoted only when they
/// must be (a comma, quote, line break, or leading/trailing space).
package struct CSVGraphWriter: GraphWriter {
  package init() {}

  package func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    let folder = path.lowercased().hasSuffix(".csv") ? Self.folder(of: path) : path
    try FileAccess.makeDirectory(folder)
    try stream(to: folder + "/nodes.csv") { (chunk, flush) throws(InputError) in
      try writeNodes(of: graph, chunk: &chunk, flush: flush)
    }
    try stream(to: folder + "/edges.csv") { (chunk, flush) throws(InputError) in
      try writeEdges(of: graph, chunk: &chunk, flush: flush)
    }
    if let meta = metaText(of: graph) {
      try FileAccess.writeAtomically(meta, to: folder + "/meta.csv")
    }
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  /// Runs `body` with a chunk buffer and a flush function writing to an atomic file.
  private func stream(
    to path: String,
    _ body: (inout [UInt8], (inout [UInt8]) throws(InputError) -> Void) throws(InputError) -> Void
  ) throws(InputError) {
    let file = try AtomicFileWriter(path: path)
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 22)
    try body(&chunk) { (c: inout [UInt8]) throws(InputError) in
      if c.count >= 1 << 22 {
        try file.write(c)
        c.removeAll(keepingCapacity: true)
      }
    }
    try file.write(chunk)
    try file.commit()
  }

  /// The text of `nodes.csv`.
  package func nodesText(of graph: SupplyGraph) -> [UInt8] {
    var out: [UInt8] = []
    writeNodes(of: graph, chunk: &out) { (_: inout [UInt8]) throws(Never) in }
    return out
  }

  /// The text of `edges.csv`.
  package func edgesText(of graph: SupplyGraph) -> [UInt8] {
    var out: [UInt8] = []
    writeEdges(of: graph, chunk: &out) { (_: inout [UInt8]) throws(Never) in }
    return out
  }

  package func metaText(of graph: SupplyGraph) -> [UInt8]? {
    guard graph.name != nil || graph.description != nil || !graph.contextRelations.isEmpty else {
      return nil
    }
    var out: [UInt8] = Array("key,value\n".utf8)
    if let n = graph.name { CSVField.appendRow(["name", n], to: &out) }
    if let d = graph.description { CSVField.appendRow(["description", d], to: &out) }
    for c in graph.contextRelations { CSVField.appendRow(["context_relation", c], to: &out) }
    return out
  }

  private func writeNodes<E: Error>(
    of graph: SupplyGraph, chunk out: inout [UInt8], flush: (inout [UInt8]) throws(E) -> Void
  ) throws(E) {
    let columns = GraphRecords(graph: graph).nodeColumns
    CSVField.appendRow(columns, to: &out)
    let attributes = graph.nodeAttributes.columns
    let fixed = columns.count - attributes.count
    for v in graph.nodes {
      for (i, column) in columns.prefix(fixed).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        switch column {
        case "id": CSVField.appendCell(graph.id(of: v), to: &out)
        case "name": CSVField.appendCell(graph.writtenName(of: v) ?? "", to: &out)
        case "kind": CSVField.appendCell(graph.kindLabel(of: v) ?? "", to: &out)
        case "sector": CSVField.appendCell(graph.sectorLabel(of: v) ?? "", to: &out)
        case "stage": CSVField.appendCell(graph.stageLabel(of: v) ?? "", to: &out)
        case "tier": if let t = graph.tier(of: v) { out.append(contentsOf: String(t).utf8) }
        case "requires": CSVField.appendCell(graph.requirement(of: v).name ?? "", to: &out)
        default: break
        }
      }
      for c in attributes {
        out.append(UInt8(ascii: ","))
        Self.appendValue(c, Int(v), to: &out)
      }
      out.append(0x0A)
      try flush(&out)
    }
  }

  private func writeEdges<E: Error>(
    of graph: SupplyGraph, chunk out: inout [UInt8], flush: (inout [UInt8]) throws(E) -> Void
  ) throws(E) {
    let columns = GraphRecords(graph: graph).edgeColumns
    CSVField.appendRow(columns, to: &out)
    let hasPart = columns.contains("part")
    // Pre-encode ids and labels once: most edges reuse them many times.
    let ids = graph.ids.map { id -> [UInt8] in
      var cell: [UInt8] = []
      CSVField.appendCell(id, to: &cell)
      return cell
    }
    let relations = graph.relations.map { r -> [UInt8] in
      var cell: [UInt8] = []
      CSVField.appendCell(r.name, to: &cell)
      return cell
    }
    let parts = graph.partLabels.map { p -> [UInt8] in
      var cell: [UInt8] = []
      CSVField.appendCell(p, to: &cell)
      return cell
    }
    let attributes = graph.edgeAttributes.columns
    for e in 0..<graph.edgeCount {
      out.append(contentsOf: ids[Int(graph.sources[e])])
      out.append(UInt8(ascii: ","))
      out.append(contentsOf: ids[Int(graph.targets[e])])
      out.append(UInt8(ascii: ","))
      out.append(contentsOf: relations[Int(graph.relationCodes[e])])
      if hasPart {
        out.append(UInt8(ascii: ","))
        let p = graph.partCodes[e]
        if p >= 0 { out.append(contentsOf: parts[Int(p)]) }
      }
      for c in attributes {
        out.append(UInt8(ascii: ","))
        Self.appendValue(c, e, to: &out)
      }
      out.append(0x0A)
      try flush(&out)
    }
  }

  /// Appends one attribute cell; numbers in canonical form, absent values empty.
  static func appendValue(_ column: AttributeColumn, _ row: Int, to out: inout [UInt8]) {
    switch column.storage {
    case .numbers(let a):
      let v = a[row]
      if !v.isNaN { NumberFormat.append(v, to: &out) }
    case .strings(let codes, let pool):
      let c = codes[row]
      if c >= 0 { CSVField.appendCell(pool[Int(c)], to: &out) }
    case .bools(let a):
      if a[row] >= 0 { out.append(contentsOf: (a[row] == 1 ? "true" : "false").utf8) }
    case .mixed(let a):
      if let v = a[row] { CSVField.appendCell(v.description, to: &out) }
    }
  }
}

/// The one CSV quoting rule (RFC 4180): a cell is quoted when it holds a comma, a quote or a
/// line break, or starts or ends with a space or tab; quotes inside are doubled.
package enum CSVField {
  package static func appendRow(_ cells: [String], to out: inout [UInt8]) {
    for (i, cell) in cells.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendCell(cell, to: &out)
    }
    out.append(0x0A)
  }

  package static func appendCell(_ cell: String, to out: inout [UInt8]) {
    let utf8 = cell.utf8
    let needsQuotes =
      utf8.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
      }
      || utf8.first == 0x20 || utf8.last == 0x20 || utf8.first == 0x09 || utf8.last == 0x09
    if !needsQuotes {
      out.append(contentsOf: utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in utf8 {
      if b == UInt8(ascii: "\"") { out.append(b) }
      out.append(b)
    }
    out.append(UInt8(ascii: "\""))
  }
}
