import LinkageCore
import Yams

/// Parses YAML text into a ``DocumentNode`` tree with line and column of every value, through
/// Yams (libyaml).
///
/// Scalars are typed by the YAML 1.2 core schema, not YAML 1.1: `yes`, `no`, `on`, `off` and
/// country codes like `NO` stay strings; `true`/`false` are booleans; `null`, `~` and empty
/// plain scalars are null; decimal numbers are numbers; quoted scalars are always strings.
/// Merge keys (`<<: *anchor`) are honored.
///
/// Hostile input is bounded: libyaml refuses nesting deeper than 1000 levels, and expanding
/// aliases may produce at most ``expansionBudget(forBytes:)`` values, so an alias bomb (a
/// "billion laughs" document) is an error, not an out-of-memory kill.
struct YAMLDocumentParser {
  let file: String

  static func expansionBudget(forBytes count: Int) -> Int { 1_000_000 + count * 4 }

  private struct Failure: Error {
    let message: String
    let mark: Mark?
  }

  func parse(_ bytes: [UInt8]) -> DocumentParseResult {
    var bytes = bytes
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      bytes.removeFirst(3)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let root: Node?
    do {
      let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
      root = try parser.singleRoot()
    } catch let error as YamlError {
      return .failure(diagnostic(for: error))
    } catch {
      return .failure(Diagnostic(.error, "cannot parse YAML: \(error)", at: location(nil)))
    }
    guard let root else {
      return .failure(
        Diagnostic(
          .error, "empty document: expected a mapping with `nodes:` and `edges:`", at: location(nil)
        ))
    }
    var budget = Self.expansionBudget(forBytes: bytes.count)
    do {
      return .success(try convert(root, budget: &budget, depth: 0))
    } catch let failure as Failure {
      return .failure(Diagnostic(.error, failure.message, at: location(failure.mark)))
    } catch {
      return .failure(Diagnostic(.error, "\(error)", at: location(nil)))
    }
  }

  private func location(_ mark: Mark?) -> SourceLocation {
    SourceLocation(file: file, line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1))
  }

  private func diagnostic(for error: YamlError) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "malformed YAML: \(problem)"
      if let context { message += " (\(context.text))" }
      return Diagnostic(.error, message, at: location(mark))
    case .reader(let problem, _, _, _):
      return Diagnostic(.error, "malformed YAML: \(problem)", at: location(nil))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return Diagnostic(
        .error,
        "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
        at: location(context.mark))
    default:
      return Diagnostic(.error, "malformed YAML: \(error)", at: location(nil))
    }
  }

  private func convert(_ node: Node, budget: inout Int, depth: Int) throws -> DocumentNode {
    budget -= 1
    guard budget >= 0 else {
      throw Failure(
        message:
          "the document expands to too many values (aliases that multiply content are refused)",
        mark: node.mark)
    }
    let line = node.mark?.line ?? 1
    let column = node.mark?.column ?? 1
    switch node {
    case .scalar(let scalar):
      return DocumentNode(value: Self.typed(scalar), line: line, column: column)
    case .sequence(let sequence):
      var items: [DocumentNode] = []
      items.reserveCapacity(sequence.count)
      for item in sequence { items.append(try convert(item, budget: &budget, depth: depth + 1)) }
      return DocumentNode(value: .array(items), line: line, column: column)
    case .mapping(let mapping):
      var members: [DocumentNode.Member] = []
      var merged: [DocumentNode.Member] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          throw Failure(
            message:
              "mapping keys must be plain text, found a \(key.mapping != nil ? "mapping" : "list")",
            mark: key.mark)
        }
        if keyScalar.string == "<<", keyScalar.style == .plain {
          // Merge key: the mapping (or each mapping of a list) adds its keys.
          let sources: [Node] = value.sequence.map { Array($0) } ?? [value]
          for source in sources {
            guard case .mapping = source else {
              throw Failure(
                message: "a merge key (<<) needs a mapping or a list of mappings", mark: source.mark
              )
            }
            let converted = try convert(source, budget: &budget, depth: depth + 1)
            if case .object(let extra) = converted.value { merged.append(contentsOf: extra) }
          }
          continue
        }
        members.append(
          DocumentNode.Member(
            key: keyScalar.string, keyLine: keyScalar.mark?.line ?? line,
            keyColumn: keyScalar.mark?.column ?? column,
            value: try convert(value, budget: &budget, depth: depth + 1)))
      }
      for m in merged where !members.contains(where: { $0.key == m.key }) { members.append(m) }
      return DocumentNode(value: .object(members), line: line, column: column)
    default:
      throw Failure(message: "unsupported YAML node", mark: node.mark)
    }
  }

  /// Types a scalar by the YAML 1.2 core schema (see the type's documentation).
  static func typed(_ scalar: Node.Scalar) -> DocumentNode.Value {
    let s = scalar.string
    switch scalar.tag.description {
    case "tag:yaml.org,2002:str": return .string(s)
    case "tag:yaml.org,2002:null": return .null
    case "tag:yaml.org,2002:bool": return s.lowercased() == "true" ? .bool(true) : .bool(false)
    case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
      if let d = NumberFormat.parse(s) { return .number(d) }
      return .string(s)
    default: break
    }
    guard scalar.style == .plain || scalar.style == .any else { return .string(s) }
    switch s {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    if let first = s.utf8.first,
      first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        || (first >= 48 && first <= 57)
    {
      let unsigned = first == UInt8(ascii: "+") ? String(s.dropFirst()) : s
      if let d = NumberFormat.parse(unsigned) { return .number(d) }
    }
    return .string(s)
  }
}
