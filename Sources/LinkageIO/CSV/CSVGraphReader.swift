import LinkageCore

/// Reads the CSV encoding: `nodes.csv` and `edges.csv` (and an optional `meta.csv`).
///
/// - `nodes.csv`: a header row naming the columns; `id` is required; `name`, `kind`,
///   `sector`, `stage`, `tier` and `requires` are the node fields; every other column is an
///   attribute.
/// - `edges.csv`: `source` and `target` are required; `relation` and `part` are the edge
///   fields; every other column is an attribute.
/// - `meta.csv` (optional): rows `key,value` with keys `name`, `description` and
///   `context_relation` (one row per relation).
///
/// Columns are header-driven and may come in any order. An empty cell is an absent value. An
/// attribute column whose every value is a number is read as numbers (`007` stays text),
/// one of only `true`/`false` as booleans, any other as text.
///
/// The parse is byte-level and streams the files in chunks: a million nodes and four million
/// edges load in about a second with memory close to the graph's own size.
public struct CSVGraphReader: Sendable {
  public init() {}

  /// Reads the pair in `folder` (`folder/nodes.csv`, `folder/edges.csv`, `folder/meta.csv`).
  public func read(folder: String) throws(InputError) -> LoadedGraph {
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    let meta = base + "/meta.csv"
    return try read(
      nodes: base + "/nodes.csv", edges: base + "/edges.csv",
      meta: FileAccess.kind(of: meta) == .file ? meta : nil, path: folder)
  }

  /// Reads a nodes file, an edges file and an optional meta file.
  public func read(nodes: String, edges: String, meta: String? = nil, path: String? = nil) throws(InputError) -> LoadedGraph {
    let nodeReader = try CSVRecordReader(path: nodes)
    let edgeReader = try CSVRecordReader(path: edges)
    // Typical rows are 30–60 bytes; reserving for that avoids most regrowth on big files.
    var assembler = GraphAssembler(
      expectedNodes: (nodeReader.fileSize ?? 0) / 48, expectedEdges: (edgeReader.fileSize ?? 0) / 40)
    if let meta { try readMeta(meta, &assembler) }
    var nodeReaderCopy = nodeReader
    try readNodes(&nodeReaderCopy, file: nodes, &assembler)
    var edgeReaderCopy = edgeReader
    try readEdges(&edgeReaderCopy, file: edges, &assembler)
    return assembler.finish(path: path ?? nodes, encoding: .csv)
  }

