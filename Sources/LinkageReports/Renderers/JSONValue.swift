import LinkageCore
import LinkageIO

/// A JSON value with ordered object keys, so output is byte-for-byte deterministic.
package enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  /// An integer printed exactly, even beyond 2^53 (seeds).
  case unsigned(UInt64)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func int(_ i: Int) -> JSONValue { .number(Double(i)) }
  package static func strings(_ s: [String]) -> JSONValue { .array(s.map { .string($0) }) }
  package static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

  /// The member `key` of an object (nil for other values or a missing key).
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// The items of an array, or an empty list for other values.
  package var items: [JSONValue] {
    if case .array(let a) = self { return a }
    return []
  }

  package var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  package var numberValue: Double? {
    if case .number(let d) = self { return d }
    if case .unsigned(let u) = self { return Double(u) }
    return nil
  }

  package var intValue: Int? { numberValue.map { Int($0) } }

  package var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  package var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// Pretty text: two-space indent; arrays of scalars on one line.
  package func text(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  package func write(to out: inout String, indent: Int) {
    var pad: String { String(repeating: " ", count: indent + 2) }
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let d): out += d.isFinite ? NumberFormat.canonical(d) : "null"
    case .unsigned(let u): out += String(u)
    case .string(let s): out += JSONText.string(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
      } else if items.allSatisfy(\.isScalar) {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += ", " }
          item.write(to: &out, indent: indent + 2)
        }
        out += "]"
      } else {
        out += "[\n"
        for (i, item) in items.enumerated() {
          out += pad
          item.write(to: &out, indent: indent + 2)
          out += i == items.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: " ", count: indent) + "]"
      }
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      let pad = pad
      for (i, (k, v)) in members.enumerated() {
        out += pad + JSONText.string(k) + ": "
        v.write(to: &out, indent: indent + 2)
        out += i == members.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }
}
