import LinkageCore
import LinkageIO

/// Where renderers put their bytes: a growing buffer, handed to `flush` whenever it passes a
/// megabyte (so a million-node JSON document streams instead of piling up in memory).
package struct ReportOutput {
  package private(set) var bytes: [UInt8] = []
  private let flush: (([UInt8]) -> Void)?

  /// Collects everything in ``bytes``.
  package init() { flush = nil }

  /// Hands the bytes to `flush` in chunks of about a megabyte, and the rest at ``finish()``.
  package init(flush: @escaping ([UInt8]) -> Void) {
    self.flush = flush
    bytes.reserveCapacity(1 << 20 + 4096)
  }

  package mutating func write(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    if flush != nil && bytes.count >= 1 << 20 { drain() }
  }

  package mutating func write(bytes more: [UInt8]) {
    bytes.append(contentsOf: more)
    if flush != nil && bytes.count >= 1 << 20 { drain() }
  }

  /// Hands what is left to `flush` (nothing to do without one).
  package mutating func finish() { if flush != nil { drain() } }

  private mutating func drain() {
    guard let flush, !bytes.isEmpty else { return }
    flush(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  /// The collected bytes as text.
  package var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes pretty JSON as it goes, in exactly the layout of ``JSONValue/text(indent:)``: two
/// spaces per level, one member or item per line, arrays of scalars on one line.
///
/// Containers of containers are opened with ``beginObject()`` / ``beginArray()``; arrays of
/// scalars are written whole (``strings(_:)``, ``numbers(_:)``).
///
/// - Complexity: O(1) amortized per token; output is linear in what it prints.
package struct JSONWriter {
  package var stream: ReportOutput
  /// Per open container: how many members or items it has so far.
  private var counts: [Int] = []

  package init(stream: ReportOutput) { self.stream = stream }

  private var pad: String { String(repeating: " ", count: 2 * counts.count) }

  /// Starts the next member or item: its separator and indentation.
  private mutating func next() {
    guard !counts.isEmpty else { return }
    stream.write(counts[counts.count - 1] == 0 ? "\n" : ",\n")
    counts[counts.count - 1] += 1
    stream.write(pad)
  }

  /// Starts an object member: `"key": `.
  package mutating func key(_ name: String) {
    next()
    stream.write(JSONText.string(name))
    stream.write(": ")
  }

  /// Starts an array item (for items written with the value methods).
  package mutating func item() { next() }

  package mutating func beginObject() {
    stream.write("{")
    counts.append(0)
  }

  package mutating func endObject() { end("}") }

  package mutating func beginArray() {
    stream.write("[")
    counts.append(0)
  }

  package mutating func endArray() { end("]") }

  private mutating func end(_ close: String) {
    let had = counts.removeLast()
    if had > 0 {
      stream.write("\n")
      stream.write(pad)
    }
    stream.write(close)
  }

  package mutating func string(_ s: String) { stream.write(JSONText.string(s)) }
  package mutating func optionalString(_ s: String?) {
    if let s { string(s) } else { null() }
  }
  /// A number in canonical form; not finite numbers are `null`.
  package mutating func number(_ d: Double) {
    stream.write(d.isFinite ? NumberFormat.canonical(d) : "null")
  }
  package mutating func int(_ i: Int) { number(Double(i)) }
  package mutating func unsigned(_ u: UInt64) { stream.write(String(u)) }
  package mutating func bool(_ b: Bool) { stream.write(b ? "true" : "false") }
  package mutating func null() { stream.write("null") }

  /// An array of strings on one line.
  package mutating func strings(_ items: some Sequence<String>) {
    stream.write("[")
    var first = true
    for s in items {
      if !first { stream.write(", ") }
      first = false
      stream.write(JSONText.string(s))
    }
    stream.write("]")
  }

  /// An array of numbers on one line.
  package mutating func numbers(_ items: [Double]) {
    stream.write("[")
    for (i, d) in items.enumerated() {
      if i > 0 { stream.write(", ") }
      number(d)
    }
    stream.write("]")
  }

  /// A prebuilt value, at the current indentation.
  package mutating func value(_ v: JSONValue) {
    var text = ""
    v.write(to: &text, indent: 2 * counts.count)
    stream.write(text)
  }

  /// `key` then a prebuilt value.
  package mutating func member(_ name: String, _ v: JSONValue) {
    key(name)
    value(v)
  }
}
