import LinkageCore

/// A parsed YAML or JSON value with the place it was written, so the schema decoder can point
/// at the line and column of every problem.
struct DocumentNode: Sendable {
  indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([DocumentNode])
    case object([Member])
  }

  struct Member: Sendable {
    let key: String
    let keyLine: Int
    let keyColumn: Int
    let value: DocumentNode
  }

  let value: Value
  let line: Int
  let column: Int

  /// A short name of the value's type, for messages ("expected a mapping, found a list").
  var typeName: String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "a mapping"
    }
  }
}

/// The outcome of parsing a document: a root value, or the syntax error that stopped it.
enum DocumentParseResult: Sendable {
  case success(DocumentNode)
  case failure(Diagnostic)
}
