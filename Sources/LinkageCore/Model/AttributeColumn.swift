/// The values of one attribute over all nodes (or all edges), stored by type.
///
/// A column is typed when every present value has one type; a column whose values mix types
/// (possible in YAML and JSON) keeps each value as written.
package struct AttributeColumn: Sendable {
  package enum Storage: Sendable {
    /// Numbers; `nan` marks an absent value.
    case numbers([Double])
    /// Interned strings: `codes[i]` indexes `pool`, `-1` marks an absent value.
    case strings(codes: [Int32], pool: [String])
    /// Booleans: `1` true, `0` false, `-1` absent.
    case bools([Int8])
    /// Any mix of types.
    case mixed([AttributeValue?])
  }

  package let name: String
  package let storage: Storage

  package init(name: String, storage: Storage) {
    self.name = name
    self.storage = storage
  }

  package var count: Int {
    switch storage {
    case .numbers(let a): a.count
    case .strings(let codes, _): codes.count
    case .bools(let a): a.count
    case .mixed(let a): a.count
    }
  }

  /// The value at `index`, or `nil` when absent.
  /// - Complexity: O(1).
  package subscript(index: Int) -> AttributeValue? {
    switch storage {
    case .numbers(let a):
      let v = a[index]
      return v.isNaN ? nil : .number(v)
    case .strings(let codes, let pool):
      let c = codes[index]
      return c < 0 ? nil : .string(pool[Int(c)])
    case .bools(let a):
      let b = a[index]
      return b < 0 ? nil : .bool(b == 1)
    case .mixed(let a):
      return a[index]
    }
  }

  /// The numeric value at `index`, or `nil` when absent or not a number.
  @inline(__always)
  package func number(at index: Int) -> Double? {
    switch storage {
    case .numbers(let a):
      let v = a[index]
      return v.isNaN ? nil : v
    case .mixed(let a):
      return a[index]?.number
    default:
      return nil
    }
  }

  /// Whether every present value is a number.
  package var isNumeric: Bool {
    if case .numbers = storage { return true }
    return false
  }
}

