import LinkageCore

/// Which worksheets hold the nodes, the edges and the graph's metadata (`--sheet`).
package struct XLSXSheetNames: Sendable, Equatable {
  package var nodes: String?
  package var edges: String?
  package var meta: String?

  package init(nodes: String? = nil, edges: String? = nil, meta: String? = nil) {
    self.nodes = nodes
    self.edges = edges
    self.meta = meta
  }

  /// Parses `nodes=NAME,edges=NAME,meta=NAME` items (any of them, several arguments).
  package init(parsing arguments: [String]) throws(FieldMappingError) {
    for argument in arguments {
      for item in argument.split(separator: ",", omittingEmptySubsequences: true) {
        let parts = item.split(separator: "=", maxSplits: 1).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, !parts[1].isEmpty else {
          throw FieldMappingError(
            message: "--sheet '\(item)': expected nodes=SHEET, edges=SHEET or meta=SHEET")
        }
        switch parts[0] {
        case "nodes": nodes = parts[1]
        case "edges": edges = parts[1]
        case "meta": meta = parts[1]
        default:
          throw FieldMappingError(
            message: "--sheet '\(item)': '\(parts[0])' is not nodes, edges or meta")
        }
      }
    }
  }
}

/// Reads a graph from an Excel workbook (`.xlsx`): a `nodes` sheet and an `edges` sheet
/// (any case, or the names ``XLSXSheetNames`` gives), and an optional `meta` sheet, laid out
/// as the CSV pair is: the first row names the columns (`id`, `kind`, … / `source`, `target`,
/// `relation`, …), every other row is a node or an edge, and `meta` has `key`/`value` rows
/// (`name`, `description`, `context_relation`). Every problem is placed at its cell
/// (`book.xlsx:edges!B7`).
package struct XLSXGraphReader: Sendable {
  package var sheets: XLSXSheetNames
  package var mapping: FieldMapping
  /// The graph this workbook adds to (`--add`), whose nodes its edges may link to.
  package var base: SupplyGraph?
  /// With a base: unknown edge endpoints enter as new nodes (see ``LoadOptions``).
  package var newEndpointsAreNodes = false

  package init(sheets: XLSXSheetNames = XLSXSheetNames(), mapping: FieldMapping = FieldMapping()) {
    self.sheets = sheets
    self.mapping = mapping
  }

  /// - Complexity: O(size of the workbook's parts read).
  package func read(_ path: String) throws(InputError) -> LoadedGraph {
    var workbook = try XLSXWorkbook(path: path)
    let names = workbook.sheets.map(\.name)
    func find(_ role: String, _ explicit: String?, required: Bool) throws(InputError) -> Int? {
      let wanted = explicit ?? role
      if let i = names.firstIndex(of: wanted)
        ?? names.firstIndex(where: {
          $0.lowercased() == wanted.lowercased()
        })
      {
        return i
      }
      guard required || explicit != nil else { return nil }
      throw XLSXPackage.error(
        path,
        "no sheet named '\(wanted)' for the \(role) (the workbook has: \(names.map { "'\($0)'" }.joined(separator: ", "))): name the sheets nodes and edges, or say --sheet nodes=SHEET,edges=SHEET"
      )
    }
    let nodeSheet = try find("nodes", sheets.nodes, required: true) ?? 0
    let edgeSheet = try find("edges", sheets.edges, required: true) ?? 0
    let metaSheet = try find("meta", sheets.meta, required: false)
    var warnings: [Diagnostic] = []
    var assembler = GraphAssembler()
    assembler.mapping = mapping
    assembler.base = base
    assembler.newEndpointsAreNodes = newEndpointsAreNodes
    // Each sheet is decoded as a file of its own (`book.xlsx␁nodes`), so rows compare
    // within their sheet; the places are made sheet and cell places at the end.
    func tagged(_ sheet: Int) -> String { path + "\u{1}" + names[sheet] }
    var top: [DocumentNode.Member] = []
    if let metaSheet {
      let rows = try workbook.cells(ofSheet: metaSheet, warnings: &warnings)
      var contexts: [DocumentNode] = []
      for (k, row) in rows.enumerated() where k > 0 || !Self.isHeader(row, ["key", "value"]) {
        guard let key = row.first(where: { $0.column == 1 }),
          case .string(let name) = key.value,
          let value = row.first(where: { $0.column == 2 })
        else { continue }
        let node = DocumentNode(value: value.value, line: value.row, column: value.column)
        switch name {
        case "name", "description":
          top.append(.init(key: name, keyLine: key.row, keyColumn: 1, value: node))
        case "context_relation": contexts.append(node)
        default:
          warnings.append(
            Diagnostic(
              .warning,
              "meta key '\(name)' ignored (expected name, description, context_relation)",
              at: SourceLocation(file: path, line: key.row, column: 1, sheet: names[metaSheet])))
        }
      }
      if !contexts.isEmpty {
        top.append(
          .init(
            key: "context_relations", keyLine: 1, keyColumn: 1,
            value: DocumentNode(value: .array(contexts), line: 1, column: 1)))
      }
    }
    let nodeRows = try records(
      workbook.cells(ofSheet: nodeSheet, warnings: &warnings), sheet: names[nodeSheet], path,
      &warnings)
    let edgeRows = try records(
      workbook.cells(ofSheet: edgeSheet, warnings: &warnings), sheet: names[edgeSheet], path,
      &warnings)
    func root(
      _ members: [DocumentNode.Member], nodes: [DocumentNode], edges: [DocumentNode]
    )
      -> DocumentNode
    {
      DocumentNode(
        value: .object(
          members + [
            .init(
              key: "nodes", keyLine: 1, keyColumn: 1,
              value: DocumentNode(value: .array(nodes), line: 1, column: 1)),
            .init(
              key: "edges", keyLine: 1, keyColumn: 1,
              value: DocumentNode(value: .array(edges), line: 1, column: 1)),
          ]), line: 1, column: 1)
    }
    GraphDocumentDecoder(file: tagged(nodeSheet)).decode(
      root(top, nodes: nodeRows, edges: []), into: &assembler)
    GraphDocumentDecoder(file: tagged(edgeSheet)).decode(
      root([], nodes: [], edges: edgeRows), into: &assembler)
    for w in warnings { assembler.log.append(w) }
    let loaded = assembler.finish(path: path, encoding: .xlsx)
    var log = loaded.diagnostics
    log.relocate { l in
      guard l.sheet == nil, let cut = l.file.firstIndex(of: "\u{1}") else { return l }
      return SourceLocation(
        file: String(l.file[..<cut]), line: l.line, column: l.column,
        sheet: String(l.file[l.file.index(after: cut)...]))
    }
    return LoadedGraph(graph: loaded.graph, diagnostics: log, path: path, encoding: .xlsx)
  }

  static func isHeader(_ row: [XLSXCell], _ names: [String]) -> Bool {
    row.count >= names.count
      && zip(row, names).allSatisfy {
        if case .string(let s) = $0.0.value { return s.lowercased() == $0.1 }
        return false
      }
  }

  /// The rows after the header as records keyed by the header's names.
  private func records(
    _ rows: [[XLSXCell]], sheet: String, _ path: String, _ warnings: inout [Diagnostic]
  ) throws(InputError) -> [DocumentNode] {
    guard let header = rows.first else {
      throw XLSXPackage.error(path, "sheet '\(sheet)' is empty: its first row names the columns")
    }
    var names: [Int: String] = [:]
    for cell in header {
      let name: String
      switch cell.value {
      case .string(let s): name = XMLText.trimmed(s)
      case .number(let d): name = NumberFormat.canonical(d)
      case .bool(let b): name = b ? "true" : "false"
      default: name = ""
      }
      if let (k, _) = names.first(where: { $0.value == name }) {
        throw .data(
          Diagnostic(
            .error,
            "column '\(name)' is named twice in the header (also in column \(SourceLocation.columnLetters(k)))",
            at: SourceLocation(file: path, line: cell.row, column: cell.column, sheet: sheet)))
      }
      if !name.isEmpty { names[cell.column] = name }
    }
    var unnamed = Set<Int>()
    var out: [DocumentNode] = []
    out.reserveCapacity(rows.count)
    for row in rows.dropFirst() {
      var members: [DocumentNode.Member] = []
      for cell in row {
        guard let key = names[cell.column] else {
          if unnamed.insert(cell.column).inserted {
            warnings.append(
              Diagnostic(
                .warning,
                "column \(SourceLocation.columnLetters(cell.column)) has no header: its values are not read",
                at: SourceLocation(file: path, line: cell.row, column: cell.column, sheet: sheet)))
          }
          continue
        }
        members.append(
          .init(
            key: key, keyLine: cell.row, keyColumn: cell.column,
            value: DocumentNode(value: cell.value, line: cell.row, column: cell.column)))
      }
      guard let first = row.first else { continue }
      out.append(DocumentNode(value: .object(members), line: first.row, column: 1))
    }
    return out
  }
}

/// The writer of an encoding Linkage only reads: refuses, saying what to do instead.
struct RefusingWriter: GraphWriter {
  let message: String
  func write(_ graph: SupplyGraph, to path: String) throws(InputError) {
    throw .data(Diagnostic(.error, message, at: nil))
  }
}
