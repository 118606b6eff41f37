import LinkageCore

/// Parses JSON text (RFC 8259) into a ``DocumentNode`` tree with line and column of every
/// value.
///
/// Iterative (an explicit stack, never recursion) and byte-level; nesting deeper than
/// ``maximumDepth`` is refused with an error rather than risking the stack or memory.
/// Columns count Unicode scalars from 1, and are kept incrementally so that a minified,
/// single-line document still parses in linear time.
struct JSONDocumentParser {
  static let maximumDepth = 512

  let file: String

  /// An open array or object. Values are appended in place (`stack[last].items.append`), so
  /// each array's buffer stays uniquely referenced: copying it out of an enum payload and back
  /// made every append copy the whole array, and a 10 MB document took 46 s.
  private struct Container {
    let isObject: Bool
    let line: Int
    let column: Int
    var items: [DocumentNode] = []
    var members: [DocumentNode.Member] = []
    /// In an object: the key read for the next value (nil before it is read).
    var key: String? = nil
    var keyLine = 0
    var keyColumn = 0

    static func array(line: Int, column: Int) -> Container {
      Container(isObject: false, line: line, column: column)
    }

    static func object(line: Int, column: Int) -> Container {
      Container(isObject: true, line: line, column: column)
    }
  }

  private struct Failure: Error {
    let message: String
    let position: Int
  }