/// Builds an ``AttributeColumn`` value by value, choosing the narrowest storage that holds
/// every value exactly.
package struct AttributeColumnBuilder: Sendable {
  package let name: String
  private var numbers: [Double] = []
  private var bools: [Int8] = []
  private var codes: [Int32] = []
  private var pool: [String] = []
  private var poolIndex: [String: Int32] = [:]
  private var mixed: [AttributeValue?] = []
  /// Original text of numbers whose canonical form differs (`2.50`), kept in case the column
  /// turns out to be text and must be written back as read.
  private var numberTexts: [Int: String] = [:]
  private enum Mode: Hashable { case empty, numbers, bools, strings, mixed }
  private var mode = Mode.empty
  package private(set) var count = 0

  package init(name: String, count: Int = 0) {
    self.name = name
    for _ in 0..<count { appendMissing() }
  }

  package mutating func appendMissing() {
    switch mode {
    case .empty, .numbers: numbers.append(.nan)
    case .bools: bools.append(-1)
    case .strings: codes.append(-1)
    case .mixed: mixed.append(nil)
    }
    count += 1
  }

  package mutating func append(_ value: AttributeValue?) {
    guard let value else { return appendMissing() }
    switch value {
    case .number(let d): appendNumber(d, text: nil)
    case .bool(let b): appendBool(b)
    case .string(let s): appendString(s)
    }
  }

  /// Appends a number; `text` is how the input wrote it, when that is not canonical.
  package mutating func appendNumber(_ value: Double, text: String?) {
    switch mode {
    case .empty, .numbers:
      mode = .numbers
      if let text, text != NumberFormat.canonical(value) { numberTexts[count] = text }
      numbers.append(value)
    case .mixed:
      mixed.append(.number(value))
    case .bools, .strings:
      convertToMixed()
      mixed.append(.number(value))
    }
    count += 1
  }

  package mutating func appendBool(_ value: Bool) {
    switch mode {
    case .empty:
      mode = .bools
      bools = Array(repeating: -1, count: count)
      numbers = []
      bools.append(value ? 1 : 0)
    case .bools:
      bools.append(value ? 1 : 0)
    case .mixed:
      mixed.append(.bool(value))
    case .numbers, .strings:
      convertToMixed()
      mixed.append(.bool(value))
    }
    count += 1
  }

  package mutating func appendString(_ value: String) {
    switch mode {
    case .empty:
      mode = .strings
      codes = Array(repeating: -1, count: count)
      numbers = []
      codes.append(intern(value))
    case .strings:
      codes.append(intern(value))
    case .mixed:
      mixed.append(.string(value))
    case .numbers, .bools:
      convertToMixed()
      mixed.append(.string(value))
    }
    count += 1
  }

  /// Appends text from an untyped source (CSV): a number when the column has only held
  /// numbers so far and this is one too, `true`/`false` likewise, else text. A column that
  /// turns out to hold text turns every earlier value into the text it was read from.
  package mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.isEmpty { return appendMissing() }
    switch mode {
    case .empty, .numbers:
      if let d = NumberFormat.parseColumnNumber(bytes) {
        let text = String(decoding: bytes, as: UTF8.self)
        return appendNumber(d, text: text)
      }
      if mode == .empty, let b = Self.parseBool(bytes) { return appendBool(b) }
    case .bools:
      if let b = Self.parseBool(bytes) { return appendBool(b) }
    case .strings:
      return appendString(String(decoding: bytes, as: UTF8.self))
    case .mixed:
      break
    }
    convertToText()
    appendString(String(decoding: bytes, as: UTF8.self))
  }

  /// Appends every row of `other` (a column built separately, e.g. on another thread).
  /// - Complexity: O(rows of `other`); a plain copy when both hold only numbers.
  package mutating func append(contentsOf other: AttributeColumnBuilder) {
    let numeric: Set<Mode> = [.empty, .numbers]
    if numeric.contains(mode), numeric.contains(other.mode) {
      if other.mode == .numbers { mode = .numbers }
      for (row, text) in other.numberTexts { numberTexts[count + row] = text }
      numbers.append(contentsOf: other.numbers)
      count += other.count
      return
    }
    let column = other.build()
    for row in 0..<other.count {
      if case .number(let d)? = column[row] {
        appendNumber(d, text: other.numberTexts[row])
      } else {
        append(column[row])
      }
    }
  }

  static func parseBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    if bytes.elementsEqual("true".utf8) { return true }
    if bytes.elementsEqual("false".utf8) { return false }
    return nil
  }

  private mutating func intern(_ s: String) -> Int32 {
    if let c = poolIndex[s] { return c }
    let c = Int32(pool.count)
    pool.append(s)
    poolIndex[s] = c
    return c
  }

  /// Turns numbers or booleans read from text back into the text they came from.
  private mutating func convertToText() {
    let old = mode
    mode = .strings
    codes.removeAll(keepingCapacity: true)
    codes.reserveCapacity(count)
    switch old {
    case .numbers, .empty:
      for (i, v) in numbers.enumerated() {
        codes.append(v.isNaN ? -1 : intern(numberTexts[i] ?? NumberFormat.canonical(v)))
      }
      numbers = []
      numberTexts = [:]
    case .bools:
      for b in bools { codes.append(b < 0 ? -1 : intern(b == 1 ? "true" : "false")) }
      bools = []
    default:
      break
    }
  }

  private mutating func convertToMixed() {
    let column = AttributeColumn(name: name, storage: currentStorage())
    mixed = (0..<count).map { column[$0] }
    numbers = []
    bools = []
    codes = []
    mode = .mixed
  }

  private func currentStorage() -> AttributeColumn.Storage {
    switch mode {
    case .empty, .numbers: .numbers(numbers)
    case .bools: .bools(bools)
    case .strings: .strings(codes: codes, pool: pool)
    case .mixed: .mixed(mixed)
    }
  }

  package func build() -> AttributeColumn {
    AttributeColumn(name: name, storage: currentStorage())
  }
}

/// Named attribute columns of one table (nodes or edges), in the order they first appeared.
package struct AttributeTable: Sendable {
  package let columns: [AttributeColumn]
  private let index: [String: Int]

  package init(columns: [AttributeColumn]) {
    self.columns = columns
    var index: [String: Int] = [:]
    for (i, c) in columns.enumerated() { index[c.name] = i }
    self.index = index
  }

  package var names: [String] { columns.map(\.name) }

  /// The column named `name`, or `nil` when no row has that attribute.
  package subscript(name: String) -> AttributeColumn? {
    index[name].map { columns[$0] }
  }

  /// Every present attribute of row `row`, in column order.
  package func values(at row: Int) -> [Attribute] {
    columns.compactMap { c in c[row].map { Attribute(name: c.name, value: $0) } }
  }
}

/// A named attribute value of one node or edge.
package struct Attribute: Hashable, Sendable {
  package let name: String
  package let value: AttributeValue

  package init(name: String, value: AttributeValue) {
    self.name = name
    self.value = value
  }
}
