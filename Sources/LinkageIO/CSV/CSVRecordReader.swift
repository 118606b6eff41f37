import LinkageCore

/// One record of a CSV file, valid only inside the ``CSVRecordReader/forEachRecord(_:)``
/// callback that receives it.
struct CSVRecord {
  /// The line the record starts on (from 1).
  let line: Int
  /// The number of fields in the record (it may be more than were kept: see `keptCount`).
  let count: Int
  fileprivate let keptCount: Int
  fileprivate let base: UnsafePointer<UInt8>
  fileprivate let scratch: UnsafePointer<UInt8>?
  fileprivate let spans: UnsafePointer<CSVRecordReader.Span>
  fileprivate let recordStart: Int
  fileprivate let bomOffset: Int

  /// The bytes of field `i` (quotes removed, doubled quotes undone).
  @inline(__always)
  func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let span = spans[i]
    if span.scratchStart >= 0 {
      return UnsafeBufferPointer(start: scratch! + span.scratchStart, count: span.end - span.start)
    }
    return UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
  }

  func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

  /// The line and column (characters from 1) where field `i` begins.
  func position(of i: Int) -> (line: Int, column: Int) {
    guard i < keptCount else { return (line, 1) }
    let target = spans[i].rawStart
    var line = self.line
    var lineStart = recordStart
    var p = recordStart
    while p < target {
      if base[p] == 0x0A || (base[p] == 0x0D && base[p + 1] != 0x0A) {
        line += 1
        lineStart = p + 1
      }
      p += 1
    }
    if lineStart < bomOffset { lineStart = bomOffset }
    var column = 1
    p = lineStart
    while p < target {
      if base[p] & 0xC0 != 0x80 { column += 1 }
      p += 1
    }
    return (line, column)
  }
}

/// Why a CSV file could not be read further.
struct CSVFatalError: Error {
  let message: String
  let line: Int
  let column: Int
}

/// Reads RFC 4180 CSV records from a file in chunks, byte by byte, without making a `String`
/// per field.
///
/// - Fields may be quoted; quoted fields may hold commas, quotes (doubled) and line breaks.
/// - Lines end with LF, CRLF or CR. A UTF-8 byte order mark is skipped. Blank lines are
///   skipped.
/// - Bounded on hostile input: at most `maximumFields` fields are kept per record (the rest
///   are only counted), a record may be at most `maximumRecordBytes` long, and a NUL byte or
///   invalid UTF-8 stops reading with an error (a binary file named `.csv`).
struct CSVRecordReader {
  struct Span {
    var rawStart: Int  // where the field begins in the buffer (its opening quote, if any)
    var start: Int  // content start
    var end: Int  // content end (for escaped fields: length = end - start after unescaping)
    var scratchStart: Int  // where the unescaped content starts in scratch, or -1
  }

  static let chunkSize = 1 << 22
  let maximumRecordBytes: Int
  var maximumFields: Int

  private let file: ChunkedFileReader
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var eof = false
  private var line = 1
  private var spans: [Span] = []
  private var scratch: [UInt8] = []
  private var bomOffset = 0
  private var firstRead = true
  /// The file offset of `buffer[0]`.
  private var discarded = 0
  /// Records starting at or after this file offset are left to another reader.
  private let stopOffset: Int

  /// A reader of the whole file, or of the records that start in `range` (the last one may run
  /// past its end); line numbers then count from the range's start.
  init(
    path: String, range: Range<Int>? = nil, maximumFields: Int = 10_000,
    maximumRecordBytes: Int = 64 << 20
  ) throws(InputError) {
    file = try ChunkedFileReader(path: path)
    if let range, range.lowerBound > 0 {
      try file.seek(to: range.lowerBound)
      discarded = range.lowerBound
      firstRead = false
    }
    stopOffset = range?.upperBound ?? Int.max
    self.maximumFields = maximumFields
    self.maximumRecordBytes = maximumRecordBytes
    // One spare byte past the data keeps a sentinel so lookahead never reads out of bounds.
    buffer = [UInt8](repeating: 0, count: Self.chunkSize + 1)
    spans.reserveCapacity(64)
  }

  var fileSize: Int? { file.size }

  /// The file offset just past the last record read.
  var offset: Int { discarded + start }

  /// The line the next record starts on (relative to the range's start for a range reader).
  var nextLine: Int { line }

