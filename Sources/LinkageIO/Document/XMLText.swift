import LinkageCore

/// What the XML writers (GraphML, GEXF) share: escaping text for attributes and elements, and
/// typing each field from the values it holds.
enum XMLText {
  /// Escapes `&`, `<`, `>` and `"`. XML 1.0 cannot hold C0 controls other than tab and line
  /// breaks: they are written as U+FFFD rather than produce a file no XML reader accepts.
  /// - Complexity: O(*n*) in the text's length.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default:
        if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }

  /// Whether `byte` is XML whitespace (space, tab, line feed, carriage return).
  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// `text` without leading and trailing XML whitespace.
  /// - Complexity: O(1) when there is none, else O(*n*).
  static func trimmed(_ text: String) -> String {
    let u = text.utf8
    guard let first = u.first, let last = u.last, isSpace(first) || isSpace(last) else {
      return text
    }
    var start = u.startIndex
    var end = u.endIndex
    while start < end, isSpace(u[start]) { u.formIndex(after: &start) }
    while end > start, isSpace(u[u.index(before: end)]) { u.formIndex(before: &end) }
    return String(text[start..<end])
  }

  /// An element's name without its namespace prefix (`viz:color` → `color`).
  /// - Complexity: O(*n*) in the name's length, no allocation.
  static func localName(_ name: String) -> Substring {
    guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name[...] }
    return name[name.utf8.index(after: colon)...]
  }

  /// Whether `text` (trimmed) is a NaN or infinity spelling, which no typed number can use.
  static func isNonNumber(_ trimmed: String) -> Bool {
    guard trimmed.utf8.count <= 9 else { return false }
    return ["nan", "inf", "+inf", "-inf", "infinity", "-infinity", "+infinity"].contains(
      trimmed.lowercased())
  }

  /// The value of an integer-typed text (`42`, `-7`, `+3`), or `nil` for a fraction, an
  /// exponent, text, or a magnitude over 2^53 (which a number cannot hold exactly).
  static func wholeNumber(_ trimmed: String) -> Double? {
    guard let n = Int64(trimmed), n.magnitude <= 1 << 53 else { return nil }
    return Double(n)
  }

  /// Whether an edge id is only a counter or a multigraph key (`7`, `e7`, as NetworkX, igraph
  /// and Linkage write them) rather than a name the data gives the edge.
  static func isEdgeCounter(_ id: String) -> Bool {
    let digits = id.first == "e" ? id.dropFirst() : id[...]
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// A field and the XML type that holds every one of its values.
  struct TypedField {
    let name: String
    /// The id the file refers to it by (`n0`, `e3`, …).
    let id: String
    /// `long` when every value is a whole number (NetworkX reads it back as an int), `double`
    /// when every value is a number, `boolean` when every value is one, else `string`.
    let type: String
  }

  /// The fields of `records` other than `skip`, in first-seen order, each typed.
  /// - Complexity: O(total number of fields).
  static func typedFields(
    _ records: [[Attribute]], skip: Set<String>, prefix: String
  )
    -> [TypedField]
  {
    var order: [String] = []
    var types: [String: String] = [:]
    for fields in records {
      for f in fields where !skip.contains(f.name) {
        let type: String
        switch f.value {
        case .number(let d):
          type = d == d.rounded() && abs(d) < 9_007_199_254_740_992 ? "long" : "double"
        case .bool: type = "boolean"
        case .string: type = "string"
        }
        if let known = types[f.name] {
          if known != type {
            let numeric: Set<String> = ["long", "double"]
            types[f.name] =
              numeric.contains(known) && numeric.contains(type) ? "double" : "string"
          }
        } else {
          types[f.name] = type
          order.append(f.name)
        }
      }
    }
    return order.enumerated().map { (k, name) in
      TypedField(name: name, id: "\(prefix)\(k)", type: types[name] ?? "string")
    }
  }
}
