import LinkageCore

/// A small, strict XML scanner for the graph formats (GraphML): elements, attributes, text,
/// comments, CDATA and the XML declaration, with line and column of everything.
///
/// Safe by construction: a document type declaration (`<!DOCTYPE`) is refused, so there are
/// no entity definitions to expand (billion laughs) and nothing external to fetch (XXE); only
/// the five predefined entities and character references are read. Nesting deeper than
/// ``maximumDepth`` and a single text or attribute value longer than ``maximumText`` bytes
/// are errors, so memory and time stay bounded by the file's size.
struct XMLScanner {
  enum Event {
    case start(name: String, attributes: [Attribute], line: Int, column: Int, empty: Bool)
    case end(name: String, line: Int, column: Int)
    case text(String, line: Int, column: Int)
  }

  struct Attribute {
    let name: String
    let value: String
    let line: Int
    let column: Int
  }

  struct Failure: Error {
    let message: String
    let line: Int
    let column: Int
  }

  static let maximumDepth = 256
  static let maximumText = 64 << 20

  private let bytes: [UInt8]
  private var i = 0
  private var line = 1
  private var column = 1
  private var open: [String] = []

  /// Whether text that is only XML whitespace (the indentation between elements) is passed
  /// over instead of reported: the graph formats have no meaning for it.
  private let skipsBlankText: Bool

  init(_ bytes: [UInt8], skipsBlankText: Bool = false) {
    self.bytes = bytes
    self.skipsBlankText = skipsBlankText
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
  }

  private func fail(_ message: String) -> Failure {
    Failure(message: message, line: line, column: column)
  }

  private mutating func advance() {
    if bytes[i] == 0x0A {
      line += 1
      column = 1
    } else if bytes[i] & 0xC0 != 0x80 {
      column += 1
    }
    i += 1
  }

  private func starts(with text: String) -> Bool {
    var k = i
    for b in text.utf8 {
      guard k < bytes.count, bytes[k] == b else { return false }
      k += 1
    }
    return true
  }

  private mutating func skip(_ text: String) {
    for _ in text.utf8 { advance() }
  }

  /// Skips up to and past `terminator`.
  private mutating func skip(past terminator: String, what: String) throws(Failure) {
    let (l, c) = (line, column)
    while i < bytes.count {
      if starts(with: terminator) {
        skip(terminator)
        return
      }
      advance()
    }
    throw Failure(message: "unterminated \(what)", line: l, column: c)
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
      || b == 0x5F || b == 0x2D || b == 0x2E || b == 0x3A
  }