  /// Estimates the number of records from the line length in the first chunk, so callers can
  /// reserve storage once instead of regrowing it.
  mutating func estimatedRecordCount() throws(InputError) -> Int {
    if start == end, !eof { _ = try refill() }
    let sample = end - start
    guard sample > 0, let size = file.size else { return 0 }
    var lines = 0
    buffer.withUnsafeBufferPointer { b in
      for i in start..<end where b[i] == 0x0A { lines += 1 }
    }
    guard lines > 0 else { return 1 }
    return Int(Double(size) * Double(lines) / Double(sample) * 1.02) + 16
  }

  /// Fills the buffer after the unconsumed bytes; returns false at end of file.
  private mutating func refill() throws(InputError) -> Bool {
    if start > 0 {
      let n = end - start
      buffer.withUnsafeMutableBufferPointer { b in
        b.baseAddress!.update(from: b.baseAddress! + start, count: n)
      }
      discarded += start
      start = 0
      end = n
      bomOffset = 0
    }
    if end + 1 >= buffer.count {
      guard buffer.count - 1 < maximumRecordBytes else { return false }
      buffer.append(contentsOf: repeatElement(0, count: buffer.count))
    }
    // Leave the last byte free for the sentinel.
    let n = try file.read(into: &buffer, from: end, count: buffer.count - 1 - end)
    if n == 0 {
      eof = true
      return false
    }
    end += n
    buffer[end] = 0
    if firstRead {
      firstRead = false
      if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
        start = 3
        bomOffset = 3
      }
    }
    return true
  }

  /// Calls `body` with each record, in order.
  /// - Throws: ``CSVFatalError`` when the file cannot be parsed further, ``InputError`` when
  ///   it cannot be read, or what `body` throws.
  mutating func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    while true {
      if discarded + start >= stopOffset { return }
      if start == end {
        if eof { return }
        if try !refill() { if start == end { return } }
        continue
      }
      switch try parseRecord() {
      case .needMore:
        if try !refill() && !eof {
          throw CSVFatalError(
            message: "a record is longer than \(maximumRecordBytes >> 20) MiB; is this a CSV file?",
            line: line,
            column: 1)
        }
        continue
      case .blank(let next, let lines):
        start = next
        line += lines
      case .record(let next, let lines, let count):
        let recordStart = start
        let recordLine = line
        try scratch.withUnsafeBufferPointer { scratchBuffer in
          try buffer.withUnsafeBufferPointer { buf in
            try spans.withUnsafeBufferPointer { spanBuffer in
              try body(
                CSVRecord(
                  line: recordLine, count: count, keptCount: spanBuffer.count,
                  base: buf.baseAddress!,
                  scratch: scratchBuffer.baseAddress, spans: spanBuffer.baseAddress!,
                  recordStart: recordStart,
                  bomOffset: bomOffset))
            }
          }
        }
        start = next
        line += lines
      }
    }
  }

  private enum Outcome {
    case needMore
    case blank(next: Int, lines: Int)
    case record(next: Int, lines: Int, count: Int)
  }

  /// Parses one record at `start`.
  private mutating func parseRecord(atEOF: Bool = false) throws -> Outcome {
    spans.removeAll(keepingCapacity: true)
    scratch.removeAll(keepingCapacity: true)
    let end = self.end
    let startLine = line
    let limit = maximumFields
    return try buffer.withUnsafeBufferPointer { buf -> Outcome in
      let b = buf.baseAddress!
      var p = start
      var lines = 0
      var count = 0
      var nonASCII = false
      let atEOF = atEOF || eof
      while true {
        let fieldStart = p
        var span = Span(rawStart: p, start: p, end: p, scratchStart: -1)
        if p < end && b[p] == 0x22 {
          // Quoted field.
          p += 1
          span.start = p
          var escaped = false
          while true {
            while p < end && b[p] != 0x22 {
              let c = b[p]
              if c == 0x0A {
                lines += 1
              } else if c == 0x0D && b[p + 1] != 0x0A {
                lines += 1
              } else if c == 0 {
                throw binary(at: p, lineStart: startLine + lines)
              } else if c >= 0x80 {
                nonASCII = true
              }
              p += 1
            }
            if p >= end {
              if atEOF {
                let (l, c) = positionOf(fieldStart, b)
                throw CSVFatalError(
                  message: "unterminated quoted field: no closing '\"' before the end of the file",
                  line: l, column: c)
              }
              return .needMore
            }
            // b[p] is a quote: doubled or closing?
            if p + 1 < end && b[p + 1] == 0x22 {
              escaped = true
              p += 2
              continue
            }
            if p + 1 >= end && !atEOF { return .needMore }
            span.end = p
            p += 1
            break
          }
          if escaped {
            span.scratchStart = scratch.count
            var q = span.start
            while q < span.end {
              scratch.append(b[q])
              q += b[q] == 0x22 ? 2 : 1
            }
            span.end = span.start + (scratch.count - span.scratchStart)
          }
          if p < end && b[p] != 0x2C && b[p] != 0x0A && b[p] != 0x0D {
            let (l, c) = positionOf(p, b)
            throw CSVFatalError(
              message:
                "unexpected character after a closing quote: expected ',' or the end of the line",
              line: l,
              column: c)
          }
        } else {
          // Unquoted field: up to a comma or a line end.
          while p < end {
            let c = b[p]
            if c == 0x2C || c == 0x0A || c == 0x0D { break }
            if c == 0 { throw binary(at: p, lineStart: startLine + lines) }
            if c >= 0x80 { nonASCII = true }
            p += 1
          }
          if p >= end && !atEOF { return .needMore }
          span.start = fieldStart
          span.end = p
        }
        count += 1
        if count <= limit { spans.append(span) }
        if p >= end {
          // The last record of a file without a final line break.
          if nonASCII { try validateUTF8(b, from: start, to: p, line: startLine) }
          if count == 1 && span.end == span.start && span.rawStart == span.start {
            return .blank(next: p, lines: lines)
          }
          return .record(next: p, lines: lines, count: count)
        }
        let c = b[p]
        if c == 0x2C {
          p += 1
          continue
        }
        // Line end.
        if c == 0x0D {
          if p + 1 >= end && !atEOF { return .needMore }
          p += (b[p + 1] == 0x0A && p + 1 < end) ? 2 : 1
        } else {
          p += 1
        }
        lines += 1
        if nonASCII { try validateUTF8(b, from: start, to: p, line: startLine) }
        if count == 1 && span.end == span.start && span.rawStart == span.start {
          return .blank(next: p, lines: lines)
        }
        return .record(next: p, lines: lines, count: count)
      }
    }
  }

  private func positionOf(_ target: Int, _ b: UnsafePointer<UInt8>) -> (Int, Int) {
    var line = self.line
    var lineStart = start
    for p in start..<target where b[p] == 0x0A || (b[p] == 0x0D && b[p + 1] != 0x0A) {
      line += 1
      lineStart = p + 1
    }
    if lineStart < bomOffset { lineStart = bomOffset }
    var column = 1
    for p in lineStart..<target where b[p] & 0xC0 != 0x80 { column += 1 }
    return (line, column)
  }

  private func binary(at p: Int, lineStart: Int) -> CSVFatalError {
    let (l, c) = buffer.withUnsafeBufferPointer { positionOf(p, $0.baseAddress!) }
    return CSVFatalError(
      message: "binary data (a NUL byte): this is not a CSV text file", line: l, column: c)
  }

  private func validateUTF8(_ b: UnsafePointer<UInt8>, from: Int, to: Int, line: Int) throws {
    var p = from
    while p < to {
      let c = b[p]
      if c < 0x80 {
        p += 1
        continue
      }
      var need = 0
      var minimum: UInt32 = 0
      var scalar: UInt32 = 0
      if c & 0xE0 == 0xC0 {
        need = 1
        scalar = UInt32(c & 0x1F)
        minimum = 0x80
      } else if c & 0xF0 == 0xE0 {
        need = 2
        scalar = UInt32(c & 0x0F)
        minimum = 0x800
      } else if c & 0xF8 == 0xF0 {
        need = 3
        scalar = UInt32(c & 0x07)
        minimum = 0x10000
      } else {
        throw invalid(p, b)
      }
      guard p + need < to + 1, p + need <= to else { throw invalid(p, b) }
      for k in 1...need {
        guard b[p + k] & 0xC0 == 0x80 else { throw invalid(p, b) }
        scalar = scalar << 6 | UInt32(b[p + k] & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        throw invalid(p, b)
      }
      p += need + 1
    }
  }

  private func invalid(_ p: Int, _ b: UnsafePointer<UInt8>) -> CSVFatalError {
    let (l, c) = positionOf(p, b)
    return CSVFatalError(message: "invalid UTF-8: the file must be UTF-8 text", line: l, column: c)
  }
}
