import Dispatch
import Foundation
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
package struct CSVGraphReader: Sendable {
  /// Edge files with at least this many bytes after the header are read on two threads.
  package var parallelThreshold: Int
  /// Which columns fill which fields (`--map`).
  package var mapping: FieldMapping
  /// The graph this input adds to (`--add`), whose nodes its edges may link to.
  package var base: SupplyGraph?
  /// With a base: an edge endpoint that is neither here nor in the base enters as a new node
  /// (with a warning) instead of being an error.
  package var newEndpointsAreNodes = false

  package init(parallelThreshold: Int = 8 << 20, mapping: FieldMapping = FieldMapping()) {
    self.parallelThreshold = parallelThreshold
    self.mapping = mapping
  }

  /// Reads the pair in `folder` (`folder/nodes.csv`, `folder/edges.csv`, `folder/meta.csv`).
  package func read(folder: String) throws(InputError) -> LoadedGraph {
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    let meta = base + "/meta.csv"
    return try read(
      nodes: base + "/nodes.csv", edges: base + "/edges.csv",
      meta: FileAccess.kind(of: meta) == .file ? meta : nil, path: folder)
  }

  /// Reads a nodes file, an edges file and an optional meta file.
  package func read(
    nodes: String, edges: String, meta: String? = nil, path: String? = nil
  ) throws(InputError) -> LoadedGraph {
    var nodeReader = try CSVRecordReader(path: nodes)
    var edgeReader = try CSVRecordReader(path: edges)
    // Reserve storage once, from the line length of the first chunk of each file.
    var assembler = GraphAssembler(
      expectedNodes: try nodeReader.estimatedRecordCount(),
      expectedEdges: try edgeReader.estimatedRecordCount())
    assembler.mapping = mapping
    assembler.base = base
    assembler.newEndpointsAreNodes = newEndpointsAreNodes
    var timer = PhaseTimer()
    if let meta { try readMeta(meta, &assembler) }
    try readNodes(&nodeReader, file: nodes, &assembler)
    timer.lap("read nodes.csv")
    try readEdges(&edgeReader, file: edges, &assembler)
    timer.lap("read edges.csv")
    return assembler.finish(path: path ?? nodes, encoding: .csv)
  }

  /// Reads a lone edges file that links nodes of ``base`` (an addition or a candidates file:
  /// `source,target,…` with no nodes file).
  /// - Precondition: ``base`` is set.
  package func read(edgesOnly edges: String) throws(InputError) -> LoadedGraph {
    var edgeReader = try CSVRecordReader(path: edges)
    var assembler = GraphAssembler(
      expectedNodes: 16, expectedEdges: try edgeReader.estimatedRecordCount())
    assembler.mapping = mapping
    assembler.base = base
    assembler.newEndpointsAreNodes = newEndpointsAreNodes
    try readEdges(&edgeReader, file: edges, &assembler)
    return assembler.finish(path: edges, encoding: .csv)
  }

  private func fatal(
    _ error: Error, file: String, _ assembler: inout GraphAssembler
  ) throws(InputError) {
    if let e = error as? CSVFatalError {
      assembler.log.error(e.message, at: SourceLocation(file: file, line: e.line, column: e.column))
    } else if let e = error as? InputError {
      throw e
    } else {
      assembler.log.error("\(error)", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  /// Header columns by name, with the rule that a name appears once.
  private func header(
    _ record: CSVRecord, file: String, _ assembler: inout GraphAssembler
  ) -> [String] {
    var names: [String] = []
    var seen: Set<String> = []
    for i in 0..<min(record.count, 10_000) {
      let name = record.string(i).trimmingSpaces
      let (l, c) = record.position(of: i)
      if name.isEmpty {
        assembler.log.error(
          "empty column name in the header", at: SourceLocation(file: file, line: l, column: c))
      } else if !seen.insert(name).inserted {
        assembler.log.error(
          "column '\(name)' appears twice in the header",
          at: SourceLocation(file: file, line: l, column: c))
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
          assembler.log.warning(
            "unknown key '\(record.string(0))' ignored (expected name, description, context_relation)",
            at: at)
        }
      }
    } catch {
      try fatal(error, file: path, &assembler)
    }
    assembler.setContextRelations(contexts)
  }

  private func readNodes(
    _ reader: inout CSVRecordReader, file: String, _ assembler: inout GraphAssembler
  ) throws(InputError) {
    var columns: [String] = []
    var sawHeader = false
    // Column roles, resolved once from the header.
    var idColumn = -1
    var nameColumn = -1
    var kindColumn = -1
    var sectorColumn = -1
    var stageColumn = -1
    var tierColumn = -1
    var requiresColumn = -1
    var numericColumns: [(column: Int, rule: WellKnownAttribute, handle: Int)] = []
    var attributeColumns: [(column: Int, handle: Int)] = []
    do {
      try reader.forEachRecord { record in
        if !sawHeader {
          sawHeader = true
          if record.count > 10_000 {
            throw CSVFatalError(
              message: "the header has \(record.count) columns; at most 10000 are read",
              line: record.line, column: 1)
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
                numericColumns.append((i, rule, assembler.builder.nodeAttributeColumn(name)))
              } else if !name.isEmpty {
                attributeColumns.append((i, assembler.builder.nodeAttributeColumn(name)))
              }
            }
          }
          if idColumn < 0 {
            throw CSVFatalError(
              message: "nodes.csv needs an 'id' column (found: \(columns.joined(separator: ", ")))",
              line: record.line,
              column: 1)
          }
          return
        }
        func at(_ i: Int) -> SourceLocation {
          let (l, c) = record.position(of: i)
          return SourceLocation(file: file, line: l, column: c)
        }
        guard record.count == columns.count else {
          assembler.log.error(
            "expected \(columns.count) fields as in the header, found \(record.count)",
            at: SourceLocation(file: file, line: record.line, column: 1))
          return
        }
        guard
          let v = assembler.beginNode(
            idUTF8: record.field(idColumn), line: record.line, at: at(idColumn))
        else {
          return
        }
        if nameColumn >= 0 {
          let f = record.field(nameColumn)
          if !f.isEmpty { assembler.builder.setName(String(decoding: f, as: UTF8.self), for: v) }
        }
        if kindColumn >= 0 {
          assembler.setKind(utf8: record.field(kindColumn), of: v, at: at(kindColumn))
        }
        if sectorColumn >= 0 {
          assembler.setSector(utf8: record.field(sectorColumn), of: v, at: at(sectorColumn))
        }
        if stageColumn >= 0 {
          assembler.setStage(utf8: record.field(stageColumn), of: v, at: at(stageColumn))
        }
        if tierColumn >= 0 {
          let f = record.field(tierColumn)
          if !f.isEmpty {
            assembler.setTier(
              NumberFormat.parse(f), text: String(decoding: f, as: UTF8.self), of: v,
              at: at(tierColumn))
          }
        }
        if requiresColumn >= 0 {
          assembler.setRequirement(record.string(requiresColumn), of: v, at: at(requiresColumn))
        }
        for (i, rule, handle) in numericColumns {
          if let d = assembler.number(record.field(i), as: rule, at: at(i)) {
            assembler.builder.setNodeNumber(column: handle, d, for: v)
          }
        }
        for (i, handle) in attributeColumns {
          assembler.builder.setNodeAttribute(column: handle, text: record.field(i), for: v)
        }
        if kindColumn >= 0, record.field(kindColumn).elementsEqual("buyer".utf8) {
          let sector = sectorColumn >= 0 ? record.string(sectorColumn) : ""
          assembler.endNode(
            v, kindText: "buyer", sectorText: sector.isEmpty ? nil : sector, at: at(idColumn))
        }
      }
    } catch {
      try fatal(error, file: file, &assembler)
    }
    if !sawHeader {
      assembler.log.error(
        "empty file: expected a header line such as 'id,name,kind,sector,stage'",
        at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  /// The columns of `edges.csv`, resolved once from its header.
  private struct EdgeColumns: Sendable {
    var count = 0
    var source = -1, target = -1, relation = -1, part = -1
    var numeric: [(column: Int, rule: WellKnownAttribute, handle: Int)] = []
    var attributes: [(column: Int, handle: Int)] = []
  }

  private func readEdges(
    _ reader: inout CSVRecordReader, file: String, _ assembler: inout GraphAssembler
  ) throws(InputError) {
    var columns = EdgeColumns()
    var sawHeader = false
    var headerEnd = 0
    // The header first, alone.
    do {
      try reader.forEachRecord { record in
        guard !sawHeader else { throw StopReading() }
        sawHeader = true
        columns = try edgeHeader(record, file: file, &assembler)
      }
    } catch is StopReading {
    } catch {
      try fatal(error, file: file, &assembler)
      return
    }
    guard sawHeader else {
      assembler.log.error(
        "empty file: expected a header line such as 'source,target,relation,part'",
        at: SourceLocation(file: file, line: 1, column: 1))
      return
    }
    headerEnd = reader.offset
    let size = reader.fileSize ?? 0
    if size - headerEnd >= parallelThreshold, base == nil,
      let parts = try readEdgesInParallel(
        file: file, from: headerEnd, size: size, columns: columns, assembler: assembler)
    {
      for (worker, lineOffset) in parts {
        assembler.absorbEdges(of: worker, lineOffset: lineOffset)
      }
      return
    }
    do {
      try reader.forEachRecord { record in
        processEdge(record, columns: columns, file: file, lineOffset: 0, &assembler)
      }
    } catch {
      try fatal(error, file: file, &assembler)
    }
  }

  private struct StopReading: Error {}

  /// Reads the records after the header in two parts at once, split at a line break near the
  /// middle. The split is checked afterwards: if the first part's last record ran past it (a
  /// quoted field holding a line break), the parallel result is dropped and `nil` returned, so
  /// the caller reads the file in one pass.
  ///
  /// - Returns: Each part's worker with the line offset of its first record, in file order.
  private func readEdgesInParallel(
    file: String, from start: Int, size: Int, columns: EdgeColumns, assembler: GraphAssembler
  ) throws(InputError) -> [(GraphAssembler, Int)]? {
    let parts = 2
    var splits = [start]
    let probe = try ChunkedFileReader(path: file)
    var window = [UInt8](repeating: 0, count: 1 << 16)
    for k in 1..<parts {
      let guess = start + (size - start) * k / parts
      try probe.seek(to: guess)
      let n = try probe.read(into: &window, from: 0)
      guard let newline = window[0..<n].firstIndex(of: 0x0A) else { return nil }
      splits.append(guess + newline + 1)
    }
    splits.append(size)
    let results = ParallelSlots<(GraphAssembler, Int, Int, String?)>(count: parts)
    let base = assembler
    let bounds = splits
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      var worker = base.edgeWorker()
      do {
        var reader = try CSVRecordReader(path: file, range: bounds[k]..<bounds[k + 1])
        try reader.forEachRecord { record in
          processEdge(record, columns: columns, file: file, lineOffset: 0, &worker)
        }
        results.set(k, (worker, reader.nextLine - 1, reader.offset, nil))
      } catch {
        results.set(k, (worker, 0, -1, "\(error)"))
      }
    }
    var out: [(GraphAssembler, Int)] = []
    // The header is line 1; each part's lines follow the previous part's.
    var lineOffset = 1
    for k in 0..<parts {
      guard let (worker, lines, endOffset, failure) = results.get(k), failure == nil,
        endOffset == splits[k + 1]
      else {
        return nil
      }
      out.append((worker, lineOffset))
      lineOffset += lines
    }
    return out
  }

  private func edgeHeader(
    _ record: CSVRecord, file: String, _ assembler: inout GraphAssembler
  ) throws -> EdgeColumns {
    if record.count > 10_000 {
      throw CSVFatalError(
        message: "the header has \(record.count) columns; at most 10000 are read",
        line: record.line, column: 1)
    }
    let names = header(record, file: file, &assembler)
    var columns = EdgeColumns()
    columns.count = names.count
    for (i, name) in names.enumerated() {
      switch name {
      case "source": columns.source = i
      case "target": columns.target = i
      case "relation": columns.relation = i
      case "part": columns.part = i
      default:
        if let rule = WellKnownAttribute.edge(name) {
          columns.numeric.append((i, rule, assembler.builder.edgeAttributeColumn(name)))
        } else if !name.isEmpty {
          columns.attributes.append((i, assembler.builder.edgeAttributeColumn(name)))
        }
      }
    }
    if columns.source < 0 || columns.target < 0 {
      throw CSVFatalError(
        message:
          "\(file.split(separator: "/").last.map(String.init) ?? file) needs 'source' and 'target' columns (found: \(names.joined(separator: ", ")))",
        line: record.line, column: 1)
    }
    return columns
  }

  private func processEdge(
    _ record: CSVRecord, columns: EdgeColumns, file: String, lineOffset: Int,
    _ assembler: inout GraphAssembler
  ) {
    func at(_ i: Int) -> SourceLocation {
      let (l, c) = record.position(of: i)
      return SourceLocation(file: file, line: l + lineOffset, column: c)
    }
    guard record.count == columns.count else {
      assembler.log.error(
        "expected \(columns.count) fields as in the header, found \(record.count)",
        at: SourceLocation(file: file, line: record.line + lineOffset, column: 1))
      return
    }
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    guard
      let e = assembler.addEdge(
        sourceUTF8: record.field(columns.source), targetUTF8: record.field(columns.target),
        relationUTF8: columns.relation >= 0 ? record.field(columns.relation) : empty,
        partUTF8: columns.part >= 0 ? record.field(columns.part) : nil,
        line: record.line + lineOffset,
        sourceAt: at(columns.source), targetAt: at(columns.target),
        relationAt: at(columns.relation >= 0 ? columns.relation : columns.source))
    else { return }
    for (i, rule, handle) in columns.numeric {
      if let d = assembler.number(record.field(i), as: rule, at: at(i)) {
        assembler.builder.setEdgeNumber(column: handle, d, for: e)
      }
    }
    for (i, handle) in columns.attributes {
      assembler.builder.setEdgeAttribute(column: handle, text: record.field(i), for: e)
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
