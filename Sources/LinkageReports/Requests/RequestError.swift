import LinkageCore

/// A request that cannot be resolved against a graph: an unknown id, selector field or value,
/// a bad measure or pattern. It names the option it came from, so every command reports it
/// the same way (and the CLI exits 64).
package struct RequestError: Error, Sendable, CustomStringConvertible {
  /// The option (as the caller named it, e.g. `--targets`) the bad value came from.
  package let option: String
  /// What is wrong, without the option name.
  package let message: String
  /// The closest valid values, best first (empty when there is nothing close).
  package let suggestions: [String]
  /// For pattern errors: the text and the 1-based column to point a caret at.
  package let pointer: Pointer?

  /// A place in an option's text.
  package struct Pointer: Sendable {
    package let text: String
    package let column: Int
    package init(text: String, column: Int) {
      self.text = text
      self.column = column
    }
  }

  package init(
    option: String, message: String, suggestions: [String] = [], pointer: Pointer? = nil
  ) {
    self.option = option
    self.message = message
    self.suggestions = suggestions
    self.pointer = pointer
  }

  /// `--node: no node with id 'kseed'; did you mean 'kseed-silicon'?`, plus the pattern and a
  /// caret line when there is a pointer.
  package var description: String {
    var text = "\(option): \(message)"
    if !suggestions.isEmpty {
      text += "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
    }
    if let pointer {
      text += "\n  \(pointer.text)\n  \(String(repeating: " ", count: max(0, pointer.column - 1)))^"
    }
    return text
  }
}

/// The one "did you mean" helper: the closest of `candidates` to a mistyped `value`.
package enum Suggestions {
  /// Up to three candidates within a small edit distance, closest first, ties by text.
  /// - Complexity: O(*n* · *k*) for *n* candidates of length about *k*.
  package static func closest(to value: String, in candidates: some Sequence<String>) -> [String] {
    IDSuggestions.closest(to: value, in: candidates)
  }

  /// The error for an id that names no node.
  package static func unknownNode(_ id: String, option: String, in graph: SupplyGraph)
    -> RequestError
  {
    RequestError(
      option: option, message: "no node with id '\(id)'",
      suggestions: closest(to: id, in: graph.ids))
  }
}
