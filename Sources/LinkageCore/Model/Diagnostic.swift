/// A place in an input file. Lines and columns count from 1; the column counts characters
/// (Unicode scalars), not bytes.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  package var file: String
  package var line: Int
  package var column: Int
  /// The worksheet, for a place in a workbook: then `line` is the row and `column` the
  /// column (1 = A), and the place reads `book.xlsx:nodes!C12`.
  package var sheet: String?

  package init(file: String, line: Int, column: Int, sheet: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.sheet = sheet
  }

  /// The cell reference of a workbook place (`nodes!C12`), else nil.
  package var cell: String? {
    guard let sheet else { return nil }
    return "\(sheet)!\(Self.columnLetters(column))\(line)"
  }

  /// A column number in letters: 1 → A, 27 → AA.
  package static func columnLetters(_ column: Int) -> String {
    var n = max(column, 1)
    var letters: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  package var description: String {
    if let cell { return "\(file):\(cell)" }
    return "\(file):\(line):\(column)"
  }
}

/// A problem found in an input, with its place.
///
/// Errors make a graph unusable (exit 65); warnings are shown and the graph is still built.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  package enum Severity: String, Sendable, Comparable {
    case error
    case warning

    package static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .error && rhs == .warning
    }
  }

  package var severity: Severity
  package var location: SourceLocation?
  package var message: String

  package init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `file:line:col: error: message`, the form compilers use, so editors can jump to it.
  package var description: String {
    if let location { return "\(location): \(severity.rawValue): \(message)" }
    return "\(severity.rawValue): \(message)"
  }
}

/// An ordered collection of diagnostics with a cap, so a file with millions of bad rows cannot
/// exhaust memory; the count of what was left out is kept.
package struct DiagnosticLog: Sendable {
  package private(set) var items: [Diagnostic] = []
  package private(set) var errorCount = 0
  package private(set) var warningCount = 0
  /// How many diagnostics are kept at most; the rest are only counted.
  package let limit: Int

  package init(limit: Int = 1000) { self.limit = limit }

  package var hasErrors: Bool { errorCount > 0 }
  /// How many diagnostics were counted but not kept.
  package var omitted: Int { errorCount + warningCount - items.count }

  package mutating func append(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .error { errorCount += 1 } else { warningCount += 1 }
    if items.count < limit { items.append(diagnostic) }
  }

  package mutating func error(_ message: String, at location: SourceLocation?) {
    append(Diagnostic(.error, message, at: location))
  }

  package mutating func warning(_ message: String, at location: SourceLocation?) {
    append(Diagnostic(.warning, message, at: location))
  }

  /// Moves every located diagnostic to `transform(location)` (a workbook reader turns its
  /// per-sheet file names into sheet and cell places).
  package mutating func relocate(_ transform: (SourceLocation) -> SourceLocation) {
    for i in items.indices {
      if let l = items[i].location { items[i].location = transform(l) }
    }
  }

  package mutating func append(contentsOf other: DiagnosticLog) {
    for item in other.items { append(item) }
    // Carry over what the other log only counted.
    let extraErrors = other.errorCount - other.items.filter { $0.severity == .error }.count
    let extraWarnings = other.warningCount - other.items.filter { $0.severity == .warning }.count
    errorCount += extraErrors
    warningCount += extraWarnings
  }

  /// Diagnostics in reading order: files in the order they were read (the nodes file before
  /// the edges that name its ids), then line and column; errors before warnings at one place.
  package var sorted: [Diagnostic] {
    // A workbook's sheets count as files of their own, in the order they were read.
    func key(_ l: SourceLocation) -> String { l.sheet.map { l.file + "\u{1}" + $0 } ?? l.file }
    var fileRank: [String: Int] = [:]
    for item in items {
      if let l = item.location, fileRank[key(l)] == nil { fileRank[key(l)] = fileRank.count }
    }
    return items.enumerated().sorted { a, b in
      let la = a.element.location
      let lb = b.element.location
      if let la, let lb {
        if key(la) != key(lb) {
          return fileRank[key(la), default: 0] < fileRank[key(lb), default: 0]
        }
        if la.line != lb.line { return la.line < lb.line }
        if la.column != lb.column { return la.column < lb.column }
      } else if (la == nil) != (lb == nil) {
        return la == nil
      }
      if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
      return a.offset < b.offset
    }.map(\.element)
  }
}
