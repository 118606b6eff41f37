/// A place in an input file. Lines and columns count from 1; the column counts characters
/// (Unicode scalars), not bytes.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  package var file: String
  package var line: Int
  package var column: Int

  package init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  package var description: String { "\(file):\(line):\(column)" }
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
    var fileRank: [String: Int] = [:]
    for item in items {
      if let file = item.location?.file, fileRank[file] == nil { fileRank[file] = fileRank.count }
    }
    return items.enumerated().sorted { a, b in
      let la = a.element.location
      let lb = b.element.location
      if let la, let lb {
        if la.file != lb.file {
          return fileRank[la.file, default: 0] < fileRank[lb.file, default: 0]
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