  private func fatal(_ error: Error, file: String, _ assembler: inout GraphAssembler) throws(InputError) {
    if let e = error as? CSVFatalError {
      assembler.log.error(e.message, at: SourceLocation(file: file, line: e.line, column: e.column))
    } else if let e = error as? InputError {
      throw e
    } else {
      assembler.log.error("\(error)", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  /// Header columns by name, with the rule that a name appears once.
  private func header(_ record: CSVRecord, file: String, _ assembler: inout GraphAssembler) -> [String] {
    var names: [String] = []
    var seen: Set<String> = []
    for i in 0..<min(record.count, 10_000) {
      let name = record.string(i).trimmingSpaces
      let (l, c) = record.position(of: i)
      if name.isEmpty {
        assembler.log.error("empty column name in the header", at: SourceLocation(file: file, line: l, column: c))
      } else if !seen.insert(name).inserted {
        assembler.log.error("column '\(name)' appears twice in the header", at: SourceLocation(file: file, line: l, column: c))
      }
      names.append(name)
    }
    return names
  }

  private func readMeta(_ path: String, _ assembler: inout GraphAssembler) throws(InputError) {
    var reader = try CSVRecordReader(path: path, maximumFields: 16)
    var contexts: [String] = []
    var first = true
    do {
      try reader.forEachRecord { record in
        if first {
          first = false
          if record.string(0) == "key" { return }
        }
        let at = SourceLocation(file: path, line: record.line, column: 1)
        guard record.count == 2 else {
          assembler.log.error("expected 2 fields (key,value), found \(record.count)", at: at)
          return
        }
        let value = record.string(1)
        switch record.string(0) {
        case "name": assembler.builder.name = value
        case "description": assembler.builder.description = value
        case "context_relation": contexts.append(value)
        default:
          assembler.log.warning("unknown key '\(record.string(0))' ignored (expected name, description, context_relation)", at: at)
        }
      }
    } catch {
      try fatal(error, file: path, &assembler)
    }
    assembler.setContextRelations(contexts)
  }

  private func readNodes(_ reader: inout CSVRecordReader, file: String, _ assembler: inout GraphAssembler) throws(InputError) {
    var columns: [String] = []
    var sawHeader = false
    // Column roles, resolved once from the header.
    var idColumn = -1, nameColumn = -1, kindColumn = -1, sectorColumn = -1, stageColumn = -1
    var tierColumn = -1, requiresColumn = -1
    var numericColumns: [(column: Int, rule: WellKnownAttribute)] = []
    var attributeColumns: [(column: Int, handle: Int)] = []
    do {
      try reader.forEachRecord { record in
        if !sawHeader {
          sawHeader = true
          if record.count > 10_000 {
            throw CSVFatalError(message: "the header has \(record.count) columns; at most 10000 are read", line: record.line, column: 1)
          }
          columns = header(record, file: file, &assembler)
          for (i, name) in columns.enumerated() {
            switch name {
            case "id": idColumn = i
            case "name": nameColumn = i
            case "kind": kindColumn = i
            case "sector": sectorColumn = i
            case "stage": stageColumn = i
            case "tier": tierColumn = i
            case "requires": requiresColumn = i
            default:
              if let rule = WellKnownAttribute.node(name) {
                numericColumns.append((i, rule))
                _ = assembler.builder.nodeAttributeColumn(name)
              } else if !name.isEmpty {
                attributeColumns.append((i, assembler.builder.nodeAttributeColumn(name)))
              }
            }
          }
          if idColumn < 0 {
            throw CSVFatalError(message: "nodes.csv needs an 'id' column (found: \(columns.joined(separator: ", ")))", line: record.line, column: 1)
          }
          return
        }
        func at(_ i: Int) -> SourceLocation {
          let (l, c) = record.position(of: i)
          return SourceLocation(file: file, line: l, column: c)
        }
        guard record.count == columns.count else {
          assembler.log.error("expected \(columns.count) fields as in the header, found \(record.count)", at: SourceLocation(file: file, line: record.line, column: 1))
          return
        }
        guard let v = assembler.beginNode(idUTF8: record.field(idColumn), line: record.line, at: at(idColumn)) else { return }
        if nameColumn >= 0 {
          let f = record.field(nameColumn)
          if !f.isEmpty { assembler.builder.setName(String(decoding: f, as: UTF8.self), for: v) }
        }
        if kindColumn >= 0 { assembler.setKind(utf8: record.field(kindColumn), of: v, at: at(kindColumn)) }
        if sectorColumn >= 0 { assembler.setSector(utf8: record.field(sectorColumn), of: v, at: at(sectorColumn)) }
        if stageColumn >= 0 { assembler.setStage(utf8: record.field(stageColumn), of: v, at: at(stageColumn)) }
        if tierColumn >= 0 {
          let f = record.field(tierColumn)
          if !f.isEmpty {
            assembler.setTier(NumberFormat.parse(f), text: String(decoding: f, as: UTF8.self), of: v, at: at(tierColumn))
          }
        }
        if requiresColumn >= 0 {
          assembler.setRequirement(record.string(requiresColumn), of: v, at: at(requiresColumn))
        }
        for (i, rule) in numericColumns {
          let f = record.field(i)
          if f.isEmpty { continue }
          if let d = NumberFormat.parse(f) {
            assembler.setNodeAttribute(rule.name, .number(d), of: v, at: at(i))
          } else {
            assembler.log.error("\(rule.name) must be a number, found '\(String(decoding: f, as: UTF8.self))'", at: at(i))
          }
        }
        for (i, handle) in attributeColumns {
          assembler.builder.setNodeAttribute(column: handle, text: record.field(i), for: v)
        }
        if kindColumn >= 0, record.field(kindColumn).elementsEqual("buyer".utf8) {
          let sector = sectorColumn >= 0 ? record.string(sectorColumn) : ""
          assembler.endNode(v, kindText: "buyer", sectorText: sector.isEmpty ? nil : sector, at: at(idColumn))
        }
      }
    } catch {
      try fatal(error, file: file, &assembler)
    }
    if !sawHeader {
      assembler.log.error("empty file: expected a header line such as 'id,name,kind,sector,stage'", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  private func readEdges(_ reader: inout CSVRecordReader, file: String, _ assembler: inout GraphAssembler) throws(InputError) {
    var columns: [String] = []
    var sawHeader = false
    var sourceColumn = -1, targetColumn = -1, relationColumn = -1, partColumn = -1
    var numericColumns: [(column: Int, rule: WellKnownAttribute, handle: Int)] = []
    var attributeColumns: [(column: Int, handle: Int)] = []
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    do {
      try reader.forEachRecord { record in
        if !sawHeader {
          sawHeader = true
          if record.count > 10_000 {
            throw CSVFatalError(message: "the header has \(record.count) columns; at most 10000 are read", line: record.line, column: 1)
          }
          columns = header(record, file: file, &assembler)
          for (i, name) in columns.enumerated() {
            switch name {
            case "source": sourceColumn = i
            case "target": targetColumn = i
            case "relation": relationColumn = i
            case "part": partColumn = i
            default:
              if let rule = WellKnownAttribute.edge(name) {
                numericColumns.append((i, rule, assembler.builder.edgeAttributeColumn(name)))
              } else if !name.isEmpty {
                attributeColumns.append((i, assembler.builder.edgeAttributeColumn(name)))
              }
            }
          }
          if sourceColumn < 0 || targetColumn < 0 {
            throw CSVFatalError(message: "edges.csv needs 'source' and 'target' columns (found: \(columns.joined(separator: ", ")))", line: record.line, column: 1)
          }
          return
        }
        func at(_ i: Int) -> SourceLocation {
          let (l, c) = record.position(of: i)
          return SourceLocation(file: file, line: l, column: c)
        }
        guard record.count == columns.count else {
          assembler.log.error("expected \(columns.count) fields as in the header, found \(record.count)", at: SourceLocation(file: file, line: record.line, column: 1))
          return
        }
        guard
          let e = assembler.addEdge(
            sourceUTF8: record.field(sourceColumn), targetUTF8: record.field(targetColumn),
            relationUTF8: relationColumn >= 0 ? record.field(relationColumn) : empty,
            partUTF8: partColumn >= 0 ? record.field(partColumn) : nil, line: record.line,
            sourceAt: at(sourceColumn), targetAt: at(targetColumn),
            relationAt: at(relationColumn >= 0 ? relationColumn : sourceColumn))
        else { return }
        for (i, rule, handle) in numericColumns {
          let f = record.field(i)
          if f.isEmpty { continue }
          guard let d = NumberFormat.parse(f) else {
            assembler.log.error("\(rule.name) must be a number, found '\(String(decoding: f, as: UTF8.self))'", at: at(i))
            continue
          }
          if let problem = rule.problem(with: d) {
            assembler.log.error(problem, at: at(i))
            continue
          }
          assembler.builder.setEdgeNumber(column: handle, d, for: e)
        }
        for (i, handle) in attributeColumns {
          assembler.builder.setEdgeAttribute(column: handle, text: record.field(i), for: e)
        }
      }
    } catch {
      try fatal(error, file: file, &assembler)
    }
    if !sawHeader {
      assembler.log.error("empty file: expected a header line such as 'source,target,relation,part'", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