  /// Parses `bytes` (a UTF-8 BOM is skipped).
  /// - Complexity: O(*n*) time in the length of the text; O(depth) stack.
  func parse(_ bytes: [UInt8]) -> DocumentParseResult {
    bytes.withUnsafeBufferPointer { buf in
      var cursor = Cursor(bytes: buf)
      if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
        cursor.position = 3
        cursor.lineStart = 3
        cursor.cachePosition = 3
      }
      do {
        let root = try parseDocument(&cursor)
        return .success(root)
      } catch let failure as Failure {
        let (line, column) = cursor.lineColumn(of: failure.position)
        return .failure(
          Diagnostic(
            .error, failure.message, at: SourceLocation(file: file, line: line, column: column)))
      } catch {
        return .failure(
          Diagnostic(.error, "\(error)", at: SourceLocation(file: file, line: 1, column: 1)))
      }
    }
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var line = 1
    var lineStart = 0
    // Column cache for the current line: the column at `cachePosition`.
    var cachePosition = 0
    var cacheColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipWhitespace() {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0D:
          position += 1
        case 0x0A:
          position += 1
          line += 1
          lineStart = position
          cachePosition = position
          cacheColumn = 1
        default:
          return
        }
      }
    }

    /// Line and column of a position on the current line (or any earlier one, slowly).
    mutating func lineColumn(of target: Int) -> (Int, Int) {
      if target >= lineStart {
        if target < cachePosition {
          cachePosition = lineStart
          cacheColumn = 1
        }
        var p = cachePosition
        var c = cacheColumn
        while p < target && p < bytes.count {
          if bytes[p] & 0xC0 != 0x80 { c += 1 }
          p += 1
        }
        cachePosition = p
        cacheColumn = c
        return (line, c)
      }
      // A position on an earlier line (only for errors): count from the start.
      var l = 1
      var start = 0
      for p in 0..<min(target, bytes.count) where bytes[p] == 0x0A {
        l += 1
        start = p + 1
      }
      var c = 1
      for p in start..<target where bytes[p] & 0xC0 != 0x80 { c += 1 }
      return (l, c)
    }
  }

  private func parseDocument(_ cursor: inout Cursor) throws -> DocumentNode {
    var stack: [Container] = []
    cursor.skipWhitespace()
    guard cursor.position < cursor.bytes.count else {
      throw Failure(
        message: "empty document: expected a JSON object with \"nodes\" and \"edges\"",
        position: cursor.position)
    }
    var result: DocumentNode? = nil
    while true {
      cursor.skipWhitespace()
      // In an object, read a key first.
      if let top = stack.last, top.isObject, top.key == nil {
        guard cursor.position < cursor.bytes.count else {
          throw Failure(message: "unterminated object: expected '}'", position: cursor.position)
        }
        if cursor.bytes[cursor.position] == UInt8(ascii: "}") && top.members.isEmpty {
          cursor.position += 1
          stack.removeLast()
          let node = DocumentNode(value: .object([]), line: top.line, column: top.column)
          if try complete(node, &stack, &cursor, &result) { return result! }
          continue
        }
        guard cursor.bytes[cursor.position] == UInt8(ascii: "\"") else {
          if cursor.bytes[cursor.position] == UInt8(ascii: "}") {
            throw Failure(
              message: "trailing comma before '}' (JSON allows none)", position: cursor.position)
          }
          throw Failure(message: "expected a quoted key", position: cursor.position)
        }
        let (kl, kc) = cursor.lineColumn(of: cursor.position)
        let key = try parseString(&cursor)
        cursor.skipWhitespace()
        guard cursor.position < cursor.bytes.count,
          cursor.bytes[cursor.position] == UInt8(ascii: ":")
        else {
          throw Failure(message: "expected ':' after the key", position: cursor.position)
        }
        cursor.position += 1
        stack[stack.count - 1].key = key
        stack[stack.count - 1].keyLine = kl
        stack[stack.count - 1].keyColumn = kc
        cursor.skipWhitespace()
      }
      guard cursor.position < cursor.bytes.count else {
        throw Failure(
          message: "unexpected end of input: expected a value", position: cursor.position)
      }
      let (line, column) = cursor.lineColumn(of: cursor.position)
      let byte = cursor.bytes[cursor.position]
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        guard stack.count < Self.maximumDepth else {
          throw Failure(
            message: "nesting deeper than \(Self.maximumDepth) levels", position: cursor.position)
        }
        cursor.position += 1
        if byte == UInt8(ascii: "{") {
          stack.append(.object(line: line, column: column))
          continue
        }
        cursor.skipWhitespace()
        if cursor.position < cursor.bytes.count, cursor.bytes[cursor.position] == UInt8(ascii: "]")
        {
          cursor.position += 1
          if try complete(
            DocumentNode(value: .array([]), line: line, column: column), &stack, &cursor, &result)
          {
            return result!
          }
          continue
        }
        stack.append(.array(line: line, column: column))
        continue
      case UInt8(ascii: "\""):
        let s = try parseString(&cursor)
        if try complete(
          DocumentNode(value: .string(s), line: line, column: column), &stack, &cursor, &result)
        {
          return result!
        }
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        let value: DocumentNode.Value
        if matches(cursor, "true") {
          value = .bool(true)
          cursor.position += 4
        } else if matches(cursor, "false") {
          value = .bool(false)
          cursor.position += 5
        } else if matches(cursor, "null") {
          value = .null
          cursor.position += 4
        } else {
          throw Failure(
            message:
              "unexpected text: expected a value (string, number, true, false, null, object or array)",
            position: cursor.position)
        }
        if try complete(
          DocumentNode(value: value, line: line, column: column), &stack, &cursor, &result)
        {
          return result!
        }
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let start = cursor.position
        while cursor.position < cursor.bytes.count {
          let b = cursor.bytes[cursor.position]
          if (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
          {
            cursor.position += 1
          } else {
            break
          }
        }
        guard
          let d = NumberFormat.parse(
            UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.position]))
        else {
          throw Failure(message: "malformed number", position: start)
        }
        if try complete(
          DocumentNode(value: .number(d), line: line, column: column), &stack, &cursor, &result)
        {
          return result!
        }
      case UInt8(ascii: "]"):
        throw Failure(
          message: "trailing comma before ']' (JSON allows none)", position: cursor.position)
      default:
        throw Failure(message: "unexpected character: expected a value", position: cursor.position)
      }
    }
  }

  private func matches(_ cursor: Cursor, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard cursor.position + n <= cursor.bytes.count else { return false }
    let w = word.utf8Start
    for i in 0..<n where cursor.bytes[cursor.position + i] != w[i] { return false }
    return true
  }

  /// Adds a finished value to its container, then closes containers whose end follows.
  /// - Returns: `true` when the root value is complete.
  private func complete(
    _ node: DocumentNode, _ stack: inout [Container], _ cursor: inout Cursor,
    _ result: inout DocumentNode?
  ) throws -> Bool {
    var node = node
    while true {
      guard !stack.isEmpty else {
        cursor.skipWhitespace()
        guard cursor.position == cursor.bytes.count else {
          throw Failure(
            message: "unexpected text after the document's end", position: cursor.position)
        }
        result = node
        return true
      }
      cursor.skipWhitespace()
      let next = cursor.position < cursor.bytes.count ? cursor.bytes[cursor.position] : 0
      let last = stack.count - 1
      if !stack[last].isObject {
        stack[last].items.append(node)
        if next == UInt8(ascii: ",") {
          cursor.position += 1
          return false
        } else if next == UInt8(ascii: "]") {
          cursor.position += 1
          let top = stack.removeLast()
          node = DocumentNode(value: .array(top.items), line: top.line, column: top.column)
        } else {
          throw Failure(message: "expected ',' or ']' in the array", position: cursor.position)
        }
      } else {
        let member = DocumentNode.Member(
          key: stack[last].key ?? "", keyLine: stack[last].keyLine,
          keyColumn: stack[last].keyColumn, value: node)
        stack[last].members.append(member)
        stack[last].key = nil
        if next == UInt8(ascii: ",") {
          cursor.position += 1
          return false
        } else if next == UInt8(ascii: "}") {
          cursor.position += 1
          let top = stack.removeLast()
          node = DocumentNode(value: .object(top.members), line: top.line, column: top.column)
        } else {
          throw Failure(message: "expected ',' or '}' in the object", position: cursor.position)
        }
      }
    }
  }

  private func parseString(_ cursor: inout Cursor) throws -> String {
    let open = cursor.position
    cursor.position += 1
    let start = cursor.position
    let bytes = cursor.bytes
    // Fast path: no escapes.
    while cursor.position < bytes.count {
      let b = bytes[cursor.position]
      if b == UInt8(ascii: "\"") {
        let s = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor.position]), as: UTF8.self)
        cursor.position += 1
        return s
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 {
        throw Failure(
          message: b == 0x0A
            ? "unterminated string" : "control character in a string must be escaped",
          position: b == 0x0A ? open : cursor.position)
      }
      cursor.position += 1
    }
    var out = Array(bytes[start..<cursor.position])
    while cursor.position < bytes.count {
      let b = bytes[cursor.position]
      if b == UInt8(ascii: "\"") {
        cursor.position += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 {
        throw Failure(
          message: b == 0x0A
            ? "unterminated string" : "control character in a string must be escaped",
          position: b == 0x0A ? open : cursor.position)
      }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        cursor.position += 1
        continue
      }
      guard cursor.position + 1 < bytes.count else { break }
      let e = bytes[cursor.position + 1]
      cursor.position += 2
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4(&cursor)
        if (0xD800..<0xDC00).contains(scalar) {
          guard cursor.position + 1 < bytes.count, bytes[cursor.position] == UInt8(ascii: "\\"),
            bytes[cursor.position + 1] == UInt8(ascii: "u")
          else {
            throw Failure(message: "unpaired surrogate in \\u escape", position: cursor.position)
          }
          cursor.position += 2
          let low = try hex4(&cursor)
          guard (0xDC00..<0xE000).contains(low) else {
            throw Failure(message: "unpaired surrogate in \\u escape", position: cursor.position)
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw Failure(message: "unpaired surrogate in \\u escape", position: cursor.position)
        }
        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
      default:
        throw Failure(
          message: "unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string",
          position: cursor.position - 2)
      }
    }
    throw Failure(message: "unterminated string", position: open)
  }

  private func hex4(_ cursor: inout Cursor) throws -> UInt32 {
    guard cursor.position + 4 <= cursor.bytes.count else {
      throw Failure(message: "expected four hex digits after \\u", position: cursor.position)
    }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = cursor.bytes[cursor.position]
      let d: UInt32
      switch b {
      case 48...57: d = UInt32(b - 48)
      case 65...70: d = UInt32(b - 55)
      case 97...102: d = UInt32(b - 87)
      default:
        throw Failure(message: "expected four hex digits after \\u", position: cursor.position)
      }
      v = v * 16 + d
      cursor.position += 1
    }
    return v
  }
}
