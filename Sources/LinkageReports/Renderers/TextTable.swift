import LinkageIO

/// A plain-text table for terminals: columns padded to their widest cell, counted in
/// terminal columns (East Asian wide characters count two), numbers right-aligned.
package struct TextTable: Sendable {
  package var headers: [String]
  package var rows: [[String]] = []
  package var rightAligned: Set<Int> = []

  package init(_ headers: [String], rightAligned: Set<Int> = []) {
    self.headers = headers
    self.rightAligned = rightAligned
  }

  package mutating func add(_ row: [String]) { rows.append(row) }

  package var text: String {
    var widths = headers.map(Self.width)
    for r in rows {
      for (i, c) in r.enumerated() where i < widths.count {
        widths[i] = max(widths[i], Self.width(c))
      }
    }
    func line(_ cells: [String]) -> String {
      var out = ""
      for (i, c) in cells.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - Self.width(c))
        let cell = rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad)
        out += (i == 0 ? "" : "  ") + cell
      }
      return out
    }
    var out = line(headers) + "\n"
    out += line(widths.map { String(repeating: "─", count: $0) }) + "\n"
    for r in rows { out += line(r) + "\n" }
    return out
  }

  /// Display width: wide (CJK, Hangul, fullwidth) characters take two columns.
  package static func width(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars {
      let v = u.value
      if v < 0x20 || (0x300...0x36F).contains(v) || v == 0x200B { continue }
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
        || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
        || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
        || (0x20000...0x3FFFD).contains(v)
      w += wide ? 2 : 1
    }
    return w
  }
}

/// CSV text of a result table, quoted by the one rule the graph writer uses too
/// (``LinkageIO/CSVField``).
package enum CSVText {
  package static func row(_ cells: [String]) -> String {
    var out: [UInt8] = []
    CSVField.appendRow(cells, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

extension String {
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
