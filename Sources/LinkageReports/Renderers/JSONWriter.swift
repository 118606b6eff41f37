import Dispatch
import Foundation
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
    drainIfFull()
  }

  package mutating func write(bytes more: [UInt8]) {
    bytes.append(contentsOf: more)
    drainIfFull()
  }

  /// Writes one byte (ASCII punctuation of the formats).
  @inline(__always)
  mutating func write(byte: UInt8) { bytes.append(byte) }

  /// Writes `,` (when `separator`), a newline and `indent` spaces: what comes before a
  /// member or item.
  mutating func write(separator: Bool, indent: Int) {
    if separator { bytes.append(UInt8(ascii: ",")) }
    if indent < Self.newlineAndSpaces.count {
      bytes.append(contentsOf: Self.newlineAndSpaces[..<(indent + 1)])
    } else {
      bytes.append(UInt8(ascii: "\n"))
      write(spaces: indent)
    }
  }

  private static let newlineAndSpaces = [UInt8(ascii: "\n")] + spaces

  /// Writes `count` spaces.
  mutating func write(spaces count: Int) {
    if count <= Self.spaces.count {
      bytes.append(contentsOf: Self.spaces[..<count])
    } else {
      bytes.append(contentsOf: repeatElement(0x20, count: count))
    }
  }

  /// Writes `s` as a JSON string literal.
  mutating func write(jsonString s: String) {
    JSONText.append(s, to: &bytes)
    drainIfFull()
  }

  /// Writes a number in canonical form (see `NumberFormat.canonical`).
  mutating func write(number d: Double) {
    NumberFormat.append(d, to: &bytes)
    drainIfFull()
  }

  /// Writes an integer in decimal.
  mutating func write(int i: Int) {
    var magnitude = i.magnitude
    if i < 0 { bytes.append(UInt8(ascii: "-")) }
    // At most 20 digits; written backwards into a small stack buffer.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var at = 20
      repeat {
        at -= 1
        digits[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at..<20]))
    }
    drainIfFull()
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 256)

  /// Drops what was written after `mark` (a byte count taken since the last flush).
  mutating func truncate(to mark: Int) {
    bytes.removeSubrange(mark...)
  }

  /// Hands the buffer to `flush` once it passes a megabyte.
  @inline(__always)
  mutating func drainIfFull() {
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

  /// Starts the next member or item: its separator and indentation.
  private mutating func next() {
    guard !counts.isEmpty else { return }
    let last = counts.count - 1
    let had = counts[last]
    counts[last] = had + 1
    stream.write(separator: had > 0, indent: 2 * counts.count)
  }

  /// Starts an object member: `"key": `.
  package mutating func key(_ name: String) {
    next()
    stream.write(jsonString: name)
    stream.write(byte: UInt8(ascii: ":"))
    stream.write(byte: UInt8(ascii: " "))
  }

  /// Starts an object member whose key was spelled once (for keys written per node).
  package mutating func key(_ name: Key) {
    next()
    stream.write(bytes: name.bytes)
  }

  /// A member key spelled once: its JSON string, colon and space.
  package struct Key: Sendable {
    let bytes: [UInt8]
    package init(_ name: String) {
      var bytes: [UInt8] = []
      JSONText.append(name, to: &bytes)
      bytes += [UInt8(ascii: ":"), UInt8(ascii: " ")]
      self.bytes = bytes
    }
  }

  /// Starts an array item (for items written with the value methods).
  package mutating func item() { next() }

  package mutating func beginObject() {
    stream.write(byte: UInt8(ascii: "{"))
    counts.append(0)
  }

  package mutating func endObject() { end(UInt8(ascii: "}")) }

  package mutating func beginArray() {
    stream.write(byte: UInt8(ascii: "["))
    counts.append(0)
  }

  package mutating func endArray() { end(UInt8(ascii: "]")) }

  private mutating func end(_ close: UInt8) {
    let had = counts.removeLast()
    if had > 0 {
      stream.write(byte: UInt8(ascii: "\n"))
      stream.write(spaces: 2 * counts.count)
    }
    stream.write(byte: close)
    stream.drainIfFull()
  }

  package mutating func string(_ s: String) { stream.write(jsonString: s) }
  package mutating func optionalString(_ s: String?) {
    if let s { string(s) } else { null() }
  }
  /// A number in canonical form; not finite numbers are `null`.
  package mutating func number(_ d: Double) {
    if d.isFinite { stream.write(number: d) } else { stream.write("null") }
  }
  /// An integer, as ``number(_:)`` spells it (digits below 10^15, the canonical form beyond).
  package mutating func int(_ i: Int) {
    if i.magnitude < 1_000_000_000_000_000 { stream.write(int: i) } else { number(Double(i)) }
  }
  package mutating func unsigned(_ u: UInt64) { stream.write(String(u)) }
  package mutating func bool(_ b: Bool) { stream.write(b ? "true" : "false") }
  package mutating func null() { stream.write("null") }

  /// An array of strings on one line.
  package mutating func strings(_ items: some Sequence<String>) {
    stream.write(byte: UInt8(ascii: "["))
    var first = true
    for s in items {
      if !first {
        stream.write(byte: UInt8(ascii: ","))
        stream.write(byte: UInt8(ascii: " "))
      }
      first = false
      stream.write(jsonString: s)
    }
    stream.write(byte: UInt8(ascii: "]"))
  }

  /// An array of node ids on one line: `names[node]` of each node.
  package mutating func ids(_ nodes: some Sequence<NodeIndex>, names: [String]) {
    stream.write(byte: UInt8(ascii: "["))
    var first = true
    for v in nodes { idItem(names[Int(v)], first: &first) }
    stream.write(byte: UInt8(ascii: "]"))
  }

  /// An array of numbers on one line.
  package mutating func numbers(_ items: [Double]) {
    stream.write(byte: UInt8(ascii: "["))
    for (i, d) in items.enumerated() {
      if i > 0 { stream.write(", ") }
      number(d)
    }
    stream.write(byte: UInt8(ascii: "]"))
  }

  /// An array of node ids on one line, of the nodes `each` hands to its argument, in order
  /// (no array of them is made).
  package mutating func ids(names: [String], _ each: (_ node: (NodeIndex) -> Void) -> Void) {
    stream.write(byte: UInt8(ascii: "["))
    var first = true
    each { v in idItem(names[Int(v)], first: &first) }
    stream.write(byte: UInt8(ascii: "]"))
  }

  /// Like ``ids(names:_:)``, but `null` when `each` returns false: no such list (it must
  /// then not have called its argument).
  package mutating func optionalIds(
    names: [String], _ each: (_ node: (NodeIndex) -> Void) -> Bool
  ) {
    var first = true
    // "[" is taken back when the list turns out not to exist (nothing was flushed in
    // between: only the ids flush).
    let mark = stream.bytes.count
    stream.write(byte: UInt8(ascii: "["))
    if each({ v in idItem(names[Int(v)], first: &first) }) {
      stream.write(byte: UInt8(ascii: "]"))
    } else {
      stream.truncate(to: mark)
      null()
    }
  }

  private mutating func idItem(_ id: String, first: inout Bool) {
    if !first {
      stream.write(byte: UInt8(ascii: ","))
      stream.write(byte: UInt8(ascii: " "))
    }
    first = false
    stream.write(jsonString: id)
  }

  /// Writes `count` items into the open array, item `k` by `write(&writer, k)`, exactly as
  /// if they were written one after another, but rendered in blocks on every core (a
  /// million-node list renders in parallel); blocks are written in order.
  /// - Complexity: the cost of the items, over the cores; memory for one block per core.
  package mutating func items(
    count: Int, _ write: @Sendable (inout JSONWriter, Int) -> Void
  ) {
    let block = 4096
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    guard count > block, cores > 1, !counts.isEmpty else {
      for k in 0..<count { write(&self, k) }
      return
    }
    let base = counts
    let before = counts[counts.count - 1]
    var start = 0
    while start < count {
      let round = min(cores, (count - start + block - 1) / block)
      let slots = ParallelSlots<[UInt8]>(count: round)
      let first = start
      DispatchQueue.concurrentPerform(iterations: round) { b in
        let lower = first + b * block
        let upper = min(count, lower + block)
        var w = JSONWriter(stream: ReportOutput())
        w.counts = base
        w.counts[w.counts.count - 1] = before + lower
        for k in lower..<upper { write(&w, k) }
        slots.set(b, w.stream.bytes)
      }
      for b in 0..<round { stream.write(bytes: slots.get(b) ?? []) }
      start = min(count, first + round * block)
    }
    counts[counts.count - 1] = before + count
  }

  /// A prebuilt value, at the current indentation.
  package mutating func value(_ v: JSONValue) {
    switch v {
    case .null: return null()
    case .bool(let b): return bool(b)
    case .number(let d): return number(d)
    case .unsigned(let u): return unsigned(u)
    case .string(let s): return string(s)
    case .array, .object: break
    }
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
