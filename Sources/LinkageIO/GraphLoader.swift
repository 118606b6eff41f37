import LinkageCore

/// Opens a graph from a path in any encoding: a YAML or JSON file, a `nodes.csv`/`edges.csv`
/// pair (either file, or `NAME_nodes.csv`/`NAME_edges.csv`), or a dataset folder holding
/// `graph.yaml`, `graph.yml`, `graph.json` or the CSV pair.
package enum GraphLoader {
  /// The largest YAML document read (libyaml keeps the whole tree; use JSON or CSV above it).
  package static let maximumYAMLBytes = 256 << 20
  /// The largest JSON document read.
  package static let maximumJSONBytes = 2 << 30

  /// Where a path's graph is, and in which encoding.
  package enum Source: Sendable, Equatable {
    case yaml(String)
    case json(String)
    case csv(nodes: String, edges: String, meta: String?)
  }

  /// Resolves `path` to the files to read.
  /// - Throws: ``InputError/notFound(path:detail:)`` when nothing readable is there.
  package static func source(of path: String) throws(InputError) -> Source {
    switch FileAccess.kind(of: path) {
    case .missing:
      throw .notFound(path: path, detail: "no such file or folder")
    case .directory:
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      for name in ["graph.yaml", "graph.yml"] where FileAccess.kind(of: "\(base)/\(name)") == .file
      {
        return .yaml("\(base)/\(name)")
      }
      if FileAccess.kind(of: "\(base)/graph.json") == .file { return .json("\(base)/graph.json") }
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
      if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml(path) }
      if lower.hasSuffix(".json") { return .json(path) }
      if lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") { return .json(path) }
      if lower.hasSuffix(".csv") {
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
      // Unknown extension: JSON if it starts like JSON, GraphML if like XML, else YAML.
      return .yaml(path)
    }
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

  /// Loads the graph at `path`.
  /// - Returns: The graph and every problem found; a graph with errors is still returned
  ///   (built from what could be read) so that all problems can be shown.
  /// - Throws: ``InputError`` when nothing can be read at all.
  package static func load(_ path: String) throws(InputError) -> LoadedGraph {
    switch try source(of: path) {
    case .csv(let nodes, let edges, let meta):
      return try CSVGraphReader().read(nodes: nodes, edges: edges, meta: meta, path: path)
    case .yaml(let file):
      return try loadDocument(file, path: path, yaml: true)
    case .json(let file):
      return try loadDocument(file, path: path, yaml: false)
    }
  }

  /// Loads a YAML or JSON document from text already in memory (e.g. a bundled dataset).
  package static func loadDocument(bytes: [UInt8], file: String, yaml: Bool) -> LoadedGraph {
    var assembler = GraphAssembler()
    var isYAML = yaml
    if let problem = checkText(bytes, file: file) {
      assembler.log.append(problem)
      return assembler.finish(path: file, encoding: isYAML ? .yaml : .json)
    }
    // A document with an unknown extension that starts like JSON is read as JSON.
    if isYAML, !file.lowercased().hasSuffix(".yaml"), !file.lowercased().hasSuffix(".yml"),
      let first = bytes.first(where: {
        $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB
          && $0 != 0xBF
      }),
      first == UInt8(ascii: "{")
    {
      isYAML = false
    }
    // GraphML: by extension, or a document that starts like XML (`<`).
    let lower = file.lowercased()
    let firstByte = bytes.first(where: {
      $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB
        && $0 != 0xBF
    })
    let isGraphML =
      lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") || firstByte == UInt8(ascii: "<")
    var warnings: [Diagnostic] = []
    let result =
      isGraphML
      ? GraphMLDocumentParser(file: file).parse(bytes, warnings: &warnings)
      : isYAML
        ? YAMLDocumentParser(file: file).parse(bytes) : JSONDocumentParser(file: file).parse(bytes)
    for w in warnings { assembler.log.append(w) }
    if isGraphML {
      switch result {
      case .failure(let d): assembler.log.append(d)
      case .success(let root): GraphDocumentDecoder(file: file).decode(root, into: &assembler)
      }
      return assembler.finish(path: file, encoding: .graphml)
    }
    switch result {
    case .failure(let d): assembler.log.append(d)
    case .success(let root): GraphDocumentDecoder(file: file).decode(root, into: &assembler)
    }
    return assembler.finish(path: file, encoding: isYAML ? .yaml : .json)
  }

  private static func loadDocument(
    _ file: String, path: String, yaml: Bool
  ) throws(InputError) -> LoadedGraph {
    let bytes = try FileAccess.readAll(file, limit: yaml ? maximumYAMLBytes : maximumJSONBytes)
    let loaded = loadDocument(bytes: bytes, file: file, yaml: yaml)
    return LoadedGraph(
      graph: loaded.graph, diagnostics: loaded.diagnostics, path: path, encoding: loaded.encoding)
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
