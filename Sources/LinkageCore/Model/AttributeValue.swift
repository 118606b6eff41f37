/// One value of a node or edge attribute, as the input typed it.
package enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
  case string(String)
  case number(Double)
  case bool(Bool)

  /// The value as text: numbers in their shortest exact form (`7`, `0.61`, `1e-07`).
  package var description: String {
    switch self {
    case .string(let s): s
    case .number(let d): NumberFormat.canonical(d)
    case .bool(let b): b ? "true" : "false"
    }
  }

  package var number: Double? {
    if case .number(let d) = self { return d }
    return nil
  }

  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}

/// Number formatting and parsing shared by every reader and writer, so that a number written
/// by Linkage reads back as the same `Double`.
package enum NumberFormat {
  /// The shortest text that reads back as `value`: whole numbers without a fraction
  /// (`7`, not `7.0`), others in Swift's shortest round-tripping form.
  package static func canonical(_ value: Double) -> String {
    var bytes: [UInt8] = []
    append(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the canonical text of `value` (see ``canonical(_:)``) as UTF-8.
  ///
  /// Numbers with at most six decimals (the usual lead times, shares, confidences) take a fast
  /// path that is checked to read back exactly; others use Swift's shortest form.
  package static func append(_ value: Double, to out: inout [UInt8]) {
    if value == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    let magnitude = abs(value)
    if magnitude < 1e15 {
      for k in 0...6 {
        let scaled = (magnitude * powersOfTen[k]).rounded()
        guard scaled < 9.007_199_254_740_992e15 else { break }
        if scaled / powersOfTen[k] == magnitude {
          if value < 0 { out.append(UInt8(ascii: "-")) }
          appendDigits(UInt64(scaled), decimals: k, to: &out)
          return
        }
      }
    }
    out.append(contentsOf: "\(value)".utf8)
  }

  private static func appendDigits(_ value: UInt64, decimals: Int, to out: inout [UInt8]) {
    // At most 20 digits plus the zeros before a small fraction: a stack buffer, not an array.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
      var count = 0
      var v = value
      repeat {
        digits[count] = UInt8(48 + v % 10)
        count += 1
        v /= 10
      } while v > 0
      while count <= decimals {
        digits[count] = 48
        count += 1
      }
      for i in stride(from: count - 1, through: decimals, by: -1) { out.append(digits[i]) }
      if decimals > 0 {
        out.append(UInt8(ascii: "."))
        for i in stride(from: decimals - 1, through: 0, by: -1) { out.append(digits[i]) }
      }
    }
  }

  /// Parses a decimal number (`12`, `-0.5`, `1e-3`, `.5`), the JSON grammar made a little more
  /// lenient. Rejects `nan`, `inf`, hex, a leading `+`, and empty text.
  package static func parse<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
    let copy = Array(bytes)
    return copy.withUnsafeBufferPointer { parse($0) }
  }

  /// Parses a decimal number from raw bytes; see ``parse(_:)-generic``.
  package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let end = bytes.count
    guard i != end else { return nil }
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var exponent = 0
    var sawDigit = false
    while i != end, let d = digit(bytes[i]) {
      sawDigit = true
      if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        if mantissa != 0 { significant += 1 }
      } else {
        exponent += 1
      }
      digits += 1
      i += 1
    }
    if i != end, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i != end, let d = digit(bytes[i]) {
        sawDigit = true
        if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { significant += 1 }
          exponent -= 1
        }
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i != end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      var expNegative = false
      if i != end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        expNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var sawExp = false
      while i != end, let d = digit(bytes[i]) {
        sawExp = true
        if e < 100_000 { e = e * 10 + d }
        i += 1
      }
      guard sawExp else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == end else { return nil }
    _ = digits
    // Fast path: exact when the mantissa and the power of ten are both exactly representable.
    if mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 { value /= powersOfTen[-exponent] } else { value *= powersOfTen[exponent] }
      return negative ? -value : value
    }
    // Slow path: let the standard library round correctly.
    let text = String(decoding: bytes, as: UTF8.self)
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// Whether `text` is a number a CSV column may be read as: it parses, and it has no leading
  /// zero before another digit (`007` stays text, as it usually is a code).
  package static func parseColumnNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    if i < bytes.count, bytes[i] == UInt8(ascii: "0"), i + 1 < bytes.count,
      digit(bytes[i + 1]) != nil
    {
      return nil
    }
    return parse(bytes)
  }

  package static func parse(_ text: String) -> Double? {
    var copy = text
    return copy.withUTF8 { parse($0) }
  }

  @inline(__always)
  static func digit(_ byte: UInt8) -> Int? {
    byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
  }

  static let powersOfTen: [Double] = (0...22).map { e in
    var v = 1.0
    for _ in 0..<e { v *= 10 }
    return v
  }
}
