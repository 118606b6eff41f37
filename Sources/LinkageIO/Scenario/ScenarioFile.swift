import LinkageCore

/// A what-if as written, before it is resolved against a graph: the scenario file's entries
/// and the command line's `--fail`, `--fail-where`, `--cut` and `--add`, each with where it
/// was written so an unknown id can be pointed at.
///
/// A scenario file is YAML or JSON:
///
///     name: Netherlands embargo
///     description: export controls on Dutch lithography
///     fail: [kseed-silicon]            # ids (a string or a list)
///     fail_where: country=NLD          # selectors, as for --targets
///     cut: ["asml>tsmc", "a>b:supplies"]
///     add: new-supplier.yaml           # graph files, relative to the scenario file
package struct ScenarioSpec: Sendable, Equatable {
  /// One entry and where it was written (`nil`: the command line).
  package struct Entry: Sendable, Equatable {
    package let text: String
    package let location: SourceLocation?
    package init(_ text: String, at location: SourceLocation? = nil) {
      self.text = text
      self.location = location
    }
  }

  package var name: String?
  package var description: String?
  /// The scenario file, if the spec came from one.
  package var file: String?
  package var fail: [Entry] = []
  package var failWhere: [Entry] = []
  package var cut: [Entry] = []
  /// Graph files to add, as paths a loader can open.
  package var add: [Entry] = []

  package init() {}

  /// Whether the spec changes nothing.
  package var isEmpty: Bool { fail.isEmpty && failWhere.isEmpty && cut.isEmpty && add.isEmpty }

  /// This spec with `other`'s entries after its own (a file, then the command line).
  package func merged(with other: ScenarioSpec) -> ScenarioSpec {
    var out = self
    out.name = name ?? other.name
    out.description = description ?? other.description
    out.file = file ?? other.file
    out.fail += other.fail
    out.failWhere += other.failWhere
    out.cut += other.cut
    out.add += other.add
    return out
  }

  /// The keys a scenario file may have.
  package static let keys = ["name", "description", "fail", "fail_where", "cut", "add"]

  /// Reads a scenario file.
  /// - Throws: ``InputError`` when the file is missing or unreadable, is not YAML/JSON, or
  ///   has an unknown key or a value that is not a string or a list of strings (located).
  package static func read(_ path: String) throws(InputError) -> ScenarioSpec {
    let bytes = try FileAccess.readAll(path, limit: 16 << 20)
    let start = SourceLocation(file: path, line: 1, column: 1)
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      throw .data(
        Diagnostic(
          .error, "empty scenario file: expected a mapping with \(keys.joined(separator: ", "))",
          at: start))
    }
    if let problem = GraphLoader.checkText(bytes, file: path) { throw .data(problem) }
    let parsed =
      GraphLoader.sniff(bytes) == .json
      ? JSONDocumentParser(file: path).parse(bytes) : YAMLDocumentParser(file: path).parse(bytes)
    let root: DocumentNode
    switch parsed {
    case .failure(let d): throw .data(d)
    case .success(let node): root = node
    }
    func at(_ node: DocumentNode) -> SourceLocation {
      SourceLocation(file: path, line: node.line, column: node.column)
    }
    guard case .object(let members) = root.value else {
      throw .data(
        Diagnostic(
          .error,
          "a scenario file is a mapping with \(keys.joined(separator: ", ")); found \(root.typeName)",
          at: at(root)))
    }
    var spec = ScenarioSpec()
    spec.file = path
    let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    var seen = Set<String>()
    for m in members {
      let keyAt = SourceLocation(file: path, line: m.keyLine, column: m.keyColumn)
      guard seen.insert(m.key).inserted else {
        throw .data(Diagnostic(.error, "duplicate key '\(m.key)'", at: keyAt))
      }
      func strings() throws(InputError) -> [Entry] {
        switch m.value.value {
        case .string(let s): return [Entry(s, at: at(m.value))]
        case .null: return []
        case .array(let items):
          var out: [Entry] = []
          for item in items {
            guard case .string(let s) = item.value else {
              throw .data(
                Diagnostic(
                  .error, "'\(m.key)' lists strings; found \(item.typeName)", at: at(item)))
            }
            out.append(Entry(s, at: at(item)))
          }
          return out
        default:
          throw .data(
            Diagnostic(
              .error, "'\(m.key)' is a string or a list of strings; found \(m.value.typeName)",
              at: at(m.value)))
        }
      }
      switch m.key {
      case "name", "description":
        guard case .string(let s) = m.value.value else {
          throw .data(
            Diagnostic(
              .error, "'\(m.key)' is a string; found \(m.value.typeName)", at: at(m.value)))
        }
        if m.key == "name" { spec.name = s } else { spec.description = s }
      case "fail": spec.fail = try strings()
      case "fail_where": spec.failWhere = try strings()
      case "cut": spec.cut = try strings()
      case "add":
        spec.add = try strings().map { e in
          Entry(e.text.hasPrefix("/") ? e.text : tidy("\(folder)/\(e.text)"), at: e.location)
        }
      default:
        // Close spellings, and anagrams (`fial`) that the edit distance bound misses.
        let close =
          IDSuggestions.closest(to: m.key, in: keys, limit: 1)
          + keys.filter { $0.sorted() == m.key.lowercased().sorted() }
        throw .data(
          Diagnostic(
            .error,
            "unknown key '\(m.key)'\(close.isEmpty ? "" : "; did you mean '\(close[0])'?") (keys: \(keys.joined(separator: ", ")))",
            at: keyAt))
      }
    }
    return spec
  }

  /// `a/b/../c` as `a/c`, and `./x` as `x`: the path as a person would write it.
  static func tidy(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
      if part == "." && !parts.isEmpty || part == "." && path.hasPrefix("./") { continue }
      if part == "..", let last = parts.last, last != "..", last != "", last != "." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return joined.isEmpty ? "." : joined
  }
}
