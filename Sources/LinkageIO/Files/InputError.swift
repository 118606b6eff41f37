import LinkageCore

/// Why an input could not be read at all (as opposed to a readable file with bad content,
/// which gives diagnostics).
package enum InputError: Error, Sendable, CustomStringConvertible {
  /// The path does not exist, or a dataset folder holds no graph (sysexits 66).
  case notFound(path: String, detail: String)
  /// The operating system refused to read or write (sysexits 74).
  case io(path: String, detail: String)
  /// The content cannot be taken as a graph at all, e.g. binary data (sysexits 65).
  case data(Diagnostic)

  package var description: String {
    switch self {
    case .notFound(let path, let detail): "\(path): \(detail)"
    case .io(let path, let detail): "\(path): \(detail)"
    case .data(let d): d.description
    }
  }
}