  private mutating func name() throws(Failure) -> String {
    let start = i
    while i < bytes.count, Self.isNameByte(bytes[i]) { advance() }
    guard i > start else { throw fail("expected a name") }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  private mutating func spaces() {
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    {
      advance()
    }
  }

  /// Text up to `stop` (a byte), with entities and character references replaced.
  private mutating func decoded(until stop: UInt8, what: String) throws(Failure) -> String {
    // Most text has no references: one scan and one string, no buffer.
    var k = i
    while k < bytes.count, bytes[k] != stop, bytes[k] != 0x26 { k += 1 }
    if k == bytes.count || bytes[k] == stop {
      guard k - i <= Self.maximumText else {
        throw fail("\(what) longer than \(Self.maximumText >> 20) MiB")
      }
      let start = i
      while i < k { advance() }
      return String(decoding: bytes[start..<k], as: UTF8.self)
    }
    var out: [UInt8] = []
    while i < bytes.count, bytes[i] != stop {
      if bytes[i] == 0x26 {  // &
        let (l, c) = (line, column)
        advance()
        var entity: [UInt8] = []
        while i < bytes.count, bytes[i] != 0x3B, entity.count < 12 {
          entity.append(bytes[i])
          advance()
        }
        guard i < bytes.count, bytes[i] == 0x3B else {
          throw Failure(message: "unterminated entity reference", line: l, column: c)
        }
        advance()
        let text = String(decoding: entity, as: UTF8.self)
        switch text {
        case "lt": out.append(0x3C)
        case "gt": out.append(0x3E)
        case "amp": out.append(0x26)
        case "quot": out.append(0x22)
        case "apos": out.append(0x27)
        default:
          var code: UInt32? = nil
          if text.hasPrefix("#x") {
            code = UInt32(text.dropFirst(2), radix: 16)
          } else if text.hasPrefix("#") {
            code = UInt32(text.dropFirst(1))
          }
          guard let code, let scalar = Unicode.Scalar(code), code != 0 else {
            throw Failure(
              message:
                "unknown entity '&\(text);' (only &lt; &gt; &amp; &quot; &apos; and character references are read; DTD entities never are)",
              line: l, column: c)
          }
          out.append(contentsOf: String(Character(scalar)).utf8)
        }
      } else {
        out.append(bytes[i])
        advance()
      }
      if out.count > Self.maximumText {
        throw fail("\(what) longer than \(Self.maximumText >> 20) MiB")
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The next event, or nil at the end of the document.
  mutating func next() throws(Failure) -> Event? {
    while i < bytes.count {
      if bytes[i] != 0x3C {  // text
        if skipsBlankText || open.isEmpty {
          var k = i
          while k < bytes.count, XMLText.isSpace(bytes[k]) { k += 1 }
          if k == bytes.count || bytes[k] == 0x3C {
            while i < k { advance() }
            continue
          }
        }
        let (l, c) = (line, column)
        let text = try decoded(until: 0x3C, what: "a text")
        if open.isEmpty {
          guard text.allSatisfy(\.isWhitespace) else {
            throw Failure(message: "text outside the root element", line: l, column: c)
          }
          continue
        }
        return .text(text, line: l, column: c)
      }
      let second = i + 1 < bytes.count ? bytes[i + 1] : 0
      if second != 0x3F && second != 0x21 {  // not <? or <!: an element (the common case)
        return try element()
      }
      if starts(with: "<?") {
        try skip(past: "?>", what: "processing instruction")
        continue
      }
      if starts(with: "<!--") {
        try skip(past: "-->", what: "comment")
        continue
      }
      if starts(with: "<![CDATA[") {
        let (l, c) = (line, column)
        skip("<![CDATA[")
        let start = i
        while i < bytes.count, !starts(with: "]]>") { advance() }
        guard i < bytes.count else {
          throw Failure(message: "unterminated CDATA section", line: l, column: c)
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        skip("]]>")
        return .text(text, line: l, column: c)
      }
      if starts(with: "<!") {
        throw fail(
          "a document type declaration (<!DOCTYPE …>) is not read: no DTDs, entity definitions or external entities"
        )
      }
      return try element()
    }
    if let top = open.last { throw fail("the document ends inside <\(top)>") }
    return nil
  }

  /// A start or end tag, at its `<`.
  private mutating func element() throws(Failure) -> Event {
    let (l, c) = (line, column)
    advance()  // <
    if i < bytes.count, bytes[i] == 0x2F {  // </name>
      advance()
      let n = try name()
      spaces()
      guard i < bytes.count, bytes[i] == 0x3E else { throw fail("expected '>' after </\(n)") }
      advance()
      guard let top = open.last else {
        throw Failure(message: "closing tag </\(n)> with nothing open", line: l, column: c)
      }
      guard top == n else {
        throw Failure(message: "closing tag </\(n)> does not match <\(top)>", line: l, column: c)
      }
      open.removeLast()
      return .end(name: n, line: l, column: c)
    }
    let n = try name()
    var attributes: [Attribute] = []
    while true {
      spaces()
      guard i < bytes.count else {
        throw Failure(message: "unterminated tag <\(n)", line: l, column: c)
      }
      if bytes[i] == 0x3E {
        advance()
        guard open.count < Self.maximumDepth else {
          throw Failure(
            message: "elements nested deeper than \(Self.maximumDepth) levels", line: l,
            column: c)
        }
        open.append(n)
        return .start(name: n, attributes: attributes, line: l, column: c, empty: false)
      }
      if starts(with: "/>") {
        skip("/>")
        return .start(name: n, attributes: attributes, line: l, column: c, empty: true)
      }
      let (al, ac) = (line, column)
      let key = try name()
      spaces()
      guard i < bytes.count, bytes[i] == 0x3D else { throw fail("expected '=' after \(key)") }
      advance()
      spaces()
      guard i < bytes.count, bytes[i] == 0x22 || bytes[i] == 0x27 else {
        throw fail("expected a quoted value for \(key)")
      }
      let quote = bytes[i]
      advance()
      let value = try decoded(until: quote, what: "an attribute value")
      guard i < bytes.count else {
        throw Failure(message: "unterminated value of \(key)", line: al, column: ac)
      }
      advance()
      if attributes.contains(where: { $0.name == key }) {
        throw Failure(message: "attribute \(key) given twice", line: al, column: ac)
      }
      attributes.append(Attribute(name: key, value: value, line: al, column: ac))
    }
  }
}
