import LinkageCore

/// Opens a graph from a path in any encoding: a YAML, JSON (Linkage's or NetworkX
/// node-link), GraphML or GEXF file, a `nodes.csv`/`edges.csv` pair (either file, or
/// `NAME_nodes.csv`/`NAME_edges.csv`), or a dataset folder holding `graph.yaml`, `graph.yml`,
/// `graph.json` or the CSV pair.
///
/// A file's encoding comes from its extension (`.yaml`/`.yml`, `.json`, `.graphml`, `.gexf`,
/// `.csv`); a `.xml` file or any other extension is recognised by its content
/// (``sniff(_:)``), and ``LoadOptions/format`` forces one.
package enum GraphLoader {
  /// The largest YAML document read (libyaml keeps the whole tree; use JSON or CSV above it).
  package static let maximumYAMLBytes = 256 << 20
  /// The largest JSON, GraphML or GEXF document read.
  package static let maximumJSONBytes = 2 << 30

  /// Where a path's graph is, and in which encoding.
  package enum Source: Sendable, Equatable {
    /// One document; `nil` when its encoding is to be recognised from its content.
    case document(String, GraphEncoding?)
    case csv(nodes: String, edges: String, meta: String?)
  }

  /// Resolves `path` to the files to read.
  /// - Parameter format: The encoding to read a file as, whatever its name (`--from`).
  /// - Throws: ``InputError/notFound(path:detail:)`` when nothing readable is there, and
  ///   ``InputError/data(_:)`` when `format` cannot be read.
  package static func source(
    of path: String, format: GraphEncoding? = nil
  ) throws(InputError) -> Source {
    if let format, !format.isReadable {
      throw .data(
        Diagnostic(
          .error,
          "\(format.rawValue) is an export format: Linkage writes it but does not read it (readable: \(GraphEncoding.readable.map(\.rawValue).joined(separator: ", ")))",
          at: SourceLocation(file: path, line: 1, column: 1)))
    }
    switch FileAccess.kind(of: path) {
    case .missing:
      throw .notFound(path: path, detail: "no such file or folder")
    case .directory:
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      for name in ["graph.yaml", "graph.yml"] where FileAccess.kind(of: "\(base)/\(name)") == .file
      {
        return .document("\(base)/\(name)", format ?? .yaml)
      }
      if FileAccess.kind(of: "\(base)/graph.json") == .file {
        return .document("\(base)/graph.json", format ?? .json)
      }
      if FileAccess.kind(of: "\(base)/nodes.csv") == .file {
        guard FileAccess.kind(of: "\(base)/edges.csv") == .file else {
          throw .notFound(path: path, detail: "has nodes.csv but no edges.csv")
        }
        let meta = "\(base)/meta.csv"
        return .csv(
          nodes: "\(base)/nodes.csv", edges: "\(base)/edges.csv",
          meta: FileAccess.kind(of: meta) == .file ? meta : nil)
      }
      throw .notFound(
        path: path, detail: "the folder holds no graph.yaml, graph.json, or nodes.csv + edges.csv")
    case .file:
      let lower = path.lowercased()
      let named = format ?? GraphEncoding.forInputPath(lower)
      guard named == .csv else { return .document(path, named) }
      let (nodes, edges) = pair(of: path)
      guard let nodes, let edges else {
        throw .notFound(
          path: path,
          detail:
            "a CSV graph is a pair of files: name them nodes.csv and edges.csv (or NAME_nodes.csv and NAME_edges.csv) and give either one, or their folder"
        )
      }
      for f in [nodes, edges] where FileAccess.kind(of: f) != .file {
        throw .notFound(path: f, detail: "no such file (the other half of the CSV pair \(path))")
      }
      let folderEnd = nodes.lastIndex(of: "/")
      let meta = (folderEnd.map { String(nodes[...$0]) } ?? "") + "meta.csv"
      return .csv(
        nodes: nodes, edges: edges,
        meta: nodes.hasSuffix("/nodes.csv") || nodes == "nodes.csv"
          ? (FileAccess.kind(of: meta) == .file ? meta : nil) : nil)
    }
  }

  /// Whether `path` is a lone edges CSV (a `.csv` file not named as half of a pair), which
  /// can only add links on top of a base graph.
  package static func isLoneEdgeFile(_ path: String) -> Bool {
    path.lowercased().hasSuffix(".csv") && pair(of: path).0 == nil
  }

  /// The nodes and edges files of a CSV pair, given either.
  static func pair(of path: String) -> (String?, String?) {
    for (a, b) in [("nodes.csv", "edges.csv"), ("edges.csv", "nodes.csv")] where path.hasSuffix(a) {
      let prefix = path.dropLast(a.count)
      let other = prefix + b
      return a == "nodes.csv" ? (path, String(other)) : (String(other), path)
    }
    return (nil, nil)
  }

  /// The document encoding `bytes` look like: JSON when the first character is `{` or `[`,
  /// GraphML or GEXF when it is `<` (by the root element's name), else YAML.
  /// - Complexity: O(length of the XML prolog), at most the first 64 KiB.
  package static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> GraphEncoding {
    var i = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = bytes.index(i, offsetBy: 3) }
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
    while i < bytes.endIndex, isSpace(bytes[i]) { bytes.formIndex(after: &i) }
    guard i < bytes.endIndex else { return .yaml }
    // A ZIP archive (an .xlsx workbook) or an OLE file (an old .xls): the workbook reader
    // says which.
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    {
      return .xlsx
    }
    switch bytes[i] {
    case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
    case UInt8(ascii: "<"):
      // Skip the declaration, comments and processing instructions to the root element.
      let prolog = Array(bytes[i...].prefix(65_536))
      var k = 0
      while k < prolog.count {
        guard prolog[k] == UInt8(ascii: "<") else {
          k += 1
          continue
        }
        let next = k + 1 < prolog.count ? prolog[k + 1] : 0
        if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
          k += 2
          continue
        }
        var end = k + 1
        while end < prolog.count, !isSpace(prolog[end]), prolog[end] != UInt8(ascii: ">"),
          prolog[end] != UInt8(ascii: "/")
        {
          end += 1
        }
        let name = String(decoding: prolog[(k + 1)..<end], as: UTF8.self).lowercased()
        let local = name.split(separator: ":").last.map(String.init) ?? name
        return local == "gexf" ? .gexf : .graphml
      }
      return .graphml
    default: return .yaml
    }
  }

  /// Loads the graph at `path`.
  /// - Returns: The graph and every problem found; a graph with errors is still returned
  ///   (built from what could be read) so that all problems can be shown.
  /// - Throws: ``InputError`` when nothing can be read at all.
  package static func load(
    _ path: String, options: LoadOptions = LoadOptions()
  ) throws(InputError) -> LoadedGraph {
    // A lone edges file on top of a base graph (`--add links.csv`, `--candidates c.csv`).
    if options.base != nil, options.format == nil || options.format == .csv,
      FileAccess.kind(of: path) == .file, path.lowercased().hasSuffix(".csv"),
      pair(of: path).0 == nil
    {
      var reader = CSVGraphReader(mapping: options.mapping)
      reader.base = options.base
      reader.newEndpointsAreNodes = options.newEndpointsAreNodes
      return try reader.read(edgesOnly: path)
    }
    switch try source(of: path, format: options.format) {
    case .csv(let nodes, let edges, let meta):
      var reader = CSVGraphReader(mapping: options.mapping)
      reader.base = options.base
      reader.newEndpointsAreNodes = options.newEndpointsAreNodes
      return try reader.read(nodes: nodes, edges: edges, meta: meta, path: path)
    case .document(let file, let format):
      if format == .xlsx {
        var reader = XLSXGraphReader(sheets: options.sheets, mapping: options.mapping)
        reader.base = options.base
        reader.newEndpointsAreNodes = options.newEndpointsAreNodes
        return try reader.read(file)
      }
      let limit = format == .yaml ? maximumYAMLBytes : maximumJSONBytes
      let bytes = try FileAccess.readAll(file, limit: limit)
      let encoding = format ?? sniff(bytes)
      if encoding == .xlsx {
        var reader = XLSXGraphReader(sheets: options.sheets, mapping: options.mapping)
        reader.base = options.base
        reader.newEndpointsAreNodes = options.newEndpointsAreNodes
        return try reader.read(file)
      }
      if encoding == .yaml, bytes.count > maximumYAMLBytes {
        throw .data(
          Diagnostic(
            .error,
            "a YAML document over \(maximumYAMLBytes >> 20) MiB: use JSON or the CSV pair for graphs this large",
            at: SourceLocation(file: file, line: 1, column: 1)))
      }
      let loaded = loadDocument(
        bytes: bytes, file: file, as: encoding, mapping: options.mapping, base: options.base,
        newEndpointsAreNodes: options.newEndpointsAreNodes)
      var result = LoadedGraph(
        graph: loaded.graph, diagnostics: loaded.diagnostics, path: path,
        encoding: loaded.encoding)
      result.edgeFile = loaded.edgeFile
      result.edgeLines = loaded.edgeLines
      return result
    }
  }

  /// Loads a document from text already in memory (e.g. a bundled dataset).
  /// - Parameter encoding: yaml, json (Linkage's or node-link), graphml or gexf.
  package static func loadDocument(
    bytes: [UInt8], file: String, as encoding: GraphEncoding,
    mapping: FieldMapping = FieldMapping(), base: SupplyGraph? = nil,
    newEndpointsAreNodes: Bool = false
  ) -> LoadedGraph {
    var assembler = GraphAssembler()
    assembler.mapping = mapping
    assembler.base = base
    assembler.newEndpointsAreNodes = newEndpointsAreNodes
    if let problem = checkText(bytes, file: file) {
      assembler.log.append(problem)
      return assembler.finish(path: file, encoding: encoding)
    }
    var warnings: [Diagnostic] = []
    let result: DocumentParseResult
    switch encoding {
    case .graphml: result = GraphMLDocumentParser(file: file).parse(bytes, warnings: &warnings)
    case .gexf: result = GEXFDocumentParser(file: file).parse(bytes, warnings: &warnings)
    case .yaml: result = YAMLDocumentParser(file: file).parse(bytes)
    default: result = JSONDocumentParser(file: file).parse(bytes)
    }
    for w in warnings { assembler.log.append(w) }
    switch result {
    case .failure(let d): assembler.log.append(d)
    case .success(let root): GraphDocumentDecoder(file: file).decode(root, into: &assembler)
    }
    return assembler.finish(path: file, encoding: encoding == .nodeLink ? .json : encoding)
  }

  /// Refuses empty files, binary data and invalid UTF-8, pointing at the first bad byte.
  static func checkText(_ bytes: [UInt8], file: String) -> Diagnostic? {
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return Diagnostic(
        .error, "empty file: expected a graph document with `nodes:` and `edges:`",
        at: SourceLocation(file: file, line: 1, column: 1))
    }
    var line = 1
    var column = 1
    var i = body.startIndex
    while i < body.endIndex {
      let c = body[i]
      if c == 0 {
        return Diagnostic(
          .error, "binary data (a NUL byte): this is not a YAML or JSON text file",
          at: SourceLocation(file: file, line: line, column: column))
      }
      if c < 0x80 {
        if c == 0x0A {
          line += 1
          column = 1
        } else {
          column += 1
        }
        i += 1
        continue
      }
      var need = 0
      if c & 0xE0 == 0xC0 {
        need = 1
      } else if c & 0xF0 == 0xE0 {
        need = 2
      } else if c & 0xF8 == 0xF0 {
        need = 3
      } else {
        return Diagnostic(
          .error, "invalid UTF-8: the file must be UTF-8 text",
          at: SourceLocation(file: file, line: line, column: column))
      }
      guard i + need < body.endIndex, body[(i + 1)...(i + need)].allSatisfy({ $0 & 0xC0 == 0x80 })
      else {
        return Diagnostic(
          .error, "invalid UTF-8: the file must be UTF-8 text",
          at: SourceLocation(file: file, line: line, column: column))
      }
      i += need + 1
      column += 1
    }
    return nil
  }
}
